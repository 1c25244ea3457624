// uptime (procps-ng 3.3.17): the time, how long the host has been up since its last boot on the
// virtual clock (`up 5 min`, `up 1:02`, `up 2 days,  3:04`), the one logged-in user (the lab's
// session) and the load averages, which stay at zero as the lab's hosts run no CPU-bound work.
// -p prints the pretty form, -s the boot time.

import { SECOND } from '../../../sim/engine.ts'
import { defineArgs, parseArgs } from '../../args/index.ts'
import { strftime } from '../../text/date.ts'
import type { CommandDef } from '../types.ts'

const ARGS = defineArgs({
  usageStatus: 1,
  tryHelp: (p) => `\nUsage:\n ${p} [options]\n\nOptions:\n -p, --pretty   show uptime in pretty format\n -h, --help     display this help and exit\n -s, --since    system up since\n -V, --version  output version information and exit\n\nFor more details see uptime(1).\n`,
  options: {
    pretty: { short: 'p', long: 'pretty' },
    help: { short: 'h', long: 'help' },
    since: { short: 's', long: 'since' },
    version: { short: 'V', long: 'version' },
  },
})

export function upFor(seconds: number): string {
  const days = Math.floor(seconds / 86400)
  const hours = Math.floor((seconds % 86400) / 3600)
  const mins = Math.floor((seconds % 3600) / 60)
  const d = days ? `${days} day${days > 1 ? 's' : ''}, ` : ''
  return hours ? `${d}${String(hours).padStart(2)}:${String(mins).padStart(2, '0')}` : `${d}${mins} min`
}

function pretty(seconds: number): string {
  const parts: string[] = []
  const weeks = Math.floor(seconds / 604800)
  const days = Math.floor((seconds % 604800) / 86400)
  const hours = Math.floor((seconds % 86400) / 3600)
  const mins = Math.floor((seconds % 3600) / 60)
  const unit = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`
  if (weeks) parts.push(unit(weeks, 'week'))
  if (days) parts.push(unit(days, 'day'))
  if (hours) parts.push(unit(hours, 'hour'))
  if (mins || !parts.length) parts.push(unit(mins, 'minute'))
  return `up ${parts.join(', ')}`
}

export const uptime: CommandDef = {
  name: 'uptime',
  path: '/usr/bin/uptime',
  summary: 'tell how long the system has been running',
  pkg: 'procps-ng',
  args: ARGS,
  run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    const o = a.opts
    const prog = ctx.argv[0]
    if (o.help) {
      ctx.out(ARGS.tryHelp!(prog, () => ''))
      return 0
    }
    if (o.version) {
      ctx.out('uptime from procps-ng 3.3.17\n')
      return 0
    }
    if (a.operands.length) {
      ctx.err(ARGS.tryHelp!(prog, () => ''))
      return 1
    }
    const up = Math.floor((ctx.engine.now - ctx.host.bootedAt) / SECOND)
    const now = ctx.host.wall()
    if (o.since) ctx.out(strftime('%Y-%m-%d %H:%M:%S', now - up) + '\n')
    else if (o.pretty) ctx.out(pretty(up) + '\n')
    else ctx.out(` ${strftime('%H:%M:%S', now)} up ${upFor(up)},  1 user,  load average: 0.00, 0.00, 0.00\n`)
    return 0
  },
}
