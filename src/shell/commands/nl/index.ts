// nl (GNU coreutils 8.32): the lines of each file (or stdin, the files read as one) with numbers.
// A logical page has a header, a body and a footer, started by lines that are exactly the
// delimiter three, two or one times (`\:\:\:`, `\:\:`, `\:`), printed as empty lines; each
// section numbers by its style (a all, t nonempty, n none, pBRE lines matching BRE) and each
// delimiter starts the numbers again (not with -p). A numbered line is the number in its format (ln, rn,
// rz) and width, then the separator; an unnumbered one is that many spaces.

import { coreutilsFooter, coreutilsVersion, defineArgs, MANDATORY, parseArgs, type Fail } from '../../args/index.ts'
import { hasMatch } from '../../text/posix-regexp.ts'
import { compile } from '../../text/regex.ts'
import { eachLine, quote } from '../files.ts'
import type { CommandDef } from '../types.ts'

type Style = { kind: 'a' | 't' | 'n' } | { kind: 'p'; re: RegExp }

const style = (section: string) => (v: string): Style | Fail => {
  if (v === 'a' || v === 't' || v === 'n') return { kind: v }
  if (v.startsWith('p')) {
    const re = compile(v.slice(1))
    if ('error' in re) return { fail: re.error, status: 1 }
    return { kind: 'p', re }
  }
  return { fail: `invalid ${section} numbering style: ${quote(v)}`, status: 1, tryHelp: true }
}

/** An integer option as xdectoimax reads it, with nl's message for what it is. */
const integer = (what: string, min: number) => (v: string): number | Fail => {
  if (!/^\s*[+-]?\d+$/.test(v)) return { fail: `invalid ${what}: ${quote(v)}`, status: 1 }
  const n = Number(v)
  return n < min || n > Number.MAX_SAFE_INTEGER ? { fail: `invalid ${what}: ${quote(v)}: Numerical result out of range`, status: 1 } : n
}

const format = (v: string): 'ln' | 'rn' | 'rz' | Fail => (v === 'ln' || v === 'rn' || v === 'rz' ? v : { fail: `invalid line numbering format: ${quote(v)}`, status: 1, tryHelp: true })

const ARGS = defineArgs({
  usageStatus: 1,
  options: {
    body: { short: 'b', long: 'body-numbering', arg: 'required', argName: 'STYLE', parse: style('body'), help: 'use STYLE for numbering body lines' },
    delimiter: { short: 'd', long: 'section-delimiter', arg: 'required', argName: 'CC', help: 'use CC for logical page delimiters' },
    footer: { short: 'f', long: 'footer-numbering', arg: 'required', argName: 'STYLE', parse: style('footer'), help: 'use STYLE for numbering footer lines' },
    header: { short: 'h', long: 'header-numbering', arg: 'required', argName: 'STYLE', parse: style('header'), help: 'use STYLE for numbering header lines' },
    increment: { short: 'i', long: 'line-increment', arg: 'required', argName: 'NUMBER', parse: integer('line number increment', -Number.MAX_SAFE_INTEGER), help: 'line number increment at each line' },
    join: { short: 'l', long: 'join-blank-lines', arg: 'required', argName: 'NUMBER', parse: integer('line number of blank lines', 1), help: 'group of NUMBER empty lines counted as one' },
    format: { short: 'n', long: 'number-format', arg: 'required', argName: 'FORMAT', parse: format, help: 'insert line numbers according to FORMAT' },
    noRenumber: { short: 'p', long: 'no-renumber', help: 'do not reset line numbers for each section' },
    separator: { short: 's', long: 'number-separator', arg: 'required', argName: 'STRING', help: 'add STRING after (possible) line number' },
    start: { short: 'v', long: 'starting-line-number', arg: 'required', argName: 'NUMBER', parse: integer('starting line number', -Number.MAX_SAFE_INTEGER), help: 'first line number for each section' },
    width: { short: 'w', long: 'number-width', arg: 'required', argName: 'NUMBER', parse: integer('line number field width', 1), help: 'use NUMBER columns for line numbers' },
  },
  help: {
    usage: ['Usage: %s [OPTION]... [FILE]...'],
    column: 34,
    intro: 'Write each FILE to standard output, with line numbers added.\n\nWith no FILE, or when FILE is -, read standard input.\n\n' + MANDATORY,
    outro:
      "\nDefault options are: -bt -d'\\:' -fn -hn -i1 -l1 -n'rn' -s<TAB> -v1 -w6\n\nCC are two delimiter characters used to construct logical page delimiters;\na missing second character implies ':'.\n\nSTYLE is one of:\n\n  a      number all lines\n  t      number only nonempty lines\n  n      number no lines\n  pBRE   number only lines that contain a match for the basic regular\n         expression, BRE\n\nFORMAT is one of:\n\n  ln     left justified, no leading zeros\n  rn     right justified, no leading zeros\n  rz     right justified, leading zeros\n\n" +
      coreutilsFooter('nl'),
  },
  version: coreutilsVersion('nl', 'Scott Bartram and David MacKenzie'),
})

export const nl: CommandDef = {
  name: 'nl',
  path: '/usr/bin/nl',
  rpm: 'coreutils',
  summary: 'number lines of files',
  args: ARGS,
  *run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    const o = a.opts
    const styles: Record<'header' | 'body' | 'footer', Style> = { header: o.header ?? { kind: 'n' }, body: o.body ?? { kind: 't' }, footer: o.footer ?? { kind: 'n' } }
    // 8.32 builds the delimiters wrongly from a one-character CC (its second character becomes a
    // NUL, coreutils 9.0's NEWS says), so then no line is one.
    const cc = o.delimiter ?? '\\:'
    const marks = new Map<string, 'header' | 'body' | 'footer'>([...cc].length === 1 ? [] : [[cc.repeat(3), 'header'], [cc.repeat(2), 'body'], [cc, 'footer']])
    const width = o.width ?? 6
    const sep = o.separator ?? '\t'
    const start = o.start ?? 1
    const step = o.increment ?? 1
    const join = o.join ?? 1
    let n = start
    let section: 'header' | 'body' | 'footer' = 'body'
    let blanks = 0
    const number = (k: number) => {
      const f = o.format ?? 'rn'
      if (f === 'ln') return String(k).padEnd(width)
      if (f === 'rn') return String(k).padStart(width)
      return k < 0 ? '-' + String(-k).padStart(width - 1, '0') : String(k).padStart(width, '0')
    }
    const numbered = (line: string) => {
      const s = styles[section]
      if (s.kind === 'a') {
        if (line !== '') {
          blanks = 0
          return true
        }
        // -l N: of a run of empty lines, every Nth is numbered.
        return ++blanks >= join ? ((blanks = 0), true) : false
      }
      if (s.kind === 't') return line !== ''
      if (s.kind === 'p') return hasMatch(s.re, line)
      return false
    }
    const status = yield* eachLine(ctx, a.operands, (l) => {
      const mark = marks.get(l.text)
      if (mark) {
        section = mark
        if (!o.noRenumber) n = start
        ctx.out('\n')
        return
      }
      // A last line without a newline gets one, as nl reads lines (readlinebuffer).
      const end = '\n'
      if (numbered(l.text)) {
        ctx.out(number(n) + sep + l.text + end)
        n += step
      } else ctx.out(' '.repeat(width + sep.length) + l.text + end)
    })
    return status
  },
}
