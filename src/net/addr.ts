// IPv4 addresses, prefixes and MAC addresses as plain values.
// An IPv4 address is an unsigned 32-bit number; a prefix is { addr, plen }. Parsing follows
// inet_aton's dotted-quad form only (what ip, nmcli and ipvsadm accept in the labs).

export type Ip = number
export type Mac = string

export interface Cidr {
  readonly addr: Ip
  readonly plen: number
}

export const BROADCAST_MAC: Mac = 'ff:ff:ff:ff:ff:ff'
export const ZERO_MAC: Mac = '00:00:00:00:00:00'

/**
 * A dotted quad: four dot-separated parts of one to three ASCII digits, each at most 255 (leading
 * zeros allowed). Read a character at a time: every curl of a loop parses its VIP, and splitting
 * it into strings and testing each with a RegExp was a per-request cost.
 */
export function parseIp(text: string): Ip | null {
  let value = 0
  let part = 0
  let digits = 0
  let dots = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 46) {
      if (digits === 0 || ++dots > 3) return null
      value = value * 256 + part
      part = 0
      digits = 0
    } else if (c >= 48 && c <= 57 && digits < 3) {
      part = part * 10 + (c - 48)
      digits++
      if (part > 255) return null
    } else return null
  }
  if (dots !== 3 || digits === 0) return null
  return (value * 256 + part) >>> 0
}

export function formatIp(ip: Ip): string {
  return `${ip >>> 24}.${(ip >>> 16) & 255}.${(ip >>> 8) & 255}.${ip & 255}`
}

export function maskOf(plen: number): number {
  return plen === 0 ? 0 : (0xffffffff << (32 - plen)) >>> 0
}

export function networkOf(ip: Ip, plen: number): Ip {
  return (ip & maskOf(plen)) >>> 0
}

export function broadcastOf(ip: Ip, plen: number): Ip {
  return (networkOf(ip, plen) | (~maskOf(plen) >>> 0)) >>> 0
}

export function inPrefix(ip: Ip, prefix: Cidr): boolean {
  return networkOf(ip, prefix.plen) === networkOf(prefix.addr, prefix.plen)
}

/** Parses `a.b.c.d/len`; a bare address is a /32 as in `ip addr add`. */
export function parseCidr(text: string): Cidr | null {
  const slash = text.indexOf('/')
  const addr = parseIp(slash < 0 ? text : text.slice(0, slash))
  if (addr === null) return null
  if (slash < 0) return { addr, plen: 32 }
  const lenText = text.slice(slash + 1)
  if (!/^\d{1,2}$/.test(lenText)) return null
  const plen = Number(lenText)
  return plen > 32 ? null : { addr, plen }
}

export function formatCidr(c: Cidr): string {
  return `${formatIp(c.addr)}/${c.plen}`
}

/** A host route or rule address as iptables, arptables and `ip route` print it: no /32. */
export function formatPrefix(c: Cidr): string {
  return c.plen === 32 ? formatIp(c.addr) : formatCidr(c)
}

export function isLoopback(ip: Ip): boolean {
  return ip >>> 24 === 127
}

/** Unicast in the kernel's sense for IPVS destinations: not 0.0.0.0, multicast or limited broadcast. */
export function isUnicast(ip: Ip): boolean {
  return ip !== 0 && ip !== 0xffffffff && (ip >>> 28) !== 0xe
}

/** Deterministic QEMU-style MAC (52:54:00:xx:xx:xx) from a small number. */
export function macFromIndex(index: number): Mac {
  const b = [(index >> 16) & 255, (index >> 8) & 255, index & 255]
  return ['52', '54', '00', ...b.map((x) => x.toString(16).padStart(2, '0'))].join(':')
}
