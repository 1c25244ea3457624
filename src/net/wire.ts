// The bytes of a frame as Linux puts them on the wire, with the span of every header field: what
// the inspector's hex view highlights and what a pcap carries. Layouts follow the RFCs (Ethernet II,
// ARP 826, IPv4 791, TCP 9293, UDP 768, ICMP 792, GRE 2784, GUE draft-ietf-intarea-gue) and Linux's
// choices: DF on TCP and UDP, TCP options MSS/SACK-permitted/timestamps/NOP/window-scale on SYN and
// NOP NOP timestamps after, DPVS's TOA (kind 254: port then address) last. The reprs carry no TCP
// timestamp or window-scale values, so those bytes are written as 0 and 7.

import { formatIp, type Ip, type Mac } from './addr.ts'
import { greHeaderLength, ipLength, PROTO_GRE, PROTO_ICMP, PROTO_IPIP, PROTO_TCP, PROTO_UDP, tcpHeaderLength, type ArpPacket, type EthernetFrame, type IcmpMessage, type Ipv4Packet, type TcpSegment, type UdpDatagram } from './packet.ts'
import { tcpFlagString } from './format.ts'

export interface WireField {
  name: string
  value: string
  /** Byte offsets in the frame, end exclusive. */
  start: number
  end: number
}

export interface WireLayer {
  /**
   * Which header this is, stable across hops for the same packet: the kind and how many
   * encapsulations lie inside it (`ip0` is the innermost IPv4, `ip1` the tunnel's outer header),
   * so a hop that adds an outer header still lines up its inner packet with the hop before.
   */
  id: string
  title: string
  /** Nesting on the wire: 0 for Ethernet, one more for each header inside the last. */
  depth: number
  start: number
  end: number
  fields: WireField[]
}

export interface Wire {
  bytes: Uint8Array
  layers: WireLayer[]
}

const PROTO_NAMES: Record<number, string> = { [PROTO_ICMP]: 'ICMP', [PROTO_IPIP]: 'IPIP', [PROTO_TCP]: 'TCP', [PROTO_UDP]: 'UDP', [PROTO_GRE]: 'GRE' }
const TOA_KIND = 254
const GUE_PROTO_IPIP = 4

class Writer {
  readonly bytes: Uint8Array
  readonly layers: WireLayer[] = []
  constructor(size: number) {
    this.bytes = new Uint8Array(size)
  }
  u8(at: number, v: number): void {
    this.bytes[at] = v & 0xff
  }
  u16(at: number, v: number): void {
    this.bytes[at] = (v >>> 8) & 0xff
    this.bytes[at + 1] = v & 0xff
  }
  u32(at: number, v: number): void {
    this.u16(at, (v >>> 16) & 0xffff)
    this.u16(at + 2, v & 0xffff)
  }
  mac(at: number, m: Mac): void {
    const parts = m.split(':')
    for (let i = 0; i < 6; i++) this.bytes[at + i] = parseInt(parts[i] ?? '0', 16) || 0
  }
  layer(id: string, title: string, depth: number, start: number, end: number): WireLayer {
    const l: WireLayer = { id, title, depth, start, end, fields: [] }
    this.layers.push(l)
    return l
  }
}

function field(l: WireLayer, name: string, value: string, start: number, length: number): void {
  l.fields.push({ name, value, start, end: start + length })
}

/** RFC 1071 one's-complement sum, folded; `initial` carries a pseudo-header's sum. */
function checksum(bytes: Uint8Array, start: number, end: number, initial = 0): number {
  let sum = initial
  for (let i = start; i < end; i += 2) sum += (bytes[i] << 8) | (i + 1 < end ? bytes[i + 1] : 0)
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16)
  return ~sum & 0xffff
}

function pseudoSum(src: Ip, dst: Ip, proto: number, length: number): number {
  return (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + proto + length
}

const hex = (v: number, digits: number) => `0x${v.toString(16).padStart(digits, '0')}`

/** How many IPv4 headers lie inside this one (IPIP, GRE and GUE each add one). */
function encapsulations(p: Ipv4Packet): number {
  const l4 = p.payload
  if (l4.kind === 'ipv4') return 1 + encapsulations(l4)
  if (l4.kind === 'udp' && l4.gue) return 1 + encapsulations(l4.gue)
  return 0
}

/**
 * The IPv4 total length on the wire. packet.ts's ipLength leaves out GRE's 4-byte header (IPVS's
 * byte counters and tcpdump's line add it where they need it); the bytes must hold it.
 */
export function wireLength(p: Ipv4Packet): number {
  const l4 = p.payload
  if (l4.kind === 'ipv4') return 20 + (p.proto === PROTO_GRE ? greHeaderLength(false) : 0) + wireLength(l4)
  if (l4.kind === 'udp' && l4.gue) return 32 + wireLength(l4.gue)
  return ipLength(p)
}

export function frameLength(f: EthernetFrame): number {
  return 14 + (f.payload.kind === 'arp' ? 28 : wireLength(f.payload))
}

/** The frame's bytes and the span of each header and field, outermost first. */
export function emitFrame(f: EthernetFrame): Wire {
  const w = new Writer(frameLength(f))
  const eth = w.layer('eth', 'Ethernet II', 0, 0, 14)
  w.mac(0, f.dst)
  field(eth, 'dst', f.dst, 0, 6)
  w.mac(6, f.src)
  field(eth, 'src', f.src, 6, 6)
  const type = f.payload.kind === 'arp' ? 0x0806 : 0x0800
  w.u16(12, type)
  field(eth, 'type', `${f.payload.kind === 'arp' ? 'ARP' : 'IPv4'} (${hex(type, 4)})`, 12, 2)
  if (f.payload.kind === 'arp') arp(w, f.payload, 14)
  else ipv4(w, f.payload, 14, 1, encapsulations(f.payload))
  return { bytes: w.bytes, layers: w.layers }
}

/** An IPv4 packet alone (a tunnel device's capture, a drop record's packet). */
export function emitIpv4(p: Ipv4Packet): Wire {
  const w = new Writer(wireLength(p))
  ipv4(w, p, 0, 0, encapsulations(p))
  return { bytes: w.bytes, layers: w.layers }
}

function arp(w: Writer, a: ArpPacket, at: number): void {
  const l = w.layer('arp', 'ARP', 1, at, at + 28)
  w.u16(at, 1)
  field(l, 'htype', 'Ethernet (1)', at, 2)
  w.u16(at + 2, 0x0800)
  field(l, 'ptype', 'IPv4 (0x0800)', at + 2, 2)
  w.u8(at + 4, 6)
  field(l, 'hlen', '6', at + 4, 1)
  w.u8(at + 5, 4)
  field(l, 'plen', '4', at + 5, 1)
  w.u16(at + 6, a.op === 'request' ? 1 : 2)
  field(l, 'op', `${a.op} (${a.op === 'request' ? 1 : 2})`, at + 6, 2)
  w.mac(at + 8, a.sha)
  field(l, 'sha', a.sha, at + 8, 6)
  w.u32(at + 14, a.spa)
  field(l, 'spa', formatIp(a.spa), at + 14, 4)
  w.mac(at + 18, a.tha)
  field(l, 'tha', a.tha, at + 18, 6)
  w.u32(at + 24, a.tpa)
  field(l, 'tpa', formatIp(a.tpa), at + 24, 4)
}

/** Linux sets DF on TCP and UDP (path MTU discovery); a tunnel's outer header copies the inner's. */
function dontFragment(p: Ipv4Packet): boolean {
  const l4 = p.payload
  if (l4.kind === 'ipv4') return dontFragment(l4)
  if (l4.kind === 'udp' && l4.gue) return dontFragment(l4.gue)
  return l4.kind === 'tcp' || l4.kind === 'udp'
}

function ipv4(w: Writer, p: Ipv4Packet, at: number, depth: number, level: number): void {
  const total = wireLength(p)
  const title = level > 0 ? 'IPv4 (outer)' : depth > 1 ? 'IPv4 (inner)' : 'IPv4'
  const l = w.layer(`ip${level}`, title, depth, at, at + total)
  w.u8(at, 0x45)
  field(l, 'version', '4', at, 1)
  field(l, 'ihl', '20 bytes (5)', at, 1)
  w.u8(at + 1, 0)
  field(l, 'tos', '0x00', at + 1, 1)
  w.u16(at + 2, total)
  field(l, 'length', String(total), at + 2, 2)
  w.u16(at + 4, p.id)
  field(l, 'id', `${hex(p.id, 4)} (${p.id})`, at + 4, 2)
  const df = dontFragment(p)
  w.u16(at + 6, df ? 0x4000 : 0)
  field(l, 'flags', df ? 'DF' : 'none', at + 6, 1)
  field(l, 'offset', '0', at + 6, 2)
  w.u8(at + 8, p.ttl)
  field(l, 'ttl', String(p.ttl), at + 8, 1)
  w.u8(at + 9, p.proto)
  field(l, 'proto', `${PROTO_NAMES[p.proto] ?? 'unknown'} (${p.proto})`, at + 9, 1)
  w.u32(at + 12, p.src)
  w.u32(at + 16, p.dst)
  w.u16(at + 10, checksum(w.bytes, at, at + 20))
  field(l, 'checksum', hex((w.bytes[at + 10] << 8) | w.bytes[at + 11], 4), at + 10, 2)
  field(l, 'src', formatIp(p.src), at + 12, 4)
  field(l, 'dst', formatIp(p.dst), at + 16, 4)
  const body = at + 20
  const l4 = p.payload
  switch (l4.kind) {
    case 'ipv4':
      if (p.proto === PROTO_GRE) {
        // The lab's GRE tunnels carry no checksum, key or sequence number: the 4-byte base header.
        const g = w.layer(`gre${level}`, 'GRE', depth + 1, body, body + 4)
        w.u16(body, 0)
        field(g, 'flags', '0x0000 (version 0)', body, 2)
        w.u16(body + 2, 0x0800)
        field(g, 'protocol', 'IPv4 (0x0800)', body + 2, 2)
        ipv4(w, l4, body + 4, depth + 2, level - 1)
      } else ipv4(w, l4, body, depth + 1, level - 1)
      return
    case 'tcp':
      return tcp(w, p, l4, body, depth + 1, `tcp${level}`)
    case 'udp':
      return udp(w, p, l4, body, depth + 1, level)
    case 'icmp':
      return icmp(w, l4, body, depth + 1, `icmp${level}`)
  }
}

function tcp(w: Writer, ip: Ipv4Packet, s: TcpSegment, at: number, depth: number, id: string): void {
  const hlen = tcpHeaderLength(s)
  const end = at + wireLength(ip) - 20
  const l = w.layer(id, 'TCP', depth, at, at + hlen)
  w.u16(at, s.sport)
  field(l, 'sport', String(s.sport), at, 2)
  w.u16(at + 2, s.dport)
  field(l, 'dport', String(s.dport), at + 2, 2)
  w.u32(at + 4, s.seq)
  field(l, 'seq', String(s.seq >>> 0), at + 4, 4)
  w.u32(at + 8, s.ack)
  field(l, 'ack', String(s.ack >>> 0), at + 8, 4)
  const f = s.flags
  const bits = (f.fin ? 1 : 0) | (f.syn ? 2 : 0) | (f.rst ? 4 : 0) | (f.psh ? 8 : 0) | (f.ack ? 16 : 0)
  w.u16(at + 12, ((hlen / 4) << 12) | bits)
  field(l, 'hlen', `${hlen} bytes (${hlen / 4})`, at + 12, 1)
  field(l, 'flags', `[${tcpFlagString(s)}] (${hex(bits, 3)})`, at + 12, 2)
  w.u16(at + 14, s.window)
  field(l, 'window', String(s.window), at + 14, 2)
  field(l, 'checksum', '', at + 16, 2)
  w.u16(at + 18, 0)
  field(l, 'urgent', '0', at + 18, 2)
  let o = at + 20
  const opt = (name: string, value: string, len: number) => {
    field(l, name, value, o, len)
    o += len
  }
  if (f.syn) {
    w.u8(o, 2), w.u8(o + 1, 4), w.u16(o + 2, 1460)
    opt('mss', '1460', 4)
    w.u8(o, 4), w.u8(o + 1, 2)
    opt('sackOK', '', 2)
    w.u8(o, 8), w.u8(o + 1, 10)
    opt('TS', 'val 0 ecr 0', 10)
    w.u8(o, 1)
    opt('nop', '', 1)
    w.u8(o, 3), w.u8(o + 1, 3), w.u8(o + 2, 7)
    opt('wscale', '7', 3)
  } else {
    w.u8(o, 1)
    opt('nop', '', 1)
    w.u8(o, 1)
    opt('nop', '', 1)
    w.u8(o, 8), w.u8(o + 1, 10)
    opt('TS', 'val 0 ecr 0', 10)
  }
  if (s.toa) {
    w.u8(o, TOA_KIND), w.u8(o + 1, 8), w.u16(o + 2, s.toa.port), w.u32(o + 4, s.toa.ip)
    opt('TOA', `${formatIp(s.toa.ip)}:${s.toa.port}`, 8)
  }
  data(w, s.data, at + hlen, end, depth + 1, `${id}.data`)
  w.u16(at + 16, checksum(w.bytes, at, end, pseudoSum(ip.src, ip.dst, PROTO_TCP, end - at)))
  l.fields.find((x) => x.name === 'checksum')!.value = hex((w.bytes[at + 16] << 8) | w.bytes[at + 17], 4)
}

function udp(w: Writer, ip: Ipv4Packet, u: UdpDatagram, at: number, depth: number, level: number): void {
  const len = wireLength(ip) - 20
  const l = w.layer(`udp${level}`, 'UDP', depth, at, at + 8)
  w.u16(at, u.sport)
  field(l, 'sport', String(u.sport), at, 2)
  w.u16(at + 2, u.dport)
  field(l, 'dport', String(u.dport), at + 2, 2)
  w.u16(at + 4, len)
  field(l, 'length', String(len), at + 4, 2)
  if (u.gue) {
    const g = w.layer(`gue${level}`, 'GUE', depth + 1, at + 8, at + 12)
    w.u8(at + 8, 0)
    field(g, 'flags', 'version 0, C 0, hlen 0', at + 8, 1)
    w.u8(at + 9, GUE_PROTO_IPIP)
    field(g, 'proto', 'IPIP (4)', at + 9, 1)
    w.u16(at + 10, 0)
    field(g, 'flags', '0x0000', at + 10, 2)
    ipv4(w, u.gue, at + 12, depth + 2, level - 1)
  } else data(w, u.data, at + 8, at + len, depth + 1, `udp${level}.data`)
  // A zero result is sent as 0xffff: 0 means "no checksum" in UDP over IPv4.
  w.u16(at + 6, checksum(w.bytes, at, at + len, pseudoSum(ip.src, ip.dst, PROTO_UDP, len)) || 0xffff)
  field(l, 'checksum', hex((w.bytes[at + 6] << 8) | w.bytes[at + 7], 4), at + 6, 2)
}

const ECHO_PAYLOAD_TIME = 16

function icmp(w: Writer, m: IcmpMessage, at: number, depth: number, id: string): void {
  const len = 8 + (m.original ? 28 : (m.size ?? 56))
  const l = w.layer(id, 'ICMP', depth, at, at + 8)
  w.u8(at, m.type)
  field(l, 'type', String(m.type), at, 1)
  w.u8(at + 1, m.code)
  field(l, 'code', String(m.code), at + 1, 1)
  field(l, 'checksum', '', at + 2, 2)
  if (m.original) {
    field(l, 'unused', '0', at + 4, 4)
    // The kernel quotes the offending packet's IP header and the first 8 bytes of what it carried.
    const quoted = emitIpv4(m.original)
    w.bytes.set(quoted.bytes.subarray(0, 28), at + 8)
    const q = w.layer(`${id}.quoted`, 'IPv4 (quoted)', depth + 1, at + 8, at + 36)
    const [qip, ql4] = quoted.layers
    for (const qf of qip.fields) q.fields.push({ ...qf, start: qf.start + at + 8, end: qf.end + at + 8 })
    for (const qf of ql4?.fields ?? []) if (qf.end <= 28) q.fields.push({ name: `${ql4.title.toLowerCase()} ${qf.name}`, value: qf.value, start: qf.start + at + 8, end: qf.end + at + 8 })
  } else {
    w.u16(at + 4, m.id ?? 0)
    field(l, 'id', String(m.id ?? 0), at + 4, 2)
    w.u16(at + 6, m.seq ?? 0)
    field(l, 'seq', String(m.seq ?? 0), at + 6, 2)
    // ping's payload: a timestamp (left as zeros here) then the bytes 0x10, 0x11, ...
    for (let i = ECHO_PAYLOAD_TIME; i < len - 8; i++) w.u8(at + 8 + i, i)
    if (len > 8) {
      const d = w.layer(`${id}.data`, 'Data', depth + 1, at + 8, at + len)
      field(d, 'data', `${len - 8} bytes`, at + 8, len - 8)
    }
  }
  w.u16(at + 2, checksum(w.bytes, at, at + len))
  l.fields.find((x) => x.name === 'checksum')!.value = hex((w.bytes[at + 2] << 8) | w.bytes[at + 3], 4)
}

function data(w: Writer, text: string, at: number, end: number, depth: number, id: string): void {
  if (end <= at) return
  w.bytes.set(new TextEncoder().encode(text).subarray(0, end - at), at)
  const l = w.layer(id, 'Data', depth, at, end)
  const line = text.split('\r\n')[0]
  field(l, 'data', `${end - at} bytes${line ? `: ${line.length > 60 ? `${line.slice(0, 60)}…` : line}` : ''}`, at, end - at)
}
