// Plays the trace as an animation, one frame at a time: which frame is in flight and how far it
// has gone, which hosts flash for a drop, and what has been shown so far (the event log follows).
// A long backlog is cut so the picture never lags the terminal by more than a few seconds.

import type { TraceRecord } from '../../worker/protocol.ts'

export type WireRecord = Extract<TraceRecord, { type: 'wire' }>

const MAX_BACKLOG = 80
const FRAME_MS = 600

export class Animator {
  current = $state.raw<WireRecord | null>(null)
  progress = $state(0)
  flashes = $state.raw<{ host: string; id: number }[]>([])
  /** Highest record id already shown (or skipped). */
  shown = $state(0)
  speed = $state(1)
  paused = $state(false)
  private queue: TraceRecord[] = []
  private running = false
  /** Bumped by clear(): a frame still in flight from the old lab must not move `shown`. */
  private epoch = 0

  enqueue(records: TraceRecord[]): void {
    this.queue.push(...records.filter((r) => r.type === 'wire' || r.type === 'drop'))
    for (const r of records) if (r.type !== 'wire' && r.type !== 'drop' && !this.queue.length) this.shown = Math.max(this.shown, r.id)
    if (this.queue.length > MAX_BACKLOG) this.queue.splice(0, this.queue.length - MAX_BACKLOG)
    void this.run()
  }

  skip(): void {
    const last = this.queue[this.queue.length - 1]
    this.queue = []
    if (last) this.shown = Math.max(this.shown, last.id)
  }

  resume(): void {
    this.paused = false
    void this.run()
  }

  clear(): void {
    this.epoch++
    this.queue = []
    this.current = null
    this.shown = 0
  }

  private async run(): Promise<void> {
    if (this.running) return
    this.running = true
    while (this.queue.length && !this.paused) {
      const epoch = this.epoch
      const r = this.queue.shift()!
      if (r.type === 'wire') await this.fly(r)
      else if (r.type === 'drop') {
        this.flashes = [...this.flashes, { host: r.host, id: r.id }]
        setTimeout(() => (this.flashes = this.flashes.filter((f) => f.id !== r.id)), 1500)
      }
      if (epoch === this.epoch) this.shown = Math.max(this.shown, r.id)
    }
    this.current = null
    this.running = false
  }

  private fly(r: WireRecord): Promise<void> {
    this.current = r
    this.progress = 0
    const duration = FRAME_MS / this.speed
    return new Promise((resolve) => {
      const start = performance.now()
      const step = (now: number) => {
        // A frame time can precede the start time taken just before it was requested.
        this.progress = Math.max(0, Math.min(1, (now - start) / duration))
        if (this.progress < 1 && this.current === r) requestAnimationFrame(step)
        else resolve()
      }
      requestAnimationFrame(step)
    })
  }
}
