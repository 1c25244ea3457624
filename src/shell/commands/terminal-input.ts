// Reading a network client's stdin the way ncat and telnet do: piped or redirected text arrives at
// once; from the terminal it comes key by key in cooked mode (echo, backspace, Enter sends the line,
// Ctrl-D on an empty line ends input), with the pending key kept across waits so that a client can
// listen to its socket and the keyboard at the same time without losing a keystroke.

import type { Proc, Signal } from '../../sim/task.ts'
import type { CommandContext } from './types.ts'

/**
 * Where ncat's stdin comes from: piped or redirected text (all at once), or the terminal, read
 * key by key in cooked mode (echo, backspace, Enter sends the line, Ctrl-D on an empty line is end
 * of input). A command waiting for keys receives Ctrl-C itself (tty.ts), so it is handled here.
 */
export class Stdin {
  private piped: string | null = null
  private line = ''
  private key: Signal<string> | null = null
  ended = false

  constructor(private readonly ctx: CommandContext) {}

  /** Reads piped input once; true when the terminal is the source from now on. */
  *start(): Proc<boolean> {
    if (this.ctx.stdinTty) return this.ctx.term !== null
    this.piped = yield* this.ctx.stdin.readAll()
    return !this.piped && this.ctx.term !== null
  }

  takePiped(): string {
    const t = this.piped ?? ''
    this.piped = ''
    return t
  }

  /** The pending key signal (kept across waits so no keystroke is lost). */
  nextKey(): Signal<string> {
    this.key ??= this.ctx.term!.key()
    return this.key
  }

  /** Consumes a fired key chunk: the completed lines, 'interrupt' for Ctrl-C, or 'escape' for
   *  the given escape key (telnet's Ctrl-]). */
  feed(chunk: string, escape?: string): string[] | 'interrupt' | 'escape' {
    this.key = null
    const lines: string[] = []
    for (const ch of chunk) {
      if (ch === '\x03') {
        this.ctx.out('^C')
        return 'interrupt'
      }
      if (escape && ch === escape) return 'escape'
      if (ch === '\x04') {
        if (!this.line) this.ended = true
        continue
      }
      if (ch === '\x7f' || ch === '\b') {
        if (this.line) {
          this.line = this.line.slice(0, -1)
          this.ctx.out('\b \b')
        }
        continue
      }
      if (ch === '\r' || ch === '\n') {
        this.ctx.out('\n')
        lines.push(this.line + '\n')
        this.line = ''
        continue
      }
      this.line += ch
      this.ctx.out(ch)
    }
    return lines
  }
}

