// Wire formats as immutable reprs: Ethernet carrying ARP or IPv4, IPv4 carrying TCP, UDP, ICMP or
// another IPv4 packet (IPIP). A rewrite builds a new repr; `uid` follows one packet across hops and
// rewrites so the trace can tell its story. Lengths follow what Linux puts on the wire (TCP options
// included: 40 header bytes on SYN, 32 with timestamps otherwise).

import type { Ip, Mac } from './addr.ts'

export const PROTO_ICMP = 1
export const PROTO_IPIP = 4
export const PROTO_TCP = 6
export const PROTO_UDP = 17
export const PROTO_GRE = 47

export interface TcpFlags {
  readonly syn?: boolean
  readonly ack?: boolean
  readonly fin?: boolean
  readonly rst?: boolean
  readonly psh?: boolean
}

export interface TcpSegment {
  readonly kind: 'tcp'
  readonly sport: number
  readonly dport: number
  readonly seq: number
  readonly ack: number
  readonly flags: TcpFlags
  readonly window: number
  readonly data: string
  /** DPVS FULLNAT's TOA option (kind 254): the client's address carried to the real server. */
  readonly toa?: { readonly ip: Ip; readonly port: number }
  /** RFC 7323 timestamps the sending socket put in the option (TSval, TSecr); a RST has none. */
  readonly ts?: { readonly val: number; readonly ecr: number }
}

export interface UdpDatagram {
  readonly kind: 'udp'
  readonly sport: number
  readonly dport: number
  readonly data: string
  /** A GUE-encapsulated packet (IPVS `--tun-type gue`): 4 header bytes then the inner packet. */
  readonly gue?: Ipv4Packet
}

export interface IcmpMessage {
  readonly kind: 'icmp'
  readonly type: number
  readonly code: number
  readonly id?: number
  readonly seq?: number
  readonly size?: number
  /** An echo request's send time (virtual µs): ping's payload starts with it, the reply echoes it. */
  readonly sent?: number
  /** For errors: the offending packet (quoted up to 548 bytes: quoteLength). */
  readonly original?: Ipv4Packet
}

export type L4 = TcpSegment | UdpDatagram | IcmpMessage | Ipv4Packet

export interface Ipv4Packet {
  readonly kind: 'ipv4'
  readonly uid: number
  readonly src: Ip
  readonly dst: Ip
  readonly ttl: number
  readonly id: number
  readonly proto: number
  readonly payload: L4
}

export interface ArpPacket {
  readonly kind: 'arp'
  readonly uid: number
  readonly op: 'request' | 'reply'
  readonly sha: Mac
  readonly spa: Ip
  readonly tha: Mac
  readonly tpa: Ip
}

export interface EthernetFrame {
  readonly kind: 'eth'
  readonly src: Mac
  readonly dst: Mac
  readonly payload: ArpPacket | Ipv4Packet
}

export const ICMP = {
  ECHO_REPLY: 0,
  DEST_UNREACH: 3,
  ECHO_REQUEST: 8,
  TIME_EXCEEDED: 11,
  NET_UNREACH: 0,
  HOST_UNREACH: 1,
  PROTO_UNREACH: 2,
  PORT_UNREACH: 3,
  FRAG_NEEDED: 4,
  NET_PROHIBITED: 9,
  HOST_PROHIBITED: 10,
  ADMIN_PROHIBITED: 13,
} as const

/**
 * The last few strings measured: a payload is measured again at every hop that counts it, and a
 * request and its reply are in flight together. A miss costs one identity-or-content comparison.
 */
const recentText = ['', '', '', '']
const recentLength = [0, 0, 0, 0]
let recentNext = 0

export function byteLength(text: string): number {
  if (text.length === 0) return 0
  for (let i = 0; i < 4; i++) if (recentText[i] === text) return recentLength[i]
  const n = utf8Length(text)
  recentText[recentNext] = text
  recentLength[recentNext] = n
  recentNext = (recentNext + 1) & 3
  return n
}

/** Any character outside ASCII: the regex engine's native scan says "none" faster than a loop. */
const NON_ASCII = /[^\x00-\x7f]/

function utf8Length(text: string): number {
  if (!NON_ASCII.test(text)) return text.length
  let n = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80) n += 1
    else if (c < 0x800) n += 2
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4
      i++
    } else n += 3
  }
  return n
}

/** 20 bytes plus options: MSS/SACK/TS/WS on SYN (20), NOP NOP TS after (12), none on a RST. */
export function tcpHeaderLength(seg: TcpSegment): number {
  return (seg.flags.rst ? 20 : seg.flags.syn ? 40 : 32) + (seg.toa ? 8 : 0)
}

export function l4Length(p: L4): number {
  switch (p.kind) {
    case 'tcp':
      return tcpHeaderLength(p) + byteLength(p.data)
    case 'udp':
      return 8 + (p.gue ? 4 + ipLength(p.gue) : byteLength(p.data))
    case 'icmp':
      return 8 + (p.original ? quoteLength(p.original) : (p.size ?? 56))
    case 'ipv4':
      return ipLength(p)
  }
}

/** Bytes an encapsulation adds before the inner packet: GRE's 4-byte header (8 with a checksum). */
export function greHeaderLength(csum: boolean): number {
  return csum ? 8 : 4
}

/** Total length field of the IPv4 header: what IPVS counts as InBytes/OutBytes. */
/**
 * How much of the offending datagram an ICMP error quotes (icmp_send): as much as fits in 576
 * bytes with the error's own IP and ICMP headers, so a small datagram is quoted whole.
 */
export function quoteLength(original: Ipv4Packet): number {
  return Math.min(ipLength(original), 576 - 20 - 8)
}

export function ipLength(p: Ipv4Packet): number {
  return 20 + l4Length(p.payload)
}

export function tcpSegmentLength(seg: TcpSegment): number {
  return byteLength(seg.data) + (seg.flags.syn ? 1 : 0) + (seg.flags.fin ? 1 : 0)
}
