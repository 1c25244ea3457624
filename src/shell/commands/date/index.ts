// date (GNU coreutils 8.32): the virtual wall clock, or the -d date, printed in the default
// format (en_US's date_fmt, which 8.32 reads from the locale: `Tue Jun 11 10:10:14 AM CST 2024`) or a
// +FORMAT, in CST or UTC (-u), or as RFC 5322 (-R) and ISO 8601 (-I). Setting the clock (-s) is
// refused: the lab's clock is the simulation's.

import { coreutilsFooter, coreutilsVersion, defineArgs, parseArgs, usageError, type Fail } from '../../args/index.ts'
import { parseDate, strftime } from '../../text/date.ts'
import { quote } from '../files.ts'
import type { CommandDef } from '../types.ts'

const ISO: Record<string, string> = { date: '%Y-%m-%d', hours: '%Y-%m-%dT%H%:z', minutes: '%Y-%m-%dT%H:%M%:z', seconds: '%Y-%m-%dT%H:%M:%S%:z', ns: '%Y-%m-%dT%H:%M:%S,%N%:z' }

const isoSpec = (v: string): string | Fail => {
  const hit = Object.keys(ISO).filter((k) => k.startsWith(v || 'date'))
  if (hit.length === 1) return hit[0]
  return { fail: `invalid argument ${quote(v)} for ‘--iso-8601’\nValid arguments are:\n  - ‘hours’\n  - ‘minutes’\n  - ‘date’\n  - ‘seconds’\n  - ‘ns’`, status: 1, tryHelp: true }
}

const ARGS = defineArgs({
  usageStatus: 1,
  options: {
    date: { short: 'd', long: 'date', arg: 'required', argName: 'STRING', help: "display time described by STRING, not 'now'" },
    iso: { short: 'I', long: 'iso-8601', arg: 'optional', argName: 'FMT', bare: 'date', parse: isoSpec, help: "output date/time in ISO 8601 format.\n  FMT='date' for date only (the default),\n  'hours', 'minutes', 'seconds', or 'ns'" },
    rfc: { short: 'R', long: 'rfc-email', help: 'output date and time in RFC 5322 format.' },
    set: { short: 's', long: 'set', arg: 'required', argName: 'STRING', help: 'set time described by STRING' },
    utc: { short: 'u', long: ['utc', 'universal'], help: 'print or set Coordinated Universal Time (UTC)' },
  },
  help: {
    usage: ['Usage: %s [OPTION]... [+FORMAT]', '  or:  %s [-u|--utc|--universal] [MMDDhhmm[[CC]YY][.ss]]'],
    intro: 'Display the current time in the given FORMAT, or set the system date.\n\nMandatory arguments to long options are mandatory for short options too.\n',
    outro: coreutilsFooter('date'),
  },
  version: coreutilsVersion('date', 'David MacKenzie'),
})

export const date: CommandDef = {
  name: 'date',
  path: '/usr/bin/date',
  rpm: 'coreutils',
  summary: 'print or set the system date and time',
  args: ARGS,
  run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    const o = a.opts
    const prog = ctx.argv[0]
    if (a.operands.length > 1) return usageError(ctx, ARGS, `extra operand ${quote(a.operands[1])}`)
    const [op] = a.operands
    if (op !== undefined && !op.startsWith('+')) {
      ctx.err(`${prog}: cannot set date: Operation not permitted\n`)
      return 1
    }
    if (o.set !== undefined) {
      ctx.err(`${prog}: cannot set date: Operation not permitted\n`)
      return 1
    }
    const formats = [op !== undefined, o.iso !== undefined, o.rfc].filter(Boolean).length
    if (formats > 1) {
      ctx.err(`${prog}: multiple output formats specified\n`)
      return 1
    }
    let when = ctx.host.wall()
    if (o.date !== undefined) {
      const t = parseDate(o.date, when, o.utc)
      if (t === null) {
        ctx.err(`${prog}: invalid date ${quote(o.date)}\n`)
        return 1
      }
      when = t
    }
    const fmt = op !== undefined ? op.slice(1) : o.iso !== undefined ? ISO[o.iso] : o.rfc ? '%a, %d %b %Y %H:%M:%S %z' : '%a %b %e %r %Z %Y'
    ctx.out(strftime(fmt, when, o.utc) + '\n')
    return 0
  },
}
