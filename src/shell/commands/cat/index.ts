// cat (GNU coreutils 8.32): files or stdin to stdout, streaming; -n/-b number lines (the count
// runs on across files), -s squeezes blank lines, -E marks line ends, -T shows tabs, -v shows
// control and non-ASCII bytes in ^ and M- notation; -A = -vET, -e = -vE, -t = -vT.

import { coreutilsFooter, coreutilsVersion, defineArgs, parseArgs } from '../../args/index.ts'
import { LineReader, toBytes } from '../../text/lines.ts'
import { errText, openInput, quotef } from '../files.ts'
import type { CommandDef } from '../types.ts'

const ARGS = defineArgs({
  usageStatus: 1,
  longOrder: ['number-nonblank', 'number', 'squeeze-blank', 'show-nonprinting', 'show-ends', 'show-tabs', 'show-all'],
  options: {
    A: { short: 'A', long: 'show-all', help: 'equivalent to -vET' },
    b: { short: 'b', long: 'number-nonblank', help: 'number nonempty output lines, overrides -n' },
    e: { short: 'e', help: 'equivalent to -vE' },
    E: { short: 'E', long: 'show-ends', help: 'display $ at end of each line' },
    n: { short: 'n', long: 'number', help: 'number all output lines' },
    s: { short: 's', long: 'squeeze-blank', help: 'suppress repeated empty output lines' },
    t: { short: 't', help: 'equivalent to -vT' },
    T: { short: 'T', long: 'show-tabs', help: 'display TAB characters as ^I' },
    u: { short: 'u', help: '(ignored)' },
    v: { short: 'v', long: 'show-nonprinting', help: 'use ^ and M- notation, except for LFD and TAB' },
  },
  help: {
    usage: ['Usage: %s [OPTION]... [FILE]...'],
    intro: 'Concatenate FILE(s) to standard output.\n\nWith no FILE, or when FILE is -, read standard input.\n\n',
    outro: "\nExamples:\n  %s f - g  Output f's contents, then standard input, then g's contents.\n  %s        Copy standard input to standard output.\n" + coreutilsFooter('cat'),
  },
  version: coreutilsVersion('cat', 'Torbjorn Granlund and Richard M. Stallman'),
})

/** cat -v: bytes below 32 as ^@..^_, DEL as ^?, bytes from 128 as M- and the same for the low 7 bits. */
export function showNonprinting(s: string, tabs: boolean): string {
  if (!/[^\x20-\x7e\t]/.test(s)) return tabs ? s.replaceAll('\t', '^I') : s
  let out = ''
  for (const b of toBytes(s)) {
    let c = b
    if (c >= 128) {
      out += 'M-'
      c -= 128
    }
    if (c === 9 && !tabs) out += '\t'
    else if (c < 32) out += `^${String.fromCharCode(c + 64)}`
    else if (c === 127) out += '^?'
    else out += String.fromCharCode(c)
  }
  return out
}

export const cat: CommandDef = {
  name: 'cat',
  path: '/usr/bin/cat',
  rpm: 'coreutils',
  summary: 'concatenate files and print on the standard output',
  args: ARGS,
  *run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    const o = a.opts
    const nonprinting = o.v || o.A || o.e || o.t
    const ends = o.E || o.A || o.e
    const tabs = o.T || o.A || o.t
    const numberAll = o.n && !o.b
    const plain = !(nonprinting || ends || tabs || o.n || o.b || o.s)
    let lineNo = 0
    let blanks = 0
    let status = 0
    for (const op of a.operands.length ? a.operands : ['-']) {
      const input = openInput(ctx, op)
      if (typeof input === 'string') {
        ctx.err(`${ctx.argv[0]}: ${quotef(op)}: ${errText(input)}\n`)
        status = 1
        continue
      }
      if (plain) {
        for (let chunk = yield* input.read(); chunk !== null; chunk = yield* input.read()) ctx.out(chunk)
        continue
      }
      const reader = new LineReader(input)
      for (let line = yield* reader.next(); line; line = yield* reader.next()) {
        const blank = line.text === '' && line.ended
        if (blank) {
          blanks++
          if (o.s && blanks > 1) continue
        } else blanks = 0
        let text = nonprinting ? showNonprinting(line.text, tabs) : tabs ? line.text.replaceAll('\t', '^I') : line.text
        if (numberAll || (o.b && line.text !== '')) text = `${String(++lineNo).padStart(6)}\t${text}`
        ctx.out(text + (line.ended ? (ends ? '$\n' : '\n') : ''))
      }
    }
    return status
  },
}
