// cut (GNU coreutils 8.32, with RHEL's i18n patch): selected bytes (-b), characters (-c, whole
// characters under UTF-8 as RHEL's patched cut counts them) or fields (-f, split on -d, TAB by
// default) of each line, streaming; lists are `N`, `N-`, `N-M`, `-M` joined by commas;
// --complement inverts the selection, -s drops lines without the delimiter.

import { coreutilsFooter, coreutilsVersion, defineArgs, MANDATORY, parseArgs, usageError, type Fail } from '../../args/index.ts'
import { splitDelim } from '../../text/fields.ts'
import { LineReader, fromBytes, toBytes } from '../../text/lines.ts'
import { errText, openInput, quote, quotef } from '../files.ts'
import type { CommandDef } from '../types.ts'

const delimChar = (v: string): string | Fail => ([...v].length <= 1 ? v || '\0' : { fail: 'the delimiter must be a single character', status: 1, tryHelp: true })

const ARGS = defineArgs({
  usageStatus: 1,
  options: {
    bytes: { short: 'b', long: 'bytes', arg: 'required', argName: 'LIST', help: 'select only these bytes' },
    characters: { short: 'c', long: 'characters', arg: 'required', argName: 'LIST', help: 'select only these characters' },
    delimiter: { short: 'd', long: 'delimiter', arg: 'required', argName: 'DELIM', parse: delimChar, help: 'use DELIM instead of TAB for field delimiter' },
    fields: { short: 'f', long: 'fields', arg: 'required', argName: 'LIST', help: 'select only these fields;  also print any line\n  that contains no delimiter character, unless\n  the -s option is specified' },
    n: { short: 'n', help: '(ignored)' },
    complement: { long: 'complement', help: 'complement the set of selected bytes, characters\n  or fields' },
    onlyDelimited: { short: 's', long: 'only-delimited', help: 'do not print lines not containing delimiters' },
    outputDelimiter: { long: 'output-delimiter', arg: 'required', argName: 'STRING', help: 'use STRING as the output delimiter\n  the default is to use the input delimiter' },
    zero: { short: 'z', long: 'zero-terminated', column: 27, help: 'line delimiter is NUL, not newline' },
  },
  help: {
    usage: ['Usage: %s OPTION... [FILE]...'],
    intro: 'Print selected parts of lines from each FILE to standard output.\n\nWith no FILE, or when FILE is -, read standard input.\n\n' + MANDATORY,
    column: 26,
    outro:
      "\nUse one, and only one of -b, -c or -f.  Each LIST is made up of one\nrange, or many ranges separated by commas.  Selected input is written\nin the same order that it is read, and is written exactly once.\nEach range is one of:\n\n  N     N'th byte, character or field, counted from 1\n  N-    from N'th byte, character or field, to end of line\n  N-M   from N'th to M'th (included) byte, character or field\n  -M    from first to M'th (included) byte, character or field\n" +
      coreutilsFooter('cut'),
  },
  version: coreutilsVersion('cut', 'David M. Ihnat, David MacKenzie, and Jim Meyering'),
})

type Ranges = [number, number][]

function parseList(list: string, fields: boolean): Ranges | string {
  const ranges: Ranges = []
  for (const part of list.split(/[,\s]/)) {
    const m = /^(\d*)(-?)(\d*)$/.exec(part)
    if (!m || (!m[1] && !m[3])) {
      if (m && m[2]) return 'invalid range with no endpoint: -'
      return fields ? `invalid field value ${quote(part)}` : `invalid byte/character position ${quote(part)}`
    }
    const lo = m[1] ? Number(m[1]) : 1
    const hi = m[2] ? (m[3] ? Number(m[3]) : Infinity) : lo
    if (lo === 0 || (m[3] && Number(m[3]) === 0)) return fields ? 'fields are numbered from 1' : 'byte/character positions are numbered from 1'
    if (hi < lo) return 'invalid decreasing range'
    ranges.push([lo, hi])
  }
  return ranges
}

const selected = (ranges: Ranges, i: number) => ranges.some(([lo, hi]) => i >= lo && i <= hi)

export const cut: CommandDef = {
  name: 'cut',
  path: '/usr/bin/cut',
  rpm: 'coreutils',
  summary: 'remove sections from each line of files',
  args: ARGS,
  *run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    const o = a.opts
    const lists = a.seen.filter((s) => s.key === 'bytes' || s.key === 'characters' || s.key === 'fields')
    // RHEL 9's 8.32 says "only one type of list"; Debian's 9.1 "only one list".
    if (lists.length > 1) return usageError(ctx, ARGS, 'only one type of list may be specified')
    if (!lists.length) return usageError(ctx, ARGS, 'you must specify a list of bytes, characters, or fields')
    const mode = lists[0].key
    const ranges = parseList(lists[0].value as string, mode === 'fields')
    if (typeof ranges === 'string') return usageError(ctx, ARGS, ranges)
    if (mode !== 'fields' && o.delimiter !== undefined) return usageError(ctx, ARGS, 'an input delimiter may be specified only when operating on fields')
    if (mode !== 'fields' && o.onlyDelimited) return usageError(ctx, ARGS, 'suppressing non-delimited lines makes sense\n\tonly when operating on fields')
    const delim = o.delimiter ?? '\t'
    const lineDelim = o.zero ? '\0' : '\n'
    const pick = (n: number) => selected(ranges, n) !== !!o.complement
    const cutLine = (line: string): string | null => {
      if (mode === 'fields') {
        if (!line.includes(delim)) return o.onlyDelimited ? null : line
        return splitDelim(line, delim)
          .filter((_, i) => pick(i + 1))
          .join(o.outputDelimiter ?? delim)
      }
      const units = mode === 'bytes' ? [...toBytes(line)] : [...line]
      const out: (number | string)[] = []
      let lastPicked = -2
      units.forEach((u, i) => {
        if (!pick(i + 1)) return
        if (o.outputDelimiter !== undefined && lastPicked >= 0 && lastPicked !== i - 1) out.push(...(mode === 'bytes' ? toBytes(o.outputDelimiter) : [o.outputDelimiter]))
        out.push(u)
        lastPicked = i
      })
      return mode === 'bytes' ? fromBytes(Uint8Array.from(out as number[])) : out.join('')
    }
    const prog = ctx.argv[0]
    let status = 0
    for (const op of a.operands.length ? a.operands : ['-']) {
      const input = openInput(ctx, op)
      if (typeof input === 'string') {
        ctx.err(`${prog}: ${quotef(op)}: ${errText(input)}\n`)
        status = 1
        continue
      }
      const reader = new LineReader(input, lineDelim)
      for (let l = yield* reader.next(); l; l = yield* reader.next()) {
        const r = cutLine(l.text)
        if (r !== null) ctx.out(r + lineDelim)
      }
    }
    return status
  },
}
