// truncate (GNU coreutils 8.32): each FILE (created unless -c) cut or extended with zero bytes to
// SIZE, or to RFILE's size; SIZE takes the K/M/G... and KB/MB... units and a prefix that makes it
// relative: + extend by, - reduce by, < at most, > at least, / down to a multiple, % up to one.

import { coreutilsFooter, coreutilsVersion, defineArgs, MANDATORY, parseArgs, usageError, type Fail } from '../../args/index.ts'
import { fromBytes, toBytes } from '../../text/lines.ts'
import { abs, errText, quote, quoteaf, sizeOf } from '../files.ts'
import type { CommandDef } from '../types.ts'

interface Size {
  op: '' | '+' | '-' | '<' | '>' | '/' | '%'
  n: number
}

const UNITS = 'KMGTPEZY'

/** SIZE as xstrtoimax with truncate's suffixes reads it. */
export function sizeArg(v: string): Size | Fail {
  const m = /^\s*([-+<>/%]?)\s*(\d+)([KMGTPEZY](?:iB|B)?|[kbcw]|)$/.exec(v)
  if (!m) return { fail: `Invalid number: ${quote(v)}`, status: 1 }
  const [, op, digits, unit] = m
  let n = Number(digits)
  if (unit) {
    const scale = unit === 'b' ? 512 : unit === 'c' ? 1 : unit === 'w' ? 2 : unit === 'k' ? 1024 : (unit.endsWith('B') && !unit.endsWith('iB') ? 1000 : 1024) ** (UNITS.indexOf(unit[0].toUpperCase()) + 1)
    n *= scale
  }
  if (!Number.isSafeInteger(n)) return { fail: `Invalid number: ${quote(v)}: Value too large for defined data type`, status: 1 }
  if ((op === '/' || op === '%') && n === 0) return { fail: 'division by zero', status: 1 }
  return { op: op as Size['op'], n }
}

const ARGS = defineArgs({
  usageStatus: 1,
  options: {
    noCreate: { short: 'c', long: 'no-create', help: 'do not create any files' },
    ioBlocks: { short: 'o', long: 'io-blocks', help: 'treat SIZE as number of IO blocks instead of bytes', unsimulated: true },
    reference: { short: 'r', long: 'reference', arg: 'required', argName: 'RFILE', help: 'base size on RFILE' },
    size: { short: 's', long: 'size', arg: 'required', argName: 'SIZE', parse: sizeArg, help: 'set or adjust the file size by SIZE bytes' },
  },
  help: {
    usage: ['Usage: %s OPTION... FILE...'],
    column: 25,
    intro: 'Shrink or extend the size of each FILE to the specified size\n\nA FILE argument that does not exist is created.\n\nIf a FILE is larger than the specified size, the extra data is lost.\nIf a FILE is shorter, it is extended and the sparse extended part (hole)\nreads as zero bytes.\n\n' + MANDATORY,
    outro:
      "\nThe SIZE argument is an integer and optional unit (example: 10K is 10*1024).\nUnits are K,M,G,T,P,E,Z,Y (powers of 1024) or KB,MB,... (powers of 1000).\nBinary prefixes can be used, too: KiB=K, MiB=M, and so on.\n\nSIZE may also be prefixed by one of the following modifying characters:\n'+' extend by, '-' reduce by, '<' at most, '>' at least,\n'/' round down to multiple of, '%' round up to multiple of.\n" +
      coreutilsFooter('truncate'),
  },
  version: coreutilsVersion('truncate', 'Padraig Brady'),
})

function target(size: Size | undefined, ref: number | undefined, current: number): number {
  if (!size) return ref!
  const base = ref ?? current
  switch (size.op) {
    case '':
      return size.n
    case '+':
      return base + size.n
    case '-':
      return Math.max(0, base - size.n)
    case '<':
      return Math.min(current, size.n)
    case '>':
      return Math.max(current, size.n)
    case '/':
      return Math.floor(base / size.n) * size.n
    case '%':
      return Math.ceil(base / size.n) * size.n
  }
}

export const truncate: CommandDef = {
  name: 'truncate',
  path: '/usr/bin/truncate',
  rpm: 'coreutils',
  summary: 'shrink or extend the size of a file to the specified size',
  args: ARGS,
  run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    const o = a.opts
    const prog = ctx.argv[0]
    const fs = ctx.host.fs
    if (o.size === undefined && o.reference === undefined) return usageError(ctx, ARGS, 'you must specify either ‘--size’ or ‘--reference’')
    if (o.size && o.reference !== undefined && (o.size.op === '' || o.size.op === '<' || o.size.op === '>')) return usageError(ctx, ARGS, 'you must specify a relative ‘--size’ with ‘--reference’')
    if (!a.operands.length) return usageError(ctx, ARGS, 'missing file operand')
    let ref: number | undefined
    if (o.reference !== undefined) {
      const n = fs.stat(abs(ctx, o.reference))
      if (!n) {
        ctx.err(`${prog}: cannot stat ${quoteaf(o.reference)}: No such file or directory\n`)
        return 1
      }
      ref = sizeOf(n)
    }
    let status = 0
    for (const op of a.operands) {
      const path = abs(ctx, op)
      const node = fs.stat(path)
      if (!node && o.noCreate) continue
      if (node?.type === 'dir') {
        ctx.err(`${prog}: cannot open ${quoteaf(op)} for writing: Is a directory\n`)
        status = 1
        continue
      }
      const bytes = node ? toBytes(node.content) : new Uint8Array()
      const size = target(o.size, ref, bytes.length)
      const out = new Uint8Array(size)
      out.set(bytes.subarray(0, size))
      const e = fs.write(path, fromBytes(out))
      if (e) {
        ctx.err(`${prog}: cannot open ${quoteaf(op)} for writing: ${errText(e)}\n`)
        status = 1
      }
    }
    return status
  },
}
