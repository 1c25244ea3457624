// firewalld 1.x on the nftables backend, as RHEL 9 ships it: zone public (cockpit, dhcpv6-client,
// ssh; intra-zone forwarding on) for every interface, a runtime and a permanent configuration,
// and the chains it loads into its `inet firewalld` table (firewalld's nftables.py): filter_INPUT
// and filter_FORWARD at priority filter + 10 accept what conntrack calls established or related,
// drop what it calls invalid, then let the zone decide (rich rules that reject or drop, then rich
// rules that accept, services, ports and protocols, then ICMP), and reject the rest with ICMP
// admin-prohibited; nat_POSTROUTING at srcnat + 10 masquerades new connections leaving through any
// interface but lo when the zone has masquerade on. nft.ts prints the same table as text.

import { formatIp } from '../../net/addr.ts'
import { ICMP, PROTO_ICMP, PROTO_IPIP, PROTO_TCP, PROTO_UDP, type Ipv4Packet } from '../../net/packet.ts'
import { Conntrack, type NatBinding } from './conntrack.ts'
import { ACCEPT, type PacketMeta, type Verdict } from './hooks.ts'
import { formatRich, richMatches, type RichRule } from './rich.ts'
import type { Passed } from '../../sim/trace.ts'

type Chain = Extract<Passed, { by: 'firewalld' }>['chain']
type Why = Extract<Passed, { by: 'firewalld' }>['why']
/** Each chain's accepts, made once: the inspector says which line of the chain let a packet in. */
const pass = (chain: Chain): Record<Why, Verdict> => {
  const v = (why: Why): Verdict => ({ kind: 'accept', by: { by: 'firewalld', chain, why } })
  return { ct: v('ct'), lo: v('lo'), rich: v('rich'), icmp: v('icmp'), port: v('port'), protocol: v('protocol'), forward: v('forward') }
}
const PASS: Record<Chain, Record<Why, Verdict>> = { filter_INPUT: pass('filter_INPUT'), filter_FORWARD: pass('filter_FORWARD') }

/** /usr/lib/firewalld/services/*.xml for the services the labs name. */
export const FIREWALLD_SERVICES = new Map<string, string[]>([
  ['ssh', ['22/tcp']],
  ['cockpit', ['9090/tcp']],
  ['dhcpv6-client', ['546/udp']],
  ['http', ['80/tcp']],
  ['https', ['443/tcp']],
  ['dns', ['53/tcp', '53/udp']],
])

/** /etc/protocols names firewalld accepts for --add-protocol (ipip is 94, not IPIP's 4). */
export const PROTOCOLS = new Map<string, number>([
  ['icmp', 1],
  ['igmp', 2],
  ['ipencap', 4],
  ['tcp', 6],
  ['udp', 17],
  ['gre', 47],
  ['esp', 50],
  ['ah', 51],
  ['ipv6-icmp', 58],
  ['ipip', 94],
  ['vrrp', 112],
  ['sctp', 132],
])

/** ICMP destination-unreachable codes of the reject types (nft's `reject with icmp type`). */
const REJECT_CODES = new Map<string, number>([
  ['net-unreachable', ICMP.NET_UNREACH],
  ['host-unreachable', ICMP.HOST_UNREACH],
  ['proto-unreachable', ICMP.PROTO_UNREACH],
  ['port-unreachable', ICMP.PORT_UNREACH],
  ['net-prohibited', ICMP.NET_PROHIBITED],
  ['host-prohibited', ICMP.HOST_PROHIBITED],
  ['admin-prohibited', ICMP.ADMIN_PROHIBITED],
])

export const ZONES = ['block', 'dmz', 'drop', 'external', 'home', 'internal', 'nm-shared', 'public', 'trusted', 'work']

export interface ZoneConfig {
  services: Set<string>
  ports: Set<string>
  protocols: Set<string>
  masquerade: boolean
  /** Rich rules by their normal form (formatRich), in the order they were added. */
  rich: Map<string, RichRule>
}

/** What firewalld has put into its zone chains, in the order nft lists it (see Firewalld.applied). */
export type Applied = { kind: 'service' | 'port' | 'protocol' | 'rich'; value: string }

/** /usr/lib/firewalld/zones/public.xml, in its file order. */
export function defaultZone(): ZoneConfig {
  return { services: new Set(['ssh', 'dhcpv6-client', 'cockpit']), ports: new Set(), protocols: new Set(), masquerade: false, rich: new Map() }
}

export function cloneZone(z: ZoneConfig): ZoneConfig {
  return { services: new Set(z.services), ports: new Set(z.ports), protocols: new Set(z.protocols), masquerade: z.masquerade, rich: new Map(z.rich) }
}

/**
 * The order a zone's settings are applied in when firewalld (re)loads it: the settings' order of
 * the zone file (services, ports, protocols, rich rules), each in the order it was added.
 */
function loadOrder(z: ZoneConfig): Applied[] {
  return [
    ...[...z.services].map((value) => ({ kind: 'service' as const, value })),
    ...[...z.ports].map((value) => ({ kind: 'port' as const, value })),
    ...[...z.protocols].map((value) => ({ kind: 'protocol' as const, value })),
    ...[...z.rich.keys()].map((value) => ({ kind: 'rich' as const, value })),
  ]
}

export class Firewalld {
  running = false
  permanent = defaultZone()
  runtime = defaultZone()
  /**
   * The zone's rules in the order they went into the nft chains: a (re)load puts them in the
   * zone's load order, and a runtime change appends or removes one, so a service added after a
   * port is listed after it, as on a real host.
   */
  applied: Applied[] = loadOrder(this.runtime)

  constructor(
    private readonly hostName: () => string,
    /** firewalld adds its table when it starts and deletes it when it stops. */
    private readonly changed: () => void,
  ) {}

  start(): void {
    this.running = true
    this.loaded = true
    this.runtime = cloneZone(this.permanent)
    this.applied = loadOrder(this.runtime)
    this.changed()
  }

  stop(): void {
    this.running = false
    this.changed()
  }

  /**
   * `nft flush ruleset` deleted firewalld's table: the daemon runs on, but nothing filters or
   * masquerades until a reload (or restart) loads its rules again.
   */
  loaded = false

  unload(): void {
    this.loaded = false
    this.changed()
  }

  /** `--reload`: the runtime configuration becomes the permanent one again. */
  reload(): void {
    this.runtime = cloneZone(this.permanent)
    this.applied = loadOrder(this.runtime)
    if (!this.loaded) {
      this.loaded = true
      this.changed()
    }
  }

  /** Are firewalld's chains in the kernel (running, and not flushed away by nft)? */
  get active(): boolean {
    return this.running && this.loaded
  }

  /** A runtime change took effect: the rule goes to the end of its chain, or out of it. */
  apply(kind: Applied['kind'], value: string, add: boolean): void {
    this.applied = this.applied.filter((a) => a.kind !== kind || a.value !== value)
    if (add) this.applied.push({ kind, value })
  }

  /** The first rich rule of the zone whose action is of this kind and that matches the packet. */
  private rich(pkt: Ipv4Packet, accept: boolean): RichRule | null {
    for (const r of this.runtime.rich.values()) if ((r.action.kind === 'accept') === accept && richMatches(r, pkt, FIREWALLD_SERVICES, PROTOCOLS)) return r
    return null
  }

  private allows(proto: number, port: number): boolean {
    const z = this.runtime
    const key = `${port}/${proto === PROTO_TCP ? 'tcp' : 'udp'}`
    if (z.ports.has(key)) return true
    for (const s of z.services) if (FIREWALLD_SERVICES.get(s)?.includes(key)) return true
    return false
  }

  private allowsProtocol(proto: number): boolean {
    for (const p of this.runtime.protocols) if ((PROTOCOLS.get(p) ?? Number(p)) === proto) return true
    return false
  }

  /** The chain's head, shared by filter_INPUT and filter_FORWARD: conntrack decides first. */
  private stateful(pkt: Ipv4Packet, meta: PacketMeta, chain: Chain): Verdict | null {
    const state = Conntrack.state(meta)
    if (state === 'ESTABLISHED' || state === 'RELATED') return PASS[chain].ct
    if (meta.inIface?.kind === 'loopback') return PASS[chain].lo
    if (state === 'INVALID') {
      const host = this.hostName()
      const what = describe(pkt)
      return { kind: 'drop', reason: { code: 'drop.ct_invalid', text: `firewalld on ${host}: ${chain} drops ${what}: conntrack knows no connection it belongs to (ct state invalid)`, params: { host, chain, what } } }
    }
    return null
  }

  /** filter_INPUT (priority filter + 10). */
  readonly input = (pkt: Ipv4Packet, meta: PacketMeta): Verdict => {
    if (!this.active) return ACCEPT
    const head = this.stateful(pkt, meta, 'filter_INPUT')
    if (head) return head
    const deny = this.rich(pkt, false)
    if (deny) return this.denied(pkt, deny)
    const pass = PASS.filter_INPUT
    if (this.rich(pkt, true)) return pass.rich
    const l4 = pkt.payload
    if (pkt.proto === PROTO_ICMP) return pass.icmp
    if (l4.kind === 'tcp') return this.allows(PROTO_TCP, l4.dport) ? pass.port : this.reject(`TCP port ${l4.dport} to ${formatIp(pkt.dst)}`)
    if (l4.kind === 'udp') return this.allows(PROTO_UDP, l4.dport) ? pass.port : this.reject(`UDP port ${l4.dport}`)
    if (this.allowsProtocol(pkt.proto)) return pass.protocol
    const hint = pkt.proto === PROTO_IPIP && this.runtime.protocols.has('ipip') ? ' (zone public allows protocol "ipip", which /etc/protocols defines as 94, not IPIP\'s 4)' : ''
    return this.reject(`IP protocol ${pkt.proto}${hint}`)
  }

  /** filter_FORWARD (priority filter + 10): every interface is in zone public, whose forward is yes. */
  readonly forward = (pkt: Ipv4Packet, meta: PacketMeta): Verdict => {
    if (!this.active) return ACCEPT
    return this.stateful(pkt, meta, 'filter_FORWARD') ?? PASS.filter_FORWARD.forward
  }

  /** nat_POSTROUTING (priority srcnat + 10): `oifname != "lo" masquerade` in zone public. */
  readonly masquerade = (pkt: Ipv4Packet, meta: PacketMeta): NatBinding | null => {
    if (!this.active || !this.runtime.masquerade) return null
    const out = meta.outIface
    if (!out || out.kind === 'loopback') return null
    const addr = out.primaryFor(pkt.dst)?.ip
    return addr === undefined ? null : { kind: 'masquerade', addr }
  }

  /** A rich rule of the _deny chain matched: its own action, reject (with its type) or drop. */
  private denied(pkt: Ipv4Packet, r: RichRule): Verdict {
    const host = this.hostName()
    const rule = formatRich(r)
    const what = describe(pkt)
    const drops = r.action.kind === 'drop'
    const reason = { code: drops ? 'drop.firewalld_rich' : 'drop.firewalld_rich_reject', text: `firewalld on ${host}: zone public's rich rule '${rule}' ${drops ? 'drops' : 'rejects'} ${what}`, params: { host, rule, what } }
    if (r.action.kind === 'drop') return { kind: 'drop', reason }
    const code = r.action.kind === 'reject' && r.action.type ? (REJECT_CODES.get(r.action.type.replace(/^icmp-/, '')) ?? ICMP.PORT_UNREACH) : ICMP.PORT_UNREACH
    return { kind: 'reject', code, reason }
  }

  private reject(what: string): Verdict {
    const allowed = [...this.runtime.services].sort().join(' ')
    const host = this.hostName()
    return {
      kind: 'reject',
      code: ICMP.ADMIN_PROHIBITED,
      reason: { code: 'drop.firewalld', text: `firewalld on ${host}: zone public allows only ${allowed}; ${what} is rejected with ICMP admin-prohibited`, params: { host, allowed, what } },
    }
  }
}

/** A packet in a few words, for a drop reason. */
function describe(pkt: Ipv4Packet): string {
  const l4 = pkt.payload
  const flow = (sport: number, dport: number) => `${formatIp(pkt.src)}:${sport} -> ${formatIp(pkt.dst)}:${dport}`
  if (l4.kind === 'tcp') {
    const f = l4.flags
    const flags = [f.syn && 'SYN', f.fin && 'FIN', f.rst && 'RST', f.ack && 'ACK'].filter(Boolean).join('/')
    return `a TCP ${flags || 'segment'} ${flow(l4.sport, l4.dport)}`
  }
  if (l4.kind === 'udp') return `a UDP datagram ${flow(l4.sport, l4.dport)}`
  if (l4.kind === 'icmp') return `an ICMP type ${l4.type} message from ${formatIp(pkt.src)}`
  return `an IP protocol ${pkt.proto} packet from ${formatIp(pkt.src)}`
}
