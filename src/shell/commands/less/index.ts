// less 590 (RHEL 9): with stdout not a terminal it copies its input through like cat; on the
// terminal it pages on the alternate screen: rows − 1 lines, then the prompt (the file name on the
// first screen, `:` after, `(END)` at the end of the file, in standout), Space/f a screen forward,
// Enter/j/e a line, b/k/y back, g/G the ends, `/pattern` and n search forward, q quits.

import { Interrupt, wait, type Proc } from '../../../sim/task.ts'
import { keys } from '../../keys.ts'
import type { CommandContext, CommandDef } from '../types.ts'
import { operandsOf, readSources, screenRows } from './pages.ts'

const SO = '\x1b[7m'
const SE = '\x1b[27m'

class Pager {
  top = 0
  first = true
  search: RegExp | null = null
  typing: string | null = null
  message = ''
  done = false

  constructor(
    private readonly rows: string[],
    private readonly height: number,
    private readonly name: string | null,
  ) {}

  private get last(): number {
    return Math.max(0, this.rows.length - this.height)
  }

  private get atEnd(): boolean {
    return this.top + this.height >= this.rows.length
  }

  private scroll(n: number): void {
    this.top = Math.max(0, Math.min(this.last, this.top + n))
    this.first = false
  }

  private find(from: number): void {
    for (let i = from; i < this.rows.length; i++) {
      if (this.search!.test(this.rows[i])) {
        // As less does, the matching line goes to the top even when that leaves `~` rows below.
        this.top = i
        this.first = false
        return
      }
    }
    this.message = 'Pattern not found  (press RETURN)'
  }

  prompt(): string {
    if (this.typing !== null) return `/${this.typing}`
    if (this.message) return `${SO}${this.message}${SE}`
    const text = [this.first && this.name ? this.name : '', this.atEnd ? '(END)' : ''].filter(Boolean).join(' ')
    return text ? `${SO}${text}${SE}` : ':'
  }

  render(): string {
    let out = '\x1b[H\x1b[2J'
    for (let r = 0; r < this.height; r++) {
      const row = this.rows[this.top + r]
      const shown = row === undefined ? '~' : this.search ? row.replace(new RegExp(this.search.source, 'g'), (m) => `${SO}${m}${SE}`) : row
      out += shown + '\r\n'
    }
    return out + this.prompt()
  }

  key(k: string): void {
    if (this.typing !== null) return this.searchKey(k)
    if (this.message) {
      this.message = ''
      if (k === '\r' || k === '\n') return
    }
    switch (k) {
      case ' ': case 'f': case '\x06': case '\x16': case '\x1b[6~':
        return this.scroll(this.height)
      case '\r': case '\n': case 'j': case 'e': case '\x0e': case '\x1b[B': case '\x1bOB':
        return this.scroll(1)
      case 'b': case '\x02': case '\x1b[5~':
        return this.scroll(-this.height)
      case 'k': case 'y': case '\x10': case '\x1b[A': case '\x1bOA':
        return this.scroll(-1)
      case 'd': case '\x04':
        return this.scroll(Math.floor(this.height / 2))
      case 'u': case '\x15':
        return this.scroll(-Math.floor(this.height / 2))
      case 'g': case '<':
        this.top = 0
        this.first = false
        return
      case 'G': case '>':
        return this.scroll(this.rows.length)
      case '/':
        this.typing = ''
        return
      case 'n':
        if (this.search) this.find(this.top + 1)
        else this.message = 'No previous regular expression'
        return
      case 'q': case 'Q':
        this.done = true
        return
    }
  }

  private searchKey(k: string): void {
    if (k === '\r' || k === '\n') {
      const pattern = this.typing!
      this.typing = null
      if (!pattern) {
        if (this.search) this.find(this.top + 1)
        return
      }
      try {
        this.search = new RegExp(pattern)
      } catch {
        this.message = 'Invalid pattern  (press RETURN)'
        return
      }
      this.find(this.top + 1)
    } else if (k === '\x7f' || k === '\b') {
      if (!this.typing) this.typing = null
      else this.typing = this.typing.slice(0, -1)
    } else if (k === '\x1b' || k === '\x03') this.typing = null
    else if (k.length === 1 && k >= ' ') this.typing += k
  }
}

function* run(ctx: CommandContext): Proc<number> {
  const operands = operandsOf(ctx, 'less 590 (PCRE2 regular expressions)\nCopyright (C) 1984-2021  Mark Nudelman\n\nless comes with NO WARRANTY, to the extent permitted by law.\nFor information about the terms of redistribution,\nsee the file named README in the less distribution.\nHome page: https://greenwoodsoftware.com/less\n', (a) =>
    `There is no ${a.startsWith('--') ? a.slice(2) : a[1]} option ("less --help" for help)\n`,
  )
  if (typeof operands === 'number') return operands
  if (ctx.tty && ctx.term && !operands.length && ctx.stdinTty) {
    ctx.err('Missing filename ("less --help" for help)\n')
    return 1
  }
  let status = 0
  const sources = yield* readSources(ctx, operands, (op, why) => {
    ctx.err(`${op}: ${why}\n`)
    status = 1
  })
  const term = ctx.tty ? ctx.term : null
  // Copying through, less reports a file it cannot open and goes on to the next, exiting 0.
  if (!term) {
    for (const s of sources) ctx.out(s.text)
    return 0
  }
  if (!sources.length) return status
  const text = sources.map((s) => s.text).join('')
  const name = operands.length && sources[0].name !== '-' ? sources[0].name : null
  const pager = new Pager(screenRows(text, term.cols), term.rows - 1, name)
  ctx.out('\x1b[?1049h' + pager.render())
  try {
    while (!pager.done) {
      const chunk = yield* wait(term.key())
      for (const k of keys(chunk)) {
        pager.key(k)
        if (pager.done) break
      }
      if (!pager.done) ctx.out(pager.render())
    }
  } catch (e) {
    if (!(e instanceof Interrupt)) throw e
  }
  ctx.out('\r\x1b[K\x1b[?1049l')
  return status
}

export const less: CommandDef = { name: 'less', path: '/usr/bin/less', rpm: 'less', summary: 'opposite of more', run }
