// lblc, locality-based least connection (ip_vs_lblc.c): a cache maps each destination address to a
// server; a cached server is reused unless it is "overloaded" in lblc's sense (active connections
// above its weight while some server is under half its weight), else wlc picks and the cache is
// updated. Entries unused for lblc_expiration (24 h) are collected.

import { formatIp } from '../../net/addr.ts'
import { pickLeast } from './least.ts'
import { candidates, rule, destName, overhead, type SchedContext, type Scheduler } from './scheduler.ts'
import type { Dest, Service } from '../types.ts'

export function lblcOverloaded(svc: Service, d: Dest): boolean {
  return d.activeConns > d.weight && svc.dests.some((x) => x.activeConns * 2 < x.weight)
}

export function wlcPick(svc: Service, ctx: SchedContext, name: string): Dest | null {
  return pickLeast(svc, ctx, name, overhead, true, 'overhead')
}

interface Entry {
  dest: Dest
  lastuse: number
}

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
        ctx.explain(() => candidates(svc, (d) => (d === e.dest ? 'cached' : '')), rule('sched.lblc.cached', `lblc: ${formatIp(ctx.daddr)} is cached on ${destName(e.dest)}, which is not overloaded`, { daddr: formatIp(ctx.daddr), dest: destName(e.dest) }))
        return e.dest
      }
    }
    const d = wlcPick(svc, ctx, 'lblc')
    if (d) cache.set(ctx.daddr, { dest: d, lastuse: ctx.now })
    return d
  },
}
