// The timeline: every trace record of the session in one store with a cursor, as Packet Tracer's
// simulation mode has it (teaching-anchors §2.1), shared by the picture, the event log and the
// inspector. Playing moves the cursor at a readable pace (a hop takes HOP_MS at 1×); pausing
// freezes it where it is, packet in flight; stepping and seeking move it one visible record at a
// time; "live" follows the newest. A backlog that would take more than FLOW_AFTER_MS to watch hop
// by hop (a loop of curls) plays as a flow: the cursor sweeps it in FLOW_MS and the picture shows
// rates instead of envelopes.
// Memory is bounded by a record budget: past it the oldest quarter is folded into a summary that
// the log shows as a note, so nothing goes unaccounted for.

import { PROTO_GRE, PROTO_IPIP, type CommandMark, type ConnTuple, type EthernetFrame, type Ipv4Packet, type TraceRecord } from '../../worker/protocol.ts'
import { Flows, sameConn } from './flows.ts'

/** The protocol filter's classes; a tunnelled packet is TUNNEL and whatever it carries. */
export type ProtoClass = 'ARP' | 'ICMP' | 'TCP' | 'UDP' | 'TUNNEL'
export const PROTO_CLASSES: readonly ProtoClass[] = ['ARP', 'ICMP', 'TCP', 'UDP', 'TUNNEL']

export interface TimelineFilter {
  /** The protocols shown; empty shows every record. */
  protos: readonly ProtoClass[]
  host: string | null
  conn: ConnTuple | null
  /** A command mark's seq: only the records that command made. */
  command: number | null
}

/** What the budget folded away: counted, never lost silently. */
export interface Summary {
  records: number
  firstId: number
  lastId: number
  /** Virtual time of the first and last record folded, in microseconds. */
  from: number
  to: number
  hops: number
  drops: number
  rewrites: number
  scheds: number
  /** Drops by reason code, most frequent first when shown. */
  dropReasons: Map<string, number>
}

/** What a frame driver gives the store: requestAnimationFrame in the page, nothing in tests. */
export interface Frames {
  request(callback: (now: number) => void): number
  cancel(handle: number): void
}

export interface TimelineOptions {
  /** Records kept in full; past it the oldest quarter is summarised. */
  budget?: number
  /** null: the store moves only when tick() is called (tests). */
  frames?: Frames | null
}

/** A hop's time on screen at 1×, in ms; other records dwell for their share of it. */
export const HOP_MS = 600
const DWELL: Record<TraceRecord['type'], number> = { wire: 1, drop: 1.5, rewrite: 0.8, sched: 0.8, deliver: 0, verdict: 0, note: 0, internal: 1 }
/** Live play becomes a flow when what waits would take longer than this to watch, in ms (two curls at 1× do not). */
export const FLOW_AFTER_MS = 40_000
/** How long a flow takes to sweep its backlog, in ms. */
export const FLOW_MS = 2500
/** A flow caught up with the newest stays a flow this long; traffic after a longer quiet plays hop by hop. */
export const FLOW_LINGER_MS = 2000
export const SPEED_MIN = 0.1
export const SPEED_MAX = 20
const DEFAULT_BUDGET = 60_000
/** A frame that comes late (a background tab) moves the picture this much at most; a flow keeps its pace. */
const MAX_FRAME_MS = 100
const MAX_FLOW_FRAME_MS = 1000

export function protoClasses(r: TraceRecord): ProtoClass[] {
  const p: Ipv4Packet | EthernetFrame | null = r.type === 'wire' ? r.frame : r.type === 'drop' || r.type === 'deliver' ? r.packet : r.type === 'rewrite' ? r.after : null
  if (!p) return r.type === 'sched' ? [r.decision.svc.startsWith('UDP') ? 'UDP' : 'TCP'] : []
  if (p.kind === 'eth' && p.payload.kind === 'arp') return ['ARP']
  const out: ProtoClass[] = []
  let ip: Ipv4Packet | null = p.kind === 'eth' ? (p.payload as Ipv4Packet) : p
  for (let depth = 0; ip && depth < 8; depth++) {
    const l4: Ipv4Packet['payload'] = ip.payload
    if (ip.proto === PROTO_IPIP || ip.proto === PROTO_GRE) out.push('TUNNEL')
    if (l4.kind === 'ipv4') ip = l4
    else if (l4.kind === 'udp' && l4.gue) {
      out.push('TUNNEL')
      ip = l4.gue
    } else {
      out.push(l4.kind === 'tcp' ? 'TCP' : l4.kind === 'udp' ? 'UDP' : 'ICMP')
      ip = null
    }
  }
  return out
}

export function hostsOf(r: TraceRecord): string[] {
  return r.type === 'wire' ? [r.fromHost, ...r.toHost] : [r.host]
}

export class Timeline {
  /** Every record of the session still kept in full, in trace order (ids ascending). */
  records = $state.raw<TraceRecord[]>([])
  /** Index in records of the record shown now; -1 before the first. */
  cursor = $state(-1)
  /** How far the record at the cursor has played, 0..1 (a hop's envelope along its link). */
  progress = $state(0)
  playing = $state(true)
  /** Following the newest: new records play as they come. */
  live = $state(true)
  /** 0.1..20 × HOP_MS per hop. */
  speed = $state(1)
  /** A record id: what the inspector shows. */
  selected = $state<number | null>(null)
  selectedConn = $state.raw<ConnTuple | null>(null)
  /** The presenter's "freeze and ask": play pauses before a record this accepts. */
  freezeBefore: ((r: TraceRecord) => boolean) | null = null
  filter = $state.raw<TimelineFilter>({ protos: [], host: null, conn: null, command: null })
  /** Every command line of the session, in the order typed (marks on the scrubber). */
  commands = $state.raw<CommandMark[]>([])
  /** A packet shown outside the trace (a predict check's held packet), standing on its link. */
  held = $state.raw<TraceRecord | null>(null)
  /** The backlog is playing as a flow (rates), not hop by hop. */
  flow = $state(false)
  /** The oldest records folded away by the budget, or null while everything is kept. */
  summary = $state.raw<Summary | null>(null)
  /** Records the worker's trace ring had already let go before they reached the page. */
  lost = $state(0)

  /** Connection identity of the records (rebuilt with a new world). */
  flows = new Flows()
  private readonly budget: number
  private readonly frames: Frames | null
  private handle: number | null = null
  private lastFrame: number | null = null
  private flowRate = 0
  private flowCarry = 0
  /** Real ms the flow has spent caught up with the newest. */
  private quietMs = 0
  /** The host each packet (uid) was first seen on: its command is that host's. */
  private origins = new Map<number, string>()
  /** The record play last froze before, so resuming goes past it. */
  private frozen: number | null = null

  constructor(options: TimelineOptions = {}) {
    this.budget = Math.max(100, options.budget ?? DEFAULT_BUDGET)
    const raf = typeof requestAnimationFrame === 'function' ? { request: (cb: (now: number) => void) => requestAnimationFrame(cb), cancel: (h: number) => cancelAnimationFrame(h) } : null
    this.frames = options.frames === undefined ? raf : options.frames
  }

  get current(): TraceRecord | null {
    return this.records[this.cursor] ?? null
  }

  /** The connection a record belongs to (the client's view), or null. */
  connOf(r: TraceRecord): ConnTuple | null {
    return this.flows.of(r.id)
  }

  /** Whether the filters let a record through: the picture, the log and the inspector all ask. */
  visible(r: TraceRecord): boolean {
    const f = this.filter
    if (f.protos.length && !protoClasses(r).some((c) => f.protos.includes(c))) return false
    if (f.host !== null && !hostsOf(r).includes(f.host)) return false
    if (f.conn !== null && !sameConn(this.flows.of(r.id), f.conn)) return false
    if (f.command !== null && this.commandOf(r)?.seq !== f.command) return false
    return true
  }

  /**
   * The command line that made a record: the command running on the host its packet started
   * from, else (an answer from a host where nothing ran) the newest command running then.
   */
  commandOf(r: TraceRecord): CommandMark | null {
    const origin = (r.uid && this.origins.get(r.uid)) || hostsOf(r)[0]
    let fallback: CommandMark | null = null
    for (let i = this.commands.length - 1; i >= 0; i--) {
      const c = this.commands[i]
      if (r.id < c.firstId || (c.lastId !== null && r.id > c.lastId)) continue
      if (c.host === origin) return c
      fallback ??= c
    }
    return fallback
  }

  /** Takes a command mark from the worker: a new command, or one that ended. */
  addCommand(mark: CommandMark): void {
    const known = this.commands.some((c) => c.seq === mark.seq)
    this.commands = known ? this.commands.map((c) => (c.seq === mark.seq ? mark : c)) : [...this.commands, mark]
  }

  /** Shows the packets of one command (null: all again); the cursor goes to its first record. */
  selectCommand(seq: number | null): void {
    this.setFilter({ command: seq })
    const c = seq === null ? null : this.commands.find((x) => x.seq === seq)
    if (!c) return
    const first = this.records.findIndex((r) => r.id >= c.firstId && this.visible(r))
    if (first >= 0) this.moveTo(first)
  }

  /** Shows a packet that is not in the trace (null takes it away). */
  hold(record: TraceRecord | null): void {
    this.held = record
  }

  /** Index of the record with this id, or -1 (ids ascend, so a binary search). */
  indexOf(id: number): number {
    const rs = this.records
    let lo = 0
    let hi = rs.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      if (rs[mid].id === id) return mid
      if (rs[mid].id < id) lo = mid + 1
      else hi = mid - 1
    }
    return -1
  }

  /** Index of the last record at or before virtual time t (-1 before the first). */
  indexAt(t: number): number {
    const rs = this.records
    let lo = 0
    let hi = rs.length - 1
    let found = -1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      if (rs[mid].t <= t) {
        found = mid
        lo = mid + 1
      } else hi = mid - 1
    }
    return found
  }

  /** Takes a batch of new records from the worker. */
  add(batch: readonly TraceRecord[]): void {
    if (!batch.length) return
    this.held = null
    const last = this.records[this.records.length - 1]?.id ?? this.summary?.lastId ?? 0
    if (last && batch[0].id > last + 1) this.lost += batch[0].id - last - 1
    for (const r of batch) {
      this.flows.add(r)
      if (r.uid && !this.origins.has(r.uid)) this.origins.set(r.uid, hostsOf(r)[0])
    }
    let all = this.records.concat(batch)
    if (all.length > this.budget) all = this.fold(all)
    this.records = all
    if (this.live && this.playing) {
      const waiting = all.length - 1 - this.cursor
      const long = this.backlogMs(FLOW_AFTER_MS) > FLOW_AFTER_MS
      if (this.flow && !long && this.quietMs >= FLOW_LINGER_MS) this.flow = false
      else if (this.flow || long) {
        this.flow = true
        this.quietMs = 0
        this.flowRate = Math.max(this.flowRate, waiting / FLOW_MS)
      }
    }
    this.wake()
  }

  /** Forgets everything (a new lab, a lesson opening). */
  clear(): void {
    this.records = []
    this.cursor = -1
    this.progress = 0
    this.selected = null
    this.selectedConn = null
    this.summary = null
    this.lost = 0
    this.flow = false
    this.frozen = null
    this.live = true
    this.playing = true
    this.commands = []
    this.held = null
    this.filter = { ...this.filter, conn: null, command: null }
    this.origins = new Map()
    // A new world names its packets afresh.
    this.flows = new Flows()
  }

  play(): void {
    if (this.cursor >= this.records.length - 1) this.live = true
    this.playing = true
    this.wake()
  }

  /** Freezes the picture where it is; the inspector shows the record at the cursor. */
  pause(): void {
    this.playing = false
    this.live = false
    this.stop()
    const r = this.current
    if (r) this.selected = r.id
  }

  /**
   * Whether stepping and play stop at a record: it passes the filters and is an event of its own
   * (a delivery to a socket is the hop before it arriving, and the log does not list it).
   */
  steppable(r: TraceRecord): boolean {
    return r.type !== 'deliver' && r.type !== 'verdict' && this.visible(r)
  }

  /** Moves n steppable records forward (or back, n < 0) and pauses there. */
  step(n: number): void {
    this.moveTo(this.walk(this.cursor, n, (r) => this.steppable(r)))
  }

  /** Moves to the n-th next (or previous) visible record of the selected connection. */
  stepConn(n: number): void {
    const conn = this.selectedConn
    if (!conn) return
    this.moveTo(this.walk(this.cursor, n, (r) => this.steppable(r) && sameConn(this.flows.of(r.id), conn)))
  }

  /** Puts the cursor on records[index] (clamped; -1 is before the first) and pauses there. */
  seek(index: number): void {
    const i = Number.isFinite(index) ? Math.max(-1, Math.min(this.records.length - 1, Math.trunc(index))) : this.cursor
    this.moveTo(i)
  }

  /** Seeks to the last record at or before virtual time t (the scrubber). */
  seekTime(t: number): void {
    this.moveTo(this.indexAt(t))
  }

  /** Shows one record: the cursor goes to it and the inspector shows it (a click in the log). */
  show(id: number): void {
    const i = this.indexOf(id)
    if (i >= 0) this.moveTo(i)
  }

  /** The packet with this uid: the cursor goes to its first hop, and its connection is selected. */
  select(uid: number): void {
    let first = -1
    for (let i = 0; i < this.records.length; i++) {
      const r = this.records[i]
      if (r.uid !== uid) continue
      if (r.type === 'wire') {
        first = i
        break
      }
      if (first < 0) first = i
    }
    if (first < 0) return
    this.moveTo(first)
    this.selectedConn = this.flows.of(this.records[first].id)
  }

  selectConn(c: ConnTuple | null): void {
    this.selectedConn = c
  }

  /** Follows the newest again: the cursor jumps to the last record and play goes on from there. */
  goLive(): void {
    this.flow = false
    this.flowRate = 0
    this.cursor = this.records.length - 1
    this.progress = 1
    this.live = true
    this.playing = true
    this.wake()
  }

  setSpeed(speed: number): void {
    if (Number.isFinite(speed)) this.speed = Math.max(SPEED_MIN, Math.min(SPEED_MAX, speed))
  }

  setFilter(filter: Partial<TimelineFilter>): void {
    this.filter = { ...this.filter, ...filter }
  }

  /** Plays ms of real time (the frame driver calls it; tests call it directly). */
  tick(ms: number): void {
    if (!this.playing || !(ms > 0)) return
    if (this.flow) this.sweep(ms)
    else this.advance(ms)
  }

  private advance(ms: number): void {
    let left = ms
    // Zero-length records pass at once; the bound only guards against a pathological batch.
    for (let guard = 0; guard < 100_000; guard++) {
      const r = this.current
      if (r) {
        const length = (HOP_MS * DWELL[r.type]) / this.speed
        const remaining = (1 - this.progress) * length
        if (length > 0 && left < remaining) {
          this.progress += left / length
          return
        }
        left -= remaining
        this.progress = 1
      }
      const next = this.walk(this.cursor, 1, (x) => this.steppable(x))
      if (next === this.cursor) {
        // Caught up with the newest: what comes next plays as it arrives.
        this.live = true
        return
      }
      if (this.freezes(next)) return
      this.cursor = next
      this.progress = 0
    }
  }

  /** How long what waits after the cursor would take to play hop by hop, counted up to `limit` ms. */
  private backlogMs(limit: number): number {
    let ms = 0
    for (let i = this.cursor + 1; i < this.records.length && ms <= limit; i++) {
      const r = this.records[i]
      // Slow motion is asked for: a request watched slowly is still one request, not a flow.
      if (this.steppable(r)) ms += (HOP_MS * DWELL[r.type]) / Math.max(1, this.speed)
    }
    return ms
  }

  /** A flow: the cursor sweeps the backlog at flowRate records per ms, whatever the filters. */
  private sweep(ms: number): void {
    if (this.cursor >= this.records.length - 1) {
      this.quietMs += ms
      return
    }
    this.quietMs = 0
    this.flowCarry += ms * this.flowRate
    const n = Math.floor(this.flowCarry)
    this.flowCarry -= n
    const end = Math.min(this.records.length - 1, this.cursor + n)
    for (let i = this.cursor + 1; i <= end; i++) {
      if (this.freezes(i)) return
      this.cursor = i
    }
    this.progress = 1
    if (this.cursor >= this.records.length - 1) this.flowRate = 0
  }

  /** Whether play must stop before records[i] (freeze and ask); it stops once per record. */
  private freezes(i: number): boolean {
    const r = this.records[i]
    if (!this.freezeBefore || !r || this.frozen === r.id || !this.freezeBefore(r)) return false
    this.frozen = r.id
    this.pause()
    return true
  }

  /** The index n records on from i that pass `ok`, stopping at the ends. */
  private walk(i: number, n: number, ok: (r: TraceRecord) => boolean): number {
    const rs = this.records
    const dir = n < 0 ? -1 : 1
    let left = Math.abs(Math.trunc(Number.isFinite(n) ? n : 0))
    let at = i
    for (let j = i + dir; left > 0 && j >= 0 && j < rs.length; j += dir) {
      if (!ok(rs[j])) continue
      at = j
      left--
    }
    return at
  }

  private moveTo(i: number): void {
    this.playing = false
    this.live = false
    this.flow = false
    this.flowRate = 0
    this.stop()
    this.cursor = i
    const r = this.records[i]
    // A hop stands in the middle of its link, where its envelope can be read.
    this.progress = r?.type === 'wire' ? 0.5 : 1
    this.selected = r ? r.id : null
  }

  /** Folds the oldest quarter beyond the budget into the summary; the cursor keeps its record. */
  private fold(all: TraceRecord[]): TraceRecord[] {
    const cut = all.length - Math.floor(this.budget * 0.75)
    const gone = all.slice(0, cut)
    const s: Summary = this.summary ? { ...this.summary, dropReasons: new Map(this.summary.dropReasons) } : { records: 0, firstId: gone[0].id, lastId: 0, from: gone[0].t, to: 0, hops: 0, drops: 0, rewrites: 0, scheds: 0, dropReasons: new Map() }
    for (const r of gone) {
      if (r.type === 'wire') s.hops++
      else if (r.type === 'drop') {
        s.drops++
        s.dropReasons.set(r.reason.code, (s.dropReasons.get(r.reason.code) ?? 0) + 1)
      } else if (r.type === 'rewrite') s.rewrites++
      else if (r.type === 'sched') s.scheds++
    }
    s.records += gone.length
    s.lastId = gone[gone.length - 1].id
    s.to = gone[gone.length - 1].t
    this.summary = s
    this.flows.forget(gone)
    for (const r of gone) this.origins.delete(r.uid)
    this.cursor = this.cursor >= cut ? this.cursor - cut : Math.min(0, this.cursor)
    if (this.selected !== null && this.selected <= s.lastId) this.selected = null
    return all.slice(cut)
  }

  private wake(): void {
    if (!this.frames || this.handle !== null || !this.playing) return
    this.lastFrame = null
    const frame = (now: number): void => {
      const dt = this.lastFrame === null ? 0 : Math.min(this.flow ? MAX_FLOW_FRAME_MS : MAX_FRAME_MS, now - this.lastFrame)
      this.lastFrame = now
      this.tick(dt)
      // Idle at the newest (a flow once it has lingered), the loop sleeps until add() wakes it.
      const idle = this.cursor >= this.records.length - 1 && this.progress >= 1 && (!this.flow || this.quietMs >= FLOW_LINGER_MS)
      this.handle = this.playing && !idle ? this.frames!.request(frame) : null
    }
    this.handle = this.frames.request(frame)
  }

  private stop(): void {
    if (this.handle !== null) this.frames?.cancel(this.handle)
    this.handle = null
  }
}
