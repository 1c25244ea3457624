// The octets of a repr as Linux 5.14 puts them on the wire: Ethernet II, ARP (RFC 826), IPv4 with
// its header checksum, TCP with the option lists Linux sends (RFC 7323 timestamps, DPVS's TOA),
// UDP with its pseudo-header checksum (and GUE's 4-byte header), ICMP (iputils ping's payload, an
// error quoting the offending header), IPIP and GRE (RFC 2784, no checksum). One emitter for
// everything that needs bytes: tcpdump -w/-X, pcap export. Lengths are the repr's own (packet.ts).

import type { Ip, Mac } from './addr.ts'
import { greHeaderLength, ICMP, ipLength, l4Length, quoteLength, PROTO_GRE, PROTO_IPIP, PROTO_UDP, tcpHeaderLength, type ArpPacket, type EthernetFrame, type IcmpMessage, type Ipv4Packet, type TcpSegment } from './packet.ts'

export const ETHERTYPE_IPV4 = 0x0800
export const ETHERTYPE_ARP = 0x0806
const IP_DF = 0x4000
/** Linux's MSS for a 1500-byte MTU, and the window scale it offers (tcp_rmem 131072 → 7). */
const MSS = 1460
const WSCALE = 7
const TCPOPT_TOA = 254

const encoder = new TextEncoder()

/**
 * When a packet is emitted: virtual microseconds, and the Unix time of virtual time 0 (the lab's
 * wall clock), for the fields a repr leaves to the clock (ping's timeval, a stray segment's TSval).
 */
export interface WireClock {
  readonly now: number
  readonly epoch: number
}

const NO_CLOCK: WireClock = { now: 0, epoch: 0 }

/** Bytes of a text payload: the repr keeps UTF-8 text, the wire carries its encoding. */
export function textBytes(text: string): Uint8Array {
  return encoder.encode(text)
}

class Out {
  readonly buf: Uint8Array
  private readonly view: DataView
  pos = 0
  constructor(size: number) {
    this.buf = new Uint8Array(size)
    this.view = new DataView(this.buf.buffer)
  }
  u8(v: number): void {
    this.buf[this.pos++] = v & 255
  }
  u16(v: number): void {
    this.view.setUint16(this.pos, v & 0xffff)
    this.pos += 2
  }
  u32(v: number): void {
    this.view.setUint32(this.pos, v >>> 0)
    this.pos += 4
  }
  bytes(b: Uint8Array): void {
    this.buf.set(b.subarray(0, this.buf.length - this.pos), this.pos)
    this.pos += Math.min(b.length, this.buf.length - this.pos)
  }
  mac(m: Mac): void {
    for (const h of m.split(':')) this.u8(parseInt(h, 16) || 0)
  }
  put16(at: number, v: number): void {
    this.view.setUint16(at, v)
  }
}

/** The Internet checksum (RFC 1071) over `b`, starting from a partial sum (a pseudo-header). */
export function inetChecksum(b: Uint8Array, start = 0, end = b.length, sum = 0): number {
  for (let i = start; i + 1 < end; i += 2) sum += (b[i] << 8) | b[i + 1]
  if ((end - start) & 1) sum += b[end - 1] << 8
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16)
  return ~sum & 0xffff
}

function pseudoSum(src: Ip, dst: Ip, proto: number, len: number): number {
  return (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + proto + len
}

/**
 * DF as Linux sets it: sockets default to path-MTU discovery (TCP, UDP, ping's raw socket), the
 * kernel's own ICMP socket does not (echo replies, errors), and a tunnel copies the inner DF.
 */
export function dontFragment(p: Ipv4Packet): boolean {
  const l4 = p.payload
  if (l4.kind === 'ipv4') return dontFragment(l4)
  if (l4.kind === 'udp' && l4.gue) return dontFragment(l4.gue)
  if (l4.kind === 'icmp') return l4.type === ICMP.ECHO_REQUEST
  return true
}

/**
 * A segment's RFC 7323 timestamps: what the socket put in the repr, else the sender's clock in
 * milliseconds at `clock.now` (a segment built outside a socket).
 */
function timestamps(seg: TcpSegment, clock: WireClock): { val: number; ecr: number } {
  return seg.ts ?? { val: Math.floor(clock.now / 1000) >>> 0, ecr: 0 }
}

function tcp(o: Out, p: Ipv4Packet, seg: TcpSegment, clock: WireClock): void {
  const start = o.pos
  const hlen = tcpHeaderLength(seg)
  const data = textBytes(seg.data)
  o.u16(seg.sport)
  o.u16(seg.dport)
  o.u32(seg.seq)
  o.u32(seg.ack)
  const f = seg.flags
  o.u16(((hlen / 4) << 12) | (f.fin ? 1 : 0) | (f.syn ? 2 : 0) | (f.rst ? 4 : 0) | (f.psh ? 8 : 0) | (f.ack ? 16 : 0))
  o.u16(seg.window)
  o.u16(0)
  o.u16(0)
  // The option lists of tcp_options_write: SYN and SYN/ACK carry MSS, SACK-permitted with the
  // timestamps, NOP and window scale; later segments NOP NOP and the timestamps; a RST none.
  if (!f.rst) {
    const ts = timestamps(seg, clock)
    if (f.syn) {
      o.u8(2), o.u8(4), o.u16(MSS)
      o.u8(4), o.u8(2)
      o.u8(8), o.u8(10), o.u32(ts.val), o.u32(ts.ecr)
      o.u8(1)
      o.u8(3), o.u8(3), o.u8(WSCALE)
    } else {
      o.u8(1), o.u8(1)
      o.u8(8), o.u8(10), o.u32(ts.val), o.u32(ts.ecr)
    }
  }
  if (seg.toa) {
    o.u8(TCPOPT_TOA), o.u8(8), o.u16(seg.toa.port), o.u32(seg.toa.ip)
  }
  o.pos = start + hlen
  o.bytes(data)
  const len = o.pos - start
  o.put16(start + 16, inetChecksum(o.buf, start, o.pos, pseudoSum(p.src, p.dst, 6, len)))
}

/** iputils ping's payload: a struct timeval of the send time (64-bit), then bytes counting up. */
function pingData(m: IcmpMessage, clock: WireClock): Uint8Array {
  const size = m.size ?? 56
  const b = new Uint8Array(size)
  for (let i = 0; i < size; i++) b[i] = i & 255
  if (size >= 16) {
    const at = m.sent ?? clock.now
    const v = new DataView(b.buffer)
    v.setBigUint64(0, BigInt(clock.epoch + Math.floor(at / 1e6)), true)
    v.setBigUint64(8, BigInt(at % 1e6), true)
  }
  return b
}

function icmp(o: Out, m: IcmpMessage, clock: WireClock): void {
  const start = o.pos
  o.u8(m.type)
  o.u8(m.code)
  o.u16(0)
  if (m.type === ICMP.ECHO_REQUEST || m.type === ICMP.ECHO_REPLY) {
    o.u16(m.id ?? 0)
    o.u16(m.seq ?? 0)
    o.bytes(pingData(m, clock))
  } else {
    o.u32(0)
    if (m.original) o.bytes(emitIpv4(m.original, clock).subarray(0, quoteLength(m.original)))
    else o.bytes(new Uint8Array(m.size ?? 0))
  }
  o.put16(start + 2, inetChecksum(o.buf, start, o.pos))
}

function ipv4(o: Out, p: Ipv4Packet, clock: WireClock): void {
  const start = o.pos
  const total = wireIpLength(p)
  o.u8(0x45)
  o.u8(0)
  o.u16(total)
  o.u16(p.id)
  o.u16(dontFragment(p) ? IP_DF : 0)
  o.u8(p.ttl)
  o.u8(p.proto)
  o.u16(0)
  o.u32(p.src)
  o.u32(p.dst)
  o.put16(start + 10, inetChecksum(o.buf, start, start + 20))
  const l4 = p.payload
  switch (l4.kind) {
    case 'tcp':
      return tcp(o, p, l4, clock)
    case 'icmp':
      return icmp(o, l4, clock)
    case 'udp': {
      const s = o.pos
      o.u16(l4.sport)
      o.u16(l4.dport)
      o.u16(l4Length(l4))
      o.u16(0)
      if (l4.gue) {
        // GUE version 0, no options, carrying protocol 4 (IPv4), as ip_vs_add_gue_header writes it.
        o.u8(0), o.u8(PROTO_IPIP), o.u16(0)
        ipv4(o, l4.gue, clock)
      } else o.bytes(textBytes(l4.data))
      const sum = inetChecksum(o.buf, s, o.pos, pseudoSum(p.src, p.dst, PROTO_UDP, o.pos - s))
      o.put16(s + 6, sum === 0 ? 0xffff : sum)
      return
    }
    case 'ipv4':
      if (p.proto === PROTO_GRE) {
        o.u16(0)
        o.u16(ETHERTYPE_IPV4)
      }
      return ipv4(o, l4, clock)
  }
}

/** An IPv4 packet's octets; `clock` stands in for the times a repr does not carry. */
export function emitIpv4(p: Ipv4Packet, clock: WireClock = NO_CLOCK): Uint8Array {
  const o = new Out(wireIpLength(p))
  ipv4(o, p, clock)
  return o.buf
}

/** The IPv4 total length on the wire: GRE's header is outside the repr's inner length. */
export function wireIpLength(p: Ipv4Packet): number {
  return p.proto === PROTO_GRE ? ipLength(p) + greHeaderLength(false) : ipLength(p)
}

function arp(o: Out, a: ArpPacket): void {
  o.u16(1)
  o.u16(ETHERTYPE_IPV4)
  o.u8(6)
  o.u8(4)
  o.u16(a.op === 'request' ? 1 : 2)
  o.mac(a.sha)
  o.u32(a.spa)
  o.mac(a.tha)
  o.u32(a.tpa)
}

/** An Ethernet II frame as the NIC sends it (no padding to 60 bytes, no FCS: what a tap sees). */
export function emitFrame(f: EthernetFrame, clock: WireClock = NO_CLOCK): Uint8Array {
  const p = f.payload
  const o = new Out(14 + (p.kind === 'arp' ? 28 : wireIpLength(p)))
  o.mac(f.dst)
  o.mac(f.src)
  o.u16(p.kind === 'arp' ? ETHERTYPE_ARP : ETHERTYPE_IPV4)
  if (p.kind === 'arp') arp(o, p)
  else ipv4(o, p, clock)
  return o.buf
}
