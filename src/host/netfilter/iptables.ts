// iptables-nft's tables as the kernel runs them: raw, mangle, nat and filter, each a set of
// built-in chains with rules in order. A rule matches on addresses, protocol, ports, interfaces
// and conntrack state; MARK sets the packet mark and goes on, ACCEPT/DROP/REJECT end the chain,
// and the nat table's SNAT, MASQUERADE and DNAT give a new connection its one NAT binding.

import { formatCidr, formatIp, inPrefix, type Cidr, type Ip } from '../../net/addr.ts'
import { ICMP, ipLength, type Ipv4Packet } from '../../net/packet.ts'
import { type PacketMeta, type Verdict } from './hooks.ts'
import { Conntrack, type CtState, type NatBinding } from './conntrack.ts'
import { table } from '../../sim/table.ts'

export type IptTarget = 'MARK' | 'ACCEPT' | 'DROP' | 'REJECT' | 'SNAT' | 'DNAT' | 'MASQUERADE'

export interface IptRule {
  src?: Cidr
  dst?: Cidr
  proto?: number
  dports?: number[]
  inIface?: string
  outIface?: string
  /** -m state --state / -m conntrack --ctstate. */
  ctstates?: CtState[]
  ctMatch?: 'state' | 'conntrack'
  target: IptTarget
  mark?: number
  /** SNAT --to-source, DNAT --to-destination. */
  toAddr?: Ip
  toPort?: number
  pkts: number
  bytes: number
  /** This rule's ACCEPT, made the first time it accepts (so the hook allocates nothing per packet). */
  accepted?: Verdict
}

export type IptTable = 'filter' | 'nat' | 'mangle' | 'raw'

/** The built-in chains of each table (null-prototype: looked up with the table name typed). */
export const CHAINS: Readonly<Record<IptTable, readonly string[]>> = table({
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  raw: ['PREROUTING', 'OUTPUT'],
})

/** Targets each table accepts (the kernel's xt_target table restrictions). */
export const TABLE_TARGETS: Readonly<Record<IptTable, readonly IptTarget[]>> = table({
  filter: ['ACCEPT', 'DROP', 'REJECT', 'MARK'],
  nat: ['ACCEPT', 'SNAT', 'DNAT', 'MASQUERADE'],
  mangle: ['ACCEPT', 'DROP', 'MARK'],
  raw: ['ACCEPT', 'DROP'],
})

export class Iptables {
  /** Rules by "table/chain" (runtime only: lost on reboot). */
  private readonly chains = new Map<string, IptRule[]>()
  /**
   * The "table/chain" base chains iptables-nft has created in the kernel: it makes a table and a
   * chain the first time a rule goes into it, and they stay, empty, after the rules go.
   */
  readonly created = new Set<string>()
  /** A table was created in the kernel (nft lists tables in the order they were made). */
  onCreate: (table: IptTable) => void = () => {}

  constructor(
    private readonly hostName: () => string,
    /** Called after a change, so the hooks of chains that gained or lost rules follow. */
    readonly changed: () => void,
  ) {}

  hasRules(table: IptTable): boolean {
    return CHAINS[table].some((c) => (this.chains.get(`${table}/${c}`)?.length ?? 0) > 0)
  }

  /** Does any rule match on conntrack state (xt_state, xt_conntrack take a conntrack reference)? */
  usesConntrack(): boolean {
    for (const rules of this.chains.values()) if (rules.some((r) => r.ctstates)) return true
    return false
  }

  chain(table: IptTable, chain: string): IptRule[] {
    const key = `${table}/${chain}`
    let rules = this.chains.get(key)
    if (!rules) this.chains.set(key, (rules = []))
    return rules
  }

  /** A rule is going into this chain: iptables-nft creates its table and chain if they are not there. */
  touch(table: IptTable, chain: string): void {
    if (![...this.created].some((k) => k.startsWith(`${table}/`))) this.onCreate(table)
    this.created.add(`${table}/${chain}`)
  }

  clear(): void {
    this.chains.clear()
    this.created.clear()
    this.changed()
  }

  private matches(r: IptRule, pkt: Ipv4Packet, meta: PacketMeta): boolean {
    if (r.src && !inPrefix(pkt.src, r.src)) return false
    if (r.dst && !inPrefix(pkt.dst, r.dst)) return false
    if (r.proto !== undefined && r.proto !== 0 && r.proto !== pkt.proto) return false
    if (r.inIface && r.inIface !== meta.inIface?.name) return false
    if (r.outIface && r.outIface !== meta.outIface?.name) return false
    if (r.dports) {
      const l4 = pkt.payload
      if ((l4.kind !== 'tcp' && l4.kind !== 'udp') || !r.dports.includes(l4.dport)) return false
    }
    if (r.ctstates && !r.ctstates.includes(Conntrack.state(meta))) return false
    return true
  }

  /** Walks a chain (by its "table/chain" key); null when no rule ended it (the policy, ACCEPT, applies). */
  private walk(key: string, pkt: Ipv4Packet, meta: PacketMeta): IptRule | null {
    const rules = this.chains.get(key)
    if (!rules) return null
    for (const r of rules) {
      if (!this.matches(r, pkt, meta)) continue
      r.pkts++
      r.bytes += ipLength(pkt)
      if (r.target === 'MARK') meta.mark = r.mark ?? 0
      else return r
    }
    return null
  }

  /** A filter-type chain (raw, mangle, filter) as a netfilter hook. */
  hook(table: IptTable, chain: string): (pkt: Ipv4Packet, meta: PacketMeta) => Verdict {
    const key = `${table}/${chain}`
    const policy: Verdict = { kind: 'accept', by: { by: 'iptables', table, chain, rule: () => 0 } }
    const accepted = (r: IptRule): Verdict => ({ kind: 'accept', by: { by: 'iptables', table, chain, rule: () => (this.chains.get(key)?.indexOf(r) ?? -1) + 1 } })
    return (pkt, meta) => {
      const r = this.walk(key, pkt, meta)
      if (!r) return policy
      if (r.target === 'ACCEPT') return (r.accepted ??= accepted(r))
      const host = this.hostName()
      if (r.target === 'DROP') return { kind: 'drop', reason: { code: 'drop.iptables', text: `iptables on ${host}: ${table} ${chain} rule -j DROP matched`, params: { host, table, chain, target: 'DROP' } } }
      return { kind: 'reject', code: ICMP.PORT_UNREACH, reason: { code: 'drop.iptables', text: `iptables on ${host}: ${table} ${chain} rule -j REJECT matched`, params: { host, table, chain, target: 'REJECT' } } }
    }
  }

  /** A nat chain: the binding its first matching rule gives a new connection. */
  natChain(chain: string): (pkt: Ipv4Packet, meta: PacketMeta) => NatBinding | null {
    const key = `nat/${chain}`
    return (pkt, meta) => {
      const r = this.walk(key, pkt, meta)
      if (!r) return null
      if (r.target === 'MASQUERADE') return { kind: 'masquerade', addr: meta.outIface?.primaryFor(pkt.dst)?.ip ?? pkt.src }
      if (r.target === 'SNAT' && r.toAddr !== undefined) return { kind: 'snat', addr: r.toAddr, port: r.toPort }
      if (r.target === 'DNAT' && r.toAddr !== undefined) return { kind: 'dnat', addr: r.toAddr, port: r.toPort }
      return null
    }
  }
}

export function formatTo(r: IptRule): string {
  return r.toAddr === undefined ? '' : `${formatIp(r.toAddr)}${r.toPort !== undefined ? `:${r.toPort}` : ''}`
}

export const PROTO_NAME: Record<number, string> = { 6: 'tcp', 17: 'udp', 1: 'icmp', 0: 'all' }
/** The order xt_state and xt_conntrack print states in, whatever order they were given. */
export const STATE_ORDER: CtState[] = ['INVALID', 'NEW', 'RELATED', 'ESTABLISHED', 'UNTRACKED']

export function states(r: IptRule): string {
  return STATE_ORDER.filter((x) => r.ctstates!.includes(x)).join(',')
}

/** A rule as `iptables -S` and iptables-save print it (`-A CHAIN` and its matches, then `-j`). */
export function ruleSave(r: IptRule, chain: string): string {
  let s = `-A ${chain}`
  if (r.src) s += ` -s ${formatCidr(r.src)}`
  if (r.dst) s += ` -d ${formatCidr(r.dst)}`
  if (r.inIface) s += ` -i ${r.inIface}`
  if (r.outIface) s += ` -o ${r.outIface}`
  if (r.proto !== undefined && r.proto !== 0) s += ` -p ${PROTO_NAME[r.proto]}`
  if (r.dports) s += r.dports.length > 1 ? ` -m multiport --dports ${r.dports.join(',')}` : ` -m ${PROTO_NAME[r.proto ?? 6]} --dport ${r.dports[0]}`
  if (r.ctstates) s += r.ctMatch === 'conntrack' ? ` -m conntrack --ctstate ${states(r)}` : ` -m state --state ${states(r)}`
  s += ` -j ${r.target}`
  if (r.target === 'MARK') s += ` --set-xmark 0x${(r.mark ?? 0).toString(16)}/0xffffffff`
  if (r.target === 'REJECT') s += ' --reject-with icmp-port-unreachable'
  if (r.target === 'SNAT') s += ` --to-source ${formatTo(r)}`
  if (r.target === 'DNAT') s += ` --to-destination ${formatTo(r)}`
  return s
}
