// rpm's --queryformat (lib/headerfmt.c): literal text with C escapes, `%{TAG}` with an optional
// printf width (`%-20{NAME}`) and a `:format` (date, day), tags named in any case. A format error
// is reported per package on stderr as `error: incorrect format: ...` and the query still exits 0,
// as rpm 4.16.1.2 does (checked against it with a test package). Arrays `[...]` and conditionals
// `%|TAG?{...}|` are not modelled.

import { strftime } from '../../text/date.ts'
import { QUERY_TAGS } from '../../../host/rpmheaders.ts'

/** A tag's value for one package: text, a number, or absent (rpm prints `(none)`). */
export type TagValue = string | number | null

export class FormatError extends Error {}

const ESCAPES = new Map([['n', '\n'], ['t', '\t'], ['r', '\r'], ['a', '\x07'], ['b', '\b'], ['f', '\f'], ['v', '\v'], ['\\', '\\'], ['"', '"']])

/** Expands a format for one package; `tag` gives a value or throws for one the lab lacks. */
export function queryformat(format: string, tag: (name: string) => TagValue): string {
  let out = ''
  for (let i = 0; i < format.length; i++) {
    const c = format[i]
    if (c === '\\' && i + 1 < format.length) {
      const e = ESCAPES.get(format[++i])
      out += e ?? format[i]
      continue
    }
    if (c === '[' || c === ']') throw new FormatError('arrays ([...]) in --queryformat are not modelled in this lab')
    if (c !== '%') {
      out += c
      continue
    }
    if (format[i + 1] === '%') {
      out += '%'
      i++
      continue
    }
    if (format[i + 1] === '|') throw new FormatError('conditionals (%|TAG?{...}|) in --queryformat are not modelled in this lab')
    const m = /^%(-?\d*)\{/.exec(format.slice(i))
    if (!m) {
      out += c
      continue
    }
    const close = format.indexOf('}', i + m[0].length)
    if (close < 0) throw new FormatError('incorrect format: missing } after %{')
    const body = format.slice(i + m[0].length, close)
    const colon = body.indexOf(':')
    const name = (colon < 0 ? body : body.slice(0, colon)).toUpperCase()
    const type = colon < 0 ? null : body.slice(colon + 1)
    if (type === '') throw new FormatError('incorrect format: empty tag format')
    if (!name) throw new FormatError('incorrect format: empty tag name')
    if (!QUERY_TAGS.has(name)) throw new FormatError(`incorrect format: unknown tag: "${body.slice(0, colon < 0 ? undefined : colon)}"`)
    const value = tag(name)
    let text: string
    if (value === null) text = '(none)'
    else if (type === null) text = String(value)
    else if (type === 'date' && typeof value === 'number') text = strftime('%c', value)
    else if (type === 'day' && typeof value === 'number') text = strftime('%a %b %d %Y', value)
    else throw new FormatError(`the :${type} format is not modelled in this lab`)
    const width = m[1] ? Number(m[1]) : 0
    out += width < 0 ? text.padEnd(-width) : text.padStart(width)
    i = close
  }
  return out
}
