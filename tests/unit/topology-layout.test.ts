// The picture's geometry: cards of a column never overlap and stay inside the drawing, the drawing
// is as tall as the panel unless a column stacked tight needs more, and a drawing laid out in a
// smaller room (presenter mode enlarges it by the room's factor) is a tight one, not a spread one;
// a real server's link, which passes the director's column on its way to the bus, goes round it.

import { describe, expect, it } from 'vitest'
import type { TopologyView } from '../../src/worker/protocol.ts'
import { hopPath, layout, linkOf, MIN_HEIGHT, type Size } from '../../src/ui/topology/layout.ts'

// DR's positions (src/lab/labs/dr.ts): two real servers low in one column, the director above.
const dr = {
  hosts: [
    { name: 'client', x: 0.04, y: 0.5 },
    { name: 'luyou', x: 0.4, y: 0.5 },
    { name: 'dr-lvs', x: 0.8, y: 0.12 },
    { name: 'RS1', x: 1, y: 0.55 },
    { name: 'RS2', x: 1, y: 0.9 },
  ],
  networks: [
    { id: 'public', x: 0.2 },
    { id: 'private', x: 0.6 },
  ],
} as unknown as TopologyView

const sizes = new Map<string, Size>([
  ['client', { w: 151, h: 42 }],
  ['luyou', { w: 151, h: 56 }],
  ['dr-lvs', { w: 181, h: 98 }],
  ['RS1', { w: 157, h: 70 }],
  ['RS2', { w: 157, h: 70 }],
])

function column(l: ReturnType<typeof layout>, names: string[]) {
  return names.map((n) => l.cards.get(n)!).map((c) => ({ top: c.cy - c.h / 2, bottom: c.cy + c.h / 2 }))
}

describe('topology layout', () => {
  it('keeps the panel height when the lab fits, with every card inside it', () => {
    const l = layout(dr, sizes, { width: 1000, height: 400 })
    expect(l.height).toBe(400)
    expect(l.width).toBe(1000)
    const [rs1, rs2] = column(l, ['RS1', 'RS2'])
    expect(rs1.bottom + 14).toBeLessThanOrEqual(rs2.top + 1e-9)
    expect(rs2.bottom).toBeLessThanOrEqual(400 - 10 + 1e-9)
    expect(l.cards.get('dr-lvs')!.cy - 49).toBeGreaterThanOrEqual(30)
  })

  it('in a room smaller than the lab, grows only to the tightest column: 30 + 70 + 14 + 70 + 10', () => {
    const l = layout(dr, sizes, { width: 520, height: 129 }, MIN_HEIGHT / 2)
    expect(l.height).toBe(194)
    const [rs1, rs2] = column(l, ['RS1', 'RS2'])
    expect(rs1.top).toBe(30)
    expect(rs2.top).toBe(rs1.bottom + 14)
    expect(rs2.bottom).toBe(184)
    // The width is the lab's natural one: four columns and two buses with their least spacing.
    expect(l.width).toBe(2 * 8 + 151 + 151 + 181 + 157 + 5 * 30)
  })

  it('never takes less than the least height asked for', () => {
    expect(layout(dr, new Map(), { width: 800, height: 100 }).height).toBe(MIN_HEIGHT)
    expect(layout(dr, new Map(), { width: 800, height: 100 }, 150).height).toBe(150)
    // Below the tight column (two 40 px cards: 30 + 40 + 14 + 40 + 10) the column wins.
    expect(layout(dr, new Map(), { width: 800, height: 100 }, 120).height).toBe(134)
  })

  it("routes a link round another column's card instead of through it: DR's real servers round a tall director", () => {
    const wired = {
      ...dr,
      hosts: dr.hosts.map((h) => ({ ...h, ifaces: [{ name: 'eth0', network: h.name === 'client' ? 'public' : 'private' }] })),
    } as unknown as TopologyView
    const tall = new Map(sizes).set('dr-lvs', { w: 245, h: 165 })
    for (const panel of [
      { width: 1000, height: 400 },
      { width: 520, height: 240 },
    ]) {
      const l = layout(wired, tall, panel)
      const d = l.cards.get('dr-lvs')!
      const bus = l.buses.get('private')!.x
      for (const rs of ['RS1', 'RS2']) {
        const path = linkOf(l, rs, 'private')
        const card = l.cards.get(rs)!
        // From the card's left edge to the bus, every horizontal run clear of the director's card.
        expect(path[0]).toEqual({ x: card.cx - card.w / 2, y: card.cy })
        expect(path.at(-1)!.x).toBe(bus)
        for (let i = 1; i < path.length; i++) {
          const [a, b] = [path[i - 1], path[i]]
          const passes = Math.min(a.x, b.x) < d.cx + d.w / 2 && Math.max(a.x, b.x) > d.cx - d.w / 2 && Math.max(a.y, b.y) > d.cy - d.h / 2 && Math.min(a.y, b.y) < d.cy + d.h / 2
          expect(passes, `${rs} segment ${i} at ${JSON.stringify([a, b])}`).toBe(false)
        }
        // The frame's way to the real server follows the link.
        expect(hopPath(l, 'dr-lvs', rs, 'private').slice(-path.length)).toEqual([...path].reverse())
      }
      // The cards stay where the plain layout puts them: no more room taken.
      expect(l.height).toBe(layout(dr, tall, panel).height)
    }
    // The client's link passes no card: a straight line to its bus.
    const l = layout(wired, tall, { width: 1000, height: 400 })
    expect(linkOf(l, 'client', 'public')).toHaveLength(2)
  })
})
