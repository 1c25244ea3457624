// The one argument parser every verb declares its options to: GNU-style long options
// (`--lab nat`, `--lab=nat`), `-h`/`--help` everywhere, `--` ending the options, and usage
// errors that name the verb. A verb is one module exporting a Verb; verbs.ts lists them.

export interface OptionSpec {
  /** The long name without dashes: `lab` for `--lab`. */
  name: string
  /** Placeholder of the value (`ID`, `FILE`); absent for a flag that takes none. */
  arg?: string
  help: string
}

export interface Io {
  out(text: string): void
  err(text: string): void
  /** The whole of standard input (a script piped in). */
  stdin(): string
  /** A file's text, or null when it cannot be read (the message is already on stderr). */
  readFile(path: string): string | null
}

export interface Parsed {
  values: Map<string, string>
  flags: Set<string>
  operands: string[]
}

export interface Verb {
  name: string
  summary: string
  /** What follows `lvs-lab VERB` in the synopsis: `--lab ID [--script FILE]`. */
  synopsis: string
  options: OptionSpec[]
  /** A longer explanation printed by `lvs-lab help VERB`. */
  description?: string
  /** Most verbs take no operands; those that do say so. */
  operands?: boolean
  /** Runs the verb; returns the exit status (a verb that builds files may take its time: a promise of it). A UsageError becomes exit 2 with the usage on stderr. */
  main(args: Parsed, io: Io): number | Promise<number>
}

/** Wrong use of the command line: exit 2, the message and the verb's usage on stderr. */
export class UsageError extends Error {}

const HELP: OptionSpec = { name: 'help', help: 'print this help and exit' }

export function parseArgs(verb: Verb, argv: readonly string[]): Parsed {
  const specs = new Map([...verb.options, HELP].map((o) => [o.name, o]))
  const values = new Map<string, string>()
  const flags = new Set<string>()
  const operands: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--') {
      operands.push(...argv.slice(i + 1))
      break
    }
    if (a === '-h') {
      flags.add('help')
      continue
    }
    if (!a.startsWith('--') || a === '-') {
      if (a.startsWith('-') && a !== '-') throw new UsageError(`invalid option -- '${a.slice(1, 2)}'`)
      operands.push(a)
      continue
    }
    const eq = a.indexOf('=')
    const name = a.slice(2, eq < 0 ? undefined : eq)
    const spec = specs.get(name)
    if (!spec) throw new UsageError(`unrecognized option '${eq < 0 ? a : a.slice(0, eq)}'`)
    if (!spec.arg) {
      if (eq >= 0) throw new UsageError(`option '--${name}' doesn't allow an argument`)
      flags.add(name)
      continue
    }
    const value = eq >= 0 ? a.slice(eq + 1) : argv[++i]
    if (value === undefined) throw new UsageError(`option '--${name}' requires an argument`)
    values.set(name, value)
  }
  if (operands.length && !verb.operands && !flags.has('help')) throw new UsageError(`unexpected argument '${operands[0]}'`)
  return { values, flags, operands }
}

/** `lvs-lab VERB` usage: the synopsis and every option with its help. */
export function usage(verb: Verb): string {
  const opts = [...verb.options, HELP]
  const left = opts.map((o) => `  --${o.name}${o.arg ? ` ${o.arg}` : ''}`)
  const width = Math.max(...left.map((l) => l.length)) + 2
  const lines = [`usage: lvs-lab ${verb.name}${verb.synopsis ? ` ${verb.synopsis}` : ''}`, '', verb.summary]
  if (verb.description) lines.push('', verb.description)
  lines.push('', 'options:', ...opts.map((o, i) => `${left[i].padEnd(width)}${o.help}`))
  return lines.join('\n') + '\n'
}

/** A decimal integer option (`--seed 7`), or a usage error naming what was given. */
export function integerOption(args: Parsed, name: string, fallback: number): number {
  const text = args.values.get(name)
  if (text === undefined) return fallback
  if (!/^[+-]?\d+$/.test(text) || !Number.isSafeInteger(Number(text))) throw new UsageError(`invalid --${name} '${text}': expected an integer`)
  return Number(text)
}
