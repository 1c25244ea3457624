// The interpreter: walks the syntax tree as bash's execute_cmd.c does. Every pipeline stage, every
// external command and every background job is its own Task on the virtual clock, joined by
// Pipes, so `ping VIP | head -2` prints two lines and ends (ping gets SIGPIPE on its next write),
// and a redirected file grows as the command writes. Processes get PIDs from the host's process
// table; jobs stop, continue and end as bash's job control reports them. Errors carry bash's
// prefix: `-bash: ` at the lab's login prompt, `script.sh: line 3: ` in a script.

import type { AndOr, Command, FunctionDef, List, Pipeline, Redirect, Select, Simple, Word } from './ast.ts'
import { expandSingle, expandWords, ExpandError, literalWords, compilePattern, type ExpandEnv } from './expand.ts'
import { parseHeredocBody, parseLine } from './parse.ts'
import { SHOPT_DEFAULTS, type Session, type Var } from './session.ts'
import { FS_ERROR_TEXT, normalizePath } from '../host/fs.ts'
import type { Host } from '../host/host.ts'
import { signalNumber, type Process } from '../host/procs.ts'
import type { Engine } from '../sim/engine.ts'
import { Interrupt, race, Signal, Task, wait, type Proc } from '../sim/task.ts'
import type { CommandContext, CommandDef, Terminal } from './commands/types.ts'
import { BUILTINS, SPECIAL_BUILTINS, type Builtin } from './builtins/index.ts'
import { evalCond } from './builtins/test.ts'
import { during, Gate, gated, isRunning, JobTable, SIGNAL_TEXT, type Job } from './exec/jobs.ts'
import { Io, isInput, isOutput } from './exec/io.ts'
import { EMPTY_INPUT, NULL_OUTPUT, Pipe, sinkOutput, textInput, type Input, type Output } from './stream.ts'
import { ArithError, ArithReadonly, evalArith, type ArithVars } from './syntax/arith.ts'
import { Expansion } from './exec/expansion.ts'
import { charge, OverBudget } from './exec/budget.ts'
import { CommandHash } from './exec/hash.ts'
import { firstInPath, programAt, searchPath } from './exec/lookup.ts'
import { openProcSub, procSubAt, procSubInput, readPath } from './exec/procsub.ts'
import { FD_VIEWS, mountFdDir, nameFd, shellReading, type FdView } from './exec/fdtable.ts'
import { selectQuery } from './exec/select.ts'
import { commandHead, printFunction } from './syntax/print.ts'

export { Io }

/** The shape callers outside the shell pass: plain callbacks and a finished stdin. */
export interface LegacyIo {
  stdin: string
  out(text: string): void
  err(text: string): void
  tty: boolean
}

export interface ShellEnv {
  engine: Engine
  commands: Record<string, CommandDef>
  term(): Terminal | null
  lookupHost(name: string): Host | undefined
}

/** `exit`/`logout`: ends the shell (the login session at the top). */
export class ExitShell extends Error {
  constructor(readonly code: number) {
    super('exit')
  }
}

/** `return` from a function or sourced file. */
export class ReturnSignal extends Error {
  constructor(readonly code: number) {
    super('return')
  }
}

/** `break`/`continue` n. */
export class LoopControl extends Error {
  constructor(
    readonly kind: 'break' | 'continue',
    public levels: number,
  ) {
    super(kind)
  }
}

/** An error bash answers by abandoning the command line (expansion errors, set -u). */
export class Abort extends Error {
  constructor(readonly status: number) {
    super('abort')
  }
}

export class StepLimit extends Error {}

const STEP_LIMIT = 1_000_000
const YIELD_EVERY = 2000
/** Function calls nested deeper than this end with bash's FUNCNEST message (bash itself would overflow its stack). */
export const FUNCNEST_LIMIT = 200
/** Processes one host may run at once before fork fails, as `ulimit -u` makes it. */
export const PROCESS_LIMIT = 2048
/** Subshells (pipeline stages, jobs) one command line may fork in all: `:(){ :|:& };:` ends here. */
export const FORK_BUDGET = 100_000

export const ERR = '-bash: '

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

/** `$-`'s letters in the order bash lists them (flags.c), and the `set -o` names behind them. */
const FLAG_ORDER = 'abefhikmnptuvxBCEHPT'
const FLAG_OPTIONS: Record<string, string> = { a: 'allexport', b: 'notify', e: 'errexit', f: 'noglob', h: 'hashall', k: 'keyword', m: 'monitor', n: 'noexec', p: 'privileged', t: 'onecmd', u: 'nounset', v: 'verbose', x: 'xtrace', B: 'braceexpand', C: 'noclobber', E: 'errtrace', H: 'histexpand', P: 'physical', T: 'functrace' }

/**
 * The highest index of each indexed array as last set here. It may be stale only upwards (an
 * element unset since), which costs a sort and is never wrong.
 */
const LAST_INDEX = new WeakMap<Map<number, string>, number>()

/**
 * Sets `v.array[i]`, keeping the Map in index order as bash lists it. An element past the last,
 * the usual `a[n]=x` and `a+=(x)`, needs no sort: sorting on every set made a loop filling an
 * array quadratic.
 */
function setIndexed(v: Var, i: number, value: string): void {
  const a = v.array!
  let last = LAST_INDEX.get(a)
  if (last === undefined) {
    last = -1
    for (const k of a.keys()) last = k
  }
  if (i > last || a.has(i)) {
    a.set(i, value)
    LAST_INDEX.set(a, Math.max(last, i))
    return
  }
  a.set(i, value)
  v.array = new Map([...a].sort((x, y) => x[0] - y[0]))
  LAST_INDEX.set(v.array, last)
}

/** What loopBody returns when `break` ended the loop (a status is never negative). */
const BROKE = -1

/** PIPESTATUS after a single command with each status 0-255, made once (see setPipestatus). */
const SINGLE_PIPESTATUS: Var[] = []

/** The shell's running processes that the terminal's Ctrl-Z and `fg` act on. */
interface Group {
  text: string
  pgid: number
  pids: number[]
  gate: Gate
  tasks: Task<number>[]
  stopped: Signal<void>
  killedBy: Map<Task<number>, number>
  job: Job | null
  /** Each task's own generator (under its gate), to know whether it is executing right now. */
  gens: Map<Task<number>, Proc<number>>
  /** A single command exec'd in place of the forked shell: its death by a signal is the job's. */
  execs?: boolean
}

/** What a command's redirections leave to undo when they opened nothing that needs closing. */
const NO_CLOSE = (): void => {}

/** What bash 5.1 prints after an invalid invocation option (shell.c's show_shell_usage). */
const BASH_USAGE = (name: string) =>
  `Usage:\t${name} [GNU long option] [option] ...\n\t${name} [GNU long option] [option] script-file ...\nGNU long options:\n` +
  ['debug', 'debugger', 'dump-po-strings', 'dump-strings', 'help', 'init-file', 'login', 'noediting', 'noprofile', 'norc', 'posix', 'pretty-print', 'rcfile', 'restricted', 'verbose', 'version'].map((o) => `\t--${o}\n`).join('') +
  'Shell options:\n\t-ilrsD or -c command or -O shopt_option\t\t(invocation only)\n\t-abefhkmnptuvxBCHP or -o option\n'

export class Shell {
  private steps = 0
  private funcDepth = 0
  private loops = 0
  private errexitOff = 0
  private line = 0
  /** Subshells this command line may still fork, shared with every shell it forks (a fork bomb's end). */
  private forks = { left: FORK_BUDGET, warned: false }
  /** The process this shell will exec into for its next external command (a forked stage or job). */
  private inPlace: Process | null = null
  /** The job gate this shell runs under (null at the login prompt). */
  private gate: Gate | null = null
  /** What the terminal's Ctrl-Z stops: the foreground group of the login shell. */
  foreground: Group | null = null
  /** Where background jobs write the terminal's output: always the latest terminal sinks. */
  private terminal: { out: Output; err: Output } | null = null
  private held: { err: boolean; text: string }[] = []
  private idle = true
  private liveTerminal = false
  /** Status of the last command substitution, for a command that only assigns (`x=$(false)`). */
  private substituted: number | null = null
  /** The terminal as stdin (the Tty's line reader), for `read -p`'s prompt rule. */
  terminalInput: Input | null = null
  /** Process substitutions open, closed as the command that expanded them ends. */
  /** The command running (BASH_COMMAND), or the one a trap now running interrupted. */
  private current: Command | null = null
  /** Traps running: DEBUG and ERR do not fire for the commands of a trap. */
  private inTrap = 0
  /** A pipeline stage whose parent already ran the DEBUG trap for it, as bash does before forking. */
  private debugDone: Command | null = null

  constructor(
    readonly session: Session,
    readonly env: ShellEnv,
  ) {
    mountFdDir(session.host)
  }

  /** This shell's own table as a builtin reading /dev/fd sees it: the substitutions it has open. */
  private readonly fdSelf = (): FdView => ({ pid: this.session.pid, fds: [], subs: this.session.subs, tty: this.session.tty, terminal: this.terminalInput })

  get host(): Host {
    return this.session.host
  }

  get engine(): Engine {
    return this.env.engine
  }

  // ---- entry points ---------------------------------------------------------------------------

  /**
   * Parses and runs one complete input typed at the prompt (possibly several lines). `top`: it is
   * the terminal's own input, so background jobs write there and job notices follow it.
   */
  *runSource(src: string, given: LegacyIo | Io, top = !(given instanceof Io)): Proc<number> {
    const io = given instanceof Io ? (top ? this.terminalIo(given) : given) : this.topIo(given)
    if (top) this.idle = false
    try {
      return yield* this.runText(src, io, true)
    } finally {
      if (this.session.interactive) this.session.linesRead += src.split('\n').length - (src.endsWith('\n') ? 1 : 0)
      if (top) {
        this.notifyJobs(io)
        this.idle = true
      }
    }
  }

  /** The terminal's streams, with the fds `exec` redirected laid over them. */
  private topIo(given: LegacyIo): Io {
    const out = sinkOutput(given.out, given.tty)
    const err = sinkOutput(given.err, given.tty)
    return this.terminalIo(new Io([given.stdin ? textInput(given.stdin) : EMPTY_INPUT, out, err]))
  }

  private terminalIo(io: Io): Io {
    const out = io.output(1) ?? NULL_OUTPUT
    const err = io.output(2) ?? NULL_OUTPUT
    this.liveTerminal = out.tty
    this.terminal = { out, err }
    for (const h of this.held.splice(0)) (h.err ? err : out).write(h.text)
    const fds = [...io.fds]
    for (const [n, f] of this.session.fds) fds[n] = f
    return new Io(fds)
  }

  /** Output for a background job: the current terminal, held between headless runs. */
  private jobOutput(err: boolean): Output {
    return {
      tty: this.liveTerminal,
      write: (text) => {
        if (this.idle && !this.liveTerminal) this.held.push({ err, text })
        else if (this.terminal) (err ? this.terminal.err : this.terminal.out).write(text)
      },
    }
  }

  /**
   * Runs `src` a line at a time, as bash reads its input: each line is parsed (with the aliases
   * defined so far, when expand_aliases is on) and run before the next is read.
   */
  private *runText(src: string, io: Io, top: boolean): Proc<number> {
    if (top) {
      this.steps = 0
      this.forks = { left: FORK_BUDGET, warned: false }
    }
    let status = 0
    for (let pos = 0, first = true; first || pos < src.length; first = false) {
      const r = parseLine(src, pos, this.session.shopts.has('expand_aliases') ? this.session.aliases : null, this.session.shopts.has('extglob'))
      if (!r.ok) {
        this.line = r.line
        // bash -c names its string `-c` in a syntax error (only there).
        const say = (msg: string) => io.err(`${this.dashC && !this.session.interactive ? `${this.session.argv0}: -c: line ${this.line}: ` : this.prefix()}${msg}\n`)
        if (r.incomplete) {
          if (r.quote) say(`unexpected EOF while looking for matching \`${r.quote}'`)
          if (r.detail) say(r.detail)
          say('syntax error: unexpected end of file')
        } else {
          say(r.error)
          // A script also shows the line it could not parse.
          if (!this.session.interactive) say(`\`${r.lineText}'`)
        }
        this.session.status = 2
        return 2
      }
      for (const h of r.unterminated) {
        // Said at the input's last line; an interactive shell counts the lines typed before.
        this.line = src.split('\n').length - (src.endsWith('\n') ? 1 : 0)
        const at = (this.session.interactive ? this.session.linesRead : 0) + h.line
        this.error(io, `warning: here-document at line ${at} delimited by end-of-file (wanted \`${h.delimiter}')`)
      }
      // An empty line leaves $? as it was; the input's end after lines that ran is not a command.
      if (!r.list.items.length && !first) break
      pos = r.end > pos ? r.end : src.length
      const done = yield* this.runLine(r.list, io, top)
      status = done.status
      if (done.stop) break
    }
    return status
  }

  /** One parsed line; `stop` when the rest of the input is not to be read (step limit, return, a script's error). */
  private *runLine(list: List, io: Io, top: boolean): Proc<{ status: number; stop: boolean }> {
    try {
      return { status: yield* this.list(list, io), stop: false }
    } catch (e) {
      if (e instanceof StepLimit) {
        this.error(io, `loop stopped after ${STEP_LIMIT} steps without waiting for anything (LVS Lab safety limit)`)
        this.session.status = 1
        return { status: 1, stop: true }
      }
      if (e instanceof OverBudget) {
        // Said once for the command, by whoever notices first (here, or Lab.run).
        const msg = this.engine.budget.report()
        if (msg) io.err(msg)
        this.session.status = 1
        return { status: 1, stop: true }
      }
      if (e instanceof Abort && (top || this.session.interactive)) {
        this.session.status = e.status
        if (!this.session.interactive && this.session.subshell === 0) throw new ExitShell(e.status)
        return { status: e.status, stop: !this.session.interactive }
      }
      if (e instanceof LoopControl && top) return { status: 0, stop: false }
      if (e instanceof ReturnSignal && top && this.funcDepth === 0) {
        this.session.status = e.code
        return { status: e.code, stop: true }
      }
      throw e
    }
  }

  /** Running `bash -c STRING`'s string (its syntax errors say `-c`). */
  dashC = false

  /** Writes `-bash: msg` (or `script: line N: msg`) to fd 2. */
  error(io: Io, msg: string): void {
    io.err(`${this.prefix()}${msg}\n`)
  }

  prefix(): string {
    if (this.session.interactive) return ERR
    return `${this.session.argv0}: line ${this.line}: `
  }

  // ---- lists, and-or lists, pipelines ---------------------------------------------------------

  *list(list: List, io: Io): Proc<number> {
    let status = this.session.status
    for (const item of list.items) {
      if (item.background) status = this.background(item, io)
      // A lone untimed pipeline (no && or ||) is what andOr and pipeline would come to: going
      // straight there saves two generators for every command a loop body runs.
      else if (item.rest.length === 0 && !item.first.time) status = yield* this.untimed(item.first, io)
      else status = yield* this.andOr(item, io)
      if (this.caught.length) yield* this.runCaught(io)
    }
    return status
  }

  /** Signals this shell's traps caught, waiting for the command that was running to end. */
  private caught: string[] = []

  /**
   * A signal sent to this shell's own process: true when the shell takes it, ignoring it (`trap
   * '' TERM`) or holding it for its trap, which runs once the current command is done, as bash
   * runs a trap between commands; false for the default action. KILL and STOP cannot be caught.
   */
  catchSignal(sig: number): boolean {
    if (sig === 9 || sig === 19) return false
    for (const [name, action] of this.session.traps) {
      if (signalNumber(name) !== sig) continue
      if (action !== '') this.caught.push(action)
      return true
    }
    return false
  }

  private *runCaught(io: Io): Proc<void> {
    for (const action of this.caught.splice(0)) yield* this.runTrap(action, io)
  }

  private *andOr(a: AndOr, io: Io): Proc<number> {
    const last = a.rest.length === 0
    if (!last) this.errexitOff++
    let status: number
    try {
      status = yield* this.pipeline(a.first, io)
    } finally {
      if (!last) this.errexitOff--
    }
    for (let i = 0; i < a.rest.length; i++) {
      const { op, pipeline } = a.rest[i]
      if ((op === '&&' && status === 0) || (op === '||' && status !== 0)) {
        const isLast = i === a.rest.length - 1
        if (!isLast) this.errexitOff++
        try {
          status = yield* this.pipeline(pipeline, io)
        } finally {
          if (!isLast) this.errexitOff--
        }
      }
    }
    return status
  }

  private *pipeline(p: Pipeline, io: Io): Proc<number> {
    if (!p.time) return yield* this.untimed(p, io)
    const start = this.engine.now
    try {
      return yield* this.untimed(p, io)
    } finally {
      io.err(timeReport(this.engine.now - start, p.time))
    }
  }

  private *untimed(p: Pipeline, io: Io): Proc<number> {
    if (p.negate) this.errexitOff++
    let status: number
    try {
      if (p.commands.length === 1) {
        status = yield* this.command(p.commands[0], io)
        this.setPipestatus([status])
      } else status = yield* this.stages(p, io)
    } finally {
      if (p.negate) this.errexitOff--
    }
    if (p.negate) status = status === 0 ? 1 : 0
    this.session.status = status
    if (status !== 0 && !p.negate) yield* this.failed(status, io)
    return status
  }

  private setPipestatus(statuses: number[]): void {
    this.session.pipestatus = statuses
    // A one-command pipeline's array is shared: a Var the session does not own is copied before any change.
    const one = statuses.length === 1 && statuses[0] < 256 ? statuses[0] : -1
    this.session.vars.set('PIPESTATUS', one >= 0 ? (SINGLE_PIPESTATUS[one] ??= { array: new Map([[0, String(one)]]) }) : { array: new Map(statuses.map((v, i) => [i, String(v)])) })
  }

  /** set -e and the ERR trap, where bash applies them (not in conditions, not left of && ||). */
  private *failed(status: number, io: Io): Proc<void> {
    if (this.errexitOff) return
    const trap = this.session.traps.get('ERR')
    if (trap && !this.inTrap) yield* this.runTrap(trap, io)
    if (this.session.options.has('errexit')) throw new ExitShell(status)
  }

  /** A trap's action, run where it fired: $? is kept for the command after it. */
  private *runTrap(action: string, io: Io): Proc<void> {
    const saved = this.session.status
    this.inTrap++
    try {
      yield* this.runText(action, io, false)
    } finally {
      this.inTrap--
      this.session.status = saved
    }
  }

  /** The DEBUG trap, before a simple command, each turn of for and select, case, (( )) and [[ ]]. */
  private *debugTrap(io: Io): Proc<void> {
    const trap = this.session.traps.get('DEBUG')
    if (trap && !this.inTrap) yield* this.runTrap(trap, io)
  }

  /** The command a trap sees as BASH_COMMAND, as bash prints it. */
  get runningCommand(): string {
    return this.current ? commandHead(this.current) : ''
  }

  /** `a | b | c`: each stage a forked shell in its own Task, joined by pipes. */
  private *stages(p: Pipeline, io: Io): Proc<number> {
    const n = p.commands.length
    const pipes = Array.from({ length: n - 1 }, () => new Pipe(this.engine))
    const group: Group = { text: p.commands.map(commandText).join(' | '), pgid: 0, pids: [], gate: new Gate(this.gate), tasks: [], stopped: new Signal<void>(), killedBy: new Map(), job: null, gens: new Map() }
    const statuses: number[] = new Array(n).fill(0)
    const allDone = new Signal<void>()
    let left = n
    for (let i = 0; i < n; i++) {
      const c = p.commands[i]
      if (c.kind === 'simple' && this.session.traps.has('DEBUG') && !this.inTrap) {
        this.current = c
        yield* this.debugTrap(io)
      }
      const child = this.fork(group.gate, c.kind === 'simple' ? c : null, io)
      if (typeof child === 'number') {
        statuses[i] = child
        pipes[i - 1]?.closeReader()
        if (--left === 0) allDone.fire()
        continue
      }
      const proc = child.inPlace ?? { pid: child.session.pid }
      group.pids.push(proc.pid)
      if (!group.pgid) group.pgid = proc.pid
      let task: Task<number>
      const writer = i < n - 1 ? pipes[i].writer(() => this.deliver(group, task, 13)) : null
      const fds = [...io.fds]
      if (i > 0) fds[0] = pipes[i - 1].input
      if (writer) {
        fds[1] = writer
        if (p.stderr[i]) fds[2] = writer
      }
      child.debugDone = c
      const gen = child.stage(c, new Io(fds))
      task = new Task(gated(gen, group.gate))
      group.tasks.push(task)
      group.gens.set(task, gen)
      task.done.on((r) => {
        writer?.close()
        pipes[i - 1]?.closeReader()
        this.host.procs.exit(proc.pid)
        try {
          statuses[i] = this.exitStatus(r, group.killedBy.get(task))
        } catch (e) {
          // A stage that ended in error (its budget spent) ends the whole pipeline, rethrown below.
          failure ??= { error: e }
          statuses[i] = 1
          for (const t of group.tasks) if (!t.finished) t.interrupt()
        }
        if (--left === 0) allDone.fire()
      })
    }
    let failure: { error: unknown } | null = null
    for (const t of group.tasks) t.start()
    yield* this.waitGroup(group, allDone, io)
    if (failure) throw (failure as { error: unknown }).error
    if (group.job?.state.kind === 'stopped') return 148
    this.setPipestatus(statuses)
    if (this.session.options.has('pipefail')) return [...statuses].reverse().find((s) => s !== 0) ?? 0
    return statuses[n - 1]
  }

  /** A task's end as an exit status: its value, 128+signal, or a rethrown internal error. */
  private exitStatus(r: Task<number>['done']['value'], sig: number | undefined): number {
    if (!r) return 1
    // A process that caught SIGINT and exited (ping's summary, a script's INT trap) has its own status.
    if (sig !== undefined && !(sig === 2 && r.ok)) return 128 + sig
    if (r.ok) return r.value
    if (r.error instanceof ExitShell) return r.error.code
    if (r.error instanceof Interrupt) return 130
    throw r.error
  }

  /** Waits for a foreground group: until it ends, or stops (Ctrl-Z) and becomes a job. */
  private *waitGroup<T>(group: Group, done: Signal<T>, io: Io): Proc<void> {
    if (done.fired) return
    const top = this.gate === null && this.session.subshell === 0
    if (top) this.foreground = group
    try {
      const r = yield* wait(race([done, group.stopped]))
      if (r.index === 1) this.stoppedInForeground(group, done, io)
    } catch (e) {
      if (!(e instanceof Interrupt)) throw e
      // SIGINT reaches the whole group; bash goes on only if every process caught it and exited.
      for (const t of group.tasks) t.interrupt()
      if (!done.fired || group.tasks.some((t) => !t.done.value?.ok)) throw e
    } finally {
      if (top && this.foreground === group) this.foreground = null
    }
    if (done.fired && top && this.session.interactive) {
      const sig = [...group.killedBy.values()].find((s) => s !== 13 && s !== 2)
      if (sig !== undefined && SIGNAL_TEXT[sig]) io.err(`${SIGNAL_TEXT[sig]}\n`)
    }
  }

  /** Ctrl-Z: the terminal stops the foreground group. */
  suspendForeground(): boolean {
    const g = this.foreground
    if (!g) return false
    g.gate.stop()
    g.stopped.fire()
    return true
  }

  private stoppedInForeground<T>(group: Group, done: Signal<T>, io: Io): void {
    const job = group.job ?? this.makeJob(group, done, false)
    job.state = { kind: 'stopped', sig: 20 }
    job.background = false
    this.session.jobs.touch(job)
    io.err(`\n${this.session.jobs.line(job)}\n`)
    this.session.status = 148
  }

  private makeJob<T>(group: Group, done: Signal<T>, background: boolean): Job {
    const job = this.session.jobs.add({
      pgid: group.pgid,
      pids: group.pids,
      text: group.text,
      gate: group.gate,
      state: { kind: 'running' },
      background,
      signal: (sig) => {
        for (const t of group.tasks) this.deliver(group, t, sig)
      },
    })
    group.job = job
    done.on(() => {
      const last = group.tasks[group.tasks.length - 1]
      const r = last?.done.value
      let sig: number | null = [...group.killedBy.values()][0] ?? null
      if (sig === 2 && r?.ok) sig = null
      const status = sig !== null ? 128 + sig : r?.ok ? r.value : r && r.error instanceof ExitShell ? r.error.code : 1
      if (sig === null && group.execs && status > 128 && SIGNAL_TEXT[status - 128]) sig = status - 128
      job.state = { kind: 'done', status, sig }
      job.notify = (job.background && this.session.interactive) || job.notify
      job.changed.fire()
      job.changed = new Signal<void>()
    })
    return job
  }

  /** kill(2) on one of the group's tasks: stop/continue through the gate, else end it. */
  private deliver(group: Group, task: Task<number>, sig: number): void {
    if (task.finished) return
    if (sig === 19 || sig === 20 || sig === 21 || sig === 22) {
      group.gate.stop()
      group.stopped.fire()
      if (group.job && group.job.state.kind !== 'stopped') {
        group.job.state = { kind: 'stopped', sig }
        group.job.notify = true
      }
      return
    }
    if (sig === 18) {
      group.gate.cont()
      group.stopped = new Signal<void>()
      if (group.job && group.job.state.kind === 'stopped') group.job.state = { kind: 'running' }
      return
    }
    if (sig === 0 || sig === 17 || sig === 28 || sig === 23) return
    if (!group.killedBy.has(task)) group.killedBy.set(task, sig)
    // A process signalled from inside itself (SIGPIPE on its own write) takes it once it yields.
    const gen = group.gens.get(task)
    if (gen && isRunning(gen)) this.engine.after(0, () => task.interrupt())
    else task.interrupt()
  }

  // ---- forks: pipeline stages, subshells, background jobs ---------------------------------------

  /** A child shell for a stage or job; a number (status) when fork fails. */
  private fork(gate: Gate, simple: Simple | null, io: Io): Shell | number {
    const procs = this.host.procs
    if (procs.forked > PROCESS_LIMIT || --this.forks.left < 0) return this.forkFailed(io)
    const proc = procs.spawn({ ppid: this.session.pid, comm: 'bash', args: this.session.argv0, tty: this.session.tty, stat: 'S' })
    const child = new Shell(this.session.fork(proc.pid), this.env)
    child.gate = gate
    child.steps = this.steps
    child.errexitOff = this.errexitOff
    child.funcDepth = this.funcDepth
    child.forks = this.forks
    if (simple) {
      // Until it execs, the child is listed by the command it is about to run, as /proc soon shows it.
      child.inPlace = proc
      proc.comm = simple.text.split(/\s+/)[0].slice(0, 15) || 'bash'
      proc.args = simple.text
    }
    return child
  }

  /** fork(2) failing with EAGAIN: bash says so (once per command line here, not once per try). */
  private forkFailed(io: Io): number {
    if (!this.forks.warned) {
      this.forks.warned = true
      this.error(io, 'fork: retry: Resource temporarily unavailable')
    }
    return 254
  }

  /** A pipeline stage: runs, and an `exit` inside ends only this subshell. */
  private stage(c: Command, io: Io): Proc<number> {
    return this.subshell(this.command(c, io), io)
  }

  /** A background job's and-or list, in its forked shell. */
  private job(item: AndOr, io: Io): Proc<number> {
    return this.subshell(this.andOr(item, io), io)
  }

  /** Runs a forked shell's work: `exit`, expansion errors and a stray return end only it. */
  private *subshell(body: Proc<number>, io: Io): Proc<number> {
    try {
      return yield* body
    } catch (e) {
      if (e instanceof ExitShell) return e.code
      if (e instanceof Abort) return e.status
      if (e instanceof LoopControl || e instanceof ReturnSignal) return this.session.status
      throw e
    } finally {
      yield* this.exitTrap(io)
    }
  }

  /** `cmd &`: a job in a forked shell; prints `[1] PID` like an interactive bash. */
  private background(item: AndOr, io: Io): number {
    const gate = new Gate(this.gate)
    const single = item.rest.length === 0 && item.first.commands.length === 1 && !item.first.negate ? item.first.commands[0] : null
    const child = this.fork(gate, single?.kind === 'simple' ? single : null, io)
    if (typeof child === 'number') return child
    const pid = child.inPlace?.pid ?? child.session.pid
    const fds = [...io.fds]
    if (this.liveTerminal || this.terminal) {
      if (fds[1] === this.terminal?.out) fds[1] = this.jobOutput(false)
      if (fds[2] === this.terminal?.err) fds[2] = this.jobOutput(true)
    }
    fds[0] = EMPTY_INPUT
    const bg: AndOr = { ...item, background: false }
    const group: Group = { text: item.text.replace(/\s*&$/, ''), pgid: pid, pids: [pid], gate, tasks: [], stopped: new Signal<void>(), killedBy: new Map(), job: null, gens: new Map() }
    const done = new Signal<void>()
    const gen = child.job(bg, new Io(fds))
    const task = new Task(gated(gen, gate))
    group.tasks.push(task)
    group.gens.set(task, gen)
    group.execs = single?.kind === 'simple'
    const proc = this.host.procs.get(pid)
    if (proc) proc.signal = (sig) => this.deliver(group, task, sig)
    task.done.on(() => {
      this.host.procs.exit(pid)
      done.fire()
    })
    this.session.lastBackground = pid
    // Every shell keeps its jobs for `wait` (a subshell its own table); only an interactive
    // shell's top level says `[1] PID`.
    const job = this.makeJob(group, done, true)
    if (this.session.interactive && this.session.subshell === 0) io.err(`[${job.id}] ${pid}\n`)
    else job.notify = false
    this.engine.after(0, () => task.start())
    return 0
  }


  /** Runs the EXIT trap once, as a (sub)shell ends. */
  *exitTrap(io: Io): Proc<void> {
    const trap = this.session.traps.get('EXIT')
    if (trap === undefined) return
    this.session.traps.delete('EXIT')
    if (trap) yield* this.runText(trap, io, false)
  }

  /** Prints `[1]+  Done …` for jobs that changed since the last prompt, as bash does before PS1. */
  notifyJobs(io: Io): void {
    const jobs = this.session.jobs
    for (const job of [...jobs.jobs]) {
      if (job.state.kind === 'done') {
        if (job.notify) io.err(`${jobs.line(job)}\n`)
        jobs.remove(job)
      } else if (job.notify) {
        io.err(`${jobs.line(job)}\n`)
        job.notify = false
      }
    }
  }

  // ---- commands -------------------------------------------------------------------------------

  /**
   * Counts a step against the loop limit; true every YIELD_EVERY steps, when the caller must let
   * a microsecond pass (breathe) so a busy loop leaves room for the events around it. A plain
   * function, not a generator: the step is taken on every command and every turn of a loop.
   */
  private tick(): boolean {
    if (++this.steps > STEP_LIMIT) throw new StepLimit()
    return this.steps % YIELD_EVERY === 0
  }

  private *breathe(): Proc<void> {
    const s = new Signal<void>()
    this.engine.after(1, () => s.fire())
    yield* wait(s)
  }

  *command(c: Command, io: Io): Proc<number> {
    if (this.tick()) yield* this.breathe()
    const subs = this.session.subs.length
    try {
      if (c.kind === 'simple') return yield* this.simple(c, io)
      if (c.kind === 'function') {
        this.session.functions.set(c.name, c)
        return 0
      }
      const rio = yield* this.redirect(c.redirects, io)
      if (typeof rio === 'number') return rio
      try {
        return yield* this.compound(c, rio.io)
      } finally {
        rio.close()
      }
    } finally {
      if (this.session.subs.length > subs) for (const sub of this.session.subs.splice(subs).reverse()) sub.close()
    }
  }

  private *compound(c: Exclude<Command, Simple | FunctionDef>, io: Io): Proc<number> {
    switch (c.kind) {
      case 'group': {
        if (!c.subshell) return yield* this.list(c.body, io)
        const child = new Shell(this.session.fork(this.host.procs.alloc()), this.env)
        child.gate = this.gate
        child.steps = this.steps
        child.terminal = this.terminal
        // Inside the line being run: its jobs write to the terminal at once, not held for later.
        child.idle = this.idle
        const status = yield* child.stage({ kind: 'group', subshell: false, body: c.body, redirects: [] }, io)
        this.steps = child.steps
        return status
      }
      case 'select':
        return yield* this.select(c, io)
      case 'for': {
        if (!NAME.test(c.name)) {
          this.error(io, `\`${c.name}': not a valid identifier`)
          return 1
        }
        const items = yield* this.forItems(c.items, io)
        let status = 0
        this.loops++
        try {
          for (const item of items) {
            if (this.tick()) yield* this.breathe()
            if (this.session.traps.size) yield* this.compoundDebug(c, io)
            this.assign(c.name, item, io)
            const r = yield* this.loopBody(c.body, io)
            status = r === BROKE ? 0 : r
            if (r === BROKE) break
          }
        } finally {
          this.loops--
        }
        return status
      }
      case 'arith-for': {
        let status = 0
        this.loops++
        try {
          yield* this.arithWord(c.init, io, '((')
          for (;;) {
            if (this.tick()) yield* this.breathe()
            const cond = (yield* expandSingle(c.cond, this.expandEnv(io))).trim()
            if (cond && this.evalArithText(cond, io, '((') === 0n) break
            const r = yield* this.loopBody(c.body, io)
            status = r === BROKE ? 0 : r
            if (r === BROKE) break
            yield* this.arithWord(c.step, io, '((')
          }
        } finally {
          this.loops--
        }
        return status
      }
      case 'while': {
        let status = 0
        this.loops++
        try {
          for (;;) {
            if (this.tick()) yield* this.breathe()
            this.errexitOff++
            let cond: number
            try {
              cond = yield* this.list(c.cond, io)
            } finally {
              this.errexitOff--
            }
            if ((cond === 0) === c.until) break
            const r = yield* this.loopBody(c.body, io)
            status = r === BROKE ? 0 : r
            if (r === BROKE) break
          }
        } finally {
          this.loops--
        }
        return status
      }
      case 'if': {
        for (const clause of c.clauses) {
          this.errexitOff++
          let cond: number
          try {
            cond = yield* this.list(clause.cond, io)
          } finally {
            this.errexitOff--
          }
          if (cond === 0) return yield* this.list(clause.body, io)
        }
        return c.otherwise ? yield* this.list(c.otherwise, io) : 0
      }
      case 'case': {
        if (this.session.traps.size) yield* this.compoundDebug(c, io)
        const env = this.expandEnv(io)
        const word = yield* expandSingle(c.word, env)
        let status = 0
        let fall = false
        for (let i = 0; i < c.items.length; i++) {
          const item = c.items[i]
          let match = fall
          if (!match) {
            for (const pat of item.patterns) {
              if ((yield* compilePattern(pat, env, 'case')).test(word)) {
                match = true
                break
              }
            }
          }
          if (!match) continue
          status = yield* this.list(item.body, io)
          if (item.end === ';;') return status
          fall = item.end === ';&'
        }
        return status
      }
      case 'arith': {
        if (this.session.traps.size) yield* this.compoundDebug(c, io)
        this.xtrace(io, ['((', c.text.trim(), '))'].join(' '))
        const text = yield* expandSingle(c.expr, this.expandEnv(io))
        // An error in the expression fails the command (status 1), as `let`'s does; the line goes on.
        try {
          return this.evalArithText(text, io, '((') === 0n ? 1 : 0
        } catch (e) {
          if (e instanceof Abort) return 1
          throw e
        }
      }
      case 'cond':
        if (this.session.traps.size) yield* this.compoundDebug(c, io)
        return yield* evalCond(this, c.expr, io)
    }
  }

  /** `select`: the menu and a question before each run of the body, until `break` or end of input. */
  private *select(c: Select, io: Io): Proc<number> {
    if (!NAME.test(c.name)) {
      this.error(io, `\`${c.name}': not a valid identifier`)
      return 1
    }
    const items = yield* this.forItems(c.items, io)
    if (!items.length) return 0
    let status = 0
    let menu = true
    this.loops++
    try {
      for (;;) {
        if (this.tick()) yield* this.breathe()
        if (this.session.traps.size) yield* this.compoundDebug(c, io)
        const choice = yield* selectQuery(this, items, io, menu)
        if (choice === null) return 1
        menu = false
        this.assign(c.name, choice, io)
        const r = yield* this.loopBody(c.body, io)
        status = r === BROKE ? 0 : r
        if (r === BROKE) break
        // As ksh does: a body that left REPLY empty has the menu shown again.
        if ((this.session.get('REPLY') ?? '') === '') menu = true
      }
    } finally {
      this.loops--
    }
    return status
  }

  /** The DEBUG trap before a compound command bash traps (BASH_COMMAND is its head). */
  private *compoundDebug(c: Command, io: Io): Proc<void> {
    if (this.inTrap) return
    this.current = c
    yield* this.debugTrap(io)
  }

  /** A loop body's run: its status (0 after `continue`), or BROKE when `break` ended the loop. A number, not an object per turn. */
  private *loopBody(body: List, io: Io): Proc<number> {
    try {
      return yield* this.list(body, io)
    } catch (e) {
      if (!(e instanceof LoopControl)) throw e
      if (e.levels > 1) {
        e.levels--
        throw e
      }
      return e.kind === 'break' ? BROKE : 0
    }
  }

  get inLoop(): boolean {
    return this.loops > 0
  }

  /** How many loops enclose the running command (`break 5` in two leaves both). */
  get loopDepth(): number {
    return this.loops
  }

  get inFunction(): boolean {
    return this.funcDepth > 0
  }

  *arithWord(w: Word, io: Io, who: string | null): Proc<bigint> {
    const text = yield* expandSingle(w, this.expandEnv(io))
    return this.evalArithText(text, io, who)
  }

  /** Evaluates arithmetic; an error is bash's message and abandons the command. */
  evalArithText(text: string, io: Io, who: string | null): bigint {
    try {
      return evalArith(text, this.arithVars(io))
    } catch (e) {
      if (!(e instanceof ArithError)) throw e
      this.error(io, who && !(e instanceof ArithReadonly) ? `${who}: ${e.message}` : e.message)
      throw new Abort(1)
    }
  }

  // ---- simple commands ------------------------------------------------------------------------

  private *simple(c: Simple, io: Io): Proc<number> {
    if (c.line) this.line = c.line
    if (!this.inTrap) {
      this.current = c
      if (this.session.traps.size && this.debugDone !== c) yield* this.debugTrap(io)
      this.debugDone = null
    }
    const xenv = this.expandEnv(io)
    let argv: string[]
    try {
      argv = literalWords(c.words) ?? (yield* expandWords(c.words, xenv))
    } catch (e) {
      return this.expandFailed(e, io)
    }
    if (!argv.length) {
      this.substituted = null
      try {
        for (const a of c.assigns) yield* this.assignment(a, io, xenv)
      } catch (e) {
        return this.expandFailed(e, io)
      }
      if (c.assigns.length && this.session.options.has('xtrace')) this.xtrace(io, c.assigns.map((a) => `${a.name}=${this.session.get(a.name) ?? ''}`).join(' '))
      const rio = yield* this.redirect(c.redirects, io)
      if (typeof rio === 'number') return rio
      rio.close()
      return this.substituted ?? 0
    }
    const name = argv[0]
    if (name === 'exec' && argv.length === 1) return yield* this.execRedirects(c.redirects, io)
    const saved: [string, Var | undefined][] | null = c.assigns.length ? [] : null
    try {
      for (const a of c.assigns) {
        if (!SPECIAL_BUILTINS.has(name)) saved!.push([a.name, this.session.vars.get(a.name) && { ...this.session.vars.get(a.name)! }])
        yield* this.assignment(a, io, xenv)
        if (!SPECIAL_BUILTINS.has(name)) this.session.own(a.name)!.exported = true
      }
    } catch (e) {
      return this.expandFailed(e, io)
    }
    if (this.session.options.has('xtrace')) this.xtrace(io, [...c.assigns.map((a) => `${a.name}=${this.session.get(a.name) ?? ''}`), ...argv.map(quoteForTrace)].join(' '))
    const rio = c.redirects.length ? yield* this.redirect(c.redirects, io) : null
    if (typeof rio === 'number') {
      this.restore(saved)
      return rio
    }
    try {
      const run = this.dispatch(argv, rio ? rio.io : io)
      return typeof run === 'number' ? run : yield* run
    } finally {
      rio?.close()
      this.restore(saved)
    }
  }

  private restore(saved: [string, Var | undefined][] | null): void {
    if (!saved) return
    for (const [k, v] of saved.reverse()) {
      if (v) this.session.vars.set(k, v)
      else this.session.vars.delete(k)
    }
  }

  /** The words of `for`/`select … in`, or the positional parameters; an expansion error (failglob, `${v:?}`) abandons the command. */
  private *forItems(words: Word[] | null | undefined, io: Io): Proc<string[]> {
    if (!words) return [...this.session.positional]
    try {
      return yield* expandWords(words, this.expandEnv(io))
    } catch (e) {
      return this.expandFailed(e, io)
    }
  }

  private expandFailed(e: unknown, io: Io): never {
    if (e instanceof ExpandError) {
      this.error(io, e.message)
      this.session.status = 1
      throw new Abort(1)
    }
    throw e
  }

  private xtrace(io: Io, text: string): void {
    if (!this.session.options.has('xtrace')) return
    const ps4 = this.session.get('PS4') ?? '+ '
    io.err(`${ps4.slice(0, 1).repeat(this.session.subshell + 1)}${ps4.slice(1)}${text}\n`)
  }

  private *assignment(a: Simple['assigns'][number], io: Io, xenv: ExpandEnv): Proc<void> {
    if (a.array) {
      const existing = this.session.vars.get(a.name)
      if (existing?.readonly) {
        this.error(io, `${a.name}: readonly variable`)
        throw new Abort(1)
      }
      const assoc = existing?.assoc !== undefined
      const target: Var = { ...(existing ?? {}), value: undefined }
      if (assoc) {
        const m = a.append ? new Map(existing!.assoc) : new Map<string, string>()
        for (const el of a.array) {
          if (!el.index) continue
          m.set(yield* expandSingle(el.index, xenv), yield* expandSingle(el.value, xenv))
        }
        charge(this.engine, m.size)
        target.assoc = m
      } else {
        const m = a.append && existing?.array ? new Map(existing.array) : a.append && existing?.value !== undefined ? new Map([[0, existing.value]]) : new Map<number, string>()
        let next = m.size ? Math.max(...m.keys()) + 1 : 0
        for (const el of a.array) {
          if (el.index) {
            const k = Number(this.evalArithText(yield* expandSingle(el.index, xenv), io, null))
            m.set(k, yield* expandSingle(el.value, xenv))
            next = k + 1
          } else for (const v of yield* expandWords([el.value], xenv)) m.set(next++, v)
        }
        charge(this.engine, m.size)
        target.array = new Map([...m].sort((x, y) => x[0] - y[0]))
      }
      this.session.vars.set(a.name, target)
      return
    }
    const value = a.value ? yield* expandSingle(a.value, xenv) : ''
    if (a.index) {
      const key = yield* expandSingle(a.index, xenv)
      this.setElement(a.name, key, a.append ? (this.element(a.name, key) ?? '') + value : value, io)
      return
    }
    const cur = this.session.vars.get(a.name)
    if (cur?.integer) {
      const n = this.evalArithText(a.append ? `${cur.value ?? 0}+(${value || 0})` : value || '0', io, null)
      this.assign(a.name, String(n), io)
      return
    }
    this.assign(a.name, a.append ? (this.session.get(a.name) ?? '') + value : value, io)
  }

  /** Sets a scalar, honouring readonly (bash's message, and the command line is abandoned). */
  assign(name: string, value: string, io: Io): void {
    const v = this.session.vars.get(name)
    if (v?.readonly) {
      this.error(io, `${name}: readonly variable`)
      throw new Abort(1)
    }
    this.session.set(name, value)
  }

  /** `name[key]`; a negative index before the first element is bash's `bad array subscript`, said on `io`, and no value. */
  element(name: string, key: string, io?: Io): string | undefined {
    const v = this.session.vars.get(name)
    if (!v) return undefined
    if (v.assoc) return v.assoc.get(key)
    let i = this.indexOf(name, key)
    if (i < 0 && v.array) i += Math.max(...v.array.keys(), -1) + 1
    if (i < 0) {
      if (io) this.error(io, `${name}: bad array subscript`)
      return undefined
    }
    return v.array ? v.array.get(i) : i === 0 ? v.value : undefined
  }

  private indexOf(_name: string, key: string): number {
    return Number(evalArith(key, this.arithVars()))
  }

  setElement(name: string, key: string, value: string, io: Io): void {
    let v = this.session.own(name)
    if (v?.readonly) {
      this.error(io, `${name}: readonly variable`)
      throw new Abort(1)
    }
    if (!v) this.session.vars.set(name, (v = { array: new Map() }))
    if (v.assoc) {
      v.assoc.set(key, value)
      return
    }
    if (!v.array) {
      v.array = new Map(v.value !== undefined ? [[0, v.value]] : [])
      v.value = undefined
    }
    let i: number
    try {
      i = this.indexOf(name, key)
    } catch (e) {
      if (e instanceof ArithError) {
        this.error(io, e.message)
        throw new Abort(1)
      }
      throw e
    }
    if (i < 0) i = Math.max(...v.array.keys(), -1) + 1 + i
    if (i < 0) {
      this.error(io, `${name}[${key}]: bad array subscript`)
      throw new Abort(1)
    }
    charge(this.engine, Math.max(value.length, v.array.size + 1))
    setIndexed(v, i, value)
  }

  /** Variables as arithmetic reads and writes them; `io` takes the warnings (bad subscripts). */
  arithVars(io?: Io): ArithVars {
    return {
      get: (n: string) => this.session.get(n),
      set: (n: string, value: string) => {
        if (this.session.vars.get(n)?.readonly) throw new ArithReadonly(n)
        this.session.set(n, value)
      },
      getIndex: (n: string, i: bigint) => this.element(n, String(i), io),
      setIndex: (n: string, i: bigint, value: string) => {
        if (this.session.vars.get(n)?.readonly) throw new ArithReadonly(n)
        const v = this.session.own(n) ?? { array: new Map<number, string>() }
        if (!this.session.vars.has(n)) this.session.vars.set(n, v)
        if (!v.array) {
          v.array = new Map(v.value !== undefined ? [[0, v.value]] : [])
          v.value = undefined
        }
        setIndexed(v, Number(i), value)
      },
    }
  }

  private envs = new WeakMap<Io, ExpandEnv>()

  /** The expansion context for commands writing to `io` (made once per fd table). */
  expandEnv(io: Io): ExpandEnv {
    let env = this.envs.get(io)
    if (!env) this.envs.set(io, (env = this.makeExpandEnv(io)))
    return env
  }

  private makeExpandEnv(io: Io): ExpandEnv {
    return new Expansion(this, io)
  }

  special(name: string): string | undefined {
    const s = this.session
    switch (name) {
      case '?':
        return String(s.status)
      case '$':
        return String(s.loginPid)
      case '#':
        return String(s.positional.length)
      case '0':
        return s.argv0
      case '!':
        return s.lastBackground === null ? undefined : String(s.lastBackground)
      case '-':
        return this.optionFlags()
      case '@':
      case '*':
        return s.positional.join(' ')
    }
    return undefined
  }

  /**
   * `$-`: the set letters on, in bash's flag order, `i` when interactive, then `c` for bash -c or
   * `s` for commands read from the terminal (an interactive shell's stdin).
   */
  private optionFlags(): string {
    const s = this.session
    let out = ''
    for (const l of FLAG_ORDER) if (l === 'i' ? s.interactive : s.options.has(FLAG_OPTIONS[l] ?? '')) out += l
    return out + (this.dashC ? 'c' : s.interactive ? 's' : '')
  }

  variable(name: string): string | undefined {
    switch (name) {
      case 'RANDOM':
        return String(this.engine.rng.int(0, 32767))
      case 'BASHPID':
        return String(this.session.pid)
      case 'SECONDS':
        return String(Math.floor(this.engine.now / 1e6))
      case 'PPID':
        return String(this.host.procs.get(this.session.loginPid)?.ppid ?? 1)
      case 'LINENO':
        return String(this.line)
      case 'UID':
      case 'EUID':
        return '0'
      case 'BASH_VERSION':
        return '5.1.8(1)-release'
      case 'BASH_COMMAND':
        return this.runningCommand
    }
    return this.session.get(name)
  }

  *substitute(list: List, io: Io): Proc<string> {
    let out = ''
    const child = new Shell(this.session.fork(this.host.procs.alloc()), this.env)
    child.gate = this.gate
    child.steps = this.steps
    child.line = this.line
    // bash (not in posix mode) turns errexit off in a command substitution unless inherit_errexit.
    if (!this.session.shopts.has('inherit_errexit') && !this.session.options.has('posix')) child.session.options.delete('errexit')
    const sub = new Io([
      this.session.interactive ? EMPTY_INPUT : io.stdin,
      sinkOutput((t) => {
        charge(this.engine, out.length + t.length)
        out += t
      }),
      io.fds[2],
    ])
    const status = yield* child.stage({ kind: 'group', subshell: false, body: list, redirects: [] }, sub)
    this.steps = child.steps
    this.session.status = status
    this.substituted = status
    return out
  }

  /**
   * `<(list)` / `>(list)`: the list runs in a forked shell, asynchronously, joined to this one by a
   * pipe open at /dev/fd/N until the command that expanded it ends (exec/procsub.ts).
   */
  *procsub(list: List, dir: '<' | '>', io: Io): Proc<string> {
    const gate = new Gate(this.gate)
    const child = this.fork(gate, null, io)
    if (typeof child === 'number') throw new Abort(child)
    const pid = child.session.pid
    const pipe = new Pipe(this.engine)
    const fds = [...io.fds]
    let task: Task<number> | null = null
    // A reader gone for good (the command ended) is SIGPIPE to a producer still writing.
    const writer = dir === '<' ? pipe.writer(() => this.engine.after(0, () => task?.interrupt())) : null
    if (writer) {
      fds[0] = this.session.interactive ? EMPTY_INPUT : io.stdin
      fds[1] = writer
    } else fds[0] = pipe.input
    const sub = new Io(fds)
    task = new Task(gated(child.subshell(child.list(list, sub), sub), gate))
    task.done.on(() => {
      writer?.close()
      this.host.procs.exit(pid)
    })
    const toCommand = dir === '>' ? pipe.writer(() => {}) : null
    const opened = openProcSub(this.session.subs, toCommand ? { output: toCommand } : { input: pipe.input }, () => (toCommand ? toCommand.close() : pipe.closeReader()))
    if (!opened) {
      this.error(io, 'pipe error: Too many open files')
      throw new Abort(1)
    }
    this.session.lastBackground = pid
    task.start()
    return opened.path
  }

  // ---- running a command name -----------------------------------------------------------------

  /** Runs argv: a function, a builtin, or a program of the registry that exists on this host. */
  *exec(argv: string[], io: Io): Proc<number> {
    const run = this.dispatch(argv, io)
    return typeof run === 'number' ? run : yield* run
  }

  /**
   * exec's choice, made without a generator of its own: the status when it is known at once (a
   * program that ran synchronously, a lookup that failed), else the Proc that runs the command.
   * The simple-command path calls it directly: exec, external and program would each be a
   * generator frame that every step of the command resumes through.
   */
  private dispatch(argv: string[], io: Io): number | Proc<number> {
    const name = argv[0]
    const fn = this.session.functions.get(name)
    if (fn) return this.call(fn, argv, io)
    const builtin = BUILTINS.get(name)
    if (builtin) {
      shellReading(this.host, this.fdSelf)
      return builtin(this, argv, io)
    }
    return this.launch(argv, io)
  }

  sleep(us: number): Signal<void> {
    const s = new Signal<void>()
    this.engine.after(us, () => s.fire())
    return s
  }

  builtin(name: string): Builtin | undefined {
    return BUILTINS.get(name)
  }

  /** A function's text as `type` and `declare -f` print it. */
  functionText(fn: FunctionDef): string {
    return printFunction(fn)
  }

  /** Every place $PATH holds the program `name`, first the one that runs (`type -a`, `which -a`). */
  lookPath(name: string, path = this.session.get('PATH') ?? ''): string[] {
    return searchPath(this.env.commands, this.host, this.session.cwd, path, name)
  }

  /** `fg`: the job in the foreground until it ends or stops again; its status. */
  *waitJob(job: Job, io: Io): Proc<number> {
    const group: Group = { text: job.text, pgid: job.pgid, pids: job.pids, gate: job.gate, tasks: [], stopped: new Signal<void>(), killedBy: new Map(), job, gens: new Map() }
    const top = this.gate === null && this.session.subshell === 0
    if (top) this.foreground = group
    try {
      while (job.state.kind === 'running') {
        const r = yield* wait(race([job.changed, group.stopped]))
        if (r.index === 1) {
          job.state = { kind: 'stopped', sig: 20 }
          io.err(`\n${this.session.jobs.line(job)}\n`)
          return 148
        }
      }
    } catch (e) {
      if (e instanceof Interrupt) {
        job.signal(2)
        this.session.jobs.remove(job)
      }
      throw e
    } finally {
      if (top && this.foreground === group) this.foreground = null
    }
    this.session.jobs.remove(job)
    if (job.state.kind !== 'done') return 148
    if (job.state.sig !== null && job.state.sig !== 2 && SIGNAL_TEXT[job.state.sig]) io.err(`${SIGNAL_TEXT[job.state.sig]}\n`)
    return job.state.sig !== null ? 128 + job.state.sig : job.state.status
  }

  /** A program (never a function or builtin): `command`, `exec`, and name lookup. */
  *external(argv: string[], io: Io, via: 'exec' | null = null): Proc<number> {
    const run = this.launch(argv, io, via)
    return typeof run === 'number' ? run : yield* run
  }

  /** external's lookup and start (see dispatch). */
  private launch(argv: string[], io: Io, via: 'exec' | null = null): number | Proc<number> {
    const name = argv[0]
    if (name === 'bash' || name === 'sh' || name.endsWith('/bash') || name.endsWith('/sh')) return this.bashCommand(argv, io)
    const def = this.resolve(name, io, via)
    if (typeof def === 'number') return def
    return typeof def === 'string' ? this.runScriptFile(def, argv, io) : this.program(def, argv, io)
  }

  *call(fn: FunctionDef, argv: string[], io: Io): Proc<number> {
    if (this.funcDepth >= FUNCNEST_LIMIT) {
      this.error(io, `${fn.name}: maximum function nesting level exceeded (${FUNCNEST_LIMIT})`)
      throw new Abort(1)
    }
    const s = this.session
    const savedPositional = s.positional
    s.positional = argv.slice(1)
    s.frames.push(new Map())
    this.funcDepth++
    const loops = this.loops
    this.loops = 0
    const traps = s.traps.size ? this.functionTraps() : null
    let returned = false
    try {
      // With set -T the DEBUG trap also fires as the function starts (execute_function).
      if (traps && s.traps.has('DEBUG')) yield* this.debugTrap(io)
      const status = yield* this.command(fn.body, io)
      returned = true
      return status
    } catch (e) {
      if (e instanceof ReturnSignal) {
        returned = true
        return e.code
      }
      throw e
    } finally {
      // A RETURN trap set now (inherited with set -T, or set by the body) runs as it returns.
      const ret = s.traps.get('RETURN')
      if (returned && ret && !this.inTrap) yield* this.runTrap(ret, io)
      if (traps) for (const [k, v] of traps) s.traps.set(k, v)
      this.loops = loops
      this.funcDepth--
      const frame = s.frames.pop()!
      for (const [k, v] of frame) {
        if (v) s.vars.set(k, v)
        else s.vars.delete(k)
      }
      s.positional = savedPositional
    }
  }

  /**
   * A function does not see the DEBUG and RETURN traps unless set -T (functrace), nor ERR unless
   * set -E (errtrace): they are lifted for the call and put back after it; these are returned.
   */
  private functionTraps(): Map<string, string> | null {
    const s = this.session
    const lifted = new Map<string, string>()
    const lift = (k: string) => {
      const v = s.traps.get(k)
      if (v === undefined) return
      lifted.set(k, v)
      s.traps.delete(k)
    }
    if (!s.options.has('functrace')) {
      lift('DEBUG')
      lift('RETURN')
    }
    if (!s.options.has('errtrace')) lift('ERR')
    return lifted.size || s.traps.has('DEBUG') ? lifted : null
  }

  /** `local name[=value]` in the innermost function frame. */
  makeLocal(name: string): void {
    const frame = this.session.frames[this.session.frames.length - 1]
    if (!frame || frame.has(name)) return
    frame.set(name, this.session.vars.get(name))
    this.session.vars.delete(name)
  }

  /** A registry entry, a script path (string), or the status of bash's lookup failure. */
  /** `exec` names itself when the search fails (`exec: nosuch: not found`). */
  private resolve(name: string, io: Io, via: 'exec' | null = null): CommandDef | string | number {
    if (name.includes('/')) return this.resolveFile(name, io)
    const s = this.session
    const PATH = s.get('PATH')
    const hashing = s.options.has('hashall')
    // A remembered path is run as it is, gone or not, as execve would be (no new search).
    const hashed = hashing ? s.hash.find(name, PATH) : undefined
    if (hashed !== undefined) return programAt(this.env.commands, this.host, hashed) ?? this.resolveFile(hashed, io)
    const path = firstInPath(this.env.commands, this.host, s.cwd, PATH ?? '', name)
    if (path === undefined) {
      this.error(io, via ? `${via}: ${name}: not found` : `${name}: command not found`)
      return 127
    }
    if (hashing) s.hash.insert(name, path, 1, PATH)
    return programAt(this.env.commands, this.host, path) ?? path
  }

  /** What execve would run for a name with a slash (or a hashed path), or why it cannot. */
  private resolveFile(name: string, io: Io): CommandDef | string | number {
    const path = normalizePath(this.session.cwd, name)
    const def = programAt(this.env.commands, this.host, path)
    if (def) return def
    const node = this.host.fs.stat(path)
    if (node?.type === 'dir') {
      this.error(io, `${name}: Is a directory`)
      return 126
    }
    if (node) {
      if ((node.mode & 0o111) === 0) {
        this.error(io, `${name}: Permission denied`)
        return 126
      }
      return path
    }
    this.error(io, `${name}: No such file or directory`)
    return 127
  }

  /** Runs a registry program as a process: a PID, its own Task, stop/kill through its group. */
  private program(def: CommandDef, argv: string[], io: Io): number | Proc<number> {
    const proc = this.spawn(def.name, argv, io)
    if (typeof proc === 'number') return proc
    const ctx = this.context(argv, io)
    // The program's own descriptor table, for /dev/fd read while it runs (exec/fdtable.ts).
    const view: FdView = { pid: proc.pid, fds: io.fds, subs: this.session.subs.length ? this.session.subs.filter((s) => !s.closed) : NO_SUBS, tty: this.session.tty, terminal: this.terminalInput }
    FD_VIEWS.set(view, view)
    let result: number | Proc<number>
    try {
      result = during(view, () => def.run(ctx))
      if (typeof result !== 'number') FD_VIEWS.set(result, view)
    } catch (e) {
      this.host.procs.exit(proc.pid)
      throw e
    }
    if (typeof result === 'number') {
      this.host.procs.exit(proc.pid)
      return result
    }
    return this.runProcess(result, proc, io)
  }

  /** The process for a program about to run: the forked shell it execs in place of, or a new one. */
  private spawn(name: string, argv: string[], io: Io): Process | number {
    const comm = name.slice(name.lastIndexOf('/') + 1).slice(0, 15)
    if (this.inPlace) {
      const proc = this.inPlace
      this.inPlace = null
      proc.comm = comm
      proc.args = argv.join(' ')
      return proc
    }
    if (this.host.procs.forked > PROCESS_LIMIT) return this.forkFailed(io)
    return this.host.procs.spawn({ ppid: this.session.pid, comm, args: argv.join(' '), tty: this.session.tty, stat: this.gate ? 'S' : 'S+' })
  }

  /** Runs a process's generator as its own Task: signals, Ctrl-Z and its exit status. */
  private *runProcess(result: Proc<number>, proc: Process, io: Io, shell: Shell | null = null): Proc<number> {
    const procs = this.host.procs
    // The process's args are argv joined already (spawn): the job's text without a second join.
    const group: Group = { text: proc.args, pgid: proc.pid, pids: [proc.pid], gate: new Gate(this.gate), tasks: [], stopped: new Signal<void>(), killedBy: new Map(), job: null, gens: new Map() }
    const task = new Task(gated(result, group.gate))
    group.tasks.push(task)
    group.gens.set(task, result)
    proc.signal = (sig) => {
      if (shell?.catchSignal(sig)) return
      if (group.job) group.job.signal(sig)
      else this.deliver(group, task, sig)
    }
    // The process leaves the table first; whoever waits on the task's end (below) comes after.
    task.done.on(() => procs.exit(proc.pid))
    task.start()
    // A program that ended without waiting for anything needs no wait.
    if (!task.finished) yield* this.waitGroup(group, task.done, io)
    if (!task.finished) return 148
    return this.exitStatus(task.done.value, group.killedBy.get(task))
  }

  /** A command's context; tests may pass plain callbacks (LegacyIo) instead of an fd table. */
  context(argv: string[], given: Io | LegacyIo): CommandContext {
    const io = given instanceof Io ? given : new Io([textInput(given.stdin), sinkOutput(given.out, given.tty), sinkOutput(given.err, given.tty)])
    const sinks = io.writers()
    const calls = (this.calls ??= this.shellCalls())
    return {
      argv,
      stdin: io.stdin,
      stdinTty: this.terminalInput !== null && io.stdin === this.terminalInput,
      out: sinks.out,
      err: sinks.err,
      tty: io.tty,
      term: io.tty ? this.env.term() : null,
      host: this.host,
      session: this.session,
      engine: this.engine,
      sleep: calls.sleep,
      run: calls.run,
      lookPath: calls.lookPath,
      lookupHost: this.env.lookupHost,
    }
  }

  /** The context's calls into this shell: the same for every command it runs, so made once. */
  private calls: Pick<CommandContext, 'sleep' | 'run' | 'lookPath'> | null = null

  private shellCalls(): Pick<CommandContext, 'sleep' | 'run' | 'lookPath'> {
    const engine = this.engine
    return {
      sleep: (us) => {
        const s = new Signal<void>()
        engine.after(us, () => s.fire())
        return s
      },
      run: (line, rio) => {
        const child = new Shell(this.session.fork(this.host.procs.alloc()), this.env)
        child.gate = this.gate
        child.session.interactive = false
        child.session.argv0 = 'bash'
        const stdin = typeof rio.stdin === 'string' ? textInput(rio.stdin) : (rio.stdin ?? EMPTY_INPUT)
        const sub = new Io([stdin, sinkOutput(rio.out), sinkOutput(rio.err)])
        return child.script(line, sub)
      },
      lookPath: (name, path) => this.lookPath(name, path),
    }
  }

  // ---- scripts: bash file, bash -c, ./file, source ----------------------------------------------

  /** Runs `text` as a non-interactive shell's whole input, as `bash file` does. */
  *script(text: string, io: Io): Proc<number> {
    try {
      const status = yield* this.runText(text, io, true)
      return status
    } catch (e) {
      if (e instanceof ExitShell) return e.code
      if (e instanceof Abort) return e.status
      // SIGINT with an INT trap: the handler runs, and the script ends (a handler's exit sets the status).
      const trap = this.session.traps.get('INT')
      if (e instanceof Interrupt && trap !== undefined) {
        if (trap === '') return 130
        try {
          yield* this.runText(trap, io, false)
        } catch (inner) {
          if (inner instanceof ExitShell) return inner.code
          throw inner
        }
        return 130
      }
      throw e
    } finally {
      yield* this.exitTrap(io)
    }
  }

  private *bashCommand(argv: string[], io: Io): Proc<number> {
    const name = argv[0].slice(argv[0].lastIndexOf('/') + 1)
    let i = 1
    let command: string | null = null
    const options: string[] = []
    for (; i < argv.length; i++) {
      const a = argv[i]
      if (a === '-c') {
        command = argv[++i] ?? null
        if (command === null) {
          io.err(`${name}: -c: option requires an argument\n`)
          return 2
        }
        i++
        break
      }
      if (a === '--') {
        i++
        break
      }
      if (/^[-+][euxvn]+$/.test(a) || a === '-l' || a === '--login' || a === '--norc' || a === '--noprofile') {
        options.push(a)
        continue
      }
      if (a.startsWith('-') && a !== '-') {
        io.err(`${name}: ${a}: invalid option\n${BASH_USAGE(name)}`)
        return 2
      }
      break
    }
    const proc = this.spawn(name, argv, io)
    if (typeof proc === 'number') return proc
    const child = this.scriptShell(argv.slice(i), name, options, proc)
    if (command !== null) {
      child.session.argv0 = argv[i] ?? name
      child.session.positional = argv.slice(i + 1)
      child.dashC = true
      return yield* this.runProcess(child.script(command, io), proc, io, child)
    }
    const file = argv[i]
    if (file === undefined) return yield* this.runProcess(child.scriptFromStdin(io), proc, io, child)
    const text = yield* readPath(this.host, this.session.subs, normalizePath(this.session.cwd, file))
    if (typeof text !== 'string') {
      this.host.procs.exit(proc.pid)
      io.err(`${name}: ${file}: ${FS_ERROR_TEXT[text.error]}\n`)
      return 127
    }
    child.session.argv0 = file
    child.session.positional = argv.slice(i + 1)
    return yield* this.runProcess(child.script(text, io), proc, io, child)
  }

  private *scriptFromStdin(io: Io): Proc<number> {
    return yield* this.script(yield* io.stdin.readAll(), io)
  }

  /** A new bash process: a fork that keeps only exported variables, with its own $$. */
  private scriptShell(args: string[], name: string, options: string[], proc: Process): Shell {
    const child = new Shell(this.session.fork(proc.pid), this.env)
    const s = child.session
    s.loginPid = proc.pid
    s.interactive = false
    s.subshell = 0
    s.functions = new Map([...s.functions].filter(([, fn]) => fn.exported))
    s.hash = new CommandHash()
    // A script starts with no aliases, and would not expand them unless it turned expand_aliases on.
    s.aliases = new Map()
    s.parentTraps = null
    s.shopts = new Set(SHOPT_DEFAULTS.filter((o) => o !== 'expand_aliases'))
    // A new bash has its own job table: `wait` there waits for its own `&` jobs.
    s.jobs = new JobTable()
    s.options = new Set(['braceexpand', 'hashall', 'interactive-comments'])
    for (const o of options) {
      const letters = o.slice(1)
      for (const l of letters) {
        const opt = ({ e: 'errexit', u: 'nounset', x: 'xtrace', v: 'verbose', n: 'noexec' } as Record<string, string>)[l]
        if (opt) o[0] === '-' ? s.options.add(opt) : s.options.delete(opt)
      }
    }
    for (const [k, v] of [...s.vars]) if (!v.exported) s.vars.delete(k)
    s.positional = args
    s.argv0 = name
    child.gate = this.gate
    child.terminal = this.terminal
    return child
  }

  /** `./x.sh`: the shebang picks the interpreter; a file without one runs as a bash script. */
  private *runScriptFile(path: string, argv: string[], io: Io): Proc<number> {
    const text = this.host.fs.read(path)
    if (typeof text !== 'string') {
      this.error(io, `${argv[0]}: ${FS_ERROR_TEXT[text.error]}`)
      return 126
    }
    const bang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(text)
    if (bang) {
      const interp = bang[1] === '/usr/bin/env' ? bang[2] ?? '' : bang[1]
      const base = interp.slice(interp.lastIndexOf('/') + 1)
      if (base !== 'bash' && base !== 'sh') {
        this.error(io, `${argv[0]}: ${bang[1]}: bad interpreter: No such file or directory`)
        return 126
      }
    }
    const proc = this.spawn('bash', argv, io)
    if (typeof proc === 'number') return proc
    const child = this.scriptShell(argv.slice(1), argv[0], [], proc)
    child.session.argv0 = argv[0]
    return yield* this.runProcess(child.script(text, io), proc, io, child)
  }

  /** `source file` / `. file`: in this shell, `return` ends it. */
  *source(path: string, args: string[], io: Io): Proc<number> {
    const text = yield* readPath(this.host, this.session.subs, normalizePath(this.session.cwd, path))
    if (typeof text !== 'string') {
      this.error(io, `${path}: ${FS_ERROR_TEXT[text.error]}`)
      return 1
    }
    const saved = this.session.positional
    if (args.length) this.session.positional = args
    this.funcDepth++
    let returned = false
    try {
      const status = yield* this.runText(text, io, false)
      returned = true
      return status
    } catch (e) {
      if (e instanceof ReturnSignal) {
        returned = true
        return e.code
      }
      throw e
    } finally {
      this.funcDepth--
      if (args.length) this.session.positional = saved
      const ret = this.session.traps.get('RETURN')
      if (returned && ret && !this.inTrap) yield* this.runTrap(ret, io)
    }
  }

  /** `eval`: the words joined and run here. */
  *evalText(text: string, io: Io): Proc<number> {
    return yield* this.runText(text, io, false)
  }

  // ---- redirections ---------------------------------------------------------------------------

  /** `exec >file 3<in`: the redirections stay for the rest of the session. */
  private *execRedirects(redirects: Redirect[], io: Io): Proc<number> {
    const rio = yield* this.redirect(redirects, io)
    if (typeof rio === 'number') return rio
    // The rest of this command line already holds `io`: it sees the new fds too.
    const n = Math.max(io.fds.length, rio.io.fds.length)
    for (let fd = 0; fd < n; fd++) {
      const f = rio.io.fds[fd] ?? null
      if (f === (io.fds[fd] ?? null)) continue
      this.session.fds.set(fd, f)
      io.fds[fd] = f
    }
    return 0
  }

  /**
   * `{name}>file`: the lowest fd from 10 up that is free is opened and its number assigned to
   * name; `{name}>&-` closes the fd the variable holds. -1 (said why) when it cannot be.
   */
  private namedFd(r: Redirect, fds: Io['fds'], io: Io): number {
    const name = r.varname!
    if ((r.op === '>&' || r.op === '<&') && plainWord(r.target) === '-') {
      const held = this.session.get(name) ?? ''
      if (/^\d+$/.test(held)) return Number(held)
      this.error(io, `${name}: ambiguous redirect`)
      return -1
    }
    let fd = 10
    while (fds[fd]) fd++
    this.assign(name, String(fd), io)
    return fd
  }

  /** Applies redirections in order to a copy of the fd table; a status when one fails. */
  *redirect(redirects: Redirect[], io: Io): Proc<{ io: Io; close(): void } | number> {
    if (!redirects.length) return { io, close: NO_CLOSE }
    const fds = [...io.fds]
    const xenv = this.expandEnv(io)
    for (const r of redirects) {
      const fd = r.varname === undefined ? r.fd : this.namedFd(r, fds, io)
      if (fd < 0) return 1
      if (r.heredoc) {
        fds[fd] = textInput(r.heredoc.expand ? yield* expandSingle(parseHeredocBody(r.heredoc.body), xenv) : r.heredoc.body)
        continue
      }
      let target: string
      try {
        if (r.op === '<<<') {
          fds[fd] = textInput((yield* expandSingle(r.target, xenv)) + '\n')
          continue
        }
        const words = yield* expandWords([r.target], xenv)
        if (words.length !== 1) {
          this.error(io, `${wordText(r.target)}: ambiguous redirect`)
          return 1
        }
        target = words[0]
      } catch (e) {
        this.expandFailed(e, io)
      }
      if (r.op === '>&' || r.op === '<&') {
        if (target === '-') {
          fds[fd] = null
          continue
        }
        if (/^\d+$/.test(target)) {
          const src = fds[Number(target)]
          if (!src || (r.op === '>&' && !isOutput(src)) || (r.op === '<&' && !isInput(src))) {
            this.error(io, `${target}: Bad file descriptor`)
            return 1
          }
          fds[fd] = src
          continue
        }
        if (r.op === '<&') {
          this.error(io, `${target}: ambiguous redirect`)
          return 1
        }
        const out = this.openOutput(target, false, io)
        if (typeof out === 'number') return out
        fds[1] = fds[2] = out
        continue
      }
      if (r.op === '<' || r.op === '<>') {
        const input = this.openInput(target, io)
        if (typeof input === 'number') return input
        fds[fd] = input
        continue
      }
      const out = this.openOutput(target, r.op === '>>' || r.op === '&>>', io, r.op === '>|')
      if (typeof out === 'number') return out
      if (r.op === '&>' || r.op === '&>>') fds[1] = fds[2] = out
      else fds[fd] = out
    }
    return { io: new Io(fds), close: NO_CLOSE }
  }

  private openInput(target: string, io: Io): Input | number {
    if (target === '/dev/null') return EMPTY_INPUT
    if (target === '/dev/stdin') return io.stdin
    const path = normalizePath(this.session.cwd, target)
    // The shell reads a `<(cmd)`'s pipe itself, as the lines come.
    if (procSubAt(this.session.subs, path)) return procSubInput(this.session.subs, path) ?? EMPTY_INPUT
    // /dev/fd/N of this shell's own table opens what its fd N is open on, as dup(2) would.
    const own = OWN_FD.exec(path)
    if (own && isInput(io.fds[Number(own[1])])) return io.fds[Number(own[1])] as Input
    const content = this.host.fs.read(path)
    if (typeof content !== 'string') {
      this.error(io, `${target}: ${FS_ERROR_TEXT[content.error]}`)
      return 1
    }
    const input = textInput(content)
    nameFd(input, this.host.fs.resolve(path) as string)
    return input
  }

  /** Opens (and truncates, for `>`) a file; the Output appends each write to it at once. */
  private openOutput(target: string, append: boolean, io: Io, force = false): Output | number {
    if (target === '/dev/null') return NULL_OUTPUT
    if (target === '/dev/stdout') return io.output(1) ?? NULL_OUTPUT
    if (target === '/dev/stderr') return io.output(2) ?? NULL_OUTPUT
    if (target === '/dev/tty') return this.terminal?.out ?? NULL_OUTPUT
    const fs = this.host.fs
    const path = normalizePath(this.session.cwd, target)
    const sub = procSubAt(this.session.subs, path)
    if (sub?.output) return sub.output
    const own = OWN_FD.exec(path)
    if (own && io.output(Number(own[1]))) return io.output(Number(own[1]))!
    const mounted = fs.isMounted(path)
    if (!append && !force && !mounted && this.session.options.has('noclobber') && fs.stat(path)?.type === 'file') {
      this.error(io, `${target}: cannot overwrite existing file`)
      return 1
    }
    const e = mounted ? (fs.exists(path) ? null : 'ENOENT') : append && fs.exists(path) ? (fs.isDir(path) ? 'EISDIR' : null) : fs.write(path, '')
    if (e) {
      this.error(io, `${target}: ${FS_ERROR_TEXT[e]}`)
      return 1
    }
    const out: Output = {
      tty: false,
      write: (t) => {
        const err = mounted ? fs.write(path, t) : fs.append(path, t)
        if (err && mounted) io.err(`${this.prefix()}echo: write error: ${FS_ERROR_TEXT[err]}\n`)
      },
    }
    nameFd(out, fs.resolve(path) as string)
    return out
  }
}

/** A program's table when its shell has no substitution open (most of them): shared, never written. */
const NO_SUBS: readonly never[] = Object.freeze([])

/** A path that names one of the process's own descriptors. */
const OWN_FD = /^\/(?:dev|proc\/self)\/fd\/(\d+)$/

/**
 * `time`'s report on stderr, as bash's default TIMEFORMAT ($'\\nreal\\t%3lR\\nuser\\t%3lU\\nsys\\t%3lS')
 * or POSIX's `time -p`. Real is the virtual time that passed; the CPU the simulation spent is not
 * the program's, so user and sys read 0.
 */
function timeReport(us: number, format: 'default' | 'posix'): string {
  const ms = Math.floor(us / 1000)
  const long = (t: number) => `${Math.floor(t / 60000)}m${((t % 60000) / 1000).toFixed(3)}s`
  if (format === 'posix') return `real ${(ms / 1000).toFixed(2)}\nuser 0.00\nsys 0.00\n`
  return `\nreal\t${long(ms)}\nuser\t${long(0)}\nsys\t${long(0)}\n`
}

function quoteForTrace(a: string): string {
  if (a === '') return "''"
  return /[\s'"\\$`*?[\]{}()<>|&;!#~]/.test(a) ? `'${a.replace(/'/g, "'\\''")}'` : a
}

function plainWord(w: Word): string | null {
  return w.parts.length === 1 && w.parts[0].t === 'lit' ? w.parts[0].v : null
}

function wordText(w: Word): string {
  return w.parts.map((p) => (p.t === 'lit' ? p.v : p.t === 'param' ? `$${p.name}` : '')).join('')
}

function commandText(c: Command): string {
  if (c.kind === 'simple') return c.text
  if (c.kind === 'function') return c.text
  return c.kind
}

export type { Word }
