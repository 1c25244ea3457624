// column (util-linux 2.37): input lines (empty ones dropped unless -L) laid out in columns. Without
// -t, the entries fill the columns of a 80-wide output (-c) top to bottom (-x: rows first),
// padded with tabs to stops at multiples of the widest entry rounded up to the next 8, as
// column.c's columnate does. With -t, each line is a row split at -s's characters (default: runs
// of blanks; with -s every separator counts, so empty cells stay); every cell but the last of a
// row is padded to its column's width and followed by -o's separator (two spaces); -N names the
// columns in a header, -R right-aligns, -H hides and -d drops the header.

import { defineArgs, parseArgs } from '../../args/index.ts'
import { eachLine, errText } from '../files.ts'
import type { CommandDef } from '../types.ts'

const HELP = `
Usage:
 %s [options] [<file>...]

Columnate lists.

Options:
 -t, --table                      create a table
 -n, --table-name <name>          table name for JSON output
 -O, --table-order <columns>      specify order of output columns
 -N, --table-columns <names>      comma separated columns names
 -l, --table-columns-limit <num>  maximal number of input columns
 -E, --table-noextreme <columns>  don't count long text from the columns to column width
 -d, --table-noheadings           don't print header
 -e, --table-header-repeat        repeat header for each page
 -H, --table-hide <columns>       don't print the columns
 -R, --table-right <columns>      right align text in these columns
 -T, --table-truncate <columns>   truncate text in the columns when necessary
 -W, --table-wrap <columns>       wrap text in the columns when necessary
 -L, --keep-empty-lines           don't ignore empty lines
 -J, --json                       use JSON output format for table

 -r, --tree <column>              column to use tree-like output for the table
 -i, --tree-id <column>           line ID to specify child-parent relation
 -p, --tree-parent <column>       parent to specify child-parent relation

 -c, --output-width <width>       width of output in number of characters
 -o, --output-separator <string>  columns separator for table output (default is two spaces)
 -s, --separator <string>         possible table delimiters
 -x, --fillrows                   fill rows before columns

 -h, --help                       display this help
 -V, --version                    display version

For more details see column(1).
`

const ARGS = defineArgs({
  usageStatus: 1,
  options: {
    table: { short: 't', long: 'table' },
    tableName: { short: 'n', long: 'table-name', arg: 'required', unsimulated: true },
    tableOrder: { short: 'O', long: 'table-order', arg: 'required', unsimulated: true },
    tableColumns: { short: 'N', long: 'table-columns', arg: 'required' },
    tableColumnsLimit: { short: 'l', long: 'table-columns-limit', arg: 'required', unsimulated: true },
    tableNoextreme: { short: 'E', long: 'table-noextreme', arg: 'required', unsimulated: true },
    tableNoheadings: { short: 'd', long: 'table-noheadings' },
    tableHeaderRepeat: { short: 'e', long: 'table-header-repeat', unsimulated: true },
    tableHide: { short: 'H', long: 'table-hide', arg: 'required' },
    tableRight: { short: 'R', long: 'table-right', arg: 'required' },
    tableTruncate: { short: 'T', long: 'table-truncate', arg: 'required', unsimulated: true },
    tableWrap: { short: 'W', long: 'table-wrap', arg: 'required', unsimulated: true },
    keepEmptyLines: { short: 'L', long: 'keep-empty-lines' },
    json: { short: 'J', long: 'json', unsimulated: true },
    tree: { short: 'r', long: 'tree', arg: 'required', unsimulated: true },
    treeId: { short: 'i', long: 'tree-id', arg: 'required', unsimulated: true },
    treeParent: { short: 'p', long: 'tree-parent', arg: 'required', unsimulated: true },
    outputWidth: { short: 'c', long: 'output-width', arg: 'required' },
    outputSeparator: { short: 'o', long: 'output-separator', arg: 'required' },
    separator: { short: 's', long: 'separator', arg: 'required' },
    fillrows: { short: 'x', long: 'fillrows' },
    help: { short: 'h', long: 'help' },
    version: { short: 'V', long: 'version' },
  },
})

/** The next tab stop after `n` columns, as column.c's TABCHAR_CUT rounds. */
const tabStop = (n: number) => (n + 8) & ~7

/** Entries in columns padded with tabs (column.c's columnate_fillcols, or _fillrows with -x). */
function columnate(entries: string[], width: number, rows: boolean): string {
  const len = (e: string) => [...e].length
  const widest = Math.max(...entries.map(len))
  if (widest >= width) return entries.map((e) => e + '\n').join('')
  const step = tabStop(widest)
  const ncols = Math.max(1, Math.floor(width / step))
  let out = ''
  let used = 0
  let end = step
  /** Tabs from column `used` up to the stop at `end`. */
  const pad = () => {
    for (let c = tabStop(used); c <= end; c = tabStop(used)) {
      out += '\t'
      used = c
    }
    end += step
  }
  if (rows) {
    entries.forEach((e, i) => {
      out += e
      used += len(e)
      if (i === entries.length - 1) return
      if ((i + 1) % ncols === 0) {
        out += '\n'
        used = 0
        end = step
      } else pad()
    })
    return used ? out + '\n' : out
  }
  const nrows = Math.ceil(entries.length / ncols)
  for (let r = 0; r < nrows; r++) {
    used = 0
    end = step
    for (let i = r; i < entries.length; i += nrows) {
      out += entries[i]
      used += len(entries[i])
      if (i + nrows >= entries.length) break
      pad()
    }
    out += '\n'
  }
  return out
}

export const column: CommandDef = {
  name: 'column',
  path: '/usr/bin/column',
  rpm: 'util-linux',
  summary: 'columnate lists',
  args: ARGS,
  *run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    const o = a.opts
    const prog = ctx.argv[0]
    if (o.help) {
      ctx.out(HELP.replace('%s', prog.slice(prog.lastIndexOf('/') + 1)))
      return 0
    }
    if (o.version) {
      ctx.out('column from util-linux 2.37.4\n')
      return 0
    }
    let width = ctx.term?.cols ?? 80
    if (o.outputWidth !== undefined) {
      if (!/^\d+$/.test(o.outputWidth)) {
        ctx.err(`${prog}: invalid columns argument: '${o.outputWidth}'\n`)
        return 1
      }
      width = Number(o.outputWidth)
    }
    const lines: string[] = []
    const status = yield* eachLine(ctx, a.operands, (l) => {
      if (l.text !== '' || (o.keepEmptyLines && o.table)) lines.push(l.text)
    }, (op, e) => `${op}: ${errText(e)}`)
    if (!o.table) {
      if (lines.length) ctx.out(columnate(lines, width, o.fillrows))
      return status
    }
    const seps = o.separator
    const cellsOf = (line: string): string[] => {
      if (seps === undefined) return line.split(/[ \t]+/).filter(Boolean)
      const out = ['']
      for (const ch of line) {
        if (seps.includes(ch)) out.push('')
        else out[out.length - 1] += ch
      }
      return out
    }
    const names = o.tableColumns?.split(',') ?? []
    const rows = lines.map(cellsOf)
    const ncols = Math.max(names.length, ...rows.map((r) => r.length))
    /** A column named by -N's name or by its number (1 is the first). */
    const columnsOf = (list: string | undefined) => new Set((list ?? '').split(',').filter(Boolean).map((w) => (/^\d+$/.test(w) ? Number(w) - 1 : names.indexOf(w))))
    const right = columnsOf(o.tableRight)
    const hidden = columnsOf(o.tableHide)
    // The header counts in the widths even when -d leaves it out.
    const measured = names.length ? [names, ...rows] : rows
    const all = names.length && !o.tableNoheadings ? measured : rows
    const shown = Array.from({ length: ncols }, (_, i) => i).filter((i) => !hidden.has(i))
    const widths = shown.map((i) => Math.max(0, ...measured.map((r) => [...(r[i] ?? '')].length)))
    const sep = o.outputSeparator ?? '  '
    for (const r of all)
      ctx.out(
        shown
          .map((i, k) => {
            const cell = r[i] ?? ''
            const gap = ' '.repeat(widths[k] - [...cell].length)
            return right.has(i) ? gap + cell : k === shown.length - 1 ? cell : cell + gap
          })
          .join(sep) + '\n',
      )
    return status
  },
}
