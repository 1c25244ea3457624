// A host's process table, as ps and kill see it: the kernel threads and early daemons of a RHEL 9
// minimal boot (fixed PIDs below systemd's first unit), the units systemd runs (their main PIDs
// and workers come from Systemd's state), and the processes the shells fork: a login's sshd and
// bash, every external command, background job and pipeline stage. PIDs are allocated in order
// like the kernel's (next free after the last one), so `$!` and `$$` are deterministic.

import { UNITS, type Systemd } from './systemd.ts'

export interface Process {
  pid: number
  ppid: number
  user: string
  /** The command name (ps's `comm`, at most 15 characters). */
  comm: string
  /** The command line as ps -f prints it. */
  args: string
  tty: string | null
  /** Wall-clock seconds the process started. */
  start: number
  /** ps STAT letters: S sleeping, R running, T stopped, s session leader, + foreground, < high priority. */
  stat: string
  vsz: number
  rss: number
  cpuSeconds: number
  kernel?: boolean
  /** Delivers a signal (number); absent for processes that cannot be signalled from a shell. */
  signal?(sig: number): void
}

type Static = [pid: number, ppid: number, args: string, stat: string, vsz: number, rss: number]

/** What a freshly booted Rocky 9 minimal install runs before systemd starts the units (700+). */
const BOOT: Static[] = [
  [1, 0, '/usr/lib/systemd/systemd --switched-root --system --deserialize 31', 'Ss', 106148, 16420],
  [2, 0, '[kthreadd]', 'S', 0, 0],
  [3, 2, '[rcu_gp]', 'I<', 0, 0],
  [4, 2, '[rcu_par_gp]', 'I<', 0, 0],
  [5, 2, '[slub_flushwq]', 'I<', 0, 0],
  [6, 2, '[netns]', 'I<', 0, 0],
  [8, 2, '[kworker/0:0H-events_highpri]', 'I<', 0, 0],
  [10, 2, '[mm_percpu_wq]', 'I<', 0, 0],
  [12, 2, '[rcu_tasks_kthread]', 'I', 0, 0],
  [13, 2, '[ksoftirqd/0]', 'S', 0, 0],
  [14, 2, '[rcu_preempt]', 'I', 0, 0],
  [15, 2, '[migration/0]', 'S', 0, 0],
  [17, 2, '[cpuhp/0]', 'S', 0, 0],
  [19, 2, '[kdevtmpfs]', 'S', 0, 0],
  [20, 2, '[inet_frag_wq]', 'I<', 0, 0],
  [21, 2, '[kauditd]', 'S', 0, 0],
  [22, 2, '[khungtaskd]', 'S', 0, 0],
  [23, 2, '[oom_reaper]', 'S', 0, 0],
  [25, 2, '[kcompactd0]', 'S', 0, 0],
  [26, 2, '[ksmd]', 'SN', 0, 0],
  [27, 2, '[khugepaged]', 'SN', 0, 0],
  [40, 2, '[kswapd0]', 'S', 0, 0],
  [380, 2, '[xfsaild/vda1]', 'S', 0, 0],
  [546, 1, '/usr/lib/systemd/systemd-journald', 'Ss', 26100, 9728],
  [561, 1, '/usr/lib/systemd/systemd-udevd', 'Ss', 32664, 11264],
  [628, 1, '/sbin/auditd', 'S<sl', 84132, 2560],
  [667, 1, '/usr/bin/dbus-broker-launch --scope system --audit', 'Ss', 21428, 5632],
  [668, 667, 'dbus-broker --log 4 --controller 9 --machine-id 3c5f2d8a9e4b4f6a8d1c7e0b2a9f4c61 --max-bytes 536870912 --max-fds 4096 --max-matches 131072 --audit', 'S', 5240, 3200],
  [671, 1, '/usr/sbin/irqbalance --foreground', 'Ss', 80960, 3712],
  [673, 1, '/usr/lib/systemd/systemd-logind', 'Ss', 17824, 8448],
  [676, 1, '/usr/sbin/chronyd -F 2', 'S', 84468, 3712],
  [690, 1, '/usr/sbin/crond -n', 'Ss', 221504, 3456],
  [691, 1, '/sbin/agetty -o -p -- \\u --noclear - linux', 'Ss+', 3048, 1792],
]

/** Sizes ps aux shows for the unit processes (VSZ, RSS in KiB), by command name. */
const UNIT_SIZES: Record<string, [number, number]> = { firewalld: [128668, 41984], NetworkManager: [257104, 10496], sshd: [15872, 9216], httpd: [20104, 11520] }

export const SIGNALS: [number, string][] = [
  [1, 'HUP'], [2, 'INT'], [3, 'QUIT'], [4, 'ILL'], [5, 'TRAP'], [6, 'ABRT'], [7, 'BUS'], [8, 'FPE'], [9, 'KILL'], [10, 'USR1'],
  [11, 'SEGV'], [12, 'USR2'], [13, 'PIPE'], [14, 'ALRM'], [15, 'TERM'], [16, 'STKFLT'], [17, 'CHLD'], [18, 'CONT'], [19, 'STOP'], [20, 'TSTP'],
  [21, 'TTIN'], [22, 'TTOU'], [23, 'URG'], [24, 'XCPU'], [25, 'XFSZ'], [26, 'VTALRM'], [27, 'PROF'], [28, 'WINCH'], [29, 'IO'], [30, 'PWR'], [31, 'SYS'],
]

/** A signal named as kill accepts it (`TERM`, `SIGTERM`, `15`, `term`); null if unknown. */
export function signalNumber(name: string): number | null {
  if (/^\d+$/.test(name)) {
    const n = Number(name)
    return n >= 0 && n <= 64 ? n : null
  }
  const up = name.toUpperCase().replace(/^SIG/, '')
  return SIGNALS.find(([, n]) => n === up)?.[0] ?? null
}

export function signalName(sig: number): string {
  return SIGNALS.find(([n]) => n === sig)?.[1] ?? String(sig)
}

export class ProcessTable {
  private readonly live = new Map<number, Process>()
  private last = 0
  private ptys = 0

  constructor(
    private readonly wall: () => number,
    private readonly bootWall: () => number,
    private readonly systemd: Systemd,
  ) {}

  /** Forgets every forked process (the machine rebooted). */
  reset(): void {
    this.live.clear()
    this.last = 0
    this.ptys = 0
  }

  /** The next free PID after the highest handed out, as the kernel's pid allocator moves on. */
  alloc(): number {
    let pid = Math.max(this.last, this.highestDaemon()) + 1
    while (this.live.has(pid) || this.isDaemon(pid)) pid++
    this.last = pid
    return pid
  }

  /** A new pseudo-terminal for a login: pts/0, pts/1, … */
  openPty(): string {
    return `pts/${this.ptys++}`
  }

  spawn(p: Omit<Process, 'pid' | 'start' | 'vsz' | 'rss' | 'cpuSeconds' | 'user'> & { pid?: number; vsz?: number; rss?: number }): Process {
    const proc: Process = { user: 'root', start: this.wall(), vsz: 7480, rss: 3456, cpuSeconds: 0, ...p, pid: p.pid ?? this.alloc() }
    this.live.set(proc.pid, proc)
    return proc
  }

  /** Processes the shells have forked and that still run (what `ulimit -u` counts). */
  get forked(): number {
    return this.live.size
  }

  exit(pid: number): void {
    this.live.delete(pid)
  }

  get(pid: number): Process | undefined {
    return this.list().find((p) => p.pid === pid)
  }

  /** Every process, by PID. */
  list(): Process[] {
    const boot = this.bootWall()
    const base: Process[] = BOOT.map(([pid, ppid, args, stat, vsz, rss]) => ({
      pid,
      ppid,
      user: 'root',
      comm: commOf(args),
      args,
      tty: null,
      start: boot,
      stat,
      vsz,
      rss,
      cpuSeconds: pid === 1 ? 1 : 0,
      kernel: args.startsWith('['),
    }))
    return [...base, ...this.daemons(), ...this.live.values()].sort((a, b) => a.pid - b.pid)
  }

  private daemons(): Process[] {
    const out: Process[] = []
    for (const def of UNITS) {
      const st = this.systemd.states.get(def.name)
      if (!def.process || st?.active !== 'active' || !def.process) continue
      const [vsz, rss] = UNIT_SIZES[def.process.comm] ?? [20000, 8000]
      const stop = (sig: number) => {
        if (sig === 9 || sig === 15 || sig === 2 || sig === 3) this.systemd.stop(def)
      }
      out.push({ pid: st.mainPid, ppid: 1, user: 'root', comm: def.process.comm, args: def.process.cmdline, tty: null, start: st.since ?? this.bootWall(), stat: 'Ss', vsz, rss, cpuSeconds: 0, signal: stop })
      for (let i = 1; i <= def.process.children; i++) {
        out.push({ pid: st.mainPid + i, ppid: st.mainPid, user: 'apache', comm: def.process.comm, args: def.process.cmdline, tty: null, start: st.since ?? this.bootWall(), stat: i === 1 ? 'S' : 'Sl', vsz: i === 1 ? 21692 : 1513864, rss: i === 1 ? 7296 : 9472, cpuSeconds: 0 })
      }
    }
    return out
  }

  private highestDaemon(): number {
    let max = BOOT[BOOT.length - 1][0]
    for (const def of UNITS) {
      const st = this.systemd.states.get(def.name)
      if (st && st.mainPid) max = Math.max(max, st.mainPid + (def.process?.children ?? 0))
    }
    return max
  }

  private isDaemon(pid: number): boolean {
    for (const def of UNITS) {
      const st = this.systemd.states.get(def.name)
      if (st && st.mainPid && pid >= st.mainPid && pid <= st.mainPid + (def.process?.children ?? 0)) return true
    }
    return false
  }
}

function commOf(args: string): string {
  if (args.startsWith('[')) return args.slice(1, -1)
  const first = args.split(' ')[0]
  return first.slice(first.lastIndexOf('/') + 1).slice(0, 15)
}
