// An L2 segment (a switch with no learning delays): a frame sent by one NIC reaches every other NIC
// whose MAC it is addressed to, or all of them for broadcast, after a small propagation delay.

import { BROADCAST_MAC, formatIp, type Ip, type Mac } from '../net/addr.ts'
import type { EthernetFrame } from '../net/packet.ts'
import type { Engine } from './engine.ts'

export interface Port {
  readonly hostName: string
  readonly name: string
  readonly mac: Mac
  readonly up: boolean
  readonly taps?: Set<(dir: 'In' | 'Out', frame: EthernetFrame) => void>
  receive(frame: EthernetFrame): void
}

/** One hop across a virtual switch: about what a LAN between VMs shows in ping (0.3-0.5 ms RTT). */
const PROPAGATION_US = 150

export class Segment {
  private ports: Port[] = []

  constructor(
    readonly name: string,
    private readonly engine: Engine,
  ) {}

  attach(port: Port): void {
    this.ports.push(port)
  }

  get members(): readonly Port[] {
    return this.ports
  }

  /** `nexthop`: the IPv4 neighbour the sender resolved the destination MAC for (none for ARP). */
  transmit(from: Port, frame: EthernetFrame, nexthop?: Ip): void {
    if (from.taps?.size) for (const tap of from.taps) tap('Out', frame)
    const broadcast = frame.dst === BROADCAST_MAC
    if (!this.engine.trace.enabled) {
      // The common case of a run nobody traces: no list of receivers to build.
      for (const p of this.ports) if (p !== from && p.up && (broadcast || p.mac === frame.dst)) this.engine.afterWith(PROPAGATION_US, this.deliver, p, frame)
      return
    }
    const targets: Port[] = []
    for (const p of this.ports) if (p !== from && p.up && (broadcast || p.mac === frame.dst)) targets.push(p)
    this.engine.trace.add({
      type: 'wire',
      t: this.engine.now,
      uid: frame.payload.uid,
      segment: this.name,
      fromHost: from.hostName,
      fromIface: from.name,
      toHost: targets.map((p) => p.hostName),
      frame,
      ...(nexthop === undefined ? {} : { nexthop: formatIp(nexthop) }),
    })
    for (const port of targets) this.engine.afterWith(PROPAGATION_US, this.deliver, port, frame)
  }

  /** A NIC takes the frame; a fault anywhere up its receive path drops this packet only. */
  private readonly deliver = (port: Port, frame: EthernetFrame): void => {
    if (!port.up) return
    try {
      port.receive(frame)
    } catch (error) {
      this.engine.fault('internal.packet', port.hostName, frame.payload.uid, { iface: port.name }, error)
    }
  }
}
