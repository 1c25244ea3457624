// sort (GNU coreutils 8.32): lines of all inputs ordered by the keys (-k) or the whole line, under
// en_US.UTF-8 collation, with the last-resort whole-line comparison GNU makes when keys tie
// (not with -s or -u); -u keeps the first of equal lines, -c/-C check, -o writes a file after
// reading everything (so `sort -o f f` is safe), -t names the field separator.

import { coreutilsFooter, coreutilsVersion, defineArgs, MANDATORY, parseArgs, type Fail } from '../../args/index.ts'
import { byteCompare, collate } from '../../text/collate.ts'
import { splitLines } from '../../text/lines.ts'
import { abs, errText, quote, quotef, readInput } from '../files.ts'
import type { CommandDef } from '../types.ts'
import { compareKey, keyText, parseKey, type Key, type Ordering } from './keys.ts'

const tabChar = (v: string): string | Fail => (v.length === 1 ? v : v === '\\0' ? '\0' : { fail: v ? `multi-character tab ${quote(v)}` : 'empty tab', status: 2 })

const ARGS = defineArgs({
  usageStatus: 2,
  options: {
    b: { short: 'b', column: 30, before: 'Ordering options:\n\n', long: 'ignore-leading-blanks', help: 'ignore leading blanks' },
    d: { short: 'd', column: 30, long: 'dictionary-order', help: 'consider only blanks and alphanumeric characters' },
    f: { short: 'f', column: 30, long: 'ignore-case', help: 'fold lower case to upper case characters' },
    g: { short: 'g', column: 30, long: 'general-numeric-sort', help: 'compare according to general numerical value' },
    i: { short: 'i', column: 30, long: 'ignore-nonprinting', help: 'consider only printable characters' },
    M: { short: 'M', column: 30, long: 'month-sort', help: "compare (unknown) < 'JAN' < ... < 'DEC'" },
    h: { short: 'h', column: 30, long: 'human-numeric-sort', help: 'compare human readable numbers (e.g., 2K 1G)' },
    n: { short: 'n', column: 30, long: 'numeric-sort', help: 'compare according to string numerical value' },
    R: { short: 'R', long: 'random-sort', column: 30, help: 'shuffle, but group identical keys.  See shuf(1)', unsimulated: true },
    randomSource: { long: 'random-source', arg: 'required', argName: 'FILE', column: 30, help: 'get random bytes from FILE', unsimulated: true },
    r: { short: 'r', column: 30, long: 'reverse', help: 'reverse the result of comparisons' },
    sort: { long: 'sort', arg: 'required', argName: 'WORD', column: 30, help: 'sort according to WORD:\n  general-numeric -g, human-numeric -h, month -M,\n  numeric -n, random -R, version -V', unsimulated: true },
    V: { short: 'V', column: 30, long: 'version-sort', help: 'natural sort of (version) numbers within text' },
    batchSize: { long: 'batch-size', arg: 'required', argName: 'NMERGE', before: '\nOther options:\n\n', help: 'merge at most NMERGE inputs at once;\nfor more use temp files', unsimulated: true },
    check: { short: 'c', long: 'check', label: '-c, --check, --check=diagnose-first', help: 'check for sorted input; do not sort' },
    quietCheck: { short: 'C', label: '-C, --check=quiet, --check=silent', help: 'like -c, but do not report first bad line' },
    compressProgram: { long: 'compress-program', arg: 'required', argName: 'PROG', help: 'compress temporaries with PROG;\n  decompress them with PROG -d', unsimulated: true },
    debug: { long: 'debug', help: 'annotate the part of the line used to sort,\n  and warn about questionable usage to stderr', unsimulated: true },
    files0From: { long: 'files0-from', arg: 'required', argName: 'F', help: 'read input from the files specified by\nNUL-terminated names in file F;\nIf F is - then read names from standard input', unsimulated: true },
    key: { short: 'k', long: 'key', arg: 'required', argName: 'KEYDEF', list: true, parse: parseKey, help: 'sort via a key; KEYDEF gives location and type' },
    merge: { short: 'm', long: 'merge', help: 'merge already sorted files; do not sort' },
    output: { short: 'o', long: 'output', arg: 'required', argName: 'FILE', help: 'write result to FILE instead of standard output' },
    stable: { short: 's', long: 'stable', help: 'stabilize sort by disabling last-resort comparison' },
    buffer: { short: 'S', long: 'buffer-size', arg: 'required', argName: 'SIZE', help: 'use SIZE for main memory buffer' },
    tab: { short: 't', long: 'field-separator', arg: 'required', argName: 'SEP', parse: tabChar, help: 'use SEP instead of non-blank to blank transition' },
    tmp: { short: 'T', long: 'temporary-directory', arg: 'required', argName: 'DIR', help: 'use DIR for temporaries, not $TMPDIR or /tmp;\n  multiple options specify multiple directories' },
    parallel: { long: 'parallel', arg: 'required', argName: 'N', help: 'change the number of sorts run concurrently to N' },
    unique: { short: 'u', long: 'unique', help: 'with -c, check for strict ordering;\n  without -c, output only the first of an equal run' },
    zero: { short: 'z', long: 'zero-terminated', help: 'line delimiter is NUL, not newline' },
  },
  help: {
    column: 28,
    usage: ['Usage: %s [OPTION]... [FILE]...', '  or:  %s [OPTION]... --files0-from=F'],
    intro: 'Write sorted concatenation of all FILE(s) to standard output.\n\nWith no FILE, or when FILE is -, read standard input.\n\n' + MANDATORY,
    outro: "\nKEYDEF is F[.C][OPTS][,F[.C][OPTS]] for start and stop position, where F is a\nfield number and C a character position in the field; both are origin 1, and\nthe stop position defaults to the line's end.  If neither -t nor -b is in\neffect, characters in a field are counted from the beginning of the preceding\nwhitespace.  OPTS is one or more single-letter ordering options [bdfgiMhnRrV],\nwhich override global ordering options for that key.  If no key is given, use\nthe entire line as the key.  Use --debug to diagnose incorrect key usage.\n\nSIZE may be followed by the following multiplicative suffixes:\n% 1% of memory, b 1, K 1024 (default), and so on for M, G, T, P, E, Z, Y.\n\n*** WARNING ***\nThe locale specified by the environment affects sort order.\nSet LC_ALL=C to get the traditional sort order that uses\nnative byte values.\n" + coreutilsFooter('sort'),
  },
  version: coreutilsVersion('sort', 'Mike Haertel and Paul Eggert'),
})

export const sort: CommandDef = {
  name: 'sort',
  path: '/usr/bin/sort',
  rpm: 'coreutils',
  summary: 'sort lines of text files',
  args: ARGS,
  *run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    const o = a.opts
    const prog = ctx.argv[0]
    const global: Ordering = { b: o.b, d: o.d, f: o.f, g: o.g, i: o.i, M: o.M, h: o.h, n: o.n, r: o.r, V: o.V }
    const keys: Key[] = o.key.length ? o.key.map((k) => (k.own ? k : { ...k, ...global, r: global.r })) : [{ sword: 0, schar: 0, eword: -1, echar: 0, own: false, ...global }]
    const delim = o.zero ? '\0' : '\n'
    const lines: string[] = []
    const operands = a.operands.length ? a.operands : ['-']
    if ((o.check || o.quietCheck) && operands.length > 1) {
      ctx.err(`${prog}: extra operand ${quote(operands[1])} not allowed with -c\nTry '${prog} --help' for more information.\n`)
      return 2
    }
    for (const op of operands) {
      const text = yield* readInput(ctx, op)
      if (typeof text !== 'string') {
        ctx.err(text.error === 'EISDIR' ? `${prog}: read failed: ${quotef(op)}: ${errText(text.error)}\n` : `${prog}: cannot read: ${quotef(op)}: ${errText(text.error)}\n`)
        return 2
      }
      for (const l of splitLines(text, delim)) lines.push(l.text)
    }
    const byKeys = (x: string, y: string): number => {
      for (const k of keys) {
        const blanks = !!k.b
        const r = compareKey(keyText(x, k, o.tab, blanks), keyText(y, k, o.tab, blanks), k)
        if (r) return r
      }
      return 0
    }
    const full = (x: string, y: string): number => {
      const r = byKeys(x, y)
      if (r || o.stable || o.unique) return r
      const last = collate(x, y) || byteCompare(x, y)
      return o.r ? -last : last
    }
    if (o.check || o.quietCheck) {
      for (let i = 1; i < lines.length; i++) {
        const r = full(lines[i - 1], lines[i])
        if (r > 0 || (o.unique && r === 0)) {
          if (!o.quietCheck) ctx.err(`${prog}: ${operands[0]}:${i + 1}: disorder: ${lines[i]}\n`)
          return 1
        }
      }
      return 0
    }
    const sorted = lines.sort(full)
    const out = o.unique ? sorted.filter((l, i) => i === 0 || byKeys(sorted[i - 1], l) !== 0) : sorted
    const text = out.map((l) => l + delim).join('')
    if (o.output === undefined) {
      ctx.out(text)
      return 0
    }
    const e = ctx.host.fs.write(abs(ctx, o.output), text)
    if (e) {
      ctx.err(`${prog}: open failed: ${quotef(o.output)}: ${errText(e)}\n`)
      return 2
    }
    return 0
  },
}
