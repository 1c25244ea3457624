// yes (GNU coreutils 8.32): its operands (or `y`) on a line, again and again until its reader
// stops. In the lab the lines go out in batches paced on the virtual clock (256 a millisecond,
// what a terminal shows), so `yes | head -3` ends as soon as head has its lines once pipes
// stream, and Ctrl-C stops it; after 1 MiB the lab stops it, as the terminal and a saved
// session's replay could not hold more: on a terminal with a message, in a pipe quietly (its
// reader, `head` most likely, has had what it wanted, where the real yes would get SIGPIPE).

import { wait } from '../../../sim/task.ts'
import { coreutilsFooter, coreutilsVersion, defineArgs, parseArgs } from '../../args/index.ts'
import type { CommandDef } from '../types.ts'

const ARGS = defineArgs({
  usageStatus: 1,
  options: {},
  help: { usage: ['Usage: %s [STRING]...', '  or:  %s OPTION'], intro: "Repeatedly output a line with all specified STRING(s), or 'y'.\n\n", outro: coreutilsFooter('yes') },
  version: coreutilsVersion('yes', 'David MacKenzie'),
})

/** Lines written each millisecond. */
const BATCH = 256
/** The lab's bound in bytes: the real yes runs until killed. */
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
    for (let n = 0; n + batch.length <= LIMIT; n += batch.length) {
      ctx.out(batch)
      yield* wait(ctx.sleep(1000))
    }
    if (!ctx.tty) return 0
    ctx.err(`${ctx.argv[0]}: the lab stops yes after 1 MiB of output\n`)
    return 1
  },
}
