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
    debug: { long: 'debug', help: 'annotate the parsed date,\n and warn about questionable usage to stderr', unsimulated: true },
    file: { short: 'f', long: 'file', arg: 'required', argName: 'DATEFILE', help: 'like --date; once for each line of DATEFILE', unsimulated: true },
    iso: { short: 'I', long: 'iso-8601', arg: 'optional', argName: 'FMT', bare: 'date', parse: isoSpec, label: '-I[FMT], --iso-8601[=FMT]', help: "output date/time in ISO 8601 format.\n  FMT='date' for date only (the default),\n  'hours', 'minutes', 'seconds', or 'ns'\n  for date and time to the indicated precision.\n  Example: 2006-08-14T02:34:56-06:00" },
    rfc: { short: 'R', long: 'rfc-email', help: 'output date and time in RFC 5322 format.\n  Example: Mon, 14 Aug 2006 02:34:56 -0600' },
    rfc3339: { long: 'rfc-3339', arg: 'required', argName: 'FMT', help: "output date/time in RFC 3339 format.\n  FMT='date', 'seconds', or 'ns'\n  for date and time to the indicated precision.\n  Example: 2006-08-14 02:34:56-06:00", unsimulated: true },
    reference: { short: 'r', long: 'reference', arg: 'required', argName: 'FILE', help: 'display the last modification time of FILE', unsimulated: true },
    set: { short: 's', long: 'set', arg: 'required', argName: 'STRING', help: 'set time described by STRING' },
    utc: { short: 'u', long: ['utc', 'universal'], help: 'print or set Coordinated Universal Time (UTC)' },
  },
  help: {
    usage: ['Usage: %s [OPTION]... [+FORMAT]', '  or:  %s [-u|--utc|--universal] [MMDDhhmm[[CC]YY][.ss]]'],
    intro: 'Display the current time in the given FORMAT, or set the system date.\n\nMandatory arguments to long options are mandatory for short options too.\n',
    column: 29,
    outro: () =>
      "\nFORMAT controls the output.  Interpreted sequences are:\n\n  %%   a literal %\n  %a   locale's abbreviated weekday name (e.g., Sun)\n  %A   locale's full weekday name (e.g., Sunday)\n  %b   locale's abbreviated month name (e.g., Jan)\n  %B   locale's full month name (e.g., January)\n  %c   locale's date and time (e.g., Thu Mar  3 23:05:25 2005)\n  %C   century; like %Y, except omit last two digits (e.g., 20)\n  %d   day of month (e.g., 01)\n  %D   date; same as %m/%d/%y\n  %e   day of month, space padded; same as %_d\n  %F   full date; like %+4Y-%m-%d\n  %g   last two digits of year of ISO week number (see %G)\n  %G   year of ISO week number (see %V); normally useful only with %V\n  %h   same as %b\n  %H   hour (00..23)\n  %I   hour (01..12)\n  %j   day of year (001..366)\n  %k   hour, space padded ( 0..23); same as %_H\n  %l   hour, space padded ( 1..12); same as %_I\n  %m   month (01..12)\n  %M   minute (00..59)\n  %n   a newline\n  %N   nanoseconds (000000000..999999999)\n  %p   locale's equivalent of either AM or PM; blank if not known\n  %P   like %p, but lower case\n  %q   quarter of year (1..4)\n  %r   locale's 12-hour clock time (e.g., 11:11:04 PM)\n  %R   24-hour hour and minute; same as %H:%M\n  %s   seconds since 1970-01-01 00:00:00 UTC\n  %S   second (00..60)\n  %t   a tab\n  %T   time; same as %H:%M:%S\n  %u   day of week (1..7); 1 is Monday\n  %U   week number of year, with Sunday as first day of week (00..53)\n  %V   ISO week number, with Monday as first day of week (01..53)\n  %w   day of week (0..6); 0 is Sunday\n  %W   week number of year, with Monday as first day of week (00..53)\n  %x   locale's date representation (e.g., 12/31/99)\n  %X   locale's time representation (e.g., 23:13:48)\n  %y   last two digits of year (00..99)\n  %Y   year\n  %z   +hhmm numeric time zone (e.g., -0400)\n  %:z  +hh:mm numeric time zone (e.g., -04:00)\n  %::z  +hh:mm:ss numeric time zone (e.g., -04:00:00)\n  %:::z  numeric time zone with : to necessary precision (e.g., -04, +05:30)\n  %Z   alphabetic time zone abbreviation (e.g., EDT)\n\nBy default, date pads numeric fields with zeroes.\nThe following optional flags may follow '%':\n\n  -  (hyphen) do not pad the field\n  _  (underscore) pad with spaces\n  0  (zero) pad with zeros\n  +  pad with zeros, and put '+' before future years with >4 digits\n  ^  use upper case if possible\n  #  use opposite case if possible\n\nAfter any flags comes an optional field width, as a decimal number;\nthen an optional modifier, which is either\nE to use the locale's alternate representations if available, or\nO to use the locale's alternate numeric symbols if available.\n\nExamples:\nConvert seconds since the epoch (1970-01-01 UTC) to a date\n  $ date --date='@2147483647'\n\nShow the time on the west coast of the US (use tzselect(1) to find TZ)\n  $ TZ='America/Los_Angeles' date\n\nShow the local time for 9AM next Friday on the west coast of the US\n  $ date --date='TZ=\"America/Los_Angeles\" 09:00 next Fri'\n" + coreutilsFooter('date'),
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
