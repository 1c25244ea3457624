// The SIOCSIF* requests ifconfig makes, as devinet_ioctl() (net/ipv4/devinet.c, 5.14) answers
// them: an address is found by its label (`lo:0`), SIOCSIFADDR creates or replaces it with the
// classful prefix, SIOCSIFNETMASK/SIOCSIFBRDADDR rewrite it, and SIOCSIFFLAGS without IFF_UP on an
// alias deletes it. A primary address below /32 on a non-loopback device brings its prefix route.

import { broadcastOf, maskOf, networkOf, type Ip } from '../../../net/addr.ts'
import type { IfAddress, Iface } from '../../../host/iface.ts'
import type { Ipv4Stack } from '../../../host/ipv4.ts'
import { classfulLength, labelOf, maskLength, splitLabel } from '../net-tools.ts'

export type IoctlError = 'ENODEV' | 'EADDRNOTAVAIL' | 'EINVAL'

export const STRERROR: Record<IoctlError, string> = {
  ENODEV: 'No such device',
  EADDRNOTAVAIL: 'Cannot assign requested address',
  EINVAL: 'Invalid argument',
}

function find(ip: Ipv4Stack, name: string): { iface: Iface; addr: IfAddress | undefined } | IoctlError {
  const iface = ip.iface(splitLabel(name).dev)
  if (!iface) return 'ENODEV'
  return { iface, addr: iface.addrs.find((a) => labelOf(a, iface) === name) }
}

/** inet_del_ifa(): the address goes, and with it (fib_sync_down_addr) every route preferring it as source. */
function unlink(ip: Ipv4Stack, iface: Iface, a: IfAddress): void {
  iface.removeAddress(a.ip, a.plen)
  if (!ip.ifaces.some((i) => i.hasAddress(a.ip))) ip.routes.removeWhere((r) => r.src === a.ip)
}

function link(ip: Ipv4Stack, iface: Iface, a: Omit<IfAddress, 'secondary'>): void {
  iface.addAddress(a)
  const added = iface.addrs.find((x) => x.ip === a.ip && x.plen === a.plen)
  if (added && !added.secondary && a.plen < 32 && iface.kind !== 'loopback') {
    ip.routes.add({ dst: { addr: networkOf(a.ip, a.plen), plen: a.plen }, dev: iface.name, proto: 'kernel', scope: 'link', src: a.ip, owner: 'kernel' })
  }
}

const broadcasts = (i: Iface) => i.kind === 'ether'

export function setAddress(ip: Ipv4Stack, name: string, addr: Ip): IoctlError | null {
  const f = find(ip, name)
  if (typeof f === 'string') return f
  if (f.addr?.ip === addr) return null
  if (f.addr) unlink(ip, f.iface, f.addr)
  const plen = classfulLength(addr)
  link(ip, f.iface, {
    ip: addr, plen, brd: broadcasts(f.iface) && plen < 31 ? broadcastOf(addr, plen) : undefined, scope: addr >>> 24 === 127 ? 'host' : 'global',
    noprefixroute: false, owner: 'manual', label: name === f.iface.name ? undefined : name,
  })
  return null
}

export function setNetmask(ip: Ipv4Stack, name: string, mask: Ip): IoctlError | null {
  const f = find(ip, name)
  if (typeof f === 'string') return f
  const a = f.addr
  if (!a) return 'EADDRNOTAVAIL'
  const plen = maskLength(mask)
  if (plen === null) return 'EINVAL'
  if (plen === a.plen) return null
  unlink(ip, f.iface, a)
  const oldDefault = a.brd !== undefined && a.brd === (a.ip | ~maskOf(a.plen)) >>> 0
  const brd = broadcasts(f.iface) && plen < 31 && oldDefault ? broadcastOf(a.ip, plen) : a.brd
  link(ip, f.iface, { ip: a.ip, plen, brd, scope: a.scope, noprefixroute: a.noprefixroute, owner: a.owner, label: a.label })
  return null
}

export function setBroadcast(ip: Ipv4Stack, name: string, brd: Ip): IoctlError | null {
  const f = find(ip, name)
  if (typeof f === 'string') return f
  if (!f.addr) return 'EADDRNOTAVAIL'
  f.addr.brd = brd
  return null
}

/** SIOCSIFFLAGS: on a device it moves the link; on an alias only the absence of IFF_UP counts. */
export function setUp(ip: Ipv4Stack, name: string, up: boolean): IoctlError | null {
  const f = find(ip, name)
  if (typeof f === 'string') return f
  if (!splitLabel(name).alias) {
    f.iface.up = up
    return null
  }
  if (!f.addr) return 'EADDRNOTAVAIL'
  if (!up) unlink(ip, f.iface, f.addr)
  return null
}
