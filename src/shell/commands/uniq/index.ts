// uniq (GNU coreutils 8.32): adjacent equal lines of INPUT (or stdin) collapsed into one, written
// to OUTPUT (or stdout) as each run ends, so it streams; -c prefixes the run's length (`%7d `),
// -d/-u/-D choose repeated or unique runs, -f/-s/-w/-i choose what is compared.

import { coreutilsFooter, coreutilsVersion, defineArgs, MANDATORY, parseArgs, usageError, type Fail } from '../../args/index.ts'
import { LineReader } from '../../text/lines.ts'
import { abs, errText, openInput, quote, quotef } from '../files.ts'
import type { CommandDef } from '../types.ts'

const compareCount = (v: string): number | Fail => (/^\d+$/.test(v) ? Number(v) : { fail: `${v}: invalid number of bytes to compare`, status: 1 })
const skipCount = (what: string) => (v: string): number | Fail => (/^\d+$/.test(v) ? Number(v) : { fail: `${v}: invalid number of ${what} to skip`, status: 1 })

const ARGS = defineArgs({
  usageStatus: 1,
  options: {
    count: { short: 'c', long: 'count', help: 'prefix lines by the number of occurrences' },
    repeated: { short: 'd', long: 'repeated', help: 'only print duplicate lines, one for each group' },
    allRepeated: { short: 'D', help: 'print all duplicate lines' },
    allRepeatedMethod: { long: 'all-repeated', arg: 'optional', argName: 'METHOD', column: 31, help: 'like -D, but allow separating groups\n  with an empty line;\n  METHOD={none(default),prepend,separate}', unsimulated: true },
    skipFields: { short: 'f', long: 'skip-fields', arg: 'required', argName: 'N', parse: skipCount('fields'), help: 'avoid comparing the first N fields' },
    group: { long: 'group', arg: 'optional', argName: 'METHOD', help: 'show all items, separating groups with an empty line;\n  METHOD={separate(default),prepend,append,both}', unsimulated: true },
    ignoreCase: { short: 'i', long: 'ignore-case', help: 'ignore differences in case when comparing' },
    skipChars: { short: 's', long: 'skip-chars', arg: 'required', argName: 'N', parse: skipCount('bytes'), help: 'avoid comparing the first N characters' },
    unique: { short: 'u', long: 'unique', help: 'only print unique lines' },
    zero: { short: 'z', long: 'zero-terminated', column: 28, help: 'line delimiter is NUL, not newline' },
    checkChars: { short: 'w', long: 'check-chars', arg: 'required', argName: 'N', parse: compareCount, help: 'compare no more than N characters in lines' },
  },
  help: {
    usage: ['Usage: %s [OPTION]... [INPUT [OUTPUT]]'],
    column: 24,
    intro: 'Filter adjacent matching lines from INPUT (or standard input),\nwriting to OUTPUT (or standard output).\n\nWith no options, matching lines are merged to the first occurrence.\n\n' + MANDATORY,
    outro: "\nA field is a run of blanks (usually spaces and/or TABs), then non-blank\ncharacters.  Fields are skipped before chars.\n\nNote: 'uniq' does not detect repeated lines unless they are adjacent.\nYou may want to sort the input first, or use 'sort -u' without 'uniq'.\n" + coreutilsFooter('uniq'),
  },
  version: coreutilsVersion('uniq', 'Richard M. Stallman and David MacKenzie'),
})

export const uniq: CommandDef = {
  name: 'uniq',
  path: '/usr/bin/uniq',
  rpm: 'coreutils',
  summary: 'report or omit repeated lines',
  args: ARGS,
  *run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    const o = a.opts
    if (a.operands.length > 2) return usageError(ctx, ARGS, `extra operand ${quote(a.operands[2])}`)
    if (o.count && o.allRepeated) return usageError(ctx, ARGS, 'printing all duplicated lines and repeat counts is meaningless')
    const prog = ctx.argv[0]
    const [inName = '-', outName] = a.operands
    const input = openInput(ctx, inName)
    if (typeof input === 'string') {
      ctx.err(`${prog}: ${quotef(inName)}: ${errText(input)}\n`)
      return 1
    }
    let buffered = ''
    const emit = outName !== undefined && outName !== '-' ? (t: string) => (buffered += t) : (t: string) => ctx.out(t)
    const delim = o.zero ? '\0' : '\n'
    const field = (l: string) => {
      let s = l
      for (let i = 0; i < (o.skipFields ?? 0); i++) s = s.replace(/^[ \t]*[^ \t]*/, '')
      s = s.slice(o.skipChars ?? 0)
      if (o.checkChars !== undefined) s = s.slice(0, o.checkChars)
      return o.ignoreCase ? s.toLowerCase() : s
    }
    const showUnique = !o.repeated && !o.allRepeated
    const showRepeated = !o.unique
    let run: string[] = []
    const flush = () => {
      if (!run.length) return
      const n = run.length
      if (o.allRepeated) {
        if (n > 1) for (const l of run) emit(l + delim)
      } else if ((n > 1 && showRepeated) || (n === 1 && showUnique)) emit((o.count ? `${String(n).padStart(7)} ` : '') + run[0] + delim)
      run = []
    }
    const reader = new LineReader(input, delim)
    for (let l = yield* reader.next(); l; l = yield* reader.next()) {
      if (run.length && field(run[0]) !== field(l.text)) flush()
      run.push(l.text)
    }
    flush()
    if (outName !== undefined && outName !== '-') {
      const e = ctx.host.fs.write(abs(ctx, outName), buffered)
      if (e) {
        ctx.err(`${prog}: ${quotef(outName)}: ${errText(e)}\n`)
        return 1
      }
    }
    return 0
  },
}
