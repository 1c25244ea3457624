// tcpdump's capture filter (pcap-filter(7)) for the primitives the labs use: [src|dst] host ADDR,
// [src|dst] net CIDR, [src|dst] port N, tcp, udp, icmp, arp, ip, [ip] proto N, combined with
// and/or/not (&&, ||, !) and parentheses, juxtaposition meaning `and`. Compiled to a predicate
// over a packet's octets, so a live capture and `-r FILE` filter alike; like BPF it looks at the
// outermost IPv4 header only (an IPIP packet is `ip proto 4`, not `tcp`).

import { inPrefix, parseCidr, parseIp } from '../../../net/addr.ts'
import { LINKTYPE } from '../../../net/pcap.ts'

/** The fields a filter reads, from the first network header of a packet. */
export interface Headers {
  readonly arp?: { readonly spa: number; readonly tpa: number }
  readonly ip?: { readonly src: number; readonly dst: number; readonly proto: number; readonly sport?: number; readonly dport?: number }
}

export type Predicate = (h: Headers) => boolean

const PROTOS: ReadonlyMap<string, number> = new Map([
  ['icmp', 1],
  ['igmp', 2],
  ['tcp', 6],
  ['udp', 17],
  ['gre', 47],
])

const be16 = (b: Uint8Array, at: number) => (b[at] << 8) | b[at + 1]
const be32 = (b: Uint8Array, at: number) => ((be16(b, at) << 16) | be16(b, at + 2)) >>> 0

/** Reads the headers a filter needs from one record of a savefile of this link type. */
export function headers(linktype: number, b: Uint8Array): Headers {
  let type = 0x0800
  let at = 0
  if (linktype === LINKTYPE.EN10MB) {
    if (b.length < 14) return {}
    type = be16(b, 12)
    at = 14
  } else if (linktype === LINKTYPE.LINUX_SLL2) {
    if (b.length < 20) return {}
    type = be16(b, 0)
    at = 20
  } else if (linktype === LINKTYPE.LINUX_SLL) {
    if (b.length < 16) return {}
    type = be16(b, 14)
    at = 16
  }
  if (type === 0x0806 && b.length >= at + 28) return { arp: { spa: be32(b, at + 14), tpa: be32(b, at + 24) } }
  if (type !== 0x0800 || b.length < at + 20 || b[at] >> 4 !== 4) return {}
  const hlen = (b[at] & 15) * 4
  const proto = b[at + 9]
  const ip = { src: be32(b, at + 12), dst: be32(b, at + 16), proto }
  const l4 = at + hlen
  const fragment = (be16(b, at + 6) & 0x1fff) !== 0
  if ((proto === 6 || proto === 17) && !fragment && b.length >= l4 + 4) return { ip: { ...ip, sport: be16(b, l4), dport: be16(b, l4 + 2) } }
  return { ip }
}

type Dir = 'src' | 'dst' | null

function pick<T>(dir: Dir, a: T | undefined, b: T | undefined, test: (x: T) => boolean): boolean {
  if (dir === 'src') return a !== undefined && test(a)
  if (dir === 'dst') return b !== undefined && test(b)
  return (a !== undefined && test(a)) || (b !== undefined && test(b))
}

const SYNTAX = "can't parse filter expression: syntax error"

/**
 * Parses a filter; a string is tcpdump's message for a bad one. `resolve` looks a host name up
 * (/etc/hosts), `service` a port name (/etc/services).
 */
export function compileFilter(words: string[], resolve: (name: string) => number | null, service: (name: string) => number | null = () => null): Predicate | string {
  // pcap-filter's lexer splits parentheses and `!` off words, so `(port 80)` and `!arp` work.
  const tokens = words.join(' ').replace(/([()])/g, ' $1 ').replace(/(^|\s)!(?!=)/g, '$1 ! ').split(/\s+/).filter(Boolean)
  let i = 0
  const peek = () => tokens[i]
  const next = () => tokens[i++]
  const host = (dir: Dir, a: string): Predicate | string => {
    const addr = parseIp(a) ?? resolve(a)
    if (addr === null) return `can't resolve host \`${a}'`
    return (h) => (h.arp ? pick(dir, h.arp.spa, h.arp.tpa, (x) => x === addr) : !!h.ip && pick(dir, h.ip.src, h.ip.dst, (x) => x === addr))
  }
  const primitive = (): Predicate | string => {
    const w = next()
    if (w === undefined) return SYNTAX
    if (w === 'not' || w === '!') {
      const inner = primitive()
      return typeof inner === 'string' ? inner : (h) => !inner(h)
    }
    if (w === '(') {
      const inner = alternatives()
      if (typeof inner === 'string') return inner
      return next() === ')' ? inner : SYNTAX
    }
    let dir: Dir = null
    let kw = w
    if (w === 'src' || w === 'dst') {
      dir = w
      kw = next() ?? ''
    }
    if (kw === 'host') return host(dir, next() ?? '')
    if (kw === 'net') {
      const n = parseCidr(next() ?? '')
      if (!n) return SYNTAX
      return (h) => (h.arp ? pick(dir, h.arp.spa, h.arp.tpa, (x) => inPrefix(x, n)) : !!h.ip && pick(dir, h.ip.src, h.ip.dst, (x) => inPrefix(x, n)))
    }
    if (kw === 'port') {
      const word = next()
      if (word === undefined) return SYNTAX
      const port = /^\d+$/.test(word) ? Number(word) : service(word)
      if (port === null || port > 65535) return /^\d+$/.test(word) ? `illegal port number ${word} > 65535` : `unknown port '${word}'`
      return (h) => !!h.ip && pick(dir, h.ip.sport, h.ip.dport, (x) => x === port)
    }
    if (dir) return host(dir, kw)
    if (kw === 'arp') return (h) => !!h.arp
    if (kw === 'ip') {
      if (peek() !== 'proto') return (h) => !!h.ip
      next()
      kw = 'proto'
    }
    if (kw === 'proto') {
      const word = next() ?? ''
      const n = /^\d+$/.test(word) ? Number(word) : (PROTOS.get(word) ?? null)
      if (n === null) return SYNTAX
      return (h) => h.ip?.proto === n
    }
    const proto = PROTOS.get(kw)
    if (proto !== undefined) return (h) => h.ip?.proto === proto
    if (parseIp(kw) !== null) return host(null, kw)
    if (resolve(kw) !== null) return host(null, kw)
    return SYNTAX
  }
  // pcap-filter(7): `and` and `or` bind equally and associate left to right; a primitive that
  // follows another without either (`tcp port 80`) is joined by `and`.
  const alternatives = (): Predicate | string => {
    let left = primitive()
    while (typeof left !== 'string' && peek() !== undefined && peek() !== ')') {
      const op = peek() === 'or' || peek() === '||' ? 'or' : 'and'
      if (['and', '&&', 'or', '||'].includes(peek()!)) next()
      const right = primitive()
      if (typeof right === 'string') return right
      const l = left
      left = op === 'or' ? (h) => l(h) || right(h) : (h) => l(h) && right(h)
    }
    return left
  }
  if (!tokens.length) return () => true
  const p = alternatives()
  if (typeof p === 'string') return p
  if (i < tokens.length) return SYNTAX
  return p
}
