// A frame's octets (net/wire.ts) read back header by header, as Wireshark's dissectors do: each
// layer and each field with its byte span and the value the bytes hold. What the inspector's
// layers and hex view show is therefore what is on the wire, not what the repr meant. The repr only
// says what the bytes cannot: that a UDP datagram carries GUE (a receiver knows by its fou port).
// Field names follow tcpdump's vocabulary; offsets and values are checked against tshark
// (tests/unit/wire.test.ts).

import { formatIp } from './addr.ts'
import { PROTO_GRE, PROTO_ICMP, PROTO_IPIP, PROTO_TCP, PROTO_UDP, type EthernetFrame, type Ipv4Packet } from './packet.ts'
import { emitFrame, emitIpv4 } from './wire.ts'

export interface WireField {
  name: string
  /** The value as the bytes hold it, in tshark's and tcpdump's own notation (numbers, hex, keywords). */
  value: string
  /** What the value means, where a reader needs more than the number: worded by the inspector. */
  note?: WireNote
  /** Byte offsets in the frame, end exclusive. */
  start: number
  end: number
}

export interface WireLayer {
  /**
   * Which header this is, stable across hops for the same packet: the kind and how many
   * encapsulations lie inside it (`ip0` is the innermost IPv4, `ip1` a tunnel's outer header), so
   * a hop that adds an outer header still lines up its inner packet with the hop before.
   */
  id: string
  title: string
  /** Nesting on the wire: 0 for the outermost header, one more for each header inside the last. */
  depth: number
  start: number
  end: number
  fields: WireField[]
}

/**
 * The explanations a value carries, as facts for the reader's language to word:
 * - words: a header length field, whose value is in bytes and whose bits count 32-bit words;
 * - named: a type or protocol number with its keyword (ARP, IPv4, TCP…); unknown: one without;
 * - arpOp: ARP's request or reply; ipFlags: which of don't-fragment and more-fragments are set;
 * - version: a GRE flags word's version bits; gue: GUE's first byte split into its fields;
 * - icmpType: an ICMP message type by its RFC 792 meaning;
 * - bytes: a payload's length, with the first line of its text when it is text.
 */
export type WireNote =
  | { say: 'words'; words: number }
  | { say: 'named'; name: string }
  | { say: 'unknown' }
  | { say: 'arpOp'; op: 'request' | 'reply' | null }
  | { say: 'ipFlags'; df: boolean; mf: boolean }
  | { say: 'version'; version: number }
  | { say: 'gue'; version: number; c: number; hlen: number }
  | { say: 'icmpType'; type: 'echoReply' | 'unreachable' | 'quench' | 'redirect' | 'echoRequest' | 'timeExceeded' | 'parameter' | null }
  | { say: 'bytes'; line: string }

export interface Wire {
  bytes: Uint8Array
  layers: WireLayer[]
}

const PROTO_NAMES: Record<number, string> = { [PROTO_ICMP]: 'ICMP', [PROTO_IPIP]: 'IPIP', [PROTO_TCP]: 'TCP', [PROTO_UDP]: 'UDP', [PROTO_GRE]: 'GRE' }
/** ICMP types that quote the offending packet (RFC 792): unreachable, source quench, redirect, time exceeded, parameter problem. */
const QUOTING = new Set([3, 4, 5, 11, 12])
const TOA_KIND = 254

const hex = (v: number, digits: number) => `0x${v.toString(16).padStart(digits, '0')}`
const mac = (b: Uint8Array, at: number) => Array.from(b.subarray(at, at + 6), (x) => x.toString(16).padStart(2, '0')).join(':')

class Reader {
  readonly layers: WireLayer[] = []
  constructor(readonly b: Uint8Array) {}
  u8(at: number): number {
    return this.b[at] ?? 0
  }
  u16(at: number): number {
    return (this.u8(at) << 8) | this.u8(at + 1)
  }
  u32(at: number): number {
    return ((this.u16(at) << 16) | this.u16(at + 2)) >>> 0
  }
  ip(at: number): string {
    return formatIp(this.u32(at))
  }
  layer(id: string, title: string, depth: number, start: number, end: number): WireLayer {
    const l: WireLayer = { id, title, depth, start, end: Math.min(end, this.b.length), fields: [] }
    this.layers.push(l)
    return l
  }
}

function field(l: WireLayer, name: string, value: string, start: number, length: number, note?: WireNote): void {
  l.fields.push(note ? { name, value, note, start, end: start + length } : { name, value, start, end: start + length })
}

/** A type or protocol number with its keyword, when the lab knows one. */
const named = (name: string | undefined): WireNote => (name ? { say: 'named', name } : { say: 'unknown' })
const ETHERTYPES: Record<number, string> = { 0x0806: 'ARP', 0x0800: 'IPv4' }
const ICMP_TYPES: Record<number, Extract<WireNote, { say: 'icmpType' }>['type']> = { 0: 'echoReply', 3: 'unreachable', 4: 'quench', 5: 'redirect', 8: 'echoRequest', 11: 'timeExceeded', 12: 'parameter' }

/** How many IPv4 headers lie inside this one (IPIP, GRE and GUE each add one). */
function encapsulations(p: Ipv4Packet): number {
  const l4 = p.payload
  if (l4.kind === 'ipv4') return 1 + encapsulations(l4)
  if (l4.kind === 'udp' && l4.gue) return 1 + encapsulations(l4.gue)
  return 0
}

/** The frame's octets and its layers, outermost first. */
export function dissectFrame(f: EthernetFrame): Wire {
  return readFrame(emitFrame(f), f)
}

/** Layers of octets `bytes` that emitting `f` gave (any emitter of the same layouts). */
export function readFrame(bytes: Uint8Array, f: EthernetFrame): Wire {
  const r = new Reader(bytes)
  const eth = r.layer('eth', 'Ethernet II', 0, 0, 14)
  field(eth, 'dst', mac(r.b, 0), 0, 6)
  field(eth, 'src', mac(r.b, 6), 6, 6)
  const type = r.u16(12)
  field(eth, 'type', hex(type, 4), 12, 2, named(ETHERTYPES[type]))
  if (type === 0x0806) arp(r, 14)
  else if (f.payload.kind === 'ipv4') ipv4(r, 14, 1, encapsulations(f.payload), f.payload)
  return { bytes: r.b, layers: r.layers }
}

/** An IPv4 packet alone (a tunnel device's capture, a drop or rewrite record's packet). */
export function dissectIpv4(p: Ipv4Packet): Wire {
  const r = new Reader(emitIpv4(p))
  ipv4(r, 0, 0, encapsulations(p), p)
  return { bytes: r.b, layers: r.layers }
}

export function readIpv4(bytes: Uint8Array, p: Ipv4Packet): Wire {
  const r = new Reader(bytes)
  ipv4(r, 0, 0, encapsulations(p), p)
  return { bytes: r.b, layers: r.layers }
}

function arp(r: Reader, at: number): void {
  const l = r.layer('arp', 'ARP', 1, at, at + 28)
  field(l, 'htype', String(r.u16(at)), at, 2, named(r.u16(at) === 1 ? 'Ethernet' : undefined))
  field(l, 'ptype', hex(r.u16(at + 2), 4), at + 2, 2, named(r.u16(at + 2) === 0x0800 ? 'IPv4' : undefined))
  field(l, 'hlen', String(r.u8(at + 4)), at + 4, 1)
  field(l, 'plen', String(r.u8(at + 5)), at + 5, 1)
  const op = r.u16(at + 6)
  field(l, 'op', String(op), at + 6, 2, { say: 'arpOp', op: op === 1 ? 'request' : op === 2 ? 'reply' : null })
  field(l, 'sha', mac(r.b, at + 8), at + 8, 6)
  field(l, 'spa', r.ip(at + 14), at + 14, 4)
  field(l, 'tha', mac(r.b, at + 18), at + 18, 6)
  field(l, 'tpa', r.ip(at + 24), at + 24, 4)
}

/** The IPv4 header's fields into `l` (shared with the header an ICMP error quotes). */
function ipHeader(r: Reader, l: WireLayer, at: number): { ihl: number; total: number; proto: number } {
  const ihl = (r.u8(at) & 15) * 4
  const total = r.u16(at + 2)
  const flags = r.u8(at + 6) >> 5
  const proto = r.u8(at + 9)
  field(l, 'version', String(r.u8(at) >> 4), at, 1)
  field(l, 'ihl', String(ihl), at, 1, { say: 'words', words: ihl / 4 })
  field(l, 'tos', hex(r.u8(at + 1), 2), at + 1, 1)
  field(l, 'length', String(total), at + 2, 2)
  field(l, 'id', `${hex(r.u16(at + 4), 4)} (${r.u16(at + 4)})`, at + 4, 2)
  field(l, 'flags', hex(flags, 2), at + 6, 1, { say: 'ipFlags', df: !!(flags & 2), mf: !!(flags & 1) })
  field(l, 'offset', String(r.u16(at + 6) & 0x1fff), at + 6, 2)
  field(l, 'ttl', String(r.u8(at + 8)), at + 8, 1)
  field(l, 'proto', String(proto), at + 9, 1, named(PROTO_NAMES[proto]))
  field(l, 'checksum', hex(r.u16(at + 10), 4), at + 10, 2)
  field(l, 'src', r.ip(at + 12), at + 12, 4)
  field(l, 'dst', r.ip(at + 16), at + 16, 4)
  return { ihl, total, proto }
}

function ipv4(r: Reader, at: number, depth: number, level: number, repr: Ipv4Packet): void {
  const title = level > 0 ? 'IPv4 (outer)' : depth > 1 ? 'IPv4 (inner)' : 'IPv4'
  const l = r.layer(`ip${level}`, title, depth, at, at + r.u16(at + 2))
  const { ihl, total, proto } = ipHeader(r, l, at)
  const body = at + ihl
  const end = at + total
  const inner = repr.payload
  if (proto === PROTO_IPIP && inner.kind === 'ipv4') return ipv4(r, body, depth + 1, level - 1, inner)
  if (proto === PROTO_GRE && inner.kind === 'ipv4') {
    // The lab's GRE tunnels carry no checksum, key or sequence number: the 4-byte base header.
    const g = r.layer(`gre${level}`, 'GRE', depth + 1, body, body + 4)
    field(g, 'flags', hex(r.u16(body), 4), body, 2, { say: 'version', version: r.u16(body) & 7 })
    field(g, 'protocol', hex(r.u16(body + 2), 4), body + 2, 2, named(ETHERTYPES[r.u16(body + 2)]))
    return ipv4(r, body + 4, depth + 2, level - 1, inner)
  }
  if (proto === PROTO_TCP) return tcp(r, body, end, depth + 1, `tcp${level}`)
  if (proto === PROTO_UDP) {
    const u = r.layer(`udp${level}`, 'UDP', depth + 1, body, body + 8)
    udpHeader(r, u, body)
    if (inner.kind === 'udp' && inner.gue) {
      const g = r.layer(`gue${level}`, 'GUE', depth + 2, body + 8, body + 12)
      const b0 = r.u8(body + 8)
      field(g, 'flags', hex(b0, 2), body + 8, 1, { say: 'gue', version: b0 >> 6, c: (b0 >> 5) & 1, hlen: b0 & 31 })
      field(g, 'proto', String(r.u8(body + 9)), body + 9, 1, named(PROTO_NAMES[r.u8(body + 9)]))
      field(g, 'flags', hex(r.u16(body + 10), 4), body + 10, 2)
      return ipv4(r, body + 12, depth + 3, level - 1, inner.gue)
    }
    return data(r, body + 8, end, depth + 2, `udp${level}.data`)
  }
  if (proto === PROTO_ICMP) return icmp(r, body, end, depth + 1, `icmp${level}`)
}

function udpHeader(r: Reader, l: WireLayer, at: number, prefix = ''): void {
  field(l, `${prefix}sport`, String(r.u16(at)), at, 2)
  field(l, `${prefix}dport`, String(r.u16(at + 2)), at + 2, 2)
  field(l, `${prefix}length`, String(r.u16(at + 4)), at + 4, 2)
  field(l, `${prefix}checksum`, hex(r.u16(at + 6), 4), at + 6, 2)
}

const FLAG_NAMES: [number, string][] = [
  [2, 'S'],
  [1, 'F'],
  [4, 'R'],
  [8, 'P'],
  [16, '.'],
]

function tcp(r: Reader, at: number, end: number, depth: number, id: string): void {
  const hlen = (r.u8(at + 12) >> 4) * 4
  const bits = r.u16(at + 12) & 0x1ff
  const l = r.layer(id, 'TCP', depth, at, at + hlen)
  field(l, 'sport', String(r.u16(at)), at, 2)
  field(l, 'dport', String(r.u16(at + 2)), at + 2, 2)
  field(l, 'seq', String(r.u32(at + 4)), at + 4, 4)
  field(l, 'ack', String(r.u32(at + 8)), at + 8, 4)
  field(l, 'hlen', String(hlen), at + 12, 1, { say: 'words', words: hlen / 4 })
  field(l, 'flags', `[${FLAG_NAMES.filter(([b]) => bits & b).map(([, n]) => n).join('') || 'none'}] (${hex(bits, 3)})`, at + 12, 2)
  field(l, 'window', String(r.u16(at + 14)), at + 14, 2)
  field(l, 'checksum', hex(r.u16(at + 16), 4), at + 16, 2)
  field(l, 'urgent', String(r.u16(at + 18)), at + 18, 2)
  // The options, kind by kind (RFC 9293 §3.1): one-byte EOL and NOP, then kind, length, value.
  for (let o = at + 20; o < at + hlen; ) {
    const kind = r.u8(o)
    if (kind === 0) break
    if (kind === 1) {
      field(l, 'nop', '', o++, 1)
      continue
    }
    const len = Math.max(2, r.u8(o + 1))
    if (kind === 2) field(l, 'mss', String(r.u16(o + 2)), o, len)
    else if (kind === 3) field(l, 'wscale', String(r.u8(o + 2)), o, len)
    else if (kind === 4) field(l, 'sackOK', '', o, len)
    else if (kind === 8) field(l, 'TS', `val ${r.u32(o + 2)} ecr ${r.u32(o + 6)}`, o, len)
    else if (kind === TOA_KIND) field(l, 'TOA', `${r.ip(o + 4)}:${r.u16(o + 2)}`, o, len)
    else field(l, `option ${kind}`, '', o, len)
    o += len
  }
  data(r, at + hlen, end, depth + 1, `${id}.data`)
}

function icmp(r: Reader, at: number, end: number, depth: number, id: string): void {
  const type = r.u8(at)
  const l = r.layer(id, 'ICMP', depth, at, at + 8)
  field(l, 'type', String(type), at, 1, { say: 'icmpType', type: ICMP_TYPES[type] ?? null })
  field(l, 'code', String(r.u8(at + 1)), at + 1, 1)
  field(l, 'checksum', hex(r.u16(at + 2), 4), at + 2, 2)
  if (QUOTING.has(type)) {
    field(l, 'unused', String(r.u32(at + 4)), at + 4, 4)
    const q = r.layer(`${id}.quoted`, 'IPv4 (quoted)', depth + 1, at + 8, end)
    const { ihl, proto } = ipHeader(r, q, at + 8)
    // The first 8 bytes of what the quoted packet carried: ports (and TCP's sequence number).
    const l4 = at + 8 + ihl
    if (proto === PROTO_TCP) {
      field(q, 'tcp sport', String(r.u16(l4)), l4, 2)
      field(q, 'tcp dport', String(r.u16(l4 + 2)), l4 + 2, 2)
      field(q, 'tcp seq', String(r.u32(l4 + 4)), l4 + 4, 4)
    } else if (proto === PROTO_UDP) udpHeader(r, q, l4, 'udp ')
    return
  }
  field(l, 'id', String(r.u16(at + 4)), at + 4, 2)
  field(l, 'seq', String(r.u16(at + 6)), at + 6, 2)
  if (end > at + 8) field(r.layer(`${id}.data`, 'Data', depth + 1, at + 8, end), 'data', String(end - at - 8), at + 8, end - at - 8, { say: 'bytes', line: '' })
}

function data(r: Reader, at: number, end: number, depth: number, id: string): void {
  if (end <= at) return
  const line = new TextDecoder().decode(r.b.subarray(at, end)).split('\r\n')[0]
  const shown = line.length > 60 ? `${line.slice(0, 60)}…` : line
  field(r.layer(id, 'Data', depth, at, end), 'data', String(end - at), at, end - at, { say: 'bytes', line: shown })
}
