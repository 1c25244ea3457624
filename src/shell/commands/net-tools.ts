// What the net-tools programs (ifconfig, route, netstat, arp) share: interface names with their
// aliases as lib/interface.c lists them (sorted by nstrcmp), the kernel's ifa_label rule (an
// address belongs to the alias `eth0:1` when its label says so), dotted masks and the classful
// prefix SIOCSIFADDR gives a new address (inet_abc_len).

import { formatIp, maskOf, type Ip } from '../../net/addr.ts'
import { Names } from '../../host/names.ts'
import type { Route } from '../../host/routes.ts'
import type { CommandContext } from './types.ts'
import type { IfAddress, Iface } from '../../host/iface.ts'
import type { Ipv4Stack } from '../../host/ipv4.ts'

/** One line of `ifconfig`: a device, or one of its labelled aliases. */
export interface IfEntry {
  name: string
  iface: Iface
  /** The first address whose label is this name (SIOCGIFADDR), if any. */
  addr: IfAddress | undefined
  alias: boolean
}

export function labelOf(a: IfAddress, i: Iface): string {
  return a.label ?? i.name
}

/** nstrcmp: names compared with their digit runs as numbers, so eth2 sorts before eth10. */
export function nstrcmp(a: string, b: string): number {
  const re = /(\d+)|(\D+)/g
  const pa = a.match(re) ?? []
  const pb = b.match(re) ?? []
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]
    const y = pb[i]
    if (x === y) continue
    if (/^\d/.test(x) && /^\d/.test(y)) return Number(x) - Number(y) || (x < y ? -1 : 1)
    return x < y ? -1 : 1
  }
  return pa.length - pb.length
}

export function entries(ip: Ipv4Stack): IfEntry[] {
  const out: IfEntry[] = []
  for (const i of ip.ifaces) {
    out.push({ name: i.name, iface: i, addr: i.addrs.find((a) => labelOf(a, i) === i.name), alias: false })
    for (const a of i.addrs) {
      const label = labelOf(a, i)
      if (label !== i.name && !out.some((e) => e.name === label)) out.push({ name: label, iface: i, addr: a, alias: true })
    }
  }
  return out.sort((x, y) => nstrcmp(x.name, y.name))
}

/** The device a name (`lo:0`) lives on, and the alias part. */
export function splitLabel(name: string): { dev: string; alias: boolean } {
  const c = name.indexOf(':')
  return c < 0 ? { dev: name, alias: false } : { dev: name.slice(0, c), alias: true }
}

export function dotted(plen: number): string {
  return formatIp(maskOf(plen))
}

/** A contiguous mask's prefix length, or null (`255.0.255.0`). */
export function maskLength(mask: Ip): number | null {
  const inv = ~mask >>> 0
  if ((inv & (inv + 1)) !== 0) return null
  let n = 0
  for (let m = mask >>> 0; m & 0x80000000; m = (m << 1) >>> 0) n++
  return n
}

/** inet_abc_len(): the prefix a bare SIOCSIFADDR gives, by the address's class. */
export function classfulLength(ip: Ip): number {
  if (ip === 0) return 0
  const top = ip >>> 24
  if (top < 128) return 8
  if (top < 192) return 16
  if (top < 224) return 24
  return 32
}

/** The kernel's interface flag word (if.h): what ifconfig prints as flags=N<…>. */
export const IFF = { UP: 0x1, BROADCAST: 0x2, LOOPBACK: 0x8, RUNNING: 0x40, NOARP: 0x80, MULTICAST: 0x1000 }

export function flagWord(i: Iface): number {
  let f = 0
  if (i.kind === 'ether') f |= IFF.BROADCAST | IFF.MULTICAST
  if (i.kind === 'loopback') f |= IFF.LOOPBACK
  if (i.kind === 'ipip') f |= IFF.NOARP
  if (i.up) f |= IFF.UP | IFF.RUNNING
  return f
}

function routeFlags(r: Route): string {
  return `U${r.via !== undefined ? 'G' : ''}${r.dst.plen === 32 ? 'H' : ''}`
}

/**
 * rprint_fib() (lib/inet_gr.c), shared by `route` and `netstat -r`: the main table in one of its
 * three layouts (ext 1 Metric/Ref/Use, 2 MSS/Window/irtt, 3 both). Without -n the default route is
 * `default`, hosts resolve from /etc/hosts and the default gateway is `_gateway` (nss-myhostname).
 */
export function routeTable(ctx: CommandContext, numeric: boolean, ext: 1 | 2 | 3): string {
  const ip = ctx.host.ip
  const names = new Names(ctx.host.fs)
  const gateways = new Set(ip.routes.routes.filter((r) => r.dst.plen === 0 && r.via !== undefined).map((r) => r.via!))
  const name = (addr: Ip, isDst: boolean, hostRoute: boolean): string => {
    if (numeric) return formatIp(addr)
    if (addr === 0) return isDst ? 'default' : '0.0.0.0'
    if (!isDst || hostRoute || (addr & 0xff) !== 0) return names.hostName(addr) ?? (!isDst && gateways.has(addr) ? '_gateway' : formatIp(addr))
    return formatIp(addr)
  }
  const heads = {
    1: 'Destination     Gateway         Genmask         Flags Metric Ref    Use Iface',
    2: 'Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface',
    3: 'Destination     Gateway         Genmask         Flags Metric Ref    Use Iface    MSS   Window irtt',
  }
  let out = `Kernel IP routing table\n${heads[ext]}\n`
  for (const r of ip.routes.sorted()) {
    if (!ip.isUp(r.dev)) continue
    const lead = `${name(r.dst.addr, true, r.dst.plen === 32).slice(0, 15).padEnd(15)} ${name(r.via ?? 0, false, true).slice(0, 15).padEnd(15)} ${dotted(r.dst.plen).padEnd(15)} ${routeFlags(r).padEnd(5)}`
    const metric = String(r.metric ?? 0).padEnd(6)
    if (ext === 1) out += `${lead} ${metric} ${'0'.padEnd(2)} ${'0'.padStart(7)} ${r.dev}\n`
    else if (ext === 2) out += `${lead} ${'0'.padStart(5)} ${'0'.padEnd(5)} ${'0'.padStart(6)} ${r.dev}\n`
    else out += `${lead} ${metric} ${'0'.padEnd(3)} ${'0'.padStart(6)} ${r.dev.slice(0, 6).padEnd(6)}   ${'0'.padEnd(5)} ${'0'.padEnd(6)} 0\n`
  }
  return out
}
