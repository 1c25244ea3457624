// One option parser for every command: a command declares its options (args/spec.ts) and calls
// `parseArgs`, which tokenizes argv by getopt_long's or popt's rules, reads each value in
// command-line order, answers `--help`/`--version`, and on a usage error writes the real tool's
// message (`cat: invalid option -- 'z'` + `Try 'cat --help' for more information.`) and gives
// back its exit status. The program name is argv[0] as invoked, as glibc and coreutils print it.

import { getopt, getoptMessage, type Token } from './getopt.ts'
import { helpText } from './help.ts'
import { popt } from './popt.ts'
import { isFail, type ArgSpec, type Options, type Values } from './spec.ts'

export { defineArgs, isFail, type ArgSpec, type Fail, type OptDef, type Options, type Values } from './spec.ts'
export { helpText, optionWords } from './help.ts'
export { coreutilsFooter, coreutilsVersion, MANDATORY } from './gnu.ts'

/** The part of a command's context the parser needs. */
export interface Invocation {
  argv: readonly string[]
  out(text: string): void
  err(text: string): void
}

export interface Seen<O extends Options> {
  key: keyof O & string
  /** The parsed value (true for a flag). */
  value: unknown
  /** `-n` or `--lines`, as getopt names the option. */
  name: string
}

export interface Parsed<O extends Options> {
  opts: Values<O>
  operands: string[]
  /** Every option in command-line order, for the tools where the later of two options wins. */
  seen: Seen<O>[]
  /** How many times an option was given (`-v -v`). */
  count(key: keyof O & string): number
}

const HELP = ' help'
const VERSION = ' version'

const withStandard = new WeakMap<ArgSpec, ArgSpec>()

/** getopt_long tools list `--help` and `--version` last in their longopts; so does this. */
function effective(spec: ArgSpec): ArgSpec {
  if (!spec.version) return spec
  let s = withStandard.get(spec)
  if (!s) {
    s = { ...spec, options: { ...spec.options, [HELP]: { long: 'help' }, [VERSION]: { long: 'version' } } }
    withStandard.set(spec, s)
  }
  return s
}

export function tryHelpText(spec: ArgSpec, prog: string): string {
  return spec.tryHelp ? spec.tryHelp(prog, () => helpText(spec, prog)) : `Try '${prog} --help' for more information.\n`
}

/** A usage error found after parsing (`seq: missing operand`): the message, the Try line, the status. */
export function usageError(ctx: Invocation, spec: ArgSpec, message: string): number {
  const prog = ctx.argv[0]
  ctx.err(`${prog}: ${message}\n${tryHelpText(spec, prog)}`)
  return spec.usageStatus
}

export function parseArgs<O extends Options>(ctx: Invocation, spec: ArgSpec<O>): Parsed<O> | number {
  const prog = ctx.argv[0]
  const full = effective(spec)
  const args = ctx.argv.slice(1)
  let tokens: Token[]
  let error: string | undefined
  if (spec.flavour === 'popt') {
    const r = popt(full, args)
    tokens = r.tokens
    if (r.error) error = `${r.error.word}: ${r.error.message}\n`
  } else {
    const r = getopt(full, args)
    tokens = r.tokens
    for (const e of r.ignored ?? []) {
      const message = spec.message ? spec.message(e, spec) : getoptMessage(e)
      if (message !== undefined) ctx.err(`${prog}: ${message}\n`)
    }
    if (r.error) {
      const message = spec.message ? spec.message(r.error, spec) : getoptMessage(r.error)
      error = `${message === undefined ? '' : `${prog}: ${message}\n`}${tryHelpText(spec, prog)}`
    }
  }
  const opts: Record<string, unknown> = Object.create(null)
  for (const [key, def] of Object.entries(spec.options)) opts[key] = !def.arg ? false : def.list ? [] : undefined
  const operands: string[] = []
  const seen: Seen<O>[] = []
  const counts = new Map<string, number>()
  for (const t of tokens) {
    if (t.kind === 'operand') {
      operands.push(t.word)
      continue
    }
    if (t.key === HELP) {
      ctx.out(helpText(spec, prog))
      return 0
    }
    if (t.key === VERSION) {
      ctx.out(spec.version!)
      return 0
    }
    if (t.def.unsimulated) {
      ctx.err(`${prog}: option '${t.name}' is not simulated in LVS Lab\n`)
      return spec.usageStatus
    }
    let value: unknown = true
    if (t.def.arg) {
      const raw = t.value ?? t.def.bare ?? ''
      value = t.def.parse ? t.def.parse(raw) : raw
      if (isFail(value)) {
        ctx.err(`${prog}: ${value.fail}\n${value.tryHelp ? tryHelpText(spec, prog) : ''}`)
        return value.status ?? spec.usageStatus
      }
      if (t.def.list) (opts[t.key] as unknown[]).push(value)
      else opts[t.key] = value
    } else opts[t.key] = true
    counts.set(t.key, (counts.get(t.key) ?? 0) + 1)
    seen.push({ key: t.key as keyof O & string, value, name: t.name })
  }
  if (error !== undefined) {
    ctx.err(error)
    return spec.usageStatus
  }
  return { opts: opts as Values<O>, operands, seen, count: (key) => counts.get(key) ?? 0 }
}
