// The libpcap savefile format (pcap-savefile(5)): a 24-byte file header naming the link type and
// snapshot length, then per packet a 16-byte record header (seconds, microseconds, captured and
// original length) and the captured octets. The link types are those Linux capture gives: EN10MB
// for ether and lo (ARPHRD_LOOPBACK is Ethernet-framed), RAW for ipip's tunl0 (ARPHRD_TUNNEL), LINUX_SLL
// for gre0 (libpcap has no type for ARPHRD_IPGRE and falls back to cooked), LINUX_SLL2 for `any`, whose 20-byte header says interface, type and direction.
// The one writer and reader of pcaps: tcpdump -w/-r, `lvs-lab trace --pcap`, the UI's export.

import type { EthernetFrame } from './packet.ts'
import { emitFrame, ETHERTYPE_ARP, ETHERTYPE_IPV4, type WireClock } from './wire.ts'
export { bytesToFileText, fileTextToBytes } from './octets.ts'

export const LINKTYPE = { EN10MB: 1, RAW: 101, LINUX_SLL: 113, LINUX_SLL2: 276 } as const
export type LinkType = (typeof LINKTYPE)[keyof typeof LINKTYPE]

/** tcpdump's default snapshot length (MAXIMUM_SNAPLEN). */
export const SNAPLEN = 262144

const MAGIC = 0xa1b2c3d4
const MAGIC_NS = 0xa1b23c4d

/** struct sockaddr_ll's sll_pkttype, as SLL2 records it and tcpdump prints it (In, B, M, P, Out). */
export const PKTTYPE = { HOST: 0, BROADCAST: 1, MULTICAST: 2, OTHERHOST: 3, OUTGOING: 4 } as const

/** ARPHRD_* of the devices a lab host has (include/uapi/linux/if_arp.h). */
export const ARPHRD = { ETHER: 1, TUNNEL: 768, LOOPBACK: 772, IPGRE: 778 } as const

export interface PcapPacket {
  /** Seconds since the Unix epoch and microseconds, as the record header stores them. */
  readonly sec: number
  readonly usec: number
  readonly data: Uint8Array
  /** The length on the wire (more than data.length when the snapshot length cut it). */
  readonly origLen: number
}

export interface PcapFile {
  readonly linktype: number
  readonly snaplen: number
  readonly packets: readonly PcapPacket[]
}

/** A packet's record time: the lab's wall clock at virtual microsecond `clock.now`. */
export function pcapTime(clock: WireClock): { sec: number; usec: number } {
  return { sec: clock.epoch + Math.floor(clock.now / 1e6), usec: clock.now % 1e6 }
}

export function pcapHeader(linktype: number, snaplen = SNAPLEN): Uint8Array {
  const b = new Uint8Array(24)
  const v = new DataView(b.buffer)
  v.setUint32(0, MAGIC, true)
  v.setUint16(4, 2, true)
  v.setUint16(6, 4, true)
  v.setUint32(16, snaplen, true)
  v.setUint32(20, linktype, true)
  return b
}

/** One record: header and the octets, cut to `snaplen` as the capture would. */
export function pcapRecord(p: { sec: number; usec: number; data: Uint8Array }, snaplen = SNAPLEN): Uint8Array {
  const cap = Math.min(p.data.length, snaplen)
  const b = new Uint8Array(16 + cap)
  const v = new DataView(b.buffer)
  v.setUint32(0, p.sec, true)
  v.setUint32(4, p.usec, true)
  v.setUint32(8, cap, true)
  v.setUint32(12, p.data.length, true)
  b.set(p.data.subarray(0, cap), 16)
  return b
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  let n = 0
  for (const p of parts) n += p.length
  const out = new Uint8Array(n)
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

export function writePcap(linktype: number, packets: readonly { sec: number; usec: number; data: Uint8Array }[], snaplen = SNAPLEN): Uint8Array {
  return concat([pcapHeader(linktype, snaplen), ...packets.map((p) => pcapRecord(p, snaplen))])
}

/**
 * Reads a savefile in either byte order, microsecond or nanosecond resolution. Errors are
 * libpcap's words for what is wrong (pcap_open_offline's messages).
 */
export function readPcap(b: Uint8Array): PcapFile | string {
  if (b.length < 24) return b.length === 0 ? 'truncated dump file; tried to read 4 file header bytes, only got 0' : `truncated dump file; tried to read 24 file header bytes, only got ${b.length}`
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength)
  const le = v.getUint32(0, true)
  const be = v.getUint32(0, false)
  const little = le === MAGIC || le === MAGIC_NS
  if (!little && be !== MAGIC && be !== MAGIC_NS) return 'unknown file format'
  const nano = (little ? le : be) === MAGIC_NS
  const snaplen = v.getUint32(16, little)
  const linktype = v.getUint32(20, little) & 0x03ffffff
  const packets: PcapPacket[] = []
  let at = 24
  while (at < b.length) {
    if (at + 16 > b.length) return `truncated dump file; tried to read 16 header bytes, only got ${b.length - at}`
    const cap = v.getUint32(at + 8, little)
    if (at + 16 + cap > b.length) return `truncated dump file; tried to read ${cap} captured bytes, only got ${b.length - at - 16}`
    const frac = v.getUint32(at + 4, little)
    packets.push({ sec: v.getUint32(at, little), usec: nano ? Math.floor(frac / 1000) : frac, data: b.slice(at + 16, at + 16 + cap), origLen: v.getUint32(at + 12, little) })
    at += 16 + cap
  }
  return { linktype, snaplen, packets }
}

export interface Sll2Meta {
  readonly ifindex: number
  readonly hatype: number
  readonly pkttype: number
  /** The link-layer source address: a MAC, an IPv4 address for a tunnel, none. */
  readonly addr: Uint8Array
}

/** The LINUX_SLL (v1) header libpcap's cooked capture builds for a device it has no type for. */
export function sll(protocol: number, meta: Sll2Meta, payload: Uint8Array): Uint8Array {
  const b = new Uint8Array(16 + payload.length)
  const v = new DataView(b.buffer)
  v.setUint16(0, meta.pkttype)
  v.setUint16(2, meta.hatype)
  v.setUint16(4, meta.addr.length)
  b.set(meta.addr.subarray(0, 8), 6)
  v.setUint16(14, protocol)
  b.set(payload, 16)
  return b
}

/** The LINUX_SLL2 header libpcap builds from a packet socket's sockaddr_ll, then the payload. */
export function sll2(protocol: number, meta: Sll2Meta, payload: Uint8Array): Uint8Array {
  const b = new Uint8Array(20 + payload.length)
  const v = new DataView(b.buffer)
  v.setUint16(0, protocol)
  v.setUint32(4, meta.ifindex)
  v.setUint16(8, meta.hatype)
  b[10] = meta.pkttype
  b[11] = meta.addr.length
  b.set(meta.addr.subarray(0, 8), 12)
  b.set(payload, 20)
  return b
}

export function macBytes(mac: string): Uint8Array {
  return Uint8Array.from(mac.split(':'), (h) => parseInt(h, 16) || 0)
}

/** An Ethernet frame as `any` records it: the SLL2 header replaces the 14-byte Ethernet header. */
export function sll2Frame(frame: EthernetFrame, ifindex: number, pkttype: number, clock: WireClock, hatype: number = ARPHRD.ETHER): Uint8Array {
  const bytes = emitFrame(frame, clock)
  const protocol = frame.payload.kind === 'arp' ? ETHERTYPE_ARP : ETHERTYPE_IPV4
  return sll2(protocol, { ifindex, hatype, pkttype, addr: macBytes(frame.src) }, bytes.subarray(14))
}

/** Where a trace's frames were sent: the segment and the sending interface's index. */
export type IfIndexOf = (host: string, iface: string) => number

/** A trace's `wire` record (sim/trace.ts), the one kind a capture holds; the rest are skipped. */
export interface WireRecord {
  readonly type: 'wire'
  readonly t: number
  readonly segment: string
  readonly fromHost: string
  readonly fromIface: string
  readonly frame: EthernetFrame
}

function* wires(records: Iterable<{ readonly type: string }>): Generator<WireRecord> {
  for (const r of records) if (r.type === 'wire') yield r as WireRecord
}

/**
 * A whole trace as `tcpdump -i any` would record it: every frame put on any segment, once, as
 * its sender transmits it (Out; B for broadcast). A pure function of the records: the CLI's
 * `--pcap` and the page's export both call it.
 */
export function traceToPcap(records: Iterable<{ readonly type: string }>, epoch: number, ifindex: IfIndexOf = () => 0): Uint8Array {
  const packets: { sec: number; usec: number; data: Uint8Array }[] = []
  for (const r of wires(records)) {
    const clock = { now: r.t, epoch }
    const pkttype = r.frame.dst === 'ff:ff:ff:ff:ff:ff' ? PKTTYPE.BROADCAST : PKTTYPE.OUTGOING
    packets.push({ ...pcapTime(clock), data: sll2Frame(r.frame, ifindex(r.fromHost, r.fromIface), pkttype, clock) })
  }
  return writePcap(LINKTYPE.LINUX_SLL2, packets)
}

/** One savefile per segment, Ethernet-framed as a tap on that switch would record it. */
export function traceToSegmentPcaps(records: Iterable<{ readonly type: string }>, epoch: number): Map<string, Uint8Array> {
  const by = new Map<string, { sec: number; usec: number; data: Uint8Array }[]>()
  for (const r of wires(records)) {
    const clock = { now: r.t, epoch }
    let list = by.get(r.segment)
    if (!list) by.set(r.segment, (list = []))
    list.push({ ...pcapTime(clock), data: emitFrame(r.frame, clock) })
  }
  return new Map([...by].map(([seg, list]) => [seg, writePcap(LINKTYPE.EN10MB, list)]))
}

