// The trace: what happened to every packet, in order. Each record is plain data so it can cross to
// the UI as is. The D3 view, the packet inspector, the event log and tcpdump all read these records;
// the engine knows nothing about animation. A ring keeps memory bounded.

import type { EthernetFrame, Ipv4Packet } from '../net/packet.ts'

export interface Reason {
  /** Stable code for the message catalogue (`drop.ip_forward`, `sched.rr`...). */
  code: string
  /** English text with the facts filled in. */
  text: string
  /** The facts, so the interface can say the same in another language. */
  params?: Record<string, string | number>
}

export type TraceRecord =
  /** `nexthop`: the neighbour entry the sender used (the destination itself, a gateway, or IPVS DR's real server). */
  | { type: 'wire'; id: number; t: number; uid: number; segment: string; fromHost: string; fromIface: string; toHost: string[]; frame: EthernetFrame; nexthop?: string }
  | { type: 'drop'; id: number; t: number; uid: number; host: string; packet: Ipv4Packet | EthernetFrame; reason: Reason }
  | { type: 'rewrite'; id: number; t: number; uid: number; host: string; before: Ipv4Packet; after: Ipv4Packet; reason: Reason }
  | { type: 'deliver'; id: number; t: number; uid: number; host: string; packet: Ipv4Packet; reason: Reason }
  | { type: 'sched'; id: number; t: number; uid: number; host: string; decision: SchedDecision }
  /** Where the lab explains something the terminal cannot say (a tutorial line that differs from RHEL 9). */
  | { type: 'note'; id: number; t: number; uid: 0; host: string; reason: Reason }
  /**
   * A netfilter hook that judges packets let this one pass (an iptables chain's rule or policy,
   * firewalld's filter chains): which hook at which point, and by what. Drops have their own record.
   */
  | { type: 'verdict'; id: number; t: number; uid: number; host: string; point: string; hook: string; passed: Passed }
  /** An exception an error boundary caught: what was dropped or stopped, and why (sim/engine.ts). */
  | { type: 'internal'; id: number; t: number; uid: number; host: string; reason: Reason }

/**
 * Why a judging hook accepted a packet, as facts the inspector words:
 * - iptables: rule `rule` of `table chain` (1-based, as `iptables -L --line-numbers` counts) had
 *   target ACCEPT, or no rule ended the chain and its policy ACCEPT applied (`rule` 0); `mark` is
 *   the packet mark after the chain (a mangle MARK rule may have set it);
 * - firewalld: its chain accepted it because conntrack knows the connection (`ct`), it came in on
 *   lo, a rich rule allowed it, it is ICMP, its port is open (a service or port of the zone),
 *   its IP protocol is allowed, or (filter_FORWARD) zone public forwards.
 */
export type Passed =
  | { by: 'iptables'; table: string; chain: string; rule: number; mark: number }
  | { by: 'firewalld'; chain: 'filter_INPUT' | 'filter_FORWARD'; why: 'ct' | 'lo' | 'rich' | 'icmp' | 'port' | 'protocol' | 'forward' }

export interface SchedCandidate {
  dest: string
  weight: number
  activeConns: number
  inactConns: number
  /** What the scheduler compared for this server, as numbers (the card words it); null: nothing. */
  score: SchedScore | null
  eligible: boolean
}

/**
 * What a scheduler compared for one server, as a code and its numbers:
 * rr's next pick; wrr's weight against cw; a cost (the least-connection family, `active1` being
 * ActiveConn + 1) alone or over the weight; sh's and dh's bucket; mh's slot count; lblc's cached
 * server and lblcr's set members; fo's weight; ovf's active connections against the weight; nq's
 * active connections; twos' drawn servers with their overhead and weight.
 */
export type SchedScore =
  | { code: 'next' }
  | { code: 'weightCw'; weight: number; cw: number }
  | { code: 'cost'; cost: number; of: keyof typeof COST_FORMULA }
  | { code: 'costWeight'; cost: number; weight: number; of: keyof typeof COST_FORMULA }
  | { code: 'bucket'; bucket: number }
  | { code: 'slots'; slots: number }
  | { code: 'cached' }
  | { code: 'inSet' }
  | { code: 'weight'; weight: number }
  | { code: 'activeWeight'; active: number; weight: number }
  | { code: 'active'; active: number }
  | { code: 'drawn'; overhead: number; weight: number }

/** What a cost counts, as a formula in ipvsadm's column names (the same in every language). */
export const COST_FORMULA = { overhead: '256×ActiveConn+InActConn', active1: 'ActiveConn+1' } as const

export interface SchedDecision {
  svc: string
  scheduler: string
  candidates: SchedCandidate[]
  chosen: string | null
  rule: Reason
  /** The scheduler's own state when it decided, for its card; absent for a decision before any. */
  detail?: SchedDetail
}

/** A destination as the cards name it (`RIP:port`). */
type DestName = string

/**
 * What each scheduler looked at, as numbers and names (the card words them in every language):
 * - rr: the cursor (the last pick) before this decision;
 * - wrr: current weight cw, its restart value mw, the step di, and this round's picks so far;
 * - least (lc, wlc, sed, nq): each server's cost and weight, the one formula of that scheduler;
 * - hash (sh, dh, mh): the hashed key, the bucket or slot and its owner, nearby buckets, the count per server;
 * - locality (lblc, lblcr): the destination-address table;
 * - order (fo, ovf): the servers in the order they are tried;
 * - twos: the two weighted draws and the servers they landed on;
 * - persistence: a template matched, so no scheduler ran.
 */
export type SchedDetail =
  | { kind: 'rr'; cursor: DestName | null }
  | { kind: 'wrr'; cw: number; mw: number; di: number; round: DestName[]; roundLength: number }
  | { kind: 'least'; idle: DestName | null; costs: { dest: DestName; cost: number; weight: number }[] }
  | { kind: 'hash'; key: string; buckets: number; bucket: number; first: number; owner: DestName | null; near: { bucket: number; dest: DestName | null }[]; counts: { dest: DestName; buckets: number }[] }
  | { kind: 'locality'; daddr: string; hit: boolean; table: { daddr: string; dests: DestName[]; idleS: number }[] }
  | { kind: 'order'; order: DestName[] }
  | { kind: 'twos'; total: number; draws: [number, number]; picks: [DestName, DestName] }
  | { kind: 'persistence'; client: string; netmask: string; dest: DestName; timeout: number; expiresInS: number }

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never
export type TraceInput = WithoutId<TraceRecord>

const CAPACITY = 20_000

export class Trace {
  enabled = true
  private records: TraceRecord[] = []
  private nextId = 1

  add(record: TraceInput): void {
    if (this.enabled) this.push(record)
  }

  /** Sees every record as it is added, beyond what the ring keeps (`lvs-lab trace` streams them). */
  tap: ((record: TraceRecord) => void) | null = null

  /** Adds a record even with the trace off (internal errors must never go unseen). */
  push(record: TraceInput): void {
    const full = { ...record, id: this.nextId++ } as TraceRecord
    this.records.push(full)
    this.tap?.(full)
    // Trimmed in batches: cutting one record per add would copy the whole ring every time.
    if (this.records.length > CAPACITY * 1.5) this.records = this.records.slice(this.records.length - CAPACITY)
  }

  /** Records with id greater than `afterId`. */
  since(afterId = 0): TraceRecord[] {
    if (!this.records.length || afterId < this.records[0].id) return this.records.slice()
    const start = afterId - this.records[0].id + 1
    return this.records.slice(start)
  }

  get lastId(): number {
    return this.nextId - 1
  }

  clear(): void {
    this.records = []
  }
}
