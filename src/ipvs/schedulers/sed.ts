// sed, shortest expected delay (ip_vs_sed.c): the smallest (active + 1) / weight. Inactive
// connections are ignored: the expected delay of a new request is how many are in service ahead of
// it, plus itself, shared by the server's capacity.

import { pickLeast } from './least.ts'
import type { Scheduler } from './scheduler.ts'

export const sed: Scheduler = {
  name: 'sed',
  mainline: true,
  summary: 'Shortest Expected Delay: the smallest (active connections + 1) / weight.',
  schedule: (svc, ctx) => pickLeast(svc, ctx, 'sed', (d) => d.activeConns + 1, true, 'active1'),
}
