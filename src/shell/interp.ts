// The interpreter: walks the syntax tree as bash executes it. Pipelines run their commands in
// order, each one's output becoming the next one's input; redirections open (and truncate) their
// files before the command runs, as bash does; loops and substitutions are generators so a `curl`
// inside a `for` waits on the virtual clock. Errors carry bash's `-bash: ` wording and statuses.

import type { AndOr, Command, List, Pipeline, Redirect, Simple, Word } from './ast.ts'
import { expandSingle, expandWords, type ExpandEnv } from './expand.ts'
import { parse, parseHeredocBody } from './parse.ts'
import type { Session } from './session.ts'
import { FS_ERROR_TEXT, normalizePath } from '../host/fs.ts'
import type { Host } from '../host/host.ts'
import type { Engine } from '../sim/engine.ts'
import { Signal, wait, type Proc } from '../sim/task.ts'
import type { CommandContext, CommandDef, Terminal } from './commands/types.ts'
import { BUILTINS } from './builtins.ts'
import { textInput } from './stream.ts'

export interface Io {
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

/** `exit`/`logout`: ends the login session. */
export class ExitShell extends Error {
  constructor(readonly code: number) {
    super('exit')
  }
}

export class StepLimit extends Error {}

const STEP_LIMIT = 1_000_000
const YIELD_EVERY = 2000

export const ERR = '-bash: '

export class Shell {
  private steps = 0

  constructor(
    readonly session: Session,
    readonly env: ShellEnv,
  ) {}

  get host(): Host {
    return this.session.host
  }

  /** Parses and runs one complete input (possibly several lines). */
  *runSource(src: string, io: Io): Proc<number> {
    const r = parse(src)
    if (!r.ok) {
      if (r.incomplete) {
        if (r.quote) io.err(`${ERR}unexpected EOF while looking for matching \`${r.quote}'\n`)
        io.err(`${ERR}syntax error: unexpected end of file\n`)
      } else io.err(`${ERR}${r.error}\n`)
      this.session.status = 2
      return 2
    }
    this.steps = 0
    try {
      return yield* this.list(r.list, io)
    } catch (e) {
      if (e instanceof StepLimit) {
        io.err(`${ERR}loop stopped after ${STEP_LIMIT} steps without waiting for anything (LVS Lab safety limit)\n`)
        this.session.status = 1
        return 1
      }
      throw e
    }
  }

  *list(list: List, io: Io): Proc<number> {
    let status = this.session.status
    for (const item of list.items) status = yield* this.andOr(item, io)
    return status
  }

  private *andOr(a: AndOr, io: Io): Proc<number> {
    let status = yield* this.pipeline(a.first, io)
    for (const { op, pipeline } of a.rest) {
      if ((op === '&&' && status === 0) || (op === '||' && status !== 0)) status = yield* this.pipeline(pipeline, io)
    }
    return status
  }

  private *pipeline(p: Pipeline, io: Io): Proc<number> {
    let stdin = io.stdin
    let status = 0
    for (let i = 0; i < p.commands.length; i++) {
      const last = i === p.commands.length - 1
      let buffer = ''
      const stage: Io = last ? { ...io, stdin } : { stdin, out: (t) => (buffer += t), err: io.err, tty: false }
      status = yield* this.command(p.commands[i], stage)
      stdin = buffer
    }
    if (p.negate) status = status === 0 ? 1 : 0
    this.session.status = status
    return status
  }

  private *tick(): Proc<void> {
    if (++this.steps > STEP_LIMIT) throw new StepLimit()
    if (this.steps % YIELD_EVERY === 0) {
      const s = new Signal<void>()
      this.env.engine.after(1, () => s.fire())
      yield* wait(s)
    }
  }

  private *command(c: Command, io: Io): Proc<number> {
    yield* this.tick()
    if (c.kind === 'simple') return yield* this.simple(c, io)
    return yield* this.withRedirects(c.redirects, io, (rio) => this.compound(c, rio))
  }

  private *compound(c: Exclude<Command, Simple>, io: Io): Proc<number> {
    switch (c.kind) {
      case 'group': {
        if (!c.subshell) return yield* this.list(c.body, io)
        const saved = { cwd: this.session.cwd, vars: new Map(this.session.vars) }
        try {
          return yield* this.list(c.body, io)
        } finally {
          this.session.cwd = saved.cwd
          this.session.vars = saved.vars
        }
      }
      case 'for': {
        const items = c.items ? yield* expandWords(c.items, this.expandEnv(io)) : []
        let status = 0
        for (const item of items) {
          yield* this.tick()
          this.session.vars.set(c.name, item)
          status = yield* this.list(c.body, io)
        }
        return status
      }
      case 'while': {
        let status = 0
        for (;;) {
          yield* this.tick()
          const cond = yield* this.list(c.cond, io)
          if ((cond === 0) === c.until) break
          status = yield* this.list(c.body, io)
        }
        return status
      }
      case 'if': {
        for (const clause of c.clauses) {
          if ((yield* this.list(clause.cond, io)) === 0) return yield* this.list(clause.body, io)
        }
        return c.otherwise ? yield* this.list(c.otherwise, io) : 0
      }
    }
  }

  expandEnv(io: Io): ExpandEnv {
    const session = this.session
    return {
      get: (name) => this.variable(name),
      set: (name, value) => session.vars.set(name, value),
      substitute: (list) => this.substitute(list, io),
      fs: this.host.fs,
      cwd: session.cwd,
      home: session.vars.get('HOME') ?? '/root',
    }
  }

  private variable(name: string): string | undefined {
    if (name === '?') return String(this.session.status)
    if (name === '$') return '2345'
    if (name === '#') return '0'
    if (name === '0') return '-bash'
    if (name === 'RANDOM') return String(this.env.engine.rng.int(0, 32767))
    return this.session.vars.get(name)
  }

  private *substitute(list: List, io: Io): Proc<string> {
    let out = ''
    yield* this.list(list, { stdin: '', out: (t) => (out += t), err: io.err, tty: false })
    return out
  }

  private *simple(c: Simple, io: Io): Proc<number> {
    const xenv = this.expandEnv(io)
    const argv = yield* expandWords(c.words, xenv)
    const assigns: [string, string][] = []
    for (const a of c.assigns) assigns.push([a.name, yield* expandSingle(a.value, xenv)])
    if (!argv.length) {
      for (const [k, v] of assigns) this.session.vars.set(k, v)
      if (c.redirects.length) return yield* this.withRedirects(c.redirects, io, () => (function* () { return 0 })())
      return 0
    }
    return yield* this.withRedirects(c.redirects, io, (rio) => this.exec(argv, rio))
  }

  /** Runs argv: a builtin, or a command of the registry that exists on this host. */
  *exec(argv: string[], io: Io): Proc<number> {
    const name = argv[0]
    const builtin = Object.hasOwn(BUILTINS, name) ? BUILTINS[name] : undefined
    if (builtin) return yield* builtin(this, argv, io)
    const def = this.resolve(name, io)
    if (typeof def === 'number') return def
    const ctx = this.context(argv, io)
    const result = def.run(ctx)
    return typeof result === 'number' ? result : yield* result
  }

  private resolve(name: string, io: Io): CommandDef | number {
    const commands = this.env.commands
    if (name.includes('/')) {
      const path = normalizePath(this.session.cwd, name)
      const def = Object.values(commands).find((d) => d.path === path || d.path.replace('/usr/sbin/', '/sbin/') === path || d.path.replace('/usr/bin/', '/bin/') === path)
      if (def && (!def.pkg || this.host.isInstalled(def.pkg))) return def
      const node = this.host.fs.stat(path)
      if (node?.type === 'dir') {
        io.err(`${ERR}${name}: Is a directory\n`)
        return 126
      }
      if (node) {
        io.err(`${ERR}${name}: Permission denied\n`)
        return 126
      }
      io.err(`${ERR}${name}: No such file or directory\n`)
      return 127
    }
    const def = Object.hasOwn(commands, name) ? commands[name] : undefined
    if (!def || (def.pkg && !this.host.isInstalled(def.pkg))) {
      io.err(`${ERR}${name}: command not found\n`)
      return 127
    }
    return def
  }

  context(argv: string[], io: Io): CommandContext {
    const engine = this.env.engine
    return {
      argv,
      stdin: textInput(io.stdin),
      out: io.out,
      err: io.err,
      tty: io.tty,
      term: io.tty ? this.env.term() : null,
      host: this.host,
      session: this.session,
      engine,
      sleep: (us) => {
        const s = new Signal<void>()
        engine.after(us, () => s.fire())
        return s
      },
      run: (line, rio) => this.runSource(line, { stdin: rio.stdin ?? '', out: rio.out, err: rio.err, tty: false }),
      lookupHost: this.env.lookupHost,
    }
  }

  private *withRedirects(redirects: Redirect[], io: Io, body: (io: Io) => Proc<number>): Proc<number> {
    if (!redirects.length) return yield* body(io)
    const fs = this.host.fs
    let out = io.out
    let err = io.err
    let stdin = io.stdin
    let tty = io.tty
    const files: { path: string; content: string }[] = []
    const xenv = this.expandEnv(io)
    for (const r of redirects) {
      if (r.heredoc) {
        stdin = r.heredoc.expand ? yield* expandSingle(parseHeredocBody(r.heredoc.body), xenv) : r.heredoc.body
        continue
      }
      const target = yield* expandSingle(r.target, xenv)
      if (r.op === '>&' || r.op === '<&') {
        if (target === '1' && r.fd === 2) err = out
        else if (target === '2' && r.fd === 1) out = err
        else if (target === '-') {
          if (r.fd === 1) out = () => {}
          else if (r.fd === 2) err = () => {}
        } else if (/^\d+$/.test(target)) {
          io.err(`${ERR}${target}: Bad file descriptor\n`)
          return 1
        } else {
          const sink = this.openOutput(target, false, io, files)
          if (typeof sink === 'number') return sink
          out = err = sink
          tty = false
        }
        continue
      }
      if (r.op === '<') {
        if (target === '/dev/null') {
          stdin = ''
          continue
        }
        const content = fs.read(normalizePath(this.session.cwd, target))
        if (typeof content !== 'string') {
          io.err(`${ERR}${target}: ${FS_ERROR_TEXT[content.error]}\n`)
          return 1
        }
        stdin = content
        continue
      }
      const sink = this.openOutput(target, r.op === '>>', io, files)
      if (typeof sink === 'number') return sink
      if (r.op === '&>') {
        out = err = sink
        tty = false
      } else if (r.fd === 2) err = sink
      else {
        out = sink
        tty = false
      }
    }
    let status: number
    try {
      status = yield* body({ stdin, out, err, tty })
    } finally {
      for (const f of files) {
        const e = fs.isMounted(f.path) ? fs.write(f.path, f.content) : fs.append(f.path, f.content)
        if (e) io.err(`${ERR}${f.path.replace(/^.*\//, '')}: ${FS_ERROR_TEXT[e]}\n`)
      }
    }
    return status
  }

  private openOutput(target: string, append: boolean, io: Io, files: { path: string; content: string }[]): ((t: string) => void) | number {
    if (target === '/dev/null') return () => {}
    if (target === '/dev/stdout') return io.out
    if (target === '/dev/stderr') return io.err
    const fs = this.host.fs
    const path = normalizePath(this.session.cwd, target)
    const e = fs.isMounted(path) ? (fs.exists(path) ? null : 'ENOENT') : append && fs.exists(path) ? null : fs.write(path, '')
    if (e) {
      io.err(`${ERR}${target}: ${FS_ERROR_TEXT[e]}\n`)
      return 1
    }
    const entry = { path, content: '' }
    files.push(entry)
    return (t) => {
      entry.content += t
    }
  }
}

export type { Word }
