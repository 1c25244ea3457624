// firewalld 1.x on the nftables backend, as RHEL 9 ships it: zone public (cockpit, dhcpv6-client,
// ssh; intra-zone forwarding on) for every interface, a runtime and a permanent configuration, and
// the filter verdicts its chains give: established traffic and ICMP pass, new connections to a
// port no allowed service opens are rejected with ICMP admin-prohibited. Also the iptables mangle
// MARK rules that firewall-mark services rely on.

import { formatIp, inPrefix, type Cidr } from '../net/addr.ts'
import { ICMP, PROTO_ICMP, PROTO_IPIP, PROTO_TCP, PROTO_UDP, type Ipv4Packet } from '../net/packet.ts'
import { reason, type Netfilter, type PacketMeta, type Verdict } from './ipv4.ts'

export const FIREWALLD_SERVICES: Record<string, string[]> = {
  ssh: ['22/tcp'],
  cockpit: ['9090/tcp'],
  'dhcpv6-client': ['546/udp'],
  http: ['80/tcp'],
  https: ['443/tcp'],
  dns: ['53/tcp', '53/udp'],
}

/** /etc/protocols names firewalld accepts for --add-protocol (ipip is 94, not IPIP's 4). */
export const PROTOCOLS: Record<string, number> = { icmp: 1, igmp: 2, ipencap: 4, tcp: 6, udp: 17, gre: 47, esp: 50, ah: 51, ipip: 94, sctp: 132 }

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

export interface MarkRule {
  dst?: Cidr
  proto?: number
  dports?: number[]
  mark: number
  text: string
}

export class Firewall implements Netfilter {
  running = false
  permanent = defaultZone()
  runtime = defaultZone()
  /** iptables -t mangle -A PREROUTING rules (runtime only, lost on reboot). */
  manglePrerouting: MarkRule[] = []

  constructor(private readonly hostName: () => string) {}

  start(): void {
    this.running = true
    this.runtime = cloneZone(this.permanent)
  }

  stop(): void {
    this.running = false
  }

  prerouting(pkt: Ipv4Packet, meta: PacketMeta): void {
    for (const r of this.manglePrerouting) {
      if (r.dst && !inPrefix(pkt.dst, r.dst)) continue
      if (r.proto !== undefined && r.proto !== pkt.proto) continue
      if (r.dports) {
        const l4 = pkt.payload
        if ((l4.kind !== 'tcp' && l4.kind !== 'udp') || !r.dports.includes(l4.dport)) continue
      }
      meta.mark = r.mark
    }
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

  input(pkt: Ipv4Packet, _meta: PacketMeta): Verdict {
    void _meta
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

  forward(_pkt: Ipv4Packet, _meta: PacketMeta): Verdict {
    void _pkt
    void _meta
    // Every interface is in zone public, whose intra-zone forwarding is on.
    return { action: 'accept' }
  }

  private reject(what: string): Verdict {
    const allowed = [...this.runtime.services].sort().join(' ')
    return {
      action: 'reject',
      code: ICMP.ADMIN_PROHIBITED,
      reason: reason('drop.firewalld', `firewalld on ${this.hostName()}: zone public allows only ${allowed}; ${what} is rejected with ICMP admin-prohibited`),
    }
  }
}
