// ipvsadm-restore: the shell wrapper that drops `#` lines, clears the table, then feeds `ipvsadm -R`.

import type { CommandDef } from '../types.ts'
import { ipvsadm } from '../ipvsadm/run.ts'

export const ipvsadmRestore: CommandDef = {
  name: 'ipvsadm-restore',
  path: '/usr/sbin/ipvsadm-restore',
  summary: 'restore the IPVS table from stdin',
  pkg: 'ipvsadm',
  *run(ctx) {
    const rules = (yield* ctx.stdin.readAll())
      .split('\n')
      .filter((l) => !l.startsWith('#'))
      .join('\n')
    ipvsadm(ctx.host, ['ipvsadm', '-C'], '', ctx)
    return ipvsadm(ctx.host, ['ipvsadm', '-R'], rules, ctx)
  },
}
