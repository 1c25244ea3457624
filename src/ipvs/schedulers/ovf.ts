// ovf, weighted overflow (ip_vs_ovf.c): the highest-weight server whose active connections do not
// exceed its weight (`<=`, so a weight-5 server still takes a 6th), spilling to the next one after.

import { byWeight, candidates, rule, type Scheduler } from './scheduler.ts'
import type { Dest } from '../types.ts'

export const ovf: Scheduler = {
  name: 'ovf',
  mainline: true,
  summary: 'Weighted Overflow: the highest-weight server until its active connections exceed its weight.',
  schedule(svc, ctx) {
    let best: Dest | null = null
    for (const d of svc.dests) {
      if (d.overloaded || d.weight <= 0 || d.activeConns > d.weight) continue
      if (!best || d.weight > best.weight) best = d
    }
    ctx.explain(
      () => candidates(svc, (d) => ({ code: 'activeWeight', active: d.activeConns, weight: d.weight })),
      best ? rule('sched.ovf', 'ovf: highest weight among servers with active connections ≤ weight') : rule('sched.ovf.none', 'ovf: every server is full, quiesced or overloaded'),
      () => byWeight(svc),
    )
    return best
  },
}
