// ls (GNU coreutils 8.32 on RHEL 9): names sorted by the locale's collation (-t by time, -S by
// size, -r reversed), one per line when not a terminal, in columns on one; -l long format with
// the SELinux `.` after the mode, link count, owner, size (-h human-readable), and the date with
// the year instead of the time when older than six months or in the future; -a/-A, -d, -R
// (`DIR:` headers), -F classification; status 2 when an operand is missing.

import type { AnyNode } from '../../../host/fs.ts'
import { coreutilsFooter, coreutilsVersion, defineArgs, isFail, parseArgs, usageError, type Fail } from '../../args/index.ts'
import { strftime } from '../../text/date.ts'
import { collate } from '../../text/collate.ts'
import { abs, blocksOf, join, linksOf, modeString, quoteaf, sizeOf } from '../files.ts'
import type { CommandContext, CommandDef } from '../types.ts'

const ARGS = defineArgs({
  usageStatus: 2,
  options: {
    all: { short: 'a', long: 'all', help: 'do not ignore entries starting with .' },
    almostAll: { short: 'A', long: 'almost-all', help: 'do not list implied . and ..' },
    columns: { short: 'C', help: 'list entries by columns' },
    directory: { short: 'd', long: 'directory', help: 'list directories themselves, not their contents' },
    classify: { short: 'F', long: 'classify', help: 'append indicator (one of */=>@|) to entries' },
    human: { short: 'h', long: 'human-readable', help: 'with -l and -s, print sizes like 1K 234M 2G etc.' },
    long: { short: 'l', help: 'use a long listing format' },
    reverse: { short: 'r', long: 'reverse', help: 'reverse order while sorting' },
    recursive: { short: 'R', long: 'recursive', help: 'list subdirectories recursively' },
    size: { short: 's', long: 'size', help: 'print the allocated size of each file, in blocks' },
    bySize: { short: 'S', help: 'sort by file size, largest first' },
    byTime: { short: 't', help: 'sort by modification time, newest first' },
    one: { short: '1', help: 'list one file per line.  Avoid \'\\n\' with -q or -b' },
    color: { long: 'color', arg: 'optional', argName: 'WHEN', bare: 'always', parse: colorWhen, help: "colorize the output; WHEN can be 'always' (default\n  if omitted), 'auto', or 'never'" },
    context: { short: 'Z', long: 'context', help: 'print any security context of each file' },
    timeStyle: { long: 'time-style', arg: 'required', argName: 'TIME_STYLE', help: 'time/date format with -l; see TIME_STYLE below' },
  },
  help: {
    column: 29,
    usage: ['Usage: %s [OPTION]... [FILE]...'],
    intro: 'List information about the FILEs (the current directory by default).\nSort entries alphabetically if none of -cftuvSUX nor --sort is specified.\n\nMandatory arguments to long options are mandatory for short options too.\n',
    outro: '\nExit status:\n 0  if OK,\n 1  if minor problems (e.g., cannot access subdirectory),\n 2  if serious trouble (e.g., cannot access command-line argument).\n' + coreutilsFooter('ls', 'ls invocation'),
  },
  version: coreutilsVersion('ls', 'Richard M. Stallman and David MacKenzie'),
})

const WHEN: Record<string, 'always' | 'never' | 'auto'> = { always: 'always', yes: 'always', force: 'always', never: 'never', no: 'never', none: 'never', auto: 'auto', tty: 'auto', 'if-tty': 'auto' }

function colorWhen(v: string): 'always' | 'never' | 'auto' | Fail {
  const exact = WHEN[v]
  const hits = [...new Set(Object.keys(WHEN).filter((k) => k.startsWith(v)).map((k) => WHEN[k]))]
  if (exact || (v && hits.length === 1)) return exact ?? hits[0]
  return { fail: `${v && hits.length > 1 ? 'ambiguous' : 'invalid'} argument ‘${v}’ for ‘--color’\nValid arguments are:\n  - ‘always’, ‘yes’, ‘force’\n  - ‘never’, ‘no’, ‘none’\n  - ‘auto’, ‘tty’, ‘if-tty’`, status: 2, tryHelp: true }
}

/** The SELinux context RHEL 9 labels files under /root and /tmp with, as ls -Z shows it. */
const CONTEXT = 'unconfined_u:object_r:admin_home_t:s0'

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const TZ = 8 * 3600
const HALF_YEAR = 31556952 / 2

/** --time-style: the strftime formats for an old (or future) time and a recent one, as ls.c reads
 *  its argument (`posix-` is dropped: the locale is not POSIX), only when -l needs them. */
function timeStyle(style: string): [string, string] | Fail {
  const named: Record<string, [string, string]> = { 'full-iso': ['%Y-%m-%d %H:%M:%S.%N %z', '%Y-%m-%d %H:%M:%S.%N %z'], 'long-iso': ['%Y-%m-%d %H:%M', '%Y-%m-%d %H:%M'], iso: ['%Y-%m-%d ', '%m-%d %H:%M'] }
  const s = style.replace(/^posix-/, '')
  if (s.startsWith('+')) {
    const [old, recent] = s.slice(1).split('\n')
    return [old, recent ?? old]
  }
  if (s === 'locale') return ['', '']
  if (Object.hasOwn(named, s)) return named[s]
  const valid = ['[posix-]full-iso', '[posix-]long-iso', '[posix-]iso', '[posix-]locale', "+FORMAT (e.g., +%H:%M) for a 'date'-style format"].map((v) => `\n  - ${v}`).join('')
  return { fail: `invalid argument ‘${style}’ for ‘time style’\nValid arguments are:${valid}` }
}

function when(epoch: number, now: number, style: [string, string] | null): string {
  const old = epoch > now || now - epoch > HALF_YEAR
  if (style?.[0]) return strftime((old ? style[0] : style[1]).replaceAll('%N', '000000000'), epoch)
  const d = new Date((epoch + TZ) * 1000)
  const day = `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)}`
  if (old) return `${day}  ${d.getUTCFullYear()}`
  return `${day} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`
}

/** ls -h: powers of 1024 with one decimal below 10, rounded up as ls rounds. */
export function human(n: number): string {
  if (n < 1024) return String(n)
  let v = n
  let i = -1
  do {
    v /= 1024
    i++
  } while (v >= 1024 && i < 7)
  const s = v < 10 ? (Math.ceil(v * 10) / 10).toFixed(1) : String(Math.ceil(v))
  return (s === '10.0' ? '10' : s) + 'KMGTPEZY'[i]
}

interface Entry {
  name: string
  path: string
  node: AnyNode
}

export const ls: CommandDef = {
  name: 'ls',
  path: '/usr/bin/ls',
  rpm: 'coreutils',
  summary: 'list directory contents',
  args: ARGS,
  run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    const o = a.opts
    const fs = ctx.host.fs
    const prog = ctx.argv[0]
    const format = a.seen.reduce<'long' | 'one' | 'columns'>((f, s) => (s.key === 'long' ? 'long' : s.key === 'one' ? 'one' : s.key === 'columns' ? 'columns' : f), ctx.tty ? 'columns' : 'one')
    const order = (list: Entry[]) => {
      const sorted = [...list].sort((x, y) => (o.bySize ? sizeOf(y.node) - sizeOf(x.node) : 0) || (o.byTime && !o.bySize ? y.node.mtime - x.node.mtime : 0) || collate(x.name, y.name) || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0))
      return o.reverse ? sorted.reverse() : sorted
    }
    let style: [string, string] | null = null
    if (format === 'long' && o.timeStyle !== undefined) {
      const t = timeStyle(o.timeStyle)
      if (isFail(t)) return usageError(ctx, ARGS, t.fail)
      style = t
    }
    let status = 0
    const files: Entry[] = []
    const dirs: Entry[] = []
    for (const t of a.operands.length ? a.operands : ['.']) {
      const path = abs(ctx, t)
      let node = fs.lstat(path)
      // A symlink operand is listed as itself under -l, -d and -F, else followed to its directory;
      // a trailing slash always follows it.
      const followed = node?.type === 'link' && (t.endsWith('/') || !(format === 'long' || o.directory || o.classify)) ? fs.stat(path) : null
      if (followed?.type === 'dir') node = followed
      if (!node) {
        ctx.err(`${prog}: cannot access ${quoteaf(t)}: No such file or directory\n`)
        status = 2
      } else if (node.type === 'dir' && !o.directory) dirs.push({ name: t, path, node })
      else files.push({ name: t, path, node })
    }
    const colorOn = o.color === 'always' || (o.color === 'auto' && ctx.tty)
    let resetShown = false
    const paint = (e: Entry, text: string) => {
      const code = e.node.type === 'link' ? '01;36' : e.node.type === 'dir' ? (e.node.mode & 0o1002) === 0o1002 ? '30;42' : '01;34' : e.node.mode & 0o111 ? '01;32' : ''
      if (!colorOn || !code) return text
      const reset = resetShown ? '' : '\x1b[0m'
      resetShown = true
      return `${reset}\x1b[${code}m${text}\x1b[0m`
    }
    const render = (entries: Entry[], total: boolean) => render1(ctx, entries, { ...o, format, style, total, paint })
    let printed = false
    if (files.length) {
      ctx.out(render(order(files), false))
      printed = true
    }
    const showHeaders = o.recursive || dirs.length + files.length > 1 || status !== 0
    const listDir = (d: Entry) => {
      let names = fs.list(d.path) ?? []
      if (!o.all && !o.almostAll) names = names.filter((n) => !n.startsWith('.'))
      const entries: Entry[] = names.map((n) => ({ name: n, path: join(d.path, n), node: fs.lstat(join(d.path, n))! })).filter((e) => e.node)
      if (o.all) entries.push({ name: '.', path: d.path, node: d.node }, { name: '..', path: d.path.replace(/\/[^/]*$/, '') || '/', node: fs.stat(d.path.replace(/\/[^/]*$/, '') || '/')! })
      const sorted = order(entries)
      if (showHeaders) ctx.out(`${printed ? '\n' : ''}${d.name}:\n`)
      printed = true
      ctx.out(render(sorted, true))
      if (o.recursive) for (const e of sorted) if (e.node.type === 'dir' && e.name !== '.' && e.name !== '..') listDir({ ...e, name: join(d.name, e.name) })
    }
    for (const d of order(dirs)) listDir(d)
    return status
  },
}

function render1(ctx: CommandContext, entries: Entry[], o: { format: 'long' | 'one' | 'columns'; style: [string, string] | null; total: boolean; human: boolean; size: boolean; classify: boolean; context: boolean; paint: (e: Entry, text: string) => string }): string {
  const size = (n: AnyNode) => (o.human ? human(sizeOf(n)) : String(sizeOf(n)))
  const blocks = (n: AnyNode) => (o.human ? human(blocksOf(n) * 1024) : String(blocksOf(n)))
  const mark = (n: AnyNode) => (!o.classify ? '' : n.type === 'dir' ? '/' : n.type === 'link' ? '@' : n.mode & 0o111 ? '*' : '')
  const arrow = (n: AnyNode) => (n.type === 'link' ? ` -> ${n.target}` : '')
  const totalBlocks = entries.reduce((s, e) => s + blocksOf(e.node), 0)
  const total = o.total && (o.format === 'long' || o.size) ? `total ${o.human ? human(totalBlocks * 1024) : totalBlocks}\n` : ''
  if (o.format === 'long') {
    const now = ctx.host.wall()
    const rows = entries.map((e) => [o.size ? blocks(e.node) : '', `${modeString(e.node)}.`, String(linksOf(ctx, e.path, e.node)), 'root', 'root', o.context ? CONTEXT : '', size(e.node), when(e.node.mtime, now, o.style), o.paint(e, e.name) + (e.node.type === 'link' ? arrow(e.node) : mark(e.node))])
    const w = rows[0]?.map((_, i) => Math.max(...rows.map((r) => r[i].length))) ?? []
    return total + rows.map((r) => `${o.size ? `${r[0].padStart(w[0])} ` : ''}${r[1]} ${r[2].padStart(w[2])} ${r[3].padEnd(w[3])} ${r[4].padEnd(w[4])} ${o.context ? `${r[5]} ` : ''}${r[6].padStart(w[6])} ${r[7]} ${r[8]}\n`).join('')
  }
  const bw = Math.max(0, ...entries.map((e) => blocks(e.node).length))
  const names = entries.map((e) => (o.size ? `${blocks(e.node).padStart(bw)} ` : '') + (o.context ? `${CONTEXT} ` : '') + o.paint(e, e.name) + mark(e.node))
  if (o.format === 'one') return total + names.map((n) => n + '\n').join('')
  return total + columns(names, ctx.term?.cols ?? 80)
}

/** GNU's column layout: the most columns (filled top to bottom) that fit the width, two spaces apart. */
function columns(names: string[], width: number): string {
  if (!names.length) return ''
  const visible = (n: string) => n.replace(/\x1b\[[0-9;]*m/g, '').length
  for (let ncol = Math.min(names.length, Math.floor(width / 3)); ncol >= 1; ncol--) {
    const rows = Math.ceil(names.length / ncol)
    const used = Math.ceil(names.length / rows)
    const widths = Array.from({ length: used }, (_, c) => Math.max(0, ...names.slice(c * rows, c * rows + rows).map(visible)))
    if (ncol > 1 && widths.reduce((s, w) => s + w + 2, 0) - 2 > width) continue
    let out = ''
    for (let r = 0; r < rows; r++) {
      let line = ''
      for (let c = 0; c < used; c++) {
        const n = names[c * rows + r]
        if (n === undefined) continue
        const last = c === used - 1 || names[(c + 1) * rows + r] === undefined
        line += last ? n : n + ' '.repeat(widths[c] + 2 - visible(n))
      }
      out += line + '\n'
    }
    return out
  }
  return names.join('\n') + '\n'
}
