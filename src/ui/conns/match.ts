// Which packets belong to an IPVS connection, as the client sees it: a packet (one uid across all
// its hops and rewrites) belongs to CIP:cport <-> VIP:vport when one of its hops carries that pair
// in either direction on its innermost IPv4 header. Every request leaves the client with it, every
// reply reaches the client with it, whatever NAT, DR, TUN or FULLNAT did in between.

import type { ConnTuple, EthernetFrame, Ipv4Packet, TraceRecord } from '../../worker/protocol.ts'
import { formatIp } from '../../worker/protocol.ts'

function innermost(p: Ipv4Packet): Ipv4Packet {
  const l4 = p.payload
  if (l4.kind === 'ipv4') return innermost(l4)
  if (l4.kind === 'udp' && l4.gue) return innermost(l4.gue)
  return p
}

/** The client-side tuple a frame carries, if it is TCP or UDP: either direction, client first. */
export function frameTuple(f: EthernetFrame, vips: ReadonlySet<string>): ConnTuple | null {
  if (f.payload.kind !== 'ipv4') return null
  const p = innermost(f.payload)
  const l4 = p.payload
  if (l4.kind !== 'tcp' && l4.kind !== 'udp') return null
  const proto = l4.kind === 'tcp' ? 'TCP' : 'UDP'
  const [src, dst] = [formatIp(p.src), formatIp(p.dst)]
  if (vips.has(`${dst}:${l4.dport}`)) return { proto, caddr: src, cport: l4.sport, vaddr: dst, vport: l4.dport }
  if (vips.has(`${src}:${l4.sport}`)) return { proto, caddr: dst, cport: l4.dport, vaddr: src, vport: l4.sport }
  return null
}

export function sameTuple(a: ConnTuple | null, b: ConnTuple | null): boolean {
  return !!a && !!b && a.proto === b.proto && a.caddr === b.caddr && a.cport === b.cport && a.vaddr === b.vaddr && a.vport === b.vport
}

/** The uids of every packet of connection `c`, in the order they first appear. */
export function connUids(records: readonly TraceRecord[], c: ConnTuple): Set<number> {
  const vips = new Set([`${c.vaddr}:${c.vport}`])
  const uids = new Set<number>()
  for (const r of records) if (r.type === 'wire' && !uids.has(r.uid) && sameTuple(frameTuple(r.frame, vips), c)) uids.add(r.uid)
  return uids
}

/** The connection the record's packet belongs to, among the virtual services `vips` (`VIP:port`). */
export function recordTuple(records: readonly TraceRecord[], id: number, vips: ReadonlySet<string>): ConnTuple | null {
  const at = records.findIndex((r) => r.id === id)
  const uid = records[at]?.uid
  if (!uid) return null
  for (let i = at; i >= 0; i--) {
    const r = records[i]
    if (r.uid === uid && r.type === 'wire') {
      const t = frameTuple(r.frame, vips)
      if (t) return t
    }
  }
  for (let i = at + 1; i < records.length; i++) {
    const r = records[i]
    if (r.uid === uid && r.type === 'wire') {
      const t = frameTuple(r.frame, vips)
      if (t) return t
    }
  }
  return null
}
