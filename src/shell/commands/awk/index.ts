// awk (GNU awk 5.1, RHEL 9's /usr/bin/awk): the program from the first operand or -f, then each
// record of the files or stdin (operands of the form var=value assign as they are reached) through
// its rules, with -F for FS and -v assignments before BEGIN. Records stream one at a time unless
// the program reads with a plain `getline`. Errors are gawk's: a syntax error shows the source
// line and a caret (status 1), a fatal one names the record (status 2).

import type { Proc } from '../../../sim/task.ts'
import { defineArgs, parseArgs } from '../../args/index.ts'
import { longNames } from '../../args/spec.ts'
import { LineReader, splitLines } from '../../text/lines.ts'
import type { Input } from '../../stream.ts'
import { abs, openInput, readFile, readInput } from '../files.ts'
import type { CommandDef } from '../types.ts'
import { Awk, AwkFatal, Exit, StrNum, toNum } from './interp.ts'
import { AwkSyntaxError } from './lexer.ts'
import { parseProgram, type Program } from './parse.ts'

const USAGE = `Usage: %s [POSIX or GNU style options] -f progfile [--] file ...
Usage: %s [POSIX or GNU style options] [--] 'program' file ...
POSIX options:\t\tGNU long options: (standard)
\t-f progfile\t\t--file=progfile
\t-F fs\t\t\t--field-separator=fs
\t-v var=val\t\t--assign=var=val
Short options:\t\tGNU long options: (extensions)
\t-b\t\t\t--characters-as-bytes
\t-c\t\t\t--traditional
\t-C\t\t\t--copyright
\t-d[file]\t\t--dump-variables[=file]
\t-D[file]\t\t--debug[=file]
\t-e 'program-text'\t--source='program-text'
\t-E file\t\t\t--exec=file
\t-g\t\t\t--gen-pot
\t-h\t\t\t--help
\t-i includefile\t\t--include=includefile
\t-l library\t\t--load=library
\t-L[fatal|invalid|no-ext]\t--lint[=fatal|invalid|no-ext]
\t-M\t\t\t--bignum
\t-N\t\t\t--use-lc-numeric
\t-n\t\t\t--non-decimal-data
\t-o[file]\t\t--pretty-print[=file]
\t-O\t\t\t--optimize
\t-p[file]\t\t--profile[=file]
\t-P\t\t\t--posix
\t-r\t\t\t--re-interval
\t-s\t\t\t--no-optimize
\t-S\t\t\t--sandbox
\t-t\t\t\t--lint-old
\t-V\t\t\t--version

To report bugs, see node \`Bugs' in \`gawk.info'
which is section \`Reporting Problems and Bugs' in the
printed version.  This same information may be found at
https://www.gnu.org/software/gawk/manual/html_node/Bugs.html.
PLEASE do NOT try to report bugs by posting in comp.lang.awk,
or by using a web forum such as Stack Overflow.

gawk is a pattern scanning and processing language.
By default it reads standard input and writes standard output.

Examples:
\t%s '{ sum += $1 }; END { print sum }' file
\t%s -F: '{ print $1 }' /etc/passwd
`

const ARGS = defineArgs({
  usageStatus: 1,
  stopAtOperand: true,
  // gawk sets opterr = 0: an unknown option shows only the usage; a missing or unwanted argument
  // is reported by the short letter the long name maps to (gawk 5.1 main.c).
  message: (e, spec) => {
    if (e.kind === 'short-needs-arg') return `option requires an argument -- ${e.letter}`
    if (e.kind !== 'long-needs-arg' && e.kind !== 'long-takes-no-arg') return undefined
    const def = Object.values(spec.options).find((d) => longNames(d).includes(e.name))
    return `option requires an argument -- ${def?.short ?? e.name}`
  },
  tryHelp: (p) => USAGE.replaceAll('%s', p),
  options: {
    file: { short: 'f', long: 'file', arg: 'required', list: true },
    fs: { short: 'F', long: 'field-separator', arg: 'required' },
    assign: { short: 'v', long: 'assign', arg: 'required', list: true },
    bytes: { short: 'b', long: 'characters-as-bytes', unsimulated: true },
    traditional: { short: 'c', long: 'traditional', unsimulated: true },
    copyright: { short: 'C', long: 'copyright', unsimulated: true },
    dumpVariables: { short: 'd', long: 'dump-variables', arg: 'optional', unsimulated: true },
    debug: { short: 'D', long: 'debug', arg: 'optional', unsimulated: true },
    source: { short: 'e', long: 'source', arg: 'required', list: true },
    exec: { short: 'E', long: 'exec', arg: 'required', unsimulated: true },
    genPot: { short: 'g', long: 'gen-pot', unsimulated: true },
    help: { short: 'h', long: 'help' },
    include: { short: 'i', long: 'include', arg: 'required', unsimulated: true },
    load: { short: 'l', long: 'load', arg: 'required', unsimulated: true },
    lint: { short: 'L', long: 'lint', arg: 'optional', unsimulated: true },
    bignum: { short: 'M', long: 'bignum', unsimulated: true },
    lcNumeric: { short: 'N', long: 'use-lc-numeric', unsimulated: true },
    nonDecimal: { short: 'n', long: 'non-decimal-data', unsimulated: true },
    prettyPrint: { short: 'o', long: 'pretty-print', arg: 'optional', unsimulated: true },
    // Optimizing or not, and interval expressions (on by default since gawk 4.0), change nothing
    // a program can see.
    optimize: { short: 'O', long: 'optimize' },
    profile: { short: 'p', long: 'profile', arg: 'optional', unsimulated: true },
    posix: { short: 'P', long: 'posix', unsimulated: true },
    reInterval: { short: 'r', long: 're-interval' },
    noOptimize: { short: 's', long: 'no-optimize' },
    sandbox: { short: 'S', long: 'sandbox', unsimulated: true },
    lintOld: { short: 't', long: 'lint-old', unsimulated: true },
    version: { short: 'V', long: 'version' },
  },
})

const VERSION = 'GNU Awk 5.1.0, API: 3.0 (GNU MPFR 4.1.0-p13, GNU MP 6.2.0)\nCopyright (C) 1989, 1991-2020 Free Software Foundation.\n\nThis program is free software; you can redistribute it and/or modify\nit under the terms of the GNU General Public License as published by\nthe Free Software Foundation; either version 3 of the License, or\n(at your option) any later version.\n\nThis program is distributed in the hope that it will be useful,\nbut WITHOUT ANY WARRANTY; without even the implied warranty of\nMERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the\nGNU General Public License for more details.\n\nYou should have received a copy of the GNU General Public License\nalong with this program. If not, see http://www.gnu.org/licenses/.\n'

/** awk's escapes in -v and command-line assignments. */
function unescape(s: string): string {
  return s.replace(/\\(?:([0-7]{1,3})|(.))/gs, (_, oct: string | undefined, c: string) => (oct ? String.fromCharCode(parseInt(oct, 8)) : (({ n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', '/': '/' } as Record<string, string>)[c] ?? `\\${c}`)))
}

/** `-F t` means a tab, and `-F '\t'` too, as in gawk. */
function fieldSeparator(v: string): string {
  return v === 't' ? '\t' : unescape(v)
}

export const awk: CommandDef = {
  name: 'awk',
  path: '/usr/bin/awk',
  rpm: 'gawk',
  summary: 'pattern scanning and processing language',
  args: ARGS,
  *run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    const o = a.opts
    const prog = ctx.argv[0]
    if (o.help) {
      ctx.out(USAGE.replaceAll('%s', prog))
      return 0
    }
    if (o.version) {
      ctx.out(VERSION)
      return 0
    }
    const operands = [...a.operands]
    const sources: { text: string; name: string }[] = []
    for (const f of o.file) {
      const r = yield* readInput(ctx, f)
      if (typeof r !== 'string') {
        ctx.err(`${prog}: fatal: cannot open source file \`${f}' for reading: No such file or directory\n`)
        return 2
      }
      sources.push({ text: r, name: f })
    }
    for (const s of o.source) sources.push({ text: s, name: 'cmd. line' })
    if (!sources.length) {
      const p = operands.shift()
      if (p === undefined) {
        ctx.err(USAGE.replaceAll('%s', prog))
        return 1
      }
      sources.push({ text: p, name: 'cmd. line' })
    }
    const src = sources.map((s) => s.text).join('\n')
    let program: Program
    try {
      program = parseProgram(src)
    } catch (e) {
      if (!(e instanceof AwkSyntaxError)) throw e
      const before = src.slice(0, e.at)
      const lineNo = before.split('\n').length
      const lineStart = before.lastIndexOf('\n') + 1
      const lineEnd = src.indexOf('\n', e.at)
      const line = src.slice(lineStart, lineEnd < 0 ? src.length : lineEnd)
      const where = `${prog}: ${sources[0].name === 'cmd. line' ? 'cmd. line' : sources[0].name}:${lineNo}: `
      ctx.err(`${where}${line}\n${where}${' '.repeat(Math.min(e.at - lineStart, line.length))}^ ${e.message}\n`)
      return 1
    }
    const mainQueue: string[] = []
    const env = ctx.session.environment()
    const interp = new Awk(program, {
      out: (t) => ctx.out(t),
      err: (t) => ctx.err(t),
      readFile: (name) => {
        if (name === '-' || name === '/dev/stdin') return null
        const r = readFile(ctx, name)
        return typeof r === 'string' ? r : null
      },
      env,
      nextRecord: () => mainQueue.shift() ?? null,
      flush: (name, kind, text) => (kind === '>>' ? ctx.host.fs.append(abs(ctx, name), text) : ctx.host.fs.write(abs(ctx, name), text)),
      now: () => ctx.host.wall(),
    })
    const fatal = (e: unknown): number => {
      if (e instanceof AwkFatal) {
        const where = toNum(interp.get('NR')) ? ` (FILENAME=${interp.str(interp.get('FILENAME')) || '-'} FNR=${interp.str(interp.get('FNR'))})` : ''
        ctx.err(`${prog}: cmd. line:1:${where} fatal: ${e.message}\n`)
        return 2
      }
      throw e
    }
    const assign = (w: string): boolean => {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(w)
      if (!m) return false
      interp.set(m[1], new StrNum(unescape(m[2])))
      return true
    }
    if (o.fs !== undefined) interp.set('FS', fieldSeparator(o.fs))
    for (const v of o.assign) {
      if (!assign(v)) {
        ctx.err(`${prog}: fatal: \`${v}' is not a legal variable name\n`)
        return 2
      }
    }
    const argv = new Map<string, StrNum | string>([['0', 'awk'], ...operands.map((w, i): [string, StrNum] => [String(i + 1), new StrNum(w)])])
    interp.globals.set('ARGV', argv)
    interp.globals.set('ARGC', operands.length + 1)
    let status = 0
    let exitCode: number | null = null
    const finish = function* (): Proc<number> {
      if (exitCode === null || exitCode >= 0) {
        try {
          interp.runEnd()
        } catch (e) {
          if (e instanceof Exit) exitCode = e.status < 0 ? (exitCode ?? 0) : e.status
          else return fatal(e)
        }
      }
      for (const [name, out] of interp.outputs) {
        if (out.kind === '|') yield* ctx.run(name, { out: (t) => ctx.out(t), err: (t) => ctx.err(t), stdin: out.text })
        else interp.io.flush(name, out.kind, out.text)
      }
      return exitCode !== null && exitCode >= 0 ? exitCode : status
    }
    try {
      interp.runBegin()
    } catch (e) {
      if (e instanceof Exit) {
        exitCode = e.status < 0 ? 0 : e.status
        return yield* finish()
      }
      return fatal(e)
    }
    if (!interp.hasMain) return yield* finish()
    const files = operands.filter((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w))
    const inputs = files.length ? operands : [...operands, '-']
    const open = (w: string): Input | null => {
      if (w === '/dev/stdin') return ctx.stdin
      const r = openInput(ctx, w)
      if (typeof r === 'string') {
        ctx.err(r === 'EISDIR' ? `${prog}: warning: command line argument \`${w}' is a directory: skipped\n` : `${prog}: fatal: cannot open file \`${w}' for reading: No such file or directory\n`)
        if (r !== 'EISDIR') status = 2
        return null
      }
      return r
    }
    const rsOf = () => interp.str(interp.get('RS'))
    try {
      for (const w of inputs) {
        if (assign(w)) continue
        const input = open(w)
        if (!input) {
          if (status === 2) return 2
          continue
        }
        interp.set('FILENAME', w === '-' ? '' : w)
        interp.set('FNR', 0)
        const rs = rsOf()
        if (program.readsMain || (rs !== '\n' && rs.length !== 1)) {
          const text = yield* input.readAll()
          mainQueue.push(...(rs === '' ? text.replace(/^\n+/, '').split(/\n\n+/).map((r) => r.replace(/\n+$/, '')).filter((r, i, all) => r !== '' || i < all.length - 1) : rs.length > 1 ? text.split(interp.globalRegex(rs)).filter((r, i, all) => !(i === all.length - 1 && r === '')) : splitLines(text, rs).map((l) => l.text)))
          for (let rec = mainQueue.shift(); rec !== undefined; rec = mainQueue.shift()) if (interp.runRecord(rec) === 'nextfile') break
          mainQueue.length = 0
          continue
        }
        const reader = new LineReader(input, rs)
        for (let l = yield* reader.next(); l; l = yield* reader.next()) if (interp.runRecord(l.text) === 'nextfile') break
      }
    } catch (e) {
      if (e instanceof Exit) {
        exitCode = e.status < 0 ? 0 : e.status
        return yield* finish()
      }
      return fatal(e)
    }
    return yield* finish()
  },
}

export const gawk: CommandDef = { ...awk, name: 'gawk', path: '/usr/bin/gawk' }
