// Tunnelling, `-i` / Tunnel (ip_vs_tunnel_xmit): the request is wrapped in a new IPv4 header
// (protocol 4, IPIP) from the director's address toward the real server to the real server; the
// inner packet keeps CIP -> VIP. The real server decapsulates it on tunl0.

import { formatIp } from '../../net/addr.ts'
import { PROTO_IPIP, type Ipv4Packet } from '../../net/packet.ts'
import type { Xmit } from './xmit.ts'

export const tunnel: Xmit = (ctx, conn, pkt) => {
  const inner = { ...pkt, ttl: pkt.ttl - 1 }
  const ip = ctx.host.ip
  const src = ip.sourceFor(conn.daddr) ?? 0
  const outer: Ipv4Packet = { kind: 'ipv4', uid: pkt.uid, src, dst: conn.daddr, ttl: inner.ttl, id: ip.nextIpId(), proto: PROTO_IPIP, payload: inner }
  ctx.rewrite(pkt, outer, 'ipvs.tunnel', `IPVS TUN: packet encapsulated in IPIP ${formatIp(src)} -> ${formatIp(conn.daddr)}`)
  ip.output(outer)
}
