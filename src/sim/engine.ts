// The deterministic engine: a virtual clock in integer microseconds and an event queue ordered by
// (time, insertion order). Nothing here reads a real clock; a driver decides how fast virtual time
// runs (instantly for scripts and grading, paced to real time in the browser).
//
// Two guarantees no input can break. Every event runs inside an error boundary: an exception in a
// callback becomes an `internal` trace record and the queue goes on. And virtual time advances:
// once INSTANT_LIMIT events have run at one microsecond, anything scheduled for "now" slips to the
// next microsecond, so a loop that keeps rescheduling itself at once cannot freeze the clock.

import { Budget } from './budget.ts'
import { Rng } from './rng.ts'
import { Trace } from './trace.ts'

export const MS = 1000
export const SECOND = 1_000_000

/** An event due sooner than this after it is scheduled goes in the small heap of near events. */
const NEAR_US = 10 * 1000

/** Events one virtual microsecond may hold before new ones slip to the next (a real burst is far smaller). */
export const INSTANT_LIMIT = 100_000

export type FaultCode = 'internal.event' | 'internal.packet' | 'internal.command'

/** What an exception says, as one line for the trace and the terminal. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`
  return String(error)
}

export interface Timer {
  cancel(): void
  readonly at: number
}

/** What an event calls: with the two arguments `afterWith` gave, else with none. */
type EventFn = (a: unknown, b: unknown) => void

const NOTHING: EventFn = () => {}

/**
 * A scheduled callback; it is its own Timer handle (no extra allocation per event). It carries
 * its callback's two arguments itself, so a caller scheduling the same function again and again
 * (a frame's delivery to a port) needs no closure per event.
 */
class Event implements Timer {
  cancelled = false

  constructor(
    readonly t: number,
    readonly seq: number,
    public fn: EventFn,
    public a: unknown,
    public b: unknown,
  ) {}

  get at(): number {
    return this.t
  }

  /**
   * The event stays in the heap until its time comes, but lets go of what it would have called:
   * a cancelled timeout (httpd's 20 s request timer, a retransmission) no longer keeps its socket alive.
   */
  cancel(): void {
    this.cancelled = true
    this.fn = NOTHING
    this.a = this.b = undefined
  }
}

export class Engine {
  now = 0
  readonly rng: Rng
  readonly trace = new Trace()
  /**
   * Two heaps on (t, seq): events due within NEAR_US of when they were scheduled (a frame's hop,
   * httpd's processing) in a small one, timeouts (retransmissions, TIME_WAITs, connection
   * expiries) in a big one. The next event is the earlier of the two tops, so the order is the
   * one heap's, while most pushes and pops walk a heap of a few dozen events, not of thousands.
   */
  private near: Event[] = []
  private far: Event[] = []
  private seq = 0
  private uidSeq = 0
  private instant = 0
  private atInstant = 0
  /** Exceptions caught by the error boundaries so far (each also left an `internal` record). */
  faults = 0
  /**
   * The budget of the command being run: every event is charged to it, and whoever keeps output or
   * builds big strings calls `take(bytes)`. Lab.run gives each headless command a fresh one and
   * stops the command when it is spent; the worker gives each typed command a fresh one.
   */
  budget = new Budget()

  constructor(seed = 1) {
    this.rng = new Rng(seed)
  }

  /** A fresh packet identity for the trace. */
  nextUid(): number {
    return ++this.uidSeq
  }

  at(t: number, fn: () => void): Timer {
    return this.atWith(t, fn, undefined, undefined)
  }

  /** `at(t, () => fn(a, b))` without the closure. */
  atWith<A, B>(t: number, fn: (a: A, b: B) => void, a: A, b: B): Timer {
    let when = t > this.now ? t : this.now
    if (when === this.now && this.instant === this.now && this.atInstant >= INSTANT_LIMIT) when = this.now + 1
    const ev = new Event(when, this.seq++, fn as EventFn, a, b)
    push(when - this.now < NEAR_US ? this.near : this.far, ev)
    return ev
  }

  after(delay: number, fn: () => void): Timer {
    return this.atWith(this.now + delay, fn, undefined, undefined)
  }

  /** `after(delay, () => fn(a, b))` without the closure. */
  afterWith<A, B>(delay: number, fn: (a: A, b: B) => void, a: A, b: B): Timer {
    return this.atWith(this.now + delay, fn, a, b)
  }

  /** Time of the next pending event, or Infinity. */
  nextEventTime(): number {
    const ev = this.peek()
    return ev ? ev.t : Infinity
  }

  /** The next pending event, left in its heap (cancelled ones at the tops are dropped). */
  private peek(): Event | undefined {
    const { near, far } = this
    while (near.length && near[0].cancelled) pop(near)
    while (far.length && far[0].cancelled) pop(far)
    if (!near.length) return far[0]
    if (!far.length) return near[0]
    return before(near[0], far[0]) ? near[0] : far[0]
  }

  /** Runs every event due at or before `t`, then sets the clock to `t`. */
  advanceTo(t: number): void {
    while (this.nextEventTime() <= t) this.step()
    if (t > this.now) this.now = t
  }

  /** Runs events until `done()` holds, the queue empties, or the clock would pass `limit`. */
  runUntil(done: () => boolean, limit: number): void {
    while (!done()) {
      const next = this.nextEventTime()
      if (next === Infinity || next > limit) return
      this.step()
    }
  }

  step(): void {
    const ev = this.peek()
    if (!ev) return
    pop(ev === this.near[0] ? this.near : this.far)
    if (ev.t !== this.instant) {
      this.instant = ev.t
      this.atInstant = 0
    }
    this.atInstant++
    this.now = ev.t
    this.budget.event()
    try {
      ev.fn(ev.a, ev.b)
    } catch (error) {
      this.fault('internal.event', '', 0, {}, error)
    }
  }

  /**
   * Records an exception an error boundary caught: an `internal` record (kept even with the trace
   * off) whose code and facts the interface explains in every language.
   */
  fault(code: FaultCode, host: string, uid: number, params: Record<string, string | number>, error: unknown): void {
    this.faults++
    const facts = { ...params, host, error: describeError(error) }
    this.trace.push({ type: 'internal', t: this.now, uid, host, reason: { code, text: faultText(code, facts), params: facts } })
  }
}

// A binary min-heap on (t, seq). Sifting moves a hole rather than swapping pairs: each level
// costs one write instead of two, which matters with the thousands of timers a busy lab holds
// (every TCP connection's TIME_WAIT, every IPVS connection's expiry).

function push(h: Event[], ev: Event): void {
  let i = h.length
  h.push(ev)
  while (i > 0) {
    const parent = (i - 1) >> 1
    const p = h[parent]
    if (!before(ev, p)) break
    h[i] = p
    i = parent
  }
  h[i] = ev
}

function pop(h: Event[]): Event | undefined {
  if (!h.length) return undefined
  const top = h[0]
  const last = h.pop()!
  const n = h.length
  if (n) {
    let i = 0
    for (;;) {
      const l = 2 * i + 1
      if (l >= n) break
      const r = l + 1
      const c = r < n && before(h[r], h[l]) ? r : l
      const child = h[c]
      if (!before(child, last)) break
      h[i] = child
      i = c
    }
    h[i] = last
  }
  return top
}

function before(a: Event, b: Event): boolean {
  return a.t < b.t || (a.t === b.t && a.seq < b.seq)
}

function faultText(code: FaultCode, f: Record<string, string | number>): string {
  switch (code) {
    case 'internal.packet':
      return `${f.host}: internal error in the simulator while receiving a packet on ${f.iface} (${f.error}); the packet was dropped and the lab goes on`
    case 'internal.command':
      return `${f.host}: internal error in the simulator while running ${f.command} (${f.error}); the command was stopped and the shell goes on`
    case 'internal.event':
      return `internal error in the simulator (${f.error}); the event was dropped and the lab goes on`
  }
}
