// comm (GNU coreutils 8.32): two sorted files compared line by line, in three columns: lines only
// in FILE1, only in FILE2, in both (each column after one delimiter per shown column before it;
// -1 -2 -3 hide them). Lines compare by the locale's collation. Unless --nocheck-order, an input
// found out of order once a line has gone unpaired gets `file N is not in sorted order` (fatal
// with --check-order) and the run ends with status 1.

import { coreutilsFooter, coreutilsVersion, defineArgs, parseArgs, usageError } from '../../args/index.ts'
import { collate } from '../../text/collate.ts'
import { LineReader } from '../../text/lines.ts'
import { errText, openInput, quote, quotef } from '../files.ts'
import type { CommandDef } from '../types.ts'

const ARGS = defineArgs({
  usageStatus: 1,
  options: {
    one: { short: '1', label: '-1', help: 'suppress column 1 (lines unique to FILE1)', column: 18 },
    two: { short: '2', label: '-2', help: 'suppress column 2 (lines unique to FILE2)', column: 18 },
    three: { short: '3', label: '-3', help: 'suppress column 3 (lines that appear in both files)', column: 18 },
    checkOrder: { long: 'check-order', label: '--check-order', before: '\n', help: 'check that the input is correctly sorted, even\n  if all input lines are pairable', column: 20 },
    nocheckOrder: { long: 'nocheck-order', label: '--nocheck-order', help: 'do not check that the input is correctly sorted', column: 20 },
    outputDelimiter: { long: 'output-delimiter', arg: 'required', argName: 'STR', label: '--output-delimiter=STR', help: 'separate columns with STR', column: 26 },
    total: { long: 'total', label: '--total', help: 'output a summary', column: 20 },
    zero: { short: 'z', long: 'zero-terminated', help: 'line delimiter is NUL, not newline', column: 27 },
  },
  help: {
    usage: ['Usage: %s [OPTION]... FILE1 FILE2'],
    intro: 'Compare sorted files FILE1 and FILE2 line by line.\n\nWhen FILE1 or FILE2 (not both) is -, read standard input.\n\nWith no options, produce three-column output.  Column one contains\nlines unique to FILE1, column two contains lines unique to FILE2,\nand column three contains lines common to both files.\n\n',
    outro: "\nNote, comparisons honor the rules specified by 'LC_COLLATE'.\n\nExamples:\n  %s -12 file1 file2  Print only lines present in both file1 and file2.\n  %s -3 file1 file2  Print lines in file1 not in file2, and vice versa.\n" + coreutilsFooter('comm'),
  },
  version: coreutilsVersion('comm', 'Richard M. Stallman and David MacKenzie'),
})

export const comm: CommandDef = {
  name: 'comm',
  path: '/usr/bin/comm',
  rpm: 'coreutils',
  summary: 'compare two sorted files line by line',
  args: ARGS,
  *run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    const o = a.opts
    const prog = ctx.argv[0]
    const ops = a.operands
    if (ops.length < 2) return usageError(ctx, ARGS, ops.length ? `missing operand after ${quote(ops[0])}` : 'missing operand')
    if (ops.length > 2) return usageError(ctx, ARGS, `extra operand ${quote(ops[2])}`)
    const check = a.seen.reduce<'default' | 'on' | 'off'>((c, s) => (s.key === 'checkOrder' ? 'on' : s.key === 'nocheckOrder' ? 'off' : c), 'default')
    const eol = o.zero ? '\0' : '\n'
    const readers: LineReader[] = []
    for (const op of ops) {
      const input = openInput(ctx, op)
      if (typeof input === 'string') {
        ctx.err(`${prog}: ${quotef(op)}: ${errText(input)}\n`)
        return 1
      }
      readers.push(new LineReader(input, eol))
    }
    const delim = o.outputDelimiter === undefined ? '\t' : o.outputDelimiter || '\0'
    const shown = [!o.one, !o.two, !o.three]
    const counts = [0, 0, 0]
    const print = (col: 0 | 1 | 2, text: string) => {
      counts[col]++
      if (!shown[col]) return
      ctx.out(delim.repeat(shown.slice(0, col).filter(Boolean).length) + text + eol)
    }
    let unpaired = false
    const warned = [false, false]
    const lines: (string | null)[] = [null, null]
    // Reads the next line of file `i`, checking it against the one before as comm.c's check_order does.
    const advance = function* (i: 0 | 1) {
      const prev = lines[i]
      const l = yield* readers[i].next()
      lines[i] = l ? l.text : null
      if (prev !== null && lines[i] !== null && check !== 'off' && (check === 'on' || unpaired) && !warned[i] && collate(prev, lines[i]!) > 0) {
        ctx.err(`${prog}: file ${i + 1} is not in sorted order\n`)
        warned[i] = true
        if (check === 'on') return false
      }
      return true
    }
    if (!(yield* advance(0)) || !(yield* advance(1))) return 1
    while (lines[0] !== null || lines[1] !== null) {
      const order = lines[0] === null ? 1 : lines[1] === null ? -1 : collate(lines[0], lines[1]!)
      if (order === 0) {
        print(2, lines[0]!)
        if (!(yield* advance(0)) || !(yield* advance(1))) return 1
      } else {
        unpaired = true
        const i = order < 0 ? 0 : 1
        print(i, lines[i]!)
        if (!(yield* advance(i))) return 1
      }
    }
    if (o.total) ctx.out(`${counts[0]}${delim}${counts[1]}${delim}${counts[2]}${delim}total${eol}`)
    if (warned[0] || warned[1]) {
      ctx.err(`${prog}: input is not in sorted order\n`)
      return 1
    }
    return 0
  },
}
