// The sub-grammar inside `${…}` (bash's parameter_brace_expand): an optional `#` (length) or `!`
// (indirection), a name, number or special parameter, an optional [subscript], then at most one
// operator: :- - := = :+ + :? ? # ## % %% / // /# /% ^ ^^ , ,, ~ ~~ :offset[:length] @Q @U @L
// @E @A @a @P, or `${!prefix*}`. Inside double quotes the word of :- and its kin reads as
// double-quoted text (single quotes are literal there).
// Anything else is kept as `bad substitution`, which bash reports when the word is expanded.

import type { ParamOp, Part, Word } from '../ast.ts'
import { subWord } from '../parse.ts'

/** `${…}`'s body: [#|!]name[[index]] then at most one operator and its words. */
export function paramBrace(body: string, quoted: boolean, depth: number): Part {
  const raw = `\${${body}}`
  const bad: Part = { t: 'param', name: '', quoted, raw }
  let rest = body
  let length = false
  let indirect = false
  if (/^#(?:[A-Za-z_][A-Za-z0-9_]*|[0-9]+|[@*#?$!-])(?:\[.*\])?$/s.test(rest)) {
    length = true
    rest = rest.slice(1)
  }
  if (rest.startsWith('!') && rest.length > 1) {
    indirect = true
    rest = rest.slice(1)
  }
  const m = /^(?:[A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?#@*$!-])/.exec(rest)
  if (!m) return bad
  const name = m[0]
  rest = rest.slice(name.length)
  let index: Word | undefined
  if (rest.startsWith('[')) {
    let d = 0
    let end = -1
    for (let i = 0; i < rest.length; i++) {
      if (rest[i] === '[') d++
      else if (rest[i] === ']' && --d === 0) {
        end = i
        break
      }
    }
    if (end < 0) return bad
    index = subWord(rest.slice(1, end), depth)
    rest = rest.slice(end + 1)
  }
  const part: Part & { t: 'param' } = { t: 'param', name, quoted, raw }
  if (index) part.index = index
  if (indirect) part.indirect = true
  if (length) {
    if (rest) return bad
    part.op = { kind: 'len' }
    return part
  }
  if (!rest) return part
  if (indirect && !index && (rest === '*' || rest === '@')) {
    delete part.indirect
    part.op = { kind: 'names', at: rest === '@' }
    return part
  }
  const op = parseOp(rest, depth, quoted)
  if (!op) return bad
  part.op = op
  return part
}

function parseOp(rest: string, depth: number, quoted: boolean): ParamOp | null {
  const word = (t: string) => subWord(t, depth)
  const value = (t: string) => subWord(t, depth, quoted)
  for (const k of [':-', ':=', ':+', ':?'] as const) if (rest.startsWith(k)) return { kind: k, word: value(rest.slice(2)) }
  for (const k of ['-', '=', '+', '?'] as const) if (rest.startsWith(k)) return { kind: k, word: value(rest.slice(1)) }
  for (const k of ['##', '#', '%%', '%'] as const) if (rest.startsWith(k)) return { kind: k, word: word(rest.slice(k.length)) }
  for (const k of ['^^', ',,', '~~', '^', ',', '~'] as const) if (rest.startsWith(k)) return { kind: k, word: rest.length > k.length ? word(rest.slice(k.length)) : null }
  if (rest.startsWith('/')) {
    let kind: '/' | '//' | '/#' | '/%' = '/'
    let body = rest.slice(1)
    if (body.startsWith('/') || body.startsWith('#') || body.startsWith('%')) {
      kind = `/${body[0]}` as '//' | '/#' | '/%'
      body = body.slice(1)
    }
    const slash = topLevelSlash(body)
    if (slash < 0) return { kind, pattern: word(body), repl: null }
    return { kind, pattern: word(body.slice(0, slash)), repl: word(body.slice(slash + 1)) }
  }
  if (rest === ':') return null
  if (rest.startsWith(':')) {
    const colon = topLevelColon(rest.slice(1))
    if (colon < 0) return { kind: 'substr', offset: rest.slice(1), length: null }
    return { kind: 'substr', offset: rest.slice(1, colon + 1), length: rest.slice(colon + 2) }
  }
  if (/^@[QULEAaP]$/.test(rest)) return { kind: rest as '@Q' }
  return null
}

function topLevelSlash(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s[i]
    if (c === '\\') i++
    else if (c === "'" || c === '"') {
      const end = s.indexOf(c, i + 1)
      if (end < 0) return -1
      i = end
    } else if (c === '/') return i
  }
  return -1
}

function topLevelColon(s: string): number {
  let depth = 0
  for (let i = 0; i < s.length; i++) {
    const c = s[i]
    if (c === '(' || c === '{' || c === '[') depth++
    else if (c === ')' || c === '}' || c === ']') depth--
    else if (c === '?') depth++
    else if (c === ':' && depth > 0 && s.lastIndexOf('?', i) >= 0) depth--
    else if (c === ':' && depth === 0) return i
  }
  return -1
}

