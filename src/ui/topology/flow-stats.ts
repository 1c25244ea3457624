// The flow view's numbers: over the last second of virtual time before the cursor, how many
// frames crossed each host's link to each network and how the scheduler shared out the new
// connections among real servers, as rates. Bulk traffic is shown this way because a thousand
// requests cannot be watched hop by hop; the counts come from the same records the log lists.

import type { TraceRecord } from '../../worker/protocol.ts'

/** Virtual microseconds the rates are taken over. */
export const WINDOW_US = 1_000_000
/** A bound on the records looked at per frame, whatever the window holds. */
const MAX_SCAN = 20_000

export interface FlowStats {
  /** Frames per host link (`host segment`), sent and received. */
  links: Map<string, number>
  /** Scheduling decisions per chosen real server (`ip:port`). */
  dests: Map<string, number>
  decisions: number
  drops: number
  /** The virtual time the counts cover, in microseconds (shorter than the window at the start). */
  span: number
}

export const linkKey = (host: string, segment: string) => `${host} ${segment}`

export function flowStats(records: readonly TraceRecord[], cursor: number): FlowStats {
  const s: FlowStats = { links: new Map(), dests: new Map(), decisions: 0, drops: 0, span: 0 }
  const end = records[cursor]
  if (!end) return s
  const from = end.t - WINDOW_US
  let i = cursor
  for (; i >= 0 && cursor - i < MAX_SCAN && records[i].t > from; i--) {
    const r = records[i]
    if (r.type === 'wire') {
      bump(s.links, linkKey(r.fromHost, r.segment))
      for (const h of r.toHost) bump(s.links, linkKey(h, r.segment))
    } else if (r.type === 'sched') {
      s.decisions++
      if (r.decision.chosen) bump(s.dests, r.decision.chosen)
    } else if (r.type === 'drop') s.drops++
  }
  const first = records[Math.min(cursor, i + 1)]
  // At least a millisecond: a burst at one instant still reads as a rate.
  s.span = Math.max(1000, end.t - first.t)
  return s
}

function bump(m: Map<string, number>, key: string): void {
  m.set(key, (m.get(key) ?? 0) + 1)
}

/** Per second of virtual time, in a few significant digits ("1.2k/s"). */
export function rate(count: number, spanUs: number): string {
  const v = (count * 1e6) / spanUs
  if (v >= 10_000) return `${Math.round(v / 1000)}k/s`
  if (v >= 1000) return `${(v / 1000).toFixed(1)}k/s`
  return `${v >= 10 ? Math.round(v) : v.toFixed(1)}/s`
}
