// yes (GNU coreutils 8.32): its operands (or `y`) on a line, again and again until its reader
// stops; in the lab the line is repeated in batches, each yielding to the clock, so
// `yes | head -3` ends as soon as head has its lines.

import { wait } from '../../../sim/task.ts'
import { coreutilsFooter, coreutilsVersion, defineArgs, parseArgs } from '../../args/index.ts'
import type { CommandDef } from '../types.ts'

const ARGS = defineArgs({
  usageStatus: 1,
  options: {},
  help: { usage: ['Usage: %s [STRING]...', '  or:  %s OPTION'], intro: "Repeatedly output a line with all specified STRING(s), or 'y'.\n\n", outro: coreutilsFooter('yes') },
  version: coreutilsVersion('yes', 'David MacKenzie'),
})

/** Lines written between two yields to the clock. */
const BATCH = 1024
/** The lab's bound: the real yes runs until killed. */
const LIMIT = 1 << 20

export const yes: CommandDef = {
  name: 'yes',
  path: '/usr/bin/yes',
  rpm: 'coreutils',
  summary: 'output a string repeatedly until killed',
  args: ARGS,
  *run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    const line = (a.operands.length ? a.operands.join(' ') : 'y') + '\n'
    const batch = line.repeat(BATCH)
    for (let n = 0; n < LIMIT; n += BATCH) {
      ctx.out(batch)
      yield* wait(ctx.sleep(1))
    }
    ctx.err(`${ctx.argv[0]}: the lab stops yes after ${LIMIT} lines\n`)
    return 1
  },
}
