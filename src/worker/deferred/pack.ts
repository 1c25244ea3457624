// One piece of the worker's code that loads after the first prompt (the commands, the builtins):
// fetched once; what needed it before it came waits on the virtual clock and resumes from an
// engine event once it is in, at a virtual instant like any other wait.

import type { Engine } from '../../sim/engine.ts'
import { Signal, wait, type Proc } from '../../sim/task.ts'

export class Pack<T> {
  value: T | null = null
  private loading: Promise<void> | null = null
  private readonly waiting: (() => void)[] = []

  constructor(private readonly fetch: () => Promise<T>) {}

  load(): Promise<void> {
    this.loading ??= this.fetch().then((value) => {
      this.value = value
      for (const w of this.waiting.splice(0)) w()
    })
    return this.loading
  }

  get loaded(): boolean {
    return this.value !== null
  }

  /** The code, once it is in (at once when it already is). */
  *arrival(engine: Engine): Proc<T> {
    if (this.value === null) {
      const ready = new Signal<void>()
      this.waiting.push(() => engine.after(0, () => ready.fire()))
      yield* wait(ready)
    }
    return this.value!
  }
}
