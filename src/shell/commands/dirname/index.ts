// dirname (GNU coreutils 8.32): each NAME without its last component (`.` when it has no
// slash, `/` for the root), -z to end each with NUL.

import { coreutilsFooter, coreutilsVersion, defineArgs, parseArgs, usageError } from '../../args/index.ts'
import type { CommandDef } from '../types.ts'

const ARGS = defineArgs({
  usageStatus: 1,
  options: { zero: { short: 'z', long: 'zero', help: 'end each output line with NUL, not newline' } },
  help: {
    usage: ['Usage: %s [OPTION] NAME...'],
    intro: "Output each NAME with its last non-slash component and trailing slashes\nremoved; if NAME contains no /'s, output '.' (meaning the current directory).\n\n",
    column: 17,
    outro: '\nExamples:\n  %s /usr/bin/          -> "/usr"\n  %s dir1/str dir2/str  -> "dir1" followed by "dir2"\n  %s stdio.h            -> "."\n' + coreutilsFooter('dirname'),
  },
  version: coreutilsVersion('dirname', 'David MacKenzie and Jim Meyering'),
})

export function dirOf(name: string): string {
  const t = name.replace(/\/+$/, '')
  if (!t) return name ? '/' : '.'
  const i = t.lastIndexOf('/')
  if (i < 0) return '.'
  return t.slice(0, i).replace(/\/+$/, '') || '/'
}

export const dirname: CommandDef = {
  name: 'dirname',
  path: '/usr/bin/dirname',
  rpm: 'coreutils',
  summary: 'strip last component from file name',
  args: ARGS,
  run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    if (!a.operands.length) return usageError(ctx, ARGS, 'missing operand')
    for (const n of a.operands) ctx.out(dirOf(n) + (a.opts.zero ? '\0' : '\n'))
    return 0
  },
}
