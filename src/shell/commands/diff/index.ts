// diff (GNU diffutils 3.7): compare two files line by line and print the changes in the normal
// format (`2c2`, `< old`, `---`, `> new`) or unified (-u/-U N, with `@@ -l,s +l,s @@` hunks of N
// context lines), -q only whether they differ, -s say when they are the same, -i/-w/-b to ignore
// case or white space, directories by name (-r into subdirectories). Status 0 same, 1 different,
// 2 trouble. The edit script is Myers' O(ND) shortest one, as GNU diff computes it.

import type { Node } from '../../../host/fs.ts'
import { coreutilsVersion, defineArgs, parseArgs, type Fail } from '../../args/index.ts'
import { strftime } from '../../text/date.ts'
import { splitLines, type Line } from '../../text/lines.ts'
import { abs, isPipe, join, readInput } from '../files.ts'
import type { CommandContext, CommandDef } from '../types.ts'

/** The paragraph on -D's format options, between them and -d. */
const FORMATS = `    These format options provide fine-grained control over the output
      of diff, generalizing -D/--ifdef.
    LTYPE is 'old', 'new', or 'unchanged'.  GTYPE is LTYPE or 'changed'.
    GFMT (only) may contain:
      %<  lines from FILE1
      %>  lines from FILE2
      %=  lines common to FILE1 and FILE2
      %[-][WIDTH][.[PREC]]{doxX}LETTER  printf-style spec for LETTER
        LETTERs are as follows for new group, lower case for old group:
          F  first line number
          L  last line number
          N  number of lines = L-F+1
          E  F-1
          M  L+1
      %(A=B?T:E)  if A equals B then T else E
    LFMT (only) may contain:
      %L  contents of line
      %l  contents of line, excluding any trailing newline
      %[-][WIDTH][.[PREC]]{doxX}n  printf-style spec for input line number
    Both GFMT and LFMT may contain:
      %%  %
      %c'C'  the single character C
      %c'\\OOO'  the character with octal code OOO
      C    the character C (other characters represent themselves)

`

const contextLength = (v: string): number | Fail => (/^\d+$/.test(v) ? Number(v) : { fail: `invalid context length '${v}'`, status: 2, tryHelp: true })

/** diffutils 3.7's options in its usage() order (src/diff.c option_help_msgid), its three help
 *  columns as it aligns them by hand; what the lab does not model is unsimulated. */
const ARGS = defineArgs({
  usageStatus: 2,
  tryHelp: (p) => `${p}: Try '${p} --help' for more information.\n`,
  options: {
    normal: { long: 'normal', help: 'output a normal diff (the default)', column: 32 },
    brief: { short: 'q', long: 'brief', help: 'report only when files differ', column: 32 },
    identical: { short: 's', long: 'report-identical-files', help: 'report when two files are the same', column: 32 },
    c: { short: 'c', label: '-c, -C NUM, --context[=NUM]', help: 'output NUM (default 3) lines of copied context', column: 32, unsimulated: true },
    contextShort: { short: 'C', arg: 'required', parse: contextLength, unsimulated: true },
    context: { long: 'context', arg: 'optional', parse: contextLength, unsimulated: true },
    u: { short: 'u', label: '-u, -U NUM, --unified[=NUM]', help: 'output NUM (default 3) lines of unified context', column: 32 },
    unifiedShort: { short: 'U', arg: 'required', parse: contextLength },
    unifiedLong: { long: 'unified', arg: 'optional', parse: contextLength, bare: '3' },
    ed: { short: 'e', long: 'ed', help: 'output an ed script', column: 32, unsimulated: true },
    rcs: { short: 'n', long: 'rcs', help: 'output an RCS format diff', column: 32, unsimulated: true },
    sideBySide: { short: 'y', long: 'side-by-side', help: 'output in two columns', column: 32, unsimulated: true },
    width: { short: 'W', long: 'width', arg: 'required', argName: 'NUM', help: 'output at most NUM (default 130) print columns', column: 32, unsimulated: true },
    leftColumn: { long: 'left-column', help: 'output only the left column of common lines', column: 32, unsimulated: true },
    suppressCommon: { long: 'suppress-common-lines', help: 'do not output common lines', column: 32, unsimulated: true },
    showCFunction: { short: 'p', long: 'show-c-function', before: '\n', help: 'show which C function each change is in', column: 32, unsimulated: true },
    showFunctionLine: { short: 'F', long: 'show-function-line', arg: 'required', argName: 'RE', help: 'show the most recent line matching RE', column: 32, unsimulated: true },
    label: { long: 'label', arg: 'required', label: '    --label LABEL', help: 'use LABEL instead of file name and timestamp\n  (can be repeated)', column: 32, unsimulated: true },
    expandTabs: { short: 't', long: 'expand-tabs', before: '\n', help: 'expand tabs to spaces in output', column: 32, unsimulated: true },
    initialTab: { short: 'T', long: 'initial-tab', help: 'make tabs line up by prepending a tab', column: 32, unsimulated: true },
    tabsize: { long: 'tabsize', arg: 'required', argName: 'NUM', help: 'tab stops every NUM (default 8) print columns', column: 32, unsimulated: true },
    suppressBlankEmpty: { long: 'suppress-blank-empty', help: 'suppress space or tab before empty output lines', column: 32, unsimulated: true },
    paginate: { short: 'l', long: 'paginate', help: "pass output through 'pr' to paginate it", column: 32, unsimulated: true },
    recursive: { short: 'r', long: 'recursive', before: '\n', help: 'recursively compare any subdirectories found', column: 34 },
    noDereference: { long: 'no-dereference', help: "don't follow symbolic links", column: 34, unsimulated: true },
    newFile: { short: 'N', long: 'new-file', help: 'treat absent files as empty', column: 34, unsimulated: true },
    unidirectionalNewFile: { long: 'unidirectional-new-file', help: 'treat absent first files as empty', column: 34, unsimulated: true },
    ignoreFileNameCase: { long: 'ignore-file-name-case', help: 'ignore case when comparing file names', column: 34, unsimulated: true },
    noIgnoreFileNameCase: { long: 'no-ignore-file-name-case', help: 'consider case when comparing file names', column: 34, unsimulated: true },
    exclude: { short: 'x', long: 'exclude', arg: 'required', argName: 'PAT', help: 'exclude files that match PAT', column: 34, unsimulated: true },
    excludeFrom: { short: 'X', long: 'exclude-from', arg: 'required', argName: 'FILE', help: 'exclude files that match any pattern in FILE', column: 34, unsimulated: true },
    startingFile: { short: 'S', long: 'starting-file', arg: 'required', argName: 'FILE', help: 'start with FILE when comparing directories', column: 34, unsimulated: true },
    fromFile: { long: 'from-file', arg: 'required', argName: 'FILE1', help: 'compare FILE1 to all operands;\n  FILE1 can be a directory', column: 34, unsimulated: true },
    toFile: { long: 'to-file', arg: 'required', argName: 'FILE2', help: 'compare all operands to FILE2;\n  FILE2 can be a directory', column: 34, unsimulated: true },
    ignoreCase: { short: 'i', long: 'ignore-case', before: '\n', help: 'ignore case differences in file contents', column: 34 },
    ignoreTabExpansion: { short: 'E', long: 'ignore-tab-expansion', help: 'ignore changes due to tab expansion', column: 34, unsimulated: true },
    ignoreTrailingSpace: { short: 'Z', long: 'ignore-trailing-space', help: 'ignore white space at line end', column: 34, unsimulated: true },
    ignoreSpaceChange: { short: 'b', long: 'ignore-space-change', help: 'ignore changes in the amount of white space', column: 34 },
    ignoreAllSpace: { short: 'w', long: 'ignore-all-space', help: 'ignore all white space', column: 34 },
    ignoreBlankLines: { short: 'B', long: 'ignore-blank-lines', help: 'ignore changes where lines are all blank', column: 34, unsimulated: true },
    ignoreMatchingLines: { short: 'I', long: 'ignore-matching-lines', arg: 'required', argName: 'RE', help: 'ignore changes where all lines match RE', column: 34, unsimulated: true },
    // The lab compares every file as text, which is what -a asks for.
    text: { short: 'a', long: 'text', before: '\n', help: 'treat all files as text', column: 34 },
    stripTrailingCr: { long: 'strip-trailing-cr', help: 'strip trailing carriage return on input', column: 34, unsimulated: true },
    ifdef: { short: 'D', long: 'ifdef', arg: 'required', argName: 'NAME', before: '\n', help: "output merged file with '#ifdef NAME' diffs", column: 34, unsimulated: true },
    oldGroupFormat: { long: 'old-group-format', arg: 'required', label: '    --GTYPE-group-format=GFMT', help: 'format GTYPE input groups with GFMT', column: 34, unsimulated: true },
    newGroupFormat: { long: 'new-group-format', arg: 'required', unsimulated: true },
    unchangedGroupFormat: { long: 'unchanged-group-format', arg: 'required', unsimulated: true },
    changedGroupFormat: { long: 'changed-group-format', arg: 'required', unsimulated: true },
    lineFormat: { long: 'line-format', arg: 'required', argName: 'LFMT', help: 'format all input lines with LFMT', column: 34, unsimulated: true },
    oldLineFormat: { long: 'old-line-format', arg: 'required', label: '    --LTYPE-line-format=LFMT', help: 'format LTYPE input lines with LFMT', column: 34, unsimulated: true },
    newLineFormat: { long: 'new-line-format', arg: 'required', unsimulated: true },
    unchangedLineFormat: { long: 'unchanged-line-format', arg: 'required', unsimulated: true },
    minimal: { short: 'd', long: 'minimal', before: FORMATS, help: 'try hard to find a smaller set of changes' },
    horizonLines: { long: 'horizon-lines', arg: 'required', argName: 'NUM', help: 'keep NUM lines of the common prefix and suffix', unsimulated: true },
    speedLargeFiles: { long: 'speed-large-files', help: 'assume large files and many scattered small changes', unsimulated: true },
    color: { long: 'color', arg: 'optional', argName: 'WHEN', help: "colorize the output; WHEN can be 'never', 'always',\n  or 'auto' (the default)", unsimulated: true },
    palette: { long: 'palette', arg: 'required', argName: 'PALETTE', help: 'the colors to use when --color is active; PALETTE is\n  a colon-separated list of terminfo capabilities', unsimulated: true },
    v: { short: 'v' },
  },
  help: {
    usage: ['Usage: %s [OPTION]... FILES'],
    intro: 'Compare FILES line by line.\n\nMandatory arguments to long options are mandatory for short options too.\n',
    standard: '\n      --help               display this help and exit\n  -v, --version            output version information and exit\n',
    outro: `
FILES are 'FILE1 FILE2' or 'DIR1 DIR2' or 'DIR FILE' or 'FILE DIR'.
If --from-file or --to-file is given, there are no restrictions on FILE(s).
If a FILE is '-', read standard input.
Exit status is 0 if inputs are the same, 1 if different, 2 if trouble.

Report bugs to: bug-diffutils@gnu.org
GNU diffutils home page: <https://www.gnu.org/software/diffutils/>
General help using GNU software: <https://www.gnu.org/gethelp/>
`,
  },
  version: coreutilsVersion('diff', 'Paul Eggert, Mike Haertel, David Hayes,\nRichard Stallman, and Len Tower').replace('(GNU coreutils) 8.32', '(GNU diffutils) 3.7').replace('2020', '2018'),
})

type Op = { kind: 'same' | 'del' | 'add'; a: number; b: number }

/** Myers' greedy shortest edit script between a and b under `eq`. */
function editScript(a: string[], b: string[]): Op[] {
  const n = a.length
  const m = b.length
  const max = n + m
  const v = new Map<number, number>([[1, 0]])
  const trace: Map<number, number>[] = []
  outer: for (let d = 0; d <= max; d++) {
    trace.push(new Map(v))
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && (v.get(k - 1) ?? -1) < (v.get(k + 1) ?? -1)) ? (v.get(k + 1) ?? 0) : (v.get(k - 1) ?? 0) + 1
      let y = x - k
      while (x < n && y < m && a[x] === b[y]) {
        x++
        y++
      }
      v.set(k, x)
      if (x >= n && y >= m) break outer
    }
  }
  const ops: Op[] = []
  let x = n
  let y = m
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d]
    const k = x - y
    const down = k === -d || (k !== d && (vd.get(k - 1) ?? -1) < (vd.get(k + 1) ?? -1))
    const pk = down ? k + 1 : k - 1
    const px = vd.get(pk) ?? 0
    const py = px - pk
    while (x > px && y > py) ops.push({ kind: 'same', a: --x, b: --y })
    if (d > 0) {
      if (down) ops.push({ kind: 'add', a: x, b: --y })
      else ops.push({ kind: 'del', a: --x, b: y })
    }
  }
  return ops.reverse()
}

const range = (start: number, count: number) => (count === 1 ? `${start + 1}` : count === 0 ? `${start}` : `${start + 1},${start + count}`)
const unifiedRange = (start: number, count: number) => (count === 1 ? `${start + 1}` : `${count === 0 ? start : start + 1},${count}`)

function lineOut(prefix: string, l: Line): string {
  return `${prefix}${l.text}\n${l.ended ? '' : '\\ No newline at end of file\n'}`
}

function compareFiles(ctx: CommandContext, o: { unified?: number; u: boolean; brief: boolean; ignoreCase: boolean; ignoreSpaceChange: boolean; ignoreAllSpace: boolean }, names: [string, string], texts: [string, string], mtimes: [number, number]): number {
  const [la, lb] = texts.map((t) => splitLines(t))
  const key = (l: Line) => {
    let t = l.text
    if (o.ignoreAllSpace) t = t.replace(/\s+/g, '')
    else if (o.ignoreSpaceChange) t = t.replace(/\s+/g, ' ').replace(/ $/, '')
    if (o.ignoreCase) t = t.toLowerCase()
    return t + (l.ended ? '\n' : '')
  }
  const ops = editScript(la.map(key), lb.map(key))
  if (ops.every((op) => op.kind === 'same')) return 0
  if (o.brief) {
    ctx.out(`Files ${names[0]} and ${names[1]} differ\n`)
    return 1
  }
  const context = o.unified ?? (o.u ? 3 : -1)
  if (context < 0) {
    for (let i = 0; i < ops.length; ) {
      if (ops[i].kind === 'same') {
        i++
        continue
      }
      const start = i
      while (i < ops.length && ops[i].kind !== 'same') i++
      const chunk = ops.slice(start, i)
      const dels = chunk.filter((c) => c.kind === 'del')
      const adds = chunk.filter((c) => c.kind === 'add')
      const cmd = dels.length && adds.length ? 'c' : dels.length ? 'd' : 'a'
      const left = cmd === 'a' ? String(chunk[0].a) : range(dels[0].a, dels.length)
      const right = cmd === 'd' ? String(chunk[0].b) : range(adds[0].b, adds.length)
      ctx.out(`${left}${cmd}${right}\n`)
      for (const d of dels) ctx.out(lineOut('< ', la[d.a]))
      if (cmd === 'c') ctx.out('---\n')
      for (const a of adds) ctx.out(lineOut('> ', lb[a.b]))
    }
    return 1
  }
  const stamp = (t: number) => strftime('%Y-%m-%d %H:%M:%S.000000000 %z', t)
  ctx.out(`--- ${names[0]}\t${stamp(mtimes[0])}\n+++ ${names[1]}\t${stamp(mtimes[1])}\n`)
  const changed = ops.map((op, i) => (op.kind !== 'same' ? i : -1)).filter((i) => i >= 0)
  let h = 0
  while (h < changed.length) {
    let first = Math.max(0, changed[h] - context)
    let last = changed[h]
    while (h + 1 < changed.length && changed[h + 1] - last <= 2 * context + 1) last = changed[++h]
    h++
    const end = Math.min(ops.length - 1, last + context)
    const hunk = ops.slice(first, end + 1)
    const aLines = hunk.filter((op) => op.kind !== 'add')
    const bLines = hunk.filter((op) => op.kind !== 'del')
    const aStart = aLines.length ? aLines[0].a : hunk[0].a
    const bStart = bLines.length ? bLines[0].b : hunk[0].b
    ctx.out(`@@ -${unifiedRange(aStart, aLines.length)} +${unifiedRange(bStart, bLines.length)} @@\n`)
    for (const op of hunk) ctx.out(op.kind === 'same' ? lineOut(' ', la[op.a]) : op.kind === 'del' ? lineOut('-', la[op.a]) : lineOut('+', lb[op.b]))
    first = end
  }
  return 1
}

export const diff: CommandDef = {
  name: 'diff',
  path: '/usr/bin/diff',
  rpm: 'diffutils',
  summary: 'compare files line by line',
  args: ARGS,
  *run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    if (a.opts.v) {
      ctx.out(ARGS.version!)
      return 0
    }
    const o = { ...a.opts, unified: a.opts.unifiedShort ?? a.opts.unifiedLong }
    const prog = ctx.argv[0]
    if (a.operands.length < 2) {
      ctx.err(`${prog}: ${a.operands.length ? `missing operand after '${a.operands[0]}'` : 'missing operand'}\n${prog}: Try '${prog} --help' for more information.\n`)
      return 2
    }
    if (a.operands.length > 2) {
      ctx.err(`${prog}: extra operand '${a.operands[2]}'\n${prog}: Try '${prog} --help' for more information.\n`)
      return 2
    }
    const fs = ctx.host.fs
    const stdin = a.operands.includes('-') ? yield* ctx.stdin.readAll() : ''
    // A `<(cmd)` operand is a pipe: read to its end (cmd finishes) before the comparison starts.
    const piped = new Map<string, string>()
    for (const op of a.operands) {
      if (op === '-' || !isPipe(ctx, op)) continue
      const text = yield* readInput(ctx, op)
      piped.set(op, typeof text === 'string' ? text : '')
    }
    // The directories being compared, each side's real path: a symlink back to one of them is a loop.
    const open: [string, string][] = []
    const compare = (x: string, y: string, top: boolean): number => {
      const px = abs(ctx, x)
      const py = abs(ctx, y)
      const nx = x === '-' ? null : fs.stat(px)
      const ny = y === '-' ? null : fs.stat(py)
      for (const [name, n] of [[x, nx], [y, ny]] as const) {
        if (name !== '-' && !n) {
          ctx.err(`${prog}: ${name}: No such file or directory\n`)
          return 2
        }
      }
      if (nx?.type === 'dir' && ny?.type === 'dir') {
        const real: [string, string] = [fs.resolve(px), fs.resolve(py)]
        const looped = open.findIndex(([ax, ay]) => ax === real[0] || ay === real[1])
        if (looped >= 0) {
          ctx.err(`${prog}: ${open[looped][0] === real[0] ? x : y}: recursive directory loop\n`)
          return 2
        }
        open.push(real)
        try {
          return compareDirs(x, y, px, py)
        } finally {
          open.pop()
        }
      }
      return compareFile(x, y, nx, ny, top)
    }
    const compareDirs = (x: string, y: string, px: string, py: string): number => {
      {
        const lx = fs.list(px) ?? []
        const ly = fs.list(py) ?? []
        let status = 0
        for (const name of [...new Set([...lx, ...ly])].sort()) {
          if (!lx.includes(name) || !ly.includes(name)) {
            ctx.out(`Only in ${lx.includes(name) ? x : y}: ${name}\n`)
            status = Math.max(status, 1)
            continue
          }
          const cx = join(x, name)
          const cy = join(y, name)
          if (fs.isDir(join(px, name)) && fs.isDir(join(py, name))) {
            if (o.recursive) status = Math.max(status, compare(cx, cy, false))
            else ctx.out(`Common subdirectories: ${cx} and ${cy}\n`)
            continue
          }
          status = Math.max(status, compare(cx, cy, false))
        }
        return status
      }
    }
    const compareFile = (x: string, y: string, nx: Node | null, ny: Node | null, top: boolean): number => {
      if (nx?.type === 'dir' || ny?.type === 'dir') {
        const dirSide = nx?.type === 'dir' ? x : y
        const file = dirSide === x ? y : x
        const inside = join(dirSide, file.slice(file.lastIndexOf('/') + 1))
        return dirSide === x ? compare(inside, y, top) : compare(x, inside, top)
      }
      const tx = x === '-' ? stdin : (piped.get(x) ?? (nx as { content: string }).content)
      const ty = y === '-' ? stdin : (piped.get(y) ?? (ny as { content: string }).content)
      if (!top && tx !== ty && !o.brief) ctx.out(`diff ${[...ctx.argv.slice(1, -2), x, y].join(' ')}\n`)
      const r = compareFiles(ctx, o, [x, y], [tx, ty], [nx?.mtime ?? ctx.host.wall(), ny?.mtime ?? ctx.host.wall()])
      if (r === 0 && o.identical) ctx.out(`Files ${x} and ${y} are identical\n`)
      return r
    }
    return compare(a.operands[0], a.operands[1], true)
  },
}
