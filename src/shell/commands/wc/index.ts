// wc (GNU coreutils 8.32): newline, word, character, byte counts and the longest line's width,
// in that fixed order whatever the options' order; columns as wide as the total size of the
// regular files needs (at least 7 when stdin or a directory is counted, 1 for a single count of
// a single file), and a `total` line for several files.

import { coreutilsFooter, coreutilsVersion, defineArgs, parseArgs } from '../../args/index.ts'
import { byteLength } from '../../text/lines.ts'
import { abs, errText, isPipe, quotef, readInput } from '../files.ts'
import type { CommandDef } from '../types.ts'

const ARGS = defineArgs({
  usageStatus: 1,
  longOrder: ['bytes', 'chars', 'files0-from', 'lines', 'max-line-length', 'words'],
  options: {
    bytes: { short: 'c', long: 'bytes', help: 'print the byte counts' },
    chars: { short: 'm', long: 'chars', help: 'print the character counts' },
    lines: { short: 'l', long: 'lines', help: 'print the newline counts' },
    files0From: { long: 'files0-from', arg: 'required', argName: 'F', help: 'read input from the files specified by\n  NUL-terminated names in file F;\n  If F is - then read names from standard input', unsimulated: true },
    maxLine: { short: 'L', long: 'max-line-length', help: 'print the maximum display width' },
    words: { short: 'w', long: 'words', help: 'print the word counts' },
  },
  help: {
    usage: ['Usage: %s [OPTION]... [FILE]...', '  or:  %s [OPTION]... --files0-from=F'],
    intro:
      'Print newline, word, and byte counts for each FILE, and a total line if\nmore than one FILE is specified.  A word is a non-zero-length sequence of\ncharacters delimited by white space.\n\nWith no FILE, or when FILE is -, read standard input.\n\nThe options below may be used to select which counts are printed, always in\nthe following order: newline, word, character, byte, maximum line length.\n',
    outro: coreutilsFooter('wc'),
    column: 25,
  },
  version: coreutilsVersion('wc', 'Paul Rubin and David MacKenzie'),
})

interface Counts {
  lines: number
  words: number
  chars: number
  bytes: number
  maxLine: number
}

function count(text: string): Counts {
  let lines = 0
  let words = 0
  let chars = 0
  let maxLine = 0
  let col = 0
  let inWord = false
  for (const c of text) {
    chars++
    if (c === '\n') {
      lines++
      maxLine = Math.max(maxLine, col)
      col = 0
    } else if (c === '\t') col = col - (col % 8) + 8
    else if (c >= ' ') col++
    if (/\s/.test(c)) inWord = false
    else if (!inWord) {
      inWord = true
      words++
    }
  }
  return { lines, words, chars, bytes: byteLength(text), maxLine: Math.max(maxLine, col) }
}

const ORDER = ['lines', 'words', 'chars', 'bytes', 'maxLine'] as const

export const wc: CommandDef = {
  name: 'wc',
  path: '/usr/bin/wc',
  rpm: 'coreutils',
  summary: 'print newline, word, and byte counts',
  args: ARGS,
  *run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    const o = a.opts
    const show = ORDER.filter((k) => o[k])
    if (!show.length) show.push('lines', 'words', 'bytes')
    const operands = a.operands.length ? a.operands : ['-']
    const prog = ctx.argv[0]
    const rows: { name: string; c: Counts | null; error?: string }[] = []
    let regularTotal = 0
    let minWidth = 1
    for (const op of operands) {
      if (op === '-') {
        minWidth = 7
        rows.push({ name: a.operands.length ? '-' : '', c: count(yield* ctx.stdin.readAll()) })
        continue
      }
      const node = ctx.host.fs.stat(abs(ctx, op))
      if (node?.type === 'dir') {
        minWidth = 7
        rows.push({ name: op, c: count(''), error: `${prog}: ${quotef(op)}: ${errText('EISDIR')}\n` })
        continue
      }
      // A `<(cmd)` is a pipe: no size to size the columns by, so they are padded as for stdin.
      const pipe = isPipe(ctx, op)
      const r = yield* readInput(ctx, op)
      if (typeof r !== 'string') {
        rows.push({ name: op, c: null, error: `${prog}: ${quotef(op)}: ${errText(r.error)}\n` })
        continue
      }
      if (pipe) minWidth = 7
      else regularTotal += byteLength(r)
      rows.push({ name: op, c: count(r) })
    }
    let width = Math.max(String(regularTotal).length, minWidth)
    if (operands.length === 1 && show.length === 1) width = 1
    const line = (c: Counts, name: string) => show.map((k) => String(c[k]).padStart(width)).join(' ') + (name ? ` ${name}` : '') + '\n'
    const total: Counts = { lines: 0, words: 0, chars: 0, bytes: 0, maxLine: 0 }
    let status = 0
    for (const r of rows) {
      if (r.error) {
        ctx.err(r.error)
        status = 1
      }
      if (!r.c) continue
      for (const k of ORDER) total[k] = k === 'maxLine' ? Math.max(total[k], r.c[k]) : total[k] + r.c[k]
      ctx.out(line(r.c, r.name))
    }
    if (operands.length > 1) ctx.out(line(total, 'total'))
    return status
  },
}
