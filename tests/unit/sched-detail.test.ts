// What each scheduler puts on its card (SchedDecision.detail): the state it decided from, exactly.
// Servers 10.0.0.1, .2, .3 are added in that order, so the list (newest first) is .3, .2, .1.

import { describe, expect, it } from 'vitest'
import { Engine, SECOND } from '../../src/sim/engine.ts'
import { SCHEDULERS } from '../../src/ipvs/schedulers/index.ts'
import type { SchedContext } from '../../src/ipvs/schedulers/scheduler.ts'
import { Stats } from '../../src/ipvs/stats.ts'
import type { Dest, Service } from '../../src/ipvs/types.ts'
import type { Reason, SchedCandidate, SchedDetail } from '../../src/sim/trace.ts'
import { CATALOGUE, LOCALES, type MessageKey } from '../../src/ui/i18n/messages.ts'
import { scoreText } from '../../src/ui/scheduler/score.ts'
import { localizeReason } from '../../src/i18n/reasons.ts'
import { sh as run, workingNat } from './helpers.ts'

const A = 0x0a000001
const name = (i: number) => `10.0.0.${i}:80`

function setup(sched: string, weights: number[], load: [number, number][] = [], flags: string[] = []) {
  const s = SCHEDULERS[sched]
  const svc: Service = { fwmark: 0, proto: 'tcp', addr: 1, port: 80, scheduler: sched, schedData: null, persistent: false, timeout: 0, netmask: 0xffffffff, ops: false, pe: null, schedFlags: flags, dests: [], stats: new Stats(), laddrs: [], laddrCursor: 0 }
  s.initService?.(svc)
  weights.forEach((w, i) => {
    const [active, inact] = load[i] ?? [0, 0]
    const d: Dest = { addr: A + i, port: 80, fwd: 'masq', weight: w, uThreshold: 0, lThreshold: 0, activeConns: active, inactConns: inact, persistConns: 0, overloaded: false, available: true, tunType: 'ipip', tunPort: 0, tunFlags: null, stats: new Stats() }
    svc.dests.unshift(d)
    s.addDest?.(svc, d)
  })
  const engine = new Engine(7)
  let detail: SchedDetail | undefined
  let compared: SchedCandidate[] = []
  let why: Reason | undefined
  const ctx: SchedContext = { rng: engine.rng, caddr: 0xc0a80001, cport: 40000, daddr: 0xac19fec8, now: 0, explain: (c, r, d) => ((detail = d?.()), (compared = c()), (why = r)) }
  /** One decision: the pick's name and the card's detail. */
  const decide = (over: Partial<SchedContext> = {}) => {
    detail = undefined
    const d = s.schedule(svc, { ...ctx, ...over })
    // Set by the explain callback during schedule(), which the compiler cannot see.
    const card = detail as SchedDetail | undefined
    return { chosen: d ? `10.0.0.${d.addr & 255}:80` : null, detail: card }
  }
  /** The last decision's compared column and rule, as the engine gave them. */
  const said = () => ({ scores: compared.map((c) => c.score), rule: why! })
  return { svc, decide, said }
}

/** A catalogue lookup in one locale, as the page's i18n.t fills it. */
const tIn = (locale: (typeof LOCALES)[number]) => (key: MessageKey, params: Record<string, string | number> = {}) => CATALOGUE[locale][key].replace(/\{(\w+)\}/g, (_m, k: string) => String(params[k]))

describe("the compared column: codes and numbers from the engine, words from the catalogue", () => {
  it('gives each scheduler its numbers, worded in every locale with no English left in Chinese', () => {
    const cases: [string, number[], [number, number][], string[]][] = [
      ['rr', [1, 1, 1], [], ['next in turn', '', '']],
      ['wrr', [3, 2, 1], [], ['weight 1 ≥ cw 1', 'weight 2 ≥ cw 1', 'weight 3 ≥ cw 1']],
      ['fo', [1, 5], [], ['weight 5', 'weight 1']],
      ['ovf', [1, 2], [[2, 0], [1, 0]], ['active 1 ≤ weight 2', 'active 2 > weight 1: full']],
      ['wlc', [1, 2], [[1, 4], [0, 9]], ['256×ActiveConn+InActConn = 9, over weight 2', '256×ActiveConn+InActConn = 260, over weight 1']],
      ['lc', [1, 1], [[0, 3], [0, 1]], ['256×ActiveConn+InActConn = 1', '256×ActiveConn+InActConn = 3']],
      ['sed', [1, 1], [[1, 0], [0, 0]], ['ActiveConn+1 = 1, over weight 1', 'ActiveConn+1 = 2, over weight 1']],
    ]
    for (const [sched, weights, load, english] of cases) {
      const { decide, said } = setup(sched, weights, load)
      decide()
      const { scores } = said()
      expect(scores.map((x) => (x ? scoreText(x, tIn('en')) : '')), sched).toEqual(english)
      for (const locale of ['zh-Hans', 'zh-Hant'] as const) {
        for (const x of scores) if (x) expect(scoreText(x, tIn(locale)).replace(/ActiveConn|InActConn|cw/g, ''), `${sched} ${locale}`).not.toMatch(/[A-Za-z]/)
      }
    }
    const { decide, said } = setup('twos', [1, 1])
    decide()
    const drawn = said().scores.filter((x) => x !== null)
    expect(drawn.length).toBeGreaterThan(0)
    for (const x of drawn) expect(scoreText(x, tIn('zh-Hant'))).toBe('被抽中：開銷 0 / 權重 1')
  })

  it("names the least-connection family's cost by its formula, so the rule reads the same words in Chinese", () => {
    const { decide, said } = setup('wlc', [1, 2], [[1, 4], [0, 9]])
    decide()
    const { rule } = said()
    expect(rule.params).toEqual({ name: 'wlc', cost: '(256×ActiveConn+InActConn)/Weight' })
    expect(localizeReason(rule, 'zh-Hant')).toBe('wlc：在權重 > 0 的伺服器中取 (256×ActiveConn+InActConn)/Weight 最小的；相同時取列表中較前的（最新加入的）')
  })
})

describe('scheduler cards', () => {
  it('rr: the cursor before each decision', () => {
    const { decide } = setup('rr', [1, 1, 1])
    expect(decide()).toEqual({ chosen: name(3), detail: { kind: 'rr', cursor: null } })
    expect(decide()).toEqual({ chosen: name(2), detail: { kind: 'rr', cursor: name(3) } })
    expect(decide()).toEqual({ chosen: name(1), detail: { kind: 'rr', cursor: name(2) } })
  })

  it('wrr: cw, mw, di and the round so far, which starts afresh when cw restarts at mw', () => {
    // Weights .1 = 3, .2 = 2, .3 = 1 (list .3, .2, .1). Adding the servers leaves cw at 1, so the
    // first round is the tail of one (C, B, A); then full rounds A, A B, A B C of six picks.
    const { decide } = setup('wrr', [3, 2, 1])
    const seen = Array.from({ length: 9 }, () => decide())
    expect(seen.map((s) => s.chosen)).toEqual([name(3), name(2), name(1), name(1), name(2), name(1), name(3), name(2), name(1)])
    expect(seen[2].detail).toEqual({ kind: 'wrr', cw: 1, mw: 3, di: 1, round: [name(3), name(2), name(1)], roundLength: 3 })
    expect(seen[3].detail).toEqual({ kind: 'wrr', cw: 3, mw: 3, di: 1, round: [name(1)], roundLength: 1 })
    expect(seen[6].detail).toEqual({ kind: 'wrr', cw: 1, mw: 3, di: 1, round: [name(1), name(2), name(1), name(3)], roundLength: 4 })
    expect(seen[8].detail).toEqual({ kind: 'wrr', cw: 1, mw: 3, di: 1, round: [name(1), name(2), name(1), name(3), name(2), name(1)], roundLength: 6 })
  })

  it('wrr: di is the gcd of the weights, mw the largest weight less di - 1', () => {
    const { decide } = setup('wrr', [4, 2])
    const seen = Array.from({ length: 3 }, () => decide())
    expect(seen[2]).toEqual({ chosen: name(1), detail: { kind: 'wrr', cw: 3, mw: 3, di: 2, round: [name(1)], roundLength: 1 } })
  })

  it('lc, wlc, sed: every eligible server with its cost and weight', () => {
    const load: [number, number][] = [[1, 4], [0, 9], [2, 0]]
    expect(setup('lc', [1, 2, 3], load).decide()).toEqual({ chosen: name(2), detail: { kind: 'least', idle: null, costs: [{ dest: name(3), cost: 512, weight: 3 }, { dest: name(2), cost: 9, weight: 2 }, { dest: name(1), cost: 260, weight: 1 }] } })
    expect(setup('wlc', [1, 2, 0], load).decide()).toEqual({ chosen: name(2), detail: { kind: 'least', idle: null, costs: [{ dest: name(2), cost: 9, weight: 2 }, { dest: name(1), cost: 260, weight: 1 }] } })
    expect(setup('sed', [1, 2, 3], load).decide()).toEqual({ chosen: name(2), detail: { kind: 'least', idle: null, costs: [{ dest: name(3), cost: 3, weight: 3 }, { dest: name(2), cost: 1, weight: 2 }, { dest: name(1), cost: 2, weight: 1 }] } })
  })

  it('nq: an idle server is named as such; with none idle, sed costs', () => {
    expect(setup('nq', [1, 1, 1], [[1, 0], [0, 0], [3, 0]]).decide()).toEqual({ chosen: name(2), detail: { kind: 'least', idle: name(2), costs: [{ dest: name(3), cost: 4, weight: 1 }, { dest: name(2), cost: 1, weight: 1 }, { dest: name(1), cost: 2, weight: 1 }] } })
    expect(setup('nq', [1, 1], [[1, 0], [2, 0]]).decide().detail).toEqual({ kind: 'least', idle: null, costs: [{ dest: name(2), cost: 3, weight: 1 }, { dest: name(1), cost: 2, weight: 1 }] })
  })

  it('sh: the key, its bucket and owner, the buckets around it, the count per server', () => {
    const { decide } = setup('sh', [1, 1])
    const { chosen, detail } = decide()
    if (detail?.kind !== 'hash') throw new Error('no hash detail')
    expect(detail.key).toBe('192.168.0.1')
    expect(detail.buckets).toBe(256)
    expect(detail.bucket).toBe(detail.first)
    expect(detail.owner).toBe(chosen)
    expect(detail.near).toHaveLength(7)
    expect(detail.near[3]).toEqual({ bucket: detail.first, dest: chosen })
    // Weight 1 each: the 256 buckets alternate between the two servers, newest first.
    expect(detail.near.map((n) => n.bucket % 2 === 0 ? n.dest === name(2) : n.dest === name(1))).toEqual(Array(7).fill(true))
    expect(detail.counts).toEqual([{ dest: name(2), buckets: 128 }, { dest: name(1), buckets: 128 }])
  })

  it('sh with sh-fallback: the bucket that served differs from the hashed one when its server is quiesced', () => {
    const { svc, decide } = setup('sh', [1, 1], [], ['sh-fallback'])
    const first = decide().detail as Extract<SchedDetail, { kind: 'hash' }>
    const owner = svc.dests.find((d) => name(d.addr & 255) === first.owner)!
    owner.weight = 0
    const again = decide().detail as Extract<SchedDetail, { kind: 'hash' }>
    expect(again.first).toBe(first.first)
    expect(again.bucket).not.toBe(first.first)
    expect(again.owner).not.toBe(first.owner)
  })

  it('dh: the destination address is the key', () => {
    const { decide } = setup('dh', [1, 1, 1])
    const { chosen, detail } = decide()
    expect(detail).toMatchObject({ kind: 'hash', key: '172.25.254.200', buckets: 256, owner: chosen })
    expect((detail as Extract<SchedDetail, { kind: 'hash' }>).counts.map((c) => c.buckets)).toEqual([86, 85, 85])
  })

  it('mh: the slot in the 4093-slot table, and the slots per server by weight', () => {
    const { decide } = setup('mh', [1, 3])
    const { chosen, detail } = decide()
    if (detail?.kind !== 'hash') throw new Error('no hash detail')
    expect(detail).toMatchObject({ key: '192.168.0.1', buckets: 4093, owner: chosen })
    expect(detail.counts.reduce((n, c) => n + c.buckets, 0)).toBe(4093)
    expect(detail.counts[0].buckets).toBeGreaterThan(detail.counts[1].buckets * 2)
  })

  it('lblc: a miss fills the table, a hit uses it; the table is most recent first', () => {
    const { decide } = setup('lblc', [1, 1])
    const miss = decide({ now: 0 })
    expect(miss.detail).toEqual({ kind: 'locality', daddr: '172.25.254.200', hit: false, table: [{ daddr: '172.25.254.200', dests: [miss.chosen], idleS: 0 }] })
    decide({ daddr: 0xac19fec9, now: 2 * SECOND })
    const hit = decide({ now: 5 * SECOND })
    expect(hit.chosen).toBe(miss.chosen)
    expect(hit.detail).toMatchObject({ kind: 'locality', daddr: '172.25.254.200', hit: true })
    expect((hit.detail as Extract<SchedDetail, { kind: 'locality' }>).table.map((r) => [r.daddr, r.idleS])).toEqual([['172.25.254.200', 0], ['172.25.254.201', 3]])
  })

  it('lblcr: the set of servers per destination address', () => {
    const { decide } = setup('lblcr', [1, 1])
    const first = decide()
    expect(first.detail).toEqual({ kind: 'locality', daddr: '172.25.254.200', hit: false, table: [{ daddr: '172.25.254.200', dests: [first.chosen], idleS: 0 }] })
    expect(decide().detail).toMatchObject({ hit: true, table: [{ dests: [first.chosen] }] })
  })

  it('fo and ovf: the servers in the order they are tried, highest weight first', () => {
    expect(setup('fo', [2, 5, 5]).decide()).toEqual({ chosen: name(3), detail: { kind: 'order', order: [name(3), name(2), name(1)] } })
    expect(setup('ovf', [5, 1, 3], [[6, 0]]).decide()).toEqual({ chosen: name(3), detail: { kind: 'order', order: [name(1), name(3), name(2)] } })
  })

  it('twos: the two weighted draws, the servers they landed on, and the winner among them', () => {
    const { decide } = setup('twos', [1, 2, 3], [[0, 0], [5, 0], [1, 0]])
    const { chosen, detail } = decide()
    if (detail?.kind !== 'twos') throw new Error('no twos detail')
    expect(detail.total).toBe(6)
    expect(detail.draws.every((r) => r >= 0 && r <= 6)).toBe(true)
    expect(detail.picks).toContain(chosen)
    // The draw walks the list (.3 weight 3, .2 weight 2, .1 weight 1) subtracting weights until <= 0.
    const land = (r: number) => (r <= 3 ? name(3) : r <= 5 ? name(2) : name(1))
    expect(detail.picks).toEqual(detail.draws.map(land))
  })

  it('a persistence template hit is shown as such, with what the template had left', () => {
    const lab = workingNat('rr')
    run(lab, 'lvs', 'ipvsadm -E -t 172.25.254.200:80 -s rr -p 300')
    lab.run('client', 'curl -s 172.25.254.200')
    lab.idle(10 * SECOND)
    lab.run('client', 'curl -s 172.25.254.200')
    const decisions = lab.engine.trace.since(0).flatMap((r) => (r.type === 'sched' ? [r.decision] : []))
    expect(decisions).toHaveLength(2)
    expect(decisions[0].detail).toEqual({ kind: 'rr', cursor: null })
    expect(decisions[1]).toMatchObject({ chosen: decisions[0].chosen, rule: { code: 'sched.persistence' }, detail: { kind: 'persistence', client: '172.25.254.111', netmask: '255.255.255.255', dest: decisions[0].chosen, timeout: 300 } })
    const left = (decisions[1].detail as Extract<SchedDetail, { kind: 'persistence' }>).expiresInS
    expect(left).toBeGreaterThan(285)
    expect(left).toBeLessThan(291)
  })
})
