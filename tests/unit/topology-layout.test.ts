// The picture's geometry: cards of a column never overlap and stay inside the drawing, the drawing
// is as tall as the panel unless a column stacked tight needs more, and a drawing laid out in a
// smaller room (presenter mode enlarges it by the room's factor) is a tight one, not a spread one;
// a real server's link, which passes the director's column on its way to the bus, runs clear of it.

import { describe, expect, it } from 'vitest'
import type { TopologyView } from '../../src/worker/protocol.ts'
import { layout, MIN_HEIGHT, type Size } from '../../src/ui/topology/layout.ts'

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
    expect(l.cards.get('dr-lvs')!.cy - 49).toBeGreaterThanOrEqual(42)
  })

  it('in a room smaller than the lab, grows only to the tightest column: 42 + 70 + 14 + 70 + 10', () => {
    const l = layout(dr, sizes, { width: 520, height: 129 }, MIN_HEIGHT / 2)
    expect(l.height).toBe(206)
    const [rs1, rs2] = column(l, ['RS1', 'RS2'])
    expect(rs1.top).toBe(42)
    expect(rs2.top).toBe(rs1.bottom + 14)
    expect(rs2.bottom).toBe(196)
    // The width is the lab's natural one: four columns and two buses with their least spacing.
    expect(l.width).toBe(2 * 8 + 151 + 151 + 181 + 157 + 5 * 30)
  })

  it('never takes less than the least height asked for', () => {
    expect(layout(dr, new Map(), { width: 800, height: 100 }).height).toBe(MIN_HEIGHT)
    expect(layout(dr, new Map(), { width: 800, height: 100 }, 150).height).toBe(150)
    // Below the tight column (two 40 px cards: 42 + 40 + 14 + 40 + 10) the column wins.
    expect(layout(dr, new Map(), { width: 800, height: 100 }, 120).height).toBe(146)
  })

  it("moves a card whose link would pass through another column's card: DR's real servers round a tall director", () => {
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
      for (const rs of ['RS1', 'RS2']) {
        const y = l.cards.get(rs)!.cy
        expect(y <= d.cy - d.h / 2 - 8 || y >= d.cy + d.h / 2 + 8, `${rs} at ${y}, director ${d.cy - d.h / 2}..${d.cy + d.h / 2}`).toBe(true)
      }
      const [rs1, rs2] = column(l, ['RS1', 'RS2'])
      expect(rs1.bottom + 14).toBeLessThanOrEqual(rs2.top + 1e-9)
      expect(rs2.bottom).toBeLessThanOrEqual(l.height - 10 + 1e-9)
    }
    // Without links (or with none passing a card) nothing moves: the plain layout above.
    expect(layout(dr, tall, { width: 1000, height: 400 }).cards.get('RS1')!.cy).toBe(layout({ ...dr, hosts: dr.hosts.map((h) => ({ ...h, ifaces: [] })) } as unknown as TopologyView, tall, { width: 1000, height: 400 }).cards.get('RS1')!.cy)
  })
})
