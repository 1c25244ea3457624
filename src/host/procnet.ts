// /proc/net of one host: files generated when read, as the kernel's seq_file handlers do. The host
// serves `route` (fib_route_seq_show: the main table, addresses as the raw __be32 printed on a
// little-endian CPU, each line padded to 127 columns), `dev` (dev_seq_show), `arp`
// (arp_seq_show) and `if_inet6` (if6_seq_show); a module that owns other files (ip_vs)
// registers them when it loads and they vanish with it.

import { formatIp, maskOf, type Ip } from '../net/addr.ts'
import type { Mount } from './fs.ts'
import { hex128, inet6Of } from './inet6.ts'
import type { Ipv4Stack } from './ipv4.ts'

export type ProcFile = () => string

/** A 32-bit address as %08X of its network-order bytes read little-endian (x86). */
export function leHex(ip: Ip): string {
  const b = [(ip >>> 24) & 255, (ip >>> 16) & 255, (ip >>> 8) & 255, ip & 255]
  return b.reverse().map((x) => x.toString(16).toUpperCase().padStart(2, '0')).join('')
}

const RTF_UP = 0x1
const RTF_GATEWAY = 0x2
const RTF_HOST = 0x4

export function procRoute(ip: Ipv4Stack): string {
  const lines = ['Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT']
  for (const r of ip.routes.sorted()) {
    if (!ip.isUp(r.dev)) continue
    const flags = RTF_UP | (r.via !== undefined ? RTF_GATEWAY : 0) | (r.dst.plen === 32 ? RTF_HOST : 0)
    lines.push(`${r.dev}\t${leHex(r.dst.addr)}\t${leHex(r.via ?? 0)}\t${flags.toString(16).toUpperCase().padStart(4, '0')}\t0\t0\t${r.metric ?? 0}\t${leHex(maskOf(r.dst.plen))}\t0\t0\t0`)
  }
  return lines.map((l) => l.padEnd(127) + '\n').join('')
}

export function procDev(ip: Ipv4Stack): string {
  const out = ['Inter-|   Receive                                                |  Transmit', ' face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed']
  const n = (v: number, w: number) => String(v).padStart(w)
  for (const i of ip.ifaces) {
    const s = i.stats
    out.push(`${i.name.padStart(6)}: ${n(s.rxBytes, 7)} ${n(s.rxPackets, 7)} ${n(0, 4)} ${n(s.rxDropped, 4)} ${n(0, 4)} ${n(0, 5)} ${n(0, 10)} ${n(0, 9)} ${n(s.txBytes, 8)} ${n(s.txPackets, 7)} ${n(0, 4)} ${n(s.txDropped, 4)} ${n(0, 4)} ${n(0, 5)} ${n(0, 7)} ${n(0, 10)}`)
  }
  return out.join('\n') + '\n'
}

const ATF_COM = 0x2
const ATF_PERM = 0x4

/**
 * arp_format_neigh_entry: "%-16s 0x%-10x0x%-10x%-17s     *        %s", hardware type 1 (ether),
 * flags ATF_COM for a valid entry (reachable, stale, delay, probe), with ATF_PERM for a permanent
 * one, 0 and a zero address while it is being resolved or has failed.
 */
export function procArp(ip: Ipv4Stack): string {
  let out = 'IP address       HW type     Flags       HW address            Mask     Device\n'
  for (const n of ip.neigh.values()) {
    const valid = n.mac !== null && n.state !== 'INCOMPLETE' && n.state !== 'FAILED'
    const flags = valid ? ATF_COM | (n.state === 'PERMANENT' ? ATF_PERM : 0) : 0
    out += `${formatIp(n.ip).padEnd(16)} 0x${'1'.padEnd(10)}0x${flags.toString(16).padEnd(10)}${(valid ? n.mac! : '00:00:00:00:00:00').padEnd(17)}     *        ${n.dev}\n`
  }
  return out
}

const IFA_F_PERMANENT = 0x80

/** if6_seq_show: "%pi6 %02x %02x %02x %02x %8s" (address, ifindex, prefix length, scope, flags). */
export function procIfInet6(ip: Ipv4Stack, hostname: string, managed: (dev: string) => boolean): string {
  let out = ''
  for (const i of ip.ifaces) {
    const a = inet6Of(i, hostname, managed)
    if (!a) continue
    const hex = (v: number) => v.toString(16).padStart(2, '0')
    out += `${hex128(a.text)} ${hex(i.index)} ${hex(a.plen)} ${hex(a.scope === 'host' ? 0x10 : 0x20)} ${hex(IFA_F_PERMANENT)} ${i.name.padStart(8)}\n`
  }
  return out
}

/** The mount: a flat directory of generated, read-only files. */
export function procNetMount(files: Map<string, ProcFile>): Mount {
  return {
    read: (rel) => files.get(rel)?.() ?? null,
    write: (rel) => (files.has(rel) ? 'einval' : 'enoent'),
    list: (rel) => (rel === '' ? [...files.keys()].sort() : null),
    isDir: (rel) => rel === '',
  }
}
