// rev (util-linux 2.37.4): each line of each file (or stdin) with its characters in reverse order,
// the newline kept at the end; a file that cannot be opened is reported and skipped (status 1).

import { defineArgs, parseArgs } from '../../args/index.ts'
import { eachLine, errText } from '../files.ts'
import type { CommandDef } from '../types.ts'

const HELP = 'Usage: %s [options] [file ...]\n\nReverse lines characterwise.\n\nOptions:\n -h, --help     display this help\n -V, --version  display version\n\nFor more details see rev(1).\n'

const ARGS = defineArgs({
  usageStatus: 1,
  options: {
    help: { short: 'h', long: 'help' },
    version: { short: 'V', long: 'version' },
  },
})

export const rev: CommandDef = {
  name: 'rev',
  path: '/usr/bin/rev',
  rpm: 'util-linux',
  summary: 'reverse lines characterwise',
  args: ARGS,
  *run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    const prog = ctx.argv[0]
    if (a.opts.help) {
      ctx.out(HELP.replace('%s', prog.slice(prog.lastIndexOf('/') + 1)))
      return 0
    }
    if (a.opts.version) {
      ctx.out('rev from util-linux 2.37.4\n')
      return 0
    }
    return yield* eachLine(ctx, a.operands, (l) => ctx.out([...l.text].reverse().join('') + (l.ended ? '\n' : '')), (op, e) => `cannot open ${op}: ${errText(e)}`)
  },
}
