// One hop of a packet as the inspector shows it: its headers as nested layers with byte spans
// (net/dissect.ts), each field compared with the same packet's previous hop, and the decisions taken
// between the two (IPVS rewrites and schedules, the netfilter hooks that let it pass, the next hop
// its sender resolved), and the hooks that let it in where it arrived. Layers line up
// by their id (ip0 is always the innermost IPv4), so a tunnel's outer header shows as added around
// an inner packet that did not change, and a decapsulation as a header removed.
// Pure and DOM-free: the component words it in the reader's language.

import { dissectFrame, dissectIpv4, formatIp, type EthernetFrame, type Ipv4Packet, type Reason, type SchedDecision, type TraceRecord, type TopologyView, type Wire, type WireField, type WireLayer } from '../../worker/protocol.ts'

type WireRecord = Extract<TraceRecord, { type: 'wire' }>

/**
 * Why a field differs from the hop before:
 * - rewrite: a rewrite record between the two hops changed it (its reason says who and why);
 * - sent: the sender's own MAC as source; nexthop: the neighbour's MAC as destination;
 * - forwarded: TTL, which every router and IPVS transmitter lowers;
 * - checksum: recomputed over the header (and for TCP/UDP the addresses) after the changes above;
 * - unexplained: changed with no record saying why (should not happen; shown as is).
 */
export type Cause = { by: 'rewrite'; reason: Reason; host: string } | { by: 'sent'; host: string; iface: string } | { by: 'nexthop'; nexthop: string | null; owner: string | null } | { by: 'forwarded'; host: string } | { by: 'checksum' } | { by: 'unexplained' }

export interface FieldRow extends WireField {
  key: string
  was?: string
  cause?: Cause
}

export interface LayerRow extends Omit<WireLayer, 'fields'> {
  fields: FieldRow[]
  /** Not in the hop before: a header this hop's sender added (an encapsulation). */
  added: Cause | null
}

type VerdictRecord = Extract<TraceRecord, { type: 'verdict' }>

/** `arrived`: a verdict where the hop took the packet (after it on the wire), not on the way out. */
export type Decision =
  | { kind: 'rewrite'; host: string; reason: Reason; record: number }
  | { kind: 'sched'; host: string; decision: SchedDecision; record: number }
  | { kind: 'verdict'; host: string; point: string; hook: string; passed: VerdictRecord['passed']; arrived: boolean; record: number }
  | { kind: 'route'; host: string; iface: string; nexthop: string; direct: boolean; mac: string; owner: string | null }

/** How far the inspector looks for a packet's verdicts when no hop bounds the search, in records. */
const VERDICT_REACH = 2000

const verdict = (x: VerdictRecord, arrived: boolean): Decision => ({ kind: 'verdict', host: x.host, point: x.point, hook: x.hook, passed: x.passed, arrived, record: x.id })

export interface HopView {
  wire: Wire
  layers: LayerRow[]
  /** Headers of the hop before that this one no longer has (a tunnel's outer header, taken off). */
  removed: { title: string; cause: Cause | null }[]
  decisions: Decision[]
  /** The same packet's previous hop, if the trace still holds it. */
  previous: WireRecord | null
}

/** `host.iface` for every interface MAC of the lab, as the topology lists them. */
export function macNames(topology: TopologyView | null): Map<string, string> {
  const names = new Map<string, string>()
  for (const h of topology?.hosts ?? []) for (const i of h.ifaces) if (!names.has(i.mac)) names.set(i.mac, `${h.name}.${i.name}`)
  return names
}

/** Field keys: layer id, name and occurrence (a TCP header holds two NOPs). */
function keyed(layers: WireLayer[]): LayerRow[] {
  return layers.map((l) => {
    const seen = new Map<string, number>()
    const fields = l.fields.map((f) => {
      const n = seen.get(f.name) ?? 0
      seen.set(f.name, n + 1)
      return { ...f, key: `${l.id}/${f.name}#${n}` }
    })
    return { ...l, fields, added: null }
  })
}

function values(layers: LayerRow[]): Map<string, string> {
  const m = new Map<string, string>()
  for (const l of layers) for (const f of l.fields) m.set(f.key, f.value)
  return m
}

/** Keys of fields a rewrite changed, and layers it added or removed, from its before and after. */
function rewriteEffect(before: Ipv4Packet, after: Ipv4Packet): { changed: Set<string>; added: Set<string>; removed: Set<string> } {
  const b = keyed(dissectIpv4(before).layers)
  const a = keyed(dissectIpv4(after).layers)
  const bv = values(b)
  const changed = new Set<string>()
  for (const l of a) for (const f of l.fields) if (bv.has(f.key) && bv.get(f.key) !== f.value) changed.add(f.key)
  const ids = (ls: LayerRow[]) => new Set(ls.map((l) => l.id))
  const [bi, ai] = [ids(b), ids(a)]
  return { changed, added: new Set([...ai].filter((x) => !bi.has(x))), removed: new Set([...bi].filter((x) => !ai.has(x))) }
}

/** The inspector's view of wire record `index` of `records`. */
export function hopView(records: readonly TraceRecord[], index: number, names: Map<string, string>): HopView | null {
  const r = records[index]
  if (r?.type !== 'wire') return null
  const wire = dissectFrame(r.frame)
  const layers = keyed(wire.layers)
  let previous: WireRecord | null = null
  let from = 0
  for (let i = index - 1; i >= 0; i--) {
    const x = records[i]
    if (x.uid === r.uid && x.type === 'wire') {
      previous = x
      from = i + 1
      break
    }
  }
  const decisions: Decision[] = []
  const rewrites: { host: string; reason: Reason; effect: ReturnType<typeof rewriteEffect> }[] = []
  // The sender's verdicts on the way out; for a packet's first hop, since it was made.
  if (!previous) {
    for (let i = Math.max(0, index - VERDICT_REACH); i < index; i++) {
      const x = records[i]
      if (x.uid === r.uid && x.type === 'verdict' && x.host === r.fromHost) decisions.push(verdict(x, false))
    }
  }
  if (previous) {
    for (let i = from; i < index; i++) {
      const x = records[i]
      if (x.uid !== r.uid) continue
      if (x.type === 'verdict') decisions.push(verdict(x, false))
      else if (x.type === 'rewrite') {
        decisions.push({ kind: 'rewrite', host: x.host, reason: x.reason, record: x.id })
        rewrites.push({ host: x.host, reason: x.reason, effect: rewriteEffect(x.before, x.after) })
      } else if (x.type === 'sched') decisions.push({ kind: 'sched', host: x.host, decision: x.decision, record: x.id })
    }
  }
  if (r.nexthop && r.frame.payload.kind === 'ipv4') decisions.push({ kind: 'route', host: r.fromHost, iface: r.fromIface, nexthop: r.nexthop, direct: r.nexthop === formatIp(r.frame.payload.dst), mac: r.frame.dst, owner: names.get(r.frame.dst) ?? null })
  // Where it arrived: the receivers' verdicts until the packet is on a wire again.
  for (let i = index + 1; i < Math.min(records.length, index + 1 + VERDICT_REACH); i++) {
    const x = records[i]
    if (x.uid !== r.uid) continue
    if (x.type === 'wire') break
    if (x.type === 'verdict' && r.toHost.includes(x.host)) decisions.push(verdict(x, true))
  }

  const removed: HopView['removed'] = []
  if (previous) {
    const before = keyed(dissectFrame(previous.frame).layers)
    const was = values(before)
    const causeOf = (key: string, layer: string, name: string): Cause => {
      if (layer === 'eth') return name === 'src' ? { by: 'sent', host: r.fromHost, iface: r.fromIface } : { by: 'nexthop', nexthop: r.nexthop ?? null, owner: names.get(r.frame.dst) ?? null }
      if (name === 'checksum') return { by: 'checksum' }
      if (name === 'ttl') return { by: 'forwarded', host: rewrites.at(-1)?.host ?? r.fromHost }
      const rw = [...rewrites].reverse().find((w) => w.effect.changed.has(key))
      return rw ? { by: 'rewrite', reason: rw.reason, host: rw.host } : { by: 'unexplained' }
    }
    const addedBy = (id: string): Cause | null => {
      const rw = [...rewrites].reverse().find((w) => w.effect.added.has(id))
      return rw ? { by: 'rewrite', reason: rw.reason, host: rw.host } : null
    }
    const ids = new Set(before.map((l) => l.id))
    for (const l of layers) {
      if (!ids.has(l.id)) {
        l.added = addedBy(l.id) ?? { by: 'unexplained' }
        continue
      }
      for (const f of l.fields) {
        const old = was.get(f.key)
        if (old !== undefined && old !== f.value) {
          f.was = old
          f.cause = causeOf(f.key, l.id, f.name)
        }
      }
    }
    const now = new Set(layers.map((l) => l.id))
    for (const l of before) {
      if (now.has(l.id)) continue
      const rw = [...rewrites].reverse().find((w) => w.effect.removed.has(l.id))
      removed.push({ title: l.title, cause: rw ? { by: 'rewrite', reason: rw.reason, host: rw.host } : null })
    }
  }
  return { wire, layers, removed, decisions, previous }
}

/** A rewrite record shown on its own: the packet after, compared with the packet before. */
export function rewriteView(r: Extract<TraceRecord, { type: 'rewrite' }>): { wire: Wire; layers: LayerRow[]; removed: HopView['removed'] } {
  const wire = dissectIpv4(r.after)
  const layers = keyed(wire.layers)
  const before = keyed(dissectIpv4(r.before).layers)
  const was = values(before)
  const cause: Cause = { by: 'rewrite', reason: r.reason, host: r.host }
  const ids = new Set(before.map((l) => l.id))
  for (const l of layers) {
    if (!ids.has(l.id)) l.added = cause
    else
      for (const f of l.fields) {
        const old = was.get(f.key)
        if (old !== undefined && old !== f.value) {
          f.was = old
          f.cause = f.name === 'checksum' ? { by: 'checksum' } : f.name === 'ttl' ? { by: 'forwarded', host: r.host } : cause
        }
      }
  }
  const now = new Set(layers.map((l) => l.id))
  return { wire, layers, removed: before.filter((l) => !now.has(l.id)).map((l) => ({ title: l.title, cause })) }
}

/** A dropped packet or frame: its headers as they were, nothing to compare. */
export function packetView(p: Ipv4Packet | EthernetFrame): { wire: Wire; layers: LayerRow[] } {
  const wire = p.kind === 'eth' ? dissectFrame(p) : dissectIpv4(p)
  return { wire, layers: keyed(wire.layers) }
}
