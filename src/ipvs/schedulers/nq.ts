// nq, never queue (ip_vs_nq.c): the first eligible server with no active connection wins at once,
// whatever its weight; if every server is busy, behave like sed.

import { costs, pickLeast } from './least.ts'
import { candidates, rule, eligible, type Scheduler } from './scheduler.ts'

export const nq: Scheduler = {
  name: 'nq',
  mainline: true,
  summary: 'Never Queue: an idle server if there is one, otherwise the shortest expected delay.',
  schedule(svc, ctx) {
    const idle = svc.dests.find((d) => eligible(d) && d.activeConns === 0)
    if (idle) {
      ctx.explain(
        () => candidates(svc, (d) => ({ code: 'active', active: d.activeConns })),
        rule('sched.nq.idle', 'nq: the first server in list order with no active connection'),
        () => costs(svc, (d) => d.activeConns + 1, idle),
      )
      return idle
    }
    return pickLeast(svc, ctx, 'nq', (d) => d.activeConns + 1, true, 'active1')
  },
}
