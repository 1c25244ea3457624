// The connection-counting family shares one comparison, done without division as the kernel does:
// d beats the current least L when cost(L) * weight(d) > cost(d) * weight(L). Ties keep the earlier
// server in list order, i.e. the most recently added one.

import { candidates, destName, eligible, rule, type SchedContext } from './scheduler.ts'
import type { SchedDetail } from '../../sim/trace.ts'
import type { Dest, Service } from '../types.ts'

export function pickLeast(svc: Service, ctx: SchedContext, name: string, cost: (d: Dest) => number, weighted: boolean, costLabel: string): Dest | null {
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
  const score = (d: Dest) => (weighted ? `${costLabel} ${cost(d)} / weight ${d.weight}` : `${costLabel} ${cost(d)}`)
  ctx.explain(
    () => candidates(svc, score),
    least
      ? rule('sched.least', `${name}: lowest ${weighted ? `${costLabel}/weight` : costLabel} among servers with weight > 0; ties go to the earlier server in list order (the newest added)`, { name, cost: weighted ? `${costLabel}/weight` : costLabel })
      : rule('sched.unusable', `${name}: every server has weight 0 or is overloaded`, { name }),
    () => costs(svc, cost, null),
  )
  return least
}

/** Each eligible server's cost as the scheduler computed it, for the card's formula table. */
export function costs(svc: Service, cost: (d: Dest) => number, idle: Dest | null): SchedDetail {
  return { kind: 'least', idle: idle && destName(idle), costs: svc.dests.filter(eligible).map((d) => ({ dest: destName(d), cost: cost(d), weight: d.weight })) }
}
