// watch (procps-ng): run a command every N seconds full-screen, with the `Every 1.0s: cmd` header
// and `host: date` at the right edge, until Ctrl-C, which leaves silently.

import { ctimeDate } from '../../../host/clock.ts'
import { SECOND } from '../../../sim/engine.ts'
import { Interrupt, wait, type Proc } from '../../../sim/task.ts'
import { defineArgs, helpText, parseArgs } from '../../args/index.ts'
import type { CommandContext, CommandDef } from '../types.ts'

/** watch.c's getopt_long ("+bced::ghn:pvtwx": the command's own options are its own). */
const ARGS = defineArgs({
  usageStatus: 1,
  stopAtOperand: true,
  // procps-ng's usage(): on stdout for --help, on stderr after a usage error.
  tryHelp: (_p, help) => help(),
  options: {
    beep: { short: 'b', long: 'beep', help: 'beep if command has a non-zero exit', unsimulated: true },
    color: { short: 'c', long: 'color', help: 'interpret ANSI color and style sequences', unsimulated: true },
    differences: { short: 'd', long: 'differences', arg: 'optional', argName: '<permanent>', help: '\nhighlight changes between updates', unsimulated: true },
    errexit: { short: 'e', long: 'errexit', help: 'exit if command has a non-zero exit', unsimulated: true },
    chgexit: { short: 'g', long: 'chgexit', help: 'exit when output from command changes', unsimulated: true },
    interval: { short: 'n', long: 'interval', arg: 'required', label: '-n, --interval <secs>', help: 'seconds to wait between updates' },
    precise: { short: 'p', long: 'precise', help: 'attempt run command in precise intervals', unsimulated: true },
    noTitle: { short: 't', long: 'no-title', help: 'turn off header' },
    noWrap: { short: 'w', long: 'no-wrap', help: 'turn off line wrapping', unsimulated: true },
    exec: { short: 'x', long: 'exec', help: 'pass command to exec instead of "sh -c"', unsimulated: true },
    help: { short: 'h', long: 'help' },
    version: { short: 'v', long: 'version' },
  },
  help: {
    usage: ['', 'Usage:', ' %s [options] command', '', 'Options:'],
    column: 25,
    standard: '\n -h, --help     display this help and exit\n -v, --version  output version information and exit\n',
    outro: '\nFor more details see watch(1).\n',
  },
})

function* run(ctx: CommandContext): Proc<number> {
  const a = parseArgs(ctx, ARGS)
  if (typeof a === 'number') return a
  if (a.opts.help) {
    ctx.out(helpText(ARGS, ctx.argv[0]))
    return 0
  }
  if (a.opts.version) {
    ctx.out('watch from procps-ng 3.3.17\n')
    return 0
  }
  const noTitle = a.opts.noTitle
  // strtod_nol_or_err, then watch's floor of 0.1 s.
  let interval = a.opts.interval === undefined ? 2 : Number(a.opts.interval)
  const command = a.operands.join(' ')
  if (!command) {
    ctx.err(helpText(ARGS, ctx.argv[0]))
    return 1
  }
  if (!(interval >= 0.1)) interval = 0.1
  const term = ctx.term
  const cols = term?.cols ?? 80
  if (term) ctx.out('\x1b[?1049h\x1b[?25l')
  try {
    for (;;) {
      let output = ''
      yield* ctx.run(command, { out: (t) => (output += t), err: (t) => (output += t) })
      const left = `Every ${interval.toFixed(1)}s: ${command}`
      const right = `${ctx.host.hostname.toLowerCase()}: ${ctimeDate(ctx.host.wall())}`
      const header = noTitle ? '' : left.length + right.length + 1 > cols ? `${left}\n` : `${left}${' '.repeat(cols - left.length - right.length)}${right}\n\n`
      const lines = output.split('\n').slice(0, (term?.rows ?? 24) - 3)
      ctx.out(`\x1b[H\x1b[2J${header}${lines.join('\r\n')}`)
      if (!term) return 0
      yield* wait(ctx.sleep(Math.round(interval * SECOND)))
    }
  } catch (e) {
    if (!(e instanceof Interrupt)) throw e
    return 0
  } finally {
    if (term) ctx.out('\x1b[?25h\x1b[?1049l')
  }
}

export const watch: CommandDef = {
  name: 'watch',
  path: '/usr/bin/watch',
  summary: 'execute a program periodically, showing output fullscreen',
  args: ARGS,
  run,
}
