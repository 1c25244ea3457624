// What "freeze and ask" stops before: the moments a class can predict, the IPVS rewrite of a
// packet (which addresses, which MAC) and the scheduler's pick of a real server.

import type { TraceRecord } from '../../worker/protocol.ts'

export function freezeWorthy(r: TraceRecord): boolean {
  return r.type === 'rewrite' || r.type === 'sched'
}
