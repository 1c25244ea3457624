// dmesg (util-linux 2.37.4): the kernel ring buffer, each line stamped with the seconds since boot
// (`[  123.456789] `), or with the wall time by -T; -t drops the stamp, -x prefixes facility and
// level, -c prints then clears, -C only clears, -w waits for new lines until Ctrl-C. The ring holds
// the kernel's messages of this boot (journal.ts); colours on a terminal are not reproduced.

import { ctimeDate, wallSeconds } from '../../../host/clock.ts'
import type { JournalEntry } from '../../../host/journal.ts'
import { SECOND } from '../../../sim/engine.ts'
import { wait, type Proc } from '../../../sim/task.ts'
import { defineArgs, parseArgs } from '../../args/index.ts'
import type { CommandContext, CommandDef } from '../types.ts'

const LEVELS = ['emerg', 'alert', 'crit', 'err', 'warn', 'notice', 'info', 'debug']

const ARGS = defineArgs({
  usageStatus: 1,
  options: {
    clear: { short: 'C', long: 'clear' },
    readClear: { short: 'c', long: 'read-clear' },
    kernel: { short: 'k', long: 'kernel' },
    ctime: { short: 'T', long: 'ctime' },
    notime: { short: 't', long: 'notime' },
    decode: { short: 'x', long: 'decode' },
    follow: { short: 'w', long: 'follow' },
    raw: { short: 'r', long: 'raw' },
    help: { short: 'h', long: 'help' },
    version: { short: 'V', long: 'version' },
  },
})

function line(e: JournalEntry, bootAt: number, o: { ctime: boolean; notime: boolean; decode: boolean; raw: boolean }): string {
  const since = Math.max(0, e.at - bootAt)
  const mono = `[${String(Math.floor(since / SECOND)).padStart(5)}.${String(since % SECOND).padStart(6, '0')}] `
  if (o.raw) return `<${e.priority}>${o.notime ? '' : mono}${e.msg}`
  const stamp = o.notime ? '' : o.ctime ? `[${ctimeDate(wallSeconds(e.at))}] ` : mono
  const decoded = o.decode ? `${'kern'.padEnd(6)}:${LEVELS[e.priority].padEnd(6)}: ` : ''
  return decoded + stamp + e.msg
}

function* run(ctx: CommandContext): Proc<number> {
  const a = parseArgs(ctx, ARGS)
  if (typeof a === 'number') return a
  const o = a.opts
  if (o.help) {
    ctx.out('\nUsage:\n dmesg [options]\n\nDisplay or control the kernel ring buffer.\n')
    return 0
  }
  if (o.version) {
    ctx.out('dmesg from util-linux 2.37.4\n')
    return 0
  }
  if (a.operands.length) {
    ctx.err(`dmesg: bad usage\nTry 'dmesg --help' for more information.\n`)
    return 1
  }
  const journal = ctx.host.journal
  if (o.clear) {
    journal.clearRing()
    return 0
  }
  for (const e of journal.ring()) ctx.out(line(e, journal.bootAt, o) + '\n')
  if (o.readClear) journal.clearRing()
  if (!o.follow) return 0
  let seen = journal.entries.length
  for (;;) {
    yield* wait(journal.next())
    for (const e of journal.entries.slice(seen)) if (e.ident === 'kernel') ctx.out(line(e, journal.bootAt, o) + '\n')
    seen = journal.entries.length
  }
}

export const dmesg: CommandDef = {
  name: 'dmesg',
  path: '/usr/bin/dmesg',
  rpm: 'util-linux-core',
  summary: 'print or control the kernel ring buffer',
  args: ARGS,
  run,
}
