// GNU nano 5.6.1 (RHEL 9), enough to edit a file: the title bar (`  GNU nano 5.6.1`, the file name
// centred, `Modified`), the edit window, the status line (`[ Read 8 lines ]`) and the two help
// lines of an 80-column terminal; typing, arrows, Home/End, Backspace/Delete, Enter, ^K cut line,
// ^O with the `File Name to Write:` prompt and `[ Wrote N lines ]`, ^X with `Save modified
// buffer?`. The buffer ends in nano's empty "magic line", so a written file ends with a newline.

import { Interrupt, wait, type Proc } from '../../../sim/task.ts'
import { abs, readInput } from '../files.ts'
import { typeKey } from '../vim/edit.ts'
import { keys } from '../../keys.ts'
import type { CommandContext, CommandDef } from '../types.ts'

const SO = '\x1b[7m'
const SE = '\x1b[27m'

const MAIN_HELP: [string, string][][] = [
  [['^G', 'Help'], ['^O', 'Write Out'], ['^W', 'Where Is'], ['^K', 'Cut'], ['^T', 'Execute'], ['^C', 'Location']],
  [['^X', 'Exit'], ['^R', 'Read File'], ['^\\', 'Replace'], ['^U', 'Paste'], ['^J', 'Justify'], ['^_', 'Go To Line']],
]
const WRITE_HELP: [string, string][][] = [
  [['^G', 'Help'], ['M-D', 'DOS Format'], ['M-A', 'Append'], ['M-B', 'Backup File']],
  [['^C', 'Cancel'], ['M-M', 'Mac Format'], ['M-P', 'Prepend'], ['^T', 'Browse']],
]
const YESNO_HELP: [string, string][][] = [[[' Y', 'Yes']], [[' N', 'No'], ['^C', 'Cancel']]]

/** One help line: each item a column of cols / items-per-line, its key in standout. */
function helpLine(items: [string, string][], cols: number, perLine: number): string {
  const width = Math.floor(cols / perLine)
  return items.map(([key, label], i) => `${SO}${key}${SE} ${i === items.length - 1 ? label : label.padEnd(width - key.length - 1)}`).join('')
}

type Prompt = null | { kind: 'write'; name: string; exitAfter: boolean } | { kind: 'save' }

class Nano {
  lines: string[]
  row = 0
  col = 0
  top = 0
  modified = false
  message: string
  prompt: Prompt = null
  done = false

  constructor(
    private readonly ctx: CommandContext,
    private name: string,
    text: string | null,
  ) {
    this.lines = text === null ? [''] : text.split('\n')
    if (this.lines[this.lines.length - 1] !== '') this.lines.push('')
    const n = this.lines.length - 1
    this.message = text === null ? (name ? 'New File' : '') : `Read ${n} line${n === 1 ? '' : 's'}`
  }

  private get cols(): number {
    return this.ctx.term?.cols ?? 80
  }

  private get height(): number {
    return (this.ctx.term?.rows ?? 24) - 4
  }

  private titleBar(): string {
    const left = '  GNU nano 5.6.1'
    const file = this.name || 'New Buffer'
    const state = this.modified ? 'Modified' : ''
    const at = Math.max(left.length + 3, Math.floor((this.cols - file.length) / 2))
    let bar = left.padEnd(at) + file
    bar = bar.padEnd(this.cols - state.length - 1) + state
    return `${SO}${bar.padEnd(this.cols).slice(0, this.cols)}${SE}`
  }

  private statusLine(): string {
    if (this.prompt?.kind === 'write') return `${SO}${`File Name to Write: ${this.prompt.name}`.padEnd(this.cols)}${SE}`
    if (this.prompt?.kind === 'save') return `${SO}${'Save modified buffer? '.padEnd(this.cols)}${SE}`
    if (!this.message) return ''
    const text = `[ ${this.message} ]`
    return ' '.repeat(Math.max(0, Math.floor((this.cols - text.length) / 2))) + `${SO}${text}${SE}`
  }

  render(): string {
    if (this.row < this.top) this.top = this.row
    if (this.row >= this.top + this.height) this.top = this.row - this.height + 1
    let out = `\x1b[H\x1b[2J${this.titleBar()}\r\n`
    for (let r = 0; r < this.height; r++) out += (this.lines[this.top + r] ?? '').slice(0, this.cols) + '\r\n'
    out += this.statusLine() + '\r\n'
    const help = this.prompt?.kind === 'write' ? WRITE_HELP : this.prompt?.kind === 'save' ? YESNO_HELP : MAIN_HELP
    const perLine = Math.max(...help.map((l) => l.length))
    out += helpLine(help[0], this.cols, perLine === 1 ? 2 : perLine) + '\r\n' + helpLine(help[1], this.cols, perLine === 1 ? 2 : perLine)
    if (this.prompt?.kind === 'write') return out + `\x1b[${this.height + 2};${'File Name to Write: '.length + this.prompt.name.length + 1}H`
    if (this.prompt?.kind === 'save') return out + `\x1b[${this.height + 2};23H`
    return out + `\x1b[${this.row - this.top + 2};${this.col + 1}H`
  }

  private write(name: string): boolean {
    const text = this.lines.join('\n')
    const e = this.ctx.host.fs.write(abs(this.ctx, name), text)
    if (e) {
      this.message = `Error writing ${name}: Permission denied`
      return false
    }
    const n = this.lines.length - 1
    this.name = name
    this.modified = false
    this.message = `Wrote ${n} line${n === 1 ? '' : 's'}`
    return true
  }

  key(k: string): void {
    const p = this.prompt
    if (p?.kind === 'write') return this.writeKey(p, k)
    if (p?.kind === 'save') {
      if (k === 'y' || k === 'Y') this.prompt = { kind: 'write', name: this.name, exitAfter: true }
      else if (k === 'n' || k === 'N') this.done = true
      else if (k === '\x03') {
        this.prompt = null
        this.message = 'Cancelled'
      }
      return
    }
    this.message = ''
    switch (k) {
      case '\x0f':
        this.prompt = { kind: 'write', name: this.name, exitAfter: false }
        return
      case '\x18':
        if (this.modified) this.prompt = { kind: 'save' }
        else this.done = true
        return
      case '\x0b':
        this.cut()
        return
      case '\x1b[3~':
        if (this.col < this.lines[this.row].length || this.row < this.lines.length - 1) {
          this.move('\x1b[C')
          typeKey(this, '\x7f')
          this.modified = true
        }
        return
    }
    if (this.move(k)) return
    if (typeKey(this, k)) {
      this.modified = true
      if (this.lines[this.lines.length - 1] !== '') this.lines.push('')
    }
  }

  private cut(): void {
    if (this.row === this.lines.length - 1 && !this.lines[this.row]) return
    this.lines.splice(this.row, 1)
    if (!this.lines.length || this.lines[this.lines.length - 1] !== '') this.lines.push('')
    this.col = 0
    this.modified = true
  }

  /** Arrows, Home and End; Left and Right cross line ends as nano's do. */
  private move(k: string): boolean {
    const len = (r: number) => this.lines[r].length
    switch (k) {
      case '\x1b[A': case '\x1bOA':
        if (this.row > 0) this.row--
        break
      case '\x1b[B': case '\x1bOB':
        if (this.row < this.lines.length - 1) this.row++
        break
      case '\x1b[D': case '\x1bOD':
        if (this.col > 0) this.col--
        else if (this.row > 0) this.col = len(--this.row)
        return true
      case '\x1b[C': case '\x1bOC':
        if (this.col < len(this.row)) this.col++
        else if (this.row < this.lines.length - 1) {
          this.row++
          this.col = 0
        }
        return true
      case '\x1b[H': case '\x1bOH': case '\x1b[1~':
        this.col = 0
        return true
      case '\x1b[F': case '\x1bOF': case '\x1b[4~':
        this.col = len(this.row)
        return true
      default:
        return false
    }
    this.col = Math.min(this.col, len(this.row))
    return true
  }

  private writeKey(p: { name: string; exitAfter: boolean }, k: string): void {
    if (k === '\r' || k === '\n') {
      if (!p.name) return
      this.prompt = null
      if (this.write(p.name) && p.exitAfter) this.done = true
    } else if (k === '\x03') {
      this.prompt = null
      this.message = 'Cancelled'
    } else if (k === '\x7f' || k === '\b') p.name = p.name.slice(0, -1)
    else if (k.length === 1 && k >= ' ') p.name += k
  }
}

function* run(ctx: CommandContext): Proc<number> {
  const file = ctx.argv.slice(1).find((a) => !a.startsWith('-') && !a.startsWith('+'))
  if (!ctx.term || !ctx.tty) {
    ctx.err('Too many errors from stdin\n')
    return 1
  }
  const path = file ? abs(ctx, file) : ''
  if (file && ctx.host.fs.isDir(path)) {
    ctx.err(`"${file}" is a directory\n`)
  }
  const text = file && !ctx.host.fs.isDir(path) ? yield* readInput(ctx, file) : null
  const ed = new Nano(ctx, file ?? '', typeof text === 'string' ? text : null)
  ctx.out('\x1b[?1049h' + ed.render())
  try {
    while (!ed.done) {
      const chunk = yield* wait(ctx.term.key())
      for (const k of keys(chunk)) {
        ed.key(k)
        if (ed.done) break
      }
      if (!ed.done) ctx.out(ed.render())
    }
  } catch (e) {
    if (!(e instanceof Interrupt)) throw e
  }
  ctx.out('\x1b[?1049l')
  return 0
}

export const nano: CommandDef = { name: 'nano', path: '/usr/bin/nano', pkg: 'nano', summary: 'Nano\'s ANOther editor, inspired by Pico', run }
