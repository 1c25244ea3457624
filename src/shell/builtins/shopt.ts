// `shopt [-pqsu] [-o] [optname ...]` as bash 5.1's shopt.def: turn shell options on (-s) and off
// (-u), ask (-q), and list them (as `name<TAB>on`, or with -p as the commands that set them);
// -o works on the `set -o` options instead.

import type { Proc } from '../../sim/task.ts'
import type { Io } from '../exec/io.ts'
import type { Shell } from '../interp.ts'
import { builtinOptions } from './options.ts'
import { SHOPT_NAMES } from '../session.ts'
import { O_NAMES } from './vars.ts'

export function* shopt(sh: Shell, argv: string[], io: Io): Proc<number> {
  const parsed = builtinOptions(sh, io, argv, 'pqsuo', 'shopt [-pqsu] [-o] [optname ...]')
  if (typeof parsed === 'number') return parsed
  const flags = new Set(parsed.seen.map((o) => o.letter))
  if (flags.has('s') && flags.has('u')) {
    sh.error(io, 'shopt: cannot set and unset shell options simultaneously')
    return 1
  }
  const setO = flags.has('o')
  const names = setO ? O_NAMES : SHOPT_NAMES
  const on = setO ? sh.session.options : sh.session.shopts
  const line = (name: string) => {
    if (flags.has('p')) return setO ? `set ${on.has(name) ? '-o' : '+o'} ${name}\n` : `shopt ${on.has(name) ? '-s' : '-u'} ${name}\n`
    return `${name.padEnd(15)}\t${on.has(name) ? 'on' : 'off'}\n`
  }
  const args = parsed.operands
  if (!args.length) {
    if (flags.has('q')) return 0
    // -s or -u alone: the options that are on (or off).
    for (const name of names) {
      if ((flags.has('s') && !on.has(name)) || (flags.has('u') && on.has(name))) continue
      io.out(line(name))
    }
    return 0
  }
  let status = 0
  for (const arg of args) {
    const name = names.find((n) => n === arg)
    if (name === undefined) {
      sh.error(io, setO ? `shopt: ${arg}: invalid option name` : `shopt: ${arg}: invalid shell option name`)
      status = 1
      continue
    }
    if (flags.has('s')) on.add(name)
    else if (flags.has('u')) on.delete(name)
    else {
      if (!on.has(name)) status = 1
      if (!flags.has('q')) io.out(line(name))
    }
  }
  return status
}
