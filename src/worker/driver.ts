// Runs virtual time alongside real time in the worker: each tick advances the engine to where the
// wall clock says it should be, with an event budget so a runaway loop cannot freeze the worker
// (Ctrl-C still gets through). This is the only place outside the UI that reads a real clock.

import type { Engine } from '../sim/engine.ts'

const TICK_MS = 16
const EVENT_BUDGET = 20_000

export class RealTimeDriver {
  private timer: ReturnType<typeof setInterval> | null = null
  private realBase = 0
  private virtualBase = 0

  constructor(
    private readonly engine: () => Engine | null,
    private readonly afterTick: () => void,
  ) {}

  start(): void {
    this.rebase()
    this.timer ??= setInterval(() => this.tick(), TICK_MS)
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  rebase(): void {
    this.realBase = performance.now()
    this.virtualBase = this.engine()?.now ?? 0
  }

  private tick(): void {
    const engine = this.engine()
    if (!engine) return
    const target = this.virtualBase + Math.floor((performance.now() - this.realBase) * 1000)
    let budget = EVENT_BUDGET
    while (budget-- > 0 && engine.nextEventTime() <= target) engine.step()
    if (budget <= 0) this.rebase()
    else if (target > engine.now) engine.now = target
    this.afterTick()
  }
}
