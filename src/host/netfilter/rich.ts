// firewalld's rich rules (firewalld.richlanguage(5), src/firewall/core/rich.py): the subset a lab
// needs to allow, reject or drop by address, service, port or protocol. A rule is parsed from
// its text, printed back in firewalld's normal form (the form --list-rich-rules shows and the
// duplicate check compares), matched against a packet, and turned into the nft rule firewalld
// puts in the zone's _allow chain (accept) or _deny chain (reject, drop).

import { formatPrefix, inPrefix, parseCidr, type Cidr } from '../../net/addr.ts'
import { PROTO_TCP, PROTO_UDP, type Ipv4Packet } from '../../net/packet.ts'

export type RichAction = { kind: 'accept' } | { kind: 'drop' } | { kind: 'reject'; type: string | null }

export type RichElement =
  | { kind: 'service'; name: string }
  | { kind: 'port'; port: string; protocol: 'tcp' | 'udp' }
  | { kind: 'protocol'; value: string }

export interface RichRule {
  family: 'ipv4' | 'ipv6' | null
  source: { cidr: Cidr; not: boolean } | null
  destination: { cidr: Cidr; not: boolean } | null
  element: RichElement | null
  action: RichAction
}

/**
 * The ICMP types `reject type=` accepts for IPv4 (firewalld's ipv4 reject types). tcp-reset is
 * left out: the lab's reject verdict answers with ICMP only, so it says the type is invalid rather
 * than answer with the wrong packet.
 */
const REJECT_TYPES = ['icmp-host-prohibited', 'host-prohibited', 'icmp-net-unreachable', 'net-unreachable', 'icmp-host-unreachable', 'host-unreachable', 'icmp-port-unreachable', 'port-unreachable', 'icmp-proto-unreachable', 'proto-unreachable', 'icmp-net-prohibited', 'net-prohibited', 'icmp-admin-prohibited', 'admin-prohibited']

/**
 * Splits rule text into words and `name="value"` attributes, as rich.py's lexer does: a value may
 * be quoted with " or ' or bare; `NOT` is a word of its own.
 */
function lex(text: string): { word: string; value?: string }[] | string {
  const out: { word: string; value?: string }[] = []
  let i = 0
  while (i < text.length) {
    if (/\s/.test(text[i])) {
      i++
      continue
    }
    const m = /^([A-Za-z_-]+)(=)?/.exec(text.slice(i))
    if (!m) return `internal error in _lexer(): ${text.slice(i)}`
    i += m[0].length
    if (!m[2]) {
      out.push({ word: m[1] })
      continue
    }
    const q = text[i]
    let value: string
    if (q === '"' || q === "'") {
      const end = text.indexOf(q, i + 1)
      if (end < 0) return `internal error in _lexer(): ${text.slice(i)}`
      value = text.slice(i + 1, end)
      i = end + 1
    } else {
      const end = text.slice(i).search(/\s|$/)
      value = text.slice(i, i + end)
      i += end
    }
    out.push({ word: m[1], value })
  }
  return out
}

/** Parses a rich rule; a string is firewalld's INVALID_RULE message. */
export function parseRich(text: string, protocols: ReadonlyMap<string, number>): RichRule | string {
  const tokens = lex(text)
  if (typeof tokens === 'string') return tokens
  if (!tokens.length || tokens[0].word !== 'rule' || tokens[0].value !== undefined) return `'${tokens[0]?.word ?? ''}' outside of rule`
  const rule: Partial<RichRule> = { family: null, source: null, destination: null, element: null }
  let i = 1
  const attr = (name: string): string | null => {
    const t = tokens[i]
    if (t?.word !== name || t.value === undefined) return null
    i++
    return t.value
  }
  while (i < tokens.length) {
    const t = tokens[i]
    if (t.word === 'family' && t.value !== undefined) {
      if (t.value !== 'ipv4' && t.value !== 'ipv6') return `invalid 'family' attribute: '${t.value}'`
      rule.family = t.value
      i++
    } else if ((t.word === 'source' || t.word === 'destination') && t.value === undefined) {
      i++
      const not = tokens[i]?.word === 'NOT' && tokens[i].value === undefined
      if (not) i++
      const address = attr('address')
      if (address === null) return `${t.word}: no address given`
      const cidr = parseCidr(address)
      if (!cidr) return `invalid 'address' attribute: '${address}'`
      if (!rule.family) return `${t.word}: address given without family`
      rule[t.word] = { cidr, not }
    } else if (t.word === 'service' && t.value === undefined) {
      i++
      const name = attr('name')
      if (name === null) return "service: no 'name' given"
      rule.element = { kind: 'service', name }
    } else if (t.word === 'port' && t.value === undefined) {
      i++
      const port = attr('port')
      const protocol = attr('protocol')
      if (port === null || !/^\d+(-\d+)?$/.test(port)) return `invalid 'port' attribute: '${port ?? ''}'`
      if (protocol !== 'tcp' && protocol !== 'udp') return `invalid 'protocol' attribute: '${protocol ?? ''}'`
      rule.element = { kind: 'port', port, protocol }
    } else if (t.word === 'protocol' && t.value === undefined) {
      i++
      const value = attr('value')
      if (value === null || (!protocols.has(value) && !/^\d+$/.test(value))) return `invalid 'value' attribute: '${value ?? ''}'`
      rule.element = { kind: 'protocol', value }
    } else if ((t.word === 'accept' || t.word === 'drop') && t.value === undefined) {
      if (rule.action) return 'more than one action'
      rule.action = { kind: t.word }
      i++
    } else if (t.word === 'reject' && t.value === undefined) {
      if (rule.action) return 'more than one action'
      i++
      const type = attr('type')
      if (type !== null && !REJECT_TYPES.includes(type)) return `invalid 'type' attribute: '${type}'`
      if (type !== null && !rule.family) return 'When using reject type you must specify also rule family.'
      rule.action = { kind: 'reject', type }
    } else {
      return `bad attribute '${t.word}'`
    }
  }
  if (!rule.action) return 'no action'
  if (!rule.element && !rule.source && !rule.destination) return 'no element, no source, no destination'
  return rule as RichRule
}

/** firewalld's normal form of a rule (Rich_Rule.__str__): the order is always the same. */
export function formatRich(r: RichRule): string {
  const parts = ['rule']
  if (r.family) parts.push(`family="${r.family}"`)
  for (const [name, side] of [['source', r.source], ['destination', r.destination]] as const) {
    if (side) parts.push(`${name}${side.not ? ' NOT' : ''} address="${formatPrefix(side.cidr)}"`)
  }
  const e = r.element
  if (e?.kind === 'service') parts.push(`service name="${e.name}"`)
  if (e?.kind === 'port') parts.push(`port port="${e.port}" protocol="${e.protocol}"`)
  if (e?.kind === 'protocol') parts.push(`protocol value="${e.value}"`)
  const a = r.action
  parts.push(a.kind === 'reject' && a.type ? `reject type="${a.type}"` : a.kind)
  return parts.join(' ')
}

/** Does the rule's match part (family, addresses, element) match this IPv4 packet? */
export function richMatches(r: RichRule, pkt: Ipv4Packet, services: ReadonlyMap<string, string[]>, protocols: ReadonlyMap<string, number>): boolean {
  if (r.family === 'ipv6') return false
  if (r.source && inPrefix(pkt.src, r.source.cidr) === r.source.not) return false
  if (r.destination && inPrefix(pkt.dst, r.destination.cidr) === r.destination.not) return false
  const e = r.element
  if (!e) return true
  const l4 = pkt.payload
  if (e.kind === 'protocol') return (protocols.get(e.value) ?? Number(e.value)) === pkt.proto
  if (l4.kind !== 'tcp' && l4.kind !== 'udp') return false
  const key = `${l4.dport}/${pkt.proto === PROTO_TCP ? 'tcp' : pkt.proto === PROTO_UDP ? 'udp' : ''}`
  if (e.kind === 'service') return (services.get(e.name) ?? []).includes(key)
  const [lo, hi = lo] = e.port.split('-').map(Number)
  return e.protocol === key.split('/')[1] && l4.dport >= lo && l4.dport <= hi
}

/** The zone chain a rule lands in: accept in _allow, reject and drop in _deny. */
export function richChain(r: RichRule): 'allow' | 'deny' {
  return r.action.kind === 'accept' ? 'allow' : 'deny'
}

/** The nft rules firewalld adds for a rich rule (one per port of a service), as `nft list` prints them. */
export function richNft(r: RichRule, services: ReadonlyMap<string, string[]>, protocolName: (p: string) => string): string[] {
  const head: string[] = []
  // nft lists the family match only where no address match implies it.
  if (r.family && !r.source && !r.destination) head.push(`meta nfproto ${r.family}`)
  const fam = r.family === 'ipv6' ? 'ip6' : 'ip'
  if (r.source) head.push(`${fam} saddr ${r.source.not ? '!= ' : ''}${formatPrefix(r.source.cidr).replace(/\/32$/, '')}`)
  if (r.destination) head.push(`${fam} daddr ${r.destination.not ? '!= ' : ''}${formatPrefix(r.destination.cidr).replace(/\/32$/, '')}`)
  const a = r.action
  // A plain reject in an IPv4 rule is ICMP port unreachable; without a family, icmpx's (`reject`).
  const type = a.kind === 'reject' ? (a.type?.replace(/^icmp-/, '') ?? (r.family === 'ipv4' ? 'port-unreachable' : null)) : null
  const verdict = a.kind === 'reject' ? (type ? `reject with icmp ${type}` : 'reject') : a.kind
  const e = r.element
  const bodies: string[] = []
  if (!e) bodies.push('')
  else if (e.kind === 'protocol') bodies.push(`meta l4proto ${protocolName(e.value)}`)
  else if (e.kind === 'port') bodies.push(`${e.protocol} dport ${e.port}`)
  else for (const p of services.get(e.name) ?? []) bodies.push(`${p.split('/')[1]} dport ${p.split('/')[0]}`)
  return bodies.map((b) => [...head, b, verdict].filter(Boolean).join(' '))
}
