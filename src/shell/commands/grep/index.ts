// grep (GNU grep 3.6): lines matching any of the PATTERNS (basic, -E extended, -F fixed, -P
// Perl, all through text/regex.ts), with -i -v -w -x, -c -l -L -q -o -m, -n -b -H -h prefixes,
// context -A/-B/-C with `--` between groups, -r over directories, --color, and the status
// 0 (a line selected), 1 (none), 2 (an error, unless -q found a line).

import { defineArgs, helpText, parseArgs, type Fail } from '../../args/index.ts'
import { globRegex } from '../../text/glob.ts'
import { byteLength, LineReader, splitLines } from '../../text/lines.ts'
import { hasMatch } from '../../text/posix-regexp.ts'
import { compile } from '../../text/regex.ts'
import { textInput, type Input } from '../../stream.ts'
import { abs, errText, openInput, quotef, readInput } from '../files.ts'
import type { CommandDef } from '../types.ts'
import { GREP_HELP } from './help.ts'

const context = (v: string): number | Fail => (/^\d+$/.test(v) ? Number(v) : { fail: `${v}: invalid context length argument`, status: 2 })
const maxCount = (v: string): number | Fail => (/^-?\d+$/.test(v) ? Number(v) : { fail: `invalid max count`, status: 2 })
/** An unknown --color value makes grep print its help and exit 0 (grep.c sets show_help). */
const when = (v: string): string => (['always', 'yes', 'force', 'never', 'no', 'none', 'auto', 'tty', 'if-tty'].includes(v) ? v : 'help')

const USAGE = (p: string) => `Usage: ${p} [OPTION]... PATTERNS [FILE]...\nTry '${p} --help' for more information.\n`

const ARGS = defineArgs({
  usageStatus: 2,
  tryHelp: USAGE,
  options: {
    extended: { short: 'E', long: 'extended-regexp' },
    fixed: { short: 'F', long: 'fixed-strings' },
    basic: { short: 'G', long: 'basic-regexp' },
    perl: { short: 'P', long: 'perl-regexp' },
    regexp: { short: 'e', long: 'regexp', arg: 'required', argName: 'PATTERNS', list: true },
    file: { short: 'f', long: 'file', arg: 'required', argName: 'FILE', list: true },
    ignoreCase: { short: 'i', long: 'ignore-case' },
    noIgnoreCase: { long: 'no-ignore-case' },
    y: { short: 'y' },
    wordRegexp: { short: 'w', long: 'word-regexp' },
    lineRegexp: { short: 'x', long: 'line-regexp' },
    noMessages: { short: 's', long: 'no-messages' },
    invert: { short: 'v', long: 'invert-match' },
    maxCount: { short: 'm', long: 'max-count', arg: 'required', argName: 'NUM', parse: maxCount },
    byteOffset: { short: 'b', long: 'byte-offset' },
    lineNumber: { short: 'n', long: 'line-number' },
    withFilename: { short: 'H', long: 'with-filename' },
    noFilename: { short: 'h', long: 'no-filename' },
    label: { long: 'label', arg: 'required', argName: 'LABEL' },
    onlyMatching: { short: 'o', long: 'only-matching' },
    quiet: { short: 'q', long: ['quiet', 'silent'] },
    recursive: { short: 'r', long: 'recursive' },
    dereferenceRecursive: { short: 'R', long: 'dereference-recursive' },
    include: { long: 'include', arg: 'required', argName: 'GLOB', list: true },
    exclude: { long: 'exclude', arg: 'required', argName: 'GLOB', list: true },
    excludeFrom: { long: 'exclude-from', arg: 'required', argName: 'FILE', list: true },
    excludeDir: { long: 'exclude-dir', arg: 'required', argName: 'GLOB', list: true },
    filesWithoutMatch: { short: 'L', long: 'files-without-match' },
    filesWithMatches: { short: 'l', long: 'files-with-matches' },
    count: { short: 'c', long: 'count' },
    before: { short: 'B', long: 'before-context', arg: 'required', argName: 'NUM', parse: context },
    after: { short: 'A', long: 'after-context', arg: 'required', argName: 'NUM', parse: context },
    context: { short: 'C', long: 'context', arg: 'required', argName: 'NUM', parse: context },
    color: { long: ['color', 'colour'], arg: 'optional', argName: 'WHEN', bare: 'auto', parse: when },
  },
  help: { usage: [], raw: GREP_HELP },
  version: 'grep (GNU grep) 3.6\nCopyright (C) 2020 Free Software Foundation, Inc.\nLicense GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.\nThis is free software: you are free to change and redistribute it.\nThere is NO WARRANTY, to the extent permitted by law.\n\nWritten by Mike Haertel and others; see\n<https://git.sv.gnu.org/cgit/grep.git/tree/AUTHORS>.\n',
})

const COLOR = { match: '\x1b[01;31m\x1b[K', file: '\x1b[35m\x1b[K', line: '\x1b[32m\x1b[K', sep: '\x1b[36m\x1b[K', end: '\x1b[m\x1b[K' }

export const grep: CommandDef = {
  name: 'grep',
  path: '/usr/bin/grep',
  rpm: 'grep',
  summary: 'print lines that match patterns',
  args: ARGS,
  *run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    const o = a.opts
    const prog = ctx.argv[0]
    if (o.color === 'help') {
      ctx.out(helpText(ARGS, prog))
      return 0
    }
    const operands = [...a.operands]
    const patterns: string[] = []
    for (const e of o.regexp) patterns.push(...e.split('\n'))
    for (const f of o.file) {
      const r = yield* readInput(ctx, f)
      if (typeof r !== 'string') {
        ctx.err(`${prog}: ${quotef(f)}: ${errText(r.error)}\n`)
        return 2
      }
      patterns.push(...splitLines(r).map((l) => l.text))
    }
    if (!o.regexp.length && !o.file.length) {
      const p = operands.shift()
      if (p === undefined) {
        ctx.err(USAGE(prog))
        return 2
      }
      patterns.push(...p.split('\n'))
    }
    const ignoreCase = a.seen.reduce((ic, s) => (s.key === 'ignoreCase' || s.key === 'y' ? true : s.key === 'noIgnoreCase' ? false : ic), false)
    const syntax = a.seen.reduce<string>((m, s) => (['extended', 'fixed', 'basic', 'perl'].includes(s.key) ? s.key : m), ctx.argv[0].endsWith('egrep') ? 'extended' : ctx.argv[0].endsWith('fgrep') ? 'fixed' : 'basic')
    const regexes: RegExp[] = []
    const WORD = '[\\p{L}\\p{N}_]'
    for (const p of patterns) {
      const around = { before: o.lineRegexp ? '^' : o.wordRegexp ? `(?<!${WORD})` : undefined, after: o.lineRegexp ? '$' : o.wordRegexp ? `(?!${WORD})` : undefined }
      if (syntax === 'perl') {
        try {
          regexes.push(new RegExp(`${around.before ?? ''}(?:${p})${around.after ?? ''}`, `gsu${ignoreCase ? 'i' : ''}`))
          continue
        } catch {
          ctx.err(`${prog}: Invalid regular expression\n`)
          return 2
        }
      }
      const options = { extended: syntax === 'extended', fixed: syntax === 'fixed', ignoreCase, global: true }
      let r = compile(p, { ...options, unicode: true, ...around })
      // A pattern JS refuses in its unicode mode (`\{`-like escapes) is read without it.
      if ('error' in r && r.error === 'Invalid regular expression') r = compile(p, { ...options, before: around.before?.replaceAll(WORD, '\\w'), after: around.after?.replaceAll(WORD, '\\w') })
      if ('error' in r) {
        ctx.err(`${prog}: ${r.error}\n`)
        return 2
      }
      regexes.push(r)
    }
    const matches = (line: string) => regexes.some((re) => hasMatch(re, line))
    /** The non-empty matches of a line, leftmost first, as -o prints them. */
    const parts = (line: string): [number, string][] => {
      const out: [number, string][] = []
      let pos = 0
      while (pos <= line.length) {
        let best: [number, string] | null = null
        for (const re of regexes) {
          re.lastIndex = pos
          const m = re.exec(line)
          if (m && (!best || m.index < best[0] || (m.index === best[0] && m[0].length > best[1].length))) best = [m.index, m[0]]
        }
        if (!best) break
        if (best[1]) out.push(best)
        pos = best[0] + Math.max(1, best[1].length)
      }
      return out
    }
    const after = o.after ?? o.context ?? 0
    const before = o.before ?? o.context ?? 0
    const colorWhen = o.color ?? 'never'
    const color = ['always', 'yes', 'force'].includes(colorWhen) || (['auto', 'tty', 'if-tty'].includes(colorWhen) && ctx.tty)
    const paint = (c: string, t: string) => (color ? `${c}${t}${COLOR.end}` : t)
    const recursive = o.recursive || o.dereferenceRecursive
    // --include/--exclude match a file's base name when -r finds it, and any trailing part of a
    // name given on the command line (grep's "name suffix"); --exclude-dir likewise for directories.
    const excludes = [...o.exclude]
    for (const f of o.excludeFrom) {
      const r = yield* readInput(ctx, f)
      if (typeof r !== 'string') {
        ctx.err(`${prog}: ${quotef(f)}: ${errText(r.error)}\n`)
        return 2
      }
      excludes.push(...splitLines(r).map((l) => l.text).filter(Boolean))
    }
    const globs = (list: string[]) => list.map((g) => globRegex(g))
    const [includeRe, excludeRe, excludeDirRe] = [globs(o.include), globs(excludes), globs(o.excludeDir)]
    const suffixes = (name: string, base: boolean) => (base ? [name.slice(name.lastIndexOf('/') + 1)] : name.split('/').map((_, i, parts) => parts.slice(i).join('/')).filter((x) => x && !x.startsWith('/')))
    const skipFile = (name: string, base: boolean) => {
      const names = suffixes(name, base)
      if (excludeRe.some((re) => names.some((n) => re.test(n)))) return true
      return includeRe.length > 0 && !includeRe.some((re) => names.some((n) => re.test(n)))
    }
    const skipDir = (name: string, base: boolean) => excludeDirRe.some((re) => suffixes(name.replace(/(.)\/+$/, '$1'), base).some((n) => re.test(n)))
    const inputs: { name: string; input: Input | null; error?: string }[] = []
    const implicitDot = recursive && !operands.length
    if (!operands.length) operands.push(recursive ? '.' : '-')
    for (const op of operands) {
      if (op === '-') {
        inputs.push({ name: o.label ?? '(standard input)', input: ctx.stdin })
        continue
      }
      const path = abs(ctx, op)
      const node = ctx.host.fs.stat(path)
      if (!node) {
        inputs.push({ name: op, input: null, error: 'ENOENT' })
        continue
      }
      if (node.type === 'dir') {
        if (!recursive) {
          inputs.push({ name: op, input: null, error: 'EISDIR' })
          continue
        }
        const walk = (dir: string, shown: string) => {
          for (const n of ctx.host.fs.list(dir) ?? []) {
            const p = `${dir === '/' ? '' : dir}/${n}`
            // -r follows a symlink only when it is named on the command line.
            const st = ctx.host.fs.lstat(p)
            const name = shown === '' ? n : `${shown}/${n}`
            if (st?.type === 'dir') {
              if (!skipDir(n, true)) walk(p, name)
            } else if (st?.type === 'file' && !skipFile(n, true)) inputs.push({ name, input: textInput(st.content) })
          }
        }
        if (!implicitDot && skipDir(op, false)) continue
        walk(path, implicitDot ? '' : op.replace(/(.)\/+$/, '$1'))
        continue
      }
      if (skipFile(op, false)) continue
      const input = openInput(ctx, op)
      inputs.push(typeof input === 'string' ? { name: op, input: null, error: input } : { name: op, input })
    }
    const showNames = o.noFilename ? false : o.withFilename || operands.length > 1 || (recursive && !(operands.length === 1 && inputs.length === 1 && ctx.host.fs.stat(abs(ctx, operands[0]))?.type !== 'dir'))
    let selectedAny = false
    let error = false
    for (const f of inputs) {
      if (!f.input) {
        if (!o.noMessages) ctx.err(`${prog}: ${f.name}: ${errText(f.error as 'ENOENT')}\n`)
        error = true
        continue
      }
      const reader = new LineReader(f.input)
      let count = 0
      let lineNo = 0
      let offset = 0
      let lastPrinted = 0
      let afterLeft = 0
      const held: { no: number; off: number; text: string }[] = []
      const prefix = (no: number, off: number, sep: string) => (showNames ? paint(COLOR.file, f.name) + paint(COLOR.sep, sep) : '') + (o.lineNumber ? paint(COLOR.line, String(no)) + paint(COLOR.sep, sep) : '') + (o.byteOffset ? paint(COLOR.line, String(off)) + paint(COLOR.sep, sep) : '')
      const listOnly = o.quiet || o.filesWithMatches || o.filesWithoutMatch || o.count
      const emit = (no: number, off: number, text: string, sep: string) => {
        if ((before || after) && lastPrinted && no > lastPrinted + 1) ctx.out(color ? `${COLOR.sep}--${COLOR.end}\n` : '--\n')
        ctx.out(prefix(no, off, sep) + text + '\n')
        lastPrinted = no
      }
      const max = o.maxCount ?? -1
      for (let l = yield* reader.next(); l; l = yield* reader.next()) {
        lineNo++
        const off = offset
        offset += byteLength(l.text) + (l.ended ? 1 : 0)
        if (max >= 0 && count >= max) {
          if (afterLeft > 0 && !listOnly) {
            afterLeft--
            emit(lineNo, off, l.text, '-')
            continue
          }
          break
        }
        const selected = matches(l.text) !== o.invert
        if (!selected) {
          if (listOnly) continue
          if (afterLeft > 0) {
            afterLeft--
            emit(lineNo, off, l.text, '-')
          } else if (before) {
            held.push({ no: lineNo, off, text: l.text })
            if (held.length > before) held.shift()
          }
          continue
        }
        count++
        selectedAny = true
        if (o.quiet) return 0
        if (listOnly) continue
        for (const h of held) emit(h.no, h.off, h.text, '-')
        held.length = 0
        afterLeft = after
        if (o.onlyMatching) {
          if (o.invert) continue
          for (const [at, m] of parts(l.text)) {
            ctx.out(prefix(lineNo, off + byteLength(l.text.slice(0, at)), ':') + paint(COLOR.match, m) + '\n')
          }
          lastPrinted = lineNo
          continue
        }
        const text = color && !o.invert ? partsPainted(l.text, parts(l.text), (t) => paint(COLOR.match, t)) : l.text
        emit(lineNo, off, text, ':')
      }
      if (o.count) ctx.out((showNames ? paint(COLOR.file, f.name) + paint(COLOR.sep, ':') : '') + `${count}\n`)
      if (o.filesWithMatches && count) ctx.out(paint(COLOR.file, f.name) + '\n')
      if (o.filesWithoutMatch && !count) ctx.out(paint(COLOR.file, f.name) + '\n')
    }
    if (error && !(o.quiet && selectedAny)) return 2
    return selectedAny ? 0 : 1
  },
}

function partsPainted(line: string, ps: [number, string][], paint: (t: string) => string): string {
  let out = ''
  let pos = 0
  for (const [at, m] of ps) {
    out += line.slice(pos, at) + paint(m)
    pos = at + m.length
  }
  return out + line.slice(pos)
}
