// The connection table (ip_vs_conn.c): one entry per client flow, hashed by the client side, plus
// persistence templates. An entry lives until its timer fires; every packet re-arms the timer to
// its state's timeout. A template that still controls connections when it fires is kept another
// 60 s. Binding and unbinding keep the destination's ActiveConn/InActConn/PersistConn counters and
// its OVERLOAD flag as ip_vs_bind_dest / ip_vs_unbind_dest do.

import type { Ip } from '../net/addr.ts'
import { FlowMap } from '../net/flowmap.ts'
import { SECOND, type Engine, type Timer } from '../sim/engine.ts'
import { TCP_TIMEOUTS, UDP_TIMEOUT, isActiveState, type TcpConnState } from './tcp-states.ts'
import type { Dest, FwdMethod, Service } from './types.ts'

export type ConnProto = 'TCP' | 'UDP' | 'IP'

export interface Conn {
  proto: ConnProto
  caddr: Ip
  cport: number
  vaddr: Ip
  vport: number
  daddr: Ip
  dport: number
  fwd: FwdMethod
  dest: Dest
  svc: Service
  state: TcpConnState | 'UDP' | 'ASSURED'
  template: boolean
  control: Conn | null
  nControl: number
  /** DR/TUN connections see no replies (IP_VS_CONN_F_NOOUTPUT). */
  noOutput: boolean
  timeoutS: number
  /** FULLNAT: the local address and port the real server sees as its peer. */
  laddr?: Ip
  lport?: number
  /** FULLNAT: the real server's initial sequence number, from its SYN-ACK (which packets get TOA). */
  serverIsn?: number
  expires: number
  timer: Timer | null
  counted: 'active' | 'inactive' | 'persist'
}

export interface Timeouts {
  tcp: number
  tcpfin: number
  udp: number
}

/** One side of a flow as a number: (address * 65536 + port) * 4 + protocol. */
function half(proto: ConnProto, addr: Ip, port: number): number {
  return (addr * 65536 + port) * 4 + (proto === 'TCP' ? 0 : proto === 'UDP' ? 1 : 2)
}

export class ConnTable {
  /** Client side (proto, caddr, cport) then virtual side (vaddr, vport); templates separately. */
  private conns = new FlowMap<Conn>()
  private templates = new FlowMap<Conn>()
  /** Invalidated templates: no lookup finds them; they are listed until their timers expire. */
  private stale = new Set<Conn>()
  /** Reply direction (NAT): real server side then client side. */
  private outIndex = new FlowMap<Conn>()
  timeouts: Timeouts = { tcp: TCP_TIMEOUTS.ESTABLISHED, tcpfin: TCP_TIMEOUTS.FIN_WAIT, udp: UDP_TIMEOUT }

  constructor(private readonly engine: Engine) {}

  lookupIn(proto: ConnProto, caddr: Ip, cport: number, vaddr: Ip, vport: number): Conn | undefined {
    return this.conns.get(half(proto, caddr, cport), half(proto, vaddr, vport))
  }

  lookupOut(proto: ConnProto, daddr: Ip, dport: number, caddr: Ip, cport: number): Conn | undefined {
    return this.outIndex.get(half(proto, daddr, dport), half(proto, caddr, cport))
  }

  /** In insertion order per client, clients in order of first appearance. */
  all(): Conn[] {
    return [...this.conns.values(), ...this.templates.values(), ...this.stale]
  }

  get size(): number {
    return this.conns.size + this.templates.size + this.stale.size
  }

  /**
   * ip_vs_check_template: a template that may no longer be used (its server deleted, or quiesced
   * with expire_quiescent_template = 1) is re-hashed with client port 0 and ports 65535, so
   * nothing matches it again. It keeps its timer and its connections, and stays listed.
   */
  invalidate(t: Conn): void {
    if (!t.template || this.stale.has(t)) return
    this.templates.delete(half(t.proto, t.caddr, t.cport), half(t.proto, t.vaddr, t.vport))
    t.cport = 0
    t.vport = 0xffff
    t.dport = 0xffff
    this.stale.add(t)
  }

  timeoutFor(c: Conn): number {
    if (c.template) return c.timeoutS
    if (c.proto === 'UDP') return this.timeouts.udp
    if (c.state === 'ESTABLISHED') return this.timeouts.tcp
    if (c.state === 'FIN_WAIT') return this.timeouts.tcpfin
    return TCP_TIMEOUTS[c.state as TcpConnState] ?? 2
  }

  add(c: Omit<Conn, 'timer' | 'expires' | 'counted'>): Conn {
    const conn = c as Conn
    conn.timer = null
    conn.expires = 0
    conn.counted = c.template ? 'persist' : 'inactive'
    if (c.template) c.dest.persistConns++
    else c.dest.inactConns++
    this.checkOverload(conn.dest, true)
    this.table(conn).set(half(c.proto, c.caddr, c.cport), half(c.proto, c.vaddr, c.vport), conn)
    if (!c.template) this.outIndex.set(half(c.proto, c.daddr, c.dport), this.peerHalf(conn), conn)
    if (c.control) c.control.nControl++
    this.arm(conn, this.timeoutFor(conn))
    return conn
  }

  /** Who the real server talks to: the client, or under FULLNAT the local address. */
  private peerHalf(c: Conn): number {
    return c.laddr !== undefined ? half(c.proto, c.laddr, c.lport ?? 0) : half(c.proto, c.caddr, c.cport)
  }

  /** Re-indexes a connection whose local address was assigned by the FULLNAT transmitter. */
  setLocal(c: Conn, laddr: Ip, lport: number): void {
    this.outIndex.delete(half(c.proto, c.daddr, c.dport), this.peerHalf(c))
    c.laddr = laddr
    c.lport = lport
    this.outIndex.set(half(c.proto, c.daddr, c.dport), this.peerHalf(c), c)
  }

  localPortInUse(proto: ConnProto, daddr: Ip, dport: number, laddr: Ip, lport: number): boolean {
    return this.outIndex.get(half(proto, daddr, dport), half(proto, laddr, lport)) !== undefined
  }

  private table(c: Conn): FlowMap<Conn> {
    return c.template ? this.templates : this.conns
  }

  lookupTemplate(proto: ConnProto, snet: Ip, vaddr: Ip, vport: number): Conn | undefined {
    return this.templates.get(half(proto, snet, 0), half(proto, vaddr, vport))
  }

  /**
   * Re-arms the connection's timer, as mod_timer does on every packet. The pending event is kept
   * when it fires no later than the new expiry: it then finds the expiry moved and re-schedules
   * itself. So a busy connection costs one event per timeout, not one per packet.
   */
  arm(c: Conn, seconds: number): void {
    c.expires = this.engine.now + seconds * SECOND
    if (c.timer && c.timer.at <= c.expires) return
    c.timer?.cancel()
    c.timer = this.engine.atWith(c.expires, this.fireConn, c, undefined)
  }

  private readonly fireConn = (c: Conn): void => this.fire(c)

  private fire(c: Conn): void {
    c.timer = null
    if (c.expires > this.engine.now) c.timer = this.engine.atWith(c.expires, this.fireConn, c, undefined)
    else this.expire(c)
  }

  /** New TCP state: moves the connection between ActiveConn and InActConn. */
  setState(c: Conn, state: TcpConnState): void {
    c.state = state
    if (c.template || c.proto !== 'TCP') return
    const want = isActiveState(state) ? 'active' : 'inactive'
    if (want === c.counted) return
    if (want === 'active') {
      c.dest.inactConns--
      c.dest.activeConns++
    } else {
      c.dest.activeConns--
      c.dest.inactConns++
    }
    c.counted = want
  }

  /** ip_vs_conn_expire_now: the entry goes at once, whatever its timer says. */
  expireNow(c: Conn): void {
    this.remove(c)
  }

  expire(c: Conn): void {
    if (c.nControl > 0) {
      c.timeoutS = 60
      this.arm(c, 60)
      return
    }
    this.remove(c)
  }

  remove(c: Conn): void {
    c.timer?.cancel()
    c.timer = null
    const a = half(c.proto, c.caddr, c.cport)
    const b = half(c.proto, c.vaddr, c.vport)
    const table = this.table(c)
    if (this.stale.has(c)) this.stale.delete(c)
    else if (table.get(a, b) !== c) return
    else table.delete(a, b)
    if (!c.template) this.outIndex.delete(half(c.proto, c.daddr, c.dport), this.peerHalf(c))
    if (c.counted === 'active') c.dest.activeConns--
    else if (c.counted === 'inactive') c.dest.inactConns--
    else c.dest.persistConns--
    if (c.control) c.control.nControl--
    this.checkOverload(c.dest, false)
  }

  /** ip_vs_bind_dest / ip_vs_unbind_dest's threshold rule (ipvs-kernel.md §1.0). */
  private checkOverload(d: Dest, bound: boolean): void {
    const n = d.activeConns + d.inactConns
    if (bound) {
      if (d.uThreshold && n >= d.uThreshold) d.overloaded = true
    } else if (d.lThreshold) {
      if (n < d.lThreshold) d.overloaded = false
    } else if (d.uThreshold) {
      if (n * 4 < d.uThreshold * 3) d.overloaded = false
    } else d.overloaded = false
  }

  clear(): void {
    for (const c of this.all()) c.timer?.cancel()
    this.conns.clear()
    this.templates.clear()
    this.stale.clear()
    this.outIndex.clear()
  }
}
