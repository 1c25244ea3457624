// A network interface: loopback, ethernet or the ipip fallback device tunl0, with its IPv4
// addresses in kernel list order (a new primary goes after the existing primaries, a secondary in
// an already covered subnet goes last) and the flags `ip addr` prints.

import { networkOf, type Ip, type Mac } from '../net/addr.ts'
import { ipLength, type EthernetFrame } from '../net/packet.ts'
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

/** The /proc/net/dev counters ifconfig and netstat -i print. */
export interface IfStats {
  rxPackets: number
  rxBytes: number
  txPackets: number
  txBytes: number
}

export type IfKind = 'loopback' | 'ether' | 'ipip'

/**
 * Bumped whenever any interface's addresses or link state change, so the IPv4 stack can cache its
 * set of local addresses and its route lookups between changes.
 */
export const ifaceGeneration = { value: 0 }

export class Iface implements Port {
  private _up = true
  private _addrs: IfAddress[] = []
  segment: Segment | null = null
  /** Capture taps (tcpdump): every frame this interface sends or receives. */
  readonly taps = new Set<(dir: 'In' | 'Out', frame: EthernetFrame) => void>()
  readonly stats: IfStats = { rxPackets: 0, rxBytes: 0, txPackets: 0, txBytes: 0 }

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
    // The driver's counters see every frame, as the first tap on the wire.
    this.taps.add((dir, frame) => {
      const len = 14 + (frame.payload.kind === 'arp' ? 28 : ipLength(frame.payload))
      if (dir === 'In') {
        this.stats.rxPackets++
        this.stats.rxBytes += len
      } else {
        this.stats.txPackets++
        this.stats.txBytes += len
      }
    })
  }

  receive(frame: EthernetFrame): void {
    for (const tap of this.taps) tap('In', frame)
    this.onReceive(this, frame)
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

  removeAddress(ip: Ip, plen: number): boolean {
    ifaceGeneration.value++
    const i = this.addrs.findIndex((a) => a.ip === ip && a.plen === plen)
    if (i < 0) return false
    const [removed] = this.addrs.splice(i, 1)
    if (!removed.secondary) {
      // promote_secondaries: the first secondary of the same subnet becomes primary.
      const next = this.addrs.find((a) => a.secondary && a.plen === removed.plen && networkOf(a.ip, a.plen) === networkOf(removed.ip, removed.plen))
      if (next) next.secondary = false
    }
    return true
  }
}
