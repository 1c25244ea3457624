// Plays a demo reel (a lesson's solution with its #step and #pause marks) through the terminals,
// as solution-player.ts types a solution, with a presenter's controls around it: a step mark
// shows its caption and leaves time to read it, a pause mark waits for the presenter, and the
// presenter may pause anywhere (between two keys), skip the wait in progress, or stop the reel.

import type { ReelItem } from '../../worker/protocol.ts'
import { playSolution, type Typist } from '../state/solution-player.ts'

export interface ReelControl {
  stopped(): boolean
  /** Waits up to ms, or less if the presenter skips; then while paused. */
  wait(ms: number): Promise<void>
  /** The reel reached a pause mark: paused until the presenter goes on. */
  hold(): Promise<void>
}

export interface ReelOptions {
  keyMs: number
  promptTimeoutMs: number
  /** How long a step's caption stays before its commands are typed. */
  readMs(step: string): number
  onStep(step: string): void
  onLine(done: number, total: number): void
}

/** Resolves to true when every item was played, false when the reel was stopped. */
export async function playReel(items: readonly ReelItem[], typist: Typist, control: ReelControl, o: ReelOptions): Promise<boolean> {
  const total = items.filter((i) => i.kind === 'type').length
  let done = 0
  o.onLine(0, total)
  for (const item of items) {
    if (control.stopped()) return false
    if (item.kind === 'step') {
      o.onStep(item.step)
      await control.wait(o.readMs(item.step))
    } else if (item.kind === 'pause') await control.hold()
    else {
      const typed = await playSolution([{ host: item.host, line: item.line }], typist, { keyMs: o.keyMs, promptTimeoutMs: o.promptTimeoutMs, stopped: () => control.stopped() })
      if (!typed) return false
      o.onLine(++done, total)
    }
  }
  return !control.stopped()
}

/** Reading time for a caption: a few seconds, more for a long text, never more than a quarter minute. */
export function readingMs(text: string): number {
  return Math.min(15_000, 2500 + 30 * text.length)
}
