// od (GNU coreutils 8.32): bytes of files or stdin dumped 16 to a line, each line one row per
// output type (-t a|c|d|o|u|x[1|2|4], or the traditional -b -c -d -o -x), fields padded so the
// rows align, offsets in octal/decimal/hex (-A), repeated lines shown once as `*` unless -v,
// -j to skip and -N to limit, -w bytes per line.

import { coreutilsFooter, coreutilsVersion, defineArgs, parseArgs, type Fail } from '../../args/index.ts'
import { toBytes } from '../../text/lines.ts'
import { errText, quote, quotef, readInput } from '../files.ts'
import type { CommandDef } from '../types.ts'

interface OutType {
  kind: 'a' | 'c' | 'd' | 'o' | 'u' | 'x'
  size: number
}

const count = (v: string): number | Fail => (/^(0x[0-9a-f]+|\d+)$/i.test(v) ? Number(v) : { fail: `invalid argument ${quote(v)}`, status: 1 })

function parseTypes(spec: string): OutType[] | Fail {
  const out: OutType[] = []
  const re = /([acdoux])(\d*|[CSIL])/gy
  let m: RegExpExecArray | null
  let at = 0
  while ((m = re.exec(spec))) {
    at = re.lastIndex
    const kind = m[1] as OutType['kind']
    const sizeMap: Record<string, number> = { C: 1, S: 2, I: 4, L: 8 }
    const size = kind === 'a' || kind === 'c' ? 1 : m[2] === '' ? 4 : (sizeMap[m[2]] ?? Number(m[2]))
    if (![1, 2, 4, 8].includes(size)) return { fail: `invalid type string ${quote(spec)};\nthis system doesn't provide a ${size}-byte integral type`, status: 1 }
    out.push({ kind, size })
  }
  if (at !== spec.length || !out.length) return { fail: `invalid character '${spec[at] ?? ''}' in type string ${quote(spec)}`, status: 1 }
  return out
}

const ARGS = defineArgs({
  usageStatus: 1,
  options: {
    addressRadix: { short: 'A', long: 'address-radix', arg: 'required', argName: 'RADIX', parse: (v): string | Fail => ('doxn'.includes(v) && v.length === 1 ? v : { fail: `invalid output address radix '${v}'; it must be one character from [doxn]`, status: 1 }), column: 30, help: 'output format for file offsets; RADIX is one\n  of [doxn], for Decimal, Octal, Hex or None' },
    endian: { long: 'endian', arg: 'required', argName: 'big|little', label: '    --endian={big|little}', column: 30, help: 'swap input bytes according the specified order', unsimulated: true },
    skip: { short: 'j', long: 'skip-bytes', arg: 'required', argName: 'BYTES', parse: count, column: 30, help: 'skip BYTES input bytes first' },
    limit: { short: 'N', long: 'read-bytes', arg: 'required', argName: 'BYTES', parse: count, column: 30, help: 'limit dump to BYTES input bytes' },
    strings: { short: 'S', long: 'strings', arg: 'optional', argName: 'BYTES', label: '-S BYTES, --strings[=BYTES]', help: 'output strings of at least BYTES graphic chars;\n    3 is implied when BYTES is not specified', unsimulated: true },
    format: { short: 't', long: 'format', arg: 'required', argName: 'TYPE', list: true, parse: parseTypes, column: 30, help: 'select output format or formats' },
    verbose: { short: 'v', long: 'output-duplicates', column: 30, help: 'do not use * to mark line suppression' },
    width: { short: 'w', long: 'width', arg: 'optional', argName: 'BYTES', bare: '32', parse: count, label: '-w[BYTES], --width[=BYTES]', help: 'output BYTES bytes per output line;\n    32 is implied when BYTES is not specified' },
    traditional: { long: 'traditional', column: 30, help: 'accept arguments in third form above', unsimulated: true },
    a: { short: 'a', afterStandard: true, column: 7, before: '\n\nTraditional format specifications may be intermixed; they accumulate:\n', help: 'same as -t a,  select named characters, ignoring high-order bit', unsimulated: true },
    b: { short: 'b', afterStandard: true, column: 7, help: "same as -t o1, select octal bytes" },
    c: { short: 'c', afterStandard: true, column: 7, help: "same as -t c,  select printable characters or backslash escapes" },
    d: { short: 'd', afterStandard: true, column: 7, help: 'same as -t u2, select unsigned decimal 2-byte units' },
    f: { short: 'f', afterStandard: true, column: 7, help: 'same as -t fF, select floats', unsimulated: true },
    i: { short: 'i', afterStandard: true, column: 7, help: 'same as -t dI, select decimal ints', unsimulated: true },
    l: { short: 'l', afterStandard: true, column: 7, help: 'same as -t dL, select decimal longs', unsimulated: true },
    o: { short: 'o', afterStandard: true, column: 7, help: 'same as -t o2, select octal 2-byte units' },
    s: { short: 's', afterStandard: true, column: 7, help: 'same as -t d2, select decimal 2-byte units', unsimulated: true },
    x: { short: 'x', afterStandard: true, column: 7, help: "same as -t x2, select hexadecimal 2-byte units" },
  },
  help: {
    usage: ['Usage: %s [OPTION]... [FILE]...', '  or:  %s [-abcdfilosx]... [FILE] [[+]OFFSET[.][b]]', '  or:  %s --traditional [OPTION]... [FILE] [[+]OFFSET[.][b] [+][LABEL][.][b]]'],
    intro: "\nWrite an unambiguous representation, octal bytes by default,\nof FILE to standard output.  With more than one FILE argument,\nconcatenate them in the listed order to form the input.\n\nWith no FILE, or when FILE is -, read standard input.\n\nIf first and second call formats both apply, the second format is assumed\nif the last operand begins with + or (if there are 2 operands) a digit.\nAn OFFSET operand means -j OFFSET.  LABEL is the pseudo-address\nat first byte printed, incremented when dump is progressing.\nFor OFFSET and LABEL, a 0x or 0X prefix indicates hexadecimal;\nsuffixes may be . for octal and b for multiply by 512.\n\nMandatory arguments to long options are mandatory for short options too.\n",
    column: 28,
    outro: "\n\nTYPE is made up of one or more of these specifications:\n  a          named character, ignoring high-order bit\n  c          printable character or backslash escape\n  d[SIZE]    signed decimal, SIZE bytes per integer\n  f[SIZE]    floating point, SIZE bytes per float\n  o[SIZE]    octal, SIZE bytes per integer\n  u[SIZE]    unsigned decimal, SIZE bytes per integer\n  x[SIZE]    hexadecimal, SIZE bytes per integer\n\nSIZE is a number.  For TYPE in [doux], SIZE may also be C for\nsizeof(char), S for sizeof(short), I for sizeof(int) or L for\nsizeof(long).  If TYPE is f, SIZE may also be F for sizeof(float), D\nfor sizeof(double) or L for sizeof(long double).\n\nAdding a z suffix to any type displays printable characters at the end of\neach output line.\n\n\nBYTES is hex with 0x or 0X prefix, and may have a multiplier suffix:\n  b    512\n  KB   1000\n  K    1024\n  MB   1000*1000\n  M    1024*1024\nand so on for G, T, P, E, Z, Y.\nBinary prefixes can be used, too: KiB=K, MiB=M, and so on.\n" + coreutilsFooter('od'),
  },
  version: coreutilsVersion('od', 'Jim Meyering'),
})

const NAMES = ['nul', 'soh', 'stx', 'etx', 'eot', 'enq', 'ack', 'bel', 'bs', 'ht', 'nl', 'vt', 'ff', 'cr', 'so', 'si', 'dle', 'dc1', 'dc2', 'dc3', 'dc4', 'nak', 'syn', 'etb', 'can', 'em', 'sub', 'esc', 'fs', 'gs', 'rs', 'us', 'sp']
const ESC: Record<number, string> = { 0: '\\0', 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r' }

/** Digits a field of this type needs, without its separating space. */
function digits(t: OutType): number {
  if (t.kind === 'a' || t.kind === 'c') return 3
  const max = 2n ** BigInt(8 * t.size)
  if (t.kind === 'x') return t.size * 2
  if (t.kind === 'o') return (max - 1n).toString(8).length
  if (t.kind === 'u') return (max - 1n).toString().length
  return (max / 2n).toString().length + 1
}

function field(t: OutType, bytes: Uint8Array, at: number): string {
  if (t.kind === 'a') {
    const b = bytes[at] & 0x7f
    return b <= 32 ? NAMES[b] : b === 127 ? 'del' : String.fromCharCode(b)
  }
  if (t.kind === 'c') {
    const b = bytes[at]
    return ESC[b] ?? (b >= 32 && b < 127 ? String.fromCharCode(b) : b.toString(8).padStart(3, '0'))
  }
  let v = 0n
  for (let i = t.size - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[at + i] ?? 0)
  if (t.kind === 'd' && v >= 2n ** BigInt(8 * t.size - 1)) v -= 2n ** BigInt(8 * t.size)
  const w = digits(t)
  if (t.kind === 'x') return v.toString(16).padStart(w, '0')
  if (t.kind === 'o') return v.toString(8).padStart(w, '0')
  return v.toString()
}

export const od: CommandDef = {
  name: 'od',
  path: '/usr/bin/od',
  rpm: 'coreutils',
  summary: 'dump files in octal and other formats',
  args: ARGS,
  *run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    const o = a.opts
    const prog = ctx.argv[0]
    const types: OutType[] = []
    for (const s of a.seen) {
      if (s.key === 'format') types.push(...(s.value as OutType[]))
      const legacy: Record<string, OutType> = { b: { kind: 'o', size: 1 }, c: { kind: 'c', size: 1 }, d: { kind: 'u', size: 2 }, o: { kind: 'o', size: 2 }, x: { kind: 'x', size: 2 } }
      if (legacy[s.key]) types.push(legacy[s.key])
    }
    if (!types.length) types.push({ kind: 'o', size: 2 })
    let text = ''
    let status = 0
    let read = 0
    for (const op of a.operands.length ? a.operands : ['-']) {
      const r = yield* readInput(ctx, op)
      if (typeof r !== 'string') {
        ctx.err(`${prog}: ${quotef(op)}: ${errText(r.error)}\n`)
        status = 1
        continue
      }
      text += r
      read++
    }
    if (!read) return status
    let bytes = toBytes(text)
    const skip = o.skip ?? 0
    bytes = bytes.slice(skip, o.limit !== undefined ? skip + o.limit : undefined)
    const width = o.width ?? 16
    const perByte = Math.max(...types.map((t) => (digits(t) + 1) / t.size))
    const radix = o.addressRadix ?? 'o'
    const addr = (n: number) => (radix === 'n' ? '' : radix === 'o' ? n.toString(8).padStart(7, '0') : radix === 'd' ? String(n).padStart(7, '0') : n.toString(16).padStart(6, '0'))
    let prev: string | null = null
    let starred = false
    for (let off = 0; off < bytes.length; off += width) {
      const chunk = bytes.slice(off, off + width)
      const rows = types.map((t, i) => {
        let row = i === 0 ? addr(skip + off) : ' '.repeat(addr(0).length)
        for (let at = 0; at < chunk.length; at += t.size) row += field(t, chunk, at).padStart(perByte * t.size)
        return row
      })
      const key = rows.map((r) => r.slice(addr(0).length)).join('\n') + (chunk.length === width ? '' : '~')
      if (!o.verbose && key === prev) {
        if (!starred) ctx.out('*\n')
        starred = true
        continue
      }
      starred = false
      prev = key
      ctx.out(rows.join('\n') + '\n')
    }
    if (radix !== 'n') ctx.out(addr(skip + bytes.length) + '\n')
    return status
  },
}
