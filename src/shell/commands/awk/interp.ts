// Evaluating an awk program (POSIX semantics, gawk's choices where POSIX leaves them). Values are
// numbers, strings, or "strnums": strings from input (fields, getline, split, -v) that compare
// as numbers when they look like one. Uninitialised values are both "" and 0. A number becomes
// a string as an integer when it is integral, otherwise through CONVFMT (OFMT for print).
// Assigning a field rebuilds $0 with OFS; assigning $0 splits it again with FS.

import { strftime, TZ_OFFSET } from '../../text/date.ts'
import { splitAwk } from '../../text/fields.ts'
import { formatNumber, formatString, parseDirective } from '../../text/printf.ts'
import { withFlags } from '../../text/posix-regexp.ts'
import { compile } from '../../text/regex.ts'
import type { Expr, Program, Redirect, Stmt } from './parse.ts'

export class StrNum {
  constructor(readonly s: string) {}
}

export type Val = number | string | StrNum | undefined
type Cell = Val | Map<string, Val>

export class AwkFatal extends Error {}
class Next extends Error {}
class NextFile extends Error {}
export class Exit extends Error {
  constructor(readonly status: number) {
    super('exit')
  }
}
class Return extends Error {
  constructor(readonly value: Val) {
    super('return')
  }
}
class Break extends Error {}
class Continue extends Error {}

const NUMERIC = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/
const LEADING = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/

export function toNum(v: Val): number {
  if (v === undefined) return 0
  if (typeof v === 'number') return v
  const s = typeof v === 'string' ? v : v.s
  const m = LEADING.exec(s)
  return m ? Number(m[0]) : 0
}

export interface AwkIo {
  out(text: string): void
  err(text: string): void
  /** Contents of a file for `getline < file`, or null. */
  readFile(name: string): string | null
  env: [string, string][]
  /** The next main-input record for a plain `getline` (only when the program reads that way). */
  nextRecord(): string | null
  /** Write what an output file received, as close() and the end of the program do. */
  flush(name: string, kind: '>' | '>>', text: string): void
  /** The wall clock, seconds since the epoch (systime, strftime's default). */
  now(): number
}

const arrayUse = new WeakMap<Stmt, Set<string>>()

/** The parameters a function body uses as arrays (subscripted, `in`, `delete`, `for in`, split's target). */
function arrayParams(params: string[], body: Stmt): Set<string> {
  let found = arrayUse.get(body)
  if (found) return found
  found = new Set<string>()
  const names = new Set(params)
  const seen = found
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return
    if (Array.isArray(node)) return node.forEach(walk)
    const n = node as Record<string, unknown>
    if ((n.t === 'index' || n.t === 'in') && names.has(n.name as string)) seen.add(n.name as string)
    if (n.s === 'delete' && names.has(n.name as string)) seen.add(n.name as string)
    if (n.s === 'forin' && names.has(n.arr as string)) seen.add(n.arr as string)
    if (n.t === 'builtin' && n.name === 'split') {
      const target = (n.args as Expr[])[1]
      if (target?.t === 'var' && names.has(target.name)) seen.add(target.name)
    }
    for (const v of Object.values(n)) walk(v)
  }
  walk(body)
  arrayUse.set(body, found)
  return found
}

export class Awk {
  readonly globals = new Map<string, Cell>()
  private frames: Map<string, Cell>[] = []
  private fields: string[] = []
  private record = ''
  private fieldsValid = true
  private regexCache = new Map<string, RegExp>()
  private globalCache = new Map<string, RegExp>()
  private rangeActive: boolean[] = []
  /** Output files and pipes: name → what was written, flushed at the end. */
  readonly outputs = new Map<string, { kind: '>' | '>>' | '|'; text: string }>()
  private fileLines = new Map<string, string[]>()
  private seed = 0
  private randState = 0

  constructor(
    readonly prog: Program,
    readonly io: AwkIo,
  ) {
    const g = this.globals
    for (const [k, v] of [['FS', ' '], ['OFS', ' '], ['ORS', '\n'], ['RS', '\n'], ['SUBSEP', '\x1c'], ['CONVFMT', '%.6g'], ['OFMT', '%.6g'], ['FILENAME', '']] as const) g.set(k, v)
    for (const k of ['NR', 'FNR', 'RSTART', 'RLENGTH']) g.set(k, 0)
    g.set('RLENGTH', -1)
    g.set('ENVIRON', new Map(io.env.map(([k, v]) => [k, new StrNum(v)])))
    this.randState = 0
  }

  // ---- values ---------------------------------------------------------------------------------

  str(v: Val, fmt = 'CONVFMT'): string {
    if (v === undefined) return ''
    if (typeof v === 'string') return v
    if (v instanceof StrNum) return v.s
    if (Number.isInteger(v)) return BigInt(v).toString()
    if (Number.isNaN(v)) return '+nan'
    if (!Number.isFinite(v)) return v > 0 ? '+inf' : '-inf'
    return this.sprintf(this.str(this.get(fmt)), [v])
  }

  private numeric(v: Val): boolean {
    return v === undefined || typeof v === 'number' || (v instanceof StrNum && NUMERIC.test(v.s))
  }

  truthy(v: Val): boolean {
    if (v === undefined) return false
    if (typeof v === 'number') return v !== 0
    if (typeof v === 'string') return v !== ''
    return NUMERIC.test(v.s) ? toNum(v) !== 0 : v.s !== ''
  }

  private compare(a: Val, b: Val): number {
    if (this.numeric(a) && this.numeric(b)) {
      const x = toNum(a)
      const y = toNum(b)
      return x < y ? -1 : x > y ? 1 : 0
    }
    const x = this.str(a)
    const y = this.str(b)
    return x < y ? -1 : x > y ? 1 : 0
  }

  regex(src: string): RegExp {
    let re = this.regexCache.get(src)
    if (!re) {
      const t = compile(src, { extended: true })
      if ('error' in t) throw new AwkFatal(t.error === 'Invalid regular expression' ? `invalid regexp: /${src}/` : `invalid regexp: ${t.error}: /${src}/`)
      re = t
      this.regexCache.set(src, re)
    }
    return re
  }

  /** The `g` form of a regex, cached, for split. */
  globalRegex(src: string): RegExp {
    let re = this.globalCache.get(src)
    if (!re) this.globalCache.set(src, (re = withFlags(this.regex(src), 'gs')))
    return re
  }

  private regexOf(e: Expr): RegExp {
    return e.t === 're' ? this.regex(e.src) : this.regex(this.str(this.eval(e)))
  }

  // ---- variables and fields -------------------------------------------------------------------

  private scope(name: string): Map<string, Cell> {
    const f = this.frames[this.frames.length - 1]
    return f && f.has(name) ? f : this.globals
  }

  get(name: string): Val {
    if (name === 'NF') return this.nf()
    const v = this.scope(name).get(name)
    if (v instanceof Map) throw new AwkFatal(`attempt to use array \`${name}' in a scalar context`)
    return v
  }

  set(name: string, v: Val): void {
    if (name === 'NF') {
      this.splitIfNeeded()
      const n = Math.max(0, Math.trunc(toNum(v)))
      while (this.fields.length < n) this.fields.push('')
      this.fields.length = n
      this.rebuild()
      return
    }
    const s = this.scope(name)
    if (s.get(name) instanceof Map) throw new AwkFatal(`attempt to use array \`${name}' in a scalar context`)
    s.set(name, v)
  }

  array(name: string): Map<string, Val> {
    const s = this.scope(name)
    let a = s.get(name)
    if (a === undefined) {
      a = new Map()
      s.set(name, a)
    }
    if (!(a instanceof Map)) throw new AwkFatal(`attempt to use scalar \`${name}' as an array`)
    return a
  }

  setRecord(text: string): void {
    this.record = text
    this.fieldsValid = false
  }

  private splitIfNeeded(): void {
    if (this.fieldsValid) return
    const fs = this.str(this.get('FS'))
    this.fields = this.str(this.get('RS')) === '' && fs === ' ' ? splitAwk(this.record, ' ') : this.splitFs(this.record, fs)
    this.fieldsValid = true
  }

  private splitFs(s: string, fs: string): string[] {
    if (fs === ' ' || fs.length === 1) return splitAwk(s, fs)
    if (s === '') return []
    return s.split(this.globalRegex(fs))
  }

  private nf(): number {
    this.splitIfNeeded()
    return this.fields.length
  }

  private rebuild(): void {
    this.record = this.fields.join(this.str(this.get('OFS')))
  }

  field(i: number): Val {
    if (i === 0) return new StrNum(this.record)
    this.splitIfNeeded()
    return i <= this.fields.length ? new StrNum(this.fields[i - 1]) : undefined
  }

  private setField(i: number, v: string): void {
    if (i < 0) throw new AwkFatal(`attempt to access field ${i}`)
    if (i === 0) return this.setRecord(v)
    this.splitIfNeeded()
    while (this.fields.length < i) this.fields.push('')
    this.fields[i - 1] = v
    this.rebuild()
  }

  private subscript(subs: Expr[]): string {
    return subs.map((e) => this.str(this.eval(e))).join(this.str(this.get('SUBSEP')))
  }

  private assignTo(target: Expr, v: Val): Val {
    if (target.t === 'var') this.set(target.name, v)
    else if (target.t === 'field') this.setField(Math.trunc(toNum(this.eval(target.e))), this.str(v))
    else if (target.t === 'index') this.array(target.name).set(this.subscript(target.subs), v)
    else if (target.t === 'group') return this.assignTo(target.e, v)
    return v
  }

  // ---- expressions ----------------------------------------------------------------------------

  eval(e: Expr): Val {
    switch (e.t) {
      case 'num':
        return e.v
      case 'str':
        return e.v
      case 're':
        return this.regex(e.src).test(this.record) ? 1 : 0
      case 'group':
        return this.eval(e.e)
      case 'var':
        return this.get(e.name)
      case 'field':
        return this.field(Math.trunc(toNum(this.eval(e.e))))
      case 'index': {
        const a = this.array(e.name)
        const k = this.subscript(e.subs)
        if (!a.has(k)) a.set(k, undefined)
        return a.get(k)
      }
      case 'in':
        return this.array(e.name).has(this.subscript(e.subs)) ? 1 : 0
      case 'assign': {
        if (e.op === '=') return this.assignTo(e.target, this.copy(this.eval(e.e)))
        const r = toNum(this.eval(e.e))
        const l = toNum(this.eval(e.target))
        return this.assignTo(e.target, this.arith(e.op.slice(0, -1), l, r))
      }
      case 'cond':
        return this.truthy(this.eval(e.c)) ? this.eval(e.a) : this.eval(e.b)
      case 'unary': {
        const v = this.eval(e.e)
        return e.op === '!' ? (this.truthy(v) ? 0 : 1) : e.op === '-' ? -toNum(v) : toNum(v)
      }
      case 'incdec': {
        const old = toNum(this.eval(e.target))
        const next = e.op === '++' ? old + 1 : old - 1
        this.assignTo(e.target, next)
        return e.prefix ? next : old
      }
      case 'bin':
        return this.binary(e)
      case 'builtin':
        return this.builtin(e.name, e.args)
      case 'call':
        return this.call(e.name, e.args)
      case 'getline':
        return this.getline(e)
    }
  }

  private copy(v: Val): Val {
    return v
  }

  private arith(op: string, l: number, r: number): number {
    switch (op) {
      case '+':
        return l + r
      case '-':
        return l - r
      case '*':
        return l * r
      case '/':
        if (r === 0) throw new AwkFatal('division by zero attempted')
        return l / r
      case '%':
        if (r === 0) throw new AwkFatal('division by zero attempted in `%\'')
        return l % r
      default:
        return l ** r
    }
  }

  private binary(e: Extract<Expr, { t: 'bin' }>): Val {
    switch (e.op) {
      case '&&':
        return this.truthy(this.eval(e.l)) && this.truthy(this.eval(e.r)) ? 1 : 0
      case '||':
        return this.truthy(this.eval(e.l)) || this.truthy(this.eval(e.r)) ? 1 : 0
      case 'concat':
        return this.str(this.eval(e.l)) + this.str(this.eval(e.r))
      case '~':
      case '!~': {
        const hit = this.regexOf(e.r).test(this.str(this.eval(e.l)))
        return hit === (e.op === '~') ? 1 : 0
      }
      case '<':
        return this.compare(this.eval(e.l), this.eval(e.r)) < 0 ? 1 : 0
      case '<=':
        return this.compare(this.eval(e.l), this.eval(e.r)) <= 0 ? 1 : 0
      case '>':
        return this.compare(this.eval(e.l), this.eval(e.r)) > 0 ? 1 : 0
      case '>=':
        return this.compare(this.eval(e.l), this.eval(e.r)) >= 0 ? 1 : 0
      case '==':
        return this.compare(this.eval(e.l), this.eval(e.r)) === 0 ? 1 : 0
      case '!=':
        return this.compare(this.eval(e.l), this.eval(e.r)) !== 0 ? 1 : 0
      default:
        return this.arith(e.op, toNum(this.eval(e.l)), toNum(this.eval(e.r)))
    }
  }

  sprintf(fmt: string, args: Val[]): string {
    let out = ''
    let k = 0
    for (let i = 0; i < fmt.length; i++) {
      const c = fmt[i]
      if (c !== '%') {
        out += c
        continue
      }
      if (fmt[i + 1] === '%') {
        out += '%'
        i++
        continue
      }
      let spec = fmt.slice(i + 1)
      const star = /^([-+ #0]*)(\*)?(\d*)(?:\.(\*|\d*))?/.exec(spec)!
      if (star[2] || star[4] === '*') {
        const w = star[2] ? String(Math.trunc(toNum(args[k++]))) : star[3]
        const pr = star[4] === '*' ? String(Math.trunc(toNum(args[k++]))) : star[4]
        spec = `${star[1]}${w.startsWith('-') ? '' : ''}${w}${pr !== undefined ? `.${pr}` : ''}${spec.slice(star[0].length)}`
      }
      const parsed = parseDirective(spec)
      if (!parsed) {
        out += c
        continue
      }
      if (k >= args.length) throw new AwkFatal(`not enough arguments to satisfy format string\n\t\`${fmt}'\n\t${' '.repeat(i + 1)}^ ran out for this one`)
      const v = args[k++]
      const d = parsed.d
      if (d.conv === 's') out += formatString(d, this.str(v))
      else if (d.conv === 'c') out += typeof v === 'number' ? formatString(d, String.fromCodePoint(Math.trunc(v))) : formatString(d, [...this.str(v)][0] ?? '')
      else out += formatNumber(d.conv === 'i' ? { ...d, conv: 'd' } : d, toNum(v))
      i += parsed.length
    }
    return out
  }

  private builtin(name: string, args: Expr[]): Val {
    const arg = (i: number) => this.eval(args[i])
    const num = (i: number) => toNum(arg(i))
    switch (name) {
      case 'length': {
        if (!args.length) return [...this.record].length
        const a = args[0]
        if (a.t === 'var') {
          const cell = this.scope(a.name).get(a.name)
          if (cell instanceof Map) return cell.size
        }
        return [...this.str(arg(0))].length
      }
      case 'substr': {
        // gawk truncates both numbers and starts a start below 1 at 1, keeping the length.
        const s = [...this.str(arg(0))]
        const first = Math.max(Math.trunc(num(1)), 1)
        const len = args.length > 2 ? Math.trunc(num(2)) : Infinity
        return len <= 0 ? '' : s.slice(first - 1, first - 1 + len).join('')
      }
      case 'index': {
        const s = this.str(arg(0))
        const at = s.indexOf(this.str(arg(1)))
        return at < 0 ? 0 : [...s.slice(0, at)].length + 1
      }
      case 'split': {
        const s = this.str(arg(0))
        if (args[1].t !== 'var') throw new AwkFatal('split: second argument is not an array')
        const a = this.array(args[1].name)
        a.clear()
        const parts = args.length > 2 ? (args[2].t === 're' ? (s === '' ? [] : s.split(this.globalRegex(args[2].src))) : this.splitFs(s, this.str(arg(2)))) : this.splitFs(s, this.str(this.get('FS')))
        parts.forEach((p, i) => a.set(String(i + 1), new StrNum(p)))
        return parts.length
      }
      case 'sub':
      case 'gsub': {
        const re = this.regexOf(args[0])
        const repl = this.str(arg(1))
        const target: Expr = args[2] ?? { t: 'field', e: { t: 'num', v: 0 } }
        const r = replaceMatches(re, this.str(this.eval(target)), name === 'sub' ? 1 : 0, (m) => repl.replace(/\\\\|\\&|&/g, (x) => (x === '&' ? m[0] : x === '\\&' ? '&' : '\\')))
        if (!r.count) return 0
        this.assignTo(target, r.out)
        return r.count
      }
      case 'gensub': {
        // gawk's: the result is returned, the target left alone; `\\N` is group N, `\\0` and `&` the match.
        const re = this.regexOf(args[0])
        const repl = this.str(arg(1))
        const how = this.str(arg(2))
        const s = this.str(args.length > 3 ? arg(3) : this.eval({ t: 'field', e: { t: 'num', v: 0 } }))
        const which = /^[gG]/.test(how) ? 0 : Math.max(1, Math.trunc(num(2)))
        return replaceMatches(re, s, which, (m) => repl.replace(/\\([0-9&\\])|&/g, (_, c: string | undefined) => (c === undefined ? m[0] : c === '&' ? '&' : c === '\\' ? '\\' : (m[Number(c)] ?? '')))).out
      }
      case 'match': {
        const s = this.str(arg(0))
        const m = this.regexOf(args[1]).exec(s)
        const start = m ? [...s.slice(0, m.index)].length + 1 : 0
        this.set('RSTART', start)
        this.set('RLENGTH', m ? [...m[0]].length : -1)
        return start
      }
      case 'sprintf':
        return args.length ? this.sprintf(this.str(arg(0)), args.slice(1).map((a) => this.eval(a))) : ''
      case 'sin':
        return Math.sin(num(0))
      case 'cos':
        return Math.cos(num(0))
      case 'atan2':
        return Math.atan2(num(0), num(1))
      case 'exp':
        return Math.exp(num(0))
      case 'log':
        return Math.log(num(0))
      case 'sqrt':
        return Math.sqrt(num(0))
      case 'int':
        return Math.trunc(num(0))
      case 'rand':
        // A seeded linear congruential generator: deterministic, as the lab must be.
        this.randState = (Math.imul(this.randState, 1103515245) + 12345) >>> 0
        return this.randState / 4294967296
      case 'srand': {
        const old = this.seed
        this.seed = args.length ? Math.trunc(num(0)) : 0
        this.randState = this.seed >>> 0
        return old
      }
      case 'tolower':
        return this.str(arg(0)).toLowerCase()
      case 'toupper':
        return this.str(arg(0)).toUpperCase()
      case 'close': {
        // Closing an output file writes it, so the program can read it back; a pipe's command
        // still runs at the end (the lab's awk runs no command while the program runs).
        const n = this.str(arg(0))
        const out = this.outputs.get(n)
        const known = out !== undefined || this.fileLines.delete(n)
        if (out && out.kind !== '|') {
          this.io.flush(n, out.kind, out.text)
          this.outputs.delete(n)
        }
        return known ? 0 : -1
      }
      case 'systime':
        return this.io.now()
      case 'strftime': {
        // gawk's default format is PROCINFO["strftime"]; a third argument that is true means UTC.
        const fmt = args.length ? this.str(arg(0)) : '%a %b %e %H:%M:%S %Z %Y'
        const when = args.length > 1 ? Math.trunc(num(1)) : this.io.now()
        return strftime(fmt, when, args.length > 2 && this.truthy(arg(2)))
      }
      case 'mktime': {
        // "YYYY MM DD HH MM SS [DST]" in local time; fields out of range are normalised, as mktime(3) does.
        const f = this.str(arg(0)).trim().split(/\s+/)
        if (f.length < 6 || f.slice(0, 6).some((x) => !/^[+-]?\d+$/.test(x))) return -1
        const [Y, M, D, h, m, sec] = f.map(Number)
        return Date.UTC(Y, M - 1, D, h, m, sec) / 1000 - TZ_OFFSET
      }
      case 'fflush':
        return 0
      case 'system':
        throw new AwkFatal('system() cannot run commands inside the lab\'s awk')
      default:
        throw new AwkFatal(`function \`${name}' not defined`)
    }
  }

  private call(name: string, args: Expr[]): Val {
    const f = this.prog.funcs.get(name)
    if (!f) throw new AwkFatal(`function \`${name}' not defined`)
    if (args.length > f.params.length) throw new AwkFatal(`function \`${name}' called with more arguments than declared`)
    if (this.frames.length > 1000) throw new AwkFatal('function call nesting too deep')
    const frame = new Map<string, Cell>()
    const arrays = arrayParams(f.params, f.body)
    f.params.forEach((p, i) => {
      const a = args[i]
      if (!a) return frame.set(p, arrays.has(p) ? new Map() : undefined)
      if (a.t === 'var') {
        const cell = this.scope(a.name).get(a.name)
        if (cell instanceof Map) return frame.set(p, cell)
        // An untyped variable passed where the function uses an array becomes that array.
        if (cell === undefined && arrays.has(p)) return frame.set(p, this.array(a.name))
      }
      frame.set(p, this.eval(a))
    })
    this.frames.push(frame)
    try {
      this.exec(f.body)
      return undefined
    } catch (e) {
      if (e instanceof Return) return e.value
      throw e
    } finally {
      this.frames.pop()
    }
  }

  private getline(e: Extract<Expr, { t: 'getline' }>): Val {
    if (e.cmd) throw new AwkFatal('`cmd | getline\' cannot run commands inside the lab\'s awk')
    let line: string | null
    if (e.file) {
      const name = this.str(this.eval(e.file))
      if (!this.fileLines.has(name)) {
        const text = this.io.readFile(name)
        if (text === null) return -1
        const lines = text.split('\n')
        if (lines[lines.length - 1] === '') lines.pop()
        this.fileLines.set(name, lines)
      }
      line = this.fileLines.get(name)!.shift() ?? null
      if (line === null) return 0
    } else {
      line = this.io.nextRecord()
      if (line === null) return 0
      this.set('NR', toNum(this.get('NR')) + 1)
      this.set('FNR', toNum(this.get('FNR')) + 1)
    }
    if (e.target) this.assignTo(e.target, new StrNum(line))
    else this.setRecord(line)
    return 1
  }

  // ---- statements -----------------------------------------------------------------------------

  private write(redir: Redirect | undefined, text: string): void {
    if (!redir) return this.io.out(text)
    const name = this.str(this.eval(redir.e))
    if (name === '/dev/stdout' || name === '-') return this.io.out(text)
    if (name === '/dev/stderr') return this.io.err(text)
    const o = this.outputs.get(name)
    if (o) o.text += text
    else this.outputs.set(name, { kind: redir.op, text })
  }

  exec(st: Stmt): void {
    switch (st.s) {
      case 'block':
        for (const s of st.body) this.exec(s)
        return
      case 'expr':
        this.eval(st.e)
        return
      case 'print': {
        const ofs = this.str(this.get('OFS'))
        const text = st.args.length ? st.args.map((a) => this.str(this.eval(a), 'OFMT')).join(ofs) : this.record
        this.write(st.redir, text + this.str(this.get('ORS')))
        return
      }
      case 'printf': {
        const [f, ...rest] = st.args.map((a) => this.eval(a))
        this.write(st.redir, this.sprintf(this.str(f), rest))
        return
      }
      case 'if':
        if (this.truthy(this.eval(st.c))) this.exec(st.then)
        else if (st.else) this.exec(st.else)
        return
      case 'while':
        while (this.truthy(this.eval(st.c))) if (this.loopBody(st.body)) break
        return
      case 'do':
        do {
          if (this.loopBody(st.body)) break
        } while (this.truthy(this.eval(st.c)))
        return
      case 'for':
        for (st.init && this.eval(st.init); !st.c || this.truthy(this.eval(st.c)); st.step && this.eval(st.step)) if (this.loopBody(st.body)) break
        return
      case 'forin':
        for (const k of [...this.array(st.arr).keys()]) {
          this.assignTo(st.v, new StrNum(k))
          if (this.loopBody(st.body)) break
        }
        return
      case 'next':
        throw new Next()
      case 'nextfile':
        throw new NextFile()
      case 'break':
        throw new Break()
      case 'continue':
        throw new Continue()
      case 'exit':
        throw new Exit(st.e ? Math.trunc(toNum(this.eval(st.e))) & 255 : -1)
      case 'return':
        throw new Return(st.e ? this.eval(st.e) : undefined)
      case 'delete': {
        const a = this.array(st.name)
        if (st.subs) a.delete(this.subscript(st.subs))
        else a.clear()
        return
      }
    }
  }

  /** Runs a loop body; true when it broke out. */
  private loopBody(body: Stmt): boolean {
    try {
      this.exec(body)
    } catch (e) {
      if (e instanceof Break) return true
      if (e instanceof Continue) return false
      throw e
    }
    return false
  }

  // ---- rules ----------------------------------------------------------------------------------

  runBegin(): void {
    for (const r of this.prog.rules) if (r.begin) this.exec(r.action!)
  }

  runEnd(): void {
    for (const r of this.prog.rules) if (r.end) this.exec(r.action!)
  }

  get hasMain(): boolean {
    return this.prog.rules.some((r) => !r.begin && !r.end) || this.prog.rules.some((r) => r.end)
  }

  /** One input record through the main rules; 'nextfile' when the program skips the file. */
  runRecord(text: string): 'ok' | 'nextfile' {
    this.setRecord(text)
    this.set('NR', toNum(this.get('NR')) + 1)
    this.set('FNR', toNum(this.get('FNR')) + 1)
    try {
      this.prog.rules.forEach((r, i) => {
        if (r.begin || r.end) return
        let hit: boolean
        if (r.range) {
          if (!this.rangeActive[i]) {
            hit = this.truthy(this.eval(r.range[0]))
            if (hit) this.rangeActive[i] = !this.truthy(this.eval(r.range[1]))
          } else {
            hit = true
            if (this.truthy(this.eval(r.range[1]))) this.rangeActive[i] = false
          }
        } else hit = !r.pattern || this.truthy(this.eval(r.pattern))
        if (!hit) return
        if (r.action) this.exec(r.action)
        else this.io.out(this.record + this.str(this.get('ORS')))
      })
    } catch (e) {
      if (e instanceof Next) return 'ok'
      if (e instanceof NextFile) return 'nextfile'
      throw e
    }
    return 'ok'
  }
}

/** sub, gsub and gensub's walk over the matches (`which` 0: every one, N: the Nth): an empty
 *  match right after the previous match is not one (`gsub(/b*\/, "X")` on `abcbb` is `XaXcX`). */
function replaceMatches(re: RegExp, s: string, which: number, replace: (m: RegExpExecArray) => string): { out: string; count: number } {
  const g = withFlags(re, 'gs')
  let out = ''
  let pos = 0
  let count = 0
  let seen = 0
  let prevEnd = -1
  for (let m = g.exec(s); m; m = g.exec(s)) {
    const end = m.index + m[0].length
    if (m[0] === '') g.lastIndex = m.index + 1
    if (m[0] === '' && m.index === prevEnd) continue
    prevEnd = end
    if (which === 0 || ++seen === which) {
      out += s.slice(pos, m.index) + replace(m)
      pos = end
      count++
      if (which) break
    }
  }
  return { out: out + s.slice(pos), count }
}
