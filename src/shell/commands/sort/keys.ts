// sort's key definitions and comparisons (GNU coreutils 8.32 sort.c): `-k POS1[,POS2]` with
// POS = F[.C][OPTS]; a key's text runs from character C of field F (blanks skipped first with
// `b`) to character C of field F2 or the end of the line; each key compares as text under the
// locale's collation (text/collate.ts) after -f/-d/-i, or as a number (-n with the locale's
// thousands separator, -g as a float, -h with an SI suffix), a month (-M) or a version (-V).

import type { Fail } from '../../args/index.ts'
import { byteCompare, collate } from '../../text/collate.ts'
import { sortFields } from '../../text/fields.ts'
import { quote } from '../files.ts'

export interface Ordering {
  b?: boolean
  d?: boolean
  f?: boolean
  g?: boolean
  i?: boolean
  M?: boolean
  h?: boolean
  n?: boolean
  r?: boolean
  V?: boolean
}

export interface Key extends Ordering {
  /** 0-based field and character of the start. */
  sword: number
  schar: number
  /** End field (0-based) and character (0: the field's end); eword -1: the line's end. */
  eword: number
  echar: number
  /** Was `b` given on the end position? */
  eb?: boolean
  /** Did the key carry options of its own (then the global ones do not apply)? */
  own: boolean
}

const ORDER_LETTERS = 'bdfgiMhnRrV'

export function parseKey(spec: string): Key | Fail {
  const bad = (why: string) => ({ fail: `${why}: invalid field specification ${quote(spec)}`, status: 2 })
  const m = /^(\d+)(?:\.(\d+))?([a-zA-Z]*)(?:,(\d+)(?:\.(\d+))?([a-zA-Z]*))?$/.exec(spec)
  if (!m) {
    const lead = /^\d*/.exec(spec)![0]
    return { fail: `invalid number ${lead ? 'after' : 'at field start'}: invalid count at start of ${quote(spec.slice(lead.length))}`, status: 2 }
  }
  if (Number(m[1]) === 0) return bad('field number is zero')
  if (m[2] !== undefined && Number(m[2]) === 0) return bad('character offset is zero')
  if (m[4] !== undefined && Number(m[4]) === 0) return bad('field number is zero')
  const k: Key = { sword: Number(m[1]) - 1, schar: m[2] ? Number(m[2]) - 1 : 0, eword: m[4] ? Number(m[4]) - 1 : -1, echar: m[5] ? Number(m[5]) : 0, own: false }
  for (const [i, letters] of [m[3], m[6] ?? ''].entries()) {
    for (const c of letters) {
      if (!ORDER_LETTERS.includes(c) || c === 'R') return { fail: `stray character in field spec: invalid field specification ${quote(spec)}`, status: 2 }
      k.own = true
      if (c === 'b') {
        if (i === 0) k.b = true
        else k.eb = true
      } else (k as unknown as Record<string, boolean>)[c] = true
    }
  }
  return k
}

const isBlank = (c: string | undefined) => c === ' ' || c === '\t'

export function keyText(line: string, k: Key, tab: string | undefined, blanks: boolean): string {
  const fields = sortFields(line, tab)
  let start: number
  if (k.sword >= fields.length) start = line.length
  else {
    start = fields[k.sword][0]
    if (blanks) while (isBlank(line[start]) && start < line.length) start++
    start = Math.min(start + k.schar, line.length)
  }
  let end = line.length
  if (k.eword >= 0) {
    if (k.eword >= fields.length) end = line.length
    else if (k.echar === 0) end = fields[k.eword][1]
    else {
      let e = fields[k.eword][0]
      if (k.eb) while (isBlank(line[e]) && e < line.length) e++
      end = Math.min(e + k.echar, line.length)
    }
  }
  return end <= start ? '' : line.slice(start, end)
}

const NUM = /^[ \t]*(-?)((?:\d|,(?=\d))*)(?:\.(\d*))?/

function numeric(s: string): number {
  const m = NUM.exec(s)!
  const v = Number(`${m[2].replaceAll(',', '') || '0'}.${m[3] ?? ''}`)
  return m[1] ? -v : v
}

const SI = ' KMGTPEZY'

function human(s: string): [number, number] {
  const m = /^[ \t]*(-?)(\d*(?:\.\d*)?)([KMGTPEZYk]?)/.exec(s)!
  const v = Number(m[2] || '0') * (m[1] ? -1 : 1)
  const rank = m[3] ? SI.indexOf(m[3].toUpperCase()) : 0
  return [Math.sign(v) * rank, v]
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC']

function month(s: string): number {
  return MONTHS.indexOf(s.trimStart().slice(0, 3).toUpperCase()) + 1
}

function general(s: string): number {
  const hex = /^\s*([+-]?)0[xX]([0-9a-fA-F]+)/.exec(s)
  if (hex) return (hex[1] === '-' ? -1 : 1) * parseInt(hex[2], 16)
  const m = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|^\s*[+-]?(?:inf|nan)/i.exec(s)
  return m ? Number(m[0].trim().replace(/^\+/, '').replace(/^(-?)inf$/i, '$1Infinity')) : -Infinity
}

/** filevercmp, simplified: digit runs compare as numbers, the rest by character. */
function version(a: string, b: string): number {
  const re = /(\d+)|(\D+)/g
  const pa = a.match(re) ?? []
  const pb = b.match(re) ?? []
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]
    const y = pb[i]
    if (/^\d/.test(x) && /^\d/.test(y)) {
      const d = Number(x) - Number(y)
      if (d) return d
    } else if (x !== y) return byteCompare(x, y)
  }
  return pa.length - pb.length
}

function translate(s: string, o: Ordering): string {
  let t = s
  if (o.d) t = t.replace(/[^ \t\p{L}\p{N}]/gu, '')
  if (o.i) t = t.replace(/[\x00-\x1f\x7f]/g, '')
  if (o.f) t = t.toUpperCase()
  return t
}

export function compareKey(a: string, b: string, o: Ordering): number {
  let r: number
  if (o.n) r = numeric(a) - numeric(b)
  else if (o.h) {
    const [ra, va] = human(a)
    const [rb, vb] = human(b)
    r = ra - rb || va - vb
  } else if (o.g) {
    const x = general(a)
    const y = general(b)
    r = x === y ? 0 : x < y ? -1 : 1
  } else if (o.M) r = month(a) - month(b)
  else if (o.V) r = version(a, b)
  else if (o.d || o.i || o.f) r = collate(translate(a, o), translate(b, o))
  else r = collate(a, b)
  return o.r ? -Math.sign(r) : Math.sign(r)
}
