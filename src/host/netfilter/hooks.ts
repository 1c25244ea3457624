// Netfilter's hook points and the verdicts a hook gives (include/uapi/linux/netfilter_ipv4.h,
// include/linux/netfilter.h). Every hook at a point runs in priority order, lowest first; the first
// verdict other than accept ends the walk, and a rewrite hands the next hook the rewritten packet.
// One dispatcher walks a point and records every drop and rewrite in the trace, and every accept a
// judging hook explains, so no hook writes to the trace itself.

import type { Ipv4Packet } from '../../net/packet.ts'
import type { Passed, Reason } from '../../sim/trace.ts'
import type { Iface } from '../iface.ts'
import type { CtDir, CtEntry } from './conntrack.ts'

export type HookPoint = 'PRE_ROUTING' | 'LOCAL_IN' | 'FORWARD' | 'LOCAL_OUT' | 'POST_ROUTING'

/** enum nf_ip_hook_priorities. */
export const NF_IP_PRI = {
  RAW: -300,
  CONNTRACK: -200,
  MANGLE: -150,
  NAT_DST: -100,
  FILTER: 0,
  NAT_SRC: 100,
  CONNTRACK_CONFIRM: 2147483647,
} as const

/** What travels with a packet through the hooks (the parts of struct sk_buff the hooks read). */
export interface PacketMeta {
  inIface?: Iface
  outIface?: Iface
  mark: number
  /** The conntrack entry (skb->_nfct) and the direction this packet travels in it. */
  ct: CtEntry | null
  ctDir: CtDir
  /** An ICMP error about the connection `ct` (ct state related). */
  related: boolean
  /** skb->ipvs_property: IPVS built or rewrote this packet; the other IPVS hooks leave it alone. */
  ipvs: boolean
  /** The conntrack template is "untracked" (IPVS with net.ipv4.vs.conntrack = 0, raw NOTRACK). */
  untracked: boolean
}

export function freshMeta(inIface?: Iface, mark = 0): PacketMeta {
  // Every field present from the start: one object shape for all the hooks' inline caches.
  return { inIface, outIface: undefined, mark, ct: null, ctDir: 0, related: false, ipvs: false, untracked: false }
}

/**
 * Why a judging hook accepted (iptables' chains, firewalld's filter chains): kept on verdicts the
 * hook makes once, so accepting costs nothing; the rule's number is only counted for the trace.
 */
export type PassedBy = { readonly by: 'iptables'; readonly table: string; readonly chain: string; readonly rule: () => number } | Extract<Passed, { by: 'firewalld' }>

export type Verdict =
  | { readonly kind: 'accept'; readonly by?: PassedBy }
  /** NF_STOLEN: the hook took the packet (IPVS transmitted it itself). */
  | { readonly kind: 'stolen' }
  | { readonly kind: 'drop'; readonly reason: Reason }
  /** A drop that answers the sender with ICMP destination unreachable of this code. */
  | { readonly kind: 'reject'; readonly code: number; readonly reason: Reason }
  /** NAT: the packet continues rewritten; `why` is only called when the trace is on. */
  | { readonly kind: 'rewrite'; readonly pkt: Ipv4Packet; readonly why: () => Reason }

export const ACCEPT: Verdict = { kind: 'accept' }
export const STOLEN: Verdict = { kind: 'stolen' }

export type Hook = (pkt: Ipv4Packet, meta: PacketMeta) => Verdict

export interface HookOps {
  /** Who registered it, as a lesson or `why` names it. */
  name: string
  point: HookPoint
  priority: number
  hook: Hook
}

export interface HookSink {
  /** A judging hook let the packet pass (called for verdicts that say why; the sink records them only while tracing). */
  passed(point: HookPoint, hook: string, pkt: Ipv4Packet, meta: PacketMeta, by: PassedBy): void
  drop(pkt: Ipv4Packet, reason: Reason): void
  reject(pkt: Ipv4Packet, code: number, reason: Reason): void
  rewrite(before: Ipv4Packet, after: Ipv4Packet, why: () => Reason): void
}

export class HookTable {
  /** A fixed-shape record, not a Map: every packet looks its point up. */
  private readonly byPoint: Record<HookPoint, HookOps[]> = { PRE_ROUTING: [], LOCAL_IN: [], FORWARD: [], LOCAL_OUT: [], POST_ROUTING: [] }

  constructor(private readonly sink: HookSink) {}

  /** nf_register_net_hook: kept sorted by priority, a later registration after an equal one. */
  register(ops: HookOps): void {
    const list = this.byPoint[ops.point]
    let i = list.length
    while (i > 0 && list[i - 1].priority > ops.priority) i--
    list.splice(i, 0, ops)
  }

  clear(): void {
    for (const list of Object.values(this.byPoint)) list.length = 0
  }

  /** The hooks at a point in the order they run (for `why`, lessons and tests). */
  list(point: HookPoint): readonly HookOps[] {
    return this.byPoint[point]
  }

  /**
   * nf_hook_slow: runs the point's hooks in order. Returns the packet that goes on (the original
   * or the last rewrite), or null when a hook dropped, rejected or stole it.
   */
  run(point: HookPoint, pkt: Ipv4Packet, meta: PacketMeta): Ipv4Packet | null {
    const list = this.byPoint[point]
    if (list.length === 0) return pkt
    for (let i = 0; i < list.length; i++) {
      const v = list[i].hook(pkt, meta)
      switch (v.kind) {
        case 'accept':
          if (v.by !== undefined) this.sink.passed(point, list[i].name, pkt, meta, v.by)
          continue
        case 'rewrite':
          this.sink.rewrite(pkt, v.pkt, v.why)
          pkt = v.pkt
          continue
        case 'stolen':
          return null
        case 'drop':
          this.sink.drop(pkt, v.reason)
          return null
        case 'reject':
          this.sink.reject(pkt, v.code, v.reason)
          return null
      }
    }
    return pkt
  }
}
