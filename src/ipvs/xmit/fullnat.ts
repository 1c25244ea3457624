// FULLNAT, `-b` / FullNat, as DPVS does it (not in the mainline kernel): the request leaves from
// one of the service's local addresses (LIP, round robin) on a free local port, to the real server:
// CIP:cport -> VIP:vport becomes LIP:lport -> RIP:rport, and the client's address rides along in
// the TOA TCP option of the SYN and the packets that acknowledge only the server's SYN. Replies come back to the LIP by plain routing and are rewritten back to
// VIP:vport -> CIP:cport (director.ts), so the real servers need no special gateway.

import { formatIp } from '../../net/addr.ts'
import type { TcpSegment } from '../../net/packet.ts'
import type { Xmit } from './xmit.ts'
import type { Director } from '../director.ts'

/**
 * Which client packets DPVS puts the TOA option into (tcp_fnat_in_handler): the SYN, then every
 * packet that is not SYN, FIN or RST and still acknowledges only the server's SYN (ack = the
 * server's ISN + 1): the handshake's ACK, where toa.ko reads it, and data sent before the server's
 * first byte. Later packets go without it.
 */
function carriesToa(seg: TcpSegment, serverIsn: number | undefined): boolean {
  if (seg.flags.syn) return !seg.flags.ack
  if (seg.flags.fin || seg.flags.rst || serverIsn === undefined) return false
  return seg.ack === ((serverIsn + 1) >>> 0)
}

export function fullnatFor(director: () => Director): Xmit {
  return (ctx, conn, pkt, meta) => {
    const l4 = pkt.payload
    if (l4.kind !== 'tcp' && l4.kind !== 'udp') return
    const svc = conn.svc
    if (conn.laddr === undefined) {
      if (!svc.laddrs.length) {
        ctx.host.ip.trace('ipvs.no_laddr', `${ctx.host.hostname}: FULLNAT service ${formatIp(svc.addr)}:${svc.port} has no local address (ipvsadm --add-laddr -z LIP -t VIP:PORT -F IFACE)`, pkt, { svc: `${formatIp(svc.addr)}:${svc.port}` })
        return
      }
      const la = svc.laddrs[svc.laddrCursor++ % svc.laddrs.length]
      let lport = 0
      for (let tries = 0; tries < 64; tries++) {
        lport = ctx.host.engine.rng.int(1025, 65535)
        if (!director().conns.localPortInUse(conn.proto, conn.daddr, conn.dport, la.addr, lport)) break
      }
      la.conns++
      director().conns.setLocal(conn, la.addr, lport)
    }
    const toa = l4.kind === 'tcp' && carriesToa(l4, conn.serverIsn) ? { ip: conn.caddr, port: conn.cport } : undefined
    const payload = l4.kind === 'tcp' ? { ...l4, sport: conn.lport!, dport: conn.dport, ...(toa ? { toa } : {}) } : { ...l4, sport: conn.lport!, dport: conn.dport }
    const out = { ...pkt, src: conn.laddr!, dst: conn.daddr, payload }
    if (ctx.traced) ctx.rewrite(pkt, out, 'ipvs.fullnat', () => `FULLNAT: ${formatIp(pkt.src)}:${l4.sport} -> ${formatIp(pkt.dst)}:${l4.dport} rewritten to ${formatIp(conn.laddr!)}:${conn.lport} -> ${formatIp(conn.daddr)}:${conn.dport}${toa ? ' (TOA carries the client address)' : ''}`)
    ctx.host.ip.output(out, { meta })
  }
}
