// A lab driven through terminals headless, exactly as the worker drives it: one Tty per host,
// logged in in the lab's host order, keystrokes fed at their virtual times. Rebuilding a world from
// a keystroke log (a probe's copy, a graded submission) goes through here so it matches the page.

import type { KeyEvent } from './lessons/contract.ts'
import type { Host } from '../host/host.ts'
import { Tty } from '../shell/tty.ts'
import { Budget } from '../sim/budget.ts'
import type { Lab } from './lab.ts'
import { RUN_LIMIT } from './lab.ts'

export class Terminals {
  readonly ttys = new Map<Host, Tty>()

  constructor(
    readonly lab: Lab,
    write: (host: Host, data: string) => void = () => {},
    onCommand: (host: Host, line: string) => void = (h, line) => {
      lab.record(h, line)
      // As the worker does: each typed command gets its own budget (sim/budget.ts).
      lab.engine.budget = new Budget(lab.limits)
    },
  ) {
    for (const h of lab.hosts) {
      const t = new Tty(h, lab.shellEnv(), (data) => write(h, data), onCommand)
      this.ttys.set(h, t)
      t.login()
    }
  }

  tty(name: string): Tty | undefined {
    const h = this.lab.host(name)
    return h ? this.ttys.get(h) : undefined
  }

  /** Feeds keystrokes at their times; events in between run as the clock reaches them. */
  replay(keys: KeyEvent[]): void {
    for (const k of keys) {
      this.lab.engine.advanceTo(k.t)
      this.tty(k.host)?.input(k.data)
    }
  }

  get busy(): boolean {
    for (const t of this.ttys.values()) if (t.busy) return true
    return false
  }

  /** Lets commands still running finish (at most RUN_LIMIT of virtual time). */
  settle(): void {
    const limit = this.lab.engine.now + RUN_LIMIT
    this.lab.engine.runUntil(() => !this.busy, limit)
  }
}
