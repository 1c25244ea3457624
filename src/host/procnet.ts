// /proc/net of one host: files generated when read, as the kernel's seq_file handlers do. The host
// serves `route` (fib_route_seq_show: the main table, addresses as the raw __be32 printed on a
// little-endian CPU, each line padded to 127 columns) and `dev` (dev_seq_show); a module that owns
// other files (ip_vs) registers them when it loads and they vanish with it.

import { maskOf, type Ip } from '../net/addr.ts'
import type { Mount } from './fs.ts'
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

/** The mount: a flat directory of generated, read-only files. */
export function procNetMount(files: Map<string, ProcFile>): Mount {
  return {
    read: (rel) => files.get(rel)?.() ?? null,
    write: (rel) => (files.has(rel) ? 'einval' : 'enoent'),
    list: (rel) => (rel === '' ? [...files.keys()].sort() : null),
    isDir: (rel) => rel === '',
  }
}
