// fo, weighted fail-over (ip_vs_fo.c): always the server with the highest weight that is not
// overloaded; connection counts are not looked at. Ties go to the earlier server in list order.

import { byWeight, candidates, rule, type Scheduler } from './scheduler.ts'
import type { Dest } from '../types.ts'

export const fo: Scheduler = {
  name: 'fo',
  mainline: true,
  summary: 'Weighted Fail Over: every connection to the available server with the highest weight.',
  schedule(svc, ctx) {
    let best: Dest | null = null
    for (const d of svc.dests) if (!d.overloaded && d.weight > 0 && (!best || d.weight > best.weight)) best = d
    ctx.explain(
      () => candidates(svc, (d) => ({ code: 'weight', weight: d.weight })),
      best ? rule('sched.fo', 'fo: highest weight among servers that are not overloaded') : rule('sched.fo.none', 'fo: no server has weight > 0'),
      () => byWeight(svc),
    )
    return best
  },
}
