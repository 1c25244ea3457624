// One terminal on one host, as a pty and bash's readline make it: line editing, history, tab
// completion, the PS2 prompt for unfinished input, Ctrl-C/Ctrl-D/Ctrl-L, and job control for the
// foreground command. Keys typed while a command runs are kept (typeahead) and read by the next
// prompt unless the command reads them itself (vim, dnf's [y/N]); nothing typed is lost.

import { ctimeDate } from '../host/clock.ts'
import { normalizePath } from '../host/fs.ts'
import type { Host } from '../host/host.ts'
import { Signal, Task } from '../sim/task.ts'
import { optionWords } from './args/help.ts'
import { BUILTINS } from './builtins/index.ts'
import { keys } from './keys.ts'
import { Reboot } from './commands/reboot/index.ts'
import { ExitShell, Io, Shell, type ShellEnv } from './interp.ts'
import { parse } from './parse.ts'
import { Session } from './session.ts'
import { expandHistory } from './history.ts'
import { sinkOutput, type Input } from './stream.ts'
import { wait, type Proc } from '../sim/task.ts'

export class Tty {
  cols = 80
  rows = 24
  readonly session: Session
  readonly shell: Shell
  private line = ''
  private cursor = 0
  private pending = ''
  private histIndex = -1
  private draft = ''
  private job: Task<number> | null = null
  private typeahead: string[] = []
  private keyWaiter: Signal<string> | null = null
  private lastTab = false
  private lastLogin: number | null = null
  /** A foreground command reading the terminal (`read`, `cat`): the line typed so far. */
  private cooked: { line: string; waiter: Signal<string | null> } | null = null
  private cookedEof = false

  constructor(
    readonly host: Host,
    env: Omit<ShellEnv, 'term'>,
    private readonly write: (data: string) => void,
    private readonly onCommand: (host: Host, line: string) => void = () => {},
  ) {
    this.session = new Session(host)
    this.shell = new Shell(this.session, {
      ...env,
      term: () => ({ cols: this.cols, rows: this.rows, key: () => this.nextKey() }),
    })
    this.shell.terminalInput = this.terminalInput
  }

  /** The terminal as a command's stdin: lines typed in cooked mode, Ctrl-D for end of input. */
  private readonly terminalInput: Input = {
    read: () => this.readLine(),
    readLine: () => this.readLine(),
    readAll: () => this.readAllLines(),
  }

  private *readLine(): Proc<string | null> {
    if (this.cookedEof) {
      this.cookedEof = false
      return null
    }
    const waiter = new Signal<string | null>()
    this.cooked = { line: '', waiter }
    const ahead = this.typeahead.join('')
    this.typeahead = []
    if (ahead) this.input(ahead)
    return yield* wait(waiter)
  }

  private *readAllLines(): Proc<string> {
    let all = ''
    for (;;) {
      const l = yield* this.readLine()
      if (l === null) return all
      all += l
    }
  }

  /** A key for a command reading the terminal: echo, erase, Enter ends the line, Ctrl-D the input. */
  private cookedKey(k: string): void {
    const c = this.cooked!
    if (k === '\r' || k === '\n') {
      this.write('\r\n')
      this.cooked = null
      c.waiter.fire(c.line + '\n')
    } else if (k === '\x04') {
      this.cooked = null
      if (c.line) {
        this.cookedEof = true
        c.waiter.fire(c.line)
      } else c.waiter.fire(null)
    } else if (k === '\x7f' || k === '\b') {
      if (c.line) {
        c.line = c.line.slice(0, -1)
        this.write('\b \b')
      }
    } else if (!k.startsWith('\x1b') && !(k.length === 1 && k < ' ')) {
      c.line += k
      this.write(k)
    }
  }

  get busy(): boolean {
    return this.job !== null
  }

  /** A fresh login: the Last login line (after the first) and a prompt. */
  login(): void {
    if (this.lastLogin !== null) this.write(`Last login: ${ctimeDate(this.lastLogin)} from 172.25.254.1\r\n`)
    this.lastLogin = this.host.wall()
    this.prompt()
  }

  private prompt(): void {
    this.line = ''
    this.cursor = 0
    this.histIndex = -1
    this.write(this.pending ? this.session.ps2() : this.session.prompt())
  }

  private out(text: string): void {
    // An octet that is not UTF-8 (kept as a lone surrogate, text/lines.ts) shows as the terminal's U+FFFD.
    this.write(text.replace(/\r?\n/g, '\r\n').replace(/(?<![\ud800-\udbff])[\udc80-\udcff]/g, '\ufffd'))
  }

  private nextKey(): Signal<string> {
    const s = new Signal<string>()
    const queued = this.typeahead.shift()
    if (queued !== undefined) s.fire(queued)
    else this.keyWaiter = s
    return s
  }

  /** Keystrokes from the terminal, in order. */
  input(data: string): void {
    if (this.job) {
      if (this.keyWaiter) {
        const w = this.keyWaiter
        this.keyWaiter = null
        w.fire(data)
        return
      }
      const ctrlZ = data.indexOf('\x1a')
      if (ctrlZ >= 0 && (data.indexOf('\x03') < 0 || ctrlZ < data.indexOf('\x03'))) {
        this.typeahead = []
        this.write('^Z')
        this.shell.suspendForeground()
        const rest = data.slice(ctrlZ + 1)
        if (rest) this.input(rest)
        return
      }
      const ctrlC = data.indexOf('\x03')
      if (this.cooked && (ctrlC < 0 || ctrlC > 0)) {
        const ks = keys(ctrlC < 0 ? data : data.slice(0, ctrlC))
        for (let i = 0; i < ks.length; i++) {
          if (!this.cooked) {
            this.typeahead.push(ks.slice(i).join(''))
            break
          }
          this.cookedKey(ks[i])
        }
        if (ctrlC > 0) this.input(data.slice(ctrlC))
        return
      }
      if (ctrlC >= 0) {
        this.cooked = null
        this.typeahead = []
        this.write('^C')
        this.job.interrupt()
        if (this.job) {
          this.job = null
          this.finishJob(130)
        }
        const rest = data.slice(ctrlC + 1)
        if (rest) this.input(rest)
        return
      }
      this.typeahead.push(data)
      return
    }
    const ks = keys(data)
    for (let i = 0; i < ks.length; i++) {
      if (this.job) {
        this.typeahead.push(ks.slice(i).join(''))
        return
      }
      this.key(ks[i])
    }
  }

  private redraw(): void {
    const promptText = this.pending ? this.session.ps2() : this.session.prompt()
    this.write(`\r\x1b[K${promptText}${this.line}`)
    const back = this.line.length - this.cursor
    if (back > 0) this.write(`\x1b[${back}D`)
  }

  private key(k: string): void {
    const wasTab = this.lastTab
    this.lastTab = false
    switch (k) {
      case '\r':
      case '\n':
        this.write('\r\n')
        this.submit()
        return
      case '\x7f':
      case '\b':
        if (this.cursor > 0) {
          this.line = this.line.slice(0, this.cursor - 1) + this.line.slice(this.cursor)
          this.cursor--
          this.redraw()
        }
        return
      case '\x03':
        this.write('^C\r\n')
        this.pending = ''
        this.session.status = 130
        this.prompt()
        return
      case '\x04':
        if (this.line) return
        if (this.pending) {
          // End of input inside an unfinished command: bash 5.1's two lines, then a fresh prompt.
          const r = parse(this.pending)
          if (!r.ok && r.incomplete && r.quote) this.out(`-bash: unexpected EOF while looking for matching \`${r.quote}'\n`)
          this.out('-bash: syntax error: unexpected end of file\n')
          this.session.addHistory(this.pending)
          this.pending = ''
          this.session.status = 2
          this.prompt()
          return
        }
        this.write('logout\r\n')
        this.relogin()
        return
      case '\x0c':
        this.write('\x1b[H\x1b[2J')
        this.redraw()
        return
      case '\x01':
      case '\x1b[H':
      case '\x1bOH':
        this.cursor = 0
        this.redraw()
        return
      case '\x05':
      case '\x1b[F':
      case '\x1bOF':
        this.cursor = this.line.length
        this.redraw()
        return
      case '\x15':
        this.line = this.line.slice(this.cursor)
        this.cursor = 0
        this.redraw()
        return
      case '\x0b':
        this.line = this.line.slice(0, this.cursor)
        this.redraw()
        return
      case '\x17': {
        const before = this.line.slice(0, this.cursor).replace(/\S+\s*$/, '')
        this.line = before + this.line.slice(this.cursor)
        this.cursor = before.length
        this.redraw()
        return
      }
      case '\x1b[D':
      case '\x1bOD':
        if (this.cursor > 0) {
          this.cursor--
          this.write('\x1b[D')
        }
        return
      case '\x1b[C':
      case '\x1bOC':
        if (this.cursor < this.line.length) {
          this.cursor++
          this.write('\x1b[C')
        }
        return
      case '\x1b[A':
      case '\x1bOA':
        return this.history(-1)
      case '\x1b[B':
      case '\x1bOB':
        return this.history(1)
      case '\x1b[3~':
        this.line = this.line.slice(0, this.cursor) + this.line.slice(this.cursor + 1)
        this.redraw()
        return
      case '\t':
        this.lastTab = true
        return this.complete(wasTab)
    }
    if (k.startsWith('\x1b') || (k.length === 1 && k < ' ')) return
    this.line = this.line.slice(0, this.cursor) + k + this.line.slice(this.cursor)
    this.cursor += k.length
    if (this.cursor === this.line.length) this.write(k)
    else this.redraw()
  }

  private history(dir: number): void {
    const h = this.session.history
    if (!h.length) return
    if (this.histIndex === -1) {
      if (dir > 0) return
      this.draft = this.line
      this.histIndex = h.length
    }
    const next = this.histIndex + dir
    if (next < 0) return
    if (next >= h.length) {
      this.histIndex = -1
      this.line = this.draft
    } else {
      this.histIndex = next
      this.line = h[next]
    }
    this.cursor = this.line.length
    this.redraw()
  }

  private complete(listAll: boolean): void {
    const before = this.line.slice(0, this.cursor)
    const words = before.split(/\s+/)
    const word = words[words.length - 1]
    const first = words.length === 1
    let candidates: string[]
    if (first && !word.includes('/')) {
      const names = [...BUILTINS.keys(), ...Object.values(this.shell.env.commands).filter((d) => !d.pkg || this.host.isInstalled(d.pkg)).map((d) => d.name)]
      candidates = [...new Set(names)].filter((n) => n.startsWith(word)).sort()
    } else {
      const slash = word.lastIndexOf('/')
      const dirPart = slash >= 0 ? word.slice(0, slash + 1) : ''
      const base = word.slice(slash + 1)
      const dir = dirPart.startsWith('/') ? dirPart : `${this.session.cwd}/${dirPart}`
      const files = (this.host.fs.list(normalizePath('/', dir)) ?? []).filter((n) => n.startsWith(base) && (base.startsWith('.') || !n.startsWith('.'))).map((n) => dirPart + n + (this.host.fs.isDir(normalizePath('/', `${dir}/${n}`)) ? '/' : ''))
      const def = Object.hasOwn(this.shell.env.commands, words[0]) ? this.shell.env.commands[words[0]] : undefined
      const opts = !dirPart ? [...(def?.completions ?? []), ...optionWords(def?.args)].filter((c) => c.startsWith(word)) : []
      candidates = [...new Set([...opts, ...files])].sort()
    }
    if (!candidates.length) return
    if (candidates.length === 1) {
      const c = candidates[0]
      const insert = c.slice(word.length) + (c.endsWith('/') ? '' : ' ')
      this.line = this.line.slice(0, this.cursor) + insert + this.line.slice(this.cursor)
      this.cursor += insert.length
      this.redraw()
      return
    }
    let prefix = candidates[0]
    for (const c of candidates) while (!c.startsWith(prefix)) prefix = prefix.slice(0, -1)
    if (prefix.length > word.length) {
      const insert = prefix.slice(word.length)
      this.line = this.line.slice(0, this.cursor) + insert + this.line.slice(this.cursor)
      this.cursor += insert.length
      this.redraw()
      return
    }
    if (listAll) {
      const shown = candidates.map((c) => c.replace(/.*\/(?=.)/, ''))
      this.write('\r\n' + shown.join('  ') + '\r\n')
      this.redraw()
    }
  }

  private submit(): void {
    let source = this.pending ? `${this.pending}\n${this.line}` : this.line
    if (this.session.options.has('histexpand')) {
      const h = expandHistory(source, this.session.history, this.session.shopts.has('extglob'))
      if ('error' in h) {
        this.out(`-bash: ${h.error}\n`)
        this.pending = ''
        this.prompt()
        return
      }
      if (h.changed) {
        source = h.text
        this.out(`${source}\n`)
      }
    }
    const r = parse(source)
    if (!r.ok && r.incomplete) {
      this.pending = source
      this.prompt()
      return
    }
    this.pending = ''
    this.session.addHistory(source)
    if (!source.trim()) {
      const out = sinkOutput((t) => this.out(t), true)
      this.shell.notifyJobs(new Io([null, out, out]))
      this.prompt()
      return
    }
    this.onCommand(this.host, source)
    this.startJob(source)
  }

  private startJob(source: string): void {
    const out = sinkOutput((t) => this.out(t), true)
    const task = new Task(this.shell.runSource(source, new Io([this.terminalInput, out, out]), true))
    this.job = task
    task.done.on((r) => {
      if (this.job !== task) return
      this.job = null
      this.keyWaiter = null
      this.cooked = null
      if (!r.ok) {
        if (r.error instanceof Reboot) {
          this.write(`Connection to ${this.host.hostname.toLowerCase()} closed by remote host.\r\nConnection to ${this.host.hostname.toLowerCase()} closed.\r\n`)
          this.relogin()
          return
        }
        if (r.error instanceof ExitShell) {
          this.write('logout\r\n')
          this.relogin()
          return
        }
        const status = r.error instanceof Error && r.error.message === 'interrupted' ? 130 : 1
        if (status !== 130) {
          // Escaped every boundary inside the command: leave the same `internal` record they do.
          this.shell.env.engine.fault('internal.command', this.host.hostname, 0, { command: source }, r.error)
          this.out(`-bash: internal error: ${r.error instanceof Error ? r.error.message : String(r.error)}\n`)
        } else this.write('\r\n')
        this.finishJob(status)
        return
      }
      this.finishJob(r.value)
    })
    task.start()
  }

  private finishJob(status: number): void {
    this.session.status = status
    this.prompt()
    const ahead = this.typeahead.join('')
    this.typeahead = []
    if (ahead) this.input(ahead)
  }

  private relogin(): void {
    this.session.reset()
    this.pending = ''
    this.write('\r\n')
    this.login()
  }
}
