// Holding one packet at the director, for a `predict` check (lessons/FORMAT.md): a real curl runs
// on a copy of the learner's world, and the trace of that copy tells what IPVS did with the chosen
// packet of its connection (the SYN, the handshake's ACK or the first data). The frame as it
// arrived, the scheduler's decision for the connection and the frame the director then sent are
// read from the wire, sched and rewrite records (ctx.rewrite in src/ipvs/xmit/*.ts), so the
// answer is what the engine really does, not what a lesson says it should.

import type { FwdMethod } from '../../../ipvs/types.ts'
import type { EthernetFrame, Ipv4Packet, TcpSegment } from '../../../net/packet.ts'
import type { SchedDecision, TraceRecord } from '../../../sim/trace.ts'
import type { Lab } from '../../lab.ts'
import type { PredictHop } from '../../lessons/contract.ts'
import type { PredictCheck } from '../../lessons/schema.ts'
import { failureReasons } from '../probe.ts'
import { joinTexts, say, type LocalText } from '../text.ts'

/** The trace codes of the four transmitters (src/ipvs/xmit/*.ts), by forwarding method. */
const METHOD_OF_CODE: Record<string, FwdMethod> = { 'ipvs.masq': 'masq', 'ipvs.droute': 'droute', 'ipvs.tunnel': 'tunnel', 'ipvs.fullnat': 'fullnat' }

export type HeldPacket = NonNullable<PredictCheck['packet']>

export interface Hop {
  frame: EthernetFrame & { payload: Ipv4Packet }
  segment: string
  /** The interface of the director it arrived on or left from. */
  iface: string
  /** The hop as the wire record has it, for the picture. */
  wire: PredictHop
}

export interface Captured {
  ok: true
  director: string
  method: FwdMethod
  packet: HeldPacket
  arriving: Hop
  leaving: Hop
  /** The scheduler's choice for this connection (null when the trace has none, e.g. a reused conn). */
  decision: SchedDecision | null
}

export type Capture = Captured | { ok: false; found: LocalText }

type Rewrite = Extract<TraceRecord, { type: 'rewrite' }>
type Wire = Extract<TraceRecord, { type: 'wire' }>

const PACKET_TEST: Record<HeldPacket, (s: TcpSegment) => boolean> = {
  syn: (s) => !!s.flags.syn && !s.flags.ack,
  ack: (s) => !!s.flags.ack && !s.flags.syn && !s.flags.fin && !s.flags.rst && s.data === '',
  data: (s) => s.data !== '',
}

export const PACKET_NAME: Record<HeldPacket, LocalText> = {
  syn: { en: 'the first SYN', 'zh-Hans': '第一个 SYN', 'zh-Hant': '第一個 SYN' },
  ack: { en: "the handshake's ACK", 'zh-Hans': '三次握手的 ACK', 'zh-Hant': '三向交握的 ACK' },
  data: { en: 'the first data packet (the HTTP request)', 'zh-Hans': '第一个数据数据包（HTTP 请求）', 'zh-Hant': '第一個資料封包（HTTP 請求）' },
}

/** `the first SYN from client to http://…/ at lvs`: what is held, in every result. */
export function heldText(p: PredictCheck): LocalText {
  return say(
    { en: '{packet} of a request from {from} to {url}, held at {host}', 'zh-Hans': '从 {from} 到 {url} 的请求的{packet}，停在 {host}', 'zh-Hant': '從 {from} 到 {url} 的請求的{packet}，停在 {host}' },
    { packet: PACKET_NAME[p.packet ?? 'syn'], from: p.from, url: p.url, host: p.host },
  )
}

const hopOf = (w: Wire): PredictHop => ({ segment: w.segment, fromHost: w.fromHost, fromIface: w.fromIface, toHost: [...w.toHost] })

const isIpFrame = (f: EthernetFrame): f is EthernetFrame & { payload: Ipv4Packet } => f.payload.kind === 'ipv4'

/** Runs the request on `lab` (a copy: this changes it) and finds the held packet in its trace. */
export function capture(lab: Lab, p: PredictCheck): Capture {
  const director = lab.host(p.host)
  if (!director) return { ok: false, found: say({ en: 'no host {host} in this lab', 'zh-Hans': '本实验没有主机 {host}', 'zh-Hant': '本實驗沒有主機 {host}' }, { host: p.host }) }
  const name = director.hostname
  const kind = p.packet ?? 'syn'
  lab.engine.trace.enabled = true
  const mark = lab.engine.trace.lastId
  const r = lab.run(p.from, `curl -sS -m ${p.timeout ?? 2} '${p.url.replace(/'/g, '')}'`)
  const records = lab.engine.trace.since(mark)

  const rewrites = records.filter((x): x is Rewrite => x.type === 'rewrite' && x.host === name && METHOD_OF_CODE[x.reason.code] !== undefined && x.before.payload.kind === 'tcp')
  // The request's connection starts with its SYN; packets of earlier connections still in flight are not it.
  const tcpOf = (x: Rewrite) => x.before.payload as TcpSegment
  const syn = rewrites.find((x) => PACKET_TEST.syn(tcpOf(x)))
  const held = syn && rewrites.find((x) => x.id >= syn.id && tcpOf(x).sport === tcpOf(syn).sport && PACKET_TEST[kind](tcpOf(x)))
  if (!syn || !held) {
    const drops = records.filter((x): x is Extract<TraceRecord, { type: 'drop' }> => x.type === 'drop')
    const why = failureReasons(lab, p.from, [{ error: r.stderr.trim() }], drops)
    const never = say(
      { en: '{packet} never went through IPVS on {host}', 'zh-Hans': '{packet}没有经过 {host} 上的 IPVS', 'zh-Hant': '{packet}沒有經過 {host} 上的 IPVS' },
      { packet: PACKET_NAME[kind], host: name },
    )
    return { ok: false, found: r.exitCode === 0 && !drops.length ? never : joinTexts([never, why]) }
  }
  const sched = records.find((x): x is Extract<TraceRecord, { type: 'sched' }> => x.type === 'sched' && x.uid === syn.uid && x.host === name)

  const wires = records.filter((x): x is Wire => x.type === 'wire' && x.uid === held.uid && isIpFrame(x.frame))
  const arrived = wires.filter((w) => w.id < held.id && w.toHost.includes(name)).pop()
  const left = wires.find((w) => w.id > held.id && w.fromHost === name)
  if (!arrived || !left) {
    const drops = records.filter((x): x is Extract<TraceRecord, { type: 'drop' }> => x.type === 'drop' && x.uid === held.uid)
    const never = say({ en: '{host} rewrote {packet} but never sent it', 'zh-Hans': '{host} 改写了{packet}，但没有送出', 'zh-Hant': '{host} 改寫了{packet}，但沒有送出' }, { host: name, packet: PACKET_NAME[kind] })
    return { ok: false, found: drops.length ? joinTexts([never, failureReasons(lab, p.from, [], drops)]) : never }
  }
  const inIface = director.ip.ifaces.find((i) => i.mac === arrived.frame.dst)?.name ?? ''
  return {
    ok: true,
    director: name,
    method: METHOD_OF_CODE[held.reason.code],
    packet: kind,
    arriving: { frame: arrived.frame as Hop['frame'], segment: arrived.segment, iface: inIface, wire: hopOf(arrived) },
    leaving: { frame: left.frame as Hop['frame'], segment: left.segment, iface: left.fromIface, wire: hopOf(left) },
    decision: sched ? sched.decision : null,
  }
}
