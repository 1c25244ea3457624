// The host's netfilter as `nft list ruleset` (nftables 1.0.9, RHEL 9.4+) prints it: firewalld 1.x's
// `table inet firewalld`, and the tables iptables-nft and arptables-nft create when their first
// rule is added, in the order the tables were created.
//
// firewalld's table follows a real firewalld 1.x ruleset listed by nft 1.0.9 (`nft -j list ruleset`
// of zone public on one interface: chains, their order and every default rule) and nftables.py:
// chains at the iptables priorities + 10, a zone's chains in the order firewalld creates them
// (_pre, _log, _deny, _allow, _post between the POLICIES_pre/_post jumps), the allow-host-ipv6
// policy, and one `goto` per interface of the zone. The iptables-nft and arptables-nft
// translations are pinned against Debian's iptables-nft 1.8.9 and nft 1.0.6 in a network namespace
// (RHEL 9.4 ships iptables 1.8.10 and nft 1.0.9; nothing these rules use changed between them).

import { formatIp, formatPrefix, type Cidr } from '../../net/addr.ts'
import type { Arptables, ArpRule } from './arptables.ts'
import { FIREWALLD_SERVICES, PROTOCOLS, type Firewalld } from './firewalld.ts'
import { formatTo, type Iptables, type IptRule, type IptTable } from './iptables.ts'
import { richChain, richNft } from './rich.ts'

export interface NftChain {
  name: string
  /** `type … hook … priority …; policy accept;` of a base chain; null for a regular chain. */
  base: string | null
  rules: string[]
}

export interface NftTable {
  family: 'inet' | 'ip' | 'arp'
  name: string
  chains: NftChain[]
  /** Made by iptables-nft or arptables-nft: nft warns on stderr when it lists one with rules. */
  foreign: boolean
}

/** The zone sub-chains firewalld creates, in its order. */
const ZONE_PARTS = ['pre', 'log', 'deny', 'allow', 'post']

/** /etc/protocols names for the numbers nft prints as names (getprotobynumber). */
function protocolName(p: string): string {
  const n = PROTOCOLS.get(p) ?? Number(p)
  for (const [name, num] of PROTOCOLS) if (num === n) return name
  return String(n)
}

const base = (type: string, hook: string, priority: string) => `type ${type} hook ${hook} priority ${priority}; policy accept;`

/** A zone's or a policy's dispatch chain and its five parts. */
function zoneChains(name: string, head: string[], tail: string[], parts: Partial<Record<string, string[]>>): NftChain[] {
  return [
    { name, base: null, rules: [...head, ...ZONE_PARTS.map((p) => `jump ${name}_${p}`), ...tail] },
    ...ZONE_PARTS.map((p) => ({ name: `${name}_${p}`, base: null, rules: parts[p] ?? [] })),
  ]
}

const IPV6_BOGONS = 'ip6 daddr { ::/96, ::ffff:0.0.0.0/96, 2002::/24, 2002:a00::/24, 2002:7f00::/24, 2002:a9fe::/32, 2002:ac10::/28, 2002:c0a8::/32, 2002:e000::/19 } reject with icmpv6 addr-unreachable'

/** firewalld's `table inet firewalld` for zone public on these interfaces. */
export function firewalldTable(fw: Firewalld, ifaces: string[]): NftTable {
  const z = fw.runtime
  const allow: string[] = []
  const deny: string[] = []
  for (const a of fw.applied) {
    if (a.kind === 'service') {
      for (const p of FIREWALLD_SERVICES.get(a.value) ?? []) {
        const [port, proto] = p.split('/')
        allow.push(a.value === 'dhcpv6-client' ? `ip6 daddr fe80::/64 ${proto} dport ${port} accept` : `${proto} dport ${port} accept`)
      }
    } else if (a.kind === 'port') {
      const [port, proto] = a.value.split('/')
      allow.push(`${proto} dport ${port} accept`)
    } else if (a.kind === 'protocol') {
      allow.push(`meta l4proto ${protocolName(a.value)} accept`)
    } else {
      const r = z.rich.get(a.value)
      if (r) (richChain(r) === 'allow' ? allow : deny).push(...richNft(r, FIREWALLD_SERVICES, protocolName))
    }
  }
  const dispatch = (dir: 'iifname' | 'oifname', target: string) => [...ifaces.map((i) => `${dir} "${i}" goto ${target}`), `goto ${target}`]
  const policies = (prefix: string) => [
    { name: `${prefix}_POLICIES_pre`, base: null, rules: [] as string[] },
    { name: `${prefix}_ZONES`, base: null, rules: [] as string[] },
    { name: `${prefix}_POLICIES_post`, base: null, rules: [] as string[] },
  ]
  const mangle = policies('mangle_PREROUTING')
  const natPre = policies('nat_PREROUTING')
  const natPost = policies('nat_POSTROUTING')
  const filterIn = policies('filter_INPUT')
  const filterFwd = policies('filter_FORWARD')
  mangle[0].rules.push('jump mangle_PRE_policy_allow-host-ipv6')
  mangle[1].rules.push(...dispatch('iifname', 'mangle_PRE_public'))
  natPre[0].rules.push('jump nat_PRE_policy_allow-host-ipv6')
  natPre[1].rules.push(...dispatch('iifname', 'nat_PRE_public'))
  natPost[1].rules.push(...dispatch('oifname', 'nat_POST_public'))
  filterIn[0].rules.push('jump filter_IN_policy_allow-host-ipv6')
  filterIn[1].rules.push(...dispatch('iifname', 'filter_IN_public'))
  filterFwd[1].rules.push(...dispatch('iifname', 'filter_FWD_public'))
  const around = (prefix: string) => ({ head: [`jump ${prefix}_POLICIES_pre`], tail: [`jump ${prefix}_POLICIES_post`] })
  const ndp = ['nd-neighbor-advert', 'nd-neighbor-solicit', 'nd-router-advert', 'nd-redirect'].map((t) => `icmpv6 type ${t} accept`)
  const inZone = around('filter_INPUT')
  const fwdZone = around('filter_FORWARD')
  return {
    family: 'inet',
    name: 'firewalld',
    foreign: false,
    chains: [
      { name: 'mangle_PREROUTING', base: base('filter', 'prerouting', 'mangle + 10'), rules: ['jump mangle_PREROUTING_ZONES'] },
      ...mangle,
      { name: 'nat_PREROUTING', base: base('nat', 'prerouting', 'dstnat + 10'), rules: ['jump nat_PREROUTING_ZONES'] },
      ...natPre,
      { name: 'nat_POSTROUTING', base: base('nat', 'postrouting', 'srcnat + 10'), rules: ['jump nat_POSTROUTING_ZONES'] },
      ...natPost,
      { name: 'nat_OUTPUT', base: base('nat', 'output', '-90'), rules: ['jump nat_OUTPUT_POLICIES_pre', 'jump nat_OUTPUT_POLICIES_post'] },
      { name: 'nat_OUTPUT_POLICIES_pre', base: null, rules: [] },
      { name: 'nat_OUTPUT_POLICIES_post', base: null, rules: [] },
      { name: 'filter_PREROUTING', base: base('filter', 'prerouting', 'filter + 10'), rules: ['icmpv6 type { nd-router-advert, nd-neighbor-solicit } accept', 'meta nfproto ipv6 fib saddr . mark . iif oif missing drop'] },
      { name: 'filter_INPUT', base: base('filter', 'input', 'filter + 10'), rules: ['ct state { established, related } accept', 'ct status dnat accept', 'iifname "lo" accept', 'ct state invalid drop', 'jump filter_INPUT_ZONES', 'reject with icmpx admin-prohibited'] },
      { name: 'filter_FORWARD', base: base('filter', 'forward', 'filter + 10'), rules: ['ct state { established, related } accept', 'ct status dnat accept', 'iifname "lo" accept', 'ct state invalid drop', IPV6_BOGONS, 'jump filter_FORWARD_ZONES', 'reject with icmpx admin-prohibited'] },
      { name: 'filter_OUTPUT', base: base('filter', 'output', 'filter + 10'), rules: ['ct state { established, related } accept', 'oifname "lo" accept', IPV6_BOGONS, 'jump filter_OUTPUT_POLICIES_pre', 'jump filter_OUTPUT_POLICIES_post'] },
      ...filterIn,
      ...filterFwd,
      { name: 'filter_OUTPUT_POLICIES_pre', base: null, rules: [] },
      { name: 'filter_OUTPUT_POLICIES_post', base: null, rules: [] },
      ...zoneChains('filter_IN_public', inZone.head, [...inZone.tail, 'meta l4proto { icmp, ipv6-icmp } accept', 'reject with icmpx admin-prohibited'], { deny, allow }),
      ...zoneChains('nat_POST_public', around('nat_POSTROUTING').head, around('nat_POSTROUTING').tail, { allow: z.masquerade ? ['meta nfproto ipv4 oifname != "lo" masquerade'] : [] }),
      // forward yes: traffic between two interfaces of the zone is allowed (intra-zone forwarding).
      ...zoneChains('filter_FWD_public', fwdZone.head, [...fwdZone.tail, 'reject with icmpx admin-prohibited'], { allow: ifaces.map((i) => `oifname "${i}" accept`) }),
      ...zoneChains('nat_PRE_public', around('nat_PREROUTING').head, around('nat_PREROUTING').tail, {}),
      ...zoneChains('mangle_PRE_public', around('mangle_PREROUTING').head, around('mangle_PREROUTING').tail, {}),
      ...zoneChains('filter_IN_policy_allow-host-ipv6', [], [], { allow: ndp }),
      ...zoneChains('nat_PRE_policy_allow-host-ipv6', [], [], {}),
      ...zoneChains('mangle_PRE_policy_allow-host-ipv6', [], [], {}),
    ],
  }
}

/** iptables-nft's base chain declarations (type, hook, standard priority name). */
const IPT_BASE: Record<IptTable, Record<string, string>> = {
  raw: { PREROUTING: base('filter', 'prerouting', 'raw'), OUTPUT: base('filter', 'output', 'raw') },
  mangle: {
    PREROUTING: base('filter', 'prerouting', 'mangle'),
    INPUT: base('filter', 'input', 'mangle'),
    FORWARD: base('filter', 'forward', 'mangle'),
    OUTPUT: base('route', 'output', 'mangle'),
    POSTROUTING: base('filter', 'postrouting', 'mangle'),
  },
  nat: {
    PREROUTING: base('nat', 'prerouting', 'dstnat'),
    // srcnat names priority 100 only at postrouting: nft prints the input hook's number.
    INPUT: base('nat', 'input', '100'),
    OUTPUT: base('nat', 'output', 'dstnat'),
    POSTROUTING: base('nat', 'postrouting', 'srcnat'),
  },
  filter: { INPUT: base('filter', 'input', 'filter'), FORWARD: base('filter', 'forward', 'filter'), OUTPUT: base('filter', 'output', 'filter') },
}

const L4: Record<number, string> = { 1: 'icmp', 6: 'tcp', 17: 'udp', 47: 'gre', 4: 'ipencap', 94: 'ipip', 132: 'sctp' }

const addr = (c: Cidr) => (c.plen === 32 ? formatIp(c.addr) : formatPrefix(c))

/** nft prints a ct state set from the highest bit down (untracked, new, related, established, invalid). */
const CT_ORDER = ['UNTRACKED', 'NEW', 'RELATED', 'ESTABLISHED', 'INVALID']

/**
 * One iptables rule as iptables-nft (1.8.9) writes it into the kernel and nft reads it back,
 * pinned against the real pair (`unshare -n`, iptables-nft then `nft list ruleset`):
 * interfaces, protocol, addresses, ports, state, counter, verdict. nft drops the protocol match
 * where a port match implies it, except before a multiport set.
 */
export function iptablesNft(r: IptRule): string {
  const e: string[] = []
  if (r.inIface) e.push(`iifname "${r.inIface}"`)
  if (r.outIface) e.push(`oifname "${r.outIface}"`)
  const l4 = r.proto ? (L4[r.proto] ?? String(r.proto)) : null
  if (l4 && r.dports?.length !== 1) e.push(`meta l4proto ${l4}`)
  if (r.src) e.push(`ip saddr ${addr(r.src)}`)
  if (r.dst) e.push(`ip daddr ${addr(r.dst)}`)
  if (r.dports) e.push(`${l4 ?? 'tcp'} dport ${r.dports.length > 1 ? `{ ${r.dports.join(', ')} }` : r.dports[0]}`)
  if (r.ctstates) e.push(`ct state ${CT_ORDER.filter((s) => r.ctstates!.includes(s as never)).map((s) => s.toLowerCase()).join(',')}`)
  e.push(`counter packets ${r.pkts} bytes ${r.bytes}`)
  const t = r.target
  if (t === 'MARK') e.push(`meta mark set 0x${(r.mark ?? 0).toString(16)}`)
  else if (t === 'SNAT') e.push(`snat to ${formatTo(r)}`)
  else if (t === 'DNAT') e.push(`dnat to ${formatTo(r)}`)
  else e.push(t.toLowerCase())
  return e.join(' ')
}

/** An iptables-nft table: the chains rules were added to, in the order they were made. */
export function iptablesTable(ipt: Iptables, table: IptTable): NftTable {
  const chains = [...ipt.created].filter((k) => k.startsWith(`${table}/`)).map((k) => k.slice(table.length + 1))
  return { family: 'ip', name: table, foreign: true, chains: chains.map((c) => ({ name: c, base: IPT_BASE[table][c], rules: ipt.chain(table, c).map(iptablesNft) })) }
}

/** arptables-nft matches the Ethernet/IPv4 ARP header first; its mangle target stays an xt target. */
function arpNft(r: ArpRule): string {
  const e = ['arp htype 1 arp hlen 6 arp plen 4']
  if (r.src) e.push(`arp saddr ip ${addr(r.src)}`)
  if (r.dst) e.push(`arp daddr ip ${addr(r.dst)}`)
  e.push('counter packets 0 bytes 0')
  e.push(r.target === 'mangle' ? 'xt target mangle' : r.target.toLowerCase())
  return e.join(' ')
}

export function arptablesTable(arp: Arptables): NftTable {
  const chains = [...arp.created].map((c) => ({ name: c, base: base('filter', c.toLowerCase(), 'filter'), rules: arp.chains[c].map(arpNft) }))
  return { family: 'arp', name: 'filter', foreign: true, chains }
}

/** A table as `nft list table` prints it: tabs, a blank line between chains. */
export function formatTable(t: NftTable): string {
  const chains = t.chains.map((c) => [`\tchain ${c.name} {`, ...(c.base ? [`\t\t${c.base}`] : []), ...c.rules.map((r) => `\t\t${r}`), '\t}'].join('\n'))
  return `table ${t.family} ${t.name} {\n${chains.join('\n\n')}\n}\n`
}
