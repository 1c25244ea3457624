// head (GNU coreutils 8.32): the first 10 lines, -n NUM lines or -c NUM bytes of each file or
// stdin, or with a leading `-` all but the last NUM; `==> NAME <==` headers for several files
// (-q/-v). It reads only what it prints, so `ping … | head -2` ends after two lines; the old
// `head -5` form is accepted as the first argument.

import { coreutilsFooter, coreutilsVersion, defineArgs, MANDATORY, parseArgs, type Fail } from '../../args/index.ts'
import { LineReader, byteLength, fromBytes, toBytes } from '../../text/lines.ts'
import { parseCount } from '../../text/numbers.ts'
import { errText, openInput, quote, quoteaf } from '../files.ts'
import type { Proc } from '../../../sim/task.ts'
import type { Input } from '../../stream.ts'
import type { CommandContext, CommandDef } from '../types.ts'

export interface Amount {
  n: number
  /** A leading `-` (head: all but the last n) or `+` (tail: from the nth). */
  sign: '' | '-' | '+'
}

export function amount(what: 'lines' | 'bytes') {
  return (v: string): Amount | Fail => {
    const sign = v[0] === '-' || v[0] === '+' ? v[0] : ''
    const c = parseCount(sign ? v.slice(1) : v)
    if ('error' in c) return { fail: `invalid number of ${what}: ${quote(v)}${c.error === 'too-large' ? ': Value too large for defined data type' : ''}`, status: 1 }
    return { n: c.value, sign }
  }
}

/** `head -5` and `head -5c`: the obsolete count, only as the first argument. */
export function obsoleteCount(argv: string[], letters: string): string[] {
  const m = /^-(\d+)([bkm]?)([cqvlfz]*)$/.exec(argv[1] ?? '')
  if (!m || !letters) return argv
  const unit = m[3].includes('c') ? '-c' : '-n'
  const mult = m[2] === 'b' ? 'b' : m[2] === 'k' ? 'K' : m[2] === 'm' ? 'M' : ''
  const rest = m[3].replace(/[cl]/g, '')
  return [argv[0], `${unit}${m[1]}${mult}`, ...(rest ? [`-${rest}`] : []), ...argv.slice(2)]
}

/** What -c/-n/-q/-v said, the later of -c and -n winning, as head and tail read them. */
export function slicing(seen: { key: string; value: unknown }[], operands: number): { byBytes: boolean; count: Amount; headers: boolean } {
  let byBytes = false
  let count: Amount = { n: 10, sign: '' }
  let headers = operands > 1
  for (const s of seen) {
    if (s.key === 'bytes' || s.key === 'lines') {
      byBytes = s.key === 'bytes'
      count = s.value as Amount
    } else if (s.key === 'quiet') headers = false
    else if (s.key === 'verbose') headers = true
  }
  return { byBytes, count, headers }
}

/** Each operand (stdin when none) with head's and tail's messages and `==> NAME <==` headers. */
export function* eachInput(ctx: CommandContext, operands: string[], headers: boolean, body: (input: Input, op: string) => Proc<void>): Proc<number> {
  const prog = ctx.argv[0]
  let status = 0
  let first = true
  for (const op of operands.length ? operands : ['-']) {
    const input = openInput(ctx, op)
    if (input === 'ENOENT' || input === 'ENOTDIR') {
      ctx.err(`${prog}: cannot open ${quoteaf(op)} for reading: ${errText(input)}\n`)
      status = 1
      continue
    }
    if (headers) ctx.out(`${first ? '' : '\n'}==> ${op === '-' ? 'standard input' : op} <==\n`)
    first = false
    if (typeof input === 'string') {
      ctx.err(`${prog}: error reading ${quoteaf(op)}: ${errText(input)}\n`)
      status = 1
      continue
    }
    yield* body(input, op)
  }
  return status
}

const ARGS = defineArgs({
  usageStatus: 1,
  options: {
    bytes: { short: 'c', long: 'bytes', arg: 'required', argName: '[-]NUM', parse: amount('bytes'), help: "print the first NUM bytes of each file;\n  with the leading '-', print all but the last\n  NUM bytes of each file" },
    lines: { short: 'n', long: 'lines', arg: 'required', argName: '[-]NUM', parse: amount('lines'), help: "print the first NUM lines instead of the first 10;\n  with the leading '-', print all but the last\n  NUM lines of each file" },
    quiet: { short: 'q', long: ['quiet', 'silent'], help: 'never print headers giving file names' },
    verbose: { short: 'v', long: 'verbose', help: 'always print headers giving file names' },
    zero: { short: 'z', long: 'zero-terminated', help: 'line delimiter is NUL, not newline' },
  },
  help: {
    usage: ['Usage: %s [OPTION]... [FILE]...'],
    intro: 'Print the first 10 lines of each FILE to standard output.\nWith more than one FILE, precede each with a header giving the file name.\n\nWith no FILE, or when FILE is -, read standard input.\n\n' + MANDATORY,
    outro:
      '\nNUM may have a multiplier suffix:\nb 512, kB 1000, K 1024, MB 1000*1000, M 1024*1024,\nGB 1000*1000*1000, G 1024*1024*1024, and so on for T, P, E, Z, Y.\nBinary prefixes can be used, too: KiB=K, MiB=M, and so on.\n' +
      coreutilsFooter('head'),
  },
  version: coreutilsVersion('head', 'David MacKenzie and Jim Meyering'),
})

export const head: CommandDef = {
  name: 'head',
  path: '/usr/bin/head',
  rpm: 'coreutils',
  summary: 'output the first part of files',
  args: ARGS,
  *run(ctx) {
    const a = parseArgs({ ...ctx, argv: obsoleteCount(ctx.argv, 'cqv') }, ARGS)
    if (typeof a === 'number') return a
    const { byBytes, count, headers } = slicing(a.seen, a.operands.length)
    const delim = a.opts.zero ? '\0' : '\n'
    return yield* eachInput(ctx, a.operands, headers, function* (input) {
      if (byBytes && count.sign === '-') {
        const all = toBytes(yield* input.readAll())
        ctx.out(fromBytes(all.slice(0, Math.max(0, all.length - count.n))))
        return
      }
      if (byBytes) {
        // Reads only until it has its bytes, so `head -c 3 <(yes)` ends at once.
        let text = ''
        let bytes = 0
        for (let chunk = bytes < count.n ? yield* input.read() : null; chunk !== null; chunk = bytes < count.n ? yield* input.read() : null) {
          text += chunk
          bytes += byteLength(chunk)
        }
        ctx.out(fromBytes(toBytes(text).slice(0, count.n)))
        return
      }
      const reader = new LineReader(input, delim)
      if (count.sign === '-') {
        const held: string[] = []
        for (let l = yield* reader.next(); l; l = yield* reader.next()) {
          held.push(l.text + (l.ended ? delim : ''))
          if (held.length > count.n) ctx.out(held.shift()!)
        }
        return
      }
      for (let i = 0; i < count.n; i++) {
        const l = yield* reader.next()
        if (!l) break
        ctx.out(l.text + (l.ended ? delim : ''))
      }
    })
  },
}

