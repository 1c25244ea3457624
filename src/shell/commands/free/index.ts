// free (procps-ng 3.3.17): memory and swap in KiB (-b -k -m -g, --mega --giga, -h human with
// Ki/Mi/Gi, --si for powers of 1000), -t a Total line, -w buff and cache apart; numbers from
// sysinfo/machine.ts.

import { defineArgs, helpText, parseArgs } from '../../args/index.ts'
import { memory } from '../sysinfo/machine.ts'
import type { CommandDef } from '../types.ts'

const ARGS = defineArgs({
  usageStatus: 1,
  // procps-ng's usage(): on stdout for --help, on stderr after a usage error.
  tryHelp: (_p, help) => help(),
  options: {
    bytes: { short: 'b', long: 'bytes', help: 'show output in bytes' },
    kilo: { long: 'kilo', help: 'show output in kilobytes' },
    mega: { long: 'mega', help: 'show output in megabytes' },
    giga: { long: 'giga', help: 'show output in gigabytes' },
    tera: { long: 'tera', help: 'show output in terabytes', unsimulated: true },
    peta: { long: 'peta', help: 'show output in petabytes', unsimulated: true },
    kibi: { short: 'k', long: 'kibi', help: 'show output in kibibytes' },
    mebi: { short: 'm', long: 'mebi', help: 'show output in mebibytes' },
    gibi: { short: 'g', long: 'gibi', help: 'show output in gibibytes' },
    tebi: { long: 'tebi', help: 'show output in tebibytes', unsimulated: true },
    pebi: { long: 'pebi', help: 'show output in pebibytes', unsimulated: true },
    human: { short: 'h', long: 'human', help: 'show human-readable output' },
    si: { long: 'si', help: 'use powers of 1000 not 1024' },
    lohi: { short: 'l', long: 'lohi', help: 'show detailed low and high memory statistics', unsimulated: true },
    total: { short: 't', long: 'total', help: 'show total for RAM + swap' },
    seconds: { short: 's', long: 'seconds', arg: 'required', label: '-s N, --seconds N', help: 'repeat printing every N seconds', unsimulated: true },
    count: { short: 'c', long: 'count', arg: 'required', label: '-c N, --count N', help: 'repeat printing N times, then exit', unsimulated: true },
    wide: { short: 'w', long: 'wide', help: 'wide output' },
    help: { long: 'help' },
    version: { short: 'V', long: 'version' },
  },
  help: {
    usage: ['', 'Usage:', ' %s [options]', '', 'Options:'],
    indent: 1,
    column: 21,
    standard: '\n     --help     display this help and exit\n -V, --version  output version information and exit\n',
    outro: '\nFor more details see free(1).\n',
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
    if (o.help) {
      ctx.out(helpText(ARGS, ctx.argv[0]))
      return 0
    }
    if (o.version) {
      ctx.out('free from procps-ng 3.3.17\n')
      return 0
    }
    if (a.operands.length) {
      // procps-ng 3.3.17 names no operand: usage(stderr) alone.
      ctx.err(helpText(ARGS, ctx.argv[0]))
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
