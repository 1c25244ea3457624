// tr (GNU coreutils 8.32): translate, squeeze (-s) or delete (-d) characters of stdin, streaming.
// Sets are written with ranges `a-z`, classes `[:upper:]`, repeats `[x*n]`/`[x*]`, equivalence
// classes `[=x=]` and backslash escapes (`\n`, `\t`, `\\`, `\NNN` octal); SET2 is padded with its
// last character to SET1's length unless -t truncates SET1; -c complements SET1.

import { coreutilsFooter, coreutilsVersion, defineArgs, parseArgs, usageError } from '../../args/index.ts'
import { quote } from '../files.ts'
import type { CommandDef } from '../types.ts'

const ARGS = defineArgs({
  usageStatus: 1,
  options: {
    complement: { short: 'c', long: 'complement', label: '-c, -C, --complement', help: 'use the complement of SET1' },
    complementC: { short: 'C' },
    delete: { short: 'd', long: 'delete', help: 'delete characters in SET1, do not translate' },
    squeeze: { short: 's', long: 'squeeze-repeats', help: 'replace each sequence of a repeated character\n  that is listed in the last specified SET,\n  with a single occurrence of that character' },
    truncate: { short: 't', long: 'truncate-set1', help: 'first truncate SET1 to length of SET2' },
  },
  help: {
    usage: ['Usage: %s [OPTION]... SET1 [SET2]'],
    column: 26,
    intro: 'Translate, squeeze, and/or delete characters from standard input,\nwriting to standard output.\n\n',
    outro: "\nSETs are specified as strings of characters.  Most represent themselves.\nInterpreted sequences are:\n\n  \\NNN            character with octal value NNN (1 to 3 octal digits)\n  \\\\              backslash\n  \\a              audible BEL\n  \\b              backspace\n  \\f              form feed\n  \\n              new line\n  \\r              return\n  \\t              horizontal tab\n  \\v              vertical tab\n  CHAR1-CHAR2     all characters from CHAR1 to CHAR2 in ascending order\n  [CHAR*]         in SET2, copies of CHAR until length of SET1\n  [CHAR*REPEAT]   REPEAT copies of CHAR, REPEAT octal if starting with 0\n  [:alnum:]       all letters and digits\n  [:alpha:]       all letters\n  [:blank:]       all horizontal whitespace\n  [:cntrl:]       all control characters\n  [:digit:]       all digits\n  [:graph:]       all printable characters, not including space\n  [:lower:]       all lower case letters\n  [:print:]       all printable characters, including space\n  [:punct:]       all punctuation characters\n  [:space:]       all horizontal or vertical whitespace\n  [:upper:]       all upper case letters\n  [:xdigit:]      all hexadecimal digits\n  [=CHAR=]        all characters which are equivalent to CHAR\n\nTranslation occurs if -d is not given and both SET1 and SET2 appear.\n-t may be used only when translating.  SET2 is extended to length of\nSET1 by repeating its last character as necessary.  Excess characters\nof SET2 are ignored.  Only [:lower:] and [:upper:] are guaranteed to\nexpand in ascending order; used in SET2 while translating, they may\nonly be used in pairs to specify case conversion.  -s uses the last\nspecified SET, and occurs after translation or deletion.\n" + coreutilsFooter('tr'),
  },
  version: coreutilsVersion('tr', 'Jim Meyering'),
})

const CLASS: Record<string, (c: number) => boolean> = {
  alnum: (c) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122),
  alpha: (c) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122),
  blank: (c) => c === 32 || c === 9,
  cntrl: (c) => c < 32 || c === 127,
  digit: (c) => c >= 48 && c <= 57,
  graph: (c) => c > 32 && c < 127,
  lower: (c) => c >= 97 && c <= 122,
  print: (c) => c >= 32 && c < 127,
  punct: (c) => c > 32 && c < 127 && !((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)),
  space: (c) => c === 32 || (c >= 9 && c <= 13),
  upper: (c) => c >= 65 && c <= 90,
  xdigit: (c) => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102),
}

/** A set as characters in order; a `[x*]` fill is kept as a marker for SET2's padding. */
function expand(set: string): { chars: string[]; fill?: { at: number; c: string } } | string {
  const chars: string[] = []
  let fill: { at: number; c: string } | undefined
  const unescape = (i: number): [string, number] => {
    if (set[i] !== '\\' || i + 1 >= set.length) return [set[i], i + 1]
    const n = set[i + 1]
    const oct = /^[0-7]{1,3}/.exec(set.slice(i + 1))
    if (oct) return [String.fromCharCode(parseInt(oct[0], 8) & 255), i + 1 + oct[0].length]
    const map: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' }
    return [map[n] ?? n, i + 2]
  }
  for (let i = 0; i < set.length; ) {
    const cls = /^\[:(\w+):\]/.exec(set.slice(i))
    if (cls) {
      const test = CLASS[cls[1]]
      if (!test) return `invalid character class ${quote(cls[1])}`
      for (let c = 0; c < 256; c++) if (test(c)) chars.push(String.fromCharCode(c))
      i += cls[0].length
      continue
    }
    const eq = /^\[=(.)=\]/.exec(set.slice(i))
    if (eq) {
      chars.push(eq[1])
      i += eq[0].length
      continue
    }
    const rep = /^\[(\\?.)\*(\d*)\]/.exec(set.slice(i))
    if (rep) {
      const [c] = unescape(i + 1)
      if (rep[2] === '' || Number(rep[2]) === 0) fill = { at: chars.length, c }
      else for (let k = 0; k < Number(rep[2]); k++) chars.push(c)
      i += rep[0].length
      continue
    }
    const [c, next] = unescape(i)
    if (set[next] === '-' && next + 1 < set.length) {
      const [hi, after] = unescape(next + 1)
      if (hi < c) return `range-endpoints of '${c}-${hi}' are in reverse collating sequence order`
      for (let k = c.charCodeAt(0); k <= hi.charCodeAt(0); k++) chars.push(String.fromCharCode(k))
      i = after
      continue
    }
    chars.push(c)
    i = next
  }
  return { chars, fill }
}

export const tr: CommandDef = {
  name: 'tr',
  path: '/usr/bin/tr',
  rpm: 'coreutils',
  summary: 'translate or delete characters',
  args: ARGS,
  *run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    const o = a.opts
    const complement = o.complement || o.complementC
    const ops = a.operands
    const translating = !o.delete && ops.length > 1
    const need = o.delete && o.squeeze ? 2 : o.delete || (o.squeeze && ops.length < 2) ? 1 : 2
    if (!ops.length) return usageError(ctx, ARGS, 'missing operand')
    if (ops.length < need) {
      const why = o.delete && o.squeeze ? 'Two strings must be given when both deleting and squeezing repeats.' : 'Two strings must be given when translating.'
      return usageError(ctx, ARGS, `missing operand after ${quote(ops[ops.length - 1])}\n${why}`)
    }
    if (ops.length > need) {
      const why = o.delete && !o.squeeze ? '\nOnly one string may be given when deleting without squeezing repeats.' : ''
      return usageError(ctx, ARGS, `extra operand ${quote(ops[need])}${why}`)
    }
    const prog = ctx.argv[0]
    const s1 = expand(ops[0])
    const s2 = ops[1] === undefined ? { chars: [] as string[] } : expand(ops[1])
    if (typeof s1 === 'string' || typeof s2 === 'string') {
      ctx.err(`${prog}: ${typeof s1 === 'string' ? s1 : s2}\n`)
      return 1
    }
    let set1 = s1.chars
    if (complement) {
      const inSet = new Set(set1)
      set1 = []
      for (let c = 0; c < 256; c++) if (!inSet.has(String.fromCharCode(c))) set1.push(String.fromCharCode(c))
    }
    const map = new Map<string, string>()
    if (translating) {
      let set2 = s2.chars
      if ('fill' in s2 && s2.fill) set2 = [...set2.slice(0, s2.fill.at), ...Array(Math.max(0, set1.length - set2.length)).fill(s2.fill.c), ...set2.slice(s2.fill.at)]
      if (!set2.length) {
        ctx.err(`${prog}: when not truncating set1, string2 must be non-empty\n`)
        return 1
      }
      if (o.truncate) set1 = set1.slice(0, set2.length)
      for (let i = 0; i < set1.length; i++) map.set(set1[i], set2[Math.min(i, set2.length - 1)])
    }
    const deleting = o.delete ? new Set(set1) : null
    const squeezeSet = o.squeeze ? new Set(translating || o.delete ? s2.chars : set1) : null
    let last = ''
    for (let chunk = yield* ctx.stdin.read(); chunk !== null; chunk = yield* ctx.stdin.read()) {
      let out = ''
      for (const ch of chunk) {
        if (deleting?.has(ch)) continue
        const c = map.get(ch) ?? ch
        if (squeezeSet?.has(c) && c === last) continue
        out += c
        last = c
      }
      ctx.out(out)
    }
    return 0
  },
}
