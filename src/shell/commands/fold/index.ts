// fold (GNU coreutils 8.32): lines wider than WIDTH (80) columns broken onto the next line, at the
// last blank before the limit with -s. Columns are counted as fold.c counts them, a byte at a
// time (8.32's fold is not multibyte-aware: é takes two): a tab to the next multiple of 8, a
// backspace one back, a carriage return to 0; -b counts every byte as one.

import { coreutilsFooter, coreutilsVersion, defineArgs, MANDATORY, parseArgs, type Fail } from '../../args/index.ts'
import { fromBytes, toBytes } from '../../text/lines.ts'
import { eachLine, quote } from '../files.ts'
import type { CommandDef } from '../types.ts'

const widthOf = (v: string): number | Fail => {
  if (!/^\s*\+?\d+$/.test(v)) return { fail: `invalid number of columns: ${quote(v)}`, status: 1 }
  return Number(v) >= 1 ? Number(v) : { fail: `invalid number of columns: ${quote(v)}: Numerical result out of range`, status: 1 }
}

const ARGS = defineArgs({
  usageStatus: 1,
  options: {
    bytes: { short: 'b', long: 'bytes', help: 'count bytes rather than columns' },
    spaces: { short: 's', long: 'spaces', help: 'break at spaces' },
    width: { short: 'w', long: 'width', arg: 'required', argName: 'WIDTH', parse: widthOf, help: 'use WIDTH columns instead of 80' },
  },
  help: {
    usage: ['Usage: %s [OPTION]... [FILE]...'],
    column: 22,
    intro: 'Wrap input lines in each FILE, writing to standard output.\n\nWith no FILE, or when FILE is -, read standard input.\n\n' + MANDATORY,
    outro: coreutilsFooter('fold'),
  },
  version: coreutilsVersion('fold', 'David MacKenzie'),
})

/** One line (without its newline) folded: the pieces fold.c writes, each but the last ending in a newline. */
function foldLine(bytes: Uint8Array, width: number, countBytes: boolean, breakSpaces: boolean): Uint8Array[] {
  const out: Uint8Array[] = []
  let buf: number[] = []
  let column = 0
  const adjust = (col: number, b: number) => (countBytes ? col + 1 : b === 8 ? Math.max(0, col - 1) : b === 13 ? 0 : b === 9 ? col + 8 - (col % 8) : col + 1)
  const emit = (part: number[]) => out.push(Uint8Array.from([...part, 10]))
  for (const b of bytes) {
    for (;;) {
      const next = adjust(column, b)
      if (next <= width) {
        column = next
        buf.push(b)
        break
      }
      if (breakSpaces) {
        let at = buf.length - 1
        while (at >= 0 && buf[at] !== 32 && buf[at] !== 9) at--
        if (at >= 0) {
          emit(buf.slice(0, at + 1))
          buf = buf.slice(at + 1)
          column = buf.reduce((c, x) => adjust(c, x), 0)
          continue
        }
      }
      if (!buf.length) {
        column = next
        buf.push(b)
        break
      }
      emit(buf)
      buf = []
      column = 0
    }
  }
  out.push(Uint8Array.from(buf))
  return out
}

export const fold: CommandDef = {
  name: 'fold',
  path: '/usr/bin/fold',
  rpm: 'coreutils',
  summary: 'wrap each input line to fit in specified width',
  args: ARGS,
  *run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    const o = a.opts
    const width = o.width ?? 80
    const status = yield* eachLine(ctx, a.operands, (l) => {
      // Decoded whole: a break may fall inside a UTF-8 sequence, as the real fold's does.
      const pieces = foldLine(toBytes(l.text), width, o.bytes, o.spaces)
      const all = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0))
      pieces.reduce((at, p) => (all.set(p, at), at + p.length), 0)
      ctx.out(fromBytes(all) + (l.ended ? '\n' : ''))
    })
    return status
  },
}
