// NAT, `-m` / Masq (ip_vs_nat_xmit): the request's destination address and port become the real
// server's; the reply is rewritten back in the FORWARD hook (see director.ts), which is why NAT
// needs net.ipv4.ip_forward = 1 and the real servers' route back through the director.

import { formatIp } from '../../net/addr.ts'
import type { Xmit } from './xmit.ts'

export const masq: Xmit = (ctx, conn, pkt, meta) => {
  const l4 = pkt.payload
  const payload = l4.kind === 'tcp' || l4.kind === 'udp' ? { ...l4, dport: conn.dport } : l4
  const out = { ...pkt, dst: conn.daddr, ttl: pkt.ttl - 1, payload }
  if (ctx.traced) ctx.rewrite(pkt, out, 'ipvs.masq', () => `IPVS NAT: destination ${formatIp(pkt.dst)}:${conn.vport} rewritten to real server ${formatIp(conn.daddr)}:${conn.dport}`)
  ctx.host.ip.output(out, { meta })
}
