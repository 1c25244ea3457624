// basename (GNU coreutils 8.32): NAME with its directories and, given SUFFIX or -s, the suffix
// removed (never the whole name); -a for several names, -z to end each with NUL.

import { coreutilsFooter, coreutilsVersion, defineArgs, parseArgs, usageError } from '../../args/index.ts'
import { quote } from '../files.ts'
import type { CommandDef } from '../types.ts'

const ARGS = defineArgs({
  usageStatus: 1,
  options: {
    multiple: { short: 'a', long: 'multiple', help: 'support multiple arguments and treat each as a NAME' },
    suffix: { short: 's', long: 'suffix', arg: 'required', argName: 'SUFFIX', help: 'remove a trailing SUFFIX; implies -a' },
    zero: { short: 'z', long: 'zero', help: 'end each output line with NUL, not newline' },
  },
  help: {
    usage: ['Usage: %s NAME [SUFFIX]', '  or:  %s OPTION... NAME...'],
    intro: 'Print NAME with any leading directory components removed.\nIf specified, also remove a trailing SUFFIX.\n\nMandatory arguments to long options are mandatory for short options too.\n',
    column: 23,
    outro: '\nExamples:\n  %s /usr/bin/sort          -> "sort"\n  %s include/stdio.h .h     -> "stdio"\n  %s -s .h include/stdio.h  -> "stdio"\n  %s -a any/str1 any/str2   -> "str1" followed by "str2"\n' + coreutilsFooter('basename'),
  },
  version: coreutilsVersion('basename', 'David MacKenzie'),
})

export function baseOf(name: string, suffix = ''): string {
  const trimmed = name.replace(/\/+$/, '')
  if (!trimmed) return name ? '/' : ''
  const base = trimmed.slice(trimmed.lastIndexOf('/') + 1)
  return suffix && base !== suffix && base.endsWith(suffix) ? base.slice(0, -suffix.length) : base
}

export const basename: CommandDef = {
  name: 'basename',
  path: '/usr/bin/basename',
  rpm: 'coreutils',
  summary: 'strip directory and suffix from filenames',
  args: ARGS,
  run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    const o = a.opts
    const ops = a.operands
    if (!ops.length) return usageError(ctx, ARGS, 'missing operand')
    const end = o.zero ? '\0' : '\n'
    if (o.multiple || o.suffix !== undefined) {
      for (const n of ops) ctx.out(baseOf(n, o.suffix) + end)
      return 0
    }
    if (ops.length > 2) return usageError(ctx, ARGS, `extra operand ${quote(ops[2])}`)
    ctx.out(baseOf(ops[0], ops[1]) + end)
    return 0
  },
}
