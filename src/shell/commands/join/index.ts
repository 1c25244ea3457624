// join (GNU coreutils 8.32): the lines of two files sorted on a join field, paired where the fields
// are equal (every pair of a group of equal keys, as a product), merged as join.c merges them:
// the join field, then FILE1's other fields, then FILE2's (or -o's list), separated by -t's CHAR
// or a space; -a N also prints FILE N's unpairable lines, -v N only those; -e fills missing
// fields. Keys compare by the locale's collation (-i without case). A file found out of order once
// a line has gone unpaired (or always, with --check-order) gets `FILE:N: is not sorted: LINE`,
// and the run ends with status 1.

import { coreutilsFooter, coreutilsVersion, defineArgs, parseArgs, usageError, type Fail } from '../../args/index.ts'
import type { Proc } from '../../../sim/task.ts'
import { collate } from '../../text/collate.ts'
import { LineReader } from '../../text/lines.ts'
import { errText, openInput, quote, quotef } from '../files.ts'
import type { CommandDef } from '../types.ts'

const field = (v: string): number | Fail => (/^\s*\+?\d+$/.test(v) && Number(v) >= 1 ? Number(v) : { fail: `invalid field number: ${quote(v)}`, status: 1 })
const fileNum = (v: string): 1 | 2 | Fail => (v === '1' || v === '2' ? (Number(v) as 1 | 2) : { fail: `invalid field number: ${quote(v)}`, status: 1 })

const ARGS = defineArgs({
  usageStatus: 1,
  options: {
    a: { short: 'a', arg: 'required', argName: 'FILENUM', parse: fileNum, list: true, label: '-a FILENUM', help: 'also print unpairable lines from file FILENUM, where\n  FILENUM is 1 or 2, corresponding to FILE1 or FILE2' },
    empty: { short: 'e', arg: 'required', argName: 'EMPTY', label: '-e EMPTY', help: 'replace missing input fields with EMPTY' },
    ignoreCase: { short: 'i', long: 'ignore-case', help: 'ignore differences in case when comparing fields' },
    j: { short: 'j', arg: 'required', argName: 'FIELD', parse: field, label: '-j FIELD', help: "equivalent to '-1 FIELD -2 FIELD'" },
    format: { short: 'o', arg: 'required', argName: 'FORMAT', label: '-o FORMAT', help: 'obey FORMAT while constructing output line' },
    t: { short: 't', arg: 'required', argName: 'CHAR', label: '-t CHAR', help: 'use CHAR as input and output field separator' },
    v: { short: 'v', arg: 'required', argName: 'FILENUM', parse: fileNum, list: true, label: '-v FILENUM', help: 'like -a FILENUM, but suppress joined output lines' },
    one: { short: '1', arg: 'required', argName: 'FIELD', parse: field, label: '-1 FIELD', help: 'join on this FIELD of file 1' },
    two: { short: '2', arg: 'required', argName: 'FIELD', parse: field, label: '-2 FIELD', help: 'join on this FIELD of file 2' },
    checkOrder: { long: 'check-order', label: '--check-order', help: 'check that the input is correctly sorted, even\n  if all input lines are pairable' },
    nocheckOrder: { long: 'nocheck-order', label: '--nocheck-order', help: 'do not check that the input is correctly sorted' },
    header: { long: 'header', label: '--header', help: 'treat the first line in each file as field headers,\n  print them without trying to pair them' },
    zero: { short: 'z', long: 'zero-terminated', help: 'line delimiter is NUL, not newline', column: 28 },
  },
  help: {
    usage: ['Usage: %s [OPTION]... FILE1 FILE2'],
    column: 20,
    intro: 'For each pair of input lines with identical join fields, write a line to\nstandard output.  The default join field is the first, delimited by blanks.\n\nWhen FILE1 or FILE2 (not both) is -, read standard input.\n\n',
    outro:
      "\nUnless -t CHAR is given, leading blanks separate fields and are ignored,\nelse fields are separated by CHAR.  Any FIELD is a field number counted\nfrom 1.  FORMAT is one or more comma or blank separated specifications,\neach being 'FILENUM.FIELD' or '0'.  Default FORMAT outputs the join field,\nthe remaining fields from FILE1, the remaining fields from FILE2, all\nseparated by CHAR.  If FORMAT is the keyword 'auto', then the first\nline of each file determines the number of fields output for each line.\n\nImportant: FILE1 and FILE2 must be sorted on the join fields.\nE.g., use \"sort -k 1b,1\" if 'join' has no options,\nor use \"join -t ''\" if 'sort' has no options.\nNote, comparisons honor the rules specified by 'LC_COLLATE'.\nIf the input is not sorted and some lines cannot be joined, a\nwarning message will be given.\n" +
      coreutilsFooter('join'),
  },
  version: coreutilsVersion('join', 'Mike Haertel'),
})

interface Row {
  text: string
  fields: string[]
}

type Spec = { file: 0 } | { file: 1 | 2; field: number }

/** -o's list: `0` or `FILENUM.FIELD`, separated by commas or blanks. */
function outputFormat(v: string): Spec[] | Fail {
  const out: Spec[] = []
  for (const item of v.split(/[,\s]+/).filter(Boolean)) {
    if (item === '0') {
      out.push({ file: 0 })
      continue
    }
    const m = /^([12])\.(\d+)$/.exec(item)
    if (!m) return { fail: /^[12]\./.test(item) ? `invalid field number: ${quote(item.slice(2))}` : /^\d+\./.test(item) ? `invalid file number in field spec: ${quote(item)}` : `invalid field specifier: ${quote(item)}`, status: 1 }
    if (Number(m[2]) < 1) return { fail: `invalid field number: ${quote(m[2])}`, status: 1 }
    out.push({ file: Number(m[1]) as 1 | 2, field: Number(m[2]) })
  }
  return out
}

export const join: CommandDef = {
  name: 'join',
  path: '/usr/bin/join',
  rpm: 'coreutils',
  summary: 'join lines of two files on a common field',
  args: ARGS,
  *run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    const o = a.opts
    const prog = ctx.argv[0]
    const ops = a.operands
    if (ops.length < 2) return usageError(ctx, ARGS, ops.length ? `missing operand after ${quote(ops[0])}` : 'missing operand')
    if (ops.length > 2) return usageError(ctx, ARGS, `extra operand ${quote(ops[2])}`)
    if (o.t !== undefined && [...o.t].length > 1 && o.t !== '\\0') {
      ctx.err(`${prog}: multi-character tab ${quote(o.t)}\n`)
      return 1
    }
    let format: Spec[] | 'auto' | null = null
    if (o.format === 'auto') format = 'auto'
    else if (o.format !== undefined) {
      const f = outputFormat(o.format)
      if ('fail' in f) {
        ctx.err(`${prog}: ${f.fail}\n`)
        return 1
      }
      format = f
    }
    const keys = [(o.one ?? o.j ?? 1) - 1, (o.two ?? o.j ?? 1) - 1]
    const unpaired = [o.a.includes(1) || o.v.includes(1), o.a.includes(2) || o.v.includes(2)]
    const paired = !o.v.length
    const check = a.seen.reduce<'default' | 'on' | 'off'>((c, s) => (s.key === 'checkOrder' ? 'on' : s.key === 'nocheckOrder' ? 'off' : c), 'default')
    const tab = o.t === undefined ? null : o.t === '\\0' ? '\0' : o.t
    const sep = tab ?? ' '
    const empty = o.empty ?? ''
    const eol = o.zero ? '\0' : '\n'
    // Blanks: runs of them separate fields, leading ones make none, trailing ones an empty last
    // field (join.c's xfields).
    const split = (text: string): string[] => {
      if (text === '') return []
      if (tab !== null) return tab === '' ? [text] : text.split(tab)
      const trimmed = text.replace(/^[ \t\n]+/, '')
      return trimmed === '' ? [] : trimmed.split(/[ \t\n]+/)
    }
    const readers: LineReader[] = []
    for (const op of ops) {
      const input = openInput(ctx, op)
      if (typeof input === 'string') {
        ctx.err(`${prog}: ${quotef(op)}: ${errText(input)}\n`)
        return 1
      }
      readers.push(new LineReader(input, eol))
    }
    const keyOf = (r: Row, i: number) => r.fields[keys[i]] ?? ''
    const compare = (x: string, y: string) => (o.ignoreCase ? collate(x.toLowerCase(), y.toLowerCase()) : collate(x, y))
    const lineNo = [0, 0]
    const warned = [false, false]
    let seenUnpaired = false
    let fatal = false
    const prev: (Row | null)[] = [null, null]
    const read = function* (i: number): Proc<Row | null> {
      const l = yield* readers[i].next()
      if (!l) return null
      lineNo[i]++
      const row = { text: l.text, fields: split(l.text) }
      const p = prev[i]
      if (p && check !== 'off' && (check === 'on' || seenUnpaired) && !warned[i] && compare(keyOf(p, i), keyOf(row, i)) > 0) {
        ctx.err(`${prog}: ${ops[i]}:${lineNo[i]}: is not sorted: ${row.text}\n`)
        warned[i] = true
        if (check === 'on') fatal = true
      }
      prev[i] = row
      return row
    }
    let autoCounts: [number, number] | null = null
    const out = (r1: Row | null, r2: Row | null) => {
      const rows = [r1, r2]
      const pick = (file: 1 | 2, n: number) => rows[file - 1]?.fields[n] ?? empty
      let fields: string[]
      if (format !== null && format !== 'auto') fields = format.map((s) => (s.file === 0 ? (r1 ? keyOf(r1, 0) : keyOf(r2!, 1)) : pick(s.file, s.field - 1)))
      else {
        const joined = r1 ? keyOf(r1, 0) : keyOf(r2!, 1)
        fields = [joined]
        for (const i of [0, 1] as const) {
          const r = rows[i]
          const count = autoCounts ? autoCounts[i] : (r?.fields.length ?? 0)
          for (let f = 0; f < count; f++) if (f !== keys[i]) fields.push(r ? (r.fields[f] ?? empty) : autoCounts ? empty : '')
        }
      }
      ctx.out(fields.join(sep) + eol)
    }
    let r1 = yield* read(0)
    let r2 = yield* read(1)
    if (format === 'auto') autoCounts = [r1?.fields.length ?? 0, r2?.fields.length ?? 0]
    if (o.header && (r1 || r2)) {
      out(r1, r2)
      prev[0] = prev[1] = null
      r1 = yield* read(0)
      r2 = yield* read(1)
    }
    while (r1 && r2 && !fatal) {
      const d = compare(keyOf(r1, 0), keyOf(r2, 1))
      if (d < 0) {
        seenUnpaired = true
        if (unpaired[0]) out(r1, null)
        r1 = yield* read(0)
        continue
      }
      if (d > 0) {
        seenUnpaired = true
        if (unpaired[1]) out(null, r2)
        r2 = yield* read(1)
        continue
      }
      // A group of equal keys on each side, joined as a product.
      const key1 = keyOf(r1, 0)
      const g1: Row[] = [r1]
      while ((r1 = yield* read(0)) && compare(keyOf(r1, 0), key1) === 0) g1.push(r1)
      const key2 = keyOf(r2, 1)
      const g2: Row[] = [r2]
      while ((r2 = yield* read(1)) && compare(keyOf(r2, 1), key2) === 0) g2.push(r2)
      if (paired) for (const x of g1) for (const y of g2) out(x, y)
    }
    // What is left of either file is unpairable; it is still read for the order check.
    for (const i of [0, 1] as const) {
      let r = i === 0 ? r1 : r2
      while (r && !fatal) {
        seenUnpaired = true
        if (unpaired[i]) out(i === 0 ? r : null, i === 1 ? r : null)
        if (!unpaired[i] && check === 'off') break
        r = yield* read(i)
      }
    }
    if (fatal) return 1
    if (warned[0] || warned[1]) {
      ctx.err(`${prog}: input is not in sorted order\n`)
      return 1
    }
    return 0
  },
}
