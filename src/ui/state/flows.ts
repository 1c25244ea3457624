// Connection identity of trace records: which client connection (the `ipvsadm -Lnc` source and
// virtual columns) a packet belongs to, across every rewrite IPVS makes on the way. A connection is
// named by the client's view of it, CIP:cport → VIP:vport; NAT's VIP → RIP, FULLNAT's CIP → LIP and
// their replies are aliases learnt from the rewrite records, DR leaves the IP header alone, and
// TUN/GRE/GUE carry the original packet inside, so the innermost header is the one that counts.

import { formatIp, PROTO_TCP, PROTO_UDP, type ConnTuple, type EthernetFrame, type Ipv4Packet, type TraceRecord } from '../../worker/protocol.ts'

/** One direction of a transport flow as a packet states it. */
interface Endpoints {
  proto: 'TCP' | 'UDP'
  src: string
  sport: number
  dst: string
  dport: number
  /** A SYN+ACK: its receiver is the client. */
  answering: boolean
}

/** The canonical text of a connection, one string per connection: what maps and filters compare. */
export function connKey(c: ConnTuple): string {
  return `${c.proto} ${c.caddr}:${c.cport} ${c.vaddr}:${c.vport}`
}

export function sameConn(a: ConnTuple | null, b: ConnTuple | null): boolean {
  return a === b || (a !== null && b !== null && connKey(a) === connKey(b))
}

const directed = (e: Endpoints): string => `${e.proto} ${e.src}:${e.sport}>${e.dst}:${e.dport}`
const reversed = (e: Endpoints): string => `${e.proto} ${e.dst}:${e.dport}>${e.src}:${e.sport}`

/**
 * The transport endpoints of a packet: the innermost IPv4 header's (IPIP and GRE carry the
 * original packet as their payload, GUE inside UDP); an ICMP error speaks for the packet it quotes.
 */
export function endpoints(p: Ipv4Packet): Endpoints | null {
  let ip = p
  for (let depth = 0; depth < 8; depth++) {
    const l4 = ip.payload
    if (l4.kind === 'ipv4') ip = l4
    else if (l4.kind === 'udp' && l4.gue) ip = l4.gue
    else if (l4.kind === 'icmp' && l4.original) ip = l4.original
    else break
  }
  const l4 = ip.payload
  if (l4.kind === 'tcp' && ip.proto === PROTO_TCP) {
    return { proto: 'TCP', src: formatIp(ip.src), sport: l4.sport, dst: formatIp(ip.dst), dport: l4.dport, answering: !!l4.flags.syn && !!l4.flags.ack }
  }
  if (l4.kind === 'udp' && ip.proto === PROTO_UDP) return { proto: 'UDP', src: formatIp(ip.src), sport: l4.sport, dst: formatIp(ip.dst), dport: l4.dport, answering: false }
  return null
}

/** The IPv4 packet a record is about (a frame's payload, a drop's packet, a rewrite's result). */
export function packetOf(r: TraceRecord): Ipv4Packet | null {
  const p: Ipv4Packet | EthernetFrame | null = r.type === 'wire' ? r.frame : r.type === 'drop' || r.type === 'deliver' ? r.packet : r.type === 'rewrite' ? r.before : null
  if (!p) return null
  if (p.kind === 'eth') return p.payload.kind === 'ipv4' ? p.payload : null
  return p
}

/**
 * Learns connections from records in trace order. Each record is added once; `of` then answers
 * for any record added, whatever happened to the records since (the timeline summarises the oldest).
 */
export class Flows {
  /** Directed endpoints as a packet states them → the connection they belong to. */
  private readonly aliases = new Map<string, ConnTuple>()
  /** One object per connection, so records of one connection share it. */
  private readonly interned = new Map<string, ConnTuple>()
  /** Each connection's place in the order first seen (the picture's colours). */
  readonly order = new Map<string, number>()
  /** A packet keeps its connection across hops: records without headers (sched, note) follow it. */
  private readonly byUid = new Map<number, ConnTuple>()
  private readonly byRecord = new Map<number, ConnTuple>()

  /** The connection of a record, learnt now (null: ARP, ICMP echo, a record about no packet). */
  add(r: TraceRecord): ConnTuple | null {
    const conn = this.learn(r)
    if (conn) {
      this.byRecord.set(r.id, conn)
      if (r.uid) this.byUid.set(r.uid, conn)
    }
    return conn
  }

  of(id: number): ConnTuple | null {
    return this.byRecord.get(id) ?? null
  }

  /** Forgets records no longer kept (their connections stay known to later packets). */
  forget(records: Iterable<TraceRecord>): void {
    for (const r of records) {
      this.byRecord.delete(r.id)
      this.byUid.delete(r.uid)
    }
  }

  /** Every connection seen, in the order first seen. */
  connections(): ConnTuple[] {
    return [...this.interned.values()]
  }

  private learn(r: TraceRecord): ConnTuple | null {
    if (r.type === 'rewrite') {
      const before = endpoints(r.before)
      const after = endpoints(r.after)
      const conn = before ? this.resolve(before) : null
      // The rewritten packet and its answer now name the same connection.
      if (conn && after) this.aliases.set(directed(after), conn)
      return conn
    }
    const p = packetOf(r)
    const e = p ? endpoints(p) : null
    if (e) return this.resolve(e)
    return r.uid ? (this.byUid.get(r.uid) ?? null) : null
  }

  private resolve(e: Endpoints): ConnTuple {
    const known = this.aliases.get(directed(e)) ?? this.aliases.get(reversed(e))
    if (known) return known
    // First sight of this flow: its sender is the client unless it answers a SYN.
    const conn = e.answering ? { proto: e.proto, caddr: e.dst, cport: e.dport, vaddr: e.src, vport: e.sport } : { proto: e.proto, caddr: e.src, cport: e.sport, vaddr: e.dst, vport: e.dport }
    const key = connKey(conn)
    let interned = this.interned.get(key)
    if (!interned) {
      interned = conn
      this.interned.set(key, interned)
      this.order.set(key, this.order.size)
    }
    this.aliases.set(directed(e), interned)
    return interned
  }
}
