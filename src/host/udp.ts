// UDP sockets, to the depth nc -u and the labs' UDP services need: bind a port (on one local
// address or any), send datagrams, receive them in order, and a connected socket learning of an
// ICMP port unreachable as ECONNREFUSED on its next receive, as Linux reports it (udp_err). A
// datagram for a port nobody bound goes back to ipv4.ts, which answers port unreachable.

import type { Ip } from '../net/addr.ts'
import { ICMP, PROTO_UDP, type IcmpMessage, type Ipv4Packet } from '../net/packet.ts'
import { Signal } from '../sim/task.ts'
import type { Ipv4Stack, NetError } from './ipv4.ts'

export interface Datagram {
  src: Ip
  sport: number
  dst: Ip
  data: string
}

export class UdpSocket {
  readonly queue: Datagram[] = []
  error: 'ECONNREFUSED' | null = null
  closed = false
  private changed = new Signal<void>()

  constructor(
    private readonly stack: UdpStack,
    /** 0 for INADDR_ANY. */
    readonly localIp: Ip,
    readonly localPort: number,
    /** Set by connect(): the only peer it sends to and hears from. */
    readonly remote: { ip: Ip; port: number } | null,
  ) {}

  /** Fires at the next datagram or error. */
  next(): Signal<void> {
    return this.changed
  }

  notify(): void {
    const s = this.changed
    this.changed = new Signal<void>()
    s.fire()
  }

  /** Sends one datagram; ENETUNREACH when no route leads to the peer. */
  send(data: string, to: { ip: Ip; port: number } | null = this.remote): NetError | null {
    if (!to || this.closed) return null
    const ip = this.stack.ip
    const src = this.localIp || ip.sourceFor(to.ip)
    if (src === null) return 'ENETUNREACH'
    return ip.output(ip.packet(src, to.ip, PROTO_UDP, { kind: 'udp', sport: this.localPort, dport: to.port, data }))
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    this.stack.unbind(this)
    this.notify()
  }
}

export class UdpStack {
  private sockets = new Map<number, UdpSocket[]>()

  constructor(readonly ip: Ipv4Stack) {
    ip.udpInput = (pkt) => this.input(pkt)
  }

  reset(): void {
    this.sockets.clear()
  }

  bound(): UdpSocket[] {
    return [...this.sockets.values()].flat()
  }

  /** bind(): EADDRINUSE when the port is taken on that address (or on any). */
  bind(port: number, addr: Ip = 0): UdpSocket | 'EADDRINUSE' {
    const list = this.sockets.get(port) ?? []
    if (list.some((s) => s.localIp === 0 || addr === 0 || s.localIp === addr)) return 'EADDRINUSE'
    const s = new UdpSocket(this, addr, port, null)
    list.push(s)
    this.sockets.set(port, list)
    return s
  }

  /** connect() on a fresh socket: an ephemeral port and a fixed peer. */
  connect(dst: Ip, dport: number): UdpSocket | 'ENETUNREACH' {
    const src = this.ip.sourceFor(dst)
    if (src === null) return 'ENETUNREACH'
    let port = 0
    for (let tries = 0; tries < 100; tries++) {
      port = this.ip.engine.rng.int(32768, 60999)
      if (!this.sockets.has(port)) break
    }
    const s = new UdpSocket(this, src, port, { ip: dst, port: dport })
    this.sockets.set(port, [...(this.sockets.get(port) ?? []), s])
    return s
  }

  unbind(s: UdpSocket): void {
    const list = (this.sockets.get(s.localPort) ?? []).filter((x) => x !== s)
    if (list.length) this.sockets.set(s.localPort, list)
    else this.sockets.delete(s.localPort)
  }

  /** Delivers to the socket bound to the destination; false when there is none. */
  private input(pkt: Ipv4Packet): boolean {
    const d = pkt.payload
    if (d.kind !== 'udp') return false
    const sock = (this.sockets.get(d.dport) ?? []).find((s) => (s.localIp === 0 || s.localIp === pkt.dst) && (!s.remote || (s.remote.ip === pkt.src && s.remote.port === d.sport)))
    if (!sock) return false
    const trace = this.ip.engine.trace
    if (trace.enabled) trace.add({ type: 'deliver', t: this.ip.engine.now, uid: pkt.uid, host: this.ip.hostName, packet: pkt, reason: { code: 'deliver.udp', text: `${this.ip.hostName}: delivered to UDP socket *:${d.dport}` } })
    sock.queue.push({ src: pkt.src, sport: d.sport, dst: pkt.dst, data: d.data })
    sock.notify()
    return true
  }

  /** ICMP port unreachable about one of our datagrams: a connected socket's next receive fails. */
  icmpError(msg: IcmpMessage): void {
    const orig = msg.original
    if (!orig || orig.payload.kind !== 'udp' || msg.type !== ICMP.DEST_UNREACH || msg.code !== ICMP.PORT_UNREACH) return
    const o = orig.payload
    const sock = (this.sockets.get(o.sport) ?? []).find((s) => s.remote && s.remote.ip === orig.dst && s.remote.port === o.dport)
    if (!sock) return
    sock.error = 'ECONNREFUSED'
    sock.notify()
  }
}
