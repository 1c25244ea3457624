// tcpdump's capture filter (pcap-filter(7)) for the primitives the labs use: [src|dst] host ADDR,
// [src|dst] net CIDR, [src|dst] port N, tcp, udp, icmp, arp, ip, [ip] proto N, and relations over
// packet bytes (`tcp[tcpflags] & tcp-syn != 0`, `ip[8] < 64`, `len > 100`), combined with
// and/or/not (&&, ||, !) and parentheses, juxtaposition meaning `and`. Compiled to a predicate
// over a packet's octets, so a live capture and `-r FILE` filter alike; like BPF it looks at the
// outermost IPv4 header only (an IPIP packet is `ip proto 4`, not `tcp`).

import { inPrefix, parseCidr, parseIp } from '../../../net/addr.ts'
import { LINKTYPE } from '../../../net/pcap.ts'

/** The fields a filter reads, from the first network header of a packet, and where they are. */
export interface Headers {
  readonly arp?: { readonly spa: number; readonly tpa: number }
  readonly ip?: { readonly src: number; readonly dst: number; readonly proto: number; readonly sport?: number; readonly dport?: number }
  /** The captured octets, the length on the wire (BPF's `len`), the offsets of the network and
   *  (unfragmented) transport headers. */
  readonly bytes?: Uint8Array
  readonly len?: number
  readonly net?: number
  readonly l4?: number
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
export function headers(linktype: number, b: Uint8Array, len = b.length): Headers {
  const h = fields(linktype, b)
  return h.bytes ? { ...h, len } : h
}

function fields(linktype: number, b: Uint8Array): Headers {
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
  if (type === 0x0806 && b.length >= at + 28) return { arp: { spa: be32(b, at + 14), tpa: be32(b, at + 24) }, bytes: b, net: at }
  if (type !== 0x0800 || b.length < at + 20 || b[at] >> 4 !== 4) return { bytes: b }
  const hlen = (b[at] & 15) * 4
  const proto = b[at + 9]
  const ip = { src: be32(b, at + 12), dst: be32(b, at + 16), proto }
  const l4 = at + hlen
  const fragment = (be16(b, at + 6) & 0x1fff) !== 0
  if (fragment) return { ip, bytes: b, net: at }
  if ((proto === 6 || proto === 17) && b.length >= l4 + 4) return { ip: { ...ip, sport: be16(b, l4), dport: be16(b, l4 + 2) }, bytes: b, net: at, l4 }
  return { ip, bytes: b, net: at, l4 }
}

type Dir = 'src' | 'dst' | null

function pick<T>(dir: Dir, a: T | undefined, b: T | undefined, test: (x: T) => boolean): boolean {
  if (dir === 'src') return a !== undefined && test(a)
  if (dir === 'dst') return b !== undefined && test(b)
  return (a !== undefined && test(a)) || (b !== undefined && test(b))
}

const SYNTAX = "can't parse filter expression: syntax error"

/** pcap-filter's named constants for byte relations (gencode.c / grammar.y). */
const CONSTANTS: ReadonlyMap<string, number> = new Map([
  ['tcpflags', 13],
  ['tcp-fin', 0x01],
  ['tcp-syn', 0x02],
  ['tcp-rst', 0x04],
  ['tcp-push', 0x08],
  ['tcp-ack', 0x10],
  ['tcp-urg', 0x20],
  ['tcp-ece', 0x40],
  ['tcp-cwr', 0x80],
  ['icmptype', 0],
  ['icmpcode', 1],
  ['icmp-echoreply', 0],
  ['icmp-unreach', 3],
  ['icmp-echo', 8],
  ['icmp-timxceed', 11],
])

/** Where `proto[...]` indexes from: the network header, or the transport one for its protocol. */
const INDEXED: ReadonlyMap<string, (h: Headers) => number | undefined> = new Map([
  ['ip', (h: Headers) => (h.ip ? h.net : undefined)],
  ['arp', (h: Headers) => (h.arp ? h.net : undefined)],
  ['tcp', (h: Headers) => (h.ip?.proto === 6 ? h.l4 : undefined)],
  ['udp', (h: Headers) => (h.ip?.proto === 17 ? h.l4 : undefined)],
  ['icmp', (h: Headers) => (h.ip?.proto === 1 ? h.l4 : undefined)],
])

const RELOPS = new Set(['=', '==', '!=', '<', '>', '<=', '>='])

/** A value of the packet (null: the bytes are not there, and the relation is false, as in BPF). */
type Arith = (h: Headers) => number | null

/**
 * pcap-filter's lexer: words (addresses, CIDRs, names such as tcp-syn), numbers, and the
 * operators of relations and of the boolean expression, each its own token. A word takes its
 * hyphens (`tcp-syn`), so `5-1` must be written `5 - 1`.
 */
function lex(text: string): string[] | null {
  const out: string[] = []
  const re = /\s*(&&|\|\||<<|>>|<=|>=|==|!=|[()[\]:&|!+*/<>=-]|[A-Za-z0-9_./-]+)/y
  let at = 0
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break
    re.lastIndex = at
    const m = re.exec(text)
    if (!m) return null
    out.push(m[1])
    at = re.lastIndex
  }
  return out
}

/**
 * Parses a filter; a string is tcpdump's message for a bad one. `resolve` looks a host name up
 * (/etc/hosts), `service` a port name (/etc/services).
 */
export function compileFilter(words: string[], resolve: (name: string) => number | null, service: (name: string) => number | null = () => null): Predicate | string {
  const lexed = lex(words.join(' '))
  if (!lexed) return SYNTAX
  const tokens = lexed
  let i = 0
  const peek = () => tokens[i]
  const next = () => tokens[i++]
  const host = (dir: Dir, a: string): Predicate | string => {
    const addr = parseIp(a) ?? resolve(a)
    if (addr === null) return `can't resolve host \`${a}'`
    return (h) => (h.arp ? pick(dir, h.arp.spa, h.arp.tpa, (x) => x === addr) : !!h.ip && pick(dir, h.ip.src, h.ip.dst, (x) => x === addr))
  }
  // Relations: arith relop arith, with arith over + - * / & | << >>, numbers, named constants,
  // `len` and proto[offset] or proto[offset:size] (size 1, 2 or 4).
  const atom = (): Arith | string => {
    const w = next()
    if (w === undefined) return SYNTAX
    if (w === '(') {
      const inner = sum()
      if (typeof inner === 'string') return inner
      return next() === ')' ? inner : SYNTAX
    }
    if (/^(0x[0-9a-f]+|\d+)$/i.test(w)) {
      const n = Number(w)
      return () => n
    }
    const constant = CONSTANTS.get(w)
    if (constant !== undefined) return () => constant
    if (w === 'len') return (h) => h.len ?? null
    const base = INDEXED.get(w)
    if (!base || next() !== '[') return SYNTAX
    const offset = sum()
    if (typeof offset === 'string') return offset
    let size = 1
    if (peek() === ':') {
      next()
      size = Number(next())
      if (size !== 1 && size !== 2 && size !== 4) return 'data size must be 1, 2, or 4'
    }
    if (next() !== ']') return SYNTAX
    return (h) => {
      const start = base(h)
      const off = offset(h)
      if (start === undefined || off === null || !h.bytes || start + off + size > h.bytes.length) return null
      let v = 0
      for (let k = 0; k < size; k++) v = v * 256 + h.bytes[start + off + k]
      return v
    }
  }
  const BINARY: Record<string, (a: number, b: number) => number> = {
    '*': (a, b) => Math.imul(a, b) >>> 0,
    '/': (a, b) => (b === 0 ? 0 : Math.floor(a / b)),
    '+': (a, b) => (a + b) >>> 0,
    '-': (a, b) => (a - b) >>> 0,
    '<<': (a, b) => (a << b) >>> 0,
    '>>': (a, b) => a >>> b,
    '&': (a, b) => (a & b) >>> 0,
    '|': (a, b) => (a | b) >>> 0,
  }
  const level = (ops: string[], lower: () => Arith | string) => (): Arith | string => {
    let left = lower()
    while (typeof left !== 'string' && ops.includes(peek() ?? '')) {
      const op = BINARY[next()!]
      const right = lower()
      if (typeof right === 'string') return right
      const l = left
      left = (h) => {
        const a = l(h)
        const b = right(h)
        return a === null || b === null ? null : op(a, b)
      }
    }
    return left
  }
  // grammar.y's precedence: | lowest, then &, shifts, + -, * / highest.
  const sum: () => Arith | string = level(['|'], level(['&'], level(['<<', '>>'], level(['+', '-'], level(['*', '/'], atom)))))
  const relation = (): Predicate | string => {
    const left = sum()
    if (typeof left === 'string') return left
    const op = next()
    if (!op || !RELOPS.has(op)) return SYNTAX
    const right = sum()
    if (typeof right === 'string') return right
    const test: Record<string, (a: number, b: number) => boolean> = { '=': (a, b) => a === b, '==': (a, b) => a === b, '!=': (a, b) => a !== b, '<': (a, b) => a < b, '>': (a, b) => a > b, '<=': (a, b) => a <= b, '>=': (a, b) => a >= b }
    const cmp = test[op]
    return (h) => {
      const a = left(h)
      const b = right(h)
      return a !== null && b !== null && cmp(a, b)
    }
  }
  /** Does a relation start here (`tcp[`, `len`, a number, or a parenthesis holding one)? */
  const isRelation = (): boolean => {
    const w = peek()
    if (w === undefined) return false
    if (tokens[i + 1] === '[' && INDEXED.has(w)) return true
    if (w === 'len' || /^(0x[0-9a-f]+|\d+)$/i.test(w)) return true
    if (w !== '(') return false
    const save = i
    const r = relation()
    i = save
    return typeof r !== 'string'
  }

  const primitive = (): Predicate | string => {
    if (isRelation()) return relation()
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
