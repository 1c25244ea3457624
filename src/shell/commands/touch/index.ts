// touch (GNU coreutils 8.32): set each FILE's modification time to now, or to -d STRING, -t
// [[CC]YY]MMDDhhmm[.ss] or -r FILE's, creating it empty unless -c.

import { coreutilsFooter, coreutilsVersion, defineArgs, parseArgs, usageError } from '../../args/index.ts'
import { parseDate, TZ_OFFSET } from '../../text/date.ts'
import { abs, errText, quote, quoteaf } from '../files.ts'
import type { CommandDef } from '../types.ts'

const ARGS = defineArgs({
  usageStatus: 1,
  options: {
    a: { short: 'a', help: 'change only the access time' },
    noCreate: { short: 'c', long: 'no-create', help: 'do not create any files' },
    date: { short: 'd', long: 'date', arg: 'required', argName: 'STRING', help: 'parse STRING and use it instead of current time' },
    // Accepted and ignored, as by every touch since 4.x.
    f: { short: 'f', help: '(ignored)' },
    noDereference: { short: 'h', long: 'no-dereference', help: 'affect each symbolic link instead of any referenced\nfile (useful only on systems that can change the\ntimestamps of a symlink)', unsimulated: true },
    m: { short: 'm', help: 'change only the modification time' },
    reference: { short: 'r', long: 'reference', arg: 'required', argName: 'FILE', help: "use this file's times instead of current time" },
    t: { short: 't', arg: 'required', argName: 'STAMP', help: 'use [[CC]YY]MMDDhhmm[.ss] instead of current time' },
    time: { long: 'time', arg: 'required', argName: 'WORD', help: 'change the specified time:\n  WORD is access, atime, or use: equivalent to -a\n  WORD is modify or mtime: equivalent to -m', unsimulated: true },
  },
  help: {
    usage: ['Usage: %s [OPTION]... FILE...'],
    column: 25,
    intro: 'Update the access and modification times of each FILE to the current time.\n\nA FILE argument that does not exist is created empty, unless -c or -h\nis supplied.\n\nA FILE argument string of - is handled specially and causes touch to\nchange the times of the file associated with standard output.\n\nMandatory arguments to long options are mandatory for short options too.\n',
    outro: '\nNote that the -d and -t options accept different time-date formats.\n' + coreutilsFooter('touch'),
  },
  version: coreutilsVersion('touch', 'Paul Rubin, Arnold Robbins, Jim Kingdon,\nDavid MacKenzie, and Randy Smith'),
})

function stamp(s: string, now: number): number | null {
  const m = /^(\d{2}|\d{4})?(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d{2}))?$/.exec(s.length >= 8 ? s : '')
  if (!m) return null
  const yearNow = new Date((now + TZ_OFFSET) * 1000).getUTCFullYear()
  let y = m[1] === undefined ? yearNow : Number(m[1])
  if (m[1]?.length === 2) y += y < 69 ? 2000 : 1900
  return Date.UTC(y, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)) / 1000 - TZ_OFFSET
}

export const touch: CommandDef = {
  name: 'touch',
  path: '/usr/bin/touch',
  rpm: 'coreutils',
  summary: 'change file timestamps',
  args: ARGS,
  run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    const o = a.opts
    const prog = ctx.argv[0]
    const fs = ctx.host.fs
    let when = ctx.host.wall()
    if (o.date !== undefined) {
      const t = parseDate(o.date, when)
      if (t === null) {
        ctx.err(`${prog}: invalid date format ${quote(o.date)}\n`)
        return 1
      }
      when = t
    }
    if (o.t !== undefined) {
      const t = stamp(o.t, when)
      if (t === null) {
        ctx.err(`${prog}: invalid date format ${quote(o.t)}\n`)
        return 1
      }
      when = t
    }
    if (o.reference !== undefined) {
      const ref = fs.stat(abs(ctx, o.reference))
      if (!ref) {
        ctx.err(`${prog}: failed to get attributes of ${quoteaf(o.reference)}: No such file or directory\n`)
        return 1
      }
      when = ref.mtime
    }
    if (!a.operands.length) return usageError(ctx, ARGS, 'missing file operand')
    let status = 0
    for (const op of a.operands) {
      const path = abs(ctx, op)
      let node = fs.stat(path)
      if (!node) {
        if (o.noCreate) continue
        const e = fs.write(path, '')
        if (e) {
          ctx.err(`${prog}: cannot touch ${quoteaf(op)}: ${errText(e)}\n`)
          status = 1
          continue
        }
        node = fs.stat(path)!
      }
      if (!o.a || o.m) node.mtime = when
    }
    return status
  },
}
