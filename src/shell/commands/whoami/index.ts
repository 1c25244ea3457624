// whoami (GNU coreutils 8.32): the name of the effective user, root in every lab session.

import { coreutilsFooter, coreutilsVersion, defineArgs, parseArgs, usageError } from '../../args/index.ts'
import { quote } from '../files.ts'
import type { CommandDef } from '../types.ts'

const ARGS = defineArgs({
  usageStatus: 1,
  options: {},
  help: { usage: ['Usage: %s [OPTION]...'], intro: 'Print the user name associated with the current effective user ID.\nSame as id -un.\n\n', outro: coreutilsFooter('whoami') },
  version: coreutilsVersion('whoami', 'Richard Mlynarik'),
})

export const whoami: CommandDef = {
  name: 'whoami',
  path: '/usr/bin/whoami',
  rpm: 'coreutils',
  summary: 'print effective user name',
  args: ARGS,
  run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    if (a.operands.length) return usageError(ctx, ARGS, `extra operand ${quote(a.operands[0])}`)
    ctx.out('root\n')
    return 0
  },
}
