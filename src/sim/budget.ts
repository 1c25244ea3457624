// What one command may spend before the lab stops it, so no input can exhaust the worker or the
// CLI: simulated events (a runaway loop, a flood), output bytes (`cat` of a giant file, a pipe
// nobody reads) and the size of any one value (a string doubled until it is a gigabyte, a brace
// expansion of ten billion words). The engine charges events to the budget of the command it runs
// for; whoever keeps output (Lab.run, the worker's terminal queue, the interpreter's pipe
// buffers) calls take(bytes); whoever builds a value calls fits(size) before building it.

export interface Limits {
  /** Engine events one headless command may cause (a curl costs about 21: a 5,000-request loop needs 105k). */
  events: number
  /** Bytes of output one command may produce before it is stopped. */
  output: number
  /** The largest single value (string, word list) one command may build, in characters or words. */
  memory: number
}

export const LIMITS: Limits = { events: 2_000_000, output: 16 * 1024 * 1024, memory: 64 * 1024 * 1024 }

export type Exhausted = 'events' | 'output' | 'memory'

export class Budget {
  events = 0
  output = 0
  exhausted: Exhausted | null = null
  private reported = false

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

  /** May one value of `size` characters (or words) be built? False marks the budget spent. */
  fits(size: number): boolean {
    if (size <= this.limits.memory) return true
    this.exhausted ??= 'memory'
    return false
  }

  /**
   * The line to print when the command is stopped, the first time it is asked for; null after
   * that (or while the budget holds), so whoever notices first says it and nobody says it twice.
   */
  report(): string | null {
    if (!this.exhausted || this.reported) return null
    this.reported = true
    return this.message()
  }

  /** The line the shell prints when it stops the command. */
  message(): string {
    switch (this.exhausted) {
      case 'events':
        return `lvs-lab: command stopped: it used its budget of ${this.limits.events} simulated events\n`
      case 'memory':
        return `lvs-lab: command stopped: it would build a value larger than its budget of ${this.limits.memory} characters\n`
      default:
        return `lvs-lab: command stopped: it wrote more than its budget of ${this.limits.output} bytes of output\n`
    }
  }
}
