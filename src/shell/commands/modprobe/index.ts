// modprobe: load a kernel module (ipip, ip_vs and its schedulers); -r removes one not in use.

import { loadIpvs, loadSchedulerModule } from '../../../ipvs/index.ts'
import type { CommandDef } from '../types.ts'

const KERNEL = '5.14.0-427.13.1.el9_4.x86_64'
const KNOWN = new Set(['ipip', 'ip_gre', 'gre', 'fou', 'ip_vs', 'tunnel4', 'ip_tunnel', 'nf_conntrack', 'ip_vs_rr', 'ip_vs_wrr', 'ip_vs_lc', 'ip_vs_wlc', 'ip_vs_sed', 'ip_vs_nq', 'ip_vs_fo', 'ip_vs_ovf', 'ip_vs_twos', 'ip_vs_sh', 'ip_vs_dh', 'ip_vs_mh', 'ip_vs_lblc', 'ip_vs_lblcr', 'br_netfilter'])

export const modprobe: CommandDef = {
  name: 'modprobe',
  path: '/usr/sbin/modprobe',
  summary: 'add and remove modules from the Linux kernel',
  run(ctx) {
    const args = ctx.argv.slice(1)
    const remove = args.includes('-r')
    const names = args.filter((a) => !a.startsWith('-'))
    if (!names.length) {
      ctx.err('modprobe: ERROR: missing parameters. See -h.\n')
      return 1
    }
    for (const name of names) {
      const mod = name.replace(/-/g, '_')
      const outOfTree = ctx.host.fs.exists(`/lib/modules/${KERNEL}/extra/${mod}.ko`)
      if (!KNOWN.has(mod) && !outOfTree) {
        ctx.err(`modprobe: FATAL: Module ${name} not found in directory /lib/modules/${KERNEL}\n`)
        return 1
      }
      if (remove) {
        if (mod === 'ip_vs' && ctx.host.modules.some((m) => m.startsWith('ip_vs_'))) {
          ctx.err(`modprobe: FATAL: Module ${mod} is in use.\n`)
          return 1
        }
        ctx.host.unloadModule(mod)
        continue
      }
      if (mod === 'ip_vs') loadIpvs(ctx.host)
      else if (mod.startsWith('ip_vs_')) {
        loadIpvs(ctx.host)
        loadSchedulerModule(ctx.host, mod.slice(6))
      } else ctx.host.loadModule(mod)
    }
    return 0
  },
}
