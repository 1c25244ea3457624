// The connection table (ip_vs_conn.c): one entry per client flow, hashed by the client side, plus
// persistence templates. An entry lives until its timer fires; every packet re-arms the timer to
// its state's timeout. A template that still controls connections when it fires is kept another
// 60 s. Binding and unbinding keep the destination's ActiveConn/InActConn/PersistConn counters and
// its OVERLOAD flag as ip_vs_bind_dest / ip_vs_unbind_dest do.

import type { Ip } from '../net/addr.ts'
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
  expires: number
  timer: Timer | null
  counted: 'active' | 'inactive' | 'persist'
}

export interface Timeouts {
  tcp: number
  tcpfin: number
  udp: number
}

export class ConnTable {
  private conns = new Map<string, Conn>()
  /** Reply direction (NAT): real server -> client. */
  private outIndex = new Map<string, Conn>()
  timeouts: Timeouts = { tcp: TCP_TIMEOUTS.ESTABLISHED, tcpfin: TCP_TIMEOUTS.FIN_WAIT, udp: UDP_TIMEOUT }

  constructor(private readonly engine: Engine) {}

  static inKey(proto: ConnProto, caddr: Ip, cport: number, vaddr: Ip, vport: number): string {
    return `${proto}/${caddr}:${cport}/${vaddr}:${vport}`
  }

  static outKey(proto: ConnProto, daddr: Ip, dport: number, caddr: Ip, cport: number): string {
    return `${proto}/${daddr}:${dport}/${caddr}:${cport}`
  }

  lookupIn(proto: ConnProto, caddr: Ip, cport: number, vaddr: Ip, vport: number): Conn | undefined {
    return this.conns.get(ConnTable.inKey(proto, caddr, cport, vaddr, vport))
  }

  lookupOut(proto: ConnProto, daddr: Ip, dport: number, caddr: Ip, cport: number): Conn | undefined {
    return this.outIndex.get(ConnTable.outKey(proto, daddr, dport, caddr, cport))
  }

  all(): Conn[] {
    return [...this.conns.values()]
  }

  get size(): number {
    return this.conns.size
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
    this.conns.set(this.key(conn), conn)
    if (!c.template) this.outIndex.set(ConnTable.outKey(c.proto, c.daddr, c.dport, c.caddr, c.cport), conn)
    if (c.control) c.control.nControl++
    this.arm(conn, this.timeoutFor(conn))
    return conn
  }

  private key(c: Conn): string {
    return c.template ? `T/${ConnTable.inKey(c.proto, c.caddr, c.cport, c.vaddr, c.vport)}` : ConnTable.inKey(c.proto, c.caddr, c.cport, c.vaddr, c.vport)
  }

  lookupTemplate(proto: ConnProto, snet: Ip, vaddr: Ip, vport: number): Conn | undefined {
    return this.conns.get(`T/${ConnTable.inKey(proto, snet, 0, vaddr, vport)}`)
  }

  arm(c: Conn, seconds: number): void {
    c.timer?.cancel()
    c.expires = this.engine.now + seconds * SECOND
    c.timer = this.engine.at(c.expires, () => this.expire(c))
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
    if (this.conns.get(this.key(c)) !== c) return
    this.conns.delete(this.key(c))
    if (!c.template) this.outIndex.delete(ConnTable.outKey(c.proto, c.daddr, c.dport, c.caddr, c.cport))
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
    for (const c of this.conns.values()) c.timer?.cancel()
    this.conns.clear()
    this.outIndex.clear()
  }
}
