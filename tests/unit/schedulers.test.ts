// Scheduler pick sequences, table-driven from ipvs-kernel.md §1: rr and wrr walk the destination
// list newest first; wrr over weights 3/2/1 added A, B, C picks C, B, A, then A, B, A, C, B, A.

import { describe, expect, it } from 'vitest'
import { Engine } from '../../src/sim/engine.ts'
import { SCHEDULERS } from '../../src/ipvs/schedulers/index.ts'
import type { SchedContext } from '../../src/ipvs/schedulers/scheduler.ts'
import { Stats } from '../../src/ipvs/stats.ts'
import type { Dest, Service } from '../../src/ipvs/types.ts'
import { picks, workingNat } from './helpers.ts'

function service(name: string): Service {
  return { fwmark: 0, proto: 'tcp', addr: 1, port: 80, scheduler: name, schedData: null, persistent: false, timeout: 0, netmask: 0xffffffff, ops: false, pe: null, schedFlags: [], dests: [], stats: new Stats(), laddrs: [], laddrCursor: 0 }
}

function dest(addr: number, weight: number, active = 0, inact = 0): Dest {
  return { addr, port: 80, fwd: 'masq', weight, uThreshold: 0, lThreshold: 0, activeConns: active, inactConns: inact, persistConns: 0, overloaded: false, available: true, tunType: 'ipip', tunPort: 0, tunFlags: null, stats: new Stats() }
}

/** Adds dests in order (each goes to the list head, as the kernel does) and returns n picks by name. */
function sequence(name: string, weights: Record<string, number>, n: number, load: Record<string, [number, number]> = {}): string[] {
  const sched = SCHEDULERS[name]
  const svc = service(name)
  sched.initService?.(svc)
  const names = new Map<Dest, string>()
  Object.entries(weights).forEach(([label, w], i) => {
    const d = dest(i + 1, w, ...(load[label] ?? [0, 0]))
    names.set(d, label)
    svc.dests.unshift(d)
    sched.addDest?.(svc, d)
  })
  const engine = new Engine(7)
  const ctx: SchedContext = { rng: engine.rng, caddr: 0, cport: 0, daddr: 0, now: 0, explain: () => {} }
  const out: string[] = []
  for (let i = 0; i < n; i++) {
    const d = sched.schedule(svc, ctx)
    out.push(d ? names.get(d)! : '-')
  }
  return out
}

describe('schedulers', () => {
  it('rr walks the list newest first', () => {
    expect(sequence('rr', { A: 1, B: 1 }, 4)).toEqual(['B', 'A', 'B', 'A'])
  })

  it('rr skips quiesced servers', () => {
    expect(sequence('rr', { A: 1, B: 0, C: 1 }, 4)).toEqual(['C', 'A', 'C', 'A'])
  })

  it.each([
    [{ A: 3, B: 2, C: 1 }, ['C', 'B', 'A', 'A', 'B', 'A', 'C', 'B', 'A', 'A', 'B', 'A', 'C', 'B', 'A']],
    [{ C: 1, B: 2, A: 3 }, ['A', 'B', 'C', 'A', 'A', 'B', 'A', 'B', 'C']],
    [{ A: 4, B: 3, C: 2 }, ['C', 'B', 'A', 'A', 'B', 'A', 'C', 'B', 'A', 'C', 'B', 'A']],
    [{ A: 2, B: 4 }, ['B', 'A', 'B', 'B', 'A', 'B', 'B', 'A']],
  ])('wrr %o gives the kernel order', (weights, expected) => {
    expect(sequence('wrr', weights, expected.length)).toEqual(expected)
  })

  it('wlc with idle servers picks the newest, then the least loaded by overhead/weight', () => {
    expect(sequence('wlc', { A: 1, B: 1 }, 1)).toEqual(['B'])
    expect(sequence('wlc', { A: 1, B: 1 }, 1, { B: [1, 0] })).toEqual(['A'])
    // A: (256 + 100) / 2 = 178 against B: 150 / 1: B is less loaded.
    expect(sequence('wlc', { A: 2, B: 1 }, 1, { A: [1, 100], B: [0, 150] })).toEqual(['B'])
  })

  it('lc ignores weights beyond zero', () => {
    expect(sequence('lc', { A: 5, B: 1 }, 1, { A: [0, 3], B: [0, 2] })).toEqual(['B'])
    expect(sequence('lc', { A: 5, B: 0 }, 1, { A: [0, 3] })).toEqual(['A'])
  })

  it('sed minimises (active + 1) / weight, nq takes an idle server first', () => {
    // A: (1 + 1) / 3 beats B: (0 + 1) / 1; with A at (2 + 1) / 3 the tie goes to B, the newer.
    expect(sequence('sed', { A: 3, B: 1 }, 1, { A: [1, 0] })).toEqual(['A'])
    expect(sequence('sed', { A: 3, B: 1 }, 1, { A: [2, 0] })).toEqual(['B'])
    expect(sequence('nq', { A: 3, B: 1 }, 1, { A: [1, 0] })).toEqual(['B'])
  })

  it('fo always takes the highest weight; ovf spills over when active > weight', () => {
    expect(sequence('fo', { A: 1, B: 3, C: 3 }, 3)).toEqual(['C', 'C', 'C'])
    expect(sequence('ovf', { A: 1, B: 2 }, 1, { B: [2, 0] })).toEqual(['B'])
    expect(sequence('ovf', { A: 1, B: 2 }, 1, { B: [3, 0] })).toEqual(['A'])
  })

  it('twos is reproducible from the seed and returns eligible servers', () => {
    const a = sequence('twos', { A: 1, B: 2, C: 3 }, 12)
    expect(sequence('twos', { A: 1, B: 2, C: 3 }, 12)).toEqual(a)
    expect(new Set(a).size).toBeGreaterThan(1)
  })

  it('none schedules nothing', () => {
    expect(sequence('none', { A: 1 }, 1)).toEqual(['-'])
  })
})

describe('scheduling through the NAT lab', () => {
  it('rr alternates RS2, RS1 (the newest server first, as on a real director)', () => {
    expect(picks(workingNat('rr'), 4)).toEqual(['RS2', 'RS1', 'RS2', 'RS1'])
  })

  it('wrr with rs1 weight 2 gives rs1 two requests per round', () => {
    // rs1 (2) then rs2 (1): list rs2, rs1; cw starts at 1, so the first round is rs2, rs1.
    const lab = workingNat('wrr', [['192.168.0.10', 2], ['192.168.0.20', 1]])
    expect(picks(lab, 6)).toEqual(['RS2', 'RS1', 'RS1', 'RS2', 'RS1', 'RS1'])
  })
})
