// What a forwarding method gets: the host it transmits from and a way to record its rewrite.

import type { Ipv4Packet } from '../../net/packet.ts'
import type { Host } from '../../host/host.ts'
import type { PacketMeta } from '../../host/netfilter/hooks.ts'
import type { Conn } from '../conn.ts'

export interface XmitContext {
  host: Host
  /** Is the trace on? A transmitter records its rewrite only then: rewrites happen on every packet. */
  readonly traced: boolean
  /** `text` is called only when the trace is on. */
  rewrite(before: Ipv4Packet, after: Ipv4Packet, code: string, text: () => string, params?: Record<string, string | number>): void
}

/** `meta` is what the transmitted packet carries on (untracked unless net.ipv4.vs.conntrack = 1). */
export type Xmit = (ctx: XmitContext, conn: Conn, pkt: Ipv4Packet, meta: PacketMeta) => void
