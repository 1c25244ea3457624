// Job control as bash's jobs.c does it: a job is a pipeline of processes run together; it runs in
// the foreground or background, stops (Ctrl-Z, SIGSTOP) and continues (fg, bg, SIGCONT), and
// ends Done, Exit N or by a signal, which the shell reports at the next prompt as
// `[1]+  Done                    sleep 1`. A stopped job's processes keep their place: a Gate holds
// every step of their generators until the job continues, so a stopped ping sends nothing.

import { Signal, type Proc } from '../../sim/task.ts'

export class Gate {
  /** Gates stopped anywhere: while none is, every check is O(1) however deep the chain of jobs. */
  private static stoppedCount = 0
  private stopped = false
  private waiter: Signal<void> | null = null

  constructor(private readonly parent: Gate | null = null) {}

  get closed(): boolean {
    if (Gate.stoppedCount === 0) return false
    return this.stopped || (this.parent?.closed ?? false)
  }

  stop(): void {
    if (!this.stopped) Gate.stoppedCount++
    this.stopped = true
  }

  cont(): void {
    if (this.stopped) Gate.stoppedCount--
    this.stopped = false
    const w = this.waiter
    this.waiter = null
    w?.fire()
  }

  /** Fires when this gate and its parents are all open again. */
  opened(): Signal<void> {
    if (this.stopped) return (this.waiter ??= new Signal<void>())
    return this.parent!.opened()
  }
}

/**
 * Generators executing right now, innermost last: a signal to one of them must wait for it to
 * yield. A stack, as resumptions nest (a command resumed inside an event another one caused):
 * a push and a pop per step, where a Set's add and delete rehashed on every one.
 */
const running: Proc<unknown>[] = []

export function isRunning(gen: Proc<unknown>): boolean {
  return running.includes(gen)
}

/** What `of` knows of the innermost running generator it has an entry for (the running program's fd table). */
export function innermost<T>(of: WeakMap<object, T>): T | null {
  for (let i = running.length - 1; i >= 0; i--) {
    const v = of.get(running[i])
    if (v !== undefined) return v
  }
  return null
}

/** Runs `fn` marked as `key` running: a program's synchronous start, before it has a generator. */
export function during<T>(key: object, fn: () => T): T {
  running.push(key as Proc<unknown>)
  try {
    return fn()
  } finally {
    running.pop()
  }
}

/** One resumption of `gen` (next(value), or throw(value) when `throwing`), marked as running meanwhile. */
function step<T>(gen: Proc<T>, throwing: boolean, value: unknown): IteratorResult<Signal<unknown>, T> {
  running.push(gen)
  try {
    return throwing ? gen.throw(value) : gen.next(value)
  } finally {
    running.pop()
  }
}

/** Runs `gen`, holding each resumption while the gate is closed; throws pass straight through. */
export function* gated<T>(gen: Proc<T>, gate: Gate): Proc<T> {
  let r = step(gen, false, undefined)
  for (;;) {
    if (r.done) return r.value
    let value: unknown
    try {
      value = yield r.value
      while (gate.closed) yield gate.opened() as Signal<unknown>
    } catch (e) {
      r = step(gen, true, e)
      continue
    }
    r = step(gen, false, value)
  }
}

export type JobState = { kind: 'running' } | { kind: 'stopped'; sig: number } | { kind: 'done'; status: number; sig: number | null }

export interface Job {
  id: number
  /** The process group leader's PID (what `[1] PID` and `$!` print). */
  pgid: number
  pids: number[]
  text: string
  gate: Gate
  state: JobState
  /** Fires on every change of state. */
  changed: Signal<void>
  /** Sends a signal to every process of the job. */
  signal(sig: number): void
  /** The state has changed since the user last saw it (bash's J_NOTIFIED unset). */
  notify: boolean
  background: boolean
}

/** bash's status column: `Running`, `Stopped`, `Done`, `Exit 3`, `Terminated`, `Killed`… */
export function stateText(s: JobState): string {
  if (s.kind === 'running') return 'Running'
  if (s.kind === 'stopped') return SIGNAL_TEXT[s.sig] ?? 'Stopped'
  if (s.sig !== null) return SIGNAL_TEXT[s.sig] ?? `Signal ${s.sig}`
  return s.status === 0 ? 'Done' : `Exit ${s.status}`
}

/** strsignal(3) as bash prints it for a job killed by a signal. */
export const SIGNAL_TEXT: Record<number, string> = {
  1: 'Hangup', 2: 'Interrupt', 3: 'Quit', 4: 'Illegal instruction', 6: 'Aborted', 8: 'Floating point exception', 9: 'Killed', 10: 'User defined signal 1',
  11: 'Segmentation fault', 12: 'User defined signal 2', 13: 'Broken pipe', 14: 'Alarm clock', 15: 'Terminated', 19: 'Stopped (signal)', 20: 'Stopped', 21: 'Stopped (tty input)', 22: 'Stopped (tty output)',
}

export class JobTable {
  readonly jobs: Job[] = []
  /** Most recent job first: `%+` is jobs[order[0]], `%-` the one before. */
  private order: number[] = []

  add(job: Omit<Job, 'id' | 'notify' | 'changed'>): Job {
    const id = this.jobs.length ? Math.max(...this.jobs.map((j) => j.id)) + 1 : 1
    const full: Job = { ...job, id, notify: false, changed: new Signal<void>() }
    this.jobs.push(full)
    this.touch(full)
    return full
  }

  /** Makes `job` the current job (`+`). */
  touch(job: Job): void {
    this.order = [job.id, ...this.order.filter((i) => i !== job.id)]
  }

  marker(job: Job): string {
    if (this.order[0] === job.id) return '+'
    if (this.order[1] === job.id) return '-'
    return ' '
  }

  current(): Job | undefined {
    return this.byId(this.order[0])
  }

  byId(id: number | undefined): Job | undefined {
    return this.jobs.find((j) => j.id === id)
  }

  remove(job: Job): void {
    const i = this.jobs.indexOf(job)
    if (i >= 0) this.jobs.splice(i, 1)
    this.order = this.order.filter((id) => id !== job.id)
  }

  /** Resolves a jobspec (`%1`, `%%`, `%+`, `%-`, `%sleep`, `%?ping`); a message when it fails. */
  find(spec: string): Job | string {
    const s = spec.startsWith('%') ? spec.slice(1) : spec
    if (s === '' || s === '%' || s === '+') return this.current() ?? 'no current job'
    if (s === '-') return this.byId(this.order[1]) ?? this.current() ?? 'no current job'
    if (/^\d+$/.test(s)) return this.byId(Number(s)) ?? 'no such job'
    const matches = s.startsWith('?') ? this.jobs.filter((j) => j.text.includes(s.slice(1))) : this.jobs.filter((j) => j.text.startsWith(s))
    if (matches.length > 1) return `ambiguous job spec`
    return matches[0] ?? 'no such job'
  }

  /** `[1]+  Done                    sleep 1` */
  line(job: Job, withPid = false): string {
    const status = stateText(job.state)
    const text = job.state.kind === 'running' && job.background ? `${job.text} &` : job.text
    return `[${job.id}]${this.marker(job)} ${withPid ? `${job.pgid} ` : ' '}${status.padEnd(24)}${text}`
  }
}
