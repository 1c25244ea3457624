// Direct routing, `-g` / Route (ip_vs_dr_xmit): the IP packet is untouched but for TTL; only the
// Ethernet destination changes, to the real server's MAC. The real server must hold the VIP itself
// (on lo) and answer the client directly.

import { formatIp } from '../../net/addr.ts'
import type { Xmit } from './xmit.ts'

export const droute: Xmit = (ctx, conn, pkt, meta) => {
  const out = { ...pkt, ttl: pkt.ttl - 1 }
  if (ctx.traced) ctx.rewrite(pkt, out, 'ipvs.droute', () => `IPVS DR: packet for ${formatIp(pkt.dst)} unchanged; the frame goes to real server ${formatIp(conn.daddr)}'s MAC`)
  ctx.host.ip.output(out, { via: conn.daddr, meta })
}
