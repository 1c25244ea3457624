// modprobe: load a kernel module (ipip, ip_vs and its schedulers); -r removes one not in use.

import { loadIpvs, loadSchedulerModule } from '../../../ipvs/index.ts'
import { parseArgs } from '../../args/index.ts'
import { kmodArgs } from '../kmod-cli.ts'
import type { CommandDef } from '../types.ts'
import { HELP } from './help.ts'

const KERNEL = '5.14.0-427.13.1.el9_4.x86_64'
const KNOWN = new Set(['ipip', 'ip_gre', 'gre', 'fou', 'ip_vs', 'tunnel4', 'ip_tunnel', 'nf_conntrack', 'ip_vs_rr', 'ip_vs_wrr', 'ip_vs_lc', 'ip_vs_wlc', 'ip_vs_sed', 'ip_vs_nq', 'ip_vs_fo', 'ip_vs_ovf', 'ip_vs_twos', 'ip_vs_sh', 'ip_vs_dh', 'ip_vs_mh', 'ip_vs_lblc', 'ip_vs_lblcr', 'br_netfilter'])

/** Every name given is a module, as with -a; -q silences the errors. The other options modprobe's
 *  help lists are known and refused. */
const ARGS = kmodArgs(HELP, {
  all: { short: 'a', long: 'all' },
  remove: { short: 'r', long: 'remove' },
  quiet: { short: 'q', long: 'quiet' },
})

export const modprobe: CommandDef = {
  name: 'modprobe',
  path: '/usr/sbin/modprobe',
  summary: 'add and remove modules from the Linux kernel',
  args: ARGS,
  run(ctx) {
    const parsed = parseArgs(ctx, ARGS)
    if (typeof parsed === 'number') return parsed
    const remove = parsed.opts.remove
    const names = parsed.operands
    const err = (text: string) => {
      if (!parsed.opts.quiet) ctx.err(text)
    }
    if (!names.length) {
      err('modprobe: ERROR: missing parameters. See -h.\n')
      return 1
    }
    for (const name of names) {
      const mod = name.replace(/-/g, '_')
      const outOfTree = ctx.host.fs.exists(`/lib/modules/${KERNEL}/extra/${mod}.ko`)
      if (!KNOWN.has(mod) && !outOfTree) {
        err(`modprobe: FATAL: Module ${name} not found in directory /lib/modules/${KERNEL}\n`)
        return 1
      }
      if (remove) {
        if (mod === 'ip_vs' && ctx.host.modules.some((m) => m.startsWith('ip_vs_'))) {
          err(`modprobe: FATAL: Module ${mod} is in use.\n`)
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
