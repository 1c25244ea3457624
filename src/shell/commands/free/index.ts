// free (procps-ng 3.3.17): memory and swap in KiB (-b -k -m -g, --mega --giga, -h human with
// Ki/Mi/Gi, --si for powers of 1000), -t a Total line, -w buff and cache apart; numbers from
// sysinfo/machine.ts.

import { defineArgs, parseArgs } from '../../args/index.ts'
import { memory } from '../sysinfo/machine.ts'
import type { CommandDef } from '../types.ts'

const ARGS = defineArgs({
  usageStatus: 1,
  tryHelp: (p) => `\nUsage:\n ${p} [options]\n\nOptions:\n -b, --bytes         show output in bytes\n     --kilo          show output in kilobytes\n     --mega          show output in megabytes\n     --giga          show output in gigabytes\n     --tera          show output in terabytes\n     --peta          show output in petabytes\n -k, --kibi          show output in kibibytes\n -m, --mebi          show output in mebibytes\n -g, --gibi          show output in gibibytes\n     --tebi          show output in tebibytes\n     --pebi          show output in pebibytes\n -h, --human         show human-readable output\n     --si            use powers of 1000 not 1024\n -l, --lohi          show detailed low and high memory statistics\n -t, --total         show total for RAM + swap\n -s N, --seconds N   repeat printing every N seconds\n -c N, --count N     repeat printing N times, then exit\n -w, --wide          wide output\n\n     --help     display this help and exit\n -V, --version  output version information and exit\n\nFor more details see free(1).\n`,
  options: {
    bytes: { short: 'b', long: 'bytes' },
    kilo: { long: 'kilo' },
    mega: { long: 'mega' },
    giga: { long: 'giga' },
    kibi: { short: 'k', long: 'kibi' },
    mebi: { short: 'm', long: 'mebi' },
    gibi: { short: 'g', long: 'gibi' },
    human: { short: 'h', long: 'human' },
    si: { long: 'si' },
    total: { short: 't', long: 'total' },
    wide: { short: 'w', long: 'wide' },
    version: { short: 'V', long: 'version' },
  },
})

function human(kb: number, si: boolean): string {
  const base = si ? 1000 : 1024
  let v = kb * 1024
  const units = ['B', 'K', 'M', 'G', 'T', 'P']
  let i = 0
  while (v >= base && i < units.length - 1) {
    v /= base
    i++
  }
  const u = i === 0 ? 'B' : units[i] + (si ? '' : 'i')
  return (i === 0 ? String(Math.round(v)) : v < 10 ? v.toFixed(1) : String(Math.round(v))) + u
}

export const free: CommandDef = {
  name: 'free',
  path: '/usr/bin/free',
  summary: 'display amount of free and used memory in the system',
  pkg: 'procps-ng',
  args: ARGS,
  run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    const o = a.opts
    if (o.version) {
      ctx.out('free from procps-ng 3.3.17\n')
      return 0
    }
    if (a.operands.length) {
      ctx.err(`${ctx.argv[0]}: extra operand '${a.operands[0]}'\n${ARGS.tryHelp!(ctx.argv[0], () => '')}`)
      return 1
    }
    const m = memory(ctx.host)
    const bytesPer = o.bytes ? 1 : o.kilo ? 1000 : o.mega ? 1e6 : o.giga ? 1e9 : o.mebi ? 1048576 : o.gibi ? 1073741824 : 1024
    const scale = (kb: number): string => (o.human ? human(kb, o.si) : String(Math.floor((kb * 1024) / bytesPer)))
    const cols = o.wide ? ['total', 'used', 'free', 'shared', 'buffers', 'cache', 'available'] : ['total', 'used', 'free', 'shared', 'buff/cache', 'available']
    const row = (label: string, vals: string[]) => label.padEnd(8) + vals.map((v) => v.padStart(12)).join('') + '\n'
    let out = ' '.repeat(8) + cols.map((c) => c.padStart(12)).join('') + '\n'
    const memVals = [m.total, m.used, m.free, m.shared, ...(o.wide ? [Math.floor(m.buffCache * 0.1), m.buffCache - Math.floor(m.buffCache * 0.1)] : [m.buffCache]), m.available].map(scale)
    out += row('Mem:', memVals)
    out += row('Swap:', [m.swapTotal, m.swapUsed, m.swapTotal - m.swapUsed].map(scale))
    if (o.total) out += row('Total:', [m.total + m.swapTotal, m.used + m.swapUsed, m.free + m.swapTotal - m.swapUsed].map(scale))
    ctx.out(out)
    return 0
  },
}
