// ipvsadm-save: the shell wrapper around `ipvsadm -S`, accepting only -n.

import type { CommandDef } from '../types.ts'
import { ipvsadm } from '../ipvsadm/run.ts'

export const ipvsadmSave: CommandDef = {
  name: 'ipvsadm-save',
  path: '/usr/sbin/ipvsadm-save',
  summary: 'save the IPVS table to stdout',
  pkg: 'ipvsadm',
  completions: ['-n'],
  run(ctx) {
    const args = ctx.argv.slice(1)
    if (args.some((a) => a.startsWith('-') && a !== '-n')) {
      const me = ctx.argv[0].slice(ctx.argv[0].lastIndexOf('/') + 1)
      ctx.err(`${me}: Script to save the IPVS table to stdout.\n   With the -n option, prints out the table in numeric format.\n`)
      return 1
    }
    return ipvsadm(ctx.host, ['ipvsadm', '-S', ...(args.includes('-n') ? ['-n'] : [])], '', ctx)
  },
}
