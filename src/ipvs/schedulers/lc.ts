// lc, least connection (ip_vs_lc.c): the smallest overhead = 256 x active + inactive among servers
// with weight > 0; weights beyond zero/non-zero do not count.

import { pickLeast } from './least.ts'
import { overhead, type Scheduler } from './scheduler.ts'

export const lc: Scheduler = {
  name: 'lc',
  mainline: true,
  summary: 'Least Connection: the server with the fewest connections (active ones count 256 times).',
  schedule: (svc, ctx) => pickLeast(svc, ctx, 'lc', overhead, false, 'overhead'),
}
