// `getopts optstring name [arg ...]` (getopts.def, lib/sh/getopt.c): one option per call from the
// positional parameters (or the args given), OPTIND and OPTARG as bash keeps them, bundled options
// (-ab), option arguments attached or separate, `--`, and the silent mode of a leading `:`.
// Errors read `$0: illegal option -- z`, without a line number, as bash's getopt prints them.

import type { Proc } from '../../sim/task.ts'
import type { Io } from '../exec/io.ts'
import type { Shell } from '../interp.ts'

/** Where getopts is inside a bundled argument (bash's static `sp`), per session. */
const position = new WeakMap<object, { optind: number; pos: number }>()

export function* getopts(sh: Shell, argv: string[], io: Io): Proc<number> {
  if (argv.length < 3) {
    io.err('getopts: usage: getopts optstring name [arg ...]\n')
    return 2
  }
  const [, optstring, name] = argv
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    sh.error(io, `getopts: \`${name}': not a valid identifier`)
    return 1
  }
  const s = sh.session
  const args = argv.length > 3 ? argv.slice(3) : s.positional
  const silent = optstring.startsWith(':')
  let optind = Number(s.get('OPTIND') ?? '1') || 1
  const state = position.get(s)
  let pos = state && state.optind === optind ? state.pos : 0
  const end = () => {
    position.delete(s)
    s.set('OPTIND', String(optind))
    sh.assign(name, '?', io)
    s.vars.delete('OPTARG')
    return 1
  }
  if (pos === 0) {
    const a = args[optind - 1]
    if (a === undefined || !a.startsWith('-') || a === '-') return end()
    if (a === '--') {
      optind++
      return end()
    }
    pos = 1
  }
  const arg = args[optind - 1]
  const c = arg[pos++]
  if (pos >= arg.length) {
    optind++
    pos = 0
  }
  const idx = c === ':' ? -1 : optstring.indexOf(c)
  const finish = (value: string, optarg: string | null) => {
    position.set(s, { optind, pos })
    s.set('OPTIND', String(optind))
    sh.assign(name, value, io)
    if (optarg === null) s.vars.delete('OPTARG')
    else s.set('OPTARG', optarg)
    return 0
  }
  if (idx < 0) {
    if (!silent) io.err(`${s.argv0}: illegal option -- ${c}\n`)
    return finish('?', silent ? c : null)
  }
  if (optstring[idx + 1] !== ':') return finish(c, null)
  if (pos > 0) {
    const value = arg.slice(pos)
    optind++
    pos = 0
    return finish(c, value)
  }
  if (optind <= args.length) {
    const value = args[optind - 1]
    optind++
    return finish(c, value)
  }
  if (silent) return finish(':', c)
  io.err(`${s.argv0}: option requires an argument -- ${c}\n`)
  return finish('?', null)
}
