// rr, round robin (ip_vs_rr.c). A cursor walks the destination list (newest first) and returns the
// next eligible server after the one it returned last, wrapping once; weights matter only as zero
// versus non-zero. Adding a server leaves the cursor alone; deleting the cursor's server moves the
// cursor to its predecessor.

import { candidates, rule, destName, eligible, type Scheduler } from './scheduler.ts'
import type { Dest, Service } from '../types.ts'

interface RrState {
  /** Index into svc.dests of the last pick, or -1 for the list head. */
  cursor: Dest | null
}

function state(svc: Service): RrState {
  return svc.schedData as RrState
}

export const rr: Scheduler = {
  name: 'rr',
  mainline: true,
  summary: 'Round Robin: each new connection goes to the next server in the list, in turn.',
  initService(svc) {
    svc.schedData = { cursor: null } satisfies RrState
  },
  delDest(svc, dest) {
    const st = state(svc)
    if (st.cursor === dest) {
      const i = svc.dests.indexOf(dest)
      st.cursor = i > 0 ? svc.dests[i - 1] : null
    }
  },
  schedule(svc, ctx) {
    const st = state(svc)
    const list = svc.dests
    const start = st.cursor ? list.indexOf(st.cursor) : -1
    let chosen: Dest | null = null
    for (let step = 1; step <= list.length; step++) {
      const d = list[(start + step) % list.length]
      if (eligible(d)) {
        chosen = d
        break
      }
    }
    if (chosen) st.cursor = chosen
    const cursor = start >= 0 ? destName(list[start]) : null
    const why = !chosen
      ? rule('sched.unusable', 'rr: every server has weight 0 or is overloaded', { name: 'rr' })
      : cursor
        ? rule('sched.rr', `rr: the server after ${cursor} in list order (newest added first) with weight > 0`, { prev: cursor })
        : rule('sched.rr.head', 'rr: the first server in list order (newest added first) with weight > 0, the cursor being at the list head')
    ctx.explain(
      () => candidates(svc, (d) => (d === chosen ? { code: 'next' } : null)),
      why,
      () => ({ kind: 'rr', cursor }),
    )
    return chosen
  },
}
