// ls (GNU coreutils 8.32 on RHEL 9): names sorted by the locale's collation (-t by time, -S by
// size, -r reversed), one per line when not a terminal, in columns on one; -l long format with
// the SELinux `.` after the mode, link count, owner, size (-h human-readable), and the date with
// the year instead of the time when older than six months or in the future (-n numeric ids,
// -g/-o/-G without owner or group, --time-style, --full-time); -a/-A, -d, -R (`DIR:` headers),
// -F/-p indicators, -L following links, -m commas, -X by extension, -i the lab's inode numbers;
// status 2 when an operand is missing.

import type { AnyNode } from '../../../host/fs.ts'
import { coreutilsFooter, coreutilsVersion, defineArgs, isFail, parseArgs, usageError, type Fail } from '../../args/index.ts'
import { strftime } from '../../text/date.ts'
import { collate } from '../../text/collate.ts'
import { abs, blocksOf, inode, join, linksOf, modeString, quoteaf, sizeOf } from '../files.ts'
import type { CommandContext, CommandDef } from '../types.ts'

const ARGS = defineArgs({
  usageStatus: 2,
  options: {
    all: { short: 'a', long: 'all', help: "do not ignore entries starting with ." },
    almostAll: { short: 'A', long: 'almost-all', help: "do not list implied . and .." },
    author: { long: 'author', help: "with -l, print the author of each file", unsimulated: true },
    escape: { short: 'b', long: 'escape', help: "print C-style escapes for nongraphic characters", unsimulated: true },
    blockSize: { long: 'block-size', arg: 'required', argName: 'SIZE', help: "with -l, scale sizes by SIZE when printing them;\n  e.g., '--block-size=M'; see SIZE format below", unsimulated: true },
    ignoreBackups: { short: 'B', long: 'ignore-backups', help: "do not list implied entries ending with ~", unsimulated: true },
    c: { short: 'c', help: "with -lt: sort by, and show, ctime (time of last\n  modification of file status information);\n  with -l: show ctime and sort by name;\n  otherwise: sort by ctime, newest first", unsimulated: true },
    columns: { short: 'C', help: "list entries by columns" },
    color: { long: 'color', arg: 'optional', argName: 'WHEN', bare: 'always', parse: colorWhen, help: "colorize the output; WHEN can be 'always' (default\n  if omitted), 'auto', or 'never'; more info below" },
    directory: { short: 'd', long: 'directory', help: "list directories themselves, not their contents" },
    dired: { short: 'D', long: 'dired', help: "generate output designed for Emacs' dired mode", unsimulated: true },
    f: { short: 'f', help: "do not sort, enable -aU, disable -ls --color", unsimulated: true },
    classify: { short: 'F', long: 'classify', help: "append indicator (one of */=>@|) to entries" },
    fileType: { long: 'file-type', help: "likewise, except do not append '*'", unsimulated: true },
    format: { long: 'format', arg: 'required', argName: 'WORD', help: "across -x, commas -m, horizontal -x, long -l,\n  single-column -1, verbose -l, vertical -C", unsimulated: true },
    fullTime: { long: 'full-time', help: "like -l --time-style=full-iso" },
    g: { short: 'g', help: "like -l, but do not list owner" },
    groupDirectoriesFirst: { long: 'group-directories-first', help: "\ngroup directories before files;\n  can be augmented with a --sort option, but any\n  use of --sort=none (-U) disables grouping", unsimulated: true },
    noGroup: { short: 'G', long: 'no-group', help: "in a long listing, don't print group names" },
    human: { short: 'h', long: 'human-readable', help: "with -l and -s, print sizes like 1K 234M 2G etc." },
    si: { long: 'si', help: "likewise, but use powers of 1000 not 1024", unsimulated: true },
    dereferenceCommandLine: { short: 'H', long: 'dereference-command-line', help: "\nfollow symbolic links listed on the command line", unsimulated: true },
    dereferenceCommandLineSymlinkToDir: { long: 'dereference-command-line-symlink-to-dir', help: "\nfollow each command line symbolic link\n  that points to a directory", unsimulated: true },
    hide: { long: 'hide', arg: 'required', argName: 'PATTERN', help: "do not list implied entries matching shell PATTERN\n  (overridden by -a or -A)", unsimulated: true },
    hyperlink: { long: 'hyperlink', arg: 'optional', argName: 'WHEN', help: "hyperlink file names; WHEN can be 'always'\n  (default if omitted), 'auto', or 'never'", unsimulated: true },
    indicatorStyle: { long: 'indicator-style', arg: 'required', argName: 'WORD', column: 30, help: "append indicator with style WORD to entry names:\n none (default), slash (-p),\n file-type (--file-type), classify (-F)", unsimulated: true },
    inode: { short: 'i', long: 'inode', help: "print the index number of each file" },
    ignore: { short: 'I', long: 'ignore', arg: 'required', argName: 'PATTERN', help: "do not list implied entries matching shell PATTERN", unsimulated: true },
    kibibytes: { short: 'k', long: 'kibibytes', help: "default to 1024-byte blocks for disk usage;\n  used only with -s and per directory totals", unsimulated: true },
    long: { short: 'l', help: "use a long listing format" },
    dereference: { short: 'L', long: 'dereference', help: "when showing file information for a symbolic\n  link, show information for the file the link\n  references rather than for the link itself" },
    m: { short: 'm', help: "fill width with a comma separated list of entries" },
    numericUidGid: { short: 'n', long: 'numeric-uid-gid', help: "like -l, but list numeric user and group IDs" },
    literal: { short: 'N', long: 'literal', help: "print entry names without quoting", unsimulated: true },
    o: { short: 'o', help: "like -l, but do not list group information" },
    p: { short: 'p', label: '-p, --indicator-style=slash', help: "\nappend / indicator to directories" },
    hideControlChars: { short: 'q', long: 'hide-control-chars', help: "print ? instead of nongraphic characters", unsimulated: true },
    showControlChars: { long: 'show-control-chars', help: "show nongraphic characters as-is (the default,\n  unless program is 'ls' and output is a terminal)", unsimulated: true },
    quoteName: { short: 'Q', long: 'quote-name', help: "enclose entry names in double quotes", unsimulated: true },
    quotingStyle: { long: 'quoting-style', arg: 'required', argName: 'WORD', help: "use quoting style WORD for entry names:\n  literal, locale, shell, shell-always,\n  shell-escape, shell-escape-always, c, escape\n  (overrides QUOTING_STYLE environment variable)", unsimulated: true },
    reverse: { short: 'r', long: 'reverse', help: "reverse order while sorting" },
    recursive: { short: 'R', long: 'recursive', help: "list subdirectories recursively" },
    size: { short: 's', long: 'size', help: "print the allocated size of each file, in blocks" },
    bySize: { short: 'S', help: "sort by file size, largest first" },
    sort: { long: 'sort', arg: 'required', argName: 'WORD', help: "sort by WORD instead of name: none (-U), size (-S),\n  time (-t), version (-v), extension (-X)", unsimulated: true },
    time: { long: 'time', arg: 'required', argName: 'WORD', help: "change the default of using modification times;\n  access time (-u): atime, access, use;\n  change time (-c): ctime, status;\n  birth time: birth, creation;\nwith -l, WORD determines which time to show;\nwith --sort=time, sort by WORD (newest first)", unsimulated: true },
    timeStyle: { long: 'time-style', arg: 'required', argName: 'TIME_STYLE', column: 31, help: "time/date format with -l; see TIME_STYLE below" },
    byTime: { short: 't', help: "sort by time, newest first; see --time" },
    tabsize: { short: 'T', long: 'tabsize', arg: 'required', argName: 'COLS', help: "assume tab stops at each COLS instead of 8", unsimulated: true },
    u: { short: 'u', help: "with -lt: sort by, and show, access time;\n  with -l: show access time and sort by name;\n  otherwise: sort by access time, newest first", unsimulated: true },
    U: { short: 'U', help: "do not sort; list entries in directory order", unsimulated: true },
    v: { short: 'v', help: "natural sort of (version) numbers within text", unsimulated: true },
    width: { short: 'w', long: 'width', arg: 'required', argName: 'COLS', help: "set output width to COLS.  0 means no limit", unsimulated: true },
    x: { short: 'x', help: "list entries by lines instead of by columns", unsimulated: true },
    X: { short: 'X', help: "sort alphabetically by entry extension" },
    context: { short: 'Z', long: 'context', help: "print any security context of each file" },
    one: { short: '1', help: "list one file per line.  Avoid '\\n' with -q or -b" },
  },
  help: {
    column: 29,
    usage: ['Usage: %s [OPTION]... [FILE]...'],
    intro: 'List information about the FILEs (the current directory by default).\nSort entries alphabetically if none of -cftuvSUX nor --sort is specified.\n\nMandatory arguments to long options are mandatory for short options too.\n',
    outro: "\nThe SIZE argument is an integer and optional unit (example: 10K is 10*1024).\nUnits are K,M,G,T,P,E,Z,Y (powers of 1024) or KB,MB,... (powers of 1000).\nBinary prefixes can be used, too: KiB=K, MiB=M, and so on.\n\nThe TIME_STYLE argument can be full-iso, long-iso, iso, locale, or +FORMAT.\nFORMAT is interpreted like in date(1).  If FORMAT is FORMAT1<newline>FORMAT2,\nthen FORMAT1 applies to non-recent files and FORMAT2 to recent files.\nTIME_STYLE prefixed with 'posix-' takes effect only outside the POSIX locale.\nAlso the TIME_STYLE environment variable sets the default style to use.\n\nUsing color to distinguish file types is disabled both by default and\nwith --color=never.  With --color=auto, ls emits color codes only when\nstandard output is connected to a terminal.  The LS_COLORS environment\nvariable can change the settings.  Use the dircolors command to set it.\n\nExit status:\n 0  if OK,\n 1  if minor problems (e.g., cannot access subdirectory),\n 2  if serious trouble (e.g., cannot access command-line argument).\n" + coreutilsFooter('ls', 'ls invocation'),
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
    // The last of -l (and its variants -n -g -o --full-time), -1, -C and -m wins, as in ls.c.
    const LONG = new Set(['long', 'numericUidGid', 'g', 'o', 'fullTime'])
    const format = a.seen.reduce<Format>((f, s) => (LONG.has(s.key) ? 'long' : s.key === 'one' ? 'one' : s.key === 'columns' ? 'columns' : s.key === 'm' ? 'commas' : f), ctx.tty ? 'columns' : 'one')
    const extension = (name: string) => {
      const dot = name.lastIndexOf('.')
      return dot < 0 ? '' : name.slice(dot)
    }
    const byName = (x: Entry, y: Entry) => collate(x.name, y.name) || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0)
    const order = (list: Entry[]) => {
      const sorted = [...list].sort((x, y) => (o.bySize ? sizeOf(y.node) - sizeOf(x.node) : 0) || (o.byTime && !o.bySize ? y.node.mtime - x.node.mtime : 0) || (o.X && !o.bySize && !o.byTime ? collate(extension(x.name), extension(y.name)) : 0) || byName(x, y))
      return o.reverse ? sorted.reverse() : sorted
    }
    /** -L shows what a symbolic link points to (the link itself when it dangles). */
    const look = (path: string) => (o.dereference ? (fs.stat(path) ?? fs.lstat(path)) : fs.lstat(path))
    let style: [string, string] | null = null
    const styleName = o.timeStyle ?? (o.fullTime ? 'full-iso' : undefined)
    if (format === 'long' && styleName !== undefined) {
      const t = timeStyle(styleName)
      if (isFail(t)) return usageError(ctx, ARGS, t.fail)
      style = t
    }
    let status = 0
    const files: Entry[] = []
    const dirs: Entry[] = []
    for (const t of a.operands.length ? a.operands : ['.']) {
      const path = abs(ctx, t)
      let node = look(path)
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
      const entries: Entry[] = names.map((n) => ({ name: n, path: join(d.path, n), node: look(join(d.path, n))! })).filter((e) => e.node)
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

type Format = 'long' | 'one' | 'columns' | 'commas'

interface RenderOptions {
  format: Format
  style: [string, string] | null
  total: boolean
  human: boolean
  size: boolean
  classify: boolean
  p: boolean
  inode: boolean
  context: boolean
  numericUidGid: boolean
  g: boolean
  o: boolean
  noGroup: boolean
  paint: (e: Entry, text: string) => string
}

function render1(ctx: CommandContext, entries: Entry[], o: RenderOptions): string {
  const size = (n: AnyNode) => (o.human ? human(sizeOf(n)) : String(sizeOf(n)))
  const blocks = (n: AnyNode) => (o.human ? human(blocksOf(n) * 1024) : String(blocksOf(n)))
  const mark = (n: AnyNode) => (o.classify ? (n.type === 'dir' ? '/' : n.type === 'link' ? '@' : n.mode & 0o111 ? '*' : '') : o.p && n.type === 'dir' ? '/' : '')
  // Every file of a lab host is root's: uid and gid 0.
  const owner = o.numericUidGid ? '0' : 'root'
  const arrow = (n: AnyNode) => (n.type === 'link' ? ` -> ${n.target}` : '')
  const totalBlocks = entries.reduce((s, e) => s + blocksOf(e.node), 0)
  const total = o.total && (o.format === 'long' || o.size) ? `total ${o.human ? human(totalBlocks * 1024) : totalBlocks}\n` : ''
  if (o.format === 'long') {
    const now = ctx.host.wall()
    const rows = entries.map((e) => [o.inode ? String(inode(e.path)) : '', o.size ? blocks(e.node) : '', `${modeString(e.node)}.`, String(linksOf(ctx, e.path, e.node)), o.g ? '' : owner, o.o || o.noGroup ? '' : owner, o.context ? CONTEXT : '', size(e.node), when(e.node.mtime, now, o.style), o.paint(e, e.name) + (e.node.type === 'link' ? arrow(e.node) : mark(e.node))])
    const w = rows[0]?.map((_, i) => Math.max(...rows.map((r) => r[i].length))) ?? []
    const cell = (r: string[], i: number, pad: 'start' | 'end') => (r[i] === '' && w[i] === 0 ? '' : `${pad === 'start' ? r[i].padStart(w[i]) : r[i].padEnd(w[i])} `)
    return total + rows.map((r) => `${cell(r, 0, 'start')}${cell(r, 1, 'start')}${r[2]} ${r[3].padStart(w[3])} ${cell(r, 4, 'end')}${cell(r, 5, 'end')}${cell(r, 6, 'end')}${r[7].padStart(w[7])} ${r[8]} ${r[9]}\n`).join('')
  }
  const iw = Math.max(0, ...entries.map((e) => String(inode(e.path)).length))
  const bw = Math.max(0, ...entries.map((e) => blocks(e.node).length))
  const names = entries.map((e) => (o.inode ? `${String(inode(e.path)).padStart(o.format === 'commas' ? 0 : iw)} ` : '') + (o.size ? `${blocks(e.node).padStart(o.format === 'commas' ? 0 : bw)} ` : '') + (o.context ? `${CONTEXT} ` : '') + o.paint(e, e.name) + mark(e.node))
  if (o.format === 'one') return total + names.map((n) => n + '\n').join('')
  if (o.format === 'commas') return total + commas(names, ctx.term?.cols ?? 80)
  return total + columns(names, ctx.term?.cols ?? 80)
}

/** ls -m: names joined by `, `, a line broken before a name that would reach the width (ls.c's
 *  print_with_separator). */
function commas(names: string[], width: number): string {
  if (!names.length) return ''
  const visible = (n: string) => n.replace(/\x1b\[[0-9;]*m/g, '').length
  let out = ''
  let pos = 0
  names.forEach((n, i) => {
    const len = visible(n)
    if (i) {
      const fits = pos + len + 2 < width
      out += fits ? ', ' : ',\n'
      pos = fits ? pos + 2 : 0
    }
    out += n
    pos += len
  })
  return out + '\n'
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
