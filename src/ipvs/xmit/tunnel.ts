// Tunnelling, `-i` / Tunnel (ip_vs_tunnel_xmit): the request is wrapped in a new IPv4 header from
// the director's address toward the real server; the inner packet keeps CIP -> VIP. By tunnel type:
// ipip (protocol 4, decapsulated on tunl0), gre (protocol 47, on gre0 with ip_gre) or gue (UDP to
// --tun-port, decapsulated by a `ip fou add port P gue` receiver into the ipip handler).

import { formatIp } from '../../net/addr.ts'
import { PROTO_GRE, PROTO_IPIP, PROTO_UDP, type Ipv4Packet } from '../../net/packet.ts'
import type { Xmit } from './xmit.ts'

export const tunnel: Xmit = (ctx, conn, pkt, meta) => {
  const inner = { ...pkt, ttl: pkt.ttl - 1 }
  const ip = ctx.host.ip
  const src = ip.sourceFor(conn.daddr) ?? 0
  const d = conn.dest
  const id = ip.nextIpId()
  // Written out whole, in the field order every packet has, rather than spread from a shared base:
  // one allocation and one object shape per encapsulated request.
  let outer: Ipv4Packet
  if (d.tunType === 'gue') {
    // The source port is a flow hash in the local port range, as the kernel's udp_flow_src_port.
    const sport = 32768 + ((inner.src ^ inner.dst ^ (inner.payload.kind === 'tcp' ? inner.payload.sport : 0)) >>> 0) % 28232
    outer = { kind: 'ipv4', uid: pkt.uid, src, dst: conn.daddr, ttl: inner.ttl, id, proto: PROTO_UDP, payload: { kind: 'udp', sport, dport: d.tunPort, data: '', gue: inner } }
  } else outer = { kind: 'ipv4', uid: pkt.uid, src, dst: conn.daddr, ttl: inner.ttl, id, proto: d.tunType === 'gre' ? PROTO_GRE : PROTO_IPIP, payload: inner }
  if (ctx.traced) {
    const how = d.tunType === 'gue' ? `GUE (UDP port ${d.tunPort})` : d.tunType === 'gre' ? 'GRE' : 'IPIP'
    ctx.rewrite(pkt, outer, 'ipvs.tunnel', () => `IPVS TUN: packet encapsulated in ${how} ${formatIp(src)} -> ${formatIp(conn.daddr)}`, { how })
  }
  ip.output(outer, { meta })
}
