// timeout (GNU coreutils 8.32): run COMMAND and stop it when DURATION (seconds, or with an s/m/h/d
// suffix) has passed on the virtual clock; the status is then 124 (or the command's own with
// --preserve-status), otherwise the command's. timeout's own errors exit 125, a command that
// cannot be found 127.

import { SECOND } from '../../../sim/engine.ts'
import { race, Task, wait } from '../../../sim/task.ts'
import { coreutilsFooter, coreutilsVersion, defineArgs, parseArgs, usageError, type Fail } from '../../args/index.ts'
import { programExists, runChild } from '../exec.ts'
import { quote } from '../files.ts'
import type { CommandDef } from '../types.ts'

/** `1.5`, `2m`, `1h`: microseconds, as sleep and timeout read a duration. */
export function parseDuration(v: string): number | null {
  const m = /^\s*(\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?([smhd]?)$/.exec(v)
  if (!m) return null
  const n = Number(v.replace(/[smhd]$/, ''))
  return Math.round(n * { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2]]! * SECOND)
}

const ARGS = defineArgs({
  usageStatus: 125,
  stopAtOperand: true,
  tryHelp: (p) => `Try '${p} --help' for more information.\n`,
  options: {
    preserveStatus: { long: 'preserve-status', help: '\nexit with the same status as COMMAND, even when the\n  command times out' },
    foreground: { long: 'foreground', help: '\nwhen not running timeout directly from a shell prompt,\n  allow COMMAND to read from the TTY and get TTY signals;\n  in this mode, children of COMMAND will not be timed out' },
    killAfter: { short: 'k', long: 'kill-after', arg: 'required', argName: 'DURATION', parse: (v): number | Fail => parseDuration(v) ?? { fail: `invalid time interval ${quote(v)}`, status: 125, tryHelp: true }, help: '\nalso send a KILL signal if COMMAND is still running\n  this long after the initial signal was sent' },
    signal: { short: 's', long: 'signal', arg: 'required', argName: 'SIGNAL', help: '\nspecify the signal to be sent on timeout;\n  SIGNAL may be a name like \'HUP\' or a number;\n  see \'kill -l\' for a list of signals' },
    verbose: { short: 'v', long: 'verbose', help: 'diagnose to stderr any signal sent upon timeout' },
  },
  help: {
    column: 17,
    usage: ['Usage: %s [OPTION] DURATION COMMAND [ARG]...', '  or:  %s [OPTION]'],
    intro: 'Start COMMAND, and kill it if still running after DURATION.\n\nMandatory arguments to long options are mandatory for short options too.\n',
    outro: "\nDURATION is a floating point number with an optional suffix:\n's' for seconds (the default), 'm' for minutes, 'h' for hours or 'd' for days.\nA duration of 0 disables the associated timeout.\n\nIf the command times out, and --preserve-status is not set, then exit with\nstatus 124.  Otherwise, exit with the status of COMMAND.  If no signal\nis specified, send the TERM signal upon timeout.  The TERM signal kills\nany process that does not block or catch that signal.  It may be necessary\nto use the KILL (9) signal, since this signal cannot be caught, in which\ncase the exit status is 128+9 rather than 124.\n" + coreutilsFooter('timeout'),
  },
  version: coreutilsVersion('timeout', 'Padraig Brady'),
})

export const timeout: CommandDef = {
  name: 'timeout',
  path: '/usr/bin/timeout',
  rpm: 'coreutils',
  summary: 'run a command with a time limit',
  args: ARGS,
  *run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    const o = a.opts
    const prog = ctx.argv[0]
    const [duration, ...argv] = a.operands
    if (duration === undefined || !argv.length) {
      ctx.err(`Try '${prog} --help' for more information.\n`)
      return 125
    }
    const us = parseDuration(duration)
    if (us === null) return usageError(ctx, ARGS, `invalid time interval ${quote(duration)}`)
    if (!programExists(ctx, argv[0])) {
      ctx.err(`${prog}: failed to run command ${quote(argv[0])}: No such file or directory\n`)
      return 127
    }
    const signal = (o.signal ?? 'TERM').replace(/^SIG/, '')
    const child = new Task(runChild(ctx, argv, ctx.stdin)).start()
    if (!child.finished) {
      const timer = us > 0 ? ctx.sleep(us) : null
      const first = yield* wait(race(timer ? [child.done, timer] : [child.done]))
      if (first.index === 1) {
        child.interrupt()
        if (o.verbose) ctx.err(`${prog}: sending signal ${signal} to command ${quote(argv[0])}\n`)
        return o.preserveStatus ? 128 + ({ TERM: 15, KILL: 9, INT: 2, HUP: 1 }[signal] ?? 15) : 124
      }
    }
    const r = child.done.value
    return r?.ok ? r.value : 1
  },
}
