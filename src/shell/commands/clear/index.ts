// clear (ncurses 6.2, progs/clear.c): erase the screen and the scrollback (the sequence ncurses'
// clear writes for xterm), or with -x only the screen. Its options come from getopt() without long
// names, so `clear --help` is `invalid option -- '-'`; usage() goes to stderr with status 1.

import { defineArgs, helpText, parseArgs } from '../../args/index.ts'
import type { CommandDef } from '../types.ts'

const ARGS = defineArgs({
  usageStatus: 1,
  shortOnly: true,
  tryHelp: (_p, help) => help(),
  options: {
    term: { short: 'T', arg: 'required', argName: 'TERM', help: 'use this instead of $TERM', unsimulated: true },
    version: { short: 'V', help: 'print curses-version' },
    keep: { short: 'x', help: 'do not try to clear scrollback' },
  },
  help: { usage: ['Usage: %s [options]', '', 'Options:'], column: 14 },
})

export const clear: CommandDef = {
  name: 'clear',
  path: '/usr/bin/clear',
  summary: 'clear the terminal screen',
  args: ARGS,
  run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    // curses_version() of RHEL 9's ncurses-libs-6.2-10.20210508.
    if (a.opts.version) {
      ctx.out('ncurses 6.2.20210508\n')
      return 0
    }
    // clear.c's usage() after optind < argc.
    if (a.operands.length) {
      ctx.err(helpText(ARGS, ctx.argv[0]))
      return 1
    }
    ctx.out(a.opts.keep ? '\x1b[H\x1b[2J' : '\x1b[H\x1b[2J\x1b[3J')
    return 0
  },
}
