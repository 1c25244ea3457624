// The director: IPVS hooked into a host's LOCAL_IN, FORWARD and LOCAL_OUT points (ip_vs_core.c's
// ip_vs_ops4, registered in host/netfilter/wiring.ts). A client packet for a virtual service either
// belongs to a known connection or, if it may start one (a TCP SYN, any UDP datagram), is
// scheduled: persistence template first, else the scheduler. The connection's method then
// transmits it. NAT replies are matched in FORWARD and given back the virtual address. The control
// operations mirror the kernel's answers to ipvsadm, and its object lifetimes (ip_vs_ctl.c).

import { formatIp, isUnicast, type Ip } from '../net/addr.ts'
import { ICMP, ipLength, PROTO_ICMP, PROTO_IPIP, PROTO_TCP, PROTO_UDP, type Ipv4Packet } from '../net/packet.ts'
import { SECOND, type Timer } from '../sim/engine.ts'
import type { Host } from '../host/host.ts'
import { ACCEPT, freshMeta, STOLEN, type PacketMeta, type Verdict } from '../host/netfilter/hooks.ts'
import type { IpvsHooks } from '../host/netfilter/wiring.ts'
import type { Reason, SchedCandidate, SchedDetail } from '../sim/trace.ts'
import { ConnTable, type Conn, type ConnProto } from './conn.ts'
import { SCHEDULERS } from './schedulers/index.ts'
import { destName, rule, type SchedContext } from './schedulers/scheduler.ts'
import { Stats } from './stats.ts'
import { tcpTransition } from './tcp-states.ts'
import type { Dest, Service, SvcKey, SvcProto } from './types.ts'
import { xmitTable } from './xmit/index.ts'
import type { XmitContext } from './xmit/xmit.ts'

export type KernelError = 'EEXIST' | 'ENOENT' | 'ESRCH' | 'EINVAL' | 'ERANGE'

/** What `-A`/`-E` send the kernel: every configurable attribute of a service. */
export type ServiceOpts = Pick<Service, keyof SvcKey | 'scheduler' | 'persistent' | 'timeout' | 'netmask' | 'ops' | 'pe' | 'schedFlags'>

/** What `-a`/`-e` send the kernel: every configurable attribute of a real server. */
export type DestOpts = Pick<Dest, 'addr' | 'port' | 'fwd' | 'weight' | 'uThreshold' | 'lThreshold' | 'tunType' | 'tunPort' | 'tunFlags'>

/** IP_VS_DEST_TRASH_PERIOD. */
const TRASH_PERIOD = 120 * SECOND

const PROTO_NUM: Record<SvcProto, number> = { tcp: PROTO_TCP, udp: PROTO_UDP, sctp: 132 }

export function svcLabel(s: SvcKey): string {
  return s.fwmark ? `FWM ${s.fwmark}` : `${s.proto.toUpperCase()} ${formatIp(s.addr)}:${s.port}`
}

export class Director implements IpvsHooks {
  readonly services: Service[] = []
  readonly conns: ConnTable
  readonly total = new Stats()
  daemons: string[] = []
  private estimator: Timer | null = null
  private readonly xmitCtx: XmitContext
  private readonly xmit = xmitTable(() => this)
  private readonly sent = freshMeta()
  /** The reply hook's lookup of the packet it last saw, which the request hook reuses. */
  private readonly lastOut: { pkt: Ipv4Packet | null; conn: Conn | undefined } = { pkt: null, conn: undefined }

  constructor(readonly host: Host) {
    this.conns = new ConnTable(host.engine)
    this.xmitCtx = {
      host,
      get traced() {
        return host.engine.trace.enabled
      },
      rewrite: (before, after, code, text, params) => host.engine.trace.enabled && host.engine.trace.add({ type: 'rewrite', t: host.engine.now, uid: before.uid, host: host.hostname, before, after, reason: this.why(before, after, code, text, params) }),
    }
  }

  /** A rewrite's reason: the facts are both packets' addresses. */
  private why(before: Ipv4Packet, after: Ipv4Packet, code: string, text: () => string, params?: Record<string, string | number>): Reason {
    return { code, text: text(), params: { host: this.host.hostname, from: `${formatIp(before.src)} → ${formatIp(before.dst)}`, to: `${formatIp(after.src)} → ${formatIp(after.dst)}`, ...params } }
  }

  /**
   * What a packet IPVS transmits carries on (ip_vs_notrack / ip_vs_update_conntrack): with
   * net.ipv4.vs.conntrack = 0 it is untracked, so no conntrack entry is kept and no NAT chain
   * sees it; with 1 the entry stays, a NAT connection's REPLY tuple now naming the real server.
   */
  private outMeta(meta: PacketMeta, conn: Conn | null): PacketMeta {
    // One object serves every transmission: output() is done with it when it returns.
    const out = this.sent
    out.inIface = out.outIface = undefined
    out.mark = meta.mark
    out.ct = null
    out.ctDir = 0
    out.related = false
    out.untracked = false
    out.ipvs = true
    if (this.host.sysctl.int('net.ipv4.vs.conntrack') === 1 && meta.ct) {
      out.ct = meta.ct
      out.ctDir = meta.ctDir
      if (conn?.fwd === 'masq' && meta.ctDir === 0) this.host.netfilter.conntrack.alterReply(meta.ct, conn.daddr, conn.dport)
    } else out.untracked = true
    return out
  }

  // ---- control -------------------------------------------------------------------------------

  findService(k: SvcKey): Service | undefined {
    return this.services.find((s) => (k.fwmark ? s.fwmark === k.fwmark : !s.fwmark && s.proto === k.proto && s.addr === k.addr && s.port === k.port))
  }

  addService(o: ServiceOpts): KernelError | null {
    if (this.findService(o)) return 'EEXIST'
    const sched = SCHEDULERS[o.scheduler]
    if (!sched || (o.pe !== null && o.pe !== 'sip')) return 'ENOENT'
    const svc: Service = { ...o, schedData: null, dests: [], stats: new Stats(), laddrs: [], laddrCursor: 0 }
    sched.initService?.(svc)
    this.services.push(svc)
    this.host.netfilter.setIpvs(this)
    this.startEstimator()
    return null
  }

  /** `-E` replaces every attribute; the scheduler is re-bound only when its name changes. */
  editService(o: ServiceOpts): KernelError | null {
    const svc = this.findService(o)
    if (!svc) return 'ESRCH'
    const sched = SCHEDULERS[o.scheduler]
    if (!sched || (o.pe !== null && o.pe !== 'sip')) return 'ENOENT'
    const rebind = svc.scheduler !== o.scheduler
    Object.assign(svc, { scheduler: o.scheduler, persistent: o.persistent, timeout: o.timeout, netmask: o.netmask, ops: o.ops, pe: o.pe, schedFlags: o.schedFlags })
    if (rebind) sched.initService?.(svc)
    return null
  }

  /**
   * __ip_vs_del_service: the service goes and its real servers with it, to the trash; their
   * connections stay in the table until their own timers expire (`ipvsadm -Lnc` still lists
   * them), their packets now meeting a destination that is not available.
   */
  delService(k: SvcKey): KernelError | null {
    const svc = this.findService(k)
    if (!svc) return 'ESRCH'
    this.unlinkService(svc)
    this.afterChange()
    return null
  }

  private unlinkService(svc: Service): void {
    this.services.splice(this.services.indexOf(svc), 1)
    for (const dest of [...svc.dests]) this.unlinkDest(svc, dest)
  }

  /** `ipvsadm -C` (ip_vs_flush): every service, as delService does each. */
  flush(): void {
    for (const svc of [...this.services]) this.unlinkService(svc)
    this.afterChange()
  }

  /** What a reboot leaves: no services, no connections, an empty trash. */
  reset(): void {
    this.flush()
    this.conns.clear()
    this.trash.length = 0
    this.trashTimer?.cancel()
    this.trashTimer = null
  }

  addDest(svc: Service, o: DestOpts): KernelError | null {
    // ip_vs_new_dest takes only RTN_UNICAST and RTN_LOCAL: inet_addr_type calls all of 0.0.0.0/8 broadcast.
    if (!isUnicast(o.addr) || o.addr >>> 24 === 0) return 'EINVAL'
    if (o.lThreshold > o.uThreshold) return 'ERANGE'
    if (svc.dests.some((d) => d.addr === o.addr && d.port === o.port)) return 'EEXIST'
    const dest = this.fromTrash(svc, o) ?? { ...o, activeConns: 0, inactConns: 0, persistConns: 0, overloaded: false, available: true, stats: new Stats() }
    svc.dests.unshift(dest)
    SCHEDULERS[svc.scheduler]?.addDest?.(svc, dest)
    return null
  }

  // ---- the trash (ip_vs_trash_put_dest, ip_vs_trash_get_dest, ip_vs_dest_trash_expire) ----------
  //
  // A deleted real server is not freed while connections still point at it: it waits in the trash.
  // Every IP_VS_DEST_TRASH_PERIOD / 2 (60 s) the trash is checked: a destination with no
  // connection left is stamped idle, and freed once idle for IP_VS_DEST_TRASH_PERIOD (120 s).
  // Re-adding the same address and port to the same virtual service before that brings the old
  // object back, with its connections and ActiveConn/InActConn counters; its statistics survive
  // unless it comes back to a different service object (one deleted and created again).

  readonly trash: { dest: Dest; svc: Service; key: SvcKey; idleStart: number }[] = []
  private trashTimer: Timer | null = null

  private unlinkDest(svc: Service, dest: Dest): void {
    SCHEDULERS[svc.scheduler]?.delDest?.(svc, dest)
    svc.dests.splice(svc.dests.indexOf(dest), 1)
    dest.available = false
    this.trash.push({ dest, svc, key: { fwmark: svc.fwmark, proto: svc.proto, addr: svc.addr, port: svc.port }, idleStart: 0 })
    this.trashTimer ??= this.host.engine.after(TRASH_PERIOD / 2, () => this.trashExpire())
    // Since 5.9 expire_nodest_conn = 1 also flushes such connections in the background
    // (ip_vs_enqueue_expire_nodest_conns, a work item one jiffy later).
    if (this.host.sysctl.int('net.ipv4.vs.expire_nodest_conn') === 1) this.host.engine.after(1000, () => this.expireNodestConns())
  }

  /** ip_vs_expire_nodest_conn_flush: connections to unavailable servers go, then idle templates. */
  private expireNodestConns(): void {
    for (const c of this.conns.all()) {
      if (c.dest.available || c.nControl > 0) continue
      const ct = c.control
      this.conns.expireNow(c)
      if (ct && ct.nControl === 0) this.conns.expireNow(ct)
    }
  }

  private trashExpire(): void {
    const now = this.host.engine.now
    for (let i = this.trash.length - 1; i >= 0; i--) {
      const t = this.trash[i]
      if (t.dest.activeConns + t.dest.inactConns + t.dest.persistConns > 0) continue
      if (!t.idleStart) t.idleStart = now
      else if (now - t.idleStart >= TRASH_PERIOD) this.trash.splice(i, 1)
    }
    this.trashTimer = this.trash.length ? this.host.engine.after(TRASH_PERIOD / 2, () => this.trashExpire()) : null
  }

  private fromTrash(svc: Service, o: DestOpts): Dest | null {
    const i = this.trash.findIndex((t) => t.dest.addr === o.addr && t.dest.port === o.port && t.key.fwmark === svc.fwmark && (svc.fwmark !== 0 || (t.key.proto === svc.proto && t.key.addr === svc.addr && t.key.port === svc.port)))
    if (i < 0) return null
    const [{ dest, svc: old }] = this.trash.splice(i, 1)
    if (old !== svc) dest.stats.zero()
    Object.assign(dest, { fwd: o.fwd, weight: o.weight, uThreshold: o.uThreshold, lThreshold: o.lThreshold, tunType: o.tunType, tunPort: o.tunPort, tunFlags: o.tunFlags, available: true })
    return dest
  }

  editDest(svc: Service, o: DestOpts): KernelError | null {
    const dest = svc.dests.find((d) => d.addr === o.addr && d.port === o.port)
    if (!dest) return 'ENOENT'
    if (o.lThreshold > o.uThreshold) return 'ERANGE'
    if (o.uThreshold === 0 || o.uThreshold > dest.uThreshold) dest.overloaded = false
    Object.assign(dest, { fwd: o.fwd, weight: o.weight, uThreshold: o.uThreshold, lThreshold: o.lThreshold, tunType: o.tunType, tunPort: o.tunPort, tunFlags: o.tunFlags })
    SCHEDULERS[svc.scheduler]?.updDest?.(svc, dest)
    return null
  }

  delDest(svc: Service, addr: Ip, port: number): KernelError | null {
    const dest = svc.dests.find((d) => d.addr === addr && d.port === port)
    if (!dest) return 'ENOENT'
    this.unlinkDest(svc, dest)
    return null
  }

  zero(svc?: Service): void {
    const list = svc ? [svc] : this.services
    for (const s of list) {
      s.stats.zero()
      for (const d of s.dests) d.stats.zero()
    }
    if (!svc) this.total.zero()
  }

  private afterChange(): void {
    if (this.services.length) return
    this.host.netfilter.setIpvs(null)
    this.estimator?.cancel()
    this.estimator = null
  }

  private startEstimator(): void {
    if (this.estimator) return
    const tick = () => {
      if (this.host.sysctl.int('net.ipv4.vs.run_estimation') !== 0) {
        this.total.estimate()
        for (const s of this.services) {
          s.stats.estimate()
          for (const d of s.dests) d.stats.estimate()
        }
      }
      this.estimator = this.host.engine.after(2 * SECOND, tick)
    }
    this.estimator = this.host.engine.after(2 * SECOND, tick)
  }

  // ---- packets -------------------------------------------------------------------------------

  private lookupService(pkt: Ipv4Packet, mark: number, port: number): Service | undefined {
    if (mark) {
      const s = this.services.find((x) => x.fwmark === mark)
      if (s) return s
    }
    const proto = pkt.proto === PROTO_TCP ? 'tcp' : pkt.proto === PROTO_UDP ? 'udp' : null
    if (!proto) return undefined
    return this.services.find((s) => !s.fwmark && s.proto === proto && s.addr === pkt.dst && s.port === port) ?? this.services.find((s) => !s.fwmark && s.proto === proto && s.addr === pkt.dst && s.port === 0)
  }

  /**
   * An ICMP error about one of our tunnelled packets (the real server has no ipip, or a firewall
   * rejects protocol 4): ip_vs_in_icmp relays it to the client, about the client's own packet.
   */
  private relayTunnelIcmp(pkt: Ipv4Packet, meta: PacketMeta): boolean {
    const msg = pkt.payload
    if (msg.kind !== 'icmp' || !msg.original || msg.original.proto !== PROTO_IPIP || msg.original.payload.kind !== 'ipv4') return false
    const inner = msg.original.payload
    const l4 = inner.payload
    if (l4.kind !== 'tcp' && l4.kind !== 'udp') return false
    const conn = this.conns.lookupIn(l4.kind === 'tcp' ? 'TCP' : 'UDP', inner.src, l4.sport, inner.dst, l4.dport)
    if (!conn) return false
    const relay = this.host.ip.packet(conn.vaddr, conn.caddr, PROTO_ICMP, { kind: 'icmp', type: msg.type, code: msg.code, original: inner })
    this.xmitCtx.rewrite(pkt, relay, 'ipvs.icmp.tunnel', () => `IPVS: ICMP error from ${formatIp(pkt.src)} about a tunnelled packet, relayed to the client ${formatIp(conn.caddr)}`)
    this.host.ip.output(relay, { meta: this.outMeta(meta, null) })
    return true
  }

  /**
   * ip_vs_in_hook (LOCAL_IN, and LOCAL_OUT for the director's own clients): a packet of a known
   * connection, or one that may start one (TCP SYN, any UDP datagram) for a virtual service, is
   * transmitted by the connection's method and stolen from the stack; anything else passes.
   */
  request(pkt: Ipv4Packet, meta: PacketMeta): Verdict {
    if (meta.ipvs) return ACCEPT
    const l4 = pkt.payload
    if (l4.kind === 'icmp') return this.relayTunnelIcmp(pkt, meta) ? STOLEN : ACCEPT
    if (l4.kind !== 'tcp' && l4.kind !== 'udp') return ACCEPT
    const vs = this.host.sysctl
    const proto: ConnProto = l4.kind === 'tcp' ? 'TCP' : 'UDP'
    const back = this.lastOut.pkt === pkt ? this.lastOut.conn : this.conns.lookupOut(proto, pkt.src, l4.sport, pkt.dst, l4.dport)
    if (back?.fwd === 'fullnat' && back.laddr === pkt.dst) return this.fullnatReply(back, pkt, meta)
    let conn = this.conns.lookupIn(proto, pkt.src, l4.sport, pkt.dst, l4.dport)
    const newConn = l4.kind === 'tcp' && l4.flags.syn && !l4.flags.ack
    if (conn && newConn && !conn.control) {
      // conn_reuse_mode: a SYN on an old entry of the same client port (ip_vs_in's is_new_conn_expected).
      const mode = vs.int('net.ipv4.vs.conn_reuse_mode')
      const reusable = conn.state === 'TIME_WAIT' || conn.state === 'CLOSE' || (conn.noOutput && conn.state === 'FIN_WAIT' && (mode & 2) !== 0)
      if (mode & 1 && reusable) {
        this.conns.remove(conn)
        conn = undefined
      }
    }
    if (conn && !conn.dest.available) {
      if (vs.int('net.ipv4.vs.expire_nodest_conn') !== 1) {
        const host = this.host.hostname
        return { kind: 'drop', reason: { code: 'ipvs.nodest_conn', text: `${host}: IPVS connection to deleted real server ${formatIp(conn.daddr)} (expire_nodest_conn = 0): packet dropped`, params: { host, dest: formatIp(conn.daddr) } } }
      }
      // expire_nodest_conn = 1: the connection dies now. A SYN is scheduled afresh below; any
      // other segment falls to the director's own stack, which has no socket and answers RST.
      this.conns.expireNow(conn)
      conn = undefined
    }
    if (!conn) {
      if (l4.kind === 'tcp' && !(l4.flags.syn && !l4.flags.rst) && vs.int('net.ipv4.vs.sloppy_tcp') !== 1) return ACCEPT
      const svc = this.lookupService(pkt, meta.mark, l4.dport)
      if (!svc) return ACCEPT
      const made = this.schedule(svc, pkt, proto, l4.sport, l4.dport)
      if (!made) {
        const host = this.host.hostname
        return { kind: 'reject', code: ICMP.PORT_UNREACH, reason: { code: 'ipvs.nodest', text: `${host}: IPVS ${svc.scheduler}: ${svcLabel(svc)} - no destination available, so the client gets ICMP port unreachable`, params: { host, svc: svcLabel(svc), scheduler: svc.scheduler } } }
      }
      conn = made
    }
    const len = ipLength(pkt)
    conn.dest.stats.countIn(len)
    conn.svc.stats.countIn(len)
    this.total.countIn(len)
    if (l4.kind === 'tcp') this.conns.setState(conn, tcpTransition(conn.state as never, l4, conn.noOutput ? 'input-only' : 'input'))
    if (conn.control?.state === 'NONE' && conn.state === 'ESTABLISHED') conn.control.state = 'ASSURED'
    this.conns.arm(conn, this.conns.timeoutFor(conn))
    this.xmit[conn.fwd](this.xmitCtx, conn, pkt, this.outMeta(meta, conn))
    return STOLEN
  }

  private schedule(svc: Service, pkt: Ipv4Packet, proto: ConnProto, cport: number, vport: number): Conn | null {
    let template: Conn | null = null
    let dest: Dest | null = null
    const vs = this.host.sysctl
    if (svc.persistent) {
      const snet = (pkt.src & svc.netmask) >>> 0
      const tProto: ConnProto = svc.fwmark ? 'IP' : proto
      const tAddr = svc.fwmark ? svc.fwmark : svc.addr
      const tPort = svc.fwmark || svc.port === 0 || svc.port === 21 ? 0 : svc.port
      const found = this.conns.lookupTemplate(tProto, snet, tAddr, tPort)
      const valid = found && found.dest.available && !(vs.int('net.ipv4.vs.expire_quiescent_template') === 1 && found.dest.weight === 0)
      if (found && valid) {
        // What the template had left before this connection re-armed it: the card shows the hit.
        const leftS = Math.round((found.expires - this.host.engine.now) / SECOND)
        template = found
        dest = found.dest
        template.timeoutS = svc.timeout
        this.conns.arm(template, svc.timeout)
        this.traceDecision(svc, pkt, dest, [], rule('sched.persistence', `persistence: ${formatIp(pkt.src)} has a template for ${destName(dest)} (persistent ${svc.timeout} s), so the scheduler is not consulted`, { caddr: formatIp(pkt.src), dest: destName(dest), timeout: svc.timeout }), { kind: 'persistence', client: formatIp(found.caddr), netmask: formatIp(svc.netmask), dest: destName(dest), timeout: svc.timeout, expiresInS: leftS })
      } else {
        if (found) this.conns.invalidate(found)
        dest = this.runScheduler(svc, pkt, cport)
        if (!dest) return null
        template = this.conns.add({ proto: tProto, caddr: snet, cport: 0, vaddr: tAddr, vport: tPort, daddr: dest.addr, dport: svc.fwmark ? 0 : tPort === 0 ? 0 : dest.port, fwd: dest.fwd, dest, svc, state: 'NONE', template: true, control: null, nControl: 0, noOutput: dest.fwd !== 'masq', timeoutS: svc.timeout })
      }
    } else {
      if (!svc.fwmark && svc.port !== vport) return null
      dest = this.runScheduler(svc, pkt, cport)
      if (!dest) return null
    }
    const conn = this.conns.add({ proto, caddr: pkt.src, cport, vaddr: pkt.dst, vport, daddr: dest.addr, dport: dest.port || vport, fwd: dest.fwd, dest, svc, state: proto === 'UDP' ? 'UDP' : 'NONE', template: false, control: template, nControl: 0, noOutput: dest.fwd !== 'masq', timeoutS: 0 })
    dest.stats.raw.conns++
    svc.stats.raw.conns++
    this.total.raw.conns++
    return conn
  }

  private runScheduler(svc: Service, pkt: Ipv4Packet, cport: number): Dest | null {
    const sched = SCHEDULERS[svc.scheduler]
    const traced = this.host.engine.trace.enabled
    let explained: [SchedCandidate[], Reason, SchedDetail | undefined] = [[], { code: '', text: '' }, undefined]
    const ctx: SchedContext = { rng: this.host.engine.rng, caddr: pkt.src, cport, daddr: pkt.dst, now: this.host.engine.now, explain: (c, r, d) => traced && (explained = [c(), r, d?.()]) }
    const dest = sched ? sched.schedule(svc, ctx) : null
    this.traceDecision(svc, pkt, dest, explained[0], explained[1], explained[2])
    return dest
  }

  private traceDecision(svc: Service, pkt: Ipv4Packet, dest: Dest | null, candidates: SchedCandidate[], why: Reason, detail?: SchedDetail): void {
    if (!this.host.engine.trace.enabled) return
    this.host.engine.trace.add({
      type: 'sched',
      t: this.host.engine.now,
      uid: pkt.uid,
      host: this.host.hostname,
      decision: { svc: svcLabel(svc), scheduler: svc.scheduler, candidates, chosen: dest ? destName(dest) : null, rule: why, ...(detail ? { detail } : {}) },
    })
  }

  /** A reply packet of `bytes` counted for its real server, its service and the total. */
  private countOut(conn: Conn, bytes: number): void {
    conn.dest.stats.countOut(bytes)
    conn.svc.stats.countOut(bytes)
    this.total.countOut(bytes)
  }

  /** A FULLNAT reply reached the local address: give it back the VIP and the client. */
  private fullnatReply(conn: Conn, pkt: Ipv4Packet, meta: PacketMeta): Verdict {
    const l4 = pkt.payload
    if (l4.kind !== 'tcp' && l4.kind !== 'udp') return ACCEPT
    if (l4.kind === 'tcp' && l4.flags.syn && l4.flags.ack) conn.serverIsn = l4.seq
    const out: Ipv4Packet = { ...pkt, src: conn.vaddr, dst: conn.caddr, payload: { ...l4, sport: conn.vport, dport: conn.cport } }
    const len = ipLength(out)
    this.countOut(conn, len)
    if (l4.kind === 'tcp') this.conns.setState(conn, tcpTransition(conn.state as never, l4, 'output'))
    this.conns.arm(conn, this.conns.timeoutFor(conn))
    if (this.xmitCtx.traced) this.xmitCtx.rewrite(pkt, out, 'ipvs.fullnat.reply', () => `FULLNAT reply: ${formatIp(pkt.src)}:${l4.sport} -> ${formatIp(pkt.dst)}:${l4.dport} rewritten to ${formatIp(conn.vaddr)}:${conn.vport} -> ${formatIp(conn.caddr)}:${conn.cport}`)
    this.host.ip.output(out, { meta: this.outMeta(meta, null) })
    return STOLEN
  }

  /** DPVS `--add-laddr`: the address joins the service's pool and the interface (DPVS owns it). */
  addLaddr(svc: Service, addr: Ip, ifname: string): 'EEXIST' | 'ENODEV' | null {
    if (svc.laddrs.some((l) => l.addr === addr)) return 'EEXIST'
    const iface = this.host.ip.iface(ifname)
    if (!iface) return 'ENODEV'
    svc.laddrs.push({ addr, ifname, conns: 0 })
    if (!iface.hasAddress(addr)) iface.addAddress({ ip: addr, plen: 32, scope: 'global', noprefixroute: true, owner: 'manual' })
    return null
  }

  delLaddr(svc: Service, addr: Ip): 'ENOENT' | null {
    const i = svc.laddrs.findIndex((l) => l.addr === addr)
    if (i < 0) return 'ENOENT'
    const [l] = svc.laddrs.splice(i, 1)
    const iface = this.host.ip.iface(l.ifname)
    if (iface && !this.services.some((s) => s.laddrs.some((x) => x.addr === addr))) iface.removeAddress(addr, 32)
    return null
  }

  /**
   * ip_vs_out_hook (FORWARD 100, and LOCAL_IN 98 for the director's own clients): a reply of a NAT
   * connection gets the virtual address back. IPVS then owns the packet: it is untracked unless
   * net.ipv4.vs.conntrack = 1, so a masquerading firewall after it leaves it alone.
   */
  reply(pkt: Ipv4Packet, meta: PacketMeta): Verdict {
    if (meta.ipvs) return ACCEPT
    const l4 = pkt.payload
    if (l4.kind !== 'tcp' && l4.kind !== 'udp') return ACCEPT
    const proto: ConnProto = l4.kind === 'tcp' ? 'TCP' : 'UDP'
    const conn = this.conns.lookupOut(proto, pkt.src, l4.sport, pkt.dst, l4.dport)
    // The request hook right after this one (LOCAL_IN 99) would look the same packet up again.
    this.lastOut.pkt = pkt
    this.lastOut.conn = conn
    if (!conn || conn.fwd !== 'masq') return ACCEPT
    const out: Ipv4Packet = { ...pkt, src: conn.vaddr, payload: { ...l4, sport: conn.vport } }
    const len = ipLength(out)
    this.countOut(conn, len)
    if (l4.kind === 'tcp') this.conns.setState(conn, tcpTransition(conn.state as never, l4, 'output'))
    if (conn.control?.state === 'NONE' && (conn.state === 'ESTABLISHED' || proto === 'UDP')) conn.control.state = 'ASSURED'
    this.conns.arm(conn, this.conns.timeoutFor(conn))
    meta.ipvs = true
    if (this.host.sysctl.int('net.ipv4.vs.conntrack') !== 1) {
      meta.ct = null
      meta.untracked = true
    }
    // Every NAT reply takes this path: one verdict object serves them all (the dispatcher reads
    // it, and calls `why` only with the trace on, before the next packet).
    const v = this.replyVerdict
    v.pkt = out
    v.before = pkt
    v.conn = conn
    return v
  }

  private readonly replyVerdict: { kind: 'rewrite'; pkt: Ipv4Packet; before: Ipv4Packet; conn: Conn | null; why: () => Reason } = {
    kind: 'rewrite',
    pkt: null as never,
    before: null as never,
    conn: null,
    why: () => {
      const { before, pkt: after, conn } = this.replyVerdict
      const sport = before.payload.kind === 'tcp' || before.payload.kind === 'udp' ? before.payload.sport : 0
      return this.why(before, after, 'ipvs.masq.reply', () => `IPVS NAT reply: source ${formatIp(before.src)}:${sport} rewritten to virtual ${formatIp(conn!.vaddr)}:${conn!.vport}`)
    },
  }

  /** ip_vs_forward_icmp (FORWARD 99): an ICMP error about a NAT connection is made to come from the VIP. */
  forwardIcmp(pkt: Ipv4Packet, meta: PacketMeta): Verdict {
    const l4 = pkt.payload
    if (meta.ipvs || pkt.proto !== PROTO_ICMP || l4.kind !== 'icmp' || !l4.original) return ACCEPT
    const o = l4.original
    const ol4 = o.payload
    if (ol4.kind !== 'tcp' && ol4.kind !== 'udp') return ACCEPT
    const conn = this.conns.lookupOut(ol4.kind === 'tcp' ? 'TCP' : 'UDP', o.dst, ol4.dport, o.src, ol4.sport)
    if (!conn || conn.fwd !== 'masq') return ACCEPT
    const original: Ipv4Packet = { ...o, dst: conn.vaddr, payload: { ...ol4, dport: conn.vport } }
    const out: Ipv4Packet = { ...pkt, src: conn.vaddr, payload: { ...l4, original } }
    meta.ipvs = true
    return { kind: 'rewrite', pkt: out, why: () => this.why(pkt, out, 'ipvs.masq.icmp', () => `IPVS NAT: ICMP error from ${formatIp(pkt.src)} about a NAT connection rewritten to come from ${formatIp(conn.vaddr)}`) }
  }
}

export function protoNumber(p: SvcProto): number {
  return PROTO_NUM[p]
}
