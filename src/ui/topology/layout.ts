// Where the picture puts things: hosts as cards whose height follows what they show, networks as
// vertical buses, left to right in the order of each lab's fractional positions (src/lab/labs/*),
// every column as wide as its widest card and the room left shared out between them; and
// the path a frame takes (sender's card, along its link to the bus, along the bus, to the
// receiver). Cards of one column never overlap: each takes its wanted height below the one above,
// and the drawing grows when a column stacked tight needs more room than the panel has. A link
// that passes another column on its way to its bus (DR's real servers pass the director) runs
// clear of that column's cards: its card moves above or below them. Pure geometry.

import type { TopologyView } from '../../worker/protocol.ts'

export interface Point {
  x: number
  y: number
}

export interface Card {
  name: string
  cx: number
  cy: number
  w: number
  h: number
}

export interface Layout {
  width: number
  height: number
  cards: Map<string, Card>
  buses: Map<string, { x: number; top: number; bottom: number }>
}

export const MIN_HEIGHT = 240
/** The narrowest card: a name and an address fit. */
export const CARD_W = 150
const MARGIN = 8
const GAP = 14
/** The least room between a card and a bus: an interface name (four characters at 9 px) fits short of the bus. */
const MIN_SPACE = 30
/** A network title's line height: its name over its CIDR. */
export const NET_LINE = 12
/** Room above the cards for the networks' titles, two lines each. */
const TOP = 30 + NET_LINE
const BOTTOM = 10
/** How far a link that passes a card keeps from its edge. */
const CLEAR = 8
/** Hosts whose x fractions differ by less than this share a column. */
const SAME_COLUMN = 0.05

export interface Size {
  w: number
  h: number
}

/** `minHeight`: the least height the drawing takes (an enlarged drawing lays out in a smaller room). */
export function layout(topology: TopologyView, sizes: ReadonlyMap<string, Size>, panel: { width: number; height: number }, minHeight = MIN_HEIGHT): Layout {
  const size = (name: string): Size => sizes.get(name) ?? { w: CARD_W, h: 40 }
  const columns: TopologyView['hosts'][] = []
  for (const h of [...topology.hosts].sort((a, b) => a.x - b.x || a.y - b.y)) {
    const col = columns.find((c) => Math.abs(c[0].x - h.x) < SAME_COLUMN)
    if (col) col.push(h)
    else columns.push([h])
  }
  // Columns and buses in x order; narrower than their natural width, the drawing is scaled down
  // (the SVG's viewBox) rather than squeezed.
  const items = [...columns.map((c) => ({ at: c[0].x, w: Math.max(...c.map((h) => size(h.name).w)), col: c, bus: '' })), ...topology.networks.map((n) => ({ at: n.x, w: 0, col: null, bus: n.id }))].sort((a, b) => a.at - b.at)
  const natural = 2 * MARGIN + items.reduce((n, i) => n + i.w, 0) + (items.length - 1) * MIN_SPACE
  const width = Math.max(panel.width, natural)
  const space = items.length > 1 ? MIN_SPACE + (width - natural) / (items.length - 1) : 0
  const centre = new Map<string, number>()
  const busAt = new Map<string, number>()
  let left = items.length > 1 ? MARGIN : width / 2
  for (const item of items) {
    if (item.col) for (const h of item.col) centre.set(h.name, left + item.w / 2)
    else busAt.set(item.bus, left)
    left += item.w + space
  }
  // The drawing is as tall as the panel, or as its tallest column stacked tight. Each column is
  // then laid out twice: top down, every card at its wanted height or below the one above it;
  // bottom up, every card lifted to fit above the one below it (or the bottom). The room is at
  // least the tight stack, so the second pass never pushes a card above the top.
  const sorted = columns.map((col) => [...col].sort((a, b) => a.y - b.y))
  const tight = (col: TopologyView['hosts']) => TOP + BOTTOM + col.reduce((n, h) => n + size(h.name).h, 0) + GAP * (col.length - 1)
  let height = Math.ceil(Math.max(minHeight, panel.height, ...sorted.map(tight)))
  const cards = new Map<string, Card>()
  const stack = (col: TopologyView['hosts'], avoid: (name: string) => [number, number][]): number => {
    let bottom = TOP - GAP
    for (const h of col) {
      const ch = size(h.name).h
      // The fraction places the whole card inside the room: a card low in its column (a second
      // real server at 0.9) asks for no more height than it takes.
      const wanted = TOP + ch / 2 + h.y * (height - TOP - BOTTOM - ch)
      let cy = Math.max(wanted, bottom + GAP + ch / 2)
      // Its link's height (the card's middle) outside every card the link passes: above one if
      // that is nearer and leaves room under the card above, else below it.
      for (const [a, b] of avoid(h.name).sort((x, y) => x[0] - y[0])) {
        if (cy <= a || cy >= b) continue
        cy = cy - a < b - cy && a - ch / 2 >= bottom + GAP ? a : b
      }
      cards.set(h.name, { name: h.name, cx: centre.get(h.name)!, cy, w: size(h.name).w, h: ch })
      bottom = cy + ch / 2
    }
    return bottom + BOTTOM
  }
  const lift = (col: TopologyView['hosts']) => {
    let limit = height - BOTTOM
    for (const h of [...col].reverse()) {
      const c = cards.get(h.name)!
      c.cy = Math.min(c.cy, limit - c.h / 2)
      limit = c.cy - c.h / 2 - GAP
    }
  }
  for (const col of sorted) {
    stack(col, () => [])
    lift(col)
  }
  // The cards a host's links pass on the way to their buses (cards of the columns between), as
  // the spans of height its link must stay out of. Those columns are laid out first, so a host
  // is moved round cards that stay where they are.
  const busOf = new Map(topology.networks.map((n) => [n.id, busAt.get(n.id)!]))
  const between = (name: string): Card[] => {
    const host = topology.hosts.find((h) => h.name === name)
    const cx = centre.get(name)!
    const out: Card[] = []
    for (const f of host?.ifaces ?? []) {
      const bx = busOf.get(f.network)
      if (bx === undefined) continue
      for (const c of cards.values()) if (c.name !== name && Math.min(cx, bx) < c.cx - c.w / 2 && c.cx + c.w / 2 < Math.max(cx, bx)) out.push(c)
    }
    return out
  }
  const crossing = sorted.filter((col) => col.some((h) => between(h.name).length))
  for (let round = 0; round < 2 && crossing.length; round++) {
    let needed = height
    for (const col of crossing) needed = Math.max(needed, stack(col, (name) => between(name).map((c) => [c.cy - c.h / 2 - CLEAR, c.cy + c.h / 2 + CLEAR])))
    // Moved below a tall card, a column may need more room than the drawing had: it grows, once.
    if (needed <= height) break
    height = Math.ceil(needed)
  }
  for (const col of crossing) if (stackBottom(col, cards) > height - BOTTOM) lift(col)
  const buses = new Map(topology.networks.map((n) => [n.id, { x: busAt.get(n.id)!, top: TOP - 10, bottom: height - 4 }]))
  return { width, height, cards, buses }
}

function stackBottom(col: TopologyView['hosts'], cards: Map<string, Card>): number {
  return Math.max(...col.map((h) => cards.get(h.name)!.cy + cards.get(h.name)!.h / 2))
}

/** Where a host's link leaves its card: the side facing the bus, at the card's middle. */
export function linkEnd(card: Card, busX: number): Point {
  return { x: busX >= card.cx ? card.cx + card.w / 2 : card.cx - card.w / 2, y: card.cy }
}

/** A frame's way: sender's link, the bus, the receiver's link (to the bus's middle if nobody takes it). */
export function hopPath(l: Layout, from: string, to: string | null, segment: string): Point[] {
  const a = l.cards.get(from)
  const bus = l.buses.get(segment)
  if (!a || !bus) return []
  const start = linkEnd(a, bus.x)
  const b = to ? l.cards.get(to) : undefined
  const end = b ? linkEnd(b, bus.x) : { x: bus.x, y: (bus.top + bus.bottom) / 2 }
  return [start, { x: bus.x, y: start.y }, { x: bus.x, y: end.y }, end]
}

/** The point a fraction of the way along a path, by length (a frame moves at one speed). */
export function along(path: readonly Point[], f: number): Point {
  if (!path.length) return { x: 0, y: 0 }
  const lengths: number[] = []
  let total = 0
  for (let i = 1; i < path.length; i++) {
    const d = Math.hypot(path[i].x - path[i - 1].x, path[i].y - path[i - 1].y)
    lengths.push(d)
    total += d
  }
  let left = Math.max(0, Math.min(1, f)) * total
  for (let i = 0; i < lengths.length; i++) {
    if (left <= lengths[i] || i === lengths.length - 1) {
      const k = lengths[i] ? Math.min(1, left / lengths[i]) : 0
      return { x: path[i].x + (path[i + 1].x - path[i].x) * k, y: path[i].y + (path[i + 1].y - path[i].y) * k }
    }
    left -= lengths[i]
  }
  return path[path.length - 1]
}
