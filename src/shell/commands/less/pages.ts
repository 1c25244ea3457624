// What a pager pages: the files named (or stdin) read whole, and their lines cut into screen rows
// of the terminal's width as the terminal wraps them. less and more both copy their input through
// unchanged when stdout is not a terminal, which is what the real ones do.

import type { Proc } from '../../../sim/task.ts'
import { errText, openInput } from '../files.ts'
import type { CommandContext } from '../types.ts'

/** The file operands, or an exit status: `--version`/`-V` prints `version`, any other option is
 *  refused with the tool's own message (neither pager models its options). */
export function operandsOf(ctx: CommandContext, version: string, refuse: (option: string) => string): string[] | number {
  const operands: string[] = []
  let ended = false
  for (const a of ctx.argv.slice(1)) {
    if (ended || a === '-' || !a.startsWith('-')) operands.push(a)
    else if (a === '--') ended = true
    else if (a === '--version' || a === '-V') {
      ctx.out(version)
      return 0
    } else {
      ctx.err(refuse(a))
      return 1
    }
  }
  return operands
}

export interface Source {
  name: string
  text: string
}

/** Reads each operand (`-` or none: stdin); a file that cannot be opened is reported by `fail`. */
export function* readSources(ctx: CommandContext, operands: string[], fail: (op: string, why: string) => void): Proc<Source[]> {
  const out: Source[] = []
  for (const op of operands.length ? operands : ['-']) {
    const input = openInput(ctx, op)
    if (typeof input === 'string') {
      fail(op, errText(input))
      continue
    }
    out.push({ name: op, text: yield* input.readAll() })
  }
  return out
}

/** The screen rows a text occupies at `cols` columns, tabs reaching the next multiple of eight:
 *  less draws them as spaces, more sends the tab itself (the terminal has hardware tabs). */
export function screenRows(text: string, cols: number, keepTabs = false): string[] {
  const rows: string[] = []
  if (text === '') return rows
  for (const line of text.replace(/\n$/, '').split('\n')) {
    let row = ''
    let width = 0
    for (const c of line) {
      const w = c === '\t' ? 8 - (width % 8) : 1
      if (width + w > cols && width > 0) {
        rows.push(row)
        row = ''
        width = 0
      }
      row += c === '\t' && !keepTabs ? ' '.repeat(w) : c
      width += w
    }
    rows.push(row)
  }
  return rows
}
