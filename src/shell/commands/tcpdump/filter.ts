// tcpdump's capture filter (pcap-filter) for the primitives the labs use: host/src/dst host ADDR,
// port/src/dst port N, net CIDR, tcp, udp, icmp, arp, ip, proto N, combined with and/or/not and
// parentheses. Compiled to a predicate over a frame.

import { inPrefix, parseCidr, parseIp } from '../../../net/addr.ts'
import type { EthernetFrame, Ipv4Packet } from '../../../net/packet.ts'
import { table } from '../../../sim/table.ts'

export type Predicate = (f: EthernetFrame) => boolean

const PROTOS = table<number>({ icmp: 1, tcp: 6, udp: 17, ipip: 4 })

function ip(f: EthernetFrame): Ipv4Packet | null {
  return f.payload.kind === 'ipv4' ? f.payload : null
}

function ports(f: EthernetFrame): [number, number] | null {
  const p = ip(f)?.payload
  return p && (p.kind === 'tcp' || p.kind === 'udp') ? [p.sport, p.dport] : null
}

function addrs(f: EthernetFrame): [number, number] | null {
  const p = f.payload
  if (p.kind === 'arp') return [p.spa, p.tpa]
  return [p.src, p.dst]
}

/** Parses a filter; returns an error message for bad syntax as tcpdump does. */
export function compileFilter(words: string[], resolve: (name: string) => number | null): Predicate | string {
  let i = 0
  const peek = () => words[i]
  const next = () => words[i++]
  const expr = (): Predicate | string => {
    let left = term()
    while (typeof left !== 'string' && (peek() === 'or' || peek() === '||')) {
      next()
      const right = term()
      if (typeof right === 'string') return right
      const l = left
      left = (f) => l(f) || right(f)
    }
    return left
  }
  const term = (): Predicate | string => {
    let left = factor()
    while (typeof left !== 'string' && (peek() === 'and' || peek() === '&&' || (peek() !== undefined && peek() !== 'or' && peek() !== '||' && peek() !== ')'))) {
      if (peek() === 'and' || peek() === '&&') next()
      const right = factor()
      if (typeof right === 'string') return right
      const l = left
      left = (f) => l(f) && right(f)
    }
    return left
  }
  const factor = (): Predicate | string => {
    const w = next()
    if (w === undefined) return 'syntax error'
    if (w === 'not' || w === '!') {
      const inner = factor()
      return typeof inner === 'string' ? inner : (f) => !inner(f)
    }
    if (w === '(') {
      const inner = expr()
      if (next() !== ')') return 'syntax error'
      return inner
    }
    let dir: 'src' | 'dst' | null = null
    let kw = w
    if (w === 'src' || w === 'dst') {
      dir = w
      kw = next() ?? ''
    }
    if (kw === 'host') {
      const a = next() ?? ''
      const addr = parseIp(a) ?? resolve(a)
      if (addr === null) return `can't resolve host \`${a}'`
      return (f) => {
        const x = addrs(f)
        return !!x && (dir === 'src' ? x[0] === addr : dir === 'dst' ? x[1] === addr : x[0] === addr || x[1] === addr)
      }
    }
    if (kw === 'net') {
      const n = parseCidr(next() ?? '')
      if (!n) return 'syntax error'
      return (f) => {
        const x = addrs(f)
        return !!x && (dir === 'src' ? inPrefix(x[0], n) : dir === 'dst' ? inPrefix(x[1], n) : inPrefix(x[0], n) || inPrefix(x[1], n))
      }
    }
    if (kw === 'port') {
      const port = Number(next())
      if (!Number.isInteger(port)) return 'illegal port'
      return (f) => {
        const p = ports(f)
        return !!p && (dir === 'src' ? p[0] === port : dir === 'dst' ? p[1] === port : p[0] === port || p[1] === port)
      }
    }
    if (dir) {
      const addr = parseIp(kw) ?? resolve(kw)
      if (addr === null) return `can't resolve host \`${kw}'`
      return (f) => addrs(f)?.[dir === 'src' ? 0 : 1] === addr
    }
    if (kw === 'arp') return (f) => f.payload.kind === 'arp'
    if (kw === 'ip') return (f) => f.payload.kind === 'ipv4'
    if (kw === 'proto') {
      const n = Number(next())
      return (f) => ip(f)?.proto === n
    }
    if (PROTOS[kw] !== undefined) return (f) => ip(f)?.proto === PROTOS[kw]
    const addr = parseIp(kw)
    if (addr !== null) return (f) => addrs(f)?.includes(addr) ?? false
    return `syntax error in filter expression: syntax error`
  }
  if (!words.length) return () => true
  const p = expr()
  if (typeof p === 'string') return p
  if (i < words.length) return 'syntax error in filter expression: syntax error'
  return p
}
