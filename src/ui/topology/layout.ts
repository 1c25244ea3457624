// Where the picture puts things: hosts as cards whose height follows what they show, networks as
// vertical buses, left to right in the order of each lab's fractional positions (src/lab/labs/*),
// every column as wide as its widest card and the room left shared out between them; and
// the path a frame takes (sender's card, along its link to the bus, along the bus, to the
// receiver). Cards of one column never overlap: each takes its wanted height below the one above,
// and the drawing grows when a column stacked tight needs more room than the panel has. A link
// that passes another column on its way to its bus (DR's real servers pass the director) goes
// round that column's cards rather than through them. Pure geometry.

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
  /** Each host's link to each of its networks (`host|network`), from its card to the bus. */
  links: Map<string, Point[]>
}

export const MIN_HEIGHT = 240
/** The narrowest card: a name and an address fit. */
export const CARD_W = 150
const MARGIN = 8
const GAP = 14
/** The least room between a card and a bus: an interface name (four characters at 9 px) fits short of the bus. */
const MIN_SPACE = 30
/** A network title's line height: its name over its CIDR. */
export const NET_LINE = 11
/** Room above the cards for the networks' titles, two lines each (the bus starts just above the cards). */
const TOP = 30
/** How far a bus reaches above the cards. */
const BUS_OVER = 4
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
  const height = Math.ceil(Math.max(minHeight, panel.height, ...sorted.map(tight)))
  const cards = new Map<string, Card>()
  for (const col of sorted) {
    let bottom = TOP - GAP
    for (const h of col) {
      const ch = size(h.name).h
      // The fraction places the whole card inside the room: a card low in its column (a second
      // real server at 0.9) asks for no more height than it takes.
      const wanted = TOP + ch / 2 + h.y * (height - TOP - BOTTOM - ch)
      const cy = Math.max(wanted, bottom + GAP + ch / 2)
      cards.set(h.name, { name: h.name, cx: centre.get(h.name)!, cy, w: size(h.name).w, h: ch })
      bottom = cy + ch / 2
    }
    let limit = height - BOTTOM
    for (const h of [...col].reverse()) {
      const c = cards.get(h.name)!
      c.cy = Math.min(c.cy, limit - c.h / 2)
      limit = c.cy - c.h / 2 - GAP
    }
  }
  const buses = new Map(topology.networks.map((n) => [n.id, { x: busAt.get(n.id)!, top: TOP - BUS_OVER, bottom: height - 4 }]))
  const links = new Map<string, Point[]>()
  for (const h of topology.hosts) for (const f of h.ifaces ?? []) {
    const bus = buses.get(f.network)
    if (bus) links.set(`${h.name}|${f.network}`, linkPath(cards.get(h.name)!, bus.x, [...cards.values()], height))
  }
  return { width, height, cards, buses, links }
}

/**
 * A host's link, from its card to the bus: straight across, or, where that line would pass through
 * another column's card (DR's and TUN's real servers pass the director on the way to their LAN),
 * out to the gap before that card, round it below (above if the drawing ends first) and on to the bus.
 */
function linkPath(card: Card, busX: number, cards: readonly Card[], height: number): Point[] {
  const start = linkEnd(card, busX)
  const lo = Math.min(start.x, busX)
  const hi = Math.max(start.x, busX)
  const crossed = cards.filter((c) => c !== card && lo < c.cx - c.w / 2 && c.cx + c.w / 2 < hi && Math.abs(c.cy - start.y) < c.h / 2 + CLEAR)
  if (!crossed.length) return [start, { x: busX, y: start.y }]
  const below = Math.max(...crossed.map((c) => c.cy + c.h / 2)) + CLEAR
  const y = below <= height - BOTTOM ? below : Math.min(...crossed.map((c) => c.cy - c.h / 2)) - CLEAR
  // The turn stands halfway between the host's card and the nearest card it passes.
  const near = busX < start.x ? Math.max(...crossed.map((c) => c.cx + c.w / 2)) : Math.min(...crossed.map((c) => c.cx - c.w / 2))
  const gx = (near + start.x) / 2
  return [start, { x: gx, y: start.y }, { x: gx, y }, { x: busX, y }]
}

/** Where a host's link leaves its card: the side facing the bus, at the card's middle. */
export function linkEnd(card: Card, busX: number): Point {
  return { x: busX >= card.cx ? card.cx + card.w / 2 : card.cx - card.w / 2, y: card.cy }
}

/** A host's link to a network as drawn: its path from the card to the bus (a straight line when the layout has none). */
export function linkOf(l: Layout, host: string, network: string): Point[] {
  const known = l.links.get(`${host}|${network}`)
  if (known) return known
  const card = l.cards.get(host)
  const bus = l.buses.get(network)
  if (!card || !bus) return []
  const start = linkEnd(card, bus.x)
  return [start, { x: bus.x, y: start.y }]
}

/** A frame's way: sender's link, the bus, the receiver's link (to the bus's middle if nobody takes it). */
export function hopPath(l: Layout, from: string, to: string | null, segment: string): Point[] {
  const bus = l.buses.get(segment)
  const out = linkOf(l, from, segment)
  if (!bus || !out.length) return []
  const back = to ? [...linkOf(l, to, segment)].reverse() : []
  const end = back.length ? back : [{ x: bus.x, y: (bus.top + bus.bottom) / 2 }]
  return [...out, { x: bus.x, y: end[0].y }, ...end]
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
