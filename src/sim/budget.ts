// What one command may spend before the lab stops it, so no input can exhaust the worker or the
// CLI: simulated events (a runaway loop, a flood) and output bytes (a huge string, `cat` of a
// giant file). The engine charges events to the budget of the command it runs for; whoever keeps
// output (Lab.run, the worker's terminal queue, the interpreter's pipe buffers) charges bytes.

export interface Limits {
  /** Engine events one headless command may cause (a curl costs about 21: a 5,000-request loop needs 105k). */
  events: number
  /** Bytes of output one command may produce before it is stopped. */
  output: number
}

export const LIMITS: Limits = { events: 2_000_000, output: 16 * 1024 * 1024 }

export type Exhausted = 'events' | 'output'

export class Budget {
  events = 0
  output = 0
  exhausted: Exhausted | null = null

  constructor(readonly limits: Limits = LIMITS) {}

  /** One more event; false once the budget is spent. */
  event(): boolean {
    if (++this.events > this.limits.events) this.exhausted ??= 'events'
    return this.exhausted === null
  }

  /**
   * Accounts `bytes` of output (or of a string being built); false, keep nothing more, once the
   * output budget is spent. A command stopped for its events still prints its last words (ping's
   * statistics after the ^C).
   */
  take(bytes: number): boolean {
    if (this.output > this.limits.output) return false
    this.output += bytes
    if (this.output <= this.limits.output) return true
    this.exhausted ??= 'output'
    return false
  }

  /** The line the shell prints when it stops the command. */
  message(): string {
    return this.exhausted === 'events'
      ? `lvs-lab: command stopped: it used its budget of ${this.limits.events} simulated events\n`
      : `lvs-lab: command stopped: it wrote more than its budget of ${this.limits.output} bytes of output\n`
  }
}
