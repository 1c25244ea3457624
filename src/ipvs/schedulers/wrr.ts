// wrr, weighted round robin (ip_vs_wrr.c). State: cl (last pick), cw (current weight), mw (the
// largest weight minus (di - 1)) and di (the gcd of all positive weights). Each pass walks the list
// from cl and picks the next server whose weight is at least cw; when a pass ends, cw drops by di,
// and when it reaches 0 a new round starts at mw. So in a round a server of weight w is picked w/di
// times. Every add, delete or edit recomputes mw and di, resets cl to the list head, and clamps cw
// as the kernel's ip_vs_wrr_dest_changed does; init_service starts with cw = mw. For the card the
// state also keeps the picks of the round under way (a round starts when cw restarts at mw), the
// first ROUND_KEPT of them by name.

import { candidates, destName, rule, type Scheduler } from './scheduler.ts'
import type { Reason } from '../../sim/trace.ts'
import type { Dest, Service } from '../types.ts'

interface WrrState {
  cl: Dest | null
  cw: number
  mw: number
  di: number
  round: Dest[]
  roundLength: number
}

const ROUND_KEPT = 64

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b]
  return a
}

function weights(svc: Service): { mw: number; di: number } {
  const ws = svc.dests.map((d) => d.weight).filter((w) => w > 0)
  if (!ws.length) return { mw: 0, di: 1 }
  const di = ws.reduce(gcd)
  return { mw: Math.max(...ws) - (di - 1), di }
}

function changed(svc: Service): void {
  const st = svc.schedData as WrrState
  const { mw, di } = weights(svc)
  st.mw = mw
  st.di = di
  st.cl = null
  st.round = []
  st.roundLength = 0
  if (st.cw > mw || st.cw === 0) st.cw = mw
  else if (di > 1) st.cw = Math.floor(st.cw / di) * di + 1
}

export const wrr: Scheduler = {
  name: 'wrr',
  mainline: true,
  summary: 'Weighted Round Robin: servers take turns, a server of weight w getting w turns per round.',
  initService(svc) {
    const { mw, di } = weights(svc)
    svc.schedData = { cl: null, cw: mw, mw, di, round: [], roundLength: 0 } satisfies WrrState
  },
  addDest: changed,
  delDest: changed,
  updDest: changed,
  schedule(svc, ctx) {
    const st = svc.schedData as WrrState
    const list = svc.dests
    const explain = (why: Reason) =>
      ctx.explain(
        () => candidates(svc, (d) => ({ code: 'weightCw', weight: d.weight, cw: st.cw })),
        why,
        () => ({ kind: 'wrr', cw: st.cw, mw: st.mw, di: st.di, round: st.round.map(destName), roundLength: st.roundLength }),
      )
    if (st.mw === 0) {
      explain(rule('sched.wrr.none', 'wrr: no server has a weight above 0'))
      return null
    }
    let i = st.cl ? list.indexOf(st.cl) : -1
    // Each pass visits every server once; the kernel gives up after cw has cycled through all levels.
    const maxSteps = (list.length + 1) * (Math.ceil(st.mw / st.di) + 2)
    for (let step = 0; step < maxSteps; step++) {
      i++
      if (i >= list.length) {
        i = -1
        st.cw -= st.di
        if (st.cw <= 0) {
          st.cw = st.mw
          st.round = []
          st.roundLength = 0
        }
        continue
      }
      const d = list[i]
      if (!d.overloaded && d.weight >= st.cw) {
        st.cl = d
        if (st.round.length < ROUND_KEPT) st.round.push(d)
        st.roundLength++
        explain(rule('sched.wrr', `wrr: first server after the last pick whose weight is at least the current weight cw = ${st.cw} (cw falls by ${st.di} after each pass, restarting at ${st.mw})`, { cw: st.cw, di: st.di, mw: st.mw }))
        return d
      }
    }
    explain(rule('sched.wrr.overloaded', 'wrr: no destination available: all destinations are overloaded'))
    return null
  },
}
