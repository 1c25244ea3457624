// mh, Maglev hashing (ip_vs_mh.c): a 4093-slot lookup table. Each server walks its own permutation
// (offset and skip from hsiphash of its address and port) and claims `turns` free slots per round
// until the table is full; turns come from last_weight scaled down by the gcd and a shift. The
// client address (plus port with mh-port) hashed with the same key picks the slot. Changing one
// server moves only the slots it claims; a quiesced server keeps its slots (mh-fallback probes on).

import { formatIp } from '../../net/addr.ts'
import { hsiphash32 } from './hash.ts'
import { candidates, hashDetail, rule, destName, eligible, type Scheduler } from './scheduler.ts'
import type { Dest, Service } from '../types.ts'

const M = 4093
const HASH1 = 2654435761
const HASH2 = 2654446892

interface MhState {
  table: (Dest | null)[]
  lastWeight: Map<Dest, number>
}

function mhHash(key: number, addr: number, port: number, offset: number): number {
  return hsiphash32((offset + port + addr) >>> 0, key)
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b]
  return a
}

function fls(x: number): number {
  return x ? 32 - Math.clz32(x) : 0
}

function build(svc: Service): void {
  const prev = svc.schedData as MhState | null
  const lastWeight = prev?.lastWeight ?? new Map<Dest, number>()
  for (const d of svc.dests) if (!lastWeight.has(d) || d.weight > 0) lastWeight.set(d, d.weight)
  const weights = svc.dests.map((d) => lastWeight.get(d) ?? 0)
  const positive = weights.filter((w) => w > 0)
  const g = positive.length ? positive.reduce(gcd) : 1
  const maxW = positive.length ? Math.max(...positive) : 0
  const rshift = Math.max(0, fls(Math.floor(maxW / g)) - 6)
  const turns = weights.map((w) => (w ? (w / g) >> rshift || 1 : 0))
  const perm = svc.dests.map((d) => mhHash(HASH1, d.addr, d.port, 0) % M)
  const skip = svc.dests.map((d) => (mhHash(HASH2, d.addr, d.port, 0) % (M - 1)) + 1)
  const table: (Dest | null)[] = new Array(M).fill(null)
  let filled = 0
  if (turns.some((t) => t > 0)) {
    while (filled < M) {
      for (let i = 0; i < svc.dests.length && filled < M; i++) {
        for (let t = 0; t < turns[i] && filled < M; t++) {
          while (table[perm[i]]) perm[i] = (perm[i] + skip[i]) % M
          table[perm[i]] = svc.dests[i]
          filled++
        }
      }
    }
  }
  svc.schedData = { table, lastWeight } satisfies MhState
}

export const mh: Scheduler = {
  name: 'mh',
  mainline: true,
  summary: 'Maglev Hashing: consistent hashing of the client, moving few clients when servers change.',
  initService(svc) {
    svc.schedData = null
    build(svc)
  },
  addDest: build,
  delDest: build,
  updDest: build,
  schedule(svc, ctx) {
    const st = svc.schedData as MhState
    const port = svc.schedFlags.includes('mh-port') ? ctx.cport : 0
    const slot = mhHash(HASH1, ctx.caddr, port, 0) % M
    const first = st.table[slot]
    let chosen: Dest | null = first && eligible(first) ? first : null
    let served = slot
    if (!chosen && first && svc.schedFlags.includes('mh-fallback')) {
      for (let k = 0; k < M; k++) {
        served = mhHash(HASH1, ctx.caddr, port, (k + slot) % M) % M
        const d = st.table[served]
        if (!d) break
        if (eligible(d)) {
          chosen = d
          break
        }
      }
    }
    const key = `${formatIp(ctx.caddr)}${port ? `:${port}` : ''}`
    ctx.explain(
      () => candidates(svc, (x) => ({ code: 'slots', slots: st.table.filter((t) => t === x).length })),
      chosen ? rule('sched.mh', `mh: ${formatIp(ctx.caddr)} hashes to slot ${slot} of ${M}, owned by ${destName(chosen)}`, { caddr: formatIp(ctx.caddr), slot, size: M, dest: destName(chosen) }) : rule('sched.mh.miss', `mh: slot ${slot} belongs to a server with weight 0 or overloaded (no mh-fallback)`, { slot }),
      () => hashDetail(svc, st.table, key, slot, served, chosen),
    )
    return chosen
  },
}
