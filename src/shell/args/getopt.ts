// GNU getopt_long (glibc 2.34, RHEL 9) as a tokenizer: argv → options and operands in command-line
// order, stopping at the first error. The rules: operands may come between options (permutation)
// unless the spec stops at the first one; `--` ends the options; `-` alone is an operand; short
// options bundle (`-abc`), and one that takes an argument takes the rest of the word or, when the
// word ends, the next word whatever it is (`-n5`, `-n -5`); a long option takes `--opt=val` or, when
// its argument is required, the next word; a long name may be abbreviated to any prefix that
// names one option (an exact name always wins; prefixes naming the same option are not ambiguous).
// An optional argument is only ever glued (`-cVAL`, `--color=VAL`).

import { longNames, type ArgSpec, type OptDef } from './spec.ts'

export interface OptionToken {
  kind: 'option'
  key: string
  def: OptDef
  /** The argument, when the option has one (undefined for a bare optional argument). */
  value?: string
  /** How getopt names it in messages: `-n` or the full `--lines`. */
  name: string
  /** The argv word it came from, as typed (`-vn2`, `--li=4`). */
  word: string
}

export interface OperandToken {
  kind: 'operand'
  word: string
}

export type Token = OptionToken | OperandToken

/** What went wrong, with the words glibc quotes; args/index.ts turns them into its messages. */
export type GetoptError =
  | { kind: 'invalid'; letter: string }
  | { kind: 'unrecognized'; word: string }
  | { kind: 'ambiguous'; word: string; names: string[] }
  | { kind: 'short-needs-arg'; letter: string }
  | { kind: 'long-needs-arg'; name: string }
  | { kind: 'long-takes-no-arg'; name: string }

export interface Tokens {
  tokens: Token[]
  error?: GetoptError
  /** With `ignoresErrors`: each error glibc reported while the parse went on. */
  ignored?: GetoptError[]
}

interface LongEntry {
  name: string
  key: string
  def: OptDef
}

/** The long options in longopts order (`longOrder` first, then the rest as declared). */
export function longTable(spec: ArgSpec): LongEntry[] {
  const all: LongEntry[] = []
  for (const [key, def] of Object.entries(spec.options)) for (const name of longNames(def)) all.push({ name, key, def })
  if (!spec.longOrder) return all
  const rank = new Map(spec.longOrder.map((n, i) => [n, i]))
  return all.map((e, i) => ({ e, i })).sort((a, b) => (rank.get(a.e.name) ?? spec.longOrder!.length + a.i) - (rank.get(b.e.name) ?? spec.longOrder!.length + b.i)).map((x) => x.e)
}

function shortTable(spec: ArgSpec): Map<string, { key: string; def: OptDef }> {
  const m = new Map<string, { key: string; def: OptDef }>()
  for (const [key, def] of Object.entries(spec.options)) if (def.short) m.set(def.short, { key, def })
  return m
}

export function getopt(spec: ArgSpec, args: readonly string[]): Tokens {
  const shorts = shortTable(spec)
  const longs = longTable(spec)
  const tokens: Token[] = []
  const ignored: GetoptError[] = []
  // The first error ends the parse, unless the tool's loop ignores getopt's '?' and goes on.
  const fail = (error: GetoptError): Tokens | null => {
    if (!spec.ignoresErrors) return { tokens, error }
    ignored.push(error)
    return null
  }
  let i = 0
  const rest = () => {
    for (; i < args.length; i++) tokens.push({ kind: 'operand', word: args[i] })
  }
  for (; i < args.length; i++) {
    const word = args[i]
    if (word === '--') {
      i++
      rest()
      break
    }
    if (!word.startsWith('-') || word === '-') {
      if (spec.stopAtOperand) {
        rest()
        break
      }
      tokens.push({ kind: 'operand', word })
      continue
    }
    if (word.startsWith('--') && !spec.shortOnly) {
      const eq = word.indexOf('=')
      const typed = eq < 0 ? word.slice(2) : word.slice(2, eq)
      const exact = longs.find((l) => l.name === typed)
      let found = exact
      if (!found) {
        const matches = longs.filter((l) => l.name.startsWith(typed))
        const distinct = new Set(matches.map((m) => m.key))
        const error: GetoptError | null = !matches.length ? { kind: 'unrecognized', word } : distinct.size > 1 ? { kind: 'ambiguous', word, names: matches.map((m) => m.name) } : null
        if (error) {
          const r = fail(error)
          if (r) return r
          continue
        }
        found = matches[0]
      }
      const name = `--${found.name}`
      if (!found.def.arg) {
        if (eq >= 0) {
          const r = fail({ kind: 'long-takes-no-arg', name: found.name })
          if (r) return r
          continue
        }
        tokens.push({ kind: 'option', key: found.key, def: found.def, name, word })
      } else if (eq >= 0) tokens.push({ kind: 'option', key: found.key, def: found.def, value: word.slice(eq + 1), name, word })
      else if (found.def.arg === 'optional') tokens.push({ kind: 'option', key: found.key, def: found.def, name, word })
      else if (i + 1 < args.length) tokens.push({ kind: 'option', key: found.key, def: found.def, value: args[++i], name, word })
      else return fail({ kind: 'long-needs-arg', name: found.name }) ?? { tokens, ignored }
      continue
    }
    for (let j = 1; j < word.length; j++) {
      const letter = word[j]
      const opt = shorts.get(letter)
      if (!opt) {
        const r = fail({ kind: 'invalid', letter })
        if (r) return r
        continue
      }
      const name = `-${letter}`
      if (!opt.def.arg) {
        tokens.push({ kind: 'option', key: opt.key, def: opt.def, name, word })
        continue
      }
      const glued = word.slice(j + 1)
      if (glued) tokens.push({ kind: 'option', key: opt.key, def: opt.def, value: glued, name, word })
      else if (opt.def.arg === 'optional') tokens.push({ kind: 'option', key: opt.key, def: opt.def, name, word })
      else if (i + 1 < args.length) tokens.push({ kind: 'option', key: opt.key, def: opt.def, value: args[++i], name, word })
      else return fail({ kind: 'short-needs-arg', letter }) ?? { tokens, ignored }
      break
    }
  }
  return ignored.length ? { tokens, ignored } : { tokens }
}

/** glibc's message for each error (without the `prog: ` prefix). */
export function getoptMessage(e: GetoptError): string {
  switch (e.kind) {
    case 'invalid':
      return `invalid option -- '${e.letter}'`
    case 'unrecognized':
      return `unrecognized option '${e.word}'`
    case 'ambiguous':
      return `option '${e.word}' is ambiguous; possibilities:${e.names.map((n) => ` '--${n}'`).join('')}`
    case 'short-needs-arg':
      return `option requires an argument -- '${e.letter}'`
    case 'long-needs-arg':
      return `option '--${e.name}' requires an argument`
    case 'long-takes-no-arg':
      return `option '--${e.name}' doesn't allow an argument`
  }
}
