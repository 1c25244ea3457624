// ping (iputils 20210202): echo requests a second apart, replies as they come, the statistics
// block on completion or Ctrl-C, `From … Destination Host Unreachable` for failed ARP, silence
// and the trailing blank line for silent loss, and iputils' exit codes (rhel9-network.md §3).
// `-i 0` (root only, as here) sends the next request as soon as the last is answered, or after
// 10 ms, as flood mode does: never two requests at one instant.

import { formatIp } from '../../../net/addr.ts'
import { ICMP, PROTO_ICMP } from '../../../net/packet.ts'
import { Names } from '../../../host/names.ts'
import { MS, SECOND } from '../../../sim/engine.ts'
import { Interrupt, race, wait, type Proc } from '../../../sim/task.ts'
import { inetAton } from '../ipvsadm/parse.ts'
import { defineArgs, parseArgs, type Fail } from '../../args/index.ts'
import type { CommandContext, CommandDef } from '../types.ts'
import { USAGE } from './usage.ts'

const UNREACH_TEXT: Record<number, string> = {
  [ICMP.NET_UNREACH]: 'Destination Net Unreachable',
  [ICMP.HOST_UNREACH]: 'Destination Host Unreachable',
  [ICMP.PROTO_UNREACH]: 'Destination Protocol Unreachable',
  [ICMP.PORT_UNREACH]: 'Destination Port Unreachable',
  [ICMP.ADMIN_PROHIBITED]: 'Packet filtered',
}

/** Flood pacing: the longest ping waits for an answer before it sends the next request. */
const FLOOD_WAIT = 10 * MS

/** strtod's syntax as ping_strtod accepts it (decimal with exponent, or a hex integer), no trailing garbage. */
const C_DOUBLE = /^\s*[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|0[xX][\da-fA-F]+)$/

/** iputils' strtol_or_err: a decimal integer in range, else `invalid argument` (exit 1). */
function integer(min: number, max: bigint) {
  return (text: string): number | Fail => {
    const n = /^\s*[+-]?\d+$/.test(text) ? BigInt(text.trim()) : null
    if (n === null) return { fail: `invalid argument: '${text}'`, status: 1 }
    if (n < BigInt(min) || n > max) return { fail: `invalid argument: '${text}': out of range: ${min} <= value <= ${max}`, status: 1 }
    return Number(n)
  }
}

/** ping_strtod: garbage, ±inf and NaN are `bad timing interval` (exit 2), as is a negative value. */
function interval(text: string): number | Fail {
  const seconds = C_DOUBLE.test(text) ? Number(text.trim().replace(/^([+-]?)0[xX]/, '$10x')) : NaN
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > 2147483) return { fail: `bad timing interval: ${text}`, status: 2 }
  return Math.round(seconds * SECOND)
}

/** The `-W` timeout: ping_strtod too, any finite value from 0 up to INT_MAX / 1000 seconds. */
function timeout(text: string): number | Fail {
  const seconds = C_DOUBLE.test(text) ? Number(text.trim()) : NaN
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > 2147483) return { fail: `bad linger time: ${text}`, status: 2 }
  return Math.round(seconds * SECOND)
}

/** ping.c's getopt() string (IPv4 and IPv6 options together, no long options), each modelled or
 *  refused as not simulated; usage() on stderr with status 2 after -h or any getopt error. */
const ARGS = defineArgs({
  usageStatus: 2,
  shortOnly: true,
  tryHelp: () => USAGE,
  options: {
    ipv4: { short: '4', unsimulated: true },
    broadcast: { short: 'b', unsimulated: true },
    route: { short: 'R', unsimulated: true },
    timestamp: { short: 'T', arg: 'required', unsimulated: true },
    ipv6: { short: '6', unsimulated: true },
    flowlabel: { short: 'F', arg: 'required', unsimulated: true },
    nodeinfo: { short: 'N', arg: 'required', unsimulated: true },
    audible: { short: 'a', unsimulated: true },
    adaptive: { short: 'A', unsimulated: true },
    sticky: { short: 'B', unsimulated: true },
    count: { short: 'c', arg: 'required', parse: integer(1, 9223372036854775807n) },
    debug: { short: 'd', unsimulated: true },
    timestamps: { short: 'D', unsimulated: true },
    flood: { short: 'f', unsimulated: true },
    help: { short: 'h' },
    interval: { short: 'i', arg: 'required', parse: interval },
    iface: { short: 'I', arg: 'required', unsimulated: true },
    preload: { short: 'l', arg: 'required', unsimulated: true },
    loop: { short: 'L', unsimulated: true },
    mark: { short: 'm', arg: 'required', unsimulated: true },
    pmtudisc: { short: 'M', arg: 'required', unsimulated: true },
    numeric: { short: 'n' },
    outstanding: { short: 'O', unsimulated: true },
    pattern: { short: 'p', arg: 'required', unsimulated: true },
    quiet: { short: 'q' },
    tclass: { short: 'Q', arg: 'required', unsimulated: true },
    bypass: { short: 'r', unsimulated: true },
    size: { short: 's', arg: 'required', parse: integer(0, 65507n) },
    sndbuf: { short: 'S', arg: 'required', unsimulated: true },
    ttl: { short: 't', arg: 'required', unsimulated: true },
    latency: { short: 'U', unsimulated: true },
    verbose: { short: 'v', unsimulated: true },
    version: { short: 'V' },
    deadline: { short: 'w', arg: 'required', unsimulated: true },
    timeout: { short: 'W', arg: 'required', parse: timeout },
  },
})

/** C's `%g`: six significant digits, exponent form below 1e-4 (a flood's loss, `9.99999e-05%`). */
function formatG(x: number): string {
  if (x === 0) return '0'
  const digits = Number(x.toPrecision(6))
  const exp = Math.floor(Math.log10(Math.abs(digits)))
  if (exp >= -4 && exp < 6) return String(digits)
  const [mantissa, e] = digits.toExponential(5).split('e')
  const n = Number(e)
  return `${mantissa.replace(/\.?0+$/, '')}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`
}

function rtt(us: number): string {
  const ms = us / 1000
  if (ms < 1) return ms.toFixed(3)
  if (ms < 10) return ms.toFixed(2)
  if (ms < 100) return ms.toFixed(1)
  return ms.toFixed(0)
}

function* run(ctx: CommandContext): Proc<number> {
  const a = parseArgs(ctx, ARGS)
  if (typeof a === 'number') return a
  const o = a.opts
  if (o.help) {
    ctx.err(USAGE)
    return 2
  }
  if (o.version) {
    ctx.out('ping from iputils 20210202\n')
    return 0
  }
  const count = o.count ?? Infinity
  const interval = o.interval ?? SECOND
  const size = o.size ?? 56
  const quiet = o.quiet
  // The last operand is the destination; ping.c takes argv[argc - 1].
  const target = a.operands.at(-1)
  if (!target) {
    ctx.err('ping: usage error: Destination address required\n')
    return 2
  }
  const names = new Names(ctx.host.fs)
  const numeric = /^[\d.]+$/.test(target)
  const dst = numeric ? inetAton(target) : names.host(target)
  if (dst === null) {
    ctx.err(`ping: ${target}: Name or service not known\n`)
    return 2
  }
  const src = ctx.host.ip.sourceFor(dst)
  if (src === null) {
    ctx.err('ping: connect: Network is unreachable\n')
    return 2
  }
  const shown = numeric || o.numeric ? formatIp(dst) : `${target} (${formatIp(dst)})`
  ctx.out(`PING ${numeric ? formatIp(dst) : target} (${formatIp(dst)}) ${size}(${size + 28}) bytes of data.\n`)
  const host = ctx.host
  const id = ctx.engine.rng.int(1, 65535)
  const sentAt = new Map<number, number>()
  const rtts: number[] = []
  let errors = 0
  let seq = 0
  let firstSend = 0
  let lastSend = 0
  host.echoReplies = []
  host.icmpErrors = []
  const send = () => {
    seq++
    const pkt = host.ip.packet(src, dst, PROTO_ICMP, { kind: 'icmp', type: ICMP.ECHO_REQUEST, code: 0, id, seq, size, sent: ctx.engine.now })
    sentAt.set(seq, ctx.engine.now)
    if (seq === 1) firstSend = ctx.engine.now
    lastSend = ctx.engine.now
    host.ip.output(pkt)
  }
  const drain = () => {
    for (const r of host.echoReplies.splice(0)) {
      if (r.src !== dst || !sentAt.has(r.seq)) continue
      const t = r.at - sentAt.get(r.seq)!
      rtts.push(t)
      if (!quiet) ctx.out(`${size + 8} bytes from ${shown}: icmp_seq=${r.seq} ttl=${r.ttl} time=${rtt(t)} ms\n`)
    }
    for (const e of host.icmpErrors.splice(0)) {
      if (e.seq === undefined || !sentAt.has(e.seq)) continue
      errors++
      if (!quiet) ctx.out(`From ${formatIp(e.from)} icmp_seq=${e.seq} ${UNREACH_TEXT[e.code] ?? 'Destination Unreachable'}\n`)
    }
  }
  try {
    send()
    let nextSend = ctx.engine.now + interval
    for (;;) {
      if (seq >= count) {
        // -W sets the linger for an unanswered ping; an answered one waits twice its round trip.
        const deadline = lastSend + (rtts.length ? 2 * SECOND : (o.timeout ?? 10 * SECOND))
        while (rtts.length + errors < count && ctx.engine.now < deadline) {
          yield* wait(race([host.nextIcmp(), ctx.sleep(deadline - ctx.engine.now)]))
          drain()
        }
        break
      }
      if (interval === 0) {
        const answered = rtts.length + errors
        const r = yield* wait(race([host.nextIcmp(), ctx.sleep(FLOOD_WAIT)]))
        drain()
        if (r.index === 1 || rtts.length + errors > answered) send()
        continue
      }
      const r = yield* wait(race([host.nextIcmp(), ctx.sleep(Math.max(0, nextSend - ctx.engine.now))]))
      drain()
      if (r.index === 1 || ctx.engine.now >= nextSend) {
        send()
        nextSend += interval
      }
    }
  } catch (e) {
    if (!(e instanceof Interrupt)) throw e
    drain()
  }
  const received = rtts.length
  const loss = seq ? ((seq - received) / seq) * 100 : 0
  const lossText = `${formatG(loss)}%`
  const time = Math.round((lastSend - firstSend) / MS) + (seq > 1 ? 3 : 0)
  ctx.out(`\n--- ${numeric ? formatIp(dst) : target} ping statistics ---\n`)
  ctx.out(`${seq} packets transmitted, ${received} received${errors ? `, +${errors} errors` : ''}, ${lossText} packet loss, time ${time}ms\n`)
  if (received) {
    // A loop, not Math.min(...ms): a flood leaves a million samples, more than a call's arguments.
    let min = Infinity
    let max = -Infinity
    let sum = 0
    let sum2 = 0
    for (const t of rtts) {
      const ms = t / 1000
      if (ms < min) min = ms
      if (ms > max) max = ms
      sum += ms
      sum2 += ms * ms
    }
    const avg = sum / rtts.length
    const mdev = Math.sqrt(Math.max(0, sum2 / rtts.length - avg * avg))
    ctx.out(`rtt min/avg/max/mdev = ${min.toFixed(3)}/${avg.toFixed(3)}/${max.toFixed(3)}/${mdev.toFixed(3)} ms\n`)
  } else if (errors) ctx.out(`pipe ${Math.min(seq, 3)}\n`)
  else ctx.out('\n')
  return received ? 0 : 1
}

export const ping: CommandDef = {
  name: 'ping',
  path: '/usr/bin/ping',
  summary: 'send ICMP ECHO_REQUEST to network hosts',
  args: ARGS,
  run,
}
