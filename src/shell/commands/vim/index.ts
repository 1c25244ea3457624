// vim, enough to edit a keyfile the way the tutorial does: normal mode (h j k l, arrows, 0 $ gg G,
// x, dd, i a A o O, u), insert mode, and the command line (:w :q :wq :x :q! ZZ, :N), on the
// alternate screen with vim's messages (`"f" 8L, 120B written`, E37, E492). Writing keeps the
// file's mode, as vim does, so a 0600 keyfile stays loadable by NetworkManager.

import { byteLength } from '../../../net/packet.ts'
import { Interrupt, wait, type Proc } from '../../../sim/task.ts'
import type { CommandContext, CommandDef } from '../types.ts'
import { abs, readInput } from '../files.ts'
import { typeKey } from './edit.ts'
import { USAGE_HUGE, USAGE_SMALL, VERSION_ENHANCED, VERSION_LINE } from './help.ts'
import { keys } from '../../keys.ts'

type Mode = 'normal' | 'insert' | 'cmdline'

class Editor {
  lines: string[]
  row = 0
  col = 0
  top = 0
  mode: Mode = 'normal'
  cmd = ''
  message: string
  modified = false
  pending = ''
  undo: { lines: string[]; row: number; col: number }[] = []
  done: number | null = null

  constructor(
    private readonly ctx: CommandContext,
    private readonly name: string,
    private readonly path: string,
    text: string | null,
  ) {
    this.lines = text === null || text === '' ? [''] : text.replace(/\n$/, '').split('\n')
    this.message = text === null ? `"${name}" [New]` : `"${name}" ${this.lines.length}L, ${byteLength(text)}B`
  }

  get rows(): number {
    return (this.ctx.term?.rows ?? 24) - 1
  }

  private snapshot(): void {
    this.undo.push({ lines: [...this.lines], row: this.row, col: this.col })
    if (this.undo.length > 100) this.undo.shift()
  }

  private clampCol(insert = this.mode === 'insert'): void {
    const len = this.lines[this.row].length
    this.col = Math.max(0, Math.min(this.col, insert ? len : Math.max(0, len - 1)))
  }

  render(): string {
    if (this.row < this.top) this.top = this.row
    if (this.row >= this.top + this.rows) this.top = this.row - this.rows + 1
    let out = '\x1b[H\x1b[2J'
    for (let r = 0; r < this.rows; r++) {
      const line = this.lines[this.top + r]
      out += (line === undefined ? '\x1b[94m~\x1b[0m' : line) + '\r\n'
    }
    const status = this.mode === 'insert' ? '\x1b[1m-- INSERT --\x1b[0m' : this.mode === 'cmdline' ? `:${this.cmd}` : this.message
    const ruler = `${this.row + 1},${this.col + 1}`
    out += status
    if (this.mode !== 'cmdline') out += `\x1b[${this.rows + 1};${(this.ctx.term?.cols ?? 80) - 18}H${ruler}`
    out += this.mode === 'cmdline' ? `\x1b[${this.rows + 1};${this.cmd.length + 2}H` : `\x1b[${this.row - this.top + 1};${this.col + 1}H`
    return out
  }

  key(k: string): void {
    if (this.mode === 'insert') return this.insertKey(k)
    if (this.mode === 'cmdline') return this.cmdKey(k)
    this.normalKey(k)
  }

  private move(k: string): boolean {
    const map: Record<string, [number, number]> = { h: [0, -1], l: [0, 1], j: [1, 0], k: [-1, 0], '\x1b[D': [0, -1], '\x1b[C': [0, 1], '\x1b[B': [1, 0], '\x1b[A': [-1, 0], '\x1bOD': [0, -1], '\x1bOC': [0, 1], '\x1bOB': [1, 0], '\x1bOA': [-1, 0] }
    const d = map[k]
    if (!d) return false
    if (this.mode === 'insert' && (k === 'h' || k === 'j' || k === 'k' || k === 'l')) return false
    this.row = Math.max(0, Math.min(this.lines.length - 1, this.row + d[0]))
    this.col += d[1]
    this.clampCol()
    return true
  }

  private normalKey(k: string): void {
    if (this.pending) {
      const seq = this.pending + k
      this.pending = ''
      if (seq === 'dd') {
        this.snapshot()
        this.lines.splice(this.row, 1)
        if (!this.lines.length) this.lines = ['']
        this.row = Math.min(this.row, this.lines.length - 1)
        this.modified = true
        this.clampCol()
      } else if (seq === 'gg') {
        this.row = 0
        this.clampCol()
      } else if (seq === 'ZZ') this.command('x')
      return
    }
    if (this.move(k)) return
    const line = this.lines[this.row]
    switch (k) {
      case 'i':
        this.mode = 'insert'
        this.snapshot()
        break
      case 'a':
        this.mode = 'insert'
        this.snapshot()
        this.col = Math.min(line.length, this.col + 1)
        break
      case 'A':
        this.mode = 'insert'
        this.snapshot()
        this.col = line.length
        break
      case 'I':
        this.mode = 'insert'
        this.snapshot()
        this.col = 0
        break
      case 'o':
      case 'O':
        this.snapshot()
        this.row += k === 'o' ? 1 : 0
        this.lines.splice(this.row, 0, '')
        this.col = 0
        this.mode = 'insert'
        this.modified = true
        break
      case 'x':
        if (line.length) {
          this.snapshot()
          this.lines[this.row] = line.slice(0, this.col) + line.slice(this.col + 1)
          this.modified = true
          this.clampCol()
        }
        break
      case '0':
        this.col = 0
        break
      case '$':
        this.col = Math.max(0, line.length - 1)
        break
      case 'G':
        this.row = this.lines.length - 1
        this.clampCol()
        break
      case 'u': {
        const prev = this.undo.pop()
        if (prev) {
          this.lines = prev.lines
          this.row = prev.row
          this.col = prev.col
          this.message = '1 change; before #1  0 seconds ago'
        } else this.message = 'Already at oldest change'
        break
      }
      case 'd':
      case 'g':
      case 'Z':
        this.pending = k
        break
      case ':':
        this.mode = 'cmdline'
        this.cmd = ''
        break
      default:
        break
    }
  }

  private insertKey(k: string): void {
    if (k === '\x1b') {
      this.mode = 'normal'
      this.message = ''
      this.col = Math.max(0, this.col - 1)
      this.clampCol(false)
      return
    }
    if (this.move(k)) return
    if (typeKey(this, k)) this.modified = true
  }

  private cmdKey(k: string): void {
    if (k === '\x1b') {
      this.mode = 'normal'
      this.message = ''
    } else if (k === '\r' || k === '\n') {
      this.mode = 'normal'
      this.command(this.cmd.trim())
    } else if (k === '\x7f' || k === '\b') {
      if (!this.cmd) this.mode = 'normal'
      this.cmd = this.cmd.slice(0, -1)
    } else if (k.length === 1 && k >= ' ') this.cmd += k
  }

  private write(): boolean {
    const text = this.lines.join('\n') + '\n'
    const isNew = !this.ctx.host.fs.exists(this.path)
    const e = this.ctx.host.fs.write(this.path, text)
    if (e) {
      this.message = `"${this.name}" E212: Can't open file for writing`
      return false
    }
    this.modified = false
    this.message = `"${this.name}"${isNew ? ' [New]' : ''} ${this.lines.length}L, ${byteLength(text)}B written`
    return true
  }

  private command(c: string): void {
    if (/^\d+$/.test(c)) {
      this.row = Math.max(0, Math.min(this.lines.length - 1, Number(c) - 1))
      this.clampCol()
      return
    }
    switch (c) {
      case 'w':
        this.write()
        return
      case 'wq':
      case 'x':
      case 'wq!':
        if (c !== 'x' || this.modified) {
          if (this.write()) this.done = 0
        } else this.done = 0
        return
      case 'q':
        if (this.modified) this.message = '\x1b[97;41mE37: No write since last change (add ! to override)\x1b[0m'
        else this.done = 0
        return
      case 'q!':
        this.done = 0
        return
      case '':
        return
      default:
        this.message = `\x1b[97;41mE492: Not an editor command: ${c}\x1b[0m`
    }
  }
}

/** vim's command_line_scan() answers -h/--help and --version where it meets them, before any
 *  terminal is needed; `--` ends the options. vim-minimal's --version is not modelled. */
function standard(ctx: CommandContext, huge: boolean): number | null {
  for (const a of ctx.argv.slice(1)) {
    if (a === '--') break
    if (a === '-h' || a === '--help') {
      ctx.out(VERSION_LINE + (huge ? USAGE_HUGE : USAGE_SMALL))
      return 0
    }
    if (a === '--version' && huge) {
      ctx.out(VERSION_ENHANCED)
      return 0
    }
  }
  return null
}

const run = (huge: boolean) =>
  function* (ctx: CommandContext): Proc<number> {
    const early = standard(ctx, huge)
    if (early !== null) return early
    return yield* edit(ctx)
  }

function* edit(ctx: CommandContext): Proc<number> {
  const file = ctx.argv.slice(1).find((a) => !a.startsWith('-') && !a.startsWith('+'))
  if (!ctx.term) {
    ctx.err('Vim: Warning: Output is not to a terminal\n')
    return 1
  }
  const name = file ?? '[No Name]'
  const path = file ? abs(ctx, file) : '/root/.vim-noname'
  if (file && ctx.host.fs.isDir(path)) {
    ctx.err(`"${file}" is a directory\n`)
  }
  const text = file ? yield* readInput(ctx, file) : null
  const ed = new Editor(ctx, name, path, typeof text === 'string' ? text : null)
  ctx.out('\x1b[?1049h' + ed.render())
  try {
    while (ed.done === null) {
      const chunk = yield* wait(ctx.term.key())
      for (const k of keys(chunk)) {
        if (k === '\x03') {
          ed.message = 'Type  :qa!  and press <Enter> to abandon all changes and exit Vim'
          continue
        }
        ed.key(k)
        if (ed.done !== null) break
      }
      ctx.out(ed.render())
    }
  } catch (e) {
    if (!(e instanceof Interrupt)) throw e
  }
  ctx.out('\x1b[?1049l')
  return ed.done ?? 0
}

export const vim: CommandDef = { name: 'vim', path: '/usr/bin/vim', summary: 'Vi IMproved, a programmer\'s text editor', run: run(true) }
export const vi: CommandDef = { ...vim, name: 'vi', path: '/usr/bin/vi', run: run(false) }
