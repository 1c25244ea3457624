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
import type { CommandContext, CommandDef } from '../types.ts'

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
function integer(ctx: CommandContext, text: string, min: number, max: bigint): number | null {
  const n = /^\s*[+-]?\d+$/.test(text) ? BigInt(text.trim()) : null
  if (n === null) ctx.err(`ping: invalid argument: '${text}'\n`)
  else if (n < BigInt(min) || n > max) ctx.err(`ping: invalid argument: '${text}': out of range: ${min} <= value <= ${max}\n`)
  else return Number(n)
  return null
}

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
  let count = Infinity
  let interval = SECOND
  let size = 56
  let quiet = false
  let target: string | undefined
  const args = ctx.argv.slice(1)
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    const val = () => (a.length > 2 ? a.slice(2) : args[++i])
    if (a.startsWith('-c')) {
      const n = integer(ctx, val() ?? '', 1, 9223372036854775807n)
      if (n === null) return 1
      count = n
    } else if (a.startsWith('-i')) {
      // ping_strtod: garbage, ±inf and NaN are `bad timing interval` (exit 2), as is a negative value.
      const text = val() ?? ''
      const seconds = C_DOUBLE.test(text) ? Number(text.trim().replace(/^([+-]?)0[xX]/, '$10x')) : NaN
      if (!Number.isFinite(seconds) || seconds < 0 || seconds > 2147483) {
        ctx.err(`ping: bad timing interval: ${text}\n`)
        return 2
      }
      interval = Math.round(seconds * SECOND)
    } else if (a.startsWith('-s')) {
      const n = integer(ctx, val() ?? '', 0, 65507n)
      if (n === null) return 1
      size = n
    } else if (a.startsWith('-W') || a.startsWith('-w') || a.startsWith('-I') || a.startsWith('-t')) val()
    else if (a === '-q') quiet = true
    else if (a === '-n') continue
    else if (a.startsWith('-') && a !== '-') {
      ctx.err(`ping: invalid option -- '${a.slice(1, 2)}'\n`)
      return 2
    } else target = a
  }
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
  const shown = numeric ? formatIp(dst) : `${target} (${formatIp(dst)})`
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
        const deadline = lastSend + (rtts.length ? 2 * SECOND : 10 * SECOND)
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
  completions: ['-c', '-i', '-s'],
  run,
}
