// lblcr, lblc with replication (ip_vs_lblcr.c): each destination address maps to a set of servers.
// The least loaded member (wlc) serves unless lblc-overloaded; then wlc over the whole service picks
// a server that joins the set. A set unchanged for lblcr_expiration drops its most loaded member.

import { formatIp } from '../../net/addr.ts'
import { SECOND } from '../../sim/engine.ts'
import { lblcOverloaded, localityDetail, wlcMiss } from './lblc.ts'
import { candidates, rule, destName, eligible, overhead, type Scheduler } from './scheduler.ts'
import type { Dest, Service } from '../types.ts'

interface Entry {
  members: Dest[]
  lastuse: number
  lastmod: number
}

const members = (e: Entry) => e.members

const EXPIRATION = 86400 * SECOND

function least(set: Dest[]): Dest | null {
  let best: Dest | null = null
  for (const d of set) if (d.available && eligible(d) && (!best || overhead(best) * d.weight > overhead(d) * best.weight)) best = d
  return best
}

function most(set: Dest[]): Dest | null {
  let worst: Dest | null = null
  for (const d of set) if (d.weight > 0 && (!worst || overhead(worst) * d.weight < overhead(d) * worst.weight)) worst = d
  return worst
}

export const lblcr: Scheduler = {
  name: 'lblcr',
  mainline: true,
  summary: 'Locality-Based Least Connection with Replication: a set of servers per destination address.',
  initService(svc: Service) {
    svc.schedData = new Map<number, Entry>()
  },
  schedule(svc, ctx) {
    const cache = svc.schedData as Map<number, Entry>
    const e = cache.get(ctx.daddr)
    if (!e) return wlcMiss(svc, ctx, 'lblcr', () => localityDetail(cache, members, ctx.daddr, false, ctx.now), (d) => cache.set(ctx.daddr, { members: [d], lastuse: ctx.now, lastmod: ctx.now }))
    e.lastuse = ctx.now
    const d = least(e.members)
    if (e.members.length > 1 && ctx.now > e.lastmod + EXPIRATION) {
      const m = most(e.members)
      if (m) e.members.splice(e.members.indexOf(m), 1)
      e.lastmod = ctx.now
    }
    if (d && !lblcOverloaded(svc, d)) {
      ctx.explain(
        () => candidates(svc, (x) => (e.members.includes(x) ? { code: 'inSet' } : null)),
        rule('sched.lblcr.member', `lblcr: least loaded member of ${formatIp(ctx.daddr)}'s set is ${destName(d)}`, { daddr: formatIp(ctx.daddr), dest: destName(d) }),
        () => localityDetail(cache, members, ctx.daddr, true, ctx.now),
      )
      return d
    }
    return wlcMiss(svc, ctx, 'lblcr', () => localityDetail(cache, members, ctx.daddr, false, ctx.now), (pick) => {
      if (e.members.includes(pick)) return
      e.members.unshift(pick)
      e.lastmod = ctx.now
    })
  },
}
