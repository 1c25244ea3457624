// The connection-counting family shares one comparison, done without division as the kernel does:
// d beats the current least L when cost(L) * weight(d) > cost(d) * weight(L). Ties keep the earlier
// server in list order, i.e. the most recently added one.

import { candidates, destName, eligible, rule, type SchedContext } from './scheduler.ts'
import { COST_FORMULA, type SchedDetail, type SchedScore } from '../../sim/trace.ts'
import type { Dest, Service } from '../types.ts'

/** What a cost counts: ip_vs_dest_conn_overhead, or sed's and nq's ActiveConn + 1. */
export type CostOf = keyof typeof COST_FORMULA

export function pickLeast(svc: Service, ctx: SchedContext, name: string, cost: (d: Dest) => number, weighted: boolean, of: CostOf): Dest | null {
  let least: Dest | null = null
  for (const d of svc.dests) {
    if (!eligible(d)) continue
    if (!least) {
      least = d
      continue
    }
    const better = weighted ? cost(least) * d.weight > cost(d) * least.weight : cost(d) < cost(least)
    if (better) least = d
  }
  const score = (d: Dest): SchedScore => (weighted ? { code: 'costWeight', cost: cost(d), weight: d.weight, of } : { code: 'cost', cost: cost(d), of })
  const compared = weighted ? `(${COST_FORMULA[of]})/Weight` : COST_FORMULA[of]
  ctx.explain(
    () => candidates(svc, score),
    least
      ? rule('sched.least', `${name}: lowest ${compared} among servers with weight > 0; ties go to the earlier server in list order (the newest added)`, { name, cost: compared })
      : rule('sched.unusable', `${name}: every server has weight 0 or is overloaded`, { name }),
    () => costs(svc, cost, null),
  )
  return least
}

/** Each eligible server's cost as the scheduler computed it, for the card's formula table. */
export function costs(svc: Service, cost: (d: Dest) => number, idle: Dest | null): SchedDetail {
  return { kind: 'least', idle: idle && destName(idle), costs: svc.dests.filter(eligible).map((d) => ({ dest: destName(d), cost: cost(d), weight: d.weight })) }
}
