// `alias` and `unalias` as bash 5.1's alias.def: define, list (sorted by name, each as a command
// that re-creates it) and remove the aliases the parser expands in command position
// (parse.ts, when `shopt expand_aliases` is on: interactive shells, or scripts that turn it on).

import type { Proc } from '../../sim/task.ts'
import type { Io } from '../exec/io.ts'
import type { Shell } from '../interp.ts'
import { builtinOptions } from './options.ts'

/** sh_single_quote: 'text', each ' written as '\''. */
export function singleQuote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`
}

/** legal_alias_name: no blank, metacharacter, quote, `$` or `/`. */
function legalName(name: string): boolean {
  return name !== '' && !/[\s()<>;&|"'\\`$/]/.test(name)
}

/** qsort_alias_compare: by first byte, then strcmp. */
function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** The line that re-creates an alias; a name that looks like an option comes after `--`. */
function definition(name: string, value: string): string {
  return `alias ${name.startsWith('-') ? '-- ' : ''}${name}=${singleQuote(value)}\n`
}

export function* alias(sh: Shell, argv: string[], io: Io): Proc<number> {
  const table = sh.session.aliases
  const parsed = builtinOptions(sh, io, argv, 'p', 'alias [-p] [name[=value] ... ]')
  if (typeof parsed === 'number') return parsed
  const args = parsed.operands
  const listAll = args.length === 0 || parsed.seen.length > 0
  if (listAll) for (const name of [...table.keys()].sort(byName)) io.out(definition(name, table.get(name)!))
  let status = 0
  for (const arg of args) {
    const eq = arg.indexOf('=')
    if (eq > 0) {
      const name = arg.slice(0, eq)
      if (!legalName(name)) {
        sh.error(io, `alias: \`${name}': invalid alias name`)
        status = 1
        continue
      }
      table.set(name, arg.slice(eq + 1))
      continue
    }
    const value = table.get(arg)
    if (value === undefined) {
      sh.error(io, `alias: ${arg}: not found`)
      status = 1
    } else io.out(definition(arg, value))
  }
  return status
}

export function* unalias(sh: Shell, argv: string[], io: Io): Proc<number> {
  const table = sh.session.aliases
  const parsed = builtinOptions(sh, io, argv, 'a', 'unalias [-a] name [name ...]')
  if (typeof parsed === 'number') return parsed
  const args = parsed.operands
  const all = parsed.seen.length > 0
  if (all) {
    table.clear()
    return 0
  }
  if (!args.length) {
    io.err('unalias: usage: unalias [-a] name [name ...]\n')
    return 2
  }
  let status = 0
  for (const name of args) {
    if (table.delete(name)) continue
    sh.error(io, `unalias: ${name}: not found`)
    status = 1
  }
  return status
}
