// twos, power of two random choices (ip_vs_twos.c): two weighted random draws in [0, W] over the
// eligible servers, then the less loaded of the two by overhead/weight. The draws come from the
// engine's seeded generator, so replays repeat them.

import { candidates, destName, rule, eligible, overhead, type Scheduler } from './scheduler.ts'
import type { Dest } from '../types.ts'

export const twos: Scheduler = {
  name: 'twos',
  mainline: true,
  summary: 'Power of Two Choices: two random servers by weight, the less loaded of the two wins.',
  schedule(svc, ctx) {
    const list = svc.dests.filter(eligible)
    const total = list.reduce((s, d) => s + d.weight, 0)
    if (!list.length) {
      ctx.explain(() => candidates(svc, () => null), rule('sched.unusable', 'twos: every server has weight 0 or is overloaded', { name: 'twos' }))
      return null
    }
    const draws: [number, number] = [ctx.rng.nextU32() % (total + 1), ctx.rng.nextU32() % (total + 1)]
    let [r1, r2] = draws
    let c1: Dest | null = null
    let c2: Dest | null = null
    for (const d of list) {
      r1 -= d.weight
      r2 -= d.weight
      if (!c1 && r1 <= 0) c1 = d
      if (!c2 && r2 <= 0) c2 = d
    }
    c1 ??= list[list.length - 1]
    c2 ??= list[list.length - 1]
    const chosen = c2.weight * overhead(c1) > c1.weight * overhead(c2) ? c2 : c1
    const [p1, p2] = [c1, c2]
    ctx.explain(
      () => candidates(svc, (d) => (d === p1 || d === p2 ? { code: 'drawn', overhead: overhead(d), weight: d.weight } : null)),
      rule('sched.twos', 'twos: two weighted random draws, then the lower overhead/weight of the two'),
      () => ({ kind: 'twos', total, draws, picks: [destName(p1), destName(p2)] }),
    )
    return chosen
  },
}
