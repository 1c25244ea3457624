// `hash [-lr] [-p PATH] [-dt] [NAME ...]` as bash 5.1's hash.def: list the remembered command paths
// with their hit counts, forget them (-r, -d), remember one (NAME searched in PATH, or -p PATH),
// print them (-t) or print them as commands that would re-create the table (-l).

import type { Proc } from '../../sim/task.ts'
import type { Io } from '../exec/io.ts'
import { firstInPath } from '../exec/lookup.ts'
import type { Shell } from '../interp.ts'
import { builtinOptions } from './options.ts'

export function* hash(sh: Shell, argv: string[], io: Io): Proc<number> {
  const s = sh.session
  const table = s.hash
  const PATH = s.get('PATH')
  const parsed = builtinOptions(sh, io, argv, 'lrp:dt', 'hash [-lr] [-p pathname] [-dt] [name ...]')
  if (typeof parsed === 'number') return parsed
  const flags = new Set(parsed.seen.map((o) => o.letter))
  const pathname = [...parsed.seen].reverse().find((o) => o.letter === 'p')?.arg ?? null
  const names = parsed.operands
  if (!s.options.has('hashall')) {
    sh.error(io, 'hash: hashing disabled')
    return 1
  }
  if (flags.has('r')) table.flush()
  if (!names.length) {
    for (const f of ['d', 't']) {
      if (!flags.has(f)) continue
      sh.error(io, `hash: -${f}: option requires an argument`)
      return 1
    }
    if (flags.has('r') && !flags.has('l')) return 0
    const entries = table.list(PATH)
    if (flags.has('l')) for (const e of entries) io.out(`builtin hash -p ${e.path} ${e.name}\n`)
    else if (!entries.length) io.out('hash: hash table empty\n')
    else {
      io.out('hits\tcommand\n')
      for (const e of entries) io.out(`${String(e.hits).padStart(4)}\t${e.path}\n`)
    }
    return 0
  }
  let status = 0
  for (const name of names) {
    if (flags.has('d')) {
      if (!table.remove(name)) {
        sh.error(io, `hash: ${name}: not found`)
        status = 1
      }
      continue
    }
    if (flags.has('t')) {
      const path = table.find(name, PATH)
      if (path === undefined) {
        sh.error(io, `hash: ${name}: not found`)
        status = 1
      } else io.out(names.length > 1 ? `${name}\t${path}\n` : `${path}\n`)
      continue
    }
    if (pathname !== null) {
      table.insert(name, pathname, 0, PATH)
      continue
    }
    // Names with a slash and builtins and functions are not looked up (hash.def's add_hashed_command).
    if (name.includes('/') || sh.builtin(name) || s.functions.has(name)) continue
    const found = firstInPath(sh.env.commands, sh.host, s.cwd, PATH ?? '', name)
    if (found === undefined) {
      sh.error(io, `hash: ${name}: not found`)
      status = 1
    } else table.insert(name, found, 0, PATH)
  }
  return status
}
