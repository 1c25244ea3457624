// firewalld 1.x on the nftables backend, as RHEL 9 ships it: zone public (cockpit, dhcpv6-client,
// ssh; intra-zone forwarding on) for every interface, a runtime and a permanent configuration, and
// the filter verdicts its chains give: established traffic and ICMP pass, new connections to a
// port no allowed service opens are rejected with ICMP admin-prohibited. Also the iptables mangle
// MARK rules that firewall-mark services rely on.

import { formatIp, inPrefix, type Cidr } from '../net/addr.ts'
import { ICMP, PROTO_ICMP, PROTO_IPIP, PROTO_TCP, PROTO_UDP, type Ipv4Packet } from '../net/packet.ts'
import { FlowMap } from '../net/flowmap.ts'
import { table } from '../sim/table.ts'
import { reason, type Netfilter, type PacketMeta, type Verdict } from './ipv4.ts'

export const FIREWALLD_SERVICES: Readonly<Record<string, readonly string[]>> = table({
  ssh: ['22/tcp'],
  cockpit: ['9090/tcp'],
  'dhcpv6-client': ['546/udp'],
  http: ['80/tcp'],
  https: ['443/tcp'],
  dns: ['53/tcp', '53/udp'],
})

/** /etc/protocols names firewalld accepts for --add-protocol (ipip is 94, not IPIP's 4). */
export const PROTOCOLS = table<number>({ icmp: 1, igmp: 2, ipencap: 4, tcp: 6, udp: 17, gre: 47, esp: 50, ah: 51, ipip: 94, sctp: 132 })

export interface ZoneConfig {
  services: Set<string>
  ports: Set<string>
  protocols: Set<string>
  masquerade: boolean
}

export function defaultZone(): ZoneConfig {
  return { services: new Set(['cockpit', 'dhcpv6-client', 'ssh']), ports: new Set(), protocols: new Set(), masquerade: false }
}

export function cloneZone(z: ZoneConfig): ZoneConfig {
  return { services: new Set(z.services), ports: new Set(z.ports), protocols: new Set(z.protocols), masquerade: z.masquerade }
}

/** One iptables rule: the matches the labs use and a target (MARK, ACCEPT, DROP, REJECT). */
export interface IptRule {
  src?: Cidr
  dst?: Cidr
  proto?: number
  dports?: number[]
  inIface?: string
  outIface?: string
  target: 'MARK' | 'ACCEPT' | 'DROP' | 'REJECT'
  mark?: number
  pkts: number
  bytes: number
}

export type IptTable = 'filter' | 'nat' | 'mangle' | 'raw'

export const CHAINS: Readonly<Record<IptTable, readonly string[]>> = table({
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  raw: ['PREROUTING', 'OUTPUT'],
})

/** An arptables rule (filter table, INPUT or OUTPUT). */
export interface ArpRule {
  src?: Cidr
  dst?: Cidr
  target: 'DROP' | 'ACCEPT' | 'mangle'
  mangleIpS?: number
}

/** A masquerade translation the router remembers so replies find their way back (conntrack). */
interface NatEntry {
  origSrc: number
  origPort: number
  natSrc: number
  natPort: number
}

/** One side of a flow as a FlowMap key: protocol, address and port packed exactly into a double. */
const side = (proto: number, addr: number, port: number): number => proto * 2 ** 48 + addr * 65536 + port

export class Firewall implements Netfilter {
  running = false
  permanent = defaultZone()
  runtime = defaultZone()
  /** iptables rules by table and chain (runtime only, lost on reboot). */
  ipt = new Map<string, IptRule[]>()
  /** arptables rules by chain (INPUT, OUTPUT). */
  arp: Record<'INPUT' | 'OUTPUT', ArpRule[]> = { INPUT: [], OUTPUT: [] }
  /** Masquerade conntrack, by (original side, peer) for requests and (NAT side, peer) for replies. */
  private natOut = new FlowMap<NatEntry>()
  private natBack = new FlowMap<NatEntry>()

  constructor(private readonly hostName: () => string) {}

  start(): void {
    this.running = true
    this.runtime = cloneZone(this.permanent)
  }

  stop(): void {
    this.running = false
  }

  chain(table: IptTable, chain: string): IptRule[] {
    const key = `${table}/${chain}`
    let rules = this.ipt.get(key)
    if (!rules) this.ipt.set(key, (rules = []))
    return rules
  }

  resetRuntimeRules(): void {
    this.ipt.clear()
    this.arp = { INPUT: [], OUTPUT: [] }
    this.natOut.clear()
    this.natBack.clear()
  }

  private matches(r: IptRule, pkt: Ipv4Packet, inIface?: string, outIface?: string): boolean {
    if (r.src && !inPrefix(pkt.src, r.src)) return false
    if (r.dst && !inPrefix(pkt.dst, r.dst)) return false
    if (r.proto !== undefined && r.proto !== pkt.proto) return false
    if (r.inIface && r.inIface !== inIface) return false
    if (r.outIface && r.outIface !== outIface) return false
    if (r.dports) {
      const l4 = pkt.payload
      if ((l4.kind !== 'tcp' && l4.kind !== 'udp') || !r.dports.includes(l4.dport)) return false
    }
    return true
  }

  /** Runs a filter chain: the first matching ACCEPT/DROP/REJECT decides; MARK rules set the mark. */
  private run(table: IptTable, chain: string, pkt: Ipv4Packet, meta: PacketMeta, outIface?: string): Verdict | null {
    if (!this.ipt.size) return null
    const rules = this.ipt.get(`${table}/${chain}`)
    if (!rules) return null
    for (const r of rules) {
      if (!this.matches(r, pkt, meta.inIface?.name, outIface)) continue
      r.pkts++
      r.bytes += 20
      if (r.target === 'MARK') meta.mark = r.mark ?? 0
      else if (r.target === 'ACCEPT') return { action: 'accept' }
      else if (r.target === 'DROP') return { action: 'drop', reason: reason('drop.iptables', `iptables on ${this.hostName()}: ${table} ${chain} rule -j DROP matched`, { host: this.hostName(), table, chain, target: 'DROP' }) }
      else return { action: 'reject', code: ICMP.PORT_UNREACH, reason: reason('drop.iptables', `iptables on ${this.hostName()}: ${table} ${chain} rule -j REJECT matched`, { host: this.hostName(), table, chain, target: 'REJECT' }) }
    }
    return null
  }

  prerouting(pkt: Ipv4Packet, meta: PacketMeta): void {
    this.run('mangle', 'PREROUTING', pkt, meta)
  }

  // ---- masquerade (firewalld zone public) with its conntrack ------------------------------------

  private ports(pkt: Ipv4Packet): [number, number] | null {
    const l4 = pkt.payload
    if (l4.kind === 'tcp' || l4.kind === 'udp') return [l4.sport, l4.dport]
    if (l4.kind === 'icmp' && l4.id !== undefined) return [l4.id, l4.id]
    return null
  }

  private withPorts(pkt: Ipv4Packet, src: number, sport: number | null, dst: number, dport: number | null): Ipv4Packet {
    const l4 = pkt.payload
    let payload = l4
    if (l4.kind === 'tcp' || l4.kind === 'udp') payload = { ...l4, sport: sport ?? l4.sport, dport: dport ?? l4.dport }
    else if (l4.kind === 'icmp' && l4.id !== undefined) payload = { ...l4, id: sport ?? dport ?? l4.id }
    return { ...pkt, src, dst, payload }
  }

  /** SNAT of forwarded packets leaving through a public interface when masquerade is on. */
  masquerade(pkt: Ipv4Packet, outAddr: number, forwarded: boolean): Ipv4Packet {
    if (!this.running || !this.runtime.masquerade || !forwarded) return pkt
    const p = this.ports(pkt)
    if (!p) return pkt
    const [sport, dport] = p
    const peer = side(pkt.proto, pkt.dst, dport)
    let e = this.natOut.get(side(pkt.proto, pkt.src, sport), peer)
    if (!e) {
      e = { origSrc: pkt.src, origPort: sport, natSrc: outAddr, natPort: sport }
      this.natOut.set(side(pkt.proto, pkt.src, sport), peer, e)
      this.natBack.set(side(pkt.proto, outAddr, sport), peer, e)
    }
    return this.withPorts(pkt, e.natSrc, e.natPort, pkt.dst, null)
  }

  /** De-NAT of replies to a masqueraded flow: the destination becomes the original client. */
  unmasquerade(pkt: Ipv4Packet): Ipv4Packet | null {
    if (!this.natBack.size) return null
    const p = this.ports(pkt)
    if (!p) return null
    const [sport, dport] = p
    const e = this.natBack.get(side(pkt.proto, pkt.dst, dport), side(pkt.proto, pkt.src, sport))
    return e ? this.withPorts(pkt, pkt.src, null, e.origSrc, e.origPort) : null
  }

  // ---- arptables ------------------------------------------------------------------------------

  /** The first rule of an arptables chain matching sender and target address; every target ends the walk. */
  private arpMatch(chain: 'INPUT' | 'OUTPUT', spa: number, tpa: number): ArpRule | undefined {
    return this.arp[chain].find((r) => (!r.src || inPrefix(spa, r.src)) && (!r.dst || inPrefix(tpa, r.dst)))
  }

  /** INPUT: is an incoming ARP packet dropped? */
  arpInputDrops(spa: number, tpa: number): boolean {
    return this.arpMatch('INPUT', spa, tpa)?.target === 'DROP'
  }

  /** OUTPUT: the sender address an outgoing ARP packet leaves with (mangle), or null if dropped. */
  arpOutput(spa: number, tpa: number): number | null {
    const r = this.arpMatch('OUTPUT', spa, tpa)
    if (r?.target === 'DROP') return null
    return r?.target === 'mangle' ? (r.mangleIpS ?? spa) : spa
  }

  private allows(proto: number, port: number): boolean {
    const z = this.runtime
    const key = `${port}/${proto === PROTO_TCP ? 'tcp' : 'udp'}`
    if (z.ports.has(key)) return true
    for (const s of z.services) if (FIREWALLD_SERVICES[s]?.includes(key)) return true
    return false
  }

  private allowsProtocol(proto: number): boolean {
    for (const p of this.runtime.protocols) if ((PROTOCOLS[p] ?? Number(p)) === proto) return true
    return false
  }

  input(pkt: Ipv4Packet, meta: PacketMeta): Verdict {
    this.run('mangle', 'INPUT', pkt, meta)
    const ipt = this.run('filter', 'INPUT', pkt, meta)
    if (ipt && ipt.action !== 'accept') return ipt
    if (!this.running) return { action: 'accept' }
    const l4 = pkt.payload
    if (pkt.proto === PROTO_ICMP) return { action: 'accept' }
    if (l4.kind === 'tcp') {
      if (!l4.flags.syn || l4.flags.ack) return { action: 'accept' }
      if (this.allows(PROTO_TCP, l4.dport)) return { action: 'accept' }
      return this.reject(`TCP port ${l4.dport} to ${formatIp(pkt.dst)}`)
    }
    if (l4.kind === 'udp') {
      if (this.allows(PROTO_UDP, l4.dport)) return { action: 'accept' }
      return this.reject(`UDP port ${l4.dport}`)
    }
    if (this.allowsProtocol(pkt.proto)) return { action: 'accept' }
    const hint = pkt.proto === PROTO_IPIP && this.runtime.protocols.has('ipip') ? ' (zone public allows protocol "ipip", which /etc/protocols defines as 94, not IPIP\'s 4)' : ''
    return this.reject(`IP protocol ${pkt.proto}${hint}`)
  }

  forward(pkt: Ipv4Packet, meta: PacketMeta): Verdict {
    const ipt = this.run('filter', 'FORWARD', pkt, meta)
    if (ipt && ipt.action !== 'accept') return ipt
    // Every interface is in zone public, whose intra-zone forwarding is on.
    return { action: 'accept' }
  }

  private reject(what: string): Verdict {
    const allowed = [...this.runtime.services].sort().join(' ')
    return {
      action: 'reject',
      code: ICMP.ADMIN_PROHIBITED,
      reason: reason('drop.firewalld', `firewalld on ${this.hostName()}: zone public allows only ${allowed}; ${what} is rejected with ICMP admin-prohibited`, { host: this.hostName(), allowed, what }),
    }
  }
}
