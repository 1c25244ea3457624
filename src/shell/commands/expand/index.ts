// expand (GNU coreutils 8.32): tabs turned into spaces up to the next tab stop, every 8 columns
// or every N (-t N), or at the listed columns (-t 4,8,12; past the last one a tab becomes one
// space, or, with `/N` last, stops every N after it); -i only in a line's leading blanks. As in
// 8.32, columns are bytes (expand is not multibyte-aware) and a backspace steps one back.

import { coreutilsFooter, coreutilsVersion, defineArgs, MANDATORY, parseArgs, type Fail } from '../../args/index.ts'
import { fromBytes, toBytes } from '../../text/lines.ts'
import { eachLine, quote } from '../files.ts'
import type { CommandDef } from '../types.ts'

interface Stops {
  list: number[]
  /** Stops every `every` columns after the last listed one (0: a tab is one space there). */
  every: number
}

/** -t's list as expand-common.c's parse_tab_stops reads it (commas or blanks between numbers). */
function tabStops(v: string): Stops | Fail {
  const list: number[] = []
  let every = 0
  for (const item of v.split(/[,\s]+/).filter(Boolean)) {
    const m = /^([/+]?)(\d+)$/.exec(item)
    if (!m) return { fail: `tab size contains invalid character(s): ${quote(item.replace(/^[/+]?\d*/, ''))}`, status: 1 }
    const n = Number(m[2])
    if (m[1]) {
      if (n === 0) return { fail: `${m[1] === '/' ? "'/'" : "'+'"} specifier only allowed with the last value`, status: 1 }
      every = m[1] === '/' ? n : -n
      continue
    }
    if (n === 0) return { fail: 'tab size cannot be 0', status: 1 }
    if (list.length && n <= list[list.length - 1]) return { fail: 'tab sizes must be ascending', status: 1 }
    list.push(n)
  }
  return { list, every }
}

const ARGS = defineArgs({
  usageStatus: 1,
  options: {
    initial: { short: 'i', long: 'initial', help: 'do not convert tabs after non blanks' },
    tabs: {
      short: 't',
      long: 'tabs',
      arg: 'required',
      argName: 'N',
      parse: tabStops,
      label: '-t, --tabs=LIST',
      before: '  -t, --tabs=N     have tabs N characters apart, not 8\n',
      help: "use comma separated list of tab positions\n  The last specified position can be prefixed with '/'\n  to specify a tab size to use after the last\n  explicitly specified tab stop.  Also a prefix of '+'\n  can be used to align remaining tab stops relative to\n  the last specified tab stop instead of the first column",
    },
  },
  help: {
    usage: ['Usage: %s [OPTION]... [FILE]...'],
    column: 19,
    intro: 'Convert tabs in each FILE to spaces, writing to standard output.\n\nWith no FILE, or when FILE is -, read standard input.\n\n' + MANDATORY,
    outro: coreutilsFooter('expand'),
  },
  version: coreutilsVersion('expand', 'David MacKenzie'),
})

/** The column of the tab stop after `col`, or null past the last stop (a tab is then one space). */
function nextStop(col: number, s: Stops): number | null {
  if (s.list.length === 1 && !s.every) return col + s.list[0] - (col % s.list[0])
  for (const stop of s.list) if (stop > col) return stop
  if (s.every > 0) return col + s.every - (col % s.every)
  if (s.every < 0) {
    const last = s.list[s.list.length - 1] ?? 0
    return col + -s.every - ((col - last) % -s.every)
  }
  return null
}

export const expand: CommandDef = {
  name: 'expand',
  path: '/usr/bin/expand',
  rpm: 'coreutils',
  summary: 'convert tabs to spaces',
  args: ARGS,
  *run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    const o = a.opts
    const stops = o.tabs ?? { list: [8], every: 0 }
    const status = yield* eachLine(ctx, a.operands, (l) => {
      const out: number[] = []
      let col = 0
      let leading = true
      for (const b of toBytes(l.text)) {
        if (b === 9 && (leading || !o.initial)) {
          const stop = nextStop(col, stops) ?? col + 1
          while (col < stop) {
            out.push(32)
            col++
          }
          continue
        }
        if (b === 8) col = Math.max(0, col - 1)
        else col++
        if (b !== 32 && b !== 9) leading = false
        out.push(b)
      }
      ctx.out(fromBytes(Uint8Array.from(out)) + (l.ended ? '\n' : ''))
    })
    return status
  },
}
