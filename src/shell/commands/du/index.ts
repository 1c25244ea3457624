// du (GNU coreutils 8.32): the disk usage of each FILE (default `.`), each directory's the sum of
// everything under it, printed after its contents, in 1 KiB blocks rounded up (-h human sizes
// as du rounds them, -m MiB, -b/--apparent-size bytes instead of blocks); -s only the
// operands, -a files too, -d N down to depth N, -S without subdirectories, -c a grand total.
// Sizes are the lab's ext4 ones (files.ts): a directory is one 4 KiB block, a file whole 4 KiB
// granules, a short symlink none. Entries are listed in the lab's directory order.

import type { AnyNode } from '../../../host/fs.ts'
import { coreutilsFooter, coreutilsVersion, defineArgs, MANDATORY, parseArgs, type Fail } from '../../args/index.ts'
import { abs, blocksOf, join, quote, quoteaf, sizeOf } from '../files.ts'
import type { CommandDef } from '../types.ts'

const depth = (v: string): number | Fail => (/^\s*\+?\d+$/.test(v) ? Number(v) : { fail: `invalid maximum depth ${quote(v)}`, status: 1, tryHelp: true })

const ARGS = defineArgs({
  usageStatus: 1,
  options: {
    null: { short: '0', long: 'null', help: 'end each output line with NUL, not newline' },
    all: { short: 'a', long: 'all', help: 'write counts for all files, not just directories' },
    apparentSize: { long: 'apparent-size', help: "print apparent sizes, rather than disk usage; although\n  the apparent size is usually smaller, it may be\n  larger due to holes in ('sparse') files, internal\n  fragmentation, indirect blocks, and the like" },
    blockSize: { short: 'B', long: 'block-size', arg: 'required', argName: 'SIZE', help: "scale sizes by SIZE before printing them; e.g.,\n   '-BM' prints sizes in units of 1,048,576 bytes;\n   see SIZE format below", unsimulated: true },
    bytes: { short: 'b', long: 'bytes', help: "equivalent to '--apparent-size --block-size=1'" },
    total: { short: 'c', long: 'total', help: 'produce a grand total' },
    dereferenceArgs: { short: 'D', long: 'dereference-args', help: 'dereference only symlinks that are listed on the\n  command line', unsimulated: true },
    maxDepth: { short: 'd', long: 'max-depth', arg: 'required', argName: 'N', parse: depth, help: 'print the total for a directory (or file, with --all)\n  only if it is N or fewer levels below the command\n  line argument;  --max-depth=0 is the same as\n  --summarize' },
    files0From: { long: 'files0-from', arg: 'required', argName: 'F', help: 'summarize disk usage of the\n  NUL-terminated file names specified in file F;\n  if F is -, then read names from standard input', unsimulated: true },
    H: { short: 'H', help: 'equivalent to --dereference-args (-D)', unsimulated: true },
    human: { short: 'h', long: 'human-readable', help: 'print sizes in human readable format (e.g., 1K 234M 2G)' },
    inodes: { long: 'inodes', help: 'list inode usage information instead of block usage', unsimulated: true },
    k: { short: 'k', help: 'like --block-size=1K' },
    dereference: { short: 'L', long: 'dereference', help: 'dereference all symbolic links', unsimulated: true },
    countLinks: { short: 'l', long: 'count-links', help: 'count sizes many times if hard linked' },
    m: { short: 'm', help: 'like --block-size=1M' },
    noDereference: { short: 'P', long: 'no-dereference', help: "don't follow any symbolic links (this is the default)" },
    separateDirs: { short: 'S', long: 'separate-dirs', help: 'for directories do not include size of subdirectories' },
    si: { long: 'si', help: 'like -h, but use powers of 1000 not 1024', unsimulated: true },
    summarize: { short: 's', long: 'summarize', help: 'display only a total for each argument' },
    threshold: { short: 't', long: 'threshold', arg: 'required', argName: 'SIZE', help: 'exclude entries smaller than SIZE if positive,\n  or entries greater than SIZE if negative', unsimulated: true },
    time: { long: 'time', arg: 'optional', argName: 'WORD', label: '    --time=WORD', before: '      --time            show time of the last modification of any file in the\n                          directory, or any of its subdirectories\n', help: 'show time as WORD instead of modification time:\n  atime, access, use, ctime or status', unsimulated: true },
    timeStyle: { long: 'time-style', arg: 'required', argName: 'STYLE', help: "show times using STYLE, which can be:\n    full-iso, long-iso, iso, or +FORMAT;\n    FORMAT is interpreted like in 'date'", unsimulated: true },
    excludeFrom: { short: 'X', long: 'exclude-from', arg: 'required', argName: 'FILE', help: 'exclude files that match any pattern in FILE', unsimulated: true },
    exclude: { long: 'exclude', arg: 'required', argName: 'PATTERN', help: 'exclude files that match PATTERN', column: 27, unsimulated: true },
    oneFileSystem: { short: 'x', long: 'one-file-system', help: 'skip directories on different file systems', column: 27 },
  },
  help: {
    usage: ['Usage: %s [OPTION]... [FILE]...', '  or:  %s [OPTION]... --files0-from=F'],
    column: 24,
    intro: 'Summarize disk usage of the set of FILEs, recursively for directories.\n\n' + MANDATORY,
    outro:
      '\nDisplay values are in units of the first available SIZE from --block-size,\nand the DU_BLOCK_SIZE, BLOCK_SIZE and BLOCKSIZE environment variables.\nOtherwise, units default to 1024 bytes (or 512 if POSIXLY_CORRECT is set).\n\nThe SIZE argument is an integer and optional unit (example: 10K is 10*1024).\nUnits are K,M,G,T,P,E,Z,Y (powers of 1024) or KB,MB,... (powers of 1000).\nBinary prefixes can be used, too: KiB=K, MiB=M, and so on.\n' +
      coreutilsFooter('du'),
  },
  version: coreutilsVersion('du', 'Torbjorn Granlund, David MacKenzie, Paul Eggert,\nand Jim Meyering'),
})

/** du -h: human_ceiling with powers of 1024, one decimal below 10 (4.0K, 12K, 1.5M). */
function human(bytes: number): string {
  if (bytes < 1024) return String(bytes)
  let v = bytes
  let i = -1
  do {
    v /= 1024
    i++
  } while (v >= 1024 && i < 7)
  if (v < 10) {
    const t = Math.ceil(v * 10) / 10
    return t >= 10 ? `10${'KMGTPEZY'[i]}` : `${t.toFixed(1)}${'KMGTPEZY'[i]}`
  }
  const n = Math.ceil(v)
  return n >= 1024 && i < 7 ? `1.0${'KMGTPEZY'[i + 1]}` : `${n}${'KMGTPEZY'[i]}`
}

export const du: CommandDef = {
  name: 'du',
  path: '/usr/bin/du',
  rpm: 'coreutils',
  summary: 'estimate file space usage',
  args: ARGS,
  run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    const o = a.opts
    const prog = ctx.argv[0]
    const fs = ctx.host.fs
    if (o.summarize && o.all) {
      ctx.err(`${prog}: cannot both summarize and show all entries\nTry '${prog} --help' for more information.\n`)
      return 1
    }
    const maxDepth = o.summarize ? 0 : o.maxDepth ?? Infinity
    const apparent = o.apparentSize || o.bytes
    // The unit: bytes for -b, else the last of -k, -m, -h (KiB by default).
    const unit = a.seen.reduce<'k' | 'm' | 'h' | 'b'>((u, s) => (s.key === 'k' ? 'k' : s.key === 'm' ? 'm' : s.key === 'human' ? 'h' : s.key === 'bytes' ? 'b' : u), 'k')
    const usage = (n: AnyNode) => (apparent ? sizeOf(n) : blocksOf(n) * 1024)
    const show = (bytes: number) => (unit === 'b' ? String(bytes) : unit === 'h' ? human(bytes) : String(Math.ceil(bytes / (unit === 'm' ? 1048576 : 1024))))
    const end = o.null ? '\0' : '\n'
    const print = (bytes: number, name: string) => ctx.out(`${show(bytes)}\t${name}${end}`)
    /** Walks `path`, printing what its depth allows; returns its total, and its own usage for -S. */
    const walk = (path: string, name: string, level: number, node: AnyNode): number => {
      if (node.type !== 'dir') {
        const n = usage(node)
        if (level === 0 || (o.all && level <= maxDepth)) print(n, name)
        return n
      }
      let own = usage(node)
      let sub = 0
      for (const child of fs.list(path) ?? []) {
        const p = join(path, child)
        const c = fs.lstat(p)
        if (!c) continue
        const n = walk(p, join(name, child), level + 1, c)
        if (c.type === 'dir') sub += n
        else own += n
      }
      if (level <= maxDepth) print(o.separateDirs ? own : own + sub, name)
      return own + sub
    }
    let total = 0
    let status = 0
    for (const op of a.operands.length ? a.operands : ['.']) {
      const path = abs(ctx, op)
      const node = fs.lstat(path)
      if (!node) {
        ctx.err(`${prog}: cannot access ${quoteaf(op)}: No such file or directory\n`)
        status = 1
        continue
      }
      total += walk(path, op.replace(/(.)\/+$/, '$1'), 0, node)
    }
    if (o.total) print(total, 'total')
    return status
  },
}
