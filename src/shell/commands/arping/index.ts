// arping (iputils 20210202): ARP requests sent straight from an interface, once a second, and the
// answers it hears: `-c` count, `-w` deadline, `-f` first reply, `-D` duplicate address detection
// (source 0.0.0.0; exit 1 when someone answers), `-U`/`-A` unsolicited request or reply announcing
// the address itself (how a new director takes over a VIP), `-b`, `-q`, `-s`, `-I`. Output and exit
// codes follow arping.c's recv_pack() and finish(), including its odd " %ld.%03ldms" rounding.

import { BROADCAST_MAC, ZERO_MAC, formatIp, type Ip } from '../../../net/addr.ts'
import type { ArpPacket, EthernetFrame } from '../../../net/packet.ts'
import type { Iface } from '../../../host/iface.ts'
import { SECOND } from '../../../sim/engine.ts'
import { Interrupt, Signal, race, type Proc, wait } from '../../../sim/task.ts'
import { defineArgs, parseArgs } from '../../args/index.ts'
import { resolveHost } from '../resolve.ts'
import type { CommandContext, CommandDef } from '../types.ts'

const USAGE = `
Usage:
  arping [options] <destination>

Options:
  -f            quit on first reply
  -q            be quiet
  -b            keep on broadcasting, do not unicast
  -D            duplicate address detection mode
  -U            unsolicited ARP mode, update your neighbours
  -A            ARP answer mode, update your neighbours
  -V            print version and exit
  -c <count>    how many packets to send
  -w <timeout>  how long to wait for a reply
  -i <interval> set interval between packets (default: 1 second)
  -I <device>   which ethernet device to use
  -s <source>   source ip address
  <destination> dns name or ip address

For more details see arping(8).
`

const ARGS = defineArgs({
  usageStatus: 2,
  tryHelp: () => USAGE,
  shortOnly: true,
  stopAtOperand: true,
  options: {
    help: { short: 'h' },
    question: { short: '?' },
    broadcast: { short: 'b' },
    first: { short: 'f' },
    dad: { short: 'D' },
    unsolicited: { short: 'U' },
    advert: { short: 'A' },
    quiet: { short: 'q' },
    count: { short: 'c', arg: 'required' },
    deadline: { short: 'w', arg: 'required' },
    interval: { short: 'i', arg: 'required' },
    source: { short: 's', arg: 'required' },
    device: { short: 'I', arg: 'required' },
    version: { short: 'V' },
  },
})

/** strtol_or_err(): the whole word a number in range, else `arping: invalid argument: 'x'`. */
function number(text: string, min: number): number | null {
  if (!/^[+-]?\d+$/.test(text)) return null
  const n = Number(text)
  return n < min || n > 2147483647 ? null : n
}

const hexMac = (mac: string) => mac.toUpperCase()

function* run(ctx: CommandContext): Proc<number> {
  const a = parseArgs(ctx, ARGS)
  if (typeof a === 'number') return a
  const o = a.opts
  if (o.help || o.question) {
    ctx.err(USAGE)
    return 2
  }
  if (o.version) {
    ctx.out('arping from iputils 20210202\n')
    return 0
  }
  const bad = (v: string) => {
    ctx.err(`arping: invalid argument: '${v}'\n`)
    return 2
  }
  let count = -1
  let deadline = 0
  let interval = 1
  if (o.count !== undefined) {
    const n = number(o.count, 1)
    if (n === null) return bad(o.count)
    count = n
  }
  if (o.deadline !== undefined) {
    const n = number(o.deadline, 0)
    if (n === null) return bad(o.deadline)
    deadline = n
  }
  if (o.interval !== undefined) {
    const n = number(o.interval, 0)
    if (n === null) return bad(o.interval)
    interval = n
  }
  if (a.operands.length !== 1) {
    ctx.err(USAGE)
    return 2
  }
  const dad = o.dad
  const unsolicited = o.unsolicited || o.advert
  const quitOnReply = o.first || dad
  const target = a.operands[0]
  const gdst = resolveHost(ctx, target)
  if (gdst === null) {
    ctx.err(`arping: ${target}: Name or service not known\n`)
    return 2
  }
  const ip = ctx.host.ip
  let iface: Iface | undefined
  if (o.device !== undefined) {
    iface = ip.iface(o.device)
    if (!iface) {
      ctx.err(`arping: Device ${o.device} not available.\n`)
      return 2
    }
  } else {
    const dev = ip.isLocal(gdst) ? (ip.ifaceOf(gdst)?.name ?? 'lo') : ip.route(gdst)?.dev
    iface = dev ? ip.iface(dev) : undefined
    if (!iface) {
      ctx.err('arping: Suitable device could not be determined. Please, use option -I.\n')
      return 2
    }
  }
  if (!iface.up) {
    if (!o.quiet) ctx.out(`Interface "${iface.name}" is down\n`)
    return 2
  }
  if (iface.kind !== 'ether') {
    if (!o.quiet) ctx.out(`Interface "${iface.name}" is not ARPable\n`)
    return dad ? 0 : 2
  }
  let gsrc: Ip = 0
  if (o.source !== undefined) {
    const s = /^[\d.]+$/.test(o.source) ? resolveHost(ctx, o.source) : null
    if (s === null) {
      ctx.err(`arping: invalid source ${o.source}\n`)
      return 2
    }
    if (!ip.isLocal(s)) {
      ctx.err('arping: bind: Cannot assign requested address\n')
      return 2
    }
    gsrc = s
  } else if (!dad && unsolicited) gsrc = gdst
  else if (!dad) gsrc = iface.primaryFor(gdst)?.ip ?? 0
  if (!o.quiet) ctx.out(`ARPING ${formatIp(gdst)} from ${formatIp(gsrc)} ${iface.name}\n`)
  if (!o.source && !gsrc && !dad) {
    ctx.err('arping: no source address in not-DAD mode: Cannot assign requested address\n')
    return 2
  }

  const me = iface.mac
  let he = BROADCAST_MAC
  let unicasting = false
  let sent = 0
  let brdSent = 0
  let received = 0
  let brdRecv = 0
  let reqRecv = 0
  let last = -1
  let done = false
  const finished = new Signal<void>()
  const send = () => {
    const pkt: ArpPacket = { kind: 'arp', uid: ctx.engine.nextUid(), op: o.advert ? 'reply' : 'request', sha: me, spa: gsrc, tha: o.advert ? me : he === BROADCAST_MAC ? ZERO_MAC : he, tpa: gdst }
    iface!.segment?.transmit(iface!, { kind: 'eth', src: me, dst: he, payload: pkt })
    last = ctx.engine.now
    sent++
    if (!unicasting) brdSent++
  }
  const stop = () => {
    if (done) return
    done = true
    finished.fire()
  }
  const tap = (dir: 'In' | 'Out', frame: EthernetFrame) => {
    if (dir !== 'In' || done || frame.payload.kind !== 'arp') return
    const p = frame.payload
    const host = frame.dst === me
    if (!host && frame.dst !== BROADCAST_MAC) return
    if (!dad) {
      if (p.spa !== gdst || p.tpa !== gsrc || p.tha !== me) return
    } else if (p.spa !== gdst || p.sha === me || (gsrc && gsrc !== p.tpa)) return
    if (!o.quiet) {
      let line = `${host ? 'Unicast' : 'Broadcast'} ${p.op === 'reply' ? 'reply' : 'request'} from ${formatIp(p.spa)} [${hexMac(p.sha)}] `
      let printedFor = false
      if (p.tpa !== gsrc) {
        line += `for ${formatIp(p.tpa)} `
        printedFor = true
      }
      if (p.tha !== me) line += `${printedFor ? '' : 'for '}[${hexMac(p.tha)}]`
      if (last >= 0) {
        let usecs = ctx.engine.now - last
        const msecs = Math.floor((usecs + 500) / 1000)
        usecs -= msecs * 1000 - 500
        line += ` ${msecs}.${String(usecs).padStart(3, '0')}ms`
      } else line += ' UNSOLICITED?'
      ctx.out(line + '\n')
    }
    received++
    if (deadline && received === count) return stop()
    if (!host) brdRecv++
    if (p.op === 'request') reqRecv++
    if (quitOnReply || (count === 0 && received === sent)) return stop()
    if (!o.broadcast) {
      he = p.sha
      unicasting = true
    }
  }
  iface.taps.add(tap)
  const summary = () => {
    if (o.quiet) return
    let text = `Sent ${sent} probes (${brdSent} broadcast(s))\nReceived ${received} response(s)`
    if (brdRecv || reqRecv) text += ` (${reqRecv ? `${reqRecv} request(s)` : ''}${brdRecv ? `${reqRecv ? ', ' : ''}${brdRecv} broadcast(s)` : ''})`
    ctx.out(text + '\n')
  }
  const status = () => (dad ? (received ? 1 : 0) : unsolicited ? 0 : deadline && count > 0 && !quitOnReply ? (count <= received ? 0 : 1) : received ? 0 : 1)
  try {
    send()
    let expires = 1
    const deadlineAt = deadline ? ctx.sleep(deadline * SECOND) : null
    while (!done) {
      if (sent === count && unsolicited) break
      const tick = ctx.sleep(Math.max(1, interval * SECOND))
      const r = yield* wait(race(deadlineAt ? [finished, tick, deadlineAt] : [finished, tick]))
      if (r.index === 0 || r.index === 2) break
      expires++
      if (count > 0 && count < expires) break
      send()
    }
  } catch (e) {
    iface.taps.delete(tap)
    if (!(e instanceof Interrupt)) throw e
    summary()
    return status()
  }
  iface.taps.delete(tap)
  summary()
  return status()
}

export const arping: CommandDef = { name: 'arping', path: '/usr/sbin/arping', rpm: 'iputils', summary: 'send ARP REQUEST to a neighbour host', args: ARGS, run }
