// dh, destination hashing (ip_vs_dh.c): 256 buckets filled with the destination list in order,
// one bucket per server per round whatever the weights; the packet's destination address picks
// the bucket with hash_32(daddr, 8). Useful with FWM services (caches); for a plain service every
// packet has the VIP as destination, so one server gets everything. No fallback.

import { formatIp } from '../../net/addr.ts'
import { hash32 } from './hash.ts'
import { candidates, hashDetail, rule, destName, eligible, type Scheduler } from './scheduler.ts'
import type { Dest, Service } from '../types.ts'

const BUCKETS = 256

function fill(svc: Service): void {
  const list = svc.dests
  svc.schedData = Array.from({ length: BUCKETS }, (_, i) => (list.length ? list[i % list.length] : null))
}

export const dh: Scheduler = {
  name: 'dh',
  mainline: true,
  summary: 'Destination Hashing: the destination address always maps to the same server.',
  initService: fill,
  addDest: fill,
  delDest: fill,
  schedule(svc, ctx) {
    const table = svc.schedData as (Dest | null)[]
    const bucket = hash32(ctx.daddr, 8)
    const d = table[bucket]
    const chosen = d && d.available && eligible(d) ? d : null
    ctx.explain(
      () => candidates(svc, (x) => (x === d ? { code: 'bucket', bucket } : null)),
      chosen ? rule('sched.dh', `dh: hash_32(${formatIp(ctx.daddr)}, 8) = bucket ${bucket}, which holds ${destName(chosen)}`, { daddr: formatIp(ctx.daddr), bucket, dest: destName(chosen) }) : rule('sched.dh.miss', `dh: bucket ${bucket} holds no usable server (no fallback)`, { bucket }),
      () => hashDetail(svc, table, formatIp(ctx.daddr), bucket, bucket, chosen),
    )
    return chosen
  },
}
