// Word expansion in bash's order (subst.c): brace expansion, tilde, parameters with every
// ${…} operator, command substitution and arithmetic, word splitting of unquoted results on IFS,
// pathname expansion (globbing) against the host's files, quote removal. Command substitution
// runs a list, so expansion is a generator. Errors (bad substitution, ${x:?}, unbound variables
// under set -u, arithmetic) are ExpandError with bash's text; the shell abandons the command.

import type { List, ParamOp, Part, Word } from './ast.ts'
import type { FileSystem } from '../host/fs.ts'
import type { Proc } from '../sim/task.ts'
import { pathnames } from './exec/pathname.ts'
import { ansiC, parseHeredocBody } from './parse.ts'
import type { Var } from './session.ts'
import { attributeLetters, declaration } from './syntax/declaration.ts'
import { ArithError, evalArith, type ArithVars } from './syntax/arith.ts'
import type { Matcher } from './text/extglob.ts'
import { hasExtglob } from './text/glob.ts'

export class ExpandError extends Error {}

export interface ExpandEnv extends ArithVars {
  /** Every element of an array (or the scalar as one), for `${a[@]}`; null when unset. */
  values(name: string): string[] | null
  /** Indices or keys of an array, for `${!a[@]}`. */
  keys(name: string): string[]
  positional(): string[]
  special(name: string): string | undefined
  /** `a[key]`: the key arithmetic-evaluated for an indexed array, taken as text for an associative one. */
  element(name: string, key: string): string | undefined
  setElement(name: string, key: string, value: string): void
  substitute(list: List): Proc<string>
  /** Starts `<(list)` / `>(list)` and gives the path its pipe is open at. */
  procsub(list: List, dir: '<' | '>'): Proc<string>
  nounset: boolean
  noglob: boolean
  /** A variable with its attributes, for `${v@A}` and `${v@a}`. */
  declared(name: string): Var | undefined
  /** The names of the set variables starting with `prefix`, sorted (`${!prefix*}`). */
  names(prefix: string): string[]
  /** A prompt string's backslash escapes decoded, as PS1's (`${v@P}`). */
  prompt(text: string): string
  /** Whether a `shopt` option is on (the glob options, extglob, nocasematch). */
  shopt(name: string): boolean
  /** A shell pattern compiled: with `extended`, extglob's groups are read (their compiler loads with the deferred builtins). */
  pattern(src: string, extended: boolean, nocase: boolean): Proc<Matcher>
  fs: FileSystem
  cwd: string
  home: string
}

/** Brace expansion makes at most this many words from one word (bash has no limit; a tab has). */
export const BRACE_LIMIT = 100_000

/** Longest string a word or variable may hold: bash would die in xmalloc, the lab says so. */
export const MAX_STRING = 16 * 1024 * 1024

/**
 * A field being built: its text and, per character, a flag character: bit 1 set where it may
 * split (an unquoted expansion), bit 2 where it may glob (unquoted). A string, not an array, so a
 * long value costs a byte per character.
 */
interface Field {
  text: string
  flags: string
}

const SPLIT = 1
const GLOB = 2
const FLAG = ['0', '1', '2', '3']

function splits(f: Field, i: number): boolean {
  return ((f.flags.charCodeAt(i) - 48) & SPLIT) !== 0
}

function globs(f: Field, i: number): boolean {
  return ((f.flags.charCodeAt(i) - 48) & GLOB) !== 0
}

export function* expandWords(words: Word[], env: ExpandEnv): Proc<string[]> {
  const out: string[] = []
  for (const w of words) {
    const simple = literalField(w)
    if (simple !== null) {
      out.push(simple)
      continue
    }
    for (const b of braceExpand(w)) {
      // `{1..5000}` makes 5,000 plain words: one with text and nothing to glob is its own field.
      const text = plainLiteral(b)
      if (text && !/[*?[(]/.test(text)) out.push(text)
      else out.push(...(yield* expandWord(b, env, true)))
    }
  }
  return out
}

/** Expands one word without splitting or globbing (assignments, redirection targets, here-docs). */
export function* expandSingle(word: Word, env: ExpandEnv): Proc<string> {
  const simple = plainLiteral(word)
  if (simple !== null) return simple
  const fields = yield* expandWord(word, env, false)
  return fields.join(' ')
}

/**
 * The fields of words that are all plain text with no brace, glob or expansion in them (`curl -s
 * VIP`), which expandWords would return unchanged; null if any word needs expanding. A plain
 * function, so the commonest command line needs no generator to expand.
 */
export function literalWords(words: Word[]): string[] | null {
  const out: string[] = []
  for (const w of words) {
    const text = literalField(w)
    if (text === null) return null
    out.push(text)
  }
  return out
}

/** A word that is its own single field as it stands (a `(` may be an extglob group's). */
function literalField(w: Word): string | null {
  const text = plainLiteral(w)
  return text !== null && !/[{*?[(]/.test(text) ? text : null
}

function plainLiteral(w: Word): string | null {
  if (w.parts.length === 1 && w.parts[0].t === 'lit') return w.parts[0].v
  if (w.parts.length === 0) return ''
  return null
}

function* expandWord(word: Word, env: ExpandEnv, split: boolean): Proc<string[]> {
  const done: Field[] = []
  let cur: Field = { text: '', flags: '' }
  let anyQuoted = false
  const push = (text: string, splittable: boolean, globbable: boolean) => {
    if (cur.text.length + text.length > MAX_STRING) throw new ExpandError(`xmalloc: cannot allocate ${cur.text.length + text.length + 1} bytes (LVS Lab limit: ${MAX_STRING} characters in one word)`)
    cur.text += text
    cur.flags += FLAG[(splittable ? SPLIT : 0) | (globbable ? GLOB : 0)].repeat(text.length)
  }
  for (const p of word.parts) {
    if (p.t === 'lit') {
      if (p.quoted) anyQuoted = true
      push(p.v, false, !p.quoted)
      continue
    }
    if (p.t === 'tilde') {
      push(p.user === '' || p.user === 'root' ? env.home : `~${p.user}`, false, false)
      continue
    }
    if (p.t === 'procsub') {
      push(yield* env.procsub(p.list, p.dir), false, false)
      continue
    }
    if (p.quoted) anyQuoted = true
    const v = yield* partValue(p, env)
    if (typeof v === 'string') {
      push(v, !p.quoted, !p.quoted)
      continue
    }
    // "$@" and "${a[@]}": one field per element, the first and last joined to their neighbours.
    if (p.quoted) {
      if (!v.length) {
        if (word.parts.length === 1) anyQuoted = false
        continue
      }
      v.forEach((item, i) => {
        if (i > 0) {
          done.push(cur)
          cur = { text: '', flags: '' }
        }
        push(item, false, false)
      })
    } else push(v.join(' '), true, true)
  }
  if (!split) return [cur.text]
  done.push(cur)
  const ifs = env.get('IFS') ?? ' \t\n'
  const fields: Field[] = []
  for (const f of done) fields.push(...splitField(f, ifs))
  if (!fields.length) return anyQuoted || done.length > 1 ? done.map((f) => f.text) : []
  const result: string[] = []
  for (const f of fields) result.push(...(env.noglob ? [f.text] : yield* glob(f, env)))
  return result
}

/** `$x`, `${…}`, `$(…)`, `$((…))`: a string, or a list for "$@"-like expansions. */
function* partValue(p: Exclude<Part, { t: 'lit' } | { t: 'tilde' } | { t: 'procsub' }>, env: ExpandEnv): Proc<string | string[]> {
  if (p.t === 'cmd') return (yield* env.substitute(p.list)).replace(/\n+$/, '')
  if (p.t === 'arith') {
    const text = yield* expandSingle(p.expr, env)
    return String(arith(text, env))
  }
  return yield* param(p, env)
}

export function arith(text: string, env: ArithVars): bigint {
  try {
    return evalArith(text, env)
  } catch (e) {
    if (e instanceof ArithError) throw new ExpandError(e.message)
    throw e
  }
}

function* param(p: Extract<Part, { t: 'param' }>, env: ExpandEnv): Proc<string | string[]> {
  if (p.raw !== undefined && p.name === '') throw new ExpandError(`${p.raw}: bad substitution`)
  let name = p.name
  if (p.op?.kind === 'names') {
    const names = env.names(name)
    if (!p.quoted) return names.join(' ')
    return p.op.at ? names : names.join((env.get('IFS') ?? ' ').slice(0, 1))
  }
  if (p.indirect) {
    if (p.index && isAll(p.index)) return env.keys(name)
    const target = lookup(name, undefined, env)
    if (target === undefined) throw new ExpandError(`${name}: invalid indirect expansion`)
    name = target
  }
  const all = p.index ? isAll(p.index) : name === '@' || name === '*'
  const star = p.index ? indexText(p.index) === '*' : name === '*'
  const op = p.op
  if (all) {
    const list = name === '@' || name === '*' ? env.positional() : (env.values(name) ?? [])
    if (op?.kind === 'len') return String(list.length)
    if (env.nounset && !list.length && name !== '@' && name !== '*' && env.values(name) === null) throw new ExpandError(`${name}: unbound variable`)
    let items = list
    if (op?.kind === 'substr') items = yield* sliceList(list, op, env, name === '@' || name === '*')
    else if (op) {
      const unset = list.length === 0
      if ('word' in op && op.word && ['-', ':-', '+', ':+', '=', ':=', '?', ':?'].includes(op.kind)) {
        const r = yield* defaults(name, unset ? undefined : list.join(' '), op as Extract<ParamOp, { kind: ':-' }>, env)
        if (r.useValue) items = list
        else return r.text
      } else if (op.kind === '@A') {
        const v = env.declared(name)
        return v && (list.length || v.array || v.assoc) ? declaration(name, v) : ''
      } else {
        const mapped: string[] = []
        for (const item of items) mapped.push(op.kind === '@a' ? attributes(name, env) : yield* transform(item, op, env))
        items = mapped
      }
    }
    if (star && p.quoted) return items.join((env.get('IFS') ?? ' ').slice(0, 1))
    return p.quoted ? items : items.join(' ')
  }
  let index: string | undefined
  if (p.index) index = yield* expandSingle(p.index, env)
  const v = lookup(name, index, env)
  if (op?.kind === 'len') {
    if (v === undefined && env.nounset) throw new ExpandError(`${name}: unbound variable`)
    return String([...(v ?? '')].length)
  }
  if (op && ['-', ':-', '+', ':+', '=', ':=', '?', ':?'].includes(op.kind)) {
    const r = yield* defaults(name, v, op as Extract<ParamOp, { kind: ':-' }>, env, index)
    return r.useValue ? v! : r.text
  }
  if (v === undefined && env.nounset && !/^[?#$!0-]$/.test(name)) throw new ExpandError(`${name}: unbound variable`)
  if (!op) return v ?? ''
  if (op.kind === '@A') return assignment(name, v, env)
  if (op.kind === '@a') {
    // A scalar declared without a value is invisible to bash; an array keeps its letters.
    const d = env.declared(name)
    return v === undefined && !d?.array && !d?.assoc ? '' : attributes(name, env)
  }
  return yield* transform(v ?? '', op, env)
}

function attributes(name: string, env: ExpandEnv): string {
  const v = env.declared(name)
  return v ? attributeLetters(v) : ''
}

/**
 * `${v@A}`: the assignment that recreates the value (`v='1'`, quoted as @Q quotes), as a declare
 * command when the variable has attributes (`declare -i n='3'`, an array's element 0 with `-a`).
 */
function assignment(name: string, value: string | undefined, env: ExpandEnv): string {
  const v = env.declared(name)
  const flags = v ? attributeLetters(v) : ''
  if (value === undefined) return flags ? `declare -${flags} ${name}` : ''
  const quoted = singleQuote(value)
  return flags ? `declare -${flags} ${name}=${quoted}` : `${name}=${quoted}`
}

function singleQuote(v: string): string {
  return `'${v.replace(/'/g, "'\\''")}'`
}

function isAll(index: Word): boolean {
  const t = indexText(index)
  return t === '@' || t === '*'
}

function indexText(index: Word): string | null {
  return plainLiteral(index)
}

function lookup(name: string, index: string | undefined, env: ExpandEnv): string | undefined {
  if (/^[0-9]+$/.test(name)) {
    if (name === '0') return env.special('0')
    return env.positional()[Number(name) - 1]
  }
  const sp = env.special(name)
  if (sp !== undefined) return sp
  return index === undefined ? env.get(name) : env.element(name, index)
}

function* defaults(name: string, v: string | undefined, op: Extract<ParamOp, { kind: ':-' | '-' | ':=' | '=' | ':+' | '+' | ':?' | '?' }>, env: ExpandEnv, index?: string): Proc<{ useValue: boolean; text: string }> {
  const colon = op.kind.startsWith(':')
  const missing = v === undefined || (colon && v === '')
  const kind = op.kind.replace(':', '')
  if (kind === '+') return missing ? { useValue: false, text: '' } : { useValue: false, text: yield* expandSingle(op.word, env) }
  if (!missing) return { useValue: true, text: '' }
  const alt = yield* expandSingle(op.word, env)
  if (kind === '-') return { useValue: false, text: alt }
  if (kind === '=') {
    if (/^[0-9@*#?$!-]/.test(name)) throw new ExpandError(`$${name}: cannot assign in this way`)
    if (index !== undefined) env.setElement(name, index, alt)
    else env.set(name, alt)
    return { useValue: false, text: alt }
  }
  throw new ExpandError(`${name}: ${alt || (colon ? 'parameter null or not set' : 'parameter not set')}`)
}

function* sliceList(list: string[], op: Extract<ParamOp, { kind: 'substr' }>, env: ExpandEnv, positional: boolean): Proc<string[]> {
  const all = positional ? [env.special('0') ?? '-bash', ...list] : list
  let off = Number(arith(yield* expandSingle(wordOf(op.offset), env), env))
  if (off < 0) off = Math.max(0, all.length + off)
  else if (!positional) off = Math.min(off, all.length)
  let items = all.slice(off)
  if (op.length !== null) {
    const len = Number(arith(yield* expandSingle(wordOf(op.length), env), env))
    if (len < 0) throw new ExpandError(`${len}: substring expression < 0`)
    items = items.slice(0, len)
  }
  return items
}

function wordOf(text: string): Word {
  return { parts: [{ t: 'lit', v: text, quoted: false }] }
}

function* transform(v: string, op: ParamOp, env: ExpandEnv): Proc<string> {
  switch (op.kind) {
    case '#':
    case '##':
    case '%':
    case '%%': {
      const re = yield* compilePattern(op.word, env)
      const chars = [...v]
      const n = chars.length
      const longest = op.kind.length === 2
      if (op.kind[0] === '#') {
        for (let k = 0; k <= n; k++) {
          const i = longest ? n - k : k
          if (re.test(chars.slice(0, i).join(''))) return chars.slice(i).join('')
        }
      } else {
        for (let k = 0; k <= n; k++) {
          const i = longest ? k : n - k
          if (re.test(chars.slice(i).join(''))) return chars.slice(0, i).join('')
        }
      }
      return v
    }
    case '/':
    case '//':
    case '/#':
    case '/%': {
      const re = yield* compilePattern(op.pattern, env, 'replace')
      const repl = op.repl ? yield* expandSingle(op.repl, env) : ''
      return replace(v, re, repl, op.kind)
    }
    case '^':
    case '^^':
    case ',':
    case ',,':
    case '~':
    case '~~': {
      const re = op.word ? yield* compilePattern(op.word, env) : null
      const chars = [...v]
      const count = op.kind.length === 2 ? chars.length : 1
      for (let i = 0; i < count && i < chars.length; i++) {
        if (re && !re.test(chars[i])) continue
        const c = chars[i]
        const upper = op.kind[0] === '^' || (op.kind[0] === '~' && c === c.toLowerCase())
        chars[i] = upper ? c.toUpperCase() : c.toLowerCase()
      }
      return chars.join('')
    }
    case 'substr': {
      const chars = [...v]
      let off = Number(arith(yield* expandSingle(wordOf(op.offset), env), env))
      if (off < 0) off = chars.length + off
      if (off < 0 || off > chars.length) return ''
      if (op.length === null) return chars.slice(off).join('')
      let len = Number(arith(yield* expandSingle(wordOf(op.length), env), env))
      if (len < 0) {
        len = chars.length + len - off
        if (len < 0) throw new ExpandError(`${op.length.trim()}: substring expression < 0`)
      }
      return chars.slice(off, off + len).join('')
    }
    case '@Q':
      return singleQuote(v)
    case '@U':
      return v.toUpperCase()
    case '@L':
      return v.toLowerCase()
    case '@E':
      return ansiC(v)
    case '@P': {
      // Decoded as PS1 is, then (promptvars) expanded as double-quoted text is.
      const decoded = env.prompt(v)
      return env.shopt('promptvars') ? yield* expandSingle(parseHeredocBody(decoded), env) : decoded
    }
    default:
      return v
  }
}

/** Replacement as bash 5.1 does it (no `&` for the match: patsub_replacement arrived in 5.2). */
function replace(v: string, re: Matcher, repl: string, kind: '/' | '//' | '/#' | '/%'): string {
  const chars = [...v]
  const n = chars.length
  const matchAt = (i: number): number => {
    for (let j = n; j >= i; j--) if (re.test(chars.slice(i, j).join(''))) return j
    return -1
  }
  if (kind === '/#') {
    const j = matchAt(0)
    return j < 0 ? v : repl + chars.slice(j).join('')
  }
  if (kind === '/%') {
    for (let i = 0; i <= n; i++) if (re.test(chars.slice(i).join(''))) return chars.slice(0, i).join('') + repl
    return v
  }
  let out = ''
  let i = 0
  while (i <= n) {
    const j = matchAt(i)
    if (j < 0 || j === i) {
      if (i < n) out += chars[i]
      i++
      continue
    }
    out += repl
    i = j
    if (kind === '/') return out + chars.slice(i).join('')
  }
  return out
}

/**
 * A pattern word (quoted parts literal) compiled for where it is used: `${v#pat}` and the like
 * follow extglob; `${v/pat/s}`, `case` and `[[ == ]]` nocasematch too; `[[ == ]]` always reads
 * extglob's groups (bash turns it on while it matches there). One compiler for all, as bash's strmatch.
 */
export function* compilePattern(word: Word, env: ExpandEnv, use: 'subst' | 'replace' | 'case' | 'cond' = 'subst'): Proc<Matcher> {
  let src = ''
  for (const p of word.parts) {
    if (p.t === 'lit') src += p.quoted ? escapeGlob(p.v) : p.v
    else if (p.t === 'tilde') src += escapeGlob(env.home)
    else if (p.t === 'procsub') src += escapeGlob(yield* env.procsub(p.list, p.dir))
    else {
      const v = yield* partValue(p, env)
      const text = typeof v === 'string' ? v : v.join(' ')
      src += p.quoted ? escapeGlob(text) : text
    }
  }
  return yield* env.pattern(src, use === 'cond' || env.shopt('extglob'), use !== 'subst' && env.shopt('nocasematch'))
}

/** Quoted text in a pattern: every character a pattern could read otherwise (extglob's too) escaped. */
function escapeGlob(s: string): string {
  return s.replace(/[*?[\]\\()|!+@]/g, '\\$&')
}


const GLOB_CHAR = /[*?[]/

function splitField(f: Field, ifs: string): Field[] {
  if (!ifs) return [f]
  // No IFS character anywhere: the field is the whole text, or nothing if it is empty.
  if (![...ifs].some((c) => f.text.includes(c))) return f.text ? [{ text: f.text, flags: f.flags.replaceAll('1', '0').replaceAll('3', '2') }] : []
  const isIfs = (c: string) => ifs.includes(c)
  const isWs = (c: string) => (c === ' ' || c === '\t' || c === '\n') && ifs.includes(c)
  const out: Field[] = []
  let from = -1
  const n = f.text.length
  const take = (to: number) => {
    // The field is split: its characters keep only their GLOB bit ('1' -> '0', '3' -> '2').
    out.push({ text: f.text.slice(from, to), flags: f.flags.slice(from, to).replaceAll('1', '0').replaceAll('3', '2') })
    from = -1
  }
  let i = 0
  while (i < n) {
    const c = f.text[i]
    if (!splits(f, i) || !isIfs(c)) {
      if (from < 0) from = i
      i++
      continue
    }
    let j = i
    while (j < n && splits(f, j) && isWs(f.text[j])) j++
    if (j < n && splits(f, j) && isIfs(f.text[j]) && !isWs(f.text[j])) {
      if (from < 0) out.push({ text: '', flags: '' })
      else take(i)
      j++
      while (j < n && splits(f, j) && isWs(f.text[j])) j++
    } else if (from >= 0) take(i)
    i = j
  }
  if (from >= 0) take(n)
  return out
}

/**
 * Pathname expansion of one field (exec/pathname.ts): its unquoted pattern characters work, the
 * quoted ones are escaped. No match leaves the word as it is, or with nullglob removes it; with
 * failglob it is an error that abandons the command.
 */
function* glob(f: Field, env: ExpandEnv): Proc<string[]> {
  const extended = env.shopt('extglob')
  if (!GLOB_CHAR.test(f.text) && !(extended && hasExtglob(f.text))) return [f.text]
  let any = false
  for (let i = 0; i < f.text.length && !any; i++) {
    const c = f.text[i]
    any = globs(f, i) && (c === '*' || c === '?' || c === '[' || (extended && (c === '+' || c === '@' || c === '!') && f.text[i + 1] === '('))
  }
  if (!any) return [f.text]
  let pattern = ''
  for (let i = 0; i < f.text.length; i++) pattern += globs(f, i) ? f.text[i] : escapeGlob(f.text[i])
  const found = yield* pathnames(pattern, env)
  if (found.length) return found
  if (env.shopt('failglob')) throw new ExpandError(`no match: ${f.text}`)
  return env.shopt('nullglob') ? [] : [f.text]
}

/**
 * Brace expansion (braces.c), before any other expansion: `{1..10}`, `{a..e}`, `{01..10..2}`,
 * `{x,y,z}`, nested, with a preamble and postamble. Only unquoted literal text can open, split or
 * close a brace group; a quoted part or an expansion (`{$x,2}`) rides along as one opaque
 * character, so the words keep their quoting.
 */
export function braceExpand(word: Word, budget = { left: BRACE_LIMIT }): Word[] {
  if (!word.parts.some((p) => p.t === 'lit' && !p.quoted && p.v.includes('{'))) return [word]
  const opaque: Part[] = []
  let text = ''
  for (const p of word.parts) {
    if (p.t === 'lit' && !p.quoted) text += p.v
    else {
      text += String.fromCharCode(OPAQUE + opaque.length)
      opaque.push(p)
    }
  }
  return braceText(text, budget).map((t) => {
    const parts: Part[] = []
    let lit = ''
    for (let i = 0; i < t.length; i++) {
      const ch = t[i]
      const code = ch.charCodeAt(0)
      if (code >= OPAQUE && code < OPAQUE + opaque.length) {
        if (lit) parts.push({ t: 'lit', v: lit, quoted: false })
        lit = ''
        parts.push(opaque[code - OPAQUE])
      } else if (ch === '\\') {
        // Only a sequence (`{X..b}`) puts a backslash here; bash reads the words again after
        // brace expansion, so it quotes what follows it.
        if (lit) parts.push({ t: 'lit', v: lit, quoted: false })
        lit = ''
        const next = t[i + 1] ?? ''
        const nextOpaque = next !== '' && next.charCodeAt(0) >= OPAQUE && next.charCodeAt(0) < OPAQUE + opaque.length
        parts.push({ t: 'lit', v: nextOpaque ? '' : next, quoted: true })
        if (!nextOpaque && next) i++
      } else if (ch === '`' && i < t.length - 1) {
        // So does a backquote, which then opens a command substitution that never closes.
        throw new ExpandError(`bad substitution: no closing "\`" in \`${t.slice(i + 1)}`)
      } else lit += ch
    }
    if (lit) parts.push({ t: 'lit', v: lit, quoted: false })
    return { parts }
  })
}

/** Private-use characters stand for the parts brace expansion must not look into. */
const OPAQUE = 0xe000

function braceText(text: string, budget: { left: number }): string[] {
  const m = findBrace(text)
  if (!m) return [text]
  const [start, end, alternatives] = m
  const out: string[] = []
  for (const alt of alternatives) {
    for (const t of braceText(text.slice(0, start) + alt + text.slice(end + 1), budget)) {
      if (--budget.left < 0) throw new ExpandError(`brace expansion: more than ${BRACE_LIMIT} words (LVS Lab limit)`)
      out.push(t)
    }
  }
  return out
}

function findBrace(text: string): [number, number, string[]] | null {
  for (let start = text.indexOf('{'); start >= 0; start = text.indexOf('{', start + 1)) {
    let depth = 0
    for (let i = start; i < text.length; i++) {
      if (text[i] === '{') depth++
      else if (text[i] === '}') {
        depth--
        if (depth === 0) {
          const body = text.slice(start + 1, i)
          const seq = /^(-?\d+)\.\.(-?\d+)(?:\.\.(-?\d+))?$/.exec(body) ?? /^([a-zA-Z])\.\.([a-zA-Z])(?:\.\.(-?\d+))?$/.exec(body)
          if (seq) return [start, i, sequence(seq[1], seq[2], seq[3])]
          const alts = splitTop(body)
          if (alts.length > 1) return [start, i, alts]
          break
        }
      }
    }
  }
  return null
}

function sequence(a: string, b: string, stepText?: string): string[] {
  const numeric = /^-?\d+$/.test(a)
  const from = numeric ? Number(a) : a.charCodeAt(0)
  const to = numeric ? Number(b) : b.charCodeAt(0)
  const step = Math.max(1, Math.abs(Number(stepText ?? 1)))
  const width = numeric && (/^-?0\d/.test(a) || /^-?0\d/.test(b)) ? Math.max(a.length, b.length) : 0
  if (Math.abs(to - from) / step > BRACE_LIMIT) throw new ExpandError(`brace expansion: more than ${BRACE_LIMIT} words (LVS Lab limit)`)
  const out: string[] = []
  const dir = from <= to ? 1 : -1
  for (let v = from; dir > 0 ? v <= to : v >= to; v += dir * step) {
    out.push(numeric ? (v < 0 ? '-' + String(-v).padStart(width - 1, '0') : String(v).padStart(width, '0')) : String.fromCharCode(v))
  }
  return out
}

function splitTop(body: string): string[] {
  const out: string[] = []
  let depth = 0
  let cur = ''
  for (let i = 0; i < body.length; i++) {
    const c = body[i]
    if (c === '\\') {
      cur += c + (body[i + 1] ?? '')
      i++
      continue
    }
    if (c === '{') depth++
    if (c === '}') depth--
    if (c === ',' && depth === 0) {
      out.push(cur)
      cur = ''
    } else cur += c
  }
  out.push(cur)
  return out
}
