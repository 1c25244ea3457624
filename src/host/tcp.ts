// TCP as Linux runs it, to the depth the labs need: the three-way handshake, in-order data with
// cumulative ACKs, FIN close with TIME_WAIT, RST for a port nobody listens on, retransmission on
// the virtual clock (SYN: 1 s doubling, tcp_syn_retries = 6, so connect() gives up after 127 s),
// and ICMP unreachables turned into connect() errors as icmp_err_convert does.

import { formatIp, type Ip } from '../net/addr.ts'
import { ICMP, PROTO_TCP, byteLength, tcpSegmentLength, type IcmpMessage, type Ipv4Packet, type TcpFlags, type TcpSegment } from '../net/packet.ts'
import { FlowMap } from '../net/flowmap.ts'
import { MS, SECOND, type Timer } from '../sim/engine.ts'
import { Signal } from '../sim/task.ts'
import type { Ipv4Stack, NetError } from './ipv4.ts'

export type TcpError = 'ECONNREFUSED' | 'EHOSTUNREACH' | 'ENETUNREACH' | 'ETIMEDOUT' | 'ECONNRESET' | 'ENOPROTOOPT'

export type TcpState = 'SYN_SENT' | 'SYN_RECV' | 'ESTABLISHED' | 'FIN_WAIT1' | 'FIN_WAIT2' | 'CLOSING' | 'TIME_WAIT' | 'CLOSE_WAIT' | 'LAST_ACK' | 'CLOSED'

/** Window fields as Linux 5.14 puts them on the wire: SYN, SYN/ACK, then scaled by wscale 7. */
const WINDOW = 64240
const SYNACK_WINDOW = 65160
const SCALED_WINDOW = 502
const TIME_WAIT_US = 60 * SECOND
const DATA_RTO = 200 * MS
const DATA_RETRIES = 15

/** The flag sets a socket sends, shared: segments are immutable, so none needs its own. */
const SYN: TcpFlags = { syn: true }
const SYN_ACK: TcpFlags = { syn: true, ack: true }
const PSH_ACK: TcpFlags = { ack: true, psh: true }
const FIN_ACK: TcpFlags = { fin: true, ack: true }
const ACK: TcpFlags = { ack: true }

/** What a socket does with data and a FIN until its owner says otherwise: one function for all of them. */
const IGNORE = (): void => {}

// Timer callbacks taking their socket as an argument: a socket's timers need no closure each.
const retransmit = (sock: TcpSocket): void => sock.onRtx()
const reap = (sock: TcpSocket): void => sock.reap()

interface Unacked {
  seg: TcpSegment
  end: number
}

export class TcpSocket {
  state: TcpState
  readonly established = new Signal<void>()
  /** The socket is finished: null after an orderly close, else the error. */
  readonly finished = new Signal<TcpError | null>()
  received = ''
  peerClosed = false
  /** The client address a FULLNAT director put in the TOA option, if any segment carried one. */
  toa: { ip: Ip; port: number } | null = null
  error: TcpError | null = null
  onData: (text: string) => void = IGNORE
  onPeerClose: () => void = IGNORE
  private changed = new Signal<void>()
  private sndNxt: number
  private sndUna: number
  private rcvNxt = 0
  /** The last acknowledgement number we sent: a reply that already carried it makes a bare ACK unneeded. */
  private ackSent = -1
  private unacked: Unacked[] = []
  private rtxTimer: Timer | null = null
  private retries = 0
  private rto: number
  /** TS.Recent (RFC 7323): the peer's last TSval, echoed in our TSecr. */
  private tsRecent = 0

  constructor(
    private readonly stack: TcpStack,
    readonly localIp: Ip,
    readonly localPort: number,
    readonly remoteIp: Ip,
    readonly remotePort: number,
    state: TcpState,
    iss: number,
  ) {
    this.state = state
    this.sndNxt = iss
    this.sndUna = iss
    this.rto = SECOND
  }


  /** A signal that fires at the next change (data, state, error): what a blocking read waits on. */
  next(): Signal<void> {
    return this.changed
  }

  private notify(): void {
    const s = this.changed
    this.changed = new Signal<void>()
    s.fire()
  }

  connect(): void {
    this.sendSegment(SYN, '')
  }

  /** Passive open: the listener saw `syn` and answers with SYN/ACK. */
  answerSyn(syn: TcpSegment): void {
    this.rcvNxt = syn.seq + 1
    if (syn.ts) this.tsRecent = syn.ts.val
    this.sendSegment(SYN_ACK, '')
  }

  send(text: string): void {
    if (this.state !== 'ESTABLISHED' && this.state !== 'CLOSE_WAIT') return
    this.sendSegment(PSH_ACK, text)
  }

  close(): void {
    if (this.state === 'ESTABLISHED') {
      this.state = 'FIN_WAIT1'
      this.sendSegment(FIN_ACK, '')
    } else if (this.state === 'CLOSE_WAIT') {
      this.state = 'LAST_ACK'
      this.sendSegment(FIN_ACK, '')
    } else if (this.state === 'SYN_SENT' || this.state === 'SYN_RECV') {
      this.terminate(null)
    }
  }

  /** Abort without sending anything (the process was killed while connecting). */
  abort(): void {
    if (this.state !== 'CLOSED') this.terminate(null)
  }

  private sendSegment(flags: TcpFlags, data: string): void {
    const window = flags.syn ? (flags.ack ? SYNACK_WINDOW : WINDOW) : SCALED_WINDOW
    const seg: TcpSegment = { kind: 'tcp', sport: this.localPort, dport: this.remotePort, seq: this.sndNxt, ack: flags.ack ? this.rcvNxt : 0, flags, window, data, ts: this.stamp() }
    const len = tcpSegmentLength(seg)
    if (len > 0) {
      this.unacked.push({ seg, end: this.sndNxt + len })
      this.sndNxt += len
      if (!this.rtxTimer) this.armRtx()
    }
    this.emit(seg)
  }

  private emit(seg: TcpSegment): void {
    if (seg.flags.ack) this.ackSent = seg.ack
    const pkt = this.stack.ip.packet(this.localIp, this.remoteIp, PROTO_TCP, seg)
    const err = this.stack.ip.output(pkt)
    if (err === 'ENETUNREACH' && this.state === 'SYN_SENT') this.fail('ENETUNREACH')
  }

  private ackOnly(): void {
    this.emit({ kind: 'tcp', sport: this.localPort, dport: this.remotePort, seq: this.sndNxt, ack: this.rcvNxt, flags: ACK, window: SCALED_WINDOW, data: '', ts: this.stamp() })
  }

  private armRtx(): void {
    this.rtxTimer = this.stack.ip.engine.afterWith(this.rto, retransmit, this, undefined)
  }

  /** The retransmission timer fired (RTO). */
  onRtx(): void {
    this.rtxTimer = null
    if (!this.unacked.length || this.state === 'CLOSED') return
    const limit = this.state === 'SYN_SENT' ? this.stack.synRetries() : this.state === 'SYN_RECV' ? 5 : DATA_RETRIES
    if (this.retries >= limit) return this.fail('ETIMEDOUT')
    this.retries++
    this.rto *= 2
    const first = this.unacked[0].seg
    this.emit({ ...first, ack: first.flags.ack ? this.rcvNxt : 0, ts: this.stamp() })
    this.armRtx()
  }

  /**
   * Linux 5.14's TSval: the millisecond clock plus an offset per address pair
   * (secure_tcp_ts_off), here a fixed mix of the two addresses so a replay sends the same values.
   */
  private stamp(): { val: number; ecr: number } {
    const mix = Math.imul(this.localIp ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(this.remoteIp, 0xc2b2ae35)
    return { val: (Math.floor(this.stack.ip.engine.now / 1000) + (mix >>> 0)) >>> 0, ecr: this.tsRecent }
  }

  input(seg: TcpSegment): void {
    if (seg.toa) this.toa = seg.toa
    if (seg.ts) this.tsRecent = seg.ts.val
    if (seg.flags.rst) {
      if (this.state === 'SYN_SENT') {
        if (seg.flags.ack && seg.ack === this.sndNxt) this.fail('ECONNREFUSED')
        return
      }
      return this.fail(this.state === 'TIME_WAIT' ? null : 'ECONNRESET')
    }
    if (this.state === 'SYN_SENT') {
      if (seg.flags.syn && seg.flags.ack && seg.ack === this.sndNxt) {
        this.rcvNxt = seg.seq + 1
        this.ackUpTo(seg.ack)
        this.state = 'ESTABLISHED'
        this.ackOnly()
        this.established.fire()
        this.notify()
      }
      return
    }
    if (seg.flags.syn) {
      // A retransmitted SYN/ACK or SYN: answer with an ACK so the peer can move on.
      this.ackOnly()
      return
    }
    if (seg.flags.ack) this.ackUpTo(seg.ack)
    if (this.state === 'SYN_RECV' && seg.flags.ack && seg.ack === this.sndNxt) {
      this.state = 'ESTABLISHED'
      this.established.fire()
      this.stack.accepted(this)
    }
    const len = tcpSegmentLength(seg)
    if (len > 0) {
      if (seg.seq !== this.rcvNxt) {
        this.ackOnly()
        return
      }
      if (seg.data) {
        this.rcvNxt += byteLength(seg.data)
        this.received += seg.data
        this.onData(seg.data)
      }
      const closing = seg.flags.fin && !this.peerClosed
      if (seg.flags.fin) {
        this.rcvNxt += 1
        this.peerClosed = true
        this.onFin()
      }
      // The application answers first (a response, a FIN); its segment carries the ACK, as
      // Linux's delayed ACK piggybacks it. Only if nothing went out is a bare ACK sent.
      if (closing) this.onPeerClose()
      if (this.ackSent !== this.rcvNxt && this.state !== 'CLOSED') this.ackOnly()
      this.notify()
    }
    this.afterAck()
  }

  private onFin(): void {
    if (this.state === 'ESTABLISHED') this.state = 'CLOSE_WAIT'
    else if (this.state === 'FIN_WAIT1') this.state = this.unacked.length ? 'CLOSING' : 'TIME_WAIT'
    else if (this.state === 'FIN_WAIT2') this.state = 'TIME_WAIT'
    if (this.state === 'TIME_WAIT') this.enterTimeWait()
  }

  private afterAck(): void {
    if (this.unacked.length) return
    if (this.state === 'FIN_WAIT1') this.state = 'FIN_WAIT2'
    else if (this.state === 'CLOSING') this.enterTimeWait()
    else if (this.state === 'LAST_ACK') this.terminate(null)
  }

  /** When TIME_WAIT ends (virtual µs), for /proc/net/tcp's timer column. */
  timeWaitEnds = 0

  private enterTimeWait(): void {
    this.state = 'TIME_WAIT'
    this.timeWaitEnds = this.stack.ip.engine.now + TIME_WAIT_US
    this.notify()
    this.finished.fire(null)
    this.stack.ip.engine.afterWith(TIME_WAIT_US, reap, this, undefined)
  }

  /** TIME_WAIT is over: the socket leaves the table. */
  reap(): void {
    this.stack.remove(this)
  }

  private ackUpTo(ack: number): void {
    const before = this.unacked.length
    // The queue is in sequence order, so what the ACK covers is a prefix of it.
    let covered = 0
    while (covered < before && this.unacked[covered].end <= ack) covered++
    if (covered === before) this.unacked.length = 0
    else if (covered) this.unacked = this.unacked.slice(covered)
    if (ack > this.sndUna) this.sndUna = ack
    if (covered) {
      this.retries = 0
      this.rto = DATA_RTO
      this.rtxTimer?.cancel()
      this.rtxTimer = null
      if (this.unacked.length) this.armRtx()
    }
  }

  fail(err: TcpError | null): void {
    this.error = err
    this.terminate(err)
  }

  private terminate(err: TcpError | null): void {
    this.state = 'CLOSED'
    this.rtxTimer?.cancel()
    this.rtxTimer = null
    this.unacked = []
    this.stack.remove(this)
    this.finished.fire(err)
    this.notify()
  }
}

export type AcceptHandler = (sock: TcpSocket) => void

/** One end of a connection as one number: address * 65536 + port. */
function end(ip: Ip, port: number): number {
  return ip * 65536 + port
}

export class TcpStack {
  private sockets = new FlowMap<TcpSocket>()
  private listeners = new Map<number, AcceptHandler>()

  constructor(readonly ip: Ipv4Stack) {
    ip.tcpInput = (pkt) => this.input(pkt)
  }

  /** A reboot: every socket and listener is gone. */
  reset(): void {
    this.sockets.clear()
    this.listeners.clear()
  }

  synRetries(): number {
    return this.ip.sysctl.int('net.ipv4.tcp_syn_retries') || 6
  }

  listen(port: number, onAccept: AcceptHandler): void {
    this.listeners.set(port, onAccept)
  }

  unlisten(port: number): void {
    this.listeners.delete(port)
    for (const s of [...this.sockets.values()]) if (s.localPort === port && s.state === 'SYN_RECV') s.abort()
  }

  listening(): number[] {
    return [...this.listeners.keys()].sort((a, b) => a - b)
  }

  connections(): TcpSocket[] {
    return [...this.sockets.values()]
  }

  /** Active open. Fails at once with ENETUNREACH when no route exists. `bind` is a local address
   *  the caller chose (curl --interface), else the route's source. */
  connect(dst: Ip, dport: number, bind?: Ip): TcpSocket | TcpError {
    const src = bind ?? this.ip.sourceFor(dst)
    if (src === null) return 'ENETUNREACH'
    let sport = 0
    for (let tries = 0; tries < 100; tries++) {
      sport = this.ip.engine.rng.int(32768, 60999)
      if (!this.sockets.get(end(src, sport), end(dst, dport))) break
    }
    const sock = new TcpSocket(this, src, sport, dst, dport, 'SYN_SENT', this.ip.engine.rng.nextU32())
    this.sockets.set(end(src, sport), end(dst, dport), sock)
    sock.connect()
    return sock.state === 'CLOSED' && sock.error ? sock.error : sock
  }

  accepted(sock: TcpSocket): void {
    this.listeners.get(sock.localPort)?.(sock)
  }

  remove(sock: TcpSocket): void {
    const a = end(sock.localIp, sock.localPort)
    const b = end(sock.remoteIp, sock.remotePort)
    if (this.sockets.get(a, b) === sock) this.sockets.delete(a, b)
  }

  private input(pkt: Ipv4Packet): void {
    const seg = pkt.payload
    if (seg.kind !== 'tcp') return
    const sock = this.sockets.get(end(pkt.dst, seg.dport), end(pkt.src, seg.sport))
    if (sock && !(sock.state === 'TIME_WAIT' && seg.flags.syn && !seg.flags.ack)) {
      if (this.ip.engine.trace.enabled) this.deliverTrace(pkt, `socket ${formatIp(pkt.dst)}:${seg.dport} (${sock.state})`)
      sock.input(seg)
      return
    }
    if (sock) this.remove(sock)
    if (seg.flags.syn && !seg.flags.ack && this.listeners.has(seg.dport)) {
      this.deliverTrace(pkt, `listening socket *:${seg.dport}`)
      const child = new TcpSocket(this, pkt.dst, seg.dport, pkt.src, seg.sport, 'SYN_RECV', this.ip.engine.rng.nextU32())
      this.sockets.set(end(pkt.dst, seg.dport), end(pkt.src, seg.sport), child)
      child.answerSyn(seg)
      return
    }
    if (seg.flags.rst) return
    this.ip.trace('tcp.rst', `${this.ip.hostName}: nothing listens on TCP port ${seg.dport}, so the kernel answers with RST`, pkt, { port: seg.dport })
    const rst: TcpSegment = seg.flags.ack
      ? { kind: 'tcp', sport: seg.dport, dport: seg.sport, seq: seg.ack, ack: 0, flags: { rst: true }, window: 0, data: '' }
      : { kind: 'tcp', sport: seg.dport, dport: seg.sport, seq: 0, ack: seg.seq + tcpSegmentLength(seg), flags: { rst: true, ack: true }, window: 0, data: '' }
    this.ip.output(this.ip.packet(pkt.dst, pkt.src, PROTO_TCP, rst))
  }

  private deliverTrace(pkt: Ipv4Packet, to: string): void {
    if (!this.ip.engine.trace.enabled) return
    this.ip.engine.trace.add({ type: 'deliver', t: this.ip.engine.now, uid: pkt.uid, host: this.ip.hostName, packet: pkt, reason: { code: 'deliver.tcp', text: `${this.ip.hostName}: delivered to ${to}` } })
  }

  /** ICMP errors quoting one of our segments: hard errors abort a connect in progress. */
  icmpError(msg: IcmpMessage): void {
    const orig = msg.original
    if (!orig || orig.payload.kind !== 'tcp' || msg.type !== ICMP.DEST_UNREACH) return
    const seg = orig.payload
    const sock = this.sockets.get(end(orig.src, seg.sport), end(orig.dst, seg.dport))
    if (!sock || sock.state !== 'SYN_SENT') return
    const map: Record<number, TcpError> = {
      [ICMP.NET_UNREACH]: 'ENETUNREACH',
      [ICMP.HOST_UNREACH]: 'EHOSTUNREACH',
      [ICMP.PROTO_UNREACH]: 'ENOPROTOOPT',
      [ICMP.PORT_UNREACH]: 'ECONNREFUSED',
      [ICMP.ADMIN_PROHIBITED]: 'EHOSTUNREACH',
    }
    sock.fail(map[msg.code] ?? 'EHOSTUNREACH')
  }

  /** The neighbour layer gave up on one of our segments (no ARP answer). */
  netError(pkt: Ipv4Packet, err: NetError): void {
    const seg = pkt.payload
    if (seg.kind !== 'tcp') return
    const sock = this.sockets.get(end(pkt.src, seg.sport), end(pkt.dst, seg.dport))
    if (sock?.state === 'SYN_SENT') sock.fail(err)
  }
}
