// Packets as tcpdump 4.99 prints them (`-n` style one-liners) and as a field list for the packet
// inspector. Both read the same reprs the hosts pass around.

import { formatIp, type Ip } from './addr.ts'
import { greHeaderLength, ICMP, ipLength, PROTO_GRE, quoteLength, tcpHeaderLength, type ArpPacket, type EthernetFrame, type Ipv4Packet, type TcpSegment } from './packet.ts'

export function tcpFlagString(seg: TcpSegment): string {
  const f = seg.flags
  let s = ''
  if (f.syn) s += 'S'
  if (f.fin) s += 'F'
  if (f.rst) s += 'R'
  if (f.psh) s += 'P'
  if (f.ack) s += '.'
  return s || 'none'
}

function endpoint(ip: Ip, port?: number): string {
  return port === undefined ? formatIp(ip) : `${formatIp(ip)}.${port}`
}

function icmpText(p: Ipv4Packet): string {
  const m = p.payload
  if (m.kind !== 'icmp') return ''
  if (m.type === ICMP.ECHO_REQUEST) return `ICMP echo request, id ${m.id}, seq ${m.seq}, length ${8 + (m.size ?? 56)}`
  if (m.type === ICMP.ECHO_REPLY) return `ICMP echo reply, id ${m.id}, seq ${m.seq}, length ${8 + (m.size ?? 56)}`
  if (m.type === ICMP.DEST_UNREACH && m.original) {
    const o = m.original
    const inner = o.payload
    const port = inner.kind === 'tcp' || inner.kind === 'udp' ? inner.dport : 0
    const proto = inner.kind === 'tcp' ? 'tcp' : inner.kind === 'udp' ? 'udp' : 'ip'
    const what: Record<number, string> = {
      [ICMP.PORT_UNREACH]: `${formatIp(o.dst)} ${proto} port ${port} unreachable`,
      [ICMP.HOST_UNREACH]: `host ${formatIp(o.dst)} unreachable`,
      [ICMP.NET_UNREACH]: `net ${formatIp(o.dst)} unreachable`,
      [ICMP.PROTO_UNREACH]: `${formatIp(o.dst)} protocol ${o.proto} unreachable`,
      [ICMP.ADMIN_PROHIBITED]: `host ${formatIp(o.dst)} unreachable - admin prohibited filter`,
    }
    return `ICMP ${what[m.code] ?? `unreachable code ${m.code}`}, length ${8 + quoteLength(o)}`
  }
  if (m.type === ICMP.TIME_EXCEEDED) return `ICMP time exceeded in-transit, length ${8 + (m.original ? quoteLength(m.original) : 28)}`
  return `ICMP type ${m.type}, length ${8 + (m.size ?? 0)}`
}

export function formatIpv4(p: Ipv4Packet): string {
  const l4 = p.payload
  switch (l4.kind) {
    case 'tcp': {
      const len = ipLength(p) - 20 - tcpHeaderLength(l4)
      let s = `IP ${endpoint(p.src, l4.sport)} > ${endpoint(p.dst, l4.dport)}: Flags [${tcpFlagString(l4)}]`
      if (l4.flags.syn || len > 0 || l4.flags.fin || l4.flags.rst) s += `, seq ${l4.seq}${len > 0 ? `:${l4.seq + len}` : ''}`
      if (l4.flags.ack) s += `, ack ${l4.ack}`
      s += `, win ${l4.window}, length ${len}`
      if (len > 0 && /^(GET|HEAD|POST) /.test(l4.data)) s += `: HTTP: ${l4.data.split('\r\n')[0]}`
      else if (len > 0 && l4.data.startsWith('HTTP/')) s += `: HTTP: ${l4.data.split('\r\n')[0]}`
      return s
    }
    case 'udp':
      return `IP ${endpoint(p.src, l4.sport)} > ${endpoint(p.dst, l4.dport)}: UDP, length ${ipLength(p) - 28}${l4.gue ? `: ${formatIpv4(l4.gue)}` : ''}`
    case 'icmp':
      return `IP ${formatIp(p.src)} > ${formatIp(p.dst)}: ${icmpText(p)}`
    case 'ipv4':
      // The lab's GRE tunnels carry no checksum (ip_gre without `csum`): the 4-byte base header.
      return p.proto === PROTO_GRE ? `IP ${formatIp(p.src)} > ${formatIp(p.dst)}: GREv0, length ${ipLength(l4) + greHeaderLength(false)}: ${formatIpv4(l4)}` : `IP ${formatIp(p.src)} > ${formatIp(p.dst)}: ${formatIpv4(l4)}`
  }
}

export function formatArp(a: ArpPacket): string {
  return a.op === 'request'
    ? `ARP, Request who-has ${formatIp(a.tpa)} tell ${formatIp(a.spa)}, length 28`
    : `ARP, Reply ${formatIp(a.spa)} is-at ${a.sha}, length 28`
}

export function formatFrame(f: EthernetFrame, withLink = false): string {
  const body = f.payload.kind === 'arp' ? formatArp(f.payload) : formatIpv4(f.payload)
  if (!withLink) return body
  const type = f.payload.kind === 'arp' ? 'ARP (0x0806)' : 'IPv4 (0x0800)'
  const len = f.payload.kind === 'arp' ? 42 : 14 + ipLength(f.payload)
  return `${f.src} > ${f.dst}, ethertype ${type}, length ${len}: ${body.replace(/^IP /, '')}`
}

export interface Field {
  layer: 'Ethernet' | 'ARP' | 'IPv4' | 'Inner IPv4' | 'TCP' | 'UDP' | 'ICMP'
  name: string
  value: string
}

/** Flat field list, outermost layer first: what the packet inspector shows and diffs. */
export function fields(f: EthernetFrame): Field[] {
  const out: Field[] = [
    { layer: 'Ethernet', name: 'src', value: f.src },
    { layer: 'Ethernet', name: 'dst', value: f.dst },
  ]
  const p = f.payload
  if (p.kind === 'arp') {
    out.push(
      { layer: 'ARP', name: 'op', value: p.op },
      { layer: 'ARP', name: 'sender', value: `${formatIp(p.spa)} ${p.sha}` },
      { layer: 'ARP', name: 'target', value: `${formatIp(p.tpa)} ${p.tha}` },
    )
    return out
  }
  ipFields(p, 'IPv4', out)
  return out
}

function ipFields(p: Ipv4Packet, layer: 'IPv4' | 'Inner IPv4', out: Field[]): void {
  out.push(
    { layer, name: 'src', value: formatIp(p.src) },
    { layer, name: 'dst', value: formatIp(p.dst) },
    { layer, name: 'ttl', value: String(p.ttl) },
    { layer, name: 'proto', value: String(p.proto) },
    { layer, name: 'length', value: String(ipLength(p)) },
  )
  const l4 = p.payload
  if (l4.kind === 'ipv4') return ipFields(l4, 'Inner IPv4', out)
  if (l4.kind === 'tcp') {
    out.push(
      { layer: 'TCP', name: 'sport', value: String(l4.sport) },
      { layer: 'TCP', name: 'dport', value: String(l4.dport) },
      { layer: 'TCP', name: 'flags', value: `[${tcpFlagString(l4)}]` },
      { layer: 'TCP', name: 'seq', value: String(l4.seq) },
      { layer: 'TCP', name: 'ack', value: String(l4.ack) },
    )
  } else if (l4.kind === 'udp') {
    out.push({ layer: 'UDP', name: 'sport', value: String(l4.sport) }, { layer: 'UDP', name: 'dport', value: String(l4.dport) })
  } else {
    out.push({ layer: 'ICMP', name: 'type', value: String(l4.type) }, { layer: 'ICMP', name: 'code', value: String(l4.code) })
  }
}
