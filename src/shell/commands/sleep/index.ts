// sleep (GNU coreutils 8.32): wait on the virtual clock for the sum of its operands (seconds, or
// with an s/m/h/d suffix, fractions allowed); Ctrl-C interrupts.

import { wait, type Proc } from '../../../sim/task.ts'
import { coreutilsFooter, coreutilsVersion, defineArgs, parseArgs, usageError } from '../../args/index.ts'
import { quote } from '../files.ts'
import { parseDuration } from '../timeout/index.ts'
import type { CommandContext, CommandDef } from '../types.ts'

const ARGS = defineArgs({
  usageStatus: 1,
  options: {},
  help: {
    usage: ['Usage: %s NUMBER[SUFFIX]...', '  or:  %s OPTION'],
    intro: "Pause for NUMBER seconds.  SUFFIX may be 's' for seconds (the default),\n'm' for minutes, 'h' for hours or 'd' for days.  NUMBER need not be an\ninteger.  Given two or more arguments, pause for the amount of time\nspecified by the sum of their values.\n\n",
    outro: coreutilsFooter('sleep'),
  },
  version: coreutilsVersion('sleep', 'Jim Meyering and Paul Eggert'),
})

function* run(ctx: CommandContext): Proc<number> {
  const a = parseArgs(ctx, ARGS)
  if (typeof a === 'number') return a
  if (!a.operands.length) return usageError(ctx, ARGS, 'missing operand')
  let total = 0
  for (const op of a.operands) {
    const us = parseDuration(op)
    if (us === null) return usageError(ctx, ARGS, `invalid time interval ${quote(op)}`)
    total += us
  }
  yield* wait(ctx.sleep(total))
  return 0
}

export const sleep: CommandDef = { name: 'sleep', path: '/usr/bin/sleep', rpm: 'coreutils', summary: 'delay for a specified amount of time', args: ARGS, run }
