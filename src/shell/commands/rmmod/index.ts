// rmmod (kmod 28): unload a module, refusing one that is in use.

import { parseArgs } from '../../args/index.ts'
import { kmodArgs } from '../kmod-cli.ts'
import type { CommandDef } from '../types.ts'
import { HELP } from './help.ts'

/** No option is modelled: -f, -s and -v are known and refused. */
const ARGS = kmodArgs(HELP, {})

export const rmmod: CommandDef = {
  name: 'rmmod',
  path: '/usr/sbin/rmmod',
  summary: 'remove a module from the Linux kernel',
  args: ARGS,
  run(ctx) {
    const parsed = parseArgs(ctx, ARGS)
    if (typeof parsed === 'number') return parsed
    const names = parsed.operands
    if (!names.length) {
      ctx.err('rmmod: ERROR: missing module name.\n')
      return 1
    }
    for (const raw of names) {
      const name = raw.replace(/-/g, '_').replace(/\.ko$/, '')
      if (!ctx.host.modules.includes(name)) {
        ctx.err(`rmmod: ERROR: Module ${name} is not currently loaded\n`)
        return 1
      }
      const holders = name === 'ip_vs' ? ctx.host.modules.filter((m) => m.startsWith('ip_vs_')) : name === 'tunnel4' || name === 'ip_tunnel' ? ['ipip'].filter((m) => ctx.host.modules.includes(m)) : []
      if (holders.length) {
        ctx.err(`rmmod: ERROR: Module ${name} is in use by: ${holders.join(' ')}\n`)
        return 1
      }
      ctx.host.unloadModule(name)
    }
    return 0
  },
}
