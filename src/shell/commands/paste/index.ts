// paste (GNU coreutils 8.32): the files side by side, line N of each joined by the delimiters of
// -d used in turn (TAB by default; `\n \t \\ \0` escapes, `\0` meaning none); a file that has
// ended gives empty fields. With -s each file's lines are joined into one line instead.

import { coreutilsFooter, coreutilsVersion, defineArgs, MANDATORY, parseArgs } from '../../args/index.ts'
import { splitLines } from '../../text/lines.ts'
import { errText, openInput, quotef } from '../files.ts'
import type { Input } from '../../stream.ts'
import type { CommandDef } from '../types.ts'

const ARGS = defineArgs({
  usageStatus: 1,
  options: {
    delimiters: { short: 'd', long: 'delimiters', arg: 'required', argName: 'LIST', help: 'reuse characters from LIST instead of TABs' },
    serial: { short: 's', long: 'serial', help: 'paste one file at a time instead of in parallel' },
    zero: { short: 'z', long: 'zero-terminated', help: ' line delimiter is NUL, not newline' },
  },
  help: {
    usage: ['Usage: %s [OPTION]... [FILE]...'],
    column: 26,
    intro: 'Write lines consisting of the sequentially corresponding lines from\neach FILE, separated by TABs, to standard output.\n\nWith no FILE, or when FILE is -, read standard input.\n\n' + MANDATORY,
    outro: coreutilsFooter('paste'),
  },
  version: coreutilsVersion('paste', 'David M. Ihnat and David MacKenzie'),
})

/** The -d list with its escapes read; '' stands for `\0`, no delimiter. */
function delimiterList(list: string): string[] | null {
  const out: string[] = []
  for (let i = 0; i < list.length; i++) {
    if (list[i] !== '\\') {
      out.push(list[i])
      continue
    }
    const c = list[++i]
    if (c === undefined) return null
    out.push(c === 'n' ? '\n' : c === 't' ? '\t' : c === '0' ? '' : c === 'b' ? '\b' : c === 'f' ? '\f' : c === 'r' ? '\r' : c === 'v' ? '\v' : c)
  }
  return out
}

export const paste: CommandDef = {
  name: 'paste',
  path: '/usr/bin/paste',
  rpm: 'coreutils',
  summary: 'merge lines of files',
  args: ARGS,
  *run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    const o = a.opts
    const prog = ctx.argv[0]
    const delims = delimiterList(o.delimiters ?? '\t')
    if (!delims) {
      ctx.err(`${prog}: delimiter list ends with an unescaped backslash: ${o.delimiters}\n`)
      return 1
    }
    if (!delims.length) delims.push('')
    const eol = o.zero ? '\0' : '\n'
    // Every file is opened before anything is printed; `-` named twice reads stdin's lines in turn.
    const inputs: Input[] = []
    for (const op of a.operands.length ? a.operands : ['-']) {
      const input = openInput(ctx, op)
      if (typeof input === 'string') {
        ctx.err(`${prog}: ${quotef(op)}: ${errText(input)}\n`)
        return 1
      }
      inputs.push(input)
    }
    const texts = new Map<Input, string[]>()
    for (const input of inputs) if (!texts.has(input)) texts.set(input, splitLines(yield* input.readAll(), eol).map((l) => l.text))
    if (o.serial) {
      for (const input of inputs) {
        const lines = texts.get(input)!.splice(0)
        ctx.out(lines.map((l, i) => (i ? delims[(i - 1) % delims.length] : '') + l).join('') + eol)
      }
      return 0
    }
    for (;;) {
      const row: (string | null)[] = inputs.map((input) => texts.get(input)!.shift() ?? null)
      if (row.every((c) => c === null)) break
      ctx.out(row.map((c, i) => (i ? delims[(i - 1) % delims.length] : '') + (c ?? '')).join('') + eol)
    }
    return 0
  },
}
