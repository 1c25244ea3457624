// tail (GNU coreutils 8.32): the last 10 lines, -n NUM lines or -c NUM bytes, or with a leading
// `+` everything from the NUMth on; headers for several files as head prints them; -f keeps
// the file open and prints what is appended, polling once a second on the virtual clock as
// tail does without inotify, until interrupted.

import { SECOND } from '../../../sim/engine.ts'
import { wait } from '../../../sim/task.ts'
import { coreutilsFooter, coreutilsVersion, defineArgs, MANDATORY, parseArgs } from '../../args/index.ts'
import { fromBytes, splitLines, toBytes } from '../../text/lines.ts'
import { amount, eachInput, obsoleteCount, slicing, type Amount } from '../head/index.ts'
import { isPipe, readFile } from '../files.ts'
import type { CommandDef } from '../types.ts'

const ARGS = defineArgs({
  usageStatus: 1,
  options: {
    bytes: { short: 'c', long: 'bytes', arg: 'required', argName: '[+]NUM', parse: amount('bytes'), help: 'output the last NUM bytes; or use -c +NUM to\n  output starting with byte NUM of each file' },
    follow: { short: 'f', long: 'follow', arg: 'optional', argName: '{name|descriptor}', bare: 'descriptor', help: "\noutput appended data as the file grows;\n  an absent option argument means 'descriptor'" },
    F: { short: 'F', help: 'same as --follow=name --retry', unsimulated: true },
    lines: { short: 'n', long: 'lines', arg: 'required', argName: '[+]NUM', parse: amount('lines'), help: 'output the last NUM lines, instead of the last 10;\n  or use -n +NUM to output starting with line NUM' },
    maxUnchangedStats: { long: 'max-unchanged-stats', arg: 'required', argName: 'N', help: '\nwith --follow=name, reopen a FILE which has not\n  changed size after N (default 5) iterations\n  to see if it has been unlinked or renamed\n  (this is the usual case of rotated log files);\n  with inotify, this option is rarely useful', unsimulated: true },
    pid: { long: 'pid', arg: 'required', argName: 'PID', help: 'with -f, terminate after process ID, PID dies', unsimulated: true },
    quiet: { short: 'q', long: ['quiet', 'silent'], help: 'never output headers giving file names' },
    retry: { long: 'retry', help: 'keep trying to open a file if it is inaccessible', unsimulated: true },
    sleepInterval: { short: 's', long: 'sleep-interval', arg: 'required', argName: 'N', help: 'with -f, sleep for approximately N seconds\n  (default 1.0) between iterations;\n  with inotify and --pid=P, check process P at\n  least once every N seconds', unsimulated: true },
    verbose: { short: 'v', long: 'verbose', help: 'always output headers giving file names' },
    zero: { short: 'z', long: 'zero-terminated', help: 'line delimiter is NUL, not newline' },
  },
  help: {
    usage: ['Usage: %s [OPTION]... [FILE]...'],
    intro: 'Print the last 10 lines of each FILE to standard output.\nWith more than one FILE, precede each with a header giving the file name.\n\nWith no FILE, or when FILE is -, read standard input.\n\n' + MANDATORY,
    outro: '\nNUM may have a multiplier suffix:\nb 512, kB 1000, K 1024, MB 1000*1000, M 1024*1024,\nGB 1000*1000*1000, G 1024*1024*1024, and so on for T, P, E, Z, Y.\nBinary prefixes can be used, too: KiB=K, MiB=M, and so on.\n\nWith --follow (-f), tail defaults to following the file descriptor, which\nmeans that even if a tail\'ed file is renamed, tail will continue to track\nits end.  This default behavior is not desirable when you really want to\ntrack the actual name of the file, not the file descriptor (e.g., log\nrotation).  Use --follow=name in that case.  That causes tail to track the\nnamed file in a way that accommodates renaming, removal and creation.\n' + coreutilsFooter('tail'),
  },
  version: coreutilsVersion('tail', 'Paul Rubin, David MacKenzie, Ian Lance Taylor,\nand Jim Meyering'),
})

function lastPart(text: string, count: Amount, byBytes: boolean, delim: string): string {
  if (byBytes) {
    const b = toBytes(text)
    return fromBytes(count.sign === '+' ? b.slice(Math.max(0, count.n - 1)) : b.slice(Math.max(0, b.length - count.n)))
  }
  const lines = splitLines(text, delim)
  const part = count.sign === '+' ? lines.slice(Math.max(0, count.n - 1)) : count.n === 0 ? [] : lines.slice(-count.n)
  return part.map((l) => l.text + (l.ended ? delim : '')).join('')
}

export const tail: CommandDef = {
  name: 'tail',
  path: '/usr/bin/tail',
  rpm: 'coreutils',
  summary: 'output the last part of files',
  args: ARGS,
  *run(ctx) {
    const a = parseArgs({ ...ctx, argv: obsoleteCount(ctx.argv, 'cqvf') }, ARGS)
    if (typeof a === 'number') return a
    const { byBytes, count, headers } = slicing(a.seen, a.operands.length)
    const delim = a.opts.zero ? '\0' : '\n'
    const prog = ctx.argv[0]
    // A `<(cmd)` is followed as a pipe is: tail waits on it for ever, and nothing more comes.
    const followed: { op: string; size: number; pipe: boolean }[] = []
    const status = yield* eachInput(ctx, a.operands, headers, function* (input, op) {
      const text = yield* input.readAll()
      ctx.out(lastPart(text, count, byBytes, delim))
      if (op !== '-') followed.push({ op, size: text.length, pipe: isPipe(ctx, op) })
    })
    if (a.opts.follow === undefined || !followed.length) return status
    let shown = followed[followed.length - 1].op
    for (;;) {
      yield* wait(ctx.sleep(SECOND))
      for (const f of followed) {
        if (f.pipe) continue
        const now = readFile(ctx, f.op)
        if (typeof now !== 'string') continue
        if (now.length < f.size) {
          ctx.err(`${prog}: ${f.op}: file truncated\n`)
          f.size = 0
        }
        if (now.length === f.size) continue
        if (headers && shown !== f.op) ctx.out(`\n==> ${f.op} <==\n`)
        shown = f.op
        ctx.out(now.slice(f.size))
        f.size = now.length
      }
    }
  },
}
