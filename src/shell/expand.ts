// Word expansion in bash's order: brace expansion, tilde, parameters, command substitution and
// arithmetic, word splitting of unquoted results on blanks, pathname expansion (globbing) against
// the host's files, quote removal. Command substitution runs a list, so expansion is a generator.

import type { List, Part, Word } from './ast.ts'
import { normalizePath, type FileSystem } from '../host/fs.ts'
import type { Proc } from '../sim/task.ts'

export interface ExpandEnv {
  get(name: string): string | undefined
  set(name: string, value: string): void
  substitute(list: List): Proc<string>
  fs: FileSystem
  cwd: string
  home: string
}

/** A piece of an expanded word: text plus whether it may be split and globbed. */
interface Field {
  text: string
  /** Per character: true where it came from an unquoted source (splittable/globbable). */
  free: boolean[]
}

export function* expandWords(words: Word[], env: ExpandEnv): Proc<string[]> {
  const out: string[] = []
  for (const w of words) for (const b of braceExpand(w)) out.push(...(yield* expandWord(b, env, true)))
  return out
}

/** Expands one word without splitting or globbing (assignments, redirection targets, here-docs). */
export function* expandSingle(word: Word, env: ExpandEnv): Proc<string> {
  const fields = yield* expandWord(word, env, false)
  return fields.join(' ')
}

function* expandWord(word: Word, env: ExpandEnv, split: boolean): Proc<string[]> {
  let cur: Field = { text: '', free: [] }
  let anyQuoted = false
  const push = (text: string, free: boolean) => {
    cur.text += text
    for (let i = 0; i < text.length; i++) cur.free.push(free)
  }
  for (const p of word.parts) {
    const quoted = p.t !== 'tilde' && p.quoted
    if (quoted) anyQuoted = true
    const value = yield* partValue(p, env)
    const from = cur.text.length
    push(value, !quoted && p.t !== 'lit' && p.t !== 'tilde')
    if (!quoted) markGlob(cur, from)
  }
  if (!split) return [cur.text]
  const fields = splitField(cur)
  if (!fields.length) return anyQuoted ? [''] : []
  const result: string[] = []
  for (const f of fields) result.push(...glob(f, env))
  return result
}

const globChars = new WeakMap<Field, Set<number>>()

function markGlob(f: Field, from: number): void {
  let set = globChars.get(f)
  if (!set) globChars.set(f, (set = new Set()))
  for (let i = from; i < f.text.length; i++) if ('*?['.includes(f.text[i])) set.add(i)
}

function* partValue(p: Part, env: ExpandEnv): Proc<string> {
  switch (p.t) {
    case 'lit':
      return p.v
    case 'tilde':
      return p.user === '' || p.user === 'root' ? env.home : `~${p.user}`
    case 'param': {
      const v = env.get(p.name)
      if (!p.op) return v ?? ''
      if (p.op.kind === '#') return String((v ?? '').length)
      const unset = v === undefined
      const empty = unset || v === ''
      const alt = p.op.word ? yield* expandSingle(p.op.word, env) : ''
      if (p.op.kind === ':-') return empty ? alt : v!
      if (p.op.kind === '-') return unset ? alt : v!
      if (p.op.kind === ':=') {
        if (empty) env.set(p.name, alt)
        return empty ? alt : v!
      }
      return empty ? '' : alt
    }
    case 'cmd':
      return (yield* env.substitute(p.list)).replace(/\n+$/, '')
    case 'arith':
      return String(arith(p.expr, env))
  }
}

/** Integer arithmetic for $(( )): + - * / % and parentheses over numbers and variables. */
export function arith(expr: string, env: Pick<ExpandEnv, 'get'>): number {
  const tokens = expr.match(/\d+|[A-Za-z_][A-Za-z0-9_]*|[-+*/%()]/g) ?? []
  let i = 0
  const atom = (): number => {
    const t = tokens[i++]
    if (t === '(') {
      const v = sum()
      i++
      return v
    }
    if (t === '-') return -atom()
    if (t === '+') return atom()
    if (t === undefined) return 0
    if (/^\d+$/.test(t)) return Number(t)
    return Number(env.get(t) ?? 0) || 0
  }
  const product = (): number => {
    let v = atom()
    while (tokens[i] === '*' || tokens[i] === '/' || tokens[i] === '%') {
      const op = tokens[i++]
      const r = atom()
      v = op === '*' ? v * r : r === 0 ? 0 : op === '/' ? Math.trunc(v / r) : v % r
    }
    return v
  }
  const sum = (): number => {
    let v = product()
    while (tokens[i] === '+' || tokens[i] === '-') v = tokens[i++] === '+' ? v + product() : v - product()
    return v
  }
  return sum()
}

function splitField(f: Field): Field[] {
  const out: Field[] = []
  let cur: Field = { text: '', free: [] }
  let started = false
  const globs = globChars.get(f)
  let curGlobs = new Set<number>()
  for (let i = 0; i < f.text.length; i++) {
    const c = f.text[i]
    if (f.free[i] && (c === ' ' || c === '\t' || c === '\n')) {
      if (started) {
        globChars.set(cur, curGlobs)
        out.push(cur)
      }
      cur = { text: '', free: [] }
      curGlobs = new Set()
      started = false
      continue
    }
    if (globs?.has(i)) curGlobs.add(cur.text.length)
    cur.text += c
    cur.free.push(f.free[i])
    started = true
  }
  if (started) {
    globChars.set(cur, curGlobs)
    out.push(cur)
  }
  return out
}

function glob(f: Field, env: ExpandEnv): string[] {
  const positions = globChars.get(f)
  if (!positions?.size) return [f.text]
  const absolute = f.text.startsWith('/')
  const segments = f.text.split('/')
  let offset = 0
  const segGlob = segments.map((seg) => {
    const hasGlob = [...positions].some((p) => p >= offset && p < offset + seg.length)
    offset += seg.length + 1
    return hasGlob
  })
  let paths = [absolute ? '/' : '']
  segments.forEach((seg, i) => {
    if (i === 0 && absolute) return
    const next: string[] = []
    for (const base of paths) {
      const dir = base === '' ? env.cwd : base
      if (!segGlob[i]) {
        next.push(base === '' ? seg : base === '/' ? `/${seg}` : `${base}/${seg}`)
        continue
      }
      const re = globRegex(seg)
      const absDir = dir.startsWith('/') ? dir : `${env.cwd}/${dir}`
      for (const name of env.fs.list(normalizePath('/', absDir)) ?? []) {
        if (name.startsWith('.') && !seg.startsWith('.')) continue
        if (re.test(name)) next.push(base === '' ? name : base === '/' ? `/${name}` : `${base}/${name}`)
      }
    }
    paths = next.filter((p) => i === segments.length - 1 || env.fs.isDir(p.startsWith('/') ? p : normalizePath('/', `${env.cwd}/${p}`)) || !segGlob[i])
  })
  const existing = paths.filter((p) => env.fs.exists(p.startsWith('/') ? p : normalizePath('/', `${env.cwd}/${p}`)))
  return existing.length ? existing.sort() : [f.text]
}


function globRegex(pattern: string): RegExp {
  let re = '^'
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]
    if (c === '*') re += '.*'
    else if (c === '?') re += '.'
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2)
      if (end < 0) re += '\\['
      else {
        let cls = pattern.slice(i + 1, end)
        if (cls.startsWith('!')) cls = '^' + cls.slice(1)
        re += `[${cls.replace(/\\/g, '\\\\')}]`
        i = end
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&')
  }
  return new RegExp(re + '$')
}

/**
 * Brace expansion on unquoted literal text: `{1..10}`, `{a..e}`, `{x,y,z}`, with a prefix and
 * suffix, recursively. Works on the first brace group found in an unquoted literal part.
 */
export function braceExpand(word: Word): Word[] {
  for (let pi = 0; pi < word.parts.length; pi++) {
    const p = word.parts[pi]
    if (p.t !== 'lit' || p.quoted) continue
    const m = findBrace(p.v)
    if (!m) continue
    const [start, end, alternatives] = m
    const results: Word[] = []
    for (const alt of alternatives) {
      const parts: Part[] = [...word.parts.slice(0, pi), { t: 'lit', v: p.v.slice(0, start) + alt + p.v.slice(end + 1), quoted: false }, ...word.parts.slice(pi + 1)]
      results.push(...braceExpand({ parts }))
    }
    return results
  }
  return [word]
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
          const seq = /^(-?\d+)\.\.(-?\d+)(?:\.\.(-?\d+))?$/.exec(body) ?? /^([a-zA-Z])\.\.([a-zA-Z])$/.exec(body)
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
  const out: string[] = []
  const dir = from <= to ? 1 : -1
  for (let v = from; dir > 0 ? v <= to : v >= to; v += dir * step) {
    out.push(numeric ? String(v).padStart(width, '0') : String.fromCharCode(v))
    if (out.length > 100000) break
  }
  return out
}

function splitTop(body: string): string[] {
  const out: string[] = []
  let depth = 0
  let cur = ''
  for (const c of body) {
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
