// The deterministic engine: a virtual clock in integer microseconds and an event queue ordered by
// (time, insertion order). Nothing here reads a real clock; a driver decides how fast virtual time
// runs (instantly for scripts and grading, paced to real time in the browser).

import { Rng } from './rng.ts'
import { Trace } from './trace.ts'

export const US = 1
export const MS = 1000
export const SECOND = 1_000_000

export interface Timer {
  cancel(): void
  readonly at: number
}

/** A scheduled callback; it is its own Timer handle (no extra allocation per event). */
class Event implements Timer {
  cancelled = false

  constructor(
    readonly t: number,
    readonly seq: number,
    readonly fn: () => void,
  ) {}

  get at(): number {
    return this.t
  }

  cancel(): void {
    this.cancelled = true
  }
}

export class Engine {
  now = 0
  readonly rng: Rng
  readonly trace = new Trace()
  private heap: Event[] = []
  private seq = 0
  private uidSeq = 0

  constructor(seed = 1) {
    this.rng = new Rng(seed)
  }

  /** A fresh packet identity for the trace. */
  nextUid(): number {
    return ++this.uidSeq
  }

  at(t: number, fn: () => void): Timer {
    const ev = new Event(t > this.now ? t : this.now, this.seq++, fn)
    this.push(ev)
    return ev
  }

  after(delay: number, fn: () => void): Timer {
    return this.at(this.now + delay, fn)
  }

  /** Time of the next pending event, or Infinity. */
  nextEventTime(): number {
    while (this.heap.length && this.heap[0].cancelled) this.pop()
    return this.heap.length ? this.heap[0].t : Infinity
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
    const ev = this.pop()
    if (!ev || ev.cancelled) return
    this.now = ev.t
    ev.fn()
  }

  private push(ev: Event): void {
    const h = this.heap
    h.push(ev)
    let i = h.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!before(h[i], h[parent])) break
      ;[h[i], h[parent]] = [h[parent], h[i]]
      i = parent
    }
  }

  private pop(): Event | undefined {
    const h = this.heap
    if (!h.length) return undefined
    const top = h[0]
    const last = h.pop()!
    if (h.length) {
      h[0] = last
      let i = 0
      for (;;) {
        const l = 2 * i + 1
        const r = l + 1
        let m = i
        if (l < h.length && before(h[l], h[m])) m = l
        if (r < h.length && before(h[r], h[m])) m = r
        if (m === i) break
        ;[h[i], h[m]] = [h[m], h[i]]
        i = m
      }
    }
    return top
  }
}

function before(a: Event, b: Event): boolean {
  return a.t < b.t || (a.t === b.t && a.seq < b.seq)
}
