// Long-running work (a curl waiting for its SYN/ACK, watch, ping, vim) is written as a generator
// that yields Signals. A Task resumes it synchronously from inside the engine's event that fires the
// signal, so a command reacts at the exact virtual instant and replays stay deterministic. Ctrl-C is
// an Interrupt thrown into the generator, so a command can still print its summary (ping does).

export class Signal<T = void> {
  // Most signals get one listener (the task waiting on it): no array until a second one comes.
  private listener: ((value: T) => void) | null = null
  private more: ((value: T) => void)[] | null = null
  fired = false
  value: T | undefined

  fire(value: T): void {
    if (this.fired) return
    this.fired = true
    this.value = value
    const one = this.listener
    const more = this.more
    this.listener = null
    this.more = null
    if (!more) {
      one?.(value)
      return
    }
    // A listener that throws must not leave the others waiting forever: all run, then the first
    // exception goes on to the caller's error boundary.
    let failed = false
    let first: unknown
    for (const l of [one!, ...more]) {
      try {
        l(value)
      } catch (error) {
        if (!failed) first = error
        failed = true
      }
    }
    if (failed) throw first
  }

  on(listener: (value: T) => void): void {
    if (this.fired) listener(this.value as T)
    else if (!this.listener) this.listener = listener
    else (this.more ??= []).push(listener)
  }
}

export class Interrupt extends Error {
  constructor() {
    super('interrupted')
  }
}

export type Proc<T> = Generator<Signal<unknown>, T, unknown>

/** Waits for a signal inside a Proc: `const v = yield* wait(sig)`. */
export function* wait<T>(signal: Signal<T>): Generator<Signal<unknown>, T, unknown> {
  return (yield signal as Signal<unknown>) as T
}

/** The first of several signals to fire, with its index. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- signals of any payload may race
export function race(signals: Signal<any>[]): Signal<{ index: number; value: unknown }> {
  const out = new Signal<{ index: number; value: unknown }>()
  signals.forEach((s, index) => s.on((value) => out.fire({ index, value })))
  return out
}

export class Task<T> {
  readonly done = new Signal<{ ok: true; value: T } | { ok: false; error: unknown }>()
  private token = 0

  constructor(private readonly gen: Proc<T>) {}

  start(): this {
    this.resume(false, undefined)
    return this
  }

  get finished(): boolean {
    return this.done.fired
  }

  interrupt(): void {
    if (this.finished) return
    this.resume(true, new Interrupt())
  }

  /** Runs the generator from next(value) (throw(value) when `throwing`) until it waits or ends. */
  private resume(throwing: boolean, value: unknown): void {
    const token = ++this.token
    let result: IteratorResult<Signal<unknown>, T>
    try {
      result = throwing ? this.gen.throw(value) : this.gen.next(value)
    } catch (error) {
      this.done.fire({ ok: false, error })
      return
    }
    for (;;) {
      if (result.done) {
        this.done.fire({ ok: true, value: result.value })
        return
      }
      try {
        const signal = result.value
        if (!signal.fired) {
          signal.on((v) => {
            if (token === this.token && !this.finished) this.resume(false, v)
          })
          return
        }
        result = this.gen.next(signal.value)
      } catch (error) {
        this.done.fire({ ok: false, error })
        return
      }
    }
  }
}
