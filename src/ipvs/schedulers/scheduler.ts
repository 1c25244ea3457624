// What a scheduler is, as in the kernel's struct ip_vs_scheduler: a name, optional hooks that keep
// per-service state in step with the destination list, and `schedule`, which picks a destination
// for a new connection (or none) and explains its choice for the scheduler panel.

import type { Rng } from '../../sim/rng.ts'
import type { Reason, SchedCandidate } from '../../sim/trace.ts'
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
  /** Records the candidates the scheduler looked at (built only when traced) and the rule that decided. */
  explain(candidates: () => SchedCandidate[], rule: Reason): void
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

export function candidates(svc: Service, score: (d: Dest) => string): SchedCandidate[] {
  return svc.dests.map((d) => ({
    dest: destName(d),
    weight: d.weight,
    activeConns: d.activeConns,
    inactConns: d.inactConns,
    score: score(d),
    eligible: eligible(d),
  }))
}
