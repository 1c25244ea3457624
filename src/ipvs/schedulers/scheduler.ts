// What a scheduler is, as in the kernel's struct ip_vs_scheduler: a name, optional hooks that keep
// per-service state in step with the destination list, and `schedule`, which picks a destination
// for a new connection (or none) and explains its choice for the scheduler panel.

import type { Rng } from '../../sim/rng.ts'
import type { Reason, SchedCandidate, SchedDetail, SchedScore } from '../../sim/trace.ts'
import type { Dest, Service } from '../types.ts'
import { formatIp } from '../../net/addr.ts'

export interface SchedContext {
  rng: Rng
  /** Source and destination of the packet being scheduled (hashing schedulers use them). */
  caddr: number
  cport: number
  daddr: number
  /** Virtual time, for the locality schedulers' cache ages. */
  now: number
  /**
   * Records the candidates the scheduler looked at, the rule that decided and the scheduler's own
   * state for its card; the thunks run only when the trace is on.
   */
  explain(candidates: () => SchedCandidate[], rule: Reason, detail?: () => SchedDetail): void
}

export interface Scheduler {
  name: string
  mainline: boolean
  summary: string
  initService?(svc: Service): void
  addDest?(svc: Service, dest: Dest): void
  delDest?(svc: Service, dest: Dest): void
  updDest?(svc: Service, dest: Dest): void
  schedule(svc: Service, ctx: SchedContext): Dest | null
}

/** The kernel's rule in every scheduler: quiesced (weight 0) and overloaded servers get nothing new. */
export function eligible(d: Dest): boolean {
  return d.weight > 0 && !d.overloaded
}

/** ip_vs_dest_conn_overhead: active connections weigh 256 times an inactive one. */
export function overhead(d: Dest): number {
  return d.activeConns * 256 + d.inactConns
}

/** The deciding rule: a code the interface translates, the English text, and the facts in it. */
export function rule(code: string, text: string, params?: Reason['params']): Reason {
  return { code, text, params }
}

export function destName(d: Dest): string {
  return `${formatIp(d.addr)}:${d.port}`
}

/**
 * fo's and ovf's order of preference: highest weight first, ties in list order (the strict `>` of
 * their loops keeps the earlier server).
 */
export function byWeight(svc: Service): SchedDetail {
  return { kind: 'order', order: svc.dests.map((d, i) => [d, i] as const).sort((a, b) => b[0].weight - a[0].weight || a[1] - b[1]).map(([d]) => destName(d)) }
}

/**
 * The hashing schedulers' card: the key, the bucket it hashed to (`first`) and the one that served
 * (`bucket`, further along with a fallback), three buckets either side, and how many each server holds.
 */
export function hashDetail(svc: Service, table: readonly (Dest | null)[], key: string, first: number, bucket: number, owner: Dest | null): SchedDetail {
  const near: { bucket: number; dest: string | null }[] = []
  for (let k = -3; k <= 3; k++) {
    const b = (first + k + table.length) % table.length
    const d = table[b]
    near.push({ bucket: b, dest: d ? destName(d) : null })
  }
  const count = new Map<Dest, number>()
  for (const d of table) if (d) count.set(d, (count.get(d) ?? 0) + 1)
  return { kind: 'hash', key, buckets: table.length, bucket, first, owner: owner && destName(owner), near, counts: svc.dests.map((d) => ({ dest: destName(d), buckets: count.get(d) ?? 0 })) }
}

export function candidates(svc: Service, score: (d: Dest) => SchedScore | null): SchedCandidate[] {
  return svc.dests.map((d) => ({
    dest: destName(d),
    weight: d.weight,
    activeConns: d.activeConns,
    inactConns: d.inactConns,
    score: score(d),
    eligible: eligible(d),
  }))
}
