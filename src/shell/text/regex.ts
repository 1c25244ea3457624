// POSIX regular expressions (glibc's dialect, as GNU grep 3.6, sed 4.8 and gawk 5.1 read them)
// translated to JavaScript RegExp source, one translator for every tool. Basic (BRE): `\( \) \{ \}`
// group and count, `\+ \? \|` are GNU's extensions, `*` is literal first in an expression, `^`
// and `$` anchor only at its ends. Extended (ERE): `( ) { } + ? |` are operators, an unmatched
// `)` or a `{` that opens no valid interval is literal. Both: bracket expressions with
// `[:class:]` (a backslash is literal inside them), back-references `\1`–`\9`, GNU's `\w \W \s
// \S \b \B \< \> \` \'`. A quantifier may follow a quantifier (`a**`), which JS refuses, so the
// quantified atom is wrapped. The same pass builds the expression's tree (`Node`), because JS
// takes the first alternative that matches and POSIX the longest (`ab\|abcd` against `abcd`):
// text/posix-regexp.ts finds where a match starts with the JS source and how long it is with
// the tree.

import { PosixRegExp } from './posix-regexp.ts'

export interface RegexOptions {
  extended?: boolean
  /** A literal string (grep -F). */
  fixed?: boolean
  /** regcomp's own ERE syntax (bash's `=~`), stricter than grep's: `*`, `+`, `?` or `{` with
   *  nothing to repeat, and a `{` that opens no valid interval, are errors, not literals. */
  regcomp?: boolean
}

/** The expression as a tree: `atom` is one character's JS class or escape, `assert` a zero-width
 *  JS assertion, both tested with a sticky RegExp of their source; group 0 is the whole match. */
export type Node =
  | { t: 'atom'; src: string }
  | { t: 'assert'; src: string }
  | { t: 'ref'; n: number }
  | { t: 'group'; n: number; body: Node }
  | { t: 'alt'; alts: Node[][] }
  | { t: 'rep'; body: Node; min: number; max: number }

export type Translated = { source: string; groups: number; node: Node } | { error: string }

const CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z\\u00aa\\u00b5\\u00ba\\u00c0-\\u00d6\\u00d8-\\u00f6\\u00f8-\\u02ff\\u0370-\\u1fff',
  digit: '0-9',
  alnum: '0-9a-zA-Z\\u00aa\\u00b5\\u00ba\\u00c0-\\u00d6\\u00d8-\\u00f6\\u00f8-\\u02ff\\u0370-\\u1fff',
  upper: 'A-Z\\u00c0-\\u00d6\\u00d8-\\u00de',
  lower: 'a-z\\u00df-\\u00f6\\u00f8-\\u00ff',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  print: ' -~\\u00a0-\\uffff',
  graph: '!-~\\u00a1-\\uffff',
  cntrl: '\\x00-\\x1f\\x7f',
  xdigit: '0-9A-Fa-f',
}

const JS_SPECIAL = /[.*+?^${}()|[\]\\/]/

function lit(c: string): string {
  return JS_SPECIAL.test(c) ? `\\${c}` : c
}

export function escapeLiteral(s: string): string {
  let out = ''
  for (const c of s) out += lit(c)
  return out
}

/** A bracket expression starting at p[i] === '['; returns its JS class and the index after `]`. */
function bracket(p: string, i: number): { cls: string; end: number } | { error: string } {
  let j = i + 1
  let negate = false
  if (p[j] === '^') {
    negate = true
    j++
  }
  let body = ''
  let first = true
  for (;;) {
    if (j >= p.length) return { error: 'Unmatched [, [^, [:, [., or [=' }
    const c = p[j]
    if (c === ']' && !first) break
    first = false
    if (c === '[' && (p[j + 1] === ':' || p[j + 1] === '=' || p[j + 1] === '.')) {
      const kind = p[j + 1]
      const close = p.indexOf(`${kind}]`, j + 2)
      if (close < 0) return { error: 'Unmatched [, [^, [:, [., or [=' }
      const name = p.slice(j + 2, close)
      if (kind === ':') {
        const cls = CLASSES[name]
        if (cls === undefined) return { error: 'Invalid character class name' }
        body += cls
      } else body += escapeClassChar(name)
      j = close + 2
      continue
    }
    if (p[j + 1] === '-' && p[j + 2] !== undefined && p[j + 2] !== ']') {
      const hi = p[j + 2]
      if (hi < c) return { error: 'Invalid range end' }
      body += `${escapeClassChar(c)}-${escapeClassChar(hi)}`
      j += 3
      continue
    }
    body += escapeClassChar(c)
    j++
  }
  return { cls: `[${negate ? '^' : ''}${body}]`, end: j + 1 }
}

function escapeClassChar(c: string): string {
  return c === '\\' || c === ']' || c === '[' || c === '^' || c === '-' ? `\\${c}` : c
}

/** Translates a POSIX pattern; errors carry glibc's regerror text. */
export function translate(p: string, o: RegexOptions = {}): Translated {
  if (o.fixed) return { source: escapeLiteral(p), groups: 0, node: { t: 'group', n: 0, body: { t: 'alt', alts: [[...p].map((c) => ({ t: 'atom', src: lit(c) }))] } } }
  const ere = !!o.extended
  let out = ''
  let groups = 0
  const open: number[] = []
  /** Where the last atom began in `out` (-1: nothing to quantify yet). */
  let atom = -1
  let quantified = false
  /** At the start of the expression, of a group or of an alternative. */
  let atStart = true
  /** The tree being built: one frame per open group, each a list of alternatives. */
  const frames: { n: number; alts: Node[][] }[] = [{ n: 0, alts: [[]] }]
  const seq = () => frames[frames.length - 1].alts[frames[frames.length - 1].alts.length - 1]
  const quantify = (q: string) => {
    if (quantified) out = `${out.slice(0, atom)}(?:${out.slice(atom)})`
    out += q
    quantified = true
    const items = seq()
    const body = items.pop()
    if (body) items.push({ t: 'rep', body, ...bounds(q) })
  }
  const emitAtom = (s: string, node: Node = s === '^' || s === '$' ? { t: 'assert', src: s } : { t: 'atom', src: s }) => {
    atom = out.length
    out += s
    quantified = false
    atStart = false
    seq().push(node)
  }
  const assertion = (s: string) => {
    out += s
    seq().push({ t: 'assert', src: s })
  }
  const openGroup = () => {
    open.push(out.length)
    groups++
    out += '('
    atStart = true
    atom = -1
    frames.push({ n: groups, alts: [[]] })
  }
  /** Closes a group; false when none is open. */
  const closeGroup = (): boolean => {
    const start = open.pop()
    if (start === undefined) return false
    out += ')'
    atom = start
    quantified = false
    atStart = false
    const f = frames.pop()!
    seq().push({ t: 'group', n: f.n, body: { t: 'alt', alts: f.alts } })
    return true
  }
  const alternate = () => {
    out += '|'
    atStart = true
    atom = -1
    frames[frames.length - 1].alts.push([])
  }
  for (let i = 0; i < p.length; i++) {
    const c = p[i]
    const startHere = atStart
    if (c === '\\') {
      if (i + 1 >= p.length) return { error: 'Trailing backslash' }
      const n = p[++i]
      if (!ere && n === '(') {
        openGroup()
        continue
      }
      if (!ere && n === ')') {
        if (!closeGroup()) return { error: 'Unmatched ) or \\)' }
        continue
      }
      if (!ere && n === '|') {
        alternate()
        continue
      }
      if (!ere && (n === '+' || n === '?')) {
        if (atom < 0) emitAtom(lit(n))
        else quantify(n)
        continue
      }
      if (!ere && n === '{') {
        if (atom < 0) {
          emitAtom('\\{')
          continue
        }
        const close = p.indexOf('\\}', i + 1)
        if (close < 0) return { error: 'Unmatched \\{' }
        const iv = interval(p.slice(i + 1, close))
        if (!iv) return { error: 'Invalid content of \\{\\}' }
        quantify(iv)
        i = close + 1
        continue
      }
      if (n >= '1' && n <= '9') {
        if (Number(n) > groups) return { error: 'Invalid back reference' }
        emitAtom(`\\${n}`, { t: 'ref', n: Number(n) })
        continue
      }
      const special: Record<string, string> = { w: '\\w', W: '\\W', s: '\\s', S: '\\S', n: '\\n', t: '\\t', '`': '^', "'": '$' }
      if (special[n]) {
        emitAtom(special[n])
        continue
      }
      if (n === 'b' || n === 'B') {
        assertion(`\\${n}`)
        continue
      }
      if (n === '<') {
        assertion('\\b(?=\\w)')
        continue
      }
      if (n === '>') {
        assertion('\\b(?<=\\w)')
        continue
      }
      emitAtom(lit(n))
      continue
    }
    if (c === '[') {
      const b = bracket(p, i)
      if ('error' in b) return b
      emitAtom(b.cls)
      i = b.end - 1
      continue
    }
    if (c === '.') {
      emitAtom('.')
      continue
    }
    if (c === '^') {
      if (ere || startHere) {
        assertion('^')
        atom = -1
        atStart = true
        continue
      }
      emitAtom('\\^')
      continue
    }
    if (c === '$') {
      const atEnd = ere || i === p.length - 1 || p.startsWith('\\)', i + 1) || p.startsWith('\\|', i + 1)
      if (atEnd) {
        assertion('$')
        atom = -1
        continue
      }
      emitAtom('\\$')
      continue
    }
    if (c === '*') {
      if ((atom < 0 || startHere) && ere && o.regcomp) return { error: 'Invalid preceding regular expression' }
      if (atom < 0 || startHere) emitAtom('\\*')
      else quantify('*')
      continue
    }
    if (ere) {
      if (c === '+' || c === '?') {
        if (atom < 0 && o.regcomp) return { error: 'Invalid preceding regular expression' }
        if (atom < 0) emitAtom(lit(c))
        else quantify(c)
        continue
      }
      if (c === '{') {
        const close = p.indexOf('}', i + 1)
        const iv = close < 0 || atom < 0 ? null : interval(p.slice(i + 1, close))
        if (!iv && o.regcomp) return { error: atom < 0 ? 'Invalid preceding regular expression' : 'Invalid content of \\{\\}' }
        if (!iv) {
          emitAtom('\\{')
          continue
        }
        quantify(iv)
        i = close
        continue
      }
      if (c === '(') {
        openGroup()
        continue
      }
      if (c === ')') {
        if (!closeGroup()) emitAtom('\\)')
        continue
      }
      if (c === '|') {
        alternate()
        continue
      }
    }
    emitAtom(lit(c))
  }
  if (open.length) return { error: 'Unmatched ( or \\(' }
  return { source: out, groups, node: { t: 'group', n: 0, body: { t: 'alt', alts: frames[0].alts } } }
}

/** A quantifier's counts: `*`, `+`, `?`, `{2}`, `{2,}`, `{2,5}`. */
function bounds(q: string): { min: number; max: number } {
  if (q === '*') return { min: 0, max: Infinity }
  if (q === '+') return { min: 1, max: Infinity }
  if (q === '?') return { min: 0, max: 1 }
  const [lo, hi] = q.slice(1, -1).split(',')
  return { min: Number(lo), max: hi === undefined ? Number(lo) : hi === '' ? Infinity : Number(hi) }
}

function interval(s: string): string | null {
  const m = /^(\d*)(,?)(\d*)$/.exec(s)
  if (!m || (m[1] === '' && m[2] === '')) return null
  const lo = m[1] === '' ? 0 : Number(m[1])
  if (m[2] === '') return `{${lo}}`
  if (m[3] === '') return `{${lo},}`
  const hi = Number(m[3])
  if (hi < lo || hi > 32767) return null
  return `{${lo},${hi}}`
}

export interface CompileOptions extends RegexOptions {
  ignoreCase?: boolean
  global?: boolean
  /** `^`/`$` also at newlines (sed's M flag). */
  multiline?: boolean
  /** Code points, not UTF-16 units (grep, in a UTF-8 locale). */
  unicode?: boolean
  /** Zero-width JS assertions around the whole expression (grep -w, -x). */
  before?: string
  after?: string
}

/** Compiles a POSIX pattern to a RegExp that matches leftmost-longest (text/posix-regexp.ts),
 *  or returns glibc's error text. */
export function compile(p: string, o: CompileOptions = {}): PosixRegExp | { error: string } {
  const t = translate(p, o)
  if ('error' in t) return t
  let { source, node } = t
  if (o.before !== undefined || o.after !== undefined) {
    const items: Node[] = []
    if (o.before) items.push({ t: 'assert', src: o.before })
    items.push(node)
    if (o.after) items.push({ t: 'assert', src: o.after })
    source = `${o.before ?? ''}(?:${source})${o.after ?? ''}`
    node = { t: 'group', n: 0, body: { t: 'alt', alts: [items] } }
  }
  try {
    return new PosixRegExp(source, `s${o.ignoreCase ? 'i' : ''}${o.global ? 'g' : ''}${o.multiline ? 'm' : ''}${o.unicode ? 'u' : ''}`, node)
  } catch {
    return { error: 'Invalid regular expression' }
  }
}
