// hostname: print the host name; -I the addresses of all interfaces except loopback.

import { formatIp } from '../../../net/addr.ts'
import type { CommandDef } from '../types.ts'

export const hostname: CommandDef = {
  name: 'hostname',
  path: '/usr/bin/hostname',
  summary: 'show the system host name',
  run(ctx) {
    if (ctx.argv[1] === '-I') {
      const ips = ctx.host.ip.ifaces.filter((i) => i.kind !== 'loopback').flatMap((i) => i.addrs.map((a) => formatIp(a.ip)))
      ctx.out(ips.join(' ') + ' \n')
      return 0
    }
    ctx.out(ctx.host.hostname + '\n')
    return 0
  },
}
