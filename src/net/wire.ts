// The octets of a repr as Linux puts them on the wire: Ethernet II, ARP (RFC 826), IPv4 with its
// header checksum, TCP with Linux's option lists (MSS, SACK-permitted, timestamps, NOP, window scale
// on SYN; NOP NOP timestamps after; DPVS's TOA, kind 254, last), UDP with its pseudo-header checksum
// (and GUE's 4-byte header), ICMP (ping's payload, an error quoting the offending header and 8
// bytes), IPIP and GRE (RFC 2784, no checksum). The reprs carry no TCP timestamp values: they are
// written as 0. The same interface as the pcap branch's emitter (emitFrame, emitIpv4, wireIpLength),
// which replaces this file when both are merged; net/dissect.ts names the fields of these octets.

import type { Ip, Mac } from './addr.ts'
import { greHeaderLength, ipLength, PROTO_GRE, PROTO_TCP, PROTO_UDP, tcpHeaderLength, type ArpPacket, type EthernetFrame, type IcmpMessage, type Ipv4Packet, type TcpSegment, type UdpDatagram } from './packet.ts'

export const ETHERTYPE_IPV4 = 0x0800
export const ETHERTYPE_ARP = 0x0806
const MSS = 1460
const WSCALE = 7
const TCPOPT_TOA = 254
const GUE_PROTO_IPIP = 4
/** ping's payload: a 16-byte timeval, then the bytes 0x10, 0x11, ... */
const ECHO_TIMEVAL = 16

/** When a packet is emitted, for the fields a repr leaves to the clock (accepted, unused here). */
export interface WireClock {
  readonly now: number
  readonly epoch: number
}

const NO_CLOCK: WireClock = { now: 0, epoch: 0 }

class Out {
  readonly buf: Uint8Array
  pos = 0
  constructor(size: number) {
    this.buf = new Uint8Array(size)
  }
  u8(v: number): void {
    this.buf[this.pos++] = v & 255
  }
  u16(v: number): void {
    this.u8(v >>> 8)
    this.u8(v)
  }
  u32(v: number): void {
    this.u16((v >>> 16) & 0xffff)
    this.u16(v & 0xffff)
  }
  mac(m: Mac): void {
    const parts = m.split(':')
    for (let i = 0; i < 6; i++) this.u8(parseInt(parts[i] ?? '0', 16) || 0)
  }
  put16(at: number, v: number): void {
    this.buf[at] = (v >>> 8) & 255
    this.buf[at + 1] = v & 255
  }
}

/** The Internet checksum (RFC 1071) over `b[start, end)`, starting from a partial sum (a pseudo-header). */
export function inetChecksum(b: Uint8Array, start = 0, end = b.length, sum = 0): number {
  for (let i = start; i + 1 < end; i += 2) sum += (b[i] << 8) | b[i + 1]
  if ((end - start) & 1) sum += b[end - 1] << 8
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16)
  return ~sum & 0xffff
}

function pseudoSum(src: Ip, dst: Ip, proto: number, len: number): number {
  return (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + proto + len
}

/** DF as Linux sets it: TCP and UDP sockets do path-MTU discovery; a tunnel copies the inner DF. */
export function dontFragment(p: Ipv4Packet): boolean {
  const l4 = p.payload
  if (l4.kind === 'ipv4') return dontFragment(l4)
  if (l4.kind === 'udp' && l4.gue) return dontFragment(l4.gue)
  return l4.kind === 'tcp' || l4.kind === 'udp'
}

/** The IPv4 total length on the wire: GRE's header is outside the repr's inner length. */
export function wireIpLength(p: Ipv4Packet): number {
  return p.proto === PROTO_GRE ? ipLength(p) + greHeaderLength(false) : ipLength(p)
}

function ipv4(o: Out, p: Ipv4Packet, clock: WireClock): void {
  const start = o.pos
  const total = wireIpLength(p)
  o.u8(0x45)
  o.u8(0)
  o.u16(total)
  o.u16(p.id)
  o.u16(dontFragment(p) ? 0x4000 : 0)
  o.u8(p.ttl)
  o.u8(p.proto)
  o.u16(0)
  o.u32(p.src)
  o.u32(p.dst)
  o.put16(start + 10, inetChecksum(o.buf, start, start + 20))
  const l4 = p.payload
  switch (l4.kind) {
    case 'tcp':
      return tcp(o, p, l4, start + total)
    case 'udp':
      return udp(o, p, l4, start + total, clock)
    case 'icmp':
      return icmp(o, l4, start + total, clock)
    case 'ipv4':
      if (p.proto === PROTO_GRE) {
        o.u16(0)
        o.u16(ETHERTYPE_IPV4)
      }
      return ipv4(o, l4, clock)
  }
}

function tcp(o: Out, ip: Ipv4Packet, s: TcpSegment, end: number): void {
  const start = o.pos
  const hlen = tcpHeaderLength(s)
  o.u16(s.sport)
  o.u16(s.dport)
  o.u32(s.seq)
  o.u32(s.ack)
  const f = s.flags
  o.u16(((hlen / 4) << 12) | (f.fin ? 1 : 0) | (f.syn ? 2 : 0) | (f.rst ? 4 : 0) | (f.psh ? 8 : 0) | (f.ack ? 16 : 0))
  o.u16(s.window)
  o.u16(0)
  o.u16(0)
  if (f.syn) {
    o.u8(2), o.u8(4), o.u16(MSS)
    o.u8(4), o.u8(2)
    o.u8(8), o.u8(10), o.u32(0), o.u32(0)
    o.u8(1)
    o.u8(3), o.u8(3), o.u8(WSCALE)
  } else {
    o.u8(1), o.u8(1)
    o.u8(8), o.u8(10), o.u32(0), o.u32(0)
  }
  if (s.toa) {
    o.u8(TCPOPT_TOA), o.u8(8), o.u16(s.toa.port), o.u32(s.toa.ip)
  }
  o.buf.set(new TextEncoder().encode(s.data).subarray(0, end - o.pos), o.pos)
  o.pos = end
  o.put16(start + 16, inetChecksum(o.buf, start, end, pseudoSum(ip.src, ip.dst, PROTO_TCP, end - start)))
}

function udp(o: Out, ip: Ipv4Packet, u: UdpDatagram, end: number, clock: WireClock): void {
  const start = o.pos
  o.u16(u.sport)
  o.u16(u.dport)
  o.u16(end - start)
  o.u16(0)
  if (u.gue) {
    o.u8(0)
    o.u8(GUE_PROTO_IPIP)
    o.u16(0)
    ipv4(o, u.gue, clock)
  } else {
    o.buf.set(new TextEncoder().encode(u.data).subarray(0, end - o.pos), o.pos)
    o.pos = end
  }
  // A zero sum is sent as 0xffff: 0 means "no checksum" in UDP over IPv4.
  o.put16(start + 6, inetChecksum(o.buf, start, end, pseudoSum(ip.src, ip.dst, PROTO_UDP, end - start)) || 0xffff)
}

function icmp(o: Out, m: IcmpMessage, end: number, clock: WireClock): void {
  const start = o.pos
  o.u8(m.type)
  o.u8(m.code)
  o.u16(0)
  if (m.original) {
    o.u32(0)
    // The kernel quotes the offending packet's IP header and the first 8 bytes of what it carried.
    o.buf.set(emitIpv4(m.original, clock).subarray(0, end - o.pos), o.pos)
  } else {
    o.u16(m.id ?? 0)
    o.u16(m.seq ?? 0)
    for (let i = ECHO_TIMEVAL; start + 8 + i < end; i++) o.buf[start + 8 + i] = i
  }
  o.pos = end
  o.put16(start + 2, inetChecksum(o.buf, start, end))
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

/** An IPv4 packet's octets (a tunnel device's capture, a drop record's packet). */
export function emitIpv4(p: Ipv4Packet, clock: WireClock = NO_CLOCK): Uint8Array {
  const o = new Out(wireIpLength(p))
  ipv4(o, p, clock)
  return o.buf
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
