// arp (net-tools): the neighbour table in the Linux format (`arp -n`) or BSD style (`arp -a`).
// net-tools is not in a minimal RHEL 9, so the command exists only after `dnf install net-tools`.

import { formatIp } from '../../../net/addr.ts'
import { Names } from '../../../host/names.ts'
import type { CommandDef } from '../types.ts'

export const arp: CommandDef = {
  name: 'arp',
  path: '/usr/sbin/arp',
  summary: 'manipulate the system ARP cache',
  pkg: 'net-tools',
  completions: ['-n', '-a'],
  run(ctx) {
    const args = ctx.argv.slice(1)
    const numeric = args.some((a) => /^-\w*n/.test(a))
    const bsd = args.some((a) => /^-\w*a/.test(a))
    const names = new Names(ctx.host.fs)
    const name = (ip: number) => (numeric ? formatIp(ip) : (names.hostName(ip) ?? formatIp(ip)))
    const entries = [...ctx.host.ip.neigh.values()]
    const target = args.find((a) => !a.startsWith('-'))
    if (target) {
      const e = entries.find((n) => formatIp(n.ip) === target)
      if (!e) {
        ctx.out(`${target} (${target}) -- no entry\n`)
        return 1
      }
    }
    let first = true
    for (const n of entries) {
      if (target && formatIp(n.ip) !== target) continue
      const complete = n.mac && n.state !== 'FAILED' && n.state !== 'INCOMPLETE'
      if (bsd) {
        ctx.out(complete ? `? (${formatIp(n.ip)}) at ${n.mac} [ether] on ${n.dev}\n` : `? (${formatIp(n.ip)}) at <incomplete> on ${n.dev}\n`)
        continue
      }
      if (first) ctx.out('Address                  HWtype  HWaddress           Flags Mask            Iface\n')
      first = false
      const addr = name(n.ip).slice(0, 23).padEnd(23)
      ctx.out(complete ? `${addr}  ${'ether'.padEnd(8)}${n.mac!.padEnd(20)}${'C'.padEnd(6)}${''.padEnd(15)} ${n.dev}\n` : `${addr}  ${''.padEnd(8)}${'(incomplete)'.padEnd(20)}${''.padEnd(6)}${''.padEnd(15)} ${n.dev}\n`)
    }
    return 0
  },
}
