// tac (GNU coreutils 8.32): the lines of each file (or stdin) last first; a last line without
// a newline is joined to the one printed after it, as tac prints it. -s names the separator.

import { coreutilsFooter, coreutilsVersion, defineArgs, parseArgs } from '../../args/index.ts'
import { errText, openInput, quoteaf, quotef } from '../files.ts'
import type { CommandDef } from '../types.ts'

const ARGS = defineArgs({
  usageStatus: 1,
  options: {
    before: { short: 'b', long: 'before', help: 'attach the separator before instead of after' },
    regex: { short: 'r', long: 'regex', help: 'interpret the separator as a regular expression', unsimulated: true },
    separator: { short: 's', long: 'separator', arg: 'required', argName: 'STRING', help: 'use STRING as the separator instead of newline' },
  },
  help: { usage: ['Usage: %s [OPTION]... [FILE]...'], intro: 'Write each FILE to standard output, last line first.\n\nWith no FILE, or when FILE is -, read standard input.\n\nMandatory arguments to long options are mandatory for short options too.\n', outro: coreutilsFooter('tac') },
  version: coreutilsVersion('tac', 'Jay Lepreau and David MacKenzie'),
})

export const tac: CommandDef = {
  name: 'tac',
  path: '/usr/bin/tac',
  rpm: 'coreutils',
  summary: 'concatenate and print files in reverse',
  args: ARGS,
  *run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    const sep = a.opts.separator || '\n'
    let status = 0
    for (const op of a.operands.length ? a.operands : ['-']) {
      const input = openInput(ctx, op)
      if (typeof input === 'string') {
        ctx.err(`${ctx.argv[0]}: ${input === 'EISDIR' ? `${quotef(op)}: read error` : `failed to open ${quoteaf(op)} for reading`}: ${errText(input)}\n`)
        status = 1
        continue
      }
      const text = yield* input.readAll()
      const parts = text.split(sep)
      const last = parts.pop()!
      const records = a.opts.before ? parts.map((p, i) => (i ? sep : '') + p) : parts.map((p) => p + sep)
      if (a.opts.before && parts.length) records.push(sep + last)
      else if (last) records.push(last)
      ctx.out(records.reverse().join(''))
    }
    return status
  },
}
