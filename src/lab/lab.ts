// A running lab: the engine, the segments and hosts built from a LabDef and booted, a shell per
// host, and the headless way to run a command line to completion on the virtual clock (scripts,
// grading, `window.lvsLab.run`). Every command is logged with its virtual time so a session can be
// replayed exactly. A headless command runs under a Budget (sim/budget.ts): past its simulated
// events or its output it gets Ctrl-C and a line saying which limit it hit.

import { hostsFile } from '../host/files.ts'
import { Host } from '../host/host.ts'
import { Budget, LIMITS, type Limits } from '../sim/budget.ts'
import { describeError, Engine, SECOND } from '../sim/engine.ts'
import { Segment } from '../sim/segment.ts'
import { Task } from '../sim/task.ts'
import type { Program } from '../host/base.ts'
import { COMMANDS } from '../shell/commands/index.ts'
import { SHELL_PATHS } from '../shell/exec/lookup.ts'
import { ExitShell, Shell, type ShellEnv } from '../shell/interp.ts'
import { Session } from '../shell/session.ts'
import { LABS } from './labs/index.ts'
import type { LabDef } from './topology.ts'

export interface RunResult {
  stdout: string
  stderr: string
  /** stdout and stderr interleaved as a terminal shows them. */
  output: string
  exitCode: number
  /** The command was still running at the time limit, or spent its budget, and got Ctrl-C. */
  interrupted: boolean
}

export interface LabOptions {
  seed?: number
  /** What one headless command may spend (events, output bytes). */
  limits?: Limits
  /** Record the packet trace (default true); off, from boot on, when nobody will read it. */
  trace?: boolean
}

export interface LogEntry {
  t: number
  host: string
  line: string
}

/**
 * Every program a host's shell can run, by path (the interpreter's own, bash and sh, included),
 * with the package the registry says it needs: the files in /usr/bin and /usr/sbin.
 */
const PROGRAMS: Program[] = (() => {
  const byPath = new Map<string, Program>()
  for (const d of Object.values(COMMANDS)) {
    const seen = byPath.get(d.path)
    if (!seen || !d.pkg) byPath.set(d.path, { path: d.path, pkg: d.pkg })
  }
  for (const path of SHELL_PATHS) byPath.set(path, { path })
  return [...byPath.values()]
})()

/** How long a headless command may run on the virtual clock before it gets Ctrl-C. */
export const RUN_LIMIT = 300 * SECOND

export class Lab {
  readonly engine: Engine
  readonly hosts: Host[] = []
  readonly segments = new Map<string, Segment>()
  readonly log: LogEntry[] = []
  readonly limits: Limits
  private shells = new Map<Host, Shell>()

  constructor(
    readonly def: LabDef,
    seedOrOptions: number | LabOptions = 1,
  ) {
    const options = typeof seedOrOptions === 'number' ? { seed: seedOrOptions } : seedOrOptions
    this.limits = options.limits ?? LIMITS
    this.engine = new Engine(options.seed ?? 1)
    this.engine.trace.enabled = options.trace ?? true
    for (const n of def.networks) this.segments.set(n.id, new Segment(n.id, this.engine))
    const hosts = hostsFile([])
    def.hosts.forEach((h, i) => {
      const host = new Host(this.engine, {
        hostname: h.hostname,
        aliases: h.aliases,
        hosts,
        macBase: (i + 1) * 16,
        dpvs: h.dpvs,
        programs: PROGRAMS,
        ifaces: h.ifaces.map((f) => ({ name: f.name, segment: this.segments.get(f.network)!, keyfile: f.keyfile })),
      })
      host.exec = (line) => this.execSync(host, line)
      for (const [path, content, mode] of h.files ?? []) {
        host.fs.mkdirp(path.slice(0, path.lastIndexOf('/')))
        host.fs.write(path, content, mode)
      }
      this.hosts.push(host)
    })
    for (const h of this.hosts) h.boot()
    def.setup?.((host, line) => this.run(host, line))
  }

  static create(id: string, seedOrOptions: number | LabOptions = 1): Lab {
    const def = LABS[id]
    if (!def) throw new Error(`unknown lab ${id}`)
    return new Lab(def, seedOrOptions)
  }

  host(name: string): Host | undefined {
    return this.hosts.find((h) => h.matches(name))
  }

  shellEnv(): Omit<ShellEnv, 'term'> {
    return { engine: this.engine, commands: COMMANDS, lookupHost: (n) => this.host(n) }
  }

  shellFor(host: Host): Shell {
    let sh = this.shells.get(host)
    if (!sh) {
      sh = new Shell(new Session(host), { ...this.shellEnv(), term: () => null })
      this.shells.set(host, sh)
    }
    return sh
  }

  record(host: Host, line: string): void {
    this.log.push({ t: this.engine.now, host: host.hostname, line })
  }

  /** Runs a command line to completion, advancing the virtual clock as fast as events allow. */
  run(hostName: string, line: string, shell?: Shell): RunResult {
    const host = this.host(hostName)
    if (!host) throw new Error(`no host ${hostName} in lab ${this.def.id}`)
    const sh = shell ?? this.shellFor(host)
    this.record(host, line)
    const budget = new Budget(this.limits)
    let stdout = ''
    let stderr = ''
    let output = ''
    const task = new Task(
      sh.runSource(line, {
        stdin: '',
        out: (t) => {
          if (!budget.take(t.length)) return
          stdout += t
          output += t
        },
        err: (t) => {
          if (!budget.take(t.length)) return
          stderr += t
          output += t
        },
        tty: false,
      }),
    )
    const engine = this.engine
    const outer = engine.budget
    engine.budget = budget
    try {
      task.start()
      engine.runUntil(() => task.finished || budget.exhausted !== null, engine.now + RUN_LIMIT)
    } finally {
      engine.budget = outer
    }
    let interrupted = false
    if (!task.finished) {
      interrupted = true
      output += '^C'
      task.interrupt()
      if (!output.endsWith('\n')) output += '\n'
    }
    const msg = budget.report()
    if (msg) {
      stderr += msg
      output += msg
    }
    const r = task.done.value
    let exitCode = 130
    if (r?.ok) exitCode = budget.exhausted ? 130 : r.value
    else if (r && r.error instanceof ExitShell) {
      exitCode = r.error.code
      sh.session.reset()
    } else if (r && !(r.error instanceof Error && r.error.message === 'interrupted')) {
      engine.fault('internal.command', host.hostname, 0, { command: line }, r.error)
      const msg = `-bash: internal error: ${describeError(r.error)}\n`
      stderr += msg
      output += msg
      exitCode = 1
    }
    sh.session.status = exitCode
    return { stdout, stderr, output, exitCode, interrupted }
  }

  /** A unit's ExecStart: synchronous commands only (ipvsadm-restore/-save), never advancing time. */
  private execSync(host: Host, line: string): { stdout: string; stderr: string; code: number } {
    const sh = new Shell(new Session(host, false), { ...this.shellEnv(), term: () => null })
    let stdout = ''
    let stderr = ''
    const task = new Task(sh.runSource(line, { stdin: '', out: (t) => (stdout += t), err: (t) => (stderr += t), tty: false })).start()
    if (!task.finished) task.interrupt()
    const r = task.done.value
    return { stdout, stderr, code: r?.ok ? r.value : 1 }
  }

  /** Lets time pass (a learner reading, typing): timers fire, connections age. */
  idle(us: number): void {
    this.engine.advanceTo(this.engine.now + us)
  }
}
