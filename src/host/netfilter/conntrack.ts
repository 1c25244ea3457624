// Connection tracking (nf_conntrack_core.c, nf_conntrack_proto_tcp.c, nf_nat_core.c): one table of
// connections, each with the tuple its first packet had (ORIGINAL) and the tuple its replies carry
// (REPLY). A packet is looked up at PRE_ROUTING or LOCAL_OUT; a new connection is confirmed into
// the table only when its first packet survives to POST_ROUTING or LOCAL_IN. NAT is decided once,
// on that first packet, by changing the REPLY tuple; every later packet, in either direction, is
// rewritten to match the tuples, so a reply is de-NATed and never NATed again.

import { formatIp, type Ip } from '../../net/addr.ts'
import { ICMP, PROTO_ICMP, PROTO_TCP, PROTO_UDP, type Ipv4Packet, type TcpFlags } from '../../net/packet.ts'
import { SECOND, type Engine } from '../../sim/engine.ts'
import type { Reason } from '../../sim/trace.ts'
import { ACCEPT, type PacketMeta, type Verdict } from './hooks.ts'
import { FlowMap } from '../../net/flowmap.ts'

/** IP_CT_DIR_ORIGINAL, IP_CT_DIR_REPLY. */
export type CtDir = 0 | 1

/** What `ct state` matches. */
export type CtState = 'NEW' | 'ESTABLISHED' | 'RELATED' | 'INVALID' | 'UNTRACKED'

export type TcpCtState = 'NONE' | 'SYN_SENT' | 'SYN_RECV' | 'ESTABLISHED' | 'FIN_WAIT' | 'CLOSE_WAIT' | 'LAST_ACK' | 'TIME_WAIT' | 'CLOSE' | 'SYN_SENT2'

/** One direction of a connection. For ICMP echo the ports are the echo id. */
export interface Tuple {
  src: Ip
  dst: Ip
  sport: number
  dport: number
}

export interface CtEntry {
  id: number
  proto: number
  tuple: [Tuple, Tuple]
  tcp: TcpCtState
  /** ICMP: the type of the original direction (8 echo request). */
  icmpType: number
  seenReply: boolean
  assured: boolean
  confirmed: boolean
  /** Which manips have been decided (nf_nat_initialized): 1 source, 2 destination. */
  natInit: number
  /** IPS_SRC_NAT (1) and IPS_DST_NAT (2): the REPLY tuple was changed by that kind of NAT. */
  natted: number
  /** How each NAT was made, for the trace: masquerade, snat, dnat. */
  srcNat: 'masquerade' | 'snat' | null
  mark: number
  /** When it times out (virtual µs); every packet pushes it out by its state's timeout. */
  expires: number
}

/** A NAT decision: the address (and port) one side of the connection is given. */
export interface NatBinding {
  kind: 'masquerade' | 'snat' | 'dnat'
  addr: Ip
  port?: number
}

export type Manip = 'src' | 'dst'
const SRC = 1
const DST = 2

/** nf_conntrack_tcp_timeout_* (seconds). */
export const TCP_CT_TIMEOUTS: Record<TcpCtState, number> = {
  NONE: 0,
  SYN_SENT: 120,
  SYN_RECV: 60,
  ESTABLISHED: 432000,
  FIN_WAIT: 120,
  CLOSE_WAIT: 60,
  LAST_ACK: 30,
  TIME_WAIT: 120,
  CLOSE: 10,
  SYN_SENT2: 120,
}
/** nf_conntrack_udp_timeout, nf_conntrack_udp_timeout_stream, icmp and generic timeouts. */
export const UDP_CT_TIMEOUT = 30
export const UDP_CT_TIMEOUT_STREAM = 120
export const ICMP_CT_TIMEOUT = 30
export const GENERIC_CT_TIMEOUT = 600
const GC_INTERVAL = 5 * SECOND

/**
 * The TCP state machine, tcp_conntracks[dir][flag][state] in the kernel, for the states in the
 * order of STATE_ORDER. 'IV' marks the packet invalid, 'IG' ignores it (state unchanged). From
 * NONE an ACK picks the connection up (nf_conntrack_tcp_loose = 1); a SYN/ACK, FIN or RST that
 * belongs to no connection is invalid.
 */
type Next = TcpCtState | 'IV' | 'IG'
type TcpFlag = 'syn' | 'synack' | 'fin' | 'ack' | 'rst'
const STATE_ORDER: TcpCtState[] = ['NONE', 'SYN_SENT', 'SYN_RECV', 'ESTABLISHED', 'FIN_WAIT', 'CLOSE_WAIT', 'LAST_ACK', 'TIME_WAIT', 'CLOSE', 'SYN_SENT2']
const [, sSS, sSR, sES, sFW, sCW, sLA, sTW, sCL, sS2] = STATE_ORDER
const TCP_TABLE: Record<CtDir, Record<TcpFlag, Next[]>> = {
  0: {
    syn: [sSS, sSS, 'IG', 'IG', 'IG', 'IG', 'IG', sSS, sSS, sS2],
    synack: ['IV', 'IV', sSR, 'IV', 'IV', 'IV', 'IV', 'IV', 'IV', sSR],
    fin: ['IV', 'IV', sFW, sFW, sLA, sLA, sLA, sTW, sCL, 'IV'],
    ack: [sES, 'IV', sES, sES, sCW, sCW, sTW, sTW, sCL, 'IV'],
    rst: ['IV', sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL],
  },
  1: {
    syn: ['IV', sS2, 'IV', 'IV', 'IV', 'IV', 'IV', sSS, 'IV', sS2],
    synack: ['IV', sSR, 'IG', 'IG', 'IG', 'IG', 'IG', 'IG', 'IG', sSR],
    fin: ['IV', 'IV', sFW, sFW, sLA, sLA, sLA, sTW, sCL, 'IV'],
    ack: ['IV', 'IG', sSR, sES, sCW, sCW, sTW, sTW, sCL, 'IG'],
    rst: ['IV', sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL],
  },
}
const STATE_INDEX = Object.fromEntries(STATE_ORDER.map((s, i) => [s, i])) as Record<TcpCtState, number>

function tcpFlag(f: TcpFlags): TcpFlag | null {
  if (f.rst) return 'rst'
  if (f.syn) return f.ack ? 'synack' : 'syn'
  if (f.fin) return 'fin'
  if (f.ack) return 'ack'
  return null
}

/** Tuples remembered by the lookup cache: both directions of a connection and a tunnel's outer pair. */
const RECENT = 4

const isIcmpError = (type: number) => type === ICMP.DEST_UNREACH || type === ICMP.TIME_EXCEEDED

/**
 * One side of a tuple as a FlowMap key: protocol, address and port packed exactly into a double.
 * ICMP echo requests and replies get different keys, so a request in the reply direction is not
 * taken for a reply.
 */
function side(kind: number, addr: Ip, port: number): number {
  return kind * 2 ** 48 + addr * 65536 + port
}

/**
 * The tuple a packet carries, written into `out` (no allocation per packet); false for ICMP
 * messages that are neither echo request nor reply (errors are looked up by what they quote).
 */
function packetTuple(pkt: Ipv4Packet, out: { kind: number; sport: number; dport: number }): boolean {
  const l4 = pkt.payload
  if (l4.kind === 'tcp' || l4.kind === 'udp') {
    out.kind = pkt.proto
    out.sport = l4.sport
    out.dport = l4.dport
    return true
  }
  if (l4.kind === 'icmp') {
    if (l4.type !== ICMP.ECHO_REQUEST && l4.type !== ICMP.ECHO_REPLY) return false
    out.kind = (l4.type === ICMP.ECHO_REQUEST ? 256 : 512) + PROTO_ICMP
    out.sport = out.dport = l4.id ?? 0
    return true
  }
  out.kind = pkt.proto
  out.sport = out.dport = 0
  return true
}

/** The key kind of a tuple in a given direction of an entry. */
function kindOf(e: CtEntry, dir: CtDir): number {
  if (e.proto !== PROTO_ICMP) return e.proto
  return dir === 0 ? 256 + PROTO_ICMP : 512 + PROTO_ICMP
}

/** A packet with its addresses and ports replaced. */
export function withTuple(pkt: Ipv4Packet, src: Ip, sport: number, dst: Ip, dport: number): Ipv4Packet {
  const l4 = pkt.payload
  if (l4.kind === 'tcp' || l4.kind === 'udp') return { ...pkt, src, dst, payload: { ...l4, sport, dport } }
  if (l4.kind === 'icmp' && l4.original === undefined) return { ...pkt, src, dst, payload: { ...l4, id: sport } }
  return { ...pkt, src, dst }
}

export class Conntrack {
  private readonly byOrig = new FlowMap<CtEntry>()
  private readonly byReply = new FlowMap<CtEntry>()
  private nextId = 1
  /** Scratch for the tuple of the packet being looked up, and the direction a lookup found. */
  private readonly t = { kind: 0, sport: 0, dport: 0 }
  private foundDir: CtDir = 0
  /** The last tuples looked up, with their entry and direction (see find), replaced in turn. */
  private readonly recent: { a: number; b: number; dir: CtDir; entry: CtEntry | null }[] = Array.from({ length: RECENT }, () => ({ a: 0, b: 0, dir: 0, entry: null }))
  private recentNext = 0

  constructor(
    private readonly engine: Engine,
    private readonly hostName: () => string,
  ) {}

  get size(): number {
    return this.byOrig.size
  }

  /** The confirmed entries, oldest first. */
  entries(): CtEntry[] {
    return [...this.byOrig.values()].filter((e) => e.expires > this.engine.now).sort((a, b) => a.id - b.id)
  }

  /** `ct state` for a packet that has passed the conntrack hook. */
  static state(meta: PacketMeta): CtState {
    if (meta.untracked) return 'UNTRACKED'
    const ct = meta.ct
    if (!ct) return 'INVALID'
    if (meta.related) return 'RELATED'
    return meta.ctDir === 1 || ct.seenReply ? 'ESTABLISHED' : 'NEW'
  }

  /**
   * Both indexes are keyed server side first (the destination of an ORIGINAL tuple, the source of
   * a REPLY one): a server has few such sides and its clients many, so the outer map stays small
   * and no inner map is made per client port.
   */
  private find(kind: number, src: Ip, sport: number, dst: Ip, dport: number): CtEntry | undefined {
    const a = side(kind, src, sport)
    const b = side(kind, dst, dport)
    // A connection's packets come in bursts both ways, and a tunnel's outer packets interleave
    // with the connection inside them: the last few tuples found answer most lookups without
    // touching the maps.
    for (let i = 0; i < RECENT; i++) {
      const r = this.recent[i]
      if (r.a === a && r.b === b && r.entry?.confirmed) {
        this.foundDir = r.dir
        return r.entry
      }
    }
    let found = this.byOrig.get(b, a)
    this.foundDir = 0
    if (!found) {
      found = this.byReply.get(a, b)
      this.foundDir = 1
    }
    if (found) this.remember(this.foundDir, a, b, found)
    return found
  }

  /** The entry a packet with sides (a, b) in direction `dir` finds, for the next lookup. */
  private remember(dir: CtDir, a: number, b: number, entry: CtEntry): void {
    const c = this.recent[this.recentNext]
    this.recentNext = (this.recentNext + 1) % RECENT
    c.a = a
    c.b = b
    c.dir = dir
    c.entry = entry
  }

  /**
   * nf_conntrack_in, at PRE_ROUTING and LOCAL_OUT (priority -200): attaches the packet's entry,
   * or a new unconfirmed one, and advances its protocol state. A packet that cannot start or
   * continue a connection leaves with no entry: `ct state invalid`.
   */
  readonly inbound = (pkt: Ipv4Packet, meta: PacketMeta): Verdict => {
    if (meta.untracked || meta.ct) return ACCEPT
    const l4 = pkt.payload
    if (l4.kind === 'icmp' && isIcmpError(l4.type)) {
      this.related(pkt, meta)
      return ACCEPT
    }
    const t = this.t
    if (!packetTuple(pkt, t)) return ACCEPT
    const found = this.find(t.kind, pkt.src, t.sport, pkt.dst, t.dport)
    let ct: CtEntry
    let dir: CtDir
    if (found) {
      ct = found
      dir = this.foundDir
      if (ct.expires <= this.engine.now) {
        this.remove(ct)
        return this.inbound(pkt, meta)
      }
    } else {
      if (l4.kind === 'icmp' && l4.type === ICMP.ECHO_REPLY) return ACCEPT
      ct = this.create(pkt, t.sport, t.dport)
      dir = 0
    }
    if (l4.kind === 'tcp') {
      const flag = tcpFlag(l4.flags)
      const next = flag ? TCP_TABLE[dir][flag][STATE_INDEX[ct.tcp]] : 'IG'
      // An invalid packet goes on with no entry attached (an unconfirmed new one is forgotten).
      if (next === 'IV') return ACCEPT
      if (next !== 'IG') {
        if (next === 'ESTABLISHED' && ct.tcp === 'SYN_RECV') ct.assured = true
        if (next === 'SYN_SENT' && (ct.tcp === 'TIME_WAIT' || ct.tcp === 'CLOSE') && found) {
          // A SYN on a closed connection's tuple starts it over (tcp_packet's "reopened").
          this.remove(ct)
          return this.inbound(pkt, meta)
        }
        ct.tcp = next
      }
    }
    if (dir === 1 && !ct.seenReply) {
      ct.seenReply = true
      if (ct.proto !== PROTO_TCP) ct.assured = ct.proto === PROTO_UDP
    }
    meta.ct = ct
    meta.ctDir = dir
    if (ct.confirmed) this.refresh(ct)
    return ACCEPT
  }

  /**
   * icmp_error_message: an ICMP error is RELATED to the connection of the packet it quotes. That
   * packet went the other way, so the inverse of its tuple is looked up, and the direction it is
   * found in is the error's (after NAT the quoted packet carries the translated addresses).
   */
  private related(pkt: Ipv4Packet, meta: PacketMeta): void {
    const l4 = pkt.payload
    if (l4.kind !== 'icmp' || !l4.original) return
    const inner = l4.original
    const t = this.t
    if (!packetTuple(inner, t)) return
    const kind = t.kind === 256 + PROTO_ICMP ? 512 + PROTO_ICMP : t.kind === 512 + PROTO_ICMP ? 256 + PROTO_ICMP : t.kind
    const found = this.find(kind, inner.dst, t.dport, inner.src, t.sport)
    if (!found || !found.confirmed) return
    meta.ct = found
    meta.ctDir = this.foundDir
    meta.related = true
  }

  private create(pkt: Ipv4Packet, sport: number, dport: number): CtEntry {
    const l4 = pkt.payload
    const icmpType = l4.kind === 'icmp' ? l4.type : 0
    return {
      id: 0,
      proto: pkt.proto,
      tuple: [
        { src: pkt.src, dst: pkt.dst, sport, dport },
        { src: pkt.dst, dst: pkt.src, sport: dport, dport: sport },
      ],
      tcp: 'NONE',
      icmpType,
      seenReply: false,
      assured: false,
      confirmed: false,
      natInit: 0,
      natted: 0,
      srcNat: null,
      mark: 0,
      expires: 0,
    }
  }

  /** __nf_conntrack_confirm, at POST_ROUTING and LOCAL_IN (last): the new entry joins the table. */
  readonly confirm = (_pkt: Ipv4Packet, meta: PacketMeta): Verdict => {
    const ct = meta.ct
    if (!ct || ct.confirmed || meta.untracked) return ACCEPT
    const k0 = kindOf(ct, 0)
    const k1 = kindOf(ct, 1)
    const [o, r] = ct.tuple
    // A clash (the same tuple confirmed meanwhile) keeps the entry already in the table.
    if (this.byOrig.get(side(k0, o.dst, o.dport), side(k0, o.src, o.sport)) || this.byReply.get(side(k1, r.src, r.sport), side(k1, r.dst, r.dport))) return ACCEPT
    this.gc()
    ct.confirmed = true
    ct.id = this.nextId++
    this.byOrig.set(side(k0, o.dst, o.dport), side(k0, o.src, o.sport), ct)
    this.byReply.set(side(k1, r.src, r.sport), side(k1, r.dst, r.dport), ct)
    this.remember(0, side(k0, o.src, o.sport), side(k0, o.dst, o.dport), ct)
    this.remember(1, side(k1, r.src, r.sport), side(k1, r.dst, r.dport), ct)
    this.refresh(ct)
    return ACCEPT
  }

  /** The entry's timeout for its protocol and state (seconds). */
  timeoutOf(ct: CtEntry): number {
    if (ct.proto === PROTO_TCP) return TCP_CT_TIMEOUTS[ct.tcp] || TCP_CT_TIMEOUTS.SYN_SENT
    if (ct.proto === PROTO_UDP) return ct.seenReply ? UDP_CT_TIMEOUT_STREAM : UDP_CT_TIMEOUT
    if (ct.proto === PROTO_ICMP) return ICMP_CT_TIMEOUT
    return GENERIC_CT_TIMEOUT
  }

  /**
   * Entries carry no timer: as in the kernel since 4.7, an expired entry is noticed when a lookup
   * meets it, or by the garbage collector (gc_worker), which here sweeps the table at most every
   * GC_INTERVAL of virtual time, when a new entry is confirmed.
   */
  private refresh(ct: CtEntry): void {
    ct.expires = this.engine.now + this.timeoutOf(ct) * SECOND
  }

  private lastGc = 0

  private gc(): void {
    const now = this.engine.now
    if (now - this.lastGc < GC_INTERVAL) return
    this.lastGc = now
    // Deleting from a Map while iterating it is safe: no copy of the table is made.
    for (const ct of this.byOrig.values()) if (ct.expires <= now) this.remove(ct)
  }

  remove(ct: CtEntry): void {
    if (!ct.confirmed) return
    const [o, r] = ct.tuple
    const k0 = kindOf(ct, 0)
    const k1 = kindOf(ct, 1)
    if (this.byOrig.get(side(k0, o.dst, o.dport), side(k0, o.src, o.sport)) === ct) this.byOrig.delete(side(k0, o.dst, o.dport), side(k0, o.src, o.sport))
    if (this.byReply.get(side(k1, r.src, r.sport), side(k1, r.dst, r.dport)) === ct) this.byReply.delete(side(k1, r.src, r.sport), side(k1, r.dst, r.dport))
    ct.confirmed = false
  }

  /** `conntrack -F`, and what a reboot leaves. */
  flush(): void {
    for (const ct of [...this.byOrig.values()]) this.remove(ct)
  }

  /**
   * ip_vs_update_conntrack: an IPVS NAT connection kept in conntrack (net.ipv4.vs.conntrack = 1)
   * expects its replies from the real server, so its unconfirmed entry's REPLY tuple says so.
   */
  alterReply(ct: CtEntry, src: Ip, sport: number): void {
    if (ct.confirmed) return
    ct.tuple[1] = { ...ct.tuple[1], src, sport }
  }

  // ---- NAT ------------------------------------------------------------------------------------

  /** Is a tuple already some connection's REPLY (the NAT'ed tuple would clash)? */
  private replyTaken(ct: CtEntry, t: Tuple): boolean {
    const k = kindOf(ct, 1)
    return this.byReply.get(side(k, t.src, t.sport), side(k, t.dst, t.dport)) !== undefined
  }

  /**
   * nf_nat_setup_info: the binding changes the REPLY tuple once. A source NAT keeps the source
   * port when the new tuple is free, else it takes another from 1024-65535 (nf_nat_l4proto_unique_tuple).
   */
  private bind(ct: CtEntry, manip: Manip, b: NatBinding): void {
    const reply = { ...ct.tuple[1] }
    if (manip === 'src') {
      reply.dst = b.addr
      if (b.port !== undefined) reply.dport = b.port
      const ported = ct.proto === PROTO_TCP || ct.proto === PROTO_UDP
      for (let tries = 0; ported && tries < 128 && this.replyTaken(ct, reply); tries++) reply.dport = this.engine.rng.int(1024, 65535)
      ct.srcNat = b.kind === 'dnat' ? 'snat' : b.kind
    } else {
      reply.src = b.addr
      if (b.port !== undefined) reply.sport = b.port
    }
    const o = ct.tuple[0]
    // A binding that changes nothing is a null binding: no NAT status.
    const changed = manip === 'src' ? reply.dst !== o.src || reply.dport !== o.sport : reply.src !== o.dst || reply.sport !== o.dport
    if (!changed) return
    ct.tuple[1] = reply
    ct.natted |= manip === 'src' ? SRC : DST
  }

  /**
   * The NAT hook of one manip type (nf_nat_inet_fn): on a new connection's first packet the NAT
   * chains are asked in priority order until one decides; none deciding is a null binding. Then,
   * on every packet of a NAT'ed connection, the packet is made to match the tuple the other
   * direction expects: at PRE_ROUTING and LOCAL_OUT its destination, at POST_ROUTING and LOCAL_IN
   * its source.
   */
  nat(pkt: Ipv4Packet, meta: PacketMeta, manip: Manip, chains: readonly ((pkt: Ipv4Packet, meta: PacketMeta) => NatBinding | null)[]): Verdict {
    const ct = meta.ct
    if (!ct || meta.untracked) return ACCEPT
    const bit = manip === 'src' ? SRC : DST
    if (!(ct.natInit & bit)) {
      ct.natInit |= bit
      if (!ct.confirmed && meta.ctDir === 0 && !meta.related) {
        for (const chain of chains) {
          const b = chain(pkt, meta)
          if (b) {
            this.bind(ct, manip, b)
            break
          }
        }
      }
    }
    // nf_nat_packet: a manip applies when its NAT status bit is set, the bits swapped for replies
    // (a reply's destination is restored when the connection was source-NAT'ed, and so on). So
    // IPVS's changed REPLY tuple (vs.conntrack = 1), which sets no NAT status, rewrites nothing.
    const need = (manip === 'src') === (meta.ctDir === 0) ? SRC : DST
    if (!(ct.natted & need)) return ACCEPT
    // The packet must look like the inverse of the other direction's tuple.
    const other = ct.tuple[meta.ctDir === 0 ? 1 : 0]
    if (meta.related) return this.natIcmpError(pkt, ct, meta.ctDir, manip, other)
    const t = this.t
    if (!packetTuple(pkt, t)) return ACCEPT
    if (manip === 'dst') {
      if (pkt.dst === other.src && t.dport === other.sport) return ACCEPT
      const out = withTuple(pkt, pkt.src, t.sport, other.src, other.sport)
      return { kind: 'rewrite', pkt: out, why: () => this.reason(ct, meta.ctDir, manip, pkt, out) }
    }
    if (pkt.src === other.dst && t.sport === other.dport) return ACCEPT
    const out = withTuple(pkt, other.dst, other.dport, pkt.dst, t.dport)
    return { kind: 'rewrite', pkt: out, why: () => this.reason(ct, meta.ctDir, manip, pkt, out) }
  }

  /** nf_nat_icmp_reply_translation: the quoted packet and the error's own address are NAT'ed back. */
  private natIcmpError(pkt: Ipv4Packet, ct: CtEntry, dir: CtDir, manip: Manip, other: Tuple): Verdict {
    const l4 = pkt.payload
    if (l4.kind !== 'icmp' || !l4.original) return ACCEPT
    const inner = l4.original
    const ip = this.t
    if (!packetTuple(inner, ip)) return ACCEPT
    // The quoted packet travelled the other way: its source is our destination, and so on.
    const fixedInner = manip === 'dst' ? withTuple(inner, other.src, other.sport, inner.dst, ip.dport) : withTuple(inner, inner.src, ip.sport, other.dst, other.dport)
    const outer = manip === 'dst' ? { ...pkt, dst: other.src } : pkt
    if (fixedInner.src === inner.src && fixedInner.dst === inner.dst && outer.dst === pkt.dst && fixedInner.payload === inner.payload) return ACCEPT
    const out: Ipv4Packet = { ...outer, payload: { ...l4, original: fixedInner } }
    return { kind: 'rewrite', pkt: out, why: () => this.reason(ct, dir, manip, pkt, out) }
  }

  private reason(ct: CtEntry, dir: CtDir, manip: Manip, before: Ipv4Packet, after: Ipv4Packet): Reason {
    const host = this.hostName()
    const masq = ct.srcNat === 'masquerade'
    if (manip === 'src') {
      const from = formatIp(before.src)
      const to = formatIp(after.src)
      if (dir === 0) return masq ? { code: 'nat.masq', text: `${host}: firewalld masquerade: source ${from} rewritten to ${to}`, params: { host, from, to } } : { code: 'nat.snat', text: `${host}: SNAT: source ${from} rewritten to ${to}`, params: { host, from, to } }
      return { code: 'nat.undnat', text: `${host}: reply of a DNAT connection: source ${from} rewritten back to ${to} (conntrack)`, params: { host, from, to } }
    }
    const from = formatIp(before.dst)
    const to = formatIp(after.dst)
    if (dir === 0) return { code: 'nat.dnat', text: `${host}: DNAT: destination ${from} rewritten to ${to}`, params: { host, from, to } }
    return masq ? { code: 'nat.unmasq', text: `${host}: masquerade reply: destination ${from} rewritten back to ${to} (conntrack)`, params: { host, from, to } } : { code: 'nat.unsnat', text: `${host}: reply of an SNAT connection: destination ${from} rewritten back to ${to} (conntrack)`, params: { host, from, to } }
  }
}
