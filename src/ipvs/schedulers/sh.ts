// sh, source hashing (ip_vs_sh.c): 256 buckets, each server taking `weight` consecutive buckets per
// round (at least one, even at weight 0). The client address (plus its port with sh-port) picks the
// bucket: (offset + hash_32(port + addr, 8)) & 255. A quiesced or overloaded target fails the client
// unless sh-fallback probes further buckets.

import { formatIp } from '../../net/addr.ts'
import { hash32 } from './hash.ts'
import { candidates, hashDetail, rule, destName, eligible, type Scheduler } from './scheduler.ts'
import type { Dest, Service } from '../types.ts'

const BUCKETS = 256

function fill(svc: Service): void {
  const list = svc.dests
  const table: (Dest | null)[] = []
  let di = 0
  let count = 0
  for (let i = 0; i < BUCKETS; i++) {
    if (!list.length) {
      table.push(null)
      continue
    }
    const d = list[di]
    table.push(d)
    if (++count >= d.weight) {
      count = 0
      di = (di + 1) % list.length
    }
  }
  svc.schedData = table
}

function hashkey(addr: number, port: number, offset: number): number {
  return (offset + hash32((port + addr) >>> 0, 8)) & (BUCKETS - 1)
}

export const sh: Scheduler = {
  name: 'sh',
  mainline: true,
  summary: 'Source Hashing: the client address always maps to the same server (session affinity).',
  initService: fill,
  addDest: fill,
  delDest: fill,
  updDest: fill,
  schedule(svc, ctx) {
    const table = svc.schedData as (Dest | null)[]
    const port = svc.schedFlags.includes('sh-port') ? ctx.cport : 0
    const ihash = hashkey(ctx.caddr, port, 0)
    let chosen: Dest | null = null
    let bucket = ihash
    const first = table[ihash]
    if (first && eligible(first)) chosen = first
    else if (svc.schedFlags.includes('sh-fallback')) {
      for (let k = 0; k < BUCKETS; k++) {
        bucket = hashkey(ctx.caddr, port, (k + ihash) % BUCKETS)
        const d = table[bucket]
        if (!d) break
        if (eligible(d)) {
          chosen = d
          break
        }
      }
    }
    const who = `${formatIp(ctx.caddr)}${port ? `:${port}` : ''}`
    ctx.explain(
      () => candidates(svc, (x) => (x === first ? { code: 'bucket', bucket: ihash } : null)),
      chosen ? rule('sched.sh', `sh: ${who} hashes to bucket ${bucket}, which holds ${destName(chosen)}`, { who, bucket, dest: destName(chosen) }) : rule('sched.sh.miss', `sh: ${who} hashes to bucket ${ihash}, whose server has weight 0 or is overloaded (no sh-fallback)`, { who, bucket: ihash }),
      () => hashDetail(svc, table, who, ihash, bucket, chosen),
    )
    return chosen
  },
}
