// wlc, weighted least connection (ip_vs_wlc.c), ipvsadm's default: the smallest
// overhead / weight, with overhead = 256 x active + inactive. With every server idle the first
// connection therefore goes to the most recently added server.

import { pickLeast } from './least.ts'
import { overhead, type Scheduler } from './scheduler.ts'

export const wlc: Scheduler = {
  name: 'wlc',
  mainline: true,
  summary: 'Weighted Least Connection (the default): fewest connections relative to weight.',
  schedule: (svc, ctx) => pickLeast(svc, ctx, 'wlc', overhead, true, 'overhead'),
}
