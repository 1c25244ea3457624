// The IPv6 addresses a lab host shows, though it routes no IPv6: ::1 on lo, and on every ethernet
// device NetworkManager manages while it is up, the stable-privacy link-local NM derives from the
// machine's secret key (here a hash of host and device, fixed per machine) with noprefixroute.
// ip addr, ifconfig and /proc/net/if_inet6 all list them from here.

import type { Iface } from './iface.ts'

export interface Inet6Addr {
  /** As iproute2 prints it (RFC 5952 compressed). */
  text: string
  plen: number
  scope: 'host' | 'link'
  noprefixroute: boolean
}

/** A stable-privacy-looking IPv6 link-local address, fixed per host and interface. */
export function linkLocal(host: string, ifname: string): string {
  let h = 2166136261
  for (const c of `${host}/${ifname}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0
  const words: string[] = []
  for (let i = 0; i < 4; i++) {
    h = Math.imul(h ^ (h >>> 13), 0x5bd1e995) >>> 0
    words.push((h & 0xffff).toString(16))
  }
  return `fe80::${words.join(':')}`
}

const LOOPBACK: Inet6Addr = { text: '::1', plen: 128, scope: 'host', noprefixroute: false }

/** The device's IPv6 address, if it has one. */
export function inet6Of(i: Iface, hostname: string, managed: (dev: string) => boolean): Inet6Addr | null {
  if (i.kind === 'loopback') return LOOPBACK
  if (i.kind === 'ether' && i.up && managed(i.name)) return { text: linkLocal(hostname, i.name), plen: 64, scope: 'link', noprefixroute: true }
  return null
}

/** The 32 hex digits of an address written with `::` (what /proc/net/if_inet6 prints). */
export function hex128(text: string): string {
  const [head, tail] = text.includes('::') ? text.split('::') : [text, null]
  const words = (s: string) => (s ? s.split(':') : [])
  const h = words(head)
  const t = tail === null ? [] : words(tail)
  const all = [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t]
  return all.map((w) => w.padStart(4, '0')).join('')
}
