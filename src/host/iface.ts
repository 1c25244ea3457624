// A network interface: loopback, ethernet or the ipip fallback device tunl0, with its IPv4
// addresses in kernel list order (a new primary goes after the existing primaries, a secondary in
// an already covered subnet goes last) and the flags `ip addr` prints.

import { networkOf, ZERO_MAC, type Ip, type Mac } from '../net/addr.ts'
import type { EthernetFrame, Ipv4Packet } from '../net/packet.ts'
import type { Port, Segment } from '../sim/segment.ts'

export interface IfAddress {
  ip: Ip
  plen: number
  brd?: Ip
  scope: 'global' | 'host' | 'link'
  noprefixroute: boolean
  secondary: boolean
  /** Who configured it: NetworkManager (`nm`) or `ip addr add` (`manual`). */
  owner: 'nm' | 'manual'
  /** ifa_label when it is not the device name: an alias such as `lo:0` (ifconfig, `ip addr … label`). */
  label?: string
}

export type IfKind = 'loopback' | 'ether' | 'ipip'

/**
 * Bumped whenever any interface's addresses or link state change, so the IPv4 stack can cache its
 * set of local addresses and its route lookups between changes.
 */
export const ifaceGeneration = { value: 0 }

/** The counters `ip -s link` prints (struct rtnl_link_stats64, the ones a virtio NIC counts). */
export interface LinkStats {
  rxPackets: number
  rxBytes: number
  rxDropped: number
  txPackets: number
  txBytes: number
  txDropped: number
}

/**
 * A capture tap. On lo the frame carries zero MACs (Linux frames loopback as Ethernet); on a
 * tunnel device it is the decapsulated packet, with the `outer` one it arrived in.
 */
export type Tap = (dir: 'In' | 'Out', frame: EthernetFrame, outer?: Ipv4Packet) => void

export class Iface implements Port {
  private _up = true
  readonly stats: LinkStats = { rxPackets: 0, rxBytes: 0, rxDropped: 0, txPackets: 0, txBytes: 0, txDropped: 0 }
  private _addrs: IfAddress[] = []
  segment: Segment | null = null
  /** Capture taps (tcpdump): every frame this interface sends or receives. */
  readonly taps = new Set<Tap>()
  /** dev_set_promiscuity's counter: one per capture holding the device promiscuous (IFF_PROMISC while > 0). */
  promiscuity = 0

  get up(): boolean {
    return this._up
  }

  set up(v: boolean) {
    this._up = v
    ifaceGeneration.value++
  }

  get addrs(): IfAddress[] {
    return this._addrs
  }

  set addrs(v: IfAddress[]) {
    this._addrs = v
    ifaceGeneration.value++
  }

  constructor(
    readonly hostName: string,
    readonly index: number,
    readonly name: string,
    readonly kind: IfKind,
    readonly mac: Mac,
    readonly mtu: number,
    private readonly onReceive: (iface: Iface, frame: EthernetFrame) => void,
  ) {
    this.up = kind !== 'ipip'
  }

  receive(frame: EthernetFrame): void {
    for (const tap of this.taps) tap('In', frame)
    this.onReceive(this, frame)
  }

  /** Shows a packet to the taps of a device without a segment (lo, tunl0, gre0). */
  capture(dir: 'In' | 'Out', pkt: Ipv4Packet, outer?: Ipv4Packet): void {
    if (!this.taps.size) return
    const frame: EthernetFrame = { kind: 'eth', src: ZERO_MAC, dst: ZERO_MAC, payload: pkt }
    for (const tap of this.taps) tap(dir, frame, outer)
  }

  hasAddress(ip: Ip): boolean {
    return this.addrs.some((a) => a.ip === ip)
  }

  /** The primary address whose subnet holds `ip`, else the first primary. */
  primaryFor(ip?: Ip): IfAddress | undefined {
    const primaries = this.addrs.filter((a) => !a.secondary)
    if (ip !== undefined) {
      const match = primaries.find((a) => networkOf(a.ip, a.plen) === networkOf(ip, a.plen))
      if (match) return match
    }
    return primaries[0]
  }

  addAddress(addr: Omit<IfAddress, 'secondary'>): void {
    ifaceGeneration.value++
    const covered = this.addrs.some((a) => !a.secondary && a.plen === addr.plen && networkOf(a.ip, a.plen) === networkOf(addr.ip, addr.plen))
    const entry: IfAddress = { ...addr, secondary: covered }
    if (covered) {
      this.addrs.push(entry)
    } else {
      const lastPrimary = this.addrs.map((a) => a.secondary).lastIndexOf(false)
      this.addrs.splice(lastPrimary + 1, 0, entry)
    }
  }

  /**
   * Removes an address; false when there is none. Deleting a primary promotes the first secondary
   * of its subnet (net.ipv4.conf.*.promote_secondaries, on in RHEL 9), which is returned.
   */
  removeAddress(ip: Ip, plen: number): IfAddress | null | false {
    ifaceGeneration.value++
    const i = this.addrs.findIndex((a) => a.ip === ip && a.plen === plen)
    if (i < 0) return false
    const [removed] = this.addrs.splice(i, 1)
    if (removed.secondary) return null
    const next = this.addrs.find((a) => a.secondary && a.plen === removed.plen && networkOf(a.ip, a.plen) === networkOf(removed.ip, removed.plen))
    if (!next) return null
    next.secondary = false
    return next
  }
}
