// The host's log: what journald stores (every unit's and the kernel's messages, across boots, each
// with its virtual time, boot, identifier, PID and unit) and the kernel ring buffer dmesg reads
// (this boot's kernel messages since the last `dmesg -c`). systemd, module loading and the kernel
// append to it; journalctl and dmesg only read. systemd's job messages carry the job number that
// journalctl -x quotes from the message catalog.

import { Signal } from '../sim/task.ts'

export type JobEvent = 'start-begun' | 'start-done' | 'start-failed' | 'stop-begun' | 'stop-done' | 'unit-succeeded' | 'unit-failed' | 'process-exited' | 'resources'

export interface JournalEntry {
  /** Virtual µs. */
  at: number
  boot: number
  ident: string
  /** Absent for the kernel. */
  pid: number | null
  msg: string
  /** The unit the message is about (systemd's UNIT=, a service's _SYSTEMD_UNIT=), without `.service`. */
  unit: string | null
  /** syslog level: 6 info, 3 err, 4 warning. */
  priority: number
  job?: { event: JobEvent; id: number; result?: string }
}

/** What the job messages look like (systemd 252's unit_status_log_starting_stopping_reloading and friends). */
const JOB_PATTERNS: [RegExp, JobEvent][] = [
  [/^Starting .*\.\.\.$/, 'start-begun'],
  [/^(Started|Finished) .*\.$/, 'start-done'],
  [/^Failed to start .*\.$/, 'start-failed'],
  [/^Stopping .*\.\.\.$/, 'stop-begun'],
  [/^Stopped .*\.$/, 'stop-done'],
  [/^\S+\.service: Deactivated successfully\.$/, 'unit-succeeded'],
  [/^\S+\.service: Failed with result '.*'\.$/, 'unit-failed'],
  [/^\S+\.service: Main process exited, code=.*$/, 'process-exited'],
  [/^\S+\.service: Consumed .* CPU time\.$/, 'resources'],
]

export class Journal {
  readonly entries: JournalEntry[] = []
  boot = 0
  /** Virtual µs of the current boot's start: dmesg's zero. */
  bootAt = 0
  /** Index of the first entry dmesg still shows (`dmesg -c` moves it). */
  private ringStart = 0
  private nextJob = 1
  private openJobs = new Map<string, number>()
  private changed = new Signal<void>()

  constructor(private readonly now: () => number) {}

  /** Fires at the next appended entry (journalctl -f, dmesg -w). */
  next(): Signal<void> {
    return this.changed
  }

  newBoot(): void {
    this.boot++
    this.bootAt = this.now()
    this.ringStart = this.entries.length
    this.openJobs.clear()
    // Early boot queues a few hundred jobs before the first unit the labs know starts.
    this.nextJob = 130
  }

  kernel(msg: string, priority = 6): void {
    this.append({ at: this.now(), boot: this.boot, ident: 'kernel', pid: null, msg, unit: null, priority })
  }

  unit(unit: string, ident: string, pid: number, msg: string): void {
    const e: JournalEntry = { at: this.now(), boot: this.boot, ident, pid, msg, unit, priority: /^Failed|Failed with result|code=exited, status=[1-9]/.test(msg) ? 3 : 6 }
    if (ident === 'systemd') {
      const ev = JOB_PATTERNS.find(([re]) => re.test(msg))?.[1]
      if (ev === 'start-begun' || ev === 'stop-begun') {
        const id = this.nextJob++
        this.openJobs.set(unit, id)
        e.job = { event: ev, id }
      } else if (ev === 'start-done' || ev === 'start-failed' || ev === 'stop-done') {
        e.job = { event: ev, id: this.openJobs.get(unit) ?? this.nextJob++, result: ev === 'start-failed' ? 'failed' : 'done' }
        this.openJobs.delete(unit)
      } else if (ev) e.job = { event: ev, id: 0 }
    }
    this.append(e)
  }

  /** The kernel ring buffer: this boot's kernel lines not yet cleared. */
  ring(): JournalEntry[] {
    return this.entries.slice(this.ringStart).filter((e) => e.ident === 'kernel')
  }

  clearRing(): void {
    this.ringStart = this.entries.length
  }

  private append(e: JournalEntry): void {
    this.entries.push(e)
    const s = this.changed
    this.changed = new Signal<void>()
    s.fire()
  }
}

/** The kernel's own lines when a module initialises (pr_info in each module's init function). */
export const MODULE_MESSAGES = new Map<string, string[]>([
  ['ip_vs', ['IPVS: Registered protocols (TCP, UDP, SCTP, AH, ESP)', 'IPVS: Connection hash table configured (size=4096, memory=32Kbytes)', 'IPVS: ipvs loaded.']],
  ['ipip', ['ipip: IPv4 and MPLS over IPv4 tunneling driver']],
  ['gre', ['gre: GRE over IPv4 demultiplexor driver']],
  ['ip_gre', ['ip_gre: GRE over IPv4 tunneling driver']],
])
