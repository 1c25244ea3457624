// The director's /proc/net files in the kernel's own formats: ip_vs (ip_vs_info_seq_show in
// ip_vs_ctl.c), ip_vs_conn (ip_vs_conn_seq_show in ip_vs_conn.c) and ip_vs_stats
// (ip_vs_stats_show): addresses and ports in hex, services then firewall-mark services, each with
// its real servers newest first, connections with the seconds left on their timer.

import { SECOND } from '../sim/engine.ts'
import type { Director } from './director.ts'
import { FWD_NAME } from './types.ts'

const hex = (n: number, w: number) => (n >>> 0).toString(16).toUpperCase().padStart(w, '0')
const left = (s: string | number, w: number) => String(s).padEnd(w)

export function procIpvs(dir: Director): string {
  const out = ['IP Virtual Server version 1.2.1 (size=4096)', 'Prot LocalAddress:Port Scheduler Flags', '  -> RemoteAddress:Port Forward Weight ActiveConn InActConn']
  const services = [...dir.services.filter((s) => !s.fwmark), ...dir.services.filter((s) => s.fwmark)]
  for (const s of services) {
    const ops = s.ops ? 'ops ' : ''
    let line = s.fwmark ? `FWM  ${hex(s.fwmark, 8)} ${s.scheduler} ${ops}` : `${s.proto.toUpperCase()}  ${hex(s.addr, 8)}:${hex(s.port, 4)} ${s.scheduler} ${ops}`
    if (s.persistent) line += `persistent ${s.timeout} ${hex(s.netmask, 8)}`
    out.push(line)
    for (const d of s.dests) out.push(`  -> ${hex(d.addr, 8)}:${hex(d.port, 4)}      ${left(FWD_NAME[d.fwd], 7)} ${left(d.weight, 6)} ${left(d.activeConns, 10)} ${left(d.inactConns, 10)}`)
  }
  return out.join('\n') + '\n'
}

export function procIpvsConn(dir: Director, now: number): string {
  const out = ['Pro FromIP   FPrt ToIP     TPrt DestIP   DPrt State       Expires PEName PEData']
  for (const c of dir.conns.all()) {
    const expires = Math.max(0, Math.floor((c.expires - now) / SECOND))
    out.push(`${left(c.proto, 3)} ${hex(c.caddr, 8)} ${hex(c.cport, 4)} ${hex(c.vaddr, 8)} ${hex(c.vport, 4)} ${hex(c.daddr, 8)} ${hex(c.dport, 4)} ${left(c.state, 11)} ${String(expires).padStart(7)}`)
  }
  return out.join('\n') + '\n'
}

export function procIpvsStats(dir: Director): string {
  // "%8LX %8LX %8LX %16LX %16LX": hex, padded with spaces (not zeros) to the column width.
  const x = (n: number, w: number) => Math.max(0, Math.floor(n)).toString(16).toUpperCase().padStart(w)
  const row = (v: { conns: number; inPkts: number; outPkts: number; inBytes: number; outBytes: number }) => `${x(v.conns, 8)} ${x(v.inPkts, 8)} ${x(v.outPkts, 8)} ${x(v.inBytes, 16)} ${x(v.outBytes, 16)}`
  return [
    '   Total Incoming Outgoing         Incoming         Outgoing',
    '   Conns  Packets  Packets            Bytes            Bytes',
    row(dir.total.counters),
    '',
    ' Conns/s   Pkts/s   Pkts/s          Bytes/s          Bytes/s',
    row(dir.total.rates),
    '',
  ].join('\n')
}
