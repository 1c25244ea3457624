// lblc, locality-based least connection (ip_vs_lblc.c): a cache maps each destination address to a
// server; a cached server is reused unless it is "overloaded" in lblc's sense (active connections
// above its weight while some server is under half its weight), else wlc picks and the cache is
// updated. Entries unused for lblc_expiration (24 h) are collected.

import { formatIp } from '../../net/addr.ts'
import { pickLeast } from './least.ts'
import { candidates, rule, destName, overhead, type SchedContext, type Scheduler } from './scheduler.ts'
import { SECOND } from '../../sim/engine.ts'
import type { SchedDetail } from '../../sim/trace.ts'
import type { Dest, Service } from '../types.ts'

export function lblcOverloaded(svc: Service, d: Dest): boolean {
  return d.activeConns > d.weight && svc.dests.some((x) => x.activeConns * 2 < x.weight)
}

/** Entries the card lists: the most recently used first. */
const TABLE_SHOWN = 16

/** The locality table as the card shows it: destination address, its server(s), seconds unused. */
export function localityDetail<E extends { lastuse: number }>(cache: Map<number, E>, servers: (e: E) => Dest[], daddr: number, hit: boolean, now: number): SchedDetail {
  const rows = [...cache].sort((a, b) => b[1].lastuse - a[1].lastuse).slice(0, TABLE_SHOWN)
  return { kind: 'locality', daddr: formatIp(daddr), hit, table: rows.map(([addr, e]) => ({ daddr: formatIp(addr), dests: servers(e).map(destName), idleS: Math.round((now - e.lastuse) / SECOND) })) }
}

/**
 * A cache miss falls to wlc over the whole service; wlc's explanation stands, with the locality
 * table (as updated by `after`) as the card's detail.
 */
export function wlcMiss(svc: Service, ctx: SchedContext, name: string, detail: () => SchedDetail, after: (d: Dest) => void): Dest | null {
  let said: Parameters<SchedContext['explain']> | null = null
  const d = pickLeast(svc, { ...ctx, explain: (...args) => (said = args) }, name, overhead, true, 'overhead')
  if (d) after(d)
  if (said) ctx.explain(said[0], said[1], detail)
  return d
}

interface Entry {
  dest: Dest
  lastuse: number
}

const members = (e: Entry) => [e.dest]

export const lblc: Scheduler = {
  name: 'lblc',
  mainline: true,
  summary: 'Locality-Based Least Connection: the same destination address keeps its server unless it is overloaded.',
  initService(svc) {
    svc.schedData = new Map<number, Entry>()
  },
  schedule(svc, ctx) {
    const cache = svc.schedData as Map<number, Entry>
    const e = cache.get(ctx.daddr)
    if (e) {
      e.lastuse = ctx.now
      if (e.dest.available && e.dest.weight > 0 && !lblcOverloaded(svc, e.dest)) {
        ctx.explain(
          () => candidates(svc, (d) => (d === e.dest ? { code: 'cached' } : null)),
          rule('sched.lblc.cached', `lblc: ${formatIp(ctx.daddr)} is cached on ${destName(e.dest)}, which is not overloaded`, { daddr: formatIp(ctx.daddr), dest: destName(e.dest) }),
          () => localityDetail(cache, members, ctx.daddr, true, ctx.now),
        )
        return e.dest
      }
    }
    return wlcMiss(svc, ctx, 'lblc', () => localityDetail(cache, members, ctx.daddr, false, ctx.now), (d) => cache.set(ctx.daddr, { dest: d, lastuse: ctx.now }))
  },
}
