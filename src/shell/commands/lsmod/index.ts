// lsmod: /proc/modules as kmod prints it, newest first, with holders (sizes of an EL9 5.14 build).

import type { CommandDef } from '../types.ts'
import { table } from '../../../sim/table.ts'

const SIZES = table<number>({ ip_vs: 237568, nf_conntrack: 217088, nf_defrag_ipv6: 24576, nf_defrag_ipv4: 16384, libcrc32c: 16384, ipip: 16384, tunnel4: 16384, ip_tunnel: 28672, nft_ct: 24576, nf_tables: 335872, xfs: 2322432 })

export const lsmod: CommandDef = {
  name: 'lsmod',
  path: '/usr/sbin/lsmod',
  summary: 'show the status of modules in the Linux kernel',
  run(ctx) {
    // kmod's lsmod takes no argument at all, not even --help (tools/lsmod.c).
    if (ctx.argv.length > 1) {
      ctx.err(`Usage: ${ctx.argv[0]}\n`)
      return 1
    }
    const mods = ctx.host.modules
    const holders = (m: string): string[] => {
      if (m === 'ip_vs') return mods.filter((x) => x.startsWith('ip_vs_'))
      if (m === 'nf_conntrack') return ['nf_nat', 'nft_ct', ...(mods.includes('ip_vs') ? ['ip_vs'] : [])].filter((x) => x !== 'nf_nat')
      if (m === 'nf_defrag_ipv6') return ['nf_conntrack', ...(mods.includes('ip_vs') ? ['ip_vs'] : [])]
      if (m === 'libcrc32c') return ['nf_conntrack', 'nf_tables', 'xfs', ...(mods.includes('ip_vs') ? ['ip_vs'] : [])]
      if (m === 'tunnel4' || m === 'ip_tunnel') return ['ipip']
      if (m === 'nf_tables') return ['nft_ct']
      return []
    }
    ctx.out('Module                  Size  Used by\n')
    for (const m of mods) {
      const h = holders(m)
      const services = m.startsWith('ip_vs_') ? 1 : h.length
      ctx.out(`${m.padEnd(19)} ${String(SIZES[m] ?? 16384).padStart(8)}  ${services}${h.length ? ' ' + h.join(',') : ''}\n`)
    }
    return 0
  },
}
