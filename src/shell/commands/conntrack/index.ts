// conntrack (conntrack-tools 1.4.7): -L/--dump, -C/--count, -D/--delete and -F/--flush over the
// host's connection tracking table, with the -p, -s, -d, --sport, --dport and --state filters.
// Entries print as libnetfilter_conntrack's snprintf_default does ("%-8s %u " protocol, the
// seconds left, the TCP state, the original tuple, [UNREPLIED], the reply tuple, [ASSURED],
// mark, use); the count of entries goes to stderr, as conntrack prints it.

import { formatIp, parseIp, type Ip } from '../../../net/addr.ts'
import { PROTO_ICMP, PROTO_TCP } from '../../../net/packet.ts'
import { SECOND } from '../../../sim/engine.ts'
import type { CtEntry, Tuple } from '../../../host/netfilter/conntrack.ts'
import { listedOptions } from '../../args/listed.ts'
import type { CommandContext, CommandDef } from '../types.ts'
import { HELP } from './help.ts'

const VERSION = 'conntrack v1.4.7 (conntrack-tools)'
const PROTO_NAMES = new Map<number, string>([
  [1, 'icmp'],
  [6, 'tcp'],
  [17, 'udp'],
  [47, 'gre'],
  [132, 'sctp'],
])
const PROTO_BY_NAME = new Map<string, number>([...PROTO_NAMES].map(([n, s]) => [s, n]))
const STATES = ['SYN_SENT', 'SYN_RECV', 'ESTABLISHED', 'FIN_WAIT', 'CLOSE_WAIT', 'LAST_ACK', 'TIME_WAIT', 'CLOSE']
const ICMP_REPLY = new Map<number, number>([[8, 0]])

function tupleText(ct: CtEntry, t: Tuple, reply: boolean): string {
  const addrs = `src=${formatIp(t.src)} dst=${formatIp(t.dst)} `
  if (ct.proto === PROTO_ICMP) {
    const type = reply ? (ICMP_REPLY.get(ct.icmpType) ?? ct.icmpType) : ct.icmpType
    return `${addrs}type=${type} code=0 id=${t.sport} `
  }
  if (ct.proto === 6 || ct.proto === 17 || ct.proto === 132) return `${addrs}sport=${t.sport} dport=${t.dport} `
  return addrs
}

export function entryLine(ct: CtEntry, now: number): string {
  const name = PROTO_NAMES.get(ct.proto) ?? 'unknown'
  const left = Math.max(0, Math.floor((ct.expires - now) / SECOND))
  let s = `${name.padEnd(8)} ${ct.proto} ${left} `
  if (ct.proto === PROTO_TCP) s += `${ct.tcp} `
  s += tupleText(ct, ct.tuple[0], false)
  if (!ct.seenReply) s += '[UNREPLIED] '
  s += tupleText(ct, ct.tuple[1], true)
  if (ct.assured) s += '[ASSURED] '
  return `${s}mark=${ct.mark} use=1`
}

interface Filter {
  proto?: number
  src?: Ip
  dst?: Ip
  sport?: number
  dport?: number
  state?: string[]
}

function matches(ct: CtEntry, f: Filter): boolean {
  const o = ct.tuple[0]
  if (f.proto !== undefined && ct.proto !== f.proto) return false
  if (f.src !== undefined && o.src !== f.src) return false
  if (f.dst !== undefined && o.dst !== f.dst) return false
  if (f.sport !== undefined && o.sport !== f.sport) return false
  if (f.dport !== undefined && o.dport !== f.dport) return false
  if (f.state && !(ct.proto === PROTO_TCP && f.state.includes(ct.tcp))) return false
  return true
}

function usage(ctx: CommandContext, msg: string): number {
  ctx.err(`${VERSION}: ${msg}\nTry \`conntrack -h' or 'conntrack --help' for more information.\n`)
  return 2
}

/** Every option conntrack's help lists; the ones run() does not take are refused as not simulated. */
const LISTED = new Set(Object.values(listedOptions(HELP)).flatMap((d) => [...(d.short ? [`-${d.short}`] : []), ...(typeof d.long === 'string' ? [`--${d.long}`] : [])]))

function run(ctx: CommandContext): number {
  const args = ctx.argv.slice(1)
  const table = ctx.host.netfilter.conntrack
  let cmd: 'L' | 'C' | 'D' | 'F' | null = null
  const f: Filter = {}
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    const value = (): string | null => (i + 1 < args.length ? args[++i] : null)
    // conntrack's options that take one refuse to end the command line (its getopt string).
    if (['-p', '--proto', '--protonum', '-s', '--src', '--orig-src', '-d', '--dst', '--orig-dst', '--sport', '--orig-port-src', '--dport', '--orig-port-dst', '--state'].includes(a) && i + 1 >= args.length) return usage(ctx, `option \`${a}' requires an argument`)
    switch (a) {
      case '-h':
      case '--help':
        ctx.out(HELP)
        return 0
      case '-L':
      case '--dump':
        cmd = 'L'
        if (args[i + 1] === 'conntrack') i++
        break
      case '-C':
      case '--count':
        cmd = 'C'
        break
      case '-D':
      case '--delete':
        cmd = 'D'
        break
      case '-F':
      case '--flush':
        cmd = 'F'
        break
      case '-V':
      case '--version':
        ctx.out(`${VERSION}\n`)
        return 0
      case '-p':
      case '--proto':
      case '--protonum': {
        const v = value()
        const n = v === null ? undefined : (PROTO_BY_NAME.get(v) ?? (/^\d+$/.test(v) ? Number(v) : undefined))
        if (n === undefined) return usage(ctx, `unknown protocol \`${v ?? ''}'`)
        f.proto = n
        break
      }
      case '-s':
      case '--src':
      case '--orig-src':
      case '-d':
      case '--dst':
      case '--orig-dst': {
        const v = value()
        const ip = v === null ? null : parseIp(v)
        if (ip === null) return usage(ctx, `Bad parameter \`${v ?? ''}'`)
        if (a === '-s' || a.includes('src')) f.src = ip
        else f.dst = ip
        break
      }
      case '--sport':
      case '--orig-port-src':
      case '--dport':
      case '--orig-port-dst': {
        const v = value()
        const n = v === null ? NaN : Number(v)
        if (!Number.isInteger(n) || n < 0 || n > 65535) return usage(ctx, `Bad parameter \`${v ?? ''}'`)
        if (a.includes('src') || a === '--sport') f.sport = n
        else f.dport = n
        break
      }
      case '--state': {
        const v = value()
        const states = (v ?? '').split(',')
        if (!v || states.some((s) => !STATES.includes(s))) return usage(ctx, `unknown state \`${v ?? ''}'`)
        f.state = states
        break
      }
      default:
        if (LISTED.has(a)) return usage(ctx, `option \`${a}' is not simulated in LVS Lab`)
        return usage(ctx, `unknown option \`${a}'`)
    }
  }
  if ((f.sport !== undefined || f.dport !== undefined || f.state) && f.proto === undefined) return usage(ctx, "you need to specify a protocol to use port or state filters")
  if (!cmd) return usage(ctx, 'no command specified')
  const now = ctx.engine.now
  const chosen = table.entries().filter((ct) => matches(ct, f))
  switch (cmd) {
    case 'L':
      for (const ct of chosen) ctx.out(entryLine(ct, now) + '\n')
      ctx.err(`${VERSION}: ${chosen.length} flow entries have been shown.\n`)
      return 0
    case 'C':
      ctx.out(`${chosen.length}\n`)
      return 0
    case 'D':
      for (const ct of chosen) table.remove(ct)
      if (!chosen.length) {
        ctx.err(`${VERSION}: 0 flow entries have been deleted.\n`)
        return 1
      }
      ctx.err(`${VERSION}: ${chosen.length} flow entries have been deleted.\n`)
      return 0
    case 'F':
      table.flush()
      ctx.err(`${VERSION}: connection tracking table has been emptied.\n`)
      return 0
  }
}

export const conntrack: CommandDef = {
  name: 'conntrack',
  path: '/usr/sbin/conntrack',
  summary: 'command line interface for netfilter connection tracking',
  pkg: 'conntrack-tools',
  completions: ['-L', '-C', '-D', '-F', '-p', 'tcp', 'udp', 'icmp', '-s', '-d', '--sport', '--dport', '--state'],
  run,
}
