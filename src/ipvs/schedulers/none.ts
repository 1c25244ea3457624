// none: a service without a scheduler (accepted by current kernels). Every new connection finds no
// destination and the client gets ICMP port unreachable.

import { candidates, rule, type Scheduler } from './scheduler.ts'

export const none: Scheduler = {
  name: 'none',
  mainline: true,
  summary: 'No scheduler: new connections are refused.',
  schedule(svc, ctx) {
    ctx.explain(() => candidates(svc, () => null), rule('sched.none', 'none: this service has no scheduler, so no new connection is scheduled'))
    return null
  },
}
