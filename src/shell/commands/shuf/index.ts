// shuf (GNU coreutils 8.32): the input lines (a FILE or stdin, -e's arguments, or -i's numbers
// LO through HI) in a random order, at most -n of them; -r draws with replacement (forever
// without -n: paced and bounded as yes is). The order comes from the lab's seeded random numbers
// (a Fisher-Yates shuffle), so a replay gives the same one; --random-source is not modelled.

import { wait } from '../../../sim/task.ts'
import { coreutilsFooter, coreutilsVersion, defineArgs, MANDATORY, parseArgs, usageError, type Fail } from '../../args/index.ts'
import { splitLines } from '../../text/lines.ts'
import { abs, errText, openInput, quote, quotef } from '../files.ts'
import type { CommandDef } from '../types.ts'

const count = (v: string): number | Fail => (/^\s*\+?\d+$/.test(v) ? Number(v) : { fail: `invalid line count: ${quote(v)}`, status: 1 })
const range = (v: string): [number, number] | Fail => {
  const m = /^\s*(\d+)-(\d+)$/.exec(v)
  return m && Number(m[1]) <= Number(m[2]) + 1 ? [Number(m[1]), Number(m[2])] : { fail: `invalid input range: ${quote(v)}`, status: 1 }
}

const ARGS = defineArgs({
  usageStatus: 1,
  options: {
    echo: { short: 'e', long: 'echo', help: 'treat each ARG as an input line' },
    inputRange: { short: 'i', long: 'input-range', arg: 'required', argName: 'LO-HI', parse: range, help: 'treat each number LO through HI as an input line' },
    headCount: { short: 'n', long: 'head-count', arg: 'required', argName: 'COUNT', parse: count, help: 'output at most COUNT lines' },
    output: { short: 'o', long: 'output', arg: 'required', argName: 'FILE', help: 'write result to FILE instead of standard output' },
    randomSource: { long: 'random-source', arg: 'required', argName: 'FILE', help: 'get random bytes from FILE', unsimulated: true },
    repeat: { short: 'r', long: 'repeat', help: 'output lines can be repeated' },
    zero: { short: 'z', long: 'zero-terminated', help: 'line delimiter is NUL, not newline' },
  },
  help: {
    usage: ['Usage: %s [OPTION]... [FILE]', '  or:  %s -e [OPTION]... [ARG]...', '  or:  %s -i LO-HI [OPTION]...'],
    column: 28,
    intro: 'Write a random permutation of the input lines to standard output.\n\nWith no FILE, or when FILE is -, read standard input.\n\n' + MANDATORY,
    outro: coreutilsFooter('shuf'),
  },
  version: coreutilsVersion('shuf', 'Paul Eggert'),
})

/** Lines written each millisecond by -r without -n, and the lab's bound (as yes has). */
const BATCH = 256
const LIMIT = 1 << 20

export const shuf: CommandDef = {
  name: 'shuf',
  path: '/usr/bin/shuf',
  rpm: 'coreutils',
  summary: 'generate random permutations',
  args: ARGS,
  *run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    const o = a.opts
    const prog = ctx.argv[0]
    if (o.echo && o.inputRange) return usageError(ctx, ARGS, 'cannot combine -e and -i options')
    if (o.inputRange && a.operands.length) return usageError(ctx, ARGS, `extra operand ${quote(a.operands[0])}`)
    if (!o.echo && a.operands.length > 1) return usageError(ctx, ARGS, `extra operand ${quote(a.operands[1])}`)
    const eol = o.zero ? '\0' : '\n'
    let lines: string[]
    if (o.echo) lines = [...a.operands]
    else if (o.inputRange) {
      const [lo, hi] = o.inputRange
      lines = Array.from({ length: hi - lo + 1 }, (_, i) => String(lo + i))
    } else {
      const op = a.operands[0] ?? '-'
      const input = openInput(ctx, op)
      if (typeof input === 'string') {
        ctx.err(`${prog}: ${quotef(op)}: ${errText(input)}\n`)
        return 1
      }
      lines = splitLines(yield* input.readAll(), eol).map((l) => l.text)
    }
    const rng = ctx.engine.rng
    const n = Math.min(o.headCount ?? Infinity, o.repeat ? Infinity : lines.length)
    let text = ''
    if (o.repeat) {
      if (!lines.length) {
        if (o.headCount) {
          ctx.err(`${prog}: no lines to repeat\n`)
          return 1
        }
        return 0
      }
      if (o.headCount === undefined && o.output === undefined) {
        for (let written = 0; written < LIMIT; ) {
          let batch = ''
          for (let i = 0; i < BATCH; i++) batch += lines[rng.nextU32() % lines.length] + eol
          ctx.out(batch)
          written += batch.length
          yield* wait(ctx.sleep(1000))
        }
        if (!ctx.tty) return 0
        ctx.err(`${prog}: the lab stops shuf -r after 1 MiB of output\n`)
        return 1
      }
      for (let i = 0; i < Math.min(n, LIMIT); i++) text += lines[rng.nextU32() % lines.length] + eol
    } else {
      // The first n places of a Fisher-Yates shuffle.
      const pool = [...lines]
      for (let i = 0; i < n; i++) {
        const j = i + (rng.nextU32() % (pool.length - i))
        ;[pool[i], pool[j]] = [pool[j], pool[i]]
        text += pool[i] + eol
      }
    }
    if (o.output !== undefined) {
      const e = ctx.host.fs.write(abs(ctx, o.output), text)
      if (e) {
        ctx.err(`${prog}: ${quotef(o.output)}: ${errText(e)}\n`)
        return 1
      }
    } else ctx.out(text)
    return 0
  },
}
