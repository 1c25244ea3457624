// dmesg (util-linux 2.37.4): the kernel ring buffer, each line stamped with the seconds since boot
// (`[  123.456789] `), or with the wall time by -T; -t drops the stamp, -x prefixes facility and
// level, -c prints then clears, -C only clears, -w waits for new lines until Ctrl-C. The ring holds
// the kernel's messages of this boot (journal.ts); colours on a terminal are not reproduced.

import { ctimeDate, wallSeconds } from '../../../host/clock.ts'
import type { JournalEntry } from '../../../host/journal.ts'
import { SECOND } from '../../../sim/engine.ts'
import { wait, type Proc } from '../../../sim/task.ts'
import { defineArgs, helpText, parseArgs } from '../../args/index.ts'
import type { CommandContext, CommandDef } from '../types.ts'

const LEVELS = ['emerg', 'alert', 'crit', 'err', 'warn', 'notice', 'info', 'debug']

const ARGS = defineArgs({
  usageStatus: 1,
  options: {
    clear: { short: 'C', long: 'clear', help: 'clear the kernel ring buffer' },
    readClear: { short: 'c', long: 'read-clear', help: 'read and clear all messages' },
    consoleOff: { short: 'D', long: 'console-off', help: 'disable printing messages to console', unsimulated: true },
    consoleOn: { short: 'E', long: 'console-on', help: 'enable printing messages to console', unsimulated: true },
    file: { short: 'F', long: 'file', arg: 'required', label: '-F, --file <file>', help: 'use the file instead of the kernel log buffer', unsimulated: true },
    facility: { short: 'f', long: 'facility', arg: 'required', label: '-f, --facility <list>', help: 'restrict output to defined facilities', unsimulated: true },
    human: { short: 'H', long: 'human', help: 'human readable output', unsimulated: true },
    kernel: { short: 'k', long: 'kernel', help: 'display kernel messages' },
    color: { short: 'L', long: 'color', arg: 'optional', argName: '<when>', help: 'colorize messages (auto, always or never)\n  colors are enabled by default', unsimulated: true },
    level: { short: 'l', long: 'level', arg: 'required', label: '-l, --level <list>', help: 'restrict output to defined levels', unsimulated: true },
    consoleLevel: { short: 'n', long: 'console-level', arg: 'required', label: '-n, --console-level <level>', gap: 1, help: 'set level of messages printed to console', unsimulated: true },
    // The lab's dmesg never pages, which is what -P asks for.
    nopager: { short: 'P', long: 'nopager', help: 'do not pipe output into a pager' },
    forcePrefix: { short: 'p', long: 'force-prefix', help: 'force timestamp output on each line of multi-line messages', unsimulated: true },
    raw: { short: 'r', long: 'raw', help: 'print the raw message buffer' },
    noescape: { long: 'noescape', help: "don't escape unprintable character", unsimulated: true },
    syslog: { short: 'S', long: 'syslog', help: 'force to use syslog(2) rather than /dev/kmsg', unsimulated: true },
    bufferSize: { short: 's', long: 'buffer-size', arg: 'required', label: '-s, --buffer-size <size>', help: 'buffer size to query the kernel ring buffer', unsimulated: true },
    userspace: { short: 'u', long: 'userspace', help: 'display userspace messages', unsimulated: true },
    follow: { short: 'w', long: 'follow', help: 'wait for new messages' },
    followNew: { short: 'W', long: 'follow-new', help: 'wait and print only new messages', unsimulated: true },
    decode: { short: 'x', long: 'decode', help: 'decode facility and level to readable string' },
    showDelta: { short: 'd', long: 'show-delta', help: 'show time delta between printed messages', unsimulated: true },
    reltime: { short: 'e', long: 'reltime', help: 'show local time and time delta in readable format', unsimulated: true },
    ctime: { short: 'T', long: 'ctime', help: 'show human-readable timestamp (may be inaccurate!)' },
    notime: { short: 't', long: 'notime', help: "don't show any timestamp with messages" },
    timeFormat: { long: 'time-format', arg: 'required', label: '    --time-format <format>', help: 'show timestamp using the given format:\n  [delta|reltime|ctime|notime|iso]', unsimulated: true },
    since: { long: 'since', arg: 'required', label: '    --since <time>', before: 'Suspending/resume will make ctime and iso timestamps inaccurate.\n', help: 'display the lines since the specified time', unsimulated: true },
    until: { long: 'until', arg: 'required', label: '    --until <time>', help: 'display the lines until the specified time', unsimulated: true },
    help: { short: 'h', long: 'help' },
    version: { short: 'V', long: 'version' },
  },
  help: {
    usage: ['', 'Usage:', ' %s [options]'],
    intro: '\nDisplay or control the kernel ring buffer.\n\nOptions:\n',
    indent: 1,
    column: 29,
    standard: '\n -h, --help                  display this help\n -V, --version               display version\n',
    outro: `
Supported log facilities:
    kern - kernel messages
    user - random user-level messages
    mail - mail system
  daemon - system daemons
    auth - security/authorization messages
  syslog - messages generated internally by syslogd
     lpr - line printer subsystem
    news - network news subsystem

Supported log levels (priorities):
   emerg - system is unusable
   alert - action must be taken immediately
    crit - critical conditions
     err - error conditions
    warn - warning conditions
  notice - normal but significant condition
    info - informational
   debug - debug-level messages

For more details see dmesg(1).
`,
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
    ctx.out(helpText(ARGS, ctx.argv[0]))
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
