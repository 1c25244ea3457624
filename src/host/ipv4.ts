// The IPv4 path of one Linux box, in the order the kernel walks it, with netfilter's hook points
// (netfilter/wiring.ts says which hooks run at each, in what order):
//   receive: L2 filter -> ARP | IPv4 -> PRE_ROUTING -> rp_filter -> route:
//     local  -> LOCAL_IN -> socket / ICMP / IPIP decapsulation
//     remote -> ip_forward? -> TTL -> FORWARD -> POST_ROUTING -> neighbour -> wire
//   output: LOCAL_OUT -> route lookup -> POST_ROUTING -> neighbour (ARP, 3 probes a second apart) -> wire.
// Every drop and rewrite a hook decides is written to the trace by the one dispatcher here.

import { BROADCAST_MAC, ZERO_MAC, broadcastOf, formatIp, inPrefix, isLoopback, networkOf, type Cidr, type Ip } from '../net/addr.ts'
import { ICMP, ipLength, PROTO_GRE, PROTO_ICMP, PROTO_IPIP, PROTO_TCP, PROTO_UDP, type ArpPacket, type EthernetFrame, type IcmpMessage, type Ipv4Packet } from '../net/packet.ts'
import { SECOND, type Engine, type Timer } from '../sim/engine.ts'
import type { Passed, Reason } from '../sim/trace.ts'
import { Iface, ifaceGeneration, type IfAddress } from './iface.ts'
import { freshMeta, type HookPoint, type HookSink, type PacketMeta, type PassedBy } from './netfilter/hooks.ts'
import { Netfilter } from './netfilter/index.ts'
import { RouteTable, RT_TABLE, type Route } from './routes.ts'
import type { Sysctl } from './sysctl.ts'

export type { PacketMeta }

export type NetError = 'EHOSTUNREACH' | 'ENETUNREACH'

interface Neighbour {
  ip: Ip
  dev: string
  mac: string | null
  state: 'INCOMPLETE' | 'REACHABLE' | 'STALE' | 'FAILED' | 'PERMANENT'
  queue: Ipv4Packet[]
  probes: number
  timer: Timer | null
}

const ARP_RETRANS = SECOND
const ARP_PROBES = 3
const REACHABLE_TIME = 30 * SECOND
const DEFAULT_TTL = 64

/** Bytes on the wire as a NIC counts them: the Ethernet header and its payload (ARP is 28). */
function frameLength(frame: EthernetFrame): number {
  return 14 + (frame.payload.kind === 'arp' ? 28 : ipLength(frame.payload))
}

export function reason(code: string, text: string, params?: Reason['params']): Reason {
  return { code, text, params }
}

/** What a decapsulating device needs: its name, the module that creates it, how traces call it. */
interface Decap { dev: 'tunl0' | 'gre0'; code: 'ipip' | 'gre'; proto: number; label: string; module: string }
const IPIP_DECAP: Decap = { dev: 'tunl0', code: 'ipip', proto: 4, label: 'IPIP', module: 'ipip' }
const GRE_DECAP: Decap = { dev: 'gre0', code: 'gre', proto: 47, label: 'GRE', module: 'ip_gre' }

interface OutputOptions {
  via?: Ip
  dev?: string
  meta?: PacketMeta
}

/** What most sends pass (none): one shared object, not a fresh one per packet. */
const NO_OPTIONS: OutputOptions = Object.freeze({})

export class Ipv4Stack implements HookSink {
  readonly ifaces: Iface[] = []
  readonly routes = new RouteTable()
  /** Neighbour entries keyed by interface index * 2^32 + address (a number: no string per packet). */
  readonly neigh = new Map<number, Neighbour>()
  readonly nf: Netfilter
  /** Upper layers: TCP, ping sockets, IPIP. */
  tcpInput: (pkt: Ipv4Packet) => void = () => {}
  icmpInput: (pkt: Ipv4Packet, msg: IcmpMessage) => void = () => {}
  localError: (pkt: Ipv4Packet, err: NetError) => void = () => {}
  /** UDP sockets (udp.ts): true when a bound socket took the datagram. */
  udpInput: (pkt: Ipv4Packet) => boolean = () => false
  ipipLoaded = false
  greLoaded = false
  /** `ip fou add port P gue`: UDP ports whose datagrams carry GUE-encapsulated packets. */
  readonly fouPorts = new Set<number>()
  private ipId = 1
  /** Local addresses and route lookups, valid for one interface generation and route version. */
  private cacheGen = -1
  private cacheRoutes = -1
  private cacheIfaces = -1
  private localCache = new Set<Ip>()
  private localRanges: Cidr[] = []
  private routeCache = new Map<Ip, Route | null>()

  constructor(
    readonly hostName: string,
    readonly engine: Engine,
    readonly sysctl: Sysctl,
  ) {
    this.nf = new Netfilter(engine, () => this.hostName, this)
  }

  addIface(name: string, kind: Iface['kind'], mac: string, mtu: number): Iface {
    const index = this.ifaces.reduce((m, i) => Math.max(m, i.index), 0) + 1
    const iface = new Iface(this.hostName, index, name, kind, mac, mtu, (i, f) => this.receive(i, f))
    this.ifaces.push(iface)
    this.sysctl.addConf(name)
    return iface
  }

  removeIface(name: string): void {
    const i = this.ifaces.findIndex((x) => x.name === name)
    if (i >= 0) this.ifaces.splice(i, 1)
    this.sysctl.removeConf(name)
    this.routes.removeWhere((r) => r.dev === name)
  }

  iface(name: string): Iface | undefined {
    for (const i of this.ifaces) if (i.name === name) return i
    return undefined
  }

  isUp = (dev: string): boolean => this.iface(dev)?.up ?? false

  private validateCaches(): void {
    if (this.cacheGen === ifaceGeneration.value && this.cacheRoutes === this.routes.version && this.cacheIfaces === this.ifaces.length) return
    this.cacheGen = ifaceGeneration.value
    this.cacheRoutes = this.routes.version
    this.cacheIfaces = this.ifaces.length
    this.routeCache.clear()
    this.localCache.clear()
    this.localRanges = []
    for (const i of this.ifaces) {
      if (!i.up) continue
      for (const a of i.addrs) {
        this.localCache.add(a.ip)
        if (a.plen < 31) this.localCache.add(broadcastOf(a.ip, a.plen))
        if (i.kind === 'loopback' && !a.noprefixroute && !a.secondary && a.plen < 32 && !isLoopback(a.ip)) this.localRanges.push({ addr: networkOf(a.ip, a.plen), plen: a.plen })
      }
    }
  }

  /**
   * Is `ip` one of this host's addresses (on an up interface), in 127/8, or in the prefix of an
   * address on lo (fib_add_ifaddr makes lo's whole prefix a `local` route: 10.7.0.1/8 on lo makes
   * every 10/8 address local)?
   */
  isLocal(ip: Ip): boolean {
    if (isLoopback(ip)) return true
    this.validateCaches()
    if (this.localCache.has(ip)) return true
    for (const r of this.localRanges) if (inPrefix(ip, r)) return true
    return false
  }

  ifaceOf(ip: Ip): Iface | undefined {
    return this.ifaces.find((i) => i.hasAddress(ip))
  }

  route(dst: Ip): Route | null {
    this.validateCaches()
    let r = this.routeCache.get(dst)
    if (r === undefined) {
      r = this.routes.lookup(dst, this.isUp)
      this.routeCache.set(dst, r)
    }
    return r
  }

  /**
   * The routing decision with policy rules (fib_lookup): 'local' for delivery to this host, else
   * the route. Without rules beyond the default three this is the cached local check and lookup.
   */
  resolve(dst: Ip, mark: number): Route | 'local' | null {
    if (!this.routes.policy) return this.isLocal(dst) ? 'local' : this.route(dst)
    for (const rule of this.routes.rules) {
      if (rule.fwmark !== undefined && (mark & (rule.fwmask ?? 0xffffffff)) >>> 0 !== rule.fwmark) continue
      if (rule.table === RT_TABLE.LOCAL) {
        if (this.isLocal(dst)) return 'local'
        continue
      }
      const r = this.routes.lookup(dst, this.isUp, rule.table)
      if (r) return r.type === 'local' ? 'local' : r
    }
    return null
  }

  /**
   * The local table as fib_add_ifaddr fills it: each address of an up device a `local` /32 (its
   * source the primary of its subnet), a subnet broadcast for primaries shorter than /31 (5.14
   * no longer adds the network address), the explicit `brd`, and lo's prefix as a `local` range.
   */
  localRoutes(): { type: 'local' | 'broadcast'; dst: { addr: Ip; plen: number }; dev: string; scope: 'host' | 'link'; src: Ip }[] {
    const out: ReturnType<Ipv4Stack['localRoutes']> = []
    const seen = new Set<string>()
    const push = (type: 'local' | 'broadcast', addr: Ip, plen: number, dev: string, src: Ip) => {
      const key = `${type} ${addr}/${plen} ${dev}`
      if (seen.has(key)) return
      seen.add(key)
      out.push({ type, dst: { addr, plen }, dev, scope: type === 'local' ? 'host' : 'link', src })
    }
    for (const i of this.ifaces) {
      if (!i.up) continue
      for (const a of i.addrs) {
        const prim = a.secondary ? (i.primaryFor(a.ip)?.ip ?? a.ip) : a.ip
        push('local', a.ip, 32, i.name, prim)
        if (a.brd !== undefined && a.brd !== 0xffffffff) push('broadcast', a.brd, 32, i.name, prim)
        const prefix = networkOf(a.ip, a.plen)
        if (a.secondary || prefix === 0 || (prefix === a.ip && a.plen === 32)) continue
        if (i.kind === 'loopback' && !a.noprefixroute) push('local', prefix, a.plen, i.name, a.ip)
        if (a.plen < 31) push('broadcast', broadcastOf(a.ip, a.plen), 32, i.name, a.ip)
      }
    }
    return out.sort((a, b) => a.dst.addr - b.dst.addr || b.dst.plen - a.dst.plen)
  }

  /**
   * `ip addr del`: the address goes, and with it every route that used it as source
   * (fib_sync_down_addr); a promoted secondary gets its subnet route back with itself as source
   * unless it was added with noprefixroute.
   */
  deleteAddress(iface: Iface, ip: Ip, plen: number): boolean {
    const promoted = iface.removeAddress(ip, plen)
    if (promoted === false) return false
    if (!this.ifaces.some((i) => i.hasAddress(ip))) this.routes.removeWhere((r) => r.src === ip)
    if (promoted) this.addPrefixRoute(iface, promoted)
    return true
  }

  /** The connected route an address without noprefixroute brings (proto kernel, scope link). */
  addPrefixRoute(iface: Iface, a: IfAddress): void {
    if (a.secondary || a.noprefixroute || a.plen >= 32 || iface.kind === 'loopback') return
    this.routes.add({ dst: { addr: networkOf(a.ip, a.plen), plen: a.plen }, dev: iface.name, proto: 'kernel', scope: 'link', src: a.ip, owner: 'kernel' })
  }

  /**
   * ip_route_output_key_hash for a local destination: the source is the preferred source of the
   * first local-table entry that holds it (a secondary address answers from its subnet's primary,
   * 127.0.0.5 from 127.0.0.1), else the destination itself.
   */
  localSource(dst: Ip): Ip {
    let best: { plen: number; src: Ip } | undefined
    for (const l of this.localRoutes()) if (l.type === 'local' && inPrefix(dst, l.dst) && (!best || l.dst.plen > best.plen)) best = { plen: l.dst.plen, src: l.src }
    return best?.src ?? dst
  }

  /** Source address for a locally originated packet to `dst` (route src, else the device's primary). */
  sourceFor(dst: Ip): Ip | null {
    if (this.isLocal(dst)) return this.localSource(dst)
    const r = this.route(dst)
    if (!r) return null
    if (r.src !== undefined) return r.src
    return this.iface(r.dev)?.primaryFor(r.via ?? dst)?.ip ?? null
  }

  nextIpId(): number {
    this.ipId = (this.ipId + 1) & 0xffff
    return this.ipId
  }

  /** Builds a locally originated packet. */
  packet(src: Ip, dst: Ip, proto: number, payload: Ipv4Packet['payload']): Ipv4Packet {
    return { kind: 'ipv4', uid: this.engine.nextUid(), src, dst, ttl: this.sysctl.int('net.ipv4.ip_default_ttl') || DEFAULT_TTL, id: this.nextIpId(), proto, payload }
  }

  trace(code: string, text: string, pkt: Ipv4Packet | EthernetFrame, params?: Reason['params']): void {
    if (!this.engine.trace.enabled) return
    const uid = pkt.kind === 'eth' ? pkt.payload.uid : pkt.uid
    this.engine.trace.add({ type: 'drop', t: this.engine.now, uid, host: this.hostName, packet: pkt, reason: reason(code, text, { host: this.hostName, ...params }) })
  }

  // ---- receive -------------------------------------------------------------------------------

  private receive(iface: Iface, frame: EthernetFrame): void {
    if (frame.dst !== iface.mac && frame.dst !== BROADCAST_MAC) return
    iface.stats.rxPackets++
    iface.stats.rxBytes += frameLength(frame)
    if (frame.payload.kind === 'arp') this.arpInput(iface, frame.payload, frame)
    else this.ipInput(frame.payload, freshMeta(iface))
  }

  // ---- the hook dispatcher's trace (HookSink) -------------------------------------------------

  passed(point: HookPoint, hook: string, pkt: Ipv4Packet, meta: PacketMeta, by: PassedBy): void {
    if (!this.engine.trace.enabled) return
    const passed: Passed = by.by === 'iptables' ? { by: 'iptables', table: by.table, chain: by.chain, rule: by.rule(), mark: meta.mark } : by
    this.engine.trace.add({ type: 'verdict', t: this.engine.now, uid: pkt.uid, host: this.hostName, point, hook, passed })
  }

  drop(pkt: Ipv4Packet, r: Reason): void {
    this.trace(r.code, r.text, pkt, r.params)
  }

  reject(pkt: Ipv4Packet, code: number, r: Reason): void {
    this.trace(r.code, r.text, pkt, r.params)
    this.icmpError(pkt, ICMP.DEST_UNREACH, code)
  }

  rewrite(before: Ipv4Packet, after: Ipv4Packet, why: () => Reason): void {
    if (!this.engine.trace.enabled) return
    const r = why()
    this.engine.trace.add({ type: 'rewrite', t: this.engine.now, uid: before.uid, host: this.hostName, before, after, reason: { ...r, params: { host: this.hostName, ...r.params } } })
  }

  ipInput(packet: Ipv4Packet, meta: PacketMeta): void {
    const iface = meta.inIface
    const pkt = this.nf.hooks.run('PRE_ROUTING', packet, meta)
    if (!pkt) return
    const martian = iface ? this.martianSource(iface, pkt.src) : null
    if (iface && martian) {
      const src = formatIp(pkt.src)
      this.trace(
        `drop.${martian}`,
        `${this.hostName}: martian source ${src} on ${iface.name}: ${src} is one of its own addresses ${martian === 'martian' ? `(accept_local=0 on ${iface.name})` : `(accept_local=1, but rp_filter=1 on ${iface.name} and ${src} is not on ${iface.name})`}`,
        pkt,
        { src, iface: iface.name },
      )
      return
    }
    if (iface && iface.kind !== 'loopback' && !this.rpFilterOk(pkt, iface)) {
      this.trace(
        'drop.rp_filter',
        `${this.hostName}: reverse-path filter (rp_filter=${this.sysctl.confMax(iface.name, 'rp_filter')} on ${iface.name}): the route back to ${formatIp(pkt.src)} does not leave through ${iface.name}`,
        pkt,
        { mode: this.sysctl.confMax(iface.name, 'rp_filter'), iface: iface.name, src: formatIp(pkt.src) },
      )
      return
    }
    if (this.routes.policy ? this.resolve(pkt.dst, meta.mark) === 'local' : this.isLocal(pkt.dst)) return this.localInput(pkt, meta)
    this.forwardInput(pkt, meta)
  }

  /**
   * fib_validate_source for a source address that is one of this host's own, arriving from the
   * wire: a martian, refused unless accept_local is on (IN_DEV_ORCONF); with accept_local, strict
   * rp_filter (1) still refuses it unless the address is on the receiving device itself (the
   * local route's device must match), loose or no rp_filter lets it in. This is what stops a real
   * server holding the VIP from answering, or accepting packets from, a director whose own address
   * is the VIP. Null when the source is not ours (the ordinary rp_filter check follows).
   */
  private martianSource(iface: Iface, src: Ip): 'martian' | 'martian_rpf' | null {
    if (iface.kind === 'loopback' || src === 0 || !this.isLocal(src)) return null
    if (!this.sysctl.confMax(iface.name, 'accept_local')) return 'martian'
    return this.sysctl.confMax(iface.name, 'rp_filter') === 1 && !iface.addrs.some((a) => a.ip === src) ? 'martian_rpf' : null
  }

  private rpFilterOk(pkt: Ipv4Packet, iface: Iface): boolean {
    const mode = this.sysctl.confMax(iface.name, 'rp_filter')
    if (mode === 0 || pkt.src === 0) return true
    const back = this.route(pkt.src)
    if (!back) return false
    return mode === 2 || back.dev === iface.name
  }

  private localInput(packet: Ipv4Packet, meta: PacketMeta): void {
    const pkt = this.nf.hooks.run('LOCAL_IN', packet, meta)
    if (pkt) this.deliver(pkt, meta)
  }

  private deliver(pkt: Ipv4Packet, meta: PacketMeta): void {
    switch (pkt.proto) {
      case PROTO_TCP:
        return this.tcpInput(pkt)
      case PROTO_ICMP:
        return this.icmpReceive(pkt)
      case PROTO_IPIP:
        return this.decapInput(pkt, meta, IPIP_DECAP)
      case PROTO_GRE:
        return this.decapInput(pkt, meta, GRE_DECAP)
      case PROTO_UDP:
        if (pkt.payload.kind === 'udp' && pkt.payload.gue && this.fouPorts.has(pkt.payload.dport)) return this.decapInput({ ...pkt, proto: PROTO_IPIP, payload: pkt.payload.gue }, meta, IPIP_DECAP)
        if (this.udpInput(pkt)) return
        this.trace('drop.udp_port', `${this.hostName}: no UDP socket on port ${pkt.payload.kind === 'udp' ? pkt.payload.dport : 0}`, pkt, { port: pkt.payload.kind === 'udp' ? pkt.payload.dport : 0 })
        return this.icmpError(pkt, ICMP.DEST_UNREACH, ICMP.PORT_UNREACH)
      default:
        this.trace('drop.proto', `${this.hostName}: no handler for IP protocol ${pkt.proto}`, pkt, { proto: pkt.proto })
        return this.icmpError(pkt, ICMP.DEST_UNREACH, ICMP.PROTO_UNREACH)
    }
  }

  /**
   * IPIP and GRE arrive the same way: the module must be loaded (it creates tunl0/gre0), the
   * device must be up, and the inner packet re-enters IP input as if received on that device,
   * which is why rp_filter then judges it against the tunnel device.
   */
  private decapInput(pkt: Ipv4Packet, meta: PacketMeta, t: Decap): void {
    const dev = this.iface(t.dev)
    if (!(t.dev === 'tunl0' ? this.ipipLoaded : this.greLoaded) || !dev) {
      this.trace(`drop.no_${t.code}`, `${this.hostName}: IP protocol ${t.proto} (${t.label}) has no handler: the ${t.module} module is not loaded (modprobe ${t.module})`, pkt)
      return this.icmpError(pkt, ICMP.DEST_UNREACH, ICMP.PROTO_UNREACH)
    }
    if (!dev.up) {
      this.trace(`drop.${t.dev}_down`, `${this.hostName}: ${t.dev} is down, so the decapsulated packet is dropped (ip link set ${t.dev} up)`, pkt)
      return
    }
    const inner = pkt.payload
    if (inner.kind !== 'ipv4') return
    dev.capture('In', inner, pkt)
    this.engine.trace.enabled && this.engine.trace.add({ type: 'rewrite', t: this.engine.now, uid: pkt.uid, host: this.hostName, before: pkt, after: inner, reason: reason(`${t.code}.decap`, `${this.hostName}: ${t.dev} decapsulates the ${t.label} packet from ${formatIp(pkt.src)}`, { host: this.hostName, src: formatIp(pkt.src) }) })
    this.ipInput(inner, freshMeta(dev, meta.mark))
  }

  private forwardInput(pkt: Ipv4Packet, meta: PacketMeta): void {
    const iface = meta.inIface
    if (iface?.kind === 'loopback') return
    if (this.sysctl.int('net.ipv4.ip_forward') !== 1) {
      this.trace('drop.ip_forward', `${this.hostName}: packet for ${formatIp(pkt.dst)} is not for this host and net.ipv4.ip_forward = 0, so it is not forwarded`, pkt, { dst: formatIp(pkt.dst) })
      return
    }
    if (pkt.ttl <= 1) {
      this.trace('drop.ttl', `${this.hostName}: TTL expired in transit`, pkt)
      return this.icmpError(pkt, ICMP.TIME_EXCEEDED, 0)
    }
    const found = this.routes.policy ? this.resolve(pkt.dst, meta.mark) : this.route(pkt.dst)
    const r = found === 'local' ? null : found
    if (!r) {
      this.trace('drop.no_route', `${this.hostName}: no route to ${formatIp(pkt.dst)} (ip route has no matching entry and no default gateway)`, pkt, { dst: formatIp(pkt.dst) })
      return this.icmpError(pkt, ICMP.DEST_UNREACH, ICMP.NET_UNREACH)
    }
    const outIface = this.iface(r.dev)!
    meta.outIface = outIface
    const out = this.nf.hooks.run('FORWARD', { ...pkt, ttl: pkt.ttl - 1 }, meta)
    if (!out) return
    // A FORWARD hook may have rewritten the destination (it does not, today: IPVS changes sources).
    if (out.dst === pkt.dst) return this.postRouting(out, meta, outIface, r.via ?? out.dst)
    const r2 = this.route(out.dst)
    if (r2) this.postRouting(out, meta, this.iface(r2.dev)!, r2.via ?? out.dst)
  }

  // ---- ICMP ----------------------------------------------------------------------------------

  private icmpReceive(pkt: Ipv4Packet): void {
    const msg = pkt.payload
    if (msg.kind !== 'icmp') return
    if (msg.type === ICMP.ECHO_REQUEST) {
      if (this.sysctl.int('net.ipv4.icmp_echo_ignore_all') === 1) return this.trace('drop.icmp_ignore', `${this.hostName}: icmp_echo_ignore_all = 1`, pkt)
      const reply = this.packet(pkt.dst, pkt.src, PROTO_ICMP, { kind: 'icmp', type: ICMP.ECHO_REPLY, code: 0, id: msg.id, seq: msg.seq, size: msg.size, sent: msg.sent })
      this.output(reply)
      return
    }
    this.icmpInput(pkt, msg)
  }

  /** Sends an ICMP error about `orig` back to its source, as the kernel's icmp_send does. */
  icmpError(orig: Ipv4Packet, type: number, code: number): void {
    if (orig.proto === PROTO_ICMP && orig.payload.kind === 'icmp' && orig.payload.type !== ICMP.ECHO_REQUEST && orig.payload.type !== ICMP.ECHO_REPLY) return
    const src = this.isLocal(orig.dst) && !isLoopback(orig.dst) ? orig.dst : this.sourceFor(orig.src)
    if (src === null) return
    const msg: IcmpMessage = { kind: 'icmp', type, code, original: orig }
    this.output(this.packet(src, orig.src, PROTO_ICMP, msg))
  }

  // ---- output --------------------------------------------------------------------------------

  /**
   * Sends a locally built packet: LOCAL_OUT, the route, POST_ROUTING. `via` pins the next hop
   * (IPVS direct routing sends the VIP packet to the real server's MAC); `meta` carries what IPVS
   * says about a packet it transmits. Returns an error for locally detectable failures.
   */
  output(packet: Ipv4Packet, opts: OutputOptions = NO_OPTIONS): NetError | null {
    const meta = opts.meta ?? freshMeta()
    const pkt = this.nf.hooks.run('LOCAL_OUT', packet, meta)
    if (!pkt) return null
    if (this.isLocal(pkt.dst) && !opts.via) {
      this.postRouting(pkt, meta, this.iface('lo')!, pkt.dst)
      return null
    }
    const r = opts.dev ? null : this.route(opts.via ?? pkt.dst)
    const dev = opts.dev ?? r?.dev
    if (!dev) {
      this.trace('drop.no_route', `${this.hostName}: no route to ${formatIp(pkt.dst)} (ip route has no matching entry and no default gateway)`, pkt, { dst: formatIp(pkt.dst) })
      return 'ENETUNREACH'
    }
    this.postRouting(pkt, meta, this.iface(dev)!, r?.via ?? opts.via ?? pkt.dst)
    return null
  }

  /** POST_ROUTING, then the wire (or lo, whose packets come straight back in with their conntrack). */
  private postRouting(packet: Ipv4Packet, meta: PacketMeta, iface: Iface, nexthop: Ip): void {
    meta.outIface = iface
    const pkt = this.nf.hooks.run('POST_ROUTING', packet, meta)
    if (!pkt) return
    if (iface.kind === 'loopback') {
      const len = ipLength(pkt)
      iface.stats.txPackets++
      iface.stats.txBytes += len
      iface.stats.rxPackets++
      iface.stats.rxBytes += len
      const loMeta = freshMeta(iface, meta.mark)
      loMeta.ct = meta.ct
      loMeta.ctDir = meta.ctDir
      loMeta.related = meta.related
      loMeta.untracked = meta.untracked
      iface.capture('In', pkt)
      this.engine.after(10, () => this.ipInput(pkt, loMeta))
      return
    }
    this.neighSend(iface, nexthop, pkt)
  }

  private neighKey(dev: string, ip: Ip): number {
    return (this.iface(dev)?.index ?? 0) * 4294967296 + ip
  }

  private neighSend(iface: Iface, nexthop: Ip, pkt: Ipv4Packet): void {
    const key = this.neighKey(iface.name, nexthop)
    let n = this.neigh.get(key)
    if (n && n.mac && n.state !== 'FAILED' && n.state !== 'INCOMPLETE') {
      this.transmit(iface, n.mac, pkt, nexthop)
      return
    }
    if (!n || n.state === 'FAILED') {
      n = { ip: nexthop, dev: iface.name, mac: null, state: 'INCOMPLETE', queue: [], probes: 0, timer: null }
      this.neigh.set(key, n)
      n.queue.push(pkt)
      this.arpProbe(iface, n, pkt.src)
      return
    }
    if (n.queue.length >= 3) n.queue.shift()
    n.queue.push(pkt)
  }

  private arpProbe(iface: Iface, n: Neighbour, hintSrc: Ip): void {
    if (n.probes >= ARP_PROBES) {
      n.state = 'FAILED'
      n.timer = null
      const queued = n.queue
      n.queue = []
      for (const pkt of queued) {
        this.trace('drop.arp_failed', `${this.hostName}: nobody answered ARP for ${formatIp(n.ip)} on ${iface.name} after ${ARP_PROBES} requests`, pkt, { ip: formatIp(n.ip), iface: iface.name, probes: ARP_PROBES })
        if (this.isLocal(pkt.src) && !this.forwardedFrom(pkt)) this.localError(pkt, 'EHOSTUNREACH')
        else this.icmpError(pkt, ICMP.DEST_UNREACH, ICMP.HOST_UNREACH)
      }
      return
    }
    n.probes++
    const chosen = this.arpSource(iface, n.ip, hintSrc)
    const spa = this.nf.arptables.output(chosen, n.ip)
    if (spa === null) {
      n.timer = this.engine.after(ARP_RETRANS, () => this.arpProbe(iface, n, hintSrc))
      return
    }
    const arp: ArpPacket = { kind: 'arp', uid: this.engine.nextUid(), op: 'request', sha: iface.mac, spa, tha: ZERO_MAC, tpa: n.ip }
    this.wire(iface, { kind: 'eth', src: iface.mac, dst: BROADCAST_MAC, payload: arp })
    n.timer = this.engine.after(ARP_RETRANS, () => this.arpProbe(iface, n, hintSrc))
  }

  private forwardedFrom(pkt: Ipv4Packet): boolean {
    return !this.ifaces.some((i) => i.hasAddress(pkt.src))
  }

  /** arp_announce: which of our addresses goes in the sender field of an ARP request. */
  private arpSource(iface: Iface, target: Ip, hint: Ip): Ip {
    const announce = this.sysctl.confMax(iface.name, 'arp_announce')
    const own = iface.primaryFor(target)?.ip ?? 0
    if (announce === 0 && this.isLocal(hint) && !isLoopback(hint)) return hint
    if (announce === 1 && this.isLocal(hint)) {
      const a = this.ifaceOf(hint)?.addrs.find((x) => x.ip === hint)
      if (a && networkOf(target, a.plen) === networkOf(a.ip, a.plen)) return hint
    }
    return own
  }

  /** `nexthop` is the neighbour whose MAC the frame goes to (the trace shows it as the hop's decision). */
  private transmit(iface: Iface, mac: string, pkt: Ipv4Packet, nexthop: Ip): void {
    this.wire(iface, { kind: 'eth', src: iface.mac, dst: mac, payload: pkt }, nexthop)
  }

  /** Hands a frame to the NIC, which counts it for `ip -s link`. */
  private wire(iface: Iface, frame: EthernetFrame, nexthop?: Ip): void {
    iface.stats.txPackets++
    iface.stats.txBytes += frameLength(frame)
    iface.segment?.transmit(iface, frame, nexthop)
  }

  // ---- ARP -----------------------------------------------------------------------------------

  private arpInput(iface: Iface, arp: ArpPacket, frame: EthernetFrame): void {
    if (this.nf.arptables.inputDrops(arp.spa, arp.tpa)) {
      this.trace('arp.arptables', `${this.hostName}: arptables INPUT drops the ARP ${arp.op} for ${formatIp(arp.tpa)}`, frame, { ip: formatIp(arp.tpa) })
      return
    }
    const existing = this.neigh.get(this.neighKey(iface.name, arp.spa))
    const asked = arp.op === 'request' && this.arpShouldReply(iface, arp)
    // arp_process routes the request back to its sender first (ip_route_input): a sender address
    // that is one of ours is a martian source, so such a request gets no answer and teaches no
    // neighbour (see martianSource).
    const martian = asked ? this.martianSource(iface, arp.spa) : null
    const forUs = asked && !martian
    // A permanent entry is the administrator's: ARP does not touch it (neigh_update refuses).
    if (existing && arp.spa !== 0) {
      if (existing.state !== 'PERMANENT') this.neighUpdate(iface, existing, arp.sha)
    } else if (forUs) {
      const n: Neighbour = { ip: arp.spa, dev: iface.name, mac: null, state: 'INCOMPLETE', queue: [], probes: 0, timer: null }
      this.neigh.set(this.neighKey(iface.name, arp.spa), n)
      this.neighUpdate(iface, n, arp.sha)
    }
    if (arp.op === 'request') {
      if (martian) {
        const ip = formatIp(arp.spa)
        this.trace(`arp.${martian}`, `${this.hostName}: does not answer ARP from ${ip} on ${iface.name}: ${ip} is one of its own addresses, so the sender is a martian source ${martian === 'martian' ? `(accept_local=0 on ${iface.name})` : `(accept_local=1, but rp_filter=1 on ${iface.name} and ${ip} is not on ${iface.name})`}`, frame, { ip, iface: iface.name })
      } else if (forUs) {
        const spa = this.nf.arptables.output(arp.tpa, arp.spa)
        if (spa === null) return
        const reply: ArpPacket = { kind: 'arp', uid: this.engine.nextUid(), op: 'reply', sha: iface.mac, spa, tha: arp.sha, tpa: arp.spa }
        this.wire(iface, { kind: 'eth', src: iface.mac, dst: arp.sha, payload: reply })
      } else if (this.isLocal(arp.tpa)) {
        const mode = this.sysctl.confMax(iface.name, 'arp_ignore')
        this.trace('arp.ignored', `${this.hostName}: does not answer ARP for ${formatIp(arp.tpa)} on ${iface.name}: arp_ignore=${mode} and that address is not configured on ${iface.name}`, frame, { ip: formatIp(arp.tpa), iface: iface.name, mode })
      }
    }
  }

  /** arp_ignore: 0 answers for any local address, 1 only for addresses on the receiving interface. */
  private arpShouldReply(iface: Iface, arp: ArpPacket): boolean {
    if (!this.isLocal(arp.tpa) || isLoopback(arp.tpa)) return false
    const mode = this.sysctl.confMax(iface.name, 'arp_ignore')
    if (mode === 0) return true
    const a = iface.addrs.find((x) => x.ip === arp.tpa)
    if (!a) return false
    if (mode === 2) return networkOf(arp.spa, a.plen) === networkOf(a.ip, a.plen)
    return mode === 1
  }

  private neighUpdate(iface: Iface, n: Neighbour, mac: string): void {
    n.mac = mac
    n.state = 'REACHABLE'
    n.probes = 0
    n.timer?.cancel()
    n.timer = this.engine.after(REACHABLE_TIME, () => {
      if (n.state === 'REACHABLE') n.state = 'STALE'
    })
    const queued = n.queue
    n.queue = []
    for (const pkt of queued) this.transmit(iface, mac, pkt, n.ip)
  }

  /** A static entry (`arp -s`, `ip neigh add … nud permanent`): never probed, never aged. */
  setPermanentNeighbour(iface: Iface, ip: Ip, mac: string): void {
    const key = this.neighKey(iface.name, ip)
    this.neigh.get(key)?.timer?.cancel()
    const n: Neighbour = { ip, dev: iface.name, mac, state: 'PERMANENT', queue: [], probes: 0, timer: null }
    this.neigh.set(key, n)
  }

  /** `arp -d`, `ip neigh del`: false when no entry matches. */
  deleteNeighbour(ip: Ip, dev?: string): boolean {
    let found = false
    for (const [k, n] of this.neigh) {
      if (n.ip !== ip || (dev && n.dev !== dev)) continue
      n.timer?.cancel()
      this.neigh.delete(k)
      found = true
    }
    return found
  }

  flushNeighbours(dev?: string): void {
    for (const [k, n] of this.neigh) {
      if (!dev || n.dev === dev) {
        n.timer?.cancel()
        this.neigh.delete(k)
      }
    }
  }
}
