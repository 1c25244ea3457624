// A recursive-descent parser for bash (parse.y's grammar): quoting ('', "", $'', \), parameter
// expansion with every operator and nesting, $(...) `...` $((...)), redirections with any fd,
// here-documents and here-strings, pipes (| and |&), && || ; &, { }, ( ), for (both forms),
// while/until, if, case, functions, (( )) and [[ ]]. It reports bash's own syntax errors, and tells
// an interactive reader when the input is merely incomplete so it can ask for more with PS2.

import type { AndOr, Assign, Case, Command, CondExpr, List, Part, Pipeline, Redirect, Simple, Word } from './ast.ts'
import { KEYWORDS } from './builtins/keywords.ts'
import { paramBrace } from './syntax/word.ts'

export class Incomplete extends Error {
  /**
   * `quote`: the quote bash was looking for when the input ended, if that is why; `detail`: what
   * the construct the input ended in says next (an operand of `[[ ]]`'s operator).
   */
  constructor(
    readonly quote?: string,
    readonly detail?: string,
  ) {
    super('incomplete')
  }
}
export class ShellSyntaxError extends Error {}

const META = new Set([' ', '\t', '\n', ';', '&', '|', '<', '>', '(', ')'])
const BLANKS = new Set([' ', '\t', '\n'])
const NOTHING = new Set<string>()
/** Inside an extended-glob group: only its `)` ends the text (`|` and blanks belong to it). */
const GROUP = new Set([')'])
const MAX_DEPTH = 200
const RESERVED = ['then', 'else', 'elif', 'fi', 'do', 'done', '}', 'esac', 'in']
const REDIRECT_OPS = ['>', '>>', '<', '<<', '<<-', '<<<', '>&', '<&', '&>', '&>>', '>|', '<>']
const DECLARATION = new Set(['declare', 'typeset', 'local', 'export', 'readonly'])
const COND_UNARY = new Set(['-a', '-b', '-c', '-d', '-e', '-f', '-g', '-h', '-k', '-p', '-r', '-s', '-t', '-u', '-w', '-x', '-G', '-L', '-N', '-O', '-S', '-z', '-n', '-o', '-v', '-R'])
const COND_BINARY = new Set(['==', '=', '!=', '=~', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef'])

interface PendingHeredoc {
  redirect: Redirect
  delimiter: string
  stripTabs: boolean
}

export type ParseResult = { ok: true; list: List } | { ok: false; incomplete: true; quote?: string; detail?: string } | { ok: false; incomplete: false; error: string }

export function parse(src: string): ParseResult {
  return attempt(() => new Parser(src).program())
}

/** A line's parse; a failure says on which line of the source (and that line's text) bash reports it. */
export type LineResult = { ok: true; list: List; end: number; unterminated: UnterminatedHeredoc[] } | (Exclude<ParseResult, { ok: true }> & { line: number; lineText: string })

/** A here-document the input ended inside: bash warns and takes the text so far as its body. */
export interface UnterminatedHeredoc {
  /** The line before its body's first (bash's count). */
  line: number
  delimiter: string
}

/**
 * The next line of `src` from offset `from`, as bash reads its input: the commands up to a newline
 * outside any construct (with the here-documents they open), parsed with `aliases` expanded (null:
 * expand_aliases is off). The caller runs it before reading the next, so an alias defined on one
 * line applies from the next, and a syntax error further down leaves the lines before it run.
 */
export function parseLine(src: string, from: number, aliases: ReadonlyMap<string, string> | null, extglob = false): LineResult {
  const p = new Parser(src, aliases, from)
  p.extglob = extglob
  // The source is all the input there is: its end closes a here-document, as end-of-file does.
  p.unterminated = []
  const r = attempt(() => p.line())
  if (r.ok) return { ...r, end: p.offset, unterminated: p.unterminated }
  // End of input: the line after the last; a bad token: the line it is on.
  if (r.incomplete) return { ...r, line: src.split('\n').length, lineText: '' }
  const at = Math.min(p.offset, src.length)
  const start = src.lastIndexOf('\n', at - 1) + 1
  const stop = src.indexOf('\n', at)
  return { ...r, line: src.slice(0, at).split('\n').length, lineText: src.slice(start, stop < 0 ? src.length : stop) }
}

function attempt(run: () => List): ParseResult {
  try {
    return { ok: true, list: run() }
  } catch (e) {
    if (e instanceof Incomplete) return { ok: false, incomplete: true, quote: e.quote, detail: e.detail }
    if (e instanceof ShellSyntaxError) return { ok: false, incomplete: false, error: e.message }
    if (e instanceof RangeError) return { ok: false, incomplete: false, error: 'syntax error: expression nested too deeply' }
    throw e
  }
}

/** bash's $'…' escapes (ansicstr in strtrans.c). */
export function ansiC(s: string): string {
  let out = ''
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '\\' || i === s.length - 1) {
      out += s[i]
      continue
    }
    const c = s[++i]
    const simple: Record<string, string> = { a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' }
    if (Object.hasOwn(simple, c)) out += simple[c]
    else if (c >= '0' && c <= '7') {
      const m = /^[0-7]{1,3}/.exec(s.slice(i))![0]
      out += String.fromCharCode(parseInt(m, 8) & 255)
      i += m.length - 1
    } else if (c === 'x' && /^[0-9a-fA-F]/.test(s[i + 1] ?? '')) {
      const m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 1))![0]
      out += String.fromCharCode(parseInt(m, 16))
      i += m.length
    } else if ((c === 'u' || c === 'U') && /^[0-9a-fA-F]/.test(s[i + 1] ?? '')) {
      const m = new RegExp(`^[0-9a-fA-F]{1,${c === 'u' ? 4 : 8}}`).exec(s.slice(i + 1))![0]
      const cp = parseInt(m, 16)
      out += cp <= 0x10ffff ? String.fromCodePoint(cp) : ''
      i += m.length
    } else if (c === 'c' && i + 1 < s.length) {
      out += String.fromCharCode(s.charCodeAt(++i) & 31)
    } else out += '\\' + c
  }
  return out
}

class Parser {
  private heredocs: PendingHeredoc[] = []
  private depth = 0
  /** Aliases being expanded and where their text ends: one is not expanded again inside itself. */
  private expanding: { name: string; end: number }[] = []
  /** Where the last alias's value ended, if it ended in a blank: the word there is checked too. */
  private aliasNextAt = -1
  /** The source; an alias expansion splices its value in, as bash pushes it back onto its input. */
  private s: string
  /** `shopt -s extglob` was on when the line was read: `@(…)` and its kin are words, not syntax errors. */
  extglob = false
  /** When set, the input's end closes a here-document (recorded here) instead of asking for more. */
  unterminated: UnterminatedHeredoc[] | null = null
  /** The text is the inside of double quotes (subWord). */
  inDoubleQuotes = false

  constructor(
    private readonly src: string,
    private readonly aliases: ReadonlyMap<string, string> | null = null,
    private pos = 0,
  ) {
    this.s = src
  }

  /** Where the parser stands in the source it was given (alias values spliced in all lie before it). */
  get offset(): number {
    return this.pos - (this.s.length - this.src.length)
  }

  program(): List {
    const list = this.list(new Set())
    this.skipSpace()
    if (this.pos < this.s.length) this.unexpected()
    if (this.heredocs.length) throw new Incomplete()
    return list
  }

  /** One input line (see parseLine); an empty list at the end of the input. */
  line(): List {
    const list = this.list(new Set(), true)
    // A line ends at a newline or the input's end; anything else is a token out of place.
    const atNewline = this.s[this.pos - 1] === '\n'
    this.skipSpace()
    if (!this.eof() && !atNewline) this.unexpected()
    if (this.heredocs.length && this.unterminated) for (const h of this.heredocs.splice(0)) this.readHeredoc(h)
    if (this.heredocs.length) throw new Incomplete()
    return list
  }

  /**
   * If the word at the cursor is an unquoted alias name (and not one being expanded already),
   * replaces it by the alias's value and says so; the caller reads on from the same place.
   */
  private expandAlias(): boolean {
    if (!this.aliases?.size) return false
    const m = /^[^\s;&|<>()'"\\$`=]+/.exec(this.s.slice(this.pos, this.pos + 256))
    if (!m) return false
    const name = m[0]
    const after = this.s[this.pos + name.length]
    if ((after !== undefined && !META.has(after)) || KEYWORDS.has(name)) return false
    const value = this.aliases.get(name)
    this.expanding = this.expanding.filter((a) => a.end > this.pos)
    if (value === undefined || this.expanding.some((a) => a.name === name)) return false
    const delta = value.length - name.length
    for (const a of this.expanding) a.end += delta
    this.s = this.s.slice(0, this.pos) + value + this.s.slice(this.pos + name.length)
    this.expanding.push({ name, end: this.pos + value.length })
    this.aliasNextAt = value.endsWith(' ') || value.endsWith('\t') ? this.pos + value.length : -1
    return true
  }

  // ---- lexical helpers -----------------------------------------------------------------------

  private peek(n = 0): string {
    return this.s[this.pos + n] ?? ''
  }

  private eof(): boolean {
    return this.pos >= this.s.length
  }

  /** Skips blanks, comments and backslash-newline continuations (not newlines). */
  private skipSpace(): void {
    for (;;) {
      const c = this.peek()
      if (c === ' ' || c === '\t') this.pos++
      else if (c === '\\' && this.peek(1) === '\n') this.pos += 2
      else if (c === '#') {
        while (!this.eof() && this.peek() !== '\n') this.pos++
      } else return
    }
  }

  private operator(): string | null {
    this.skipSpace()
    const three = this.s.slice(this.pos, this.pos + 3)
    if (three === '<<-' || three === '<<<' || three === '&>>' || three === ';;&') return three
    const two = this.s.slice(this.pos, this.pos + 2)
    if (['&&', '||', ';;', ';&', '<<', '>>', '>&', '<&', '&>', '>|', '<>', '|&'].includes(two)) return two
    const one = this.peek()
    // `<(` and `>(` open a process substitution, which is a word.
    if ((one === '<' || one === '>') && this.peek(1) === '(') return null
    if ([';', '&', '|', '<', '>', '(', ')', '\n'].includes(one)) return one
    return null
  }

  private unexpected(): never {
    this.skipSpace()
    if (this.eof()) throw new Incomplete()
    const op = this.operator()
    const tok = op === '\n' ? 'newline' : (op ?? this.peekWordText())
    throw new ShellSyntaxError(`syntax error near unexpected token \`${tok}'`)
  }

  private peekWordText(): string {
    let end = this.pos
    while (end < this.s.length && !META.has(this.s[end])) end++
    return this.s.slice(this.pos, end) || this.peek()
  }

  /** Consumes a newline and reads any here-document bodies queued on the line it ends. */
  private newline(): void {
    this.pos++
    for (const h of this.heredocs.splice(0)) this.readHeredoc(h)
  }

  private readHeredoc(h: PendingHeredoc): void {
    const lines: string[] = []
    // bash names the line before the body's first, where its line counter stands as it starts reading.
    const startLine = this.lineAt(this.pos) - 1
    for (;;) {
      if (this.eof()) {
        if (!this.unterminated) throw new Incomplete()
        this.unterminated.push({ line: startLine, delimiter: h.delimiter })
        break
      }
      const nl = this.s.indexOf('\n', this.pos)
      const end = nl < 0 ? this.s.length : nl
      let line = this.s.slice(this.pos, end)
      this.pos = nl < 0 ? this.s.length : nl + 1
      if (h.stripTabs) line = line.replace(/^\t+/, '')
      if (line === h.delimiter) break
      if (nl < 0 && !this.unterminated) throw new Incomplete()
      lines.push(line)
    }
    h.redirect.heredoc = { body: lines.map((l) => l + '\n').join(''), expand: h.redirect.heredoc!.expand }
  }

  private linebreaks(): void {
    for (;;) {
      this.skipSpace()
      if (this.peek() === '\n') this.newline()
      else return
    }
  }

  /** The next unquoted word if it is exactly `w` (reserved words only count unquoted). */
  private atWord(w: string): boolean {
    this.skipSpace()
    if (!this.s.startsWith(w, this.pos)) return false
    const after = this.s[this.pos + w.length]
    return after === undefined || META.has(after)
  }

  private takeWord(w: string): void {
    if (!this.atWord(w)) this.unexpected()
    this.pos += w.length
  }

  private lineCache = { pos: 0, line: 1 }

  /** The 1-based line of `pos`, counted on from the last position asked about. */
  private lineAt(pos: number): number {
    let { pos: from, line } = this.lineCache
    if (pos < from) {
      from = 0
      line = 1
    }
    for (let i = from; i < pos; i++) if (this.s.charCodeAt(i) === 10) line++
    this.lineCache = { pos, line }
    return line
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) throw new RangeError('depth')
  }

  // ---- grammar -------------------------------------------------------------------------------

  private list(terminators: Set<string>, oneLine = false): List {
    this.enter()
    const items: AndOr[] = []
    for (;;) {
      this.linebreaks()
      if (this.eof() || this.atTerminator(terminators)) break
      if (terminators.has('esac') && /^;(;&?|&)/.test(this.s.slice(this.pos, this.pos + 3))) break
      const start = this.pos
      const item = this.andOr()
      item.text = this.s.slice(start, this.pos).trim()
      items.push(item)
      this.skipSpace()
      const op = this.operator()
      if (op === ';' || op === '&') {
        if (op === '&') item.background = true
        this.pos++
        continue
      }
      if (op === '\n') {
        this.newline()
        if (oneLine) break
        continue
      }
      break
    }
    this.depth--
    return { items }
  }

  private atTerminator(terminators: Set<string>): boolean {
    this.skipSpace()
    if (terminators.has(')') && this.peek() === ')') return true
    for (const t of terminators) if (t !== ')' && this.atWord(t)) return true
    return false
  }

  private andOr(): AndOr {
    const first = this.pipeline()
    const rest: AndOr['rest'] = []
    for (;;) {
      const op = this.operator()
      if (op !== '&&' && op !== '||') break
      this.pos += 2
      this.linebreaks()
      if (this.eof()) throw new Incomplete()
      rest.push({ op, pipeline: this.pipeline() })
    }
    return { first, rest, background: false, text: '' }
  }

  private pipeline(): Pipeline {
    let time: Pipeline['time']
    if (this.atWord('time')) {
      this.pos += 4
      time = 'default'
      this.skipSpace()
      if (this.atWord('-p')) {
        this.pos += 2
        time = 'posix'
      }
    }
    const p = this.untimedPipeline()
    if (time) p.time = time
    return p
  }

  private untimedPipeline(): Pipeline {
    let negate = false
    while (this.atWord('!')) {
      this.pos++
      negate = !negate
    }
    const commands: Command[] = [this.command()]
    const stderr: boolean[] = []
    for (;;) {
      const op = this.operator()
      if (op !== '|' && op !== '|&') break
      stderr.push(op === '|&')
      this.pos += op.length
      this.linebreaks()
      if (this.eof()) throw new Incomplete()
      commands.push(this.command())
    }
    stderr.push(false)
    return { negate, commands, stderr }
  }

  private command(): Command {
    this.skipSpace()
    if (this.eof()) throw new Incomplete()
    while (this.expandAlias()) {
      this.skipSpace()
      if (this.eof()) throw new Incomplete()
    }
    this.enter()
    try {
      return this.commandInner()
    } finally {
      this.depth--
    }
  }

  private commandInner(): Command {
    if (this.atWord('for')) return this.withRedirects(this.forCommand())
    if (this.atWord('select')) return this.withRedirects(this.selectCommand())
    if (this.atWord('while')) return this.withRedirects(this.whileCommand(false))
    if (this.atWord('until')) return this.withRedirects(this.whileCommand(true))
    if (this.atWord('if')) return this.withRedirects(this.ifCommand())
    if (this.atWord('case')) return this.withRedirects(this.caseCommand())
    if (this.atWord('function')) return this.functionKeyword()
    if (this.atWord('[[')) return this.withRedirects(this.condCommand())
    if (this.atWord('{')) {
      this.pos++
      const body = this.list(new Set(['}']))
      if (this.eof()) throw new Incomplete()
      this.takeWord('}')
      return this.withRedirects({ kind: 'group', subshell: false, body, redirects: [] })
    }
    if (this.peek() === '(' && this.peek(1) === '(') {
      const end = this.arithEnd(this.pos + 2)
      if (end >= 0) {
        const text = this.s.slice(this.pos + 2, end)
        this.pos = end + 2
        return this.withRedirects({ kind: 'arith', expr: subWord(text), text, redirects: [] })
      }
    }
    if (this.peek() === '(') {
      this.pos++
      const body = this.list(new Set([')']))
      this.skipSpace()
      if (this.eof()) throw new Incomplete()
      if (this.peek() !== ')') this.unexpected()
      this.pos++
      return this.withRedirects({ kind: 'group', subshell: true, body, redirects: [] })
    }
    for (const w of RESERVED) if (this.atWord(w)) throw new ShellSyntaxError(`syntax error near unexpected token \`${w}'`)
    const fn = /^([^\s;&|<>()'"\\$`=]+)[ \t]*\([ \t]*\)/.exec(this.s.slice(this.pos, this.pos + 512))
    if (fn) {
      const start = this.pos
      this.pos += fn[0].length
      return this.functionBody(fn[1], start)
    }
    return this.simple()
  }

  private functionKeyword(): Command {
    const start = this.pos
    this.takeWord('function')
    this.skipSpace()
    const m = /^[^\s;&|<>()]+/.exec(this.s.slice(this.pos))
    if (!m) this.unexpected()
    this.pos += m[0].length
    const paren = /^[ \t]*\([ \t]*\)/.exec(this.s.slice(this.pos))
    if (paren) this.pos += paren[0].length
    return this.functionBody(m[0], start)
  }

  private functionBody(name: string, start: number): Command {
    this.linebreaks()
    if (this.eof()) throw new Incomplete()
    const compound = ['{', '(', 'if', 'for', 'while', 'until', 'case', '[['].some((w) => (w === '(' ? this.peek() === '(' : this.atWord(w)))
    if (!compound) this.unexpected()
    const body = this.command()
    return { kind: 'function', name, body, text: this.s.slice(start, this.pos), redirects: [] }
  }

  /** Past a backslash pair or a quoted string at `i`: the index of its last character, -1 if unclosed. */
  private skipQuote(i: number): number {
    if (this.s[i] === '\\') return i + 1
    return this.s.indexOf(this.s[i], i + 1)
  }

  /** The index of the `))` closing an arithmetic expression whose text starts at `from`, or -1. */
  private arithEnd(from: number): number {
    let depth = 0
    for (let i = from; i < this.s.length; i++) {
      const c = this.s[i]
      if (c === '\\' || c === "'" || c === '"') {
        i = this.skipQuote(i)
        if (i < 0) return -1
      } else if (c === '(') depth++
      else if (c === ')') {
        if (depth === 0) return this.s[i + 1] === ')' ? i : -1
        depth--
      }
    }
    throw new Incomplete()
  }

  private withRedirects<T extends Command>(c: T): T {
    for (;;) {
      const r = this.redirect()
      if (!r) return c
      c.redirects.push(r)
    }
  }

  private forCommand(): Command {
    this.takeWord('for')
    this.skipSpace()
    if (this.peek() === '(' && this.peek(1) === '(') {
      const end = this.arithEnd(this.pos + 2)
      if (end < 0) this.unexpected()
      const parts = this.s.slice(this.pos + 2, end).split(';')
      if (parts.length !== 3) throw new ShellSyntaxError("syntax error: `;' unexpected")
      this.pos = end + 2
      this.skipSpace()
      if (this.peek() === ';') this.pos++
      this.linebreaks()
      const body = this.loopBody()
      return { kind: 'arith-for', init: subWord(parts[0]), cond: subWord(parts[1]), step: subWord(parts[2]), body, redirects: [] }
    }
    const { name, items } = this.loopHead()
    const body = this.loopBody()
    return { kind: 'for', name, items, body, redirects: [] }
  }

  /** `select name [in words];`: the same head as for's. */
  private selectCommand(): Command {
    this.takeWord('select')
    this.skipSpace()
    const { name, items } = this.loopHead()
    const body = this.loopBody()
    return { kind: 'select', name, items, body, redirects: [] }
  }

  /** `name [in words] ;` after for/select, up to the body. */
  private loopHead(): { name: string; items: Word[] | null } {
    const m = /^[^\s;&|<>()]+/.exec(this.s.slice(this.pos))?.[0]
    if (!m) this.unexpected()
    // bash reads any word here, and rejects one that is not a name only when it runs.
    const name = m
    this.pos += name.length
    this.linebreaks()
    let items: Word[] | null = null
    if (this.atWord('in')) {
      this.pos += 2
      items = []
      for (;;) {
        this.skipSpace()
        const op = this.operator()
        if (op === ';' || op === '\n') {
          if (op === ';') this.pos++
          else this.newline()
          break
        }
        if (this.eof()) throw new Incomplete()
        if (op) this.unexpected()
        items.push(this.word())
      }
    } else if (this.operator() === ';') this.pos++
    this.linebreaks()
    return { name, items }
  }

  private loopBody(): List {
    if (this.eof()) throw new Incomplete()
    if (this.atWord('{')) {
      this.pos++
      const body = this.list(new Set(['}']))
      if (this.eof()) throw new Incomplete()
      this.takeWord('}')
      return body
    }
    this.takeWord('do')
    const body = this.list(new Set(['done']))
    if (this.eof()) throw new Incomplete()
    this.takeWord('done')
    return body
  }

  private whileCommand(until: boolean): Command {
    this.takeWord(until ? 'until' : 'while')
    const cond = this.list(new Set(['do']))
    if (this.eof()) throw new Incomplete()
    this.takeWord('do')
    const body = this.list(new Set(['done']))
    if (this.eof()) throw new Incomplete()
    this.takeWord('done')
    return { kind: 'while', until, cond, body, redirects: [] }
  }

  private ifCommand(): Command {
    this.takeWord('if')
    const clauses: { cond: List; body: List }[] = []
    let otherwise: List | null = null
    for (;;) {
      const cond = this.list(new Set(['then']))
      if (this.eof()) throw new Incomplete()
      this.takeWord('then')
      const body = this.list(new Set(['elif', 'else', 'fi']))
      if (this.eof()) throw new Incomplete()
      clauses.push({ cond, body })
      if (this.atWord('elif')) {
        this.pos += 4
        continue
      }
      if (this.atWord('else')) {
        this.pos += 4
        otherwise = this.list(new Set(['fi']))
        if (this.eof()) throw new Incomplete()
      }
      this.takeWord('fi')
      return { kind: 'if', clauses, otherwise, redirects: [] }
    }
  }

  private caseCommand(): Case {
    this.takeWord('case')
    this.skipSpace()
    if (this.eof()) throw new Incomplete()
    const word = this.word()
    this.linebreaks()
    if (this.eof()) throw new Incomplete()
    this.takeWord('in')
    const items: Case['items'] = []
    for (;;) {
      this.linebreaks()
      if (this.eof()) throw new Incomplete()
      if (this.atWord('esac')) {
        this.pos += 4
        return { kind: 'case', word, items, redirects: [] }
      }
      if (this.peek() === '(') this.pos++
      const patterns: Word[] = []
      for (;;) {
        this.skipSpace()
        if (this.eof()) throw new Incomplete()
        if (this.operator()) this.unexpected()
        patterns.push(this.word())
        this.skipSpace()
        if (this.peek() === '|') {
          this.pos++
          continue
        }
        if (this.peek() === ')') {
          this.pos++
          break
        }
        this.unexpected()
      }
      const body = this.list(new Set(['esac']))
      this.skipSpace()
      const op = this.operator()
      if (op === ';;' || op === ';&' || op === ';;&') {
        this.pos += op.length
        items.push({ patterns, body, end: op })
        continue
      }
      if (this.eof()) throw new Incomplete()
      if (!this.atWord('esac')) this.unexpected()
      items.push({ patterns, body, end: ';;' })
    }
  }

  // ---- [[ … ]] --------------------------------------------------------------------------------

  private condCommand(): Command {
    this.takeWord('[[')
    const expr = this.condOr()
    this.condSpace()
    if (!this.atWord(']]')) this.condUnexpected()
    this.pos += 2
    return { kind: 'cond', expr, redirects: [] }
  }

  private condSpace(): void {
    for (;;) {
      this.skipSpace()
      if (this.peek() === '\n') this.newline()
      else break
    }
    if (this.eof()) throw new Incomplete()
  }

  private condUnexpected(): never {
    this.condSpace()
    const tok = this.operator() ?? this.peekWordText()
    throw new ShellSyntaxError(`syntax error in conditional expression: unexpected token \`${tok}'`)
  }

  private condOr(): CondExpr {
    return this.condChain('||', 'or', () => this.condAnd())
  }

  private condAnd(): CondExpr {
    return this.condChain('&&', 'and', () => this.condNot())
  }

  /** Left-associative `a op b op c` inside [[ ]]. */
  private condChain(op: '&&' | '||', t: 'and' | 'or', operand: () => CondExpr): CondExpr {
    let l = operand()
    for (;;) {
      this.condSpace()
      if (!this.s.startsWith(op, this.pos)) return l
      this.pos += 2
      l = { t, l, r: operand() }
    }
  }

  private condNot(): CondExpr {
    this.condSpace()
    if (this.atWord('!')) {
      this.pos++
      return { t: 'not', e: this.condNot() }
    }
    return this.condPrimary()
  }

  private condWord(): Word {
    this.condSpace()
    if (this.atWord(']]')) this.condUnexpected()
    const op = this.operator()
    if (op && op !== '<' && op !== '>') this.condUnexpected()
    if (op) {
      this.pos++
      return { parts: [{ t: 'lit', v: op, quoted: false }], raw: op }
    }
    return this.word()
  }

  private condPrimary(): CondExpr {
    this.condSpace()
    if (this.peek() === '(') {
      this.pos++
      const e = this.condOr()
      this.condSpace()
      if (this.peek() !== ')') this.condUnexpected()
      this.pos++
      return { t: 'group', e }
    }
    const first = this.condWord()
    const text = plainText(first)
    this.condSpace()
    if (text !== null && COND_UNARY.has(text) && !this.atWord(']]') && !this.s.startsWith('&&', this.pos) && !this.s.startsWith('||', this.pos)) {
      return { t: 'unary', op: text, arg: this.condOperand('unary', () => this.condWord()) }
    }
    const save = this.pos
    if (this.atWord(']]') || this.s.startsWith('&&', this.pos) || this.s.startsWith('||', this.pos) || this.peek() === ')') return { t: 'word', w: first }
    const opWord = this.operator() === '<' || this.operator() === '>' ? this.condWord() : this.word()
    const op = plainText(opWord)
    if (op === null || !COND_BINARY.has(op)) {
      this.pos = save
      this.condUnexpected()
    }
    this.condSpace()
    // bash reads the pattern after `==`, `=` and `!=` with extglob on, whatever shopt says.
    const extglob = this.extglob
    this.extglob = extglob || op === '==' || op === '=' || op === '!='
    try {
      const r = this.condOperand('binary', () => (op === '=~' ? this.regexWord() : this.condWord()))
      return { t: 'binary', op, l: first, r }
    } finally {
      this.extglob = extglob
    }
  }

  /** An operator's operand; the input ending inside it is also, to bash, a bad argument to the operator. */
  private condOperand(kind: 'unary' | 'binary', read: () => Word): Word {
    try {
      return read()
    } catch (e) {
      if (e instanceof Incomplete && e.quote && !e.detail) throw new Incomplete(e.quote, `unexpected argument to conditional ${kind} operator`)
      throw e
    }
  }

  /** The right side of `=~`: parentheses and `|` belong to the regular expression. */
  private regexWord(): Word {
    this.condSpace()
    const start = this.pos
    let depth = 0
    const parts: Part[] = []
    while (!this.eof()) {
      const c = this.peek()
      if (depth === 0 && (BLANKS.has(c) || (c === ')' && depth === 0))) break
      if (c === '(') depth++
      else if (c === ')') depth--
      // Inside the regular expression's parentheses a blank is part of it, as bash reads it.
      if ('()|<>&;'.includes(c) || BLANKS.has(c)) {
        parts.push({ t: 'lit', v: c, quoted: false })
        this.pos++
        continue
      }
      const at = this.pos
      parts.push(...this.word(new Set([...META])).parts)
      if (this.pos === at) {
        // Whatever word() will not take (a newline in the parentheses) is the pattern's too: never stall.
        parts.push({ t: 'lit', v: c, quoted: false })
        this.pos++
      }
    }
    if (depth > 0) throw new ShellSyntaxError("unexpected EOF while looking for matching `)'")
    return { parts, raw: this.s.slice(start, this.pos) }
  }

  // ---- simple commands ------------------------------------------------------------------------

  private simple(): Simple {
    const start = this.pos
    const cmd: Simple = { kind: 'simple', assigns: [], words: [], redirects: [], text: '', line: this.lineAt(start) }
    for (;;) {
      this.skipSpace()
      if (this.eof()) break
      const r = this.redirect()
      if (r) {
        cmd.redirects.push(r)
        continue
      }
      if (this.operator()) {
        if (this.peek() === '(' && cmd.words.length === 1 && !cmd.assigns.length) {
          this.pos++
          this.skipSpace()
          if (this.eof() || this.peek() === '\n') throw new ShellSyntaxError("syntax error near unexpected token `newline'")
          if (this.peek() !== ')') this.unexpected()
        }
        break
      }
      if (cmd.words.length && DECLARATION.has(plainText(cmd.words[0]) ?? '')) {
        const compound = this.compoundArgument()
        if (compound) {
          cmd.words.push(compound)
          continue
        }
      }
      if (!cmd.words.length) {
        const a = this.assignment()
        if (a) {
          cmd.assigns.push(a)
          continue
        }
      }
      // The command word after assignments, or the word after an alias ending in a blank.
      const afterAlias = this.aliasNextAt >= 0 && this.pos >= this.aliasNextAt
      if (afterAlias || (!cmd.words.length && cmd.assigns.length)) {
        if (afterAlias) this.aliasNextAt = -1
        if (this.expandAlias()) continue
      }
      cmd.words.push(this.word())
    }
    if (!cmd.words.length && !cmd.assigns.length && !cmd.redirects.length) this.unexpected()
    cmd.text = this.s.slice(start, this.pos).trim()
    return cmd
  }

  private assignment(): Assign | null {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)(\[)?/.exec(this.s.slice(this.pos))
    if (!m) return null
    const save = this.pos
    this.pos += m[1].length
    let index: Word | undefined
    if (m[2]) {
      const end = this.matching(this.pos, '[', ']')
      if (end < 0) {
        this.pos = save
        return null
      }
      index = subWord(this.s.slice(this.pos + 1, end))
      this.pos = end + 1
    }
    let append = false
    if (this.peek() === '+' && this.peek(1) === '=') {
      append = true
      this.pos++
    }
    if (this.peek() !== '=') {
      this.pos = save
      return null
    }
    this.pos++
    const a: Assign = { name: m[1], index, append, value: null }
    if (this.peek() === '(' && !index) {
      this.pos++
      a.array = []
      for (;;) {
        this.linebreaks()
        if (this.eof()) throw new Incomplete()
        if (this.peek() === ')') {
          this.pos++
          a.raw = this.s.slice(save, this.pos)
          break
        }
        const k = /^\[/.test(this.peek()) ? this.matching(this.pos, '[', ']') : -1
        if (k > 0 && this.s[k + 1] === '=') {
          const keyWord = subWord(this.s.slice(this.pos + 1, k))
          this.pos = k + 2
          a.array.push({ index: keyWord, value: META.has(this.peek()) ? { parts: [] } : this.word() })
          continue
        }
        if (this.operator()) this.unexpected()
        a.array.push({ index: null, value: this.word() })
      }
      return a
    }
    a.value = META.has(this.peek()) || this.eof() ? { parts: [] } : this.word(META, true)
    a.raw = this.s.slice(save, this.pos)
    return a
  }

  /** `declare a=(1 2)`: the declaration builtins take an array literal as one argument. */
  private compoundArgument(): Word | null {
    const m = /^[A-Za-z_][A-Za-z0-9_]*(?:\[[^\]]*\])?\+?=\(/.exec(this.s.slice(this.pos, this.pos + 256))
    if (!m) return null
    const end = this.matching(this.pos + m[0].length - 1, '(', ')')
    if (end < 0) throw new Incomplete()
    const raw = this.s.slice(this.pos, end + 1)
    this.pos = end + 1
    return { parts: [{ t: 'lit', v: raw, quoted: true }], raw }
  }

  /** The index of the bracket closing the one at `from`, skipping quotes; -1 if none. */
  private matching(from: number, open: string, close: string): number {
    let depth = 0
    for (let i = from; i < this.s.length; i++) {
      const c = this.s[i]
      if (c === '\\' || c === "'" || c === '"') {
        i = this.skipQuote(i)
        if (i < 0) return -1
      } else if (c === open) depth++
      else if (c === close && --depth === 0) return i
      else if (depth === 1 && open === '[' && BLANKS.has(c)) return -1
    }
    return -1
  }

  private redirect(): Redirect | null {
    this.skipSpace()
    let fd = -1
    const m = /^(\d+)(?=[<>])/.exec(this.s.slice(this.pos, this.pos + 12))
    // `{name}>`: bash opens a free fd and puts its number in the variable.
    const named = m ? null : /^\{([A-Za-z_][A-Za-z0-9_]*)\}(?=[<>])/.exec(this.s.slice(this.pos, this.pos + 256))
    const save = this.pos
    if (m) {
      fd = Number(m[1])
      this.pos += m[1].length
    } else if (named) this.pos += named[0].length
    const op = this.operator()
    if (!op || !REDIRECT_OPS.includes(op) || ((fd >= 0 || named) && op.startsWith('&'))) {
      this.pos = save
      return null
    }
    this.pos += op.length
    this.skipSpace()
    if (this.eof() || this.peek() === '\n' || this.operator()) {
      if (this.eof() || this.peek() === '\n') throw new ShellSyntaxError("syntax error near unexpected token `newline'")
      this.unexpected()
    }
    const target = this.word()
    const r: Redirect = { fd: fd >= 0 ? fd : op.startsWith('<') ? 0 : 1, op: op as Redirect['op'], target }
    if (named) r.varname = named[1]
    if (op === '<<' || op === '<<-') {
      const quoted = target.parts.some((p) => p.t === 'lit' && p.quoted)
      const delimiter = target.parts.map((p) => (p.t === 'lit' ? p.v : p.t === 'param' ? `$${p.name}` : '')).join('')
      r.heredoc = { body: '', expand: !quoted }
      r.heredocDelimiter = delimiter
      this.heredocs.push({ redirect: r, delimiter, stripTabs: op === '<<-' })
    }
    return r
  }

  // ---- words ---------------------------------------------------------------------------------

  /** One word up to an unquoted metacharacter of `meta` (none: the whole input); in an
   *  assignment's value a `~` after an unquoted `:` is a tilde prefix too (`PATH=a:~/bin`). */
  word(meta: Set<string> = META, assignValue = false): Word {
    const parts: Part[] = []
    const start = this.pos
    let lit = ''
    const flush = () => {
      if (lit) parts.push({ t: 'lit', v: lit, quoted: false })
      lit = ''
    }
    for (;;) {
      const c = this.peek()
      if ((c === '<' || c === '>') && this.peek(1) === '(' && meta === META) {
        flush()
        parts.push(this.processSubstitution(c))
        continue
      }
      if (this.extglob && meta !== NOTHING && '?*+@!'.includes(c) && this.peek(1) === '(') {
        flush()
        this.extglobGroup(parts)
        continue
      }
      if (this.eof() || meta.has(c)) break
      if (c === '\\') {
        if (this.peek(1) === '\n') {
          this.pos += 2
          continue
        }
        if (this.pos + 1 >= this.s.length) {
          if (meta === NOTHING) {
            lit += c
            this.pos++
            continue
          }
          throw new Incomplete()
        }
        if (this.inDoubleQuotes && !'$`"\\'.includes(this.peek(1))) {
          lit += c
          this.pos++
          continue
        }
        flush()
        parts.push({ t: 'lit', v: this.peek(1), quoted: true })
        this.pos += 2
        continue
      }
      if (c === "'" && !this.inDoubleQuotes) {
        flush()
        const end = this.s.indexOf("'", this.pos + 1)
        if (end < 0) throw new Incomplete("'")
        parts.push({ t: 'lit', v: this.s.slice(this.pos + 1, end), quoted: true })
        this.pos = end + 1
        continue
      }
      if (c === '$' && this.peek(1) === "'" && !this.inDoubleQuotes) {
        flush()
        let i = this.pos + 2
        while (i < this.s.length && this.s[i] !== "'") i += this.s[i] === '\\' ? 2 : 1
        if (i >= this.s.length) throw new Incomplete("'")
        parts.push({ t: 'lit', v: ansiC(this.s.slice(this.pos + 2, i)), quoted: true })
        this.pos = i + 1
        continue
      }
      if (c === '"' || (c === '$' && this.peek(1) === '"')) {
        flush()
        this.pos += c === '$' ? 2 : 1
        this.doubleQuoted(parts)
        continue
      }
      if (c === '$' || c === '`') {
        const part = this.dollar(false)
        if (part) {
          flush()
          parts.push(part)
          continue
        }
      }
      if (c === '~' && (this.pos === start || (assignValue && lit.endsWith(':')))) {
        const m = /^~([A-Za-z0-9_]*)(?=\/|$|[\s;&|<>():])/.exec(this.s.slice(this.pos))
        if (m) {
          flush()
          parts.push({ t: 'tilde', user: m[1] })
          this.pos += m[0].length
          continue
        }
      }
      lit += c
      this.pos++
    }
    flush()
    return { parts, raw: this.s.slice(start, this.pos) }
  }

  /**
   * An extended pattern's group at the cursor (`!(*.c|*.h)`), as bash's parse_matched_pair reads
   * it: its text up to the matching `)` joins the word, quotes and expansions inside working as
   * anywhere in a word, so the pattern compiler later sees the group (extglob.ts).
   */
  private extglobGroup(parts: Part[]): void {
    parts.push({ t: 'lit', v: this.s.slice(this.pos, this.pos + 2), quoted: false })
    this.pos += 2
    parts.push(...this.word(GROUP).parts)
    if (this.eof()) throw new Incomplete(')')
    parts.push({ t: 'lit', v: ')', quoted: false })
    this.pos++
  }

  /** `<(list)` or `>(list)` at the cursor. */
  private processSubstitution(dir: '<' | '>'): Part {
    return { t: 'procsub', dir, list: this.parenList(), quoted: false }
  }

  /** The list inside `$(…)`, `<(…)` or `>(…)`, the cursor on its two opening characters; past the `)`. */
  private parenList(): List {
    this.pos += 2
    const list = this.list(new Set([')']))
    this.skipSpace()
    if (this.eof()) throw new Incomplete(')')
    if (this.peek() !== ')') this.unexpected()
    this.pos++
    return list
  }

  /** The whole input as the inside of a double-quoted string (here-document bodies). */
  doubleQuotedBody(parts: Part[]): void {
    this.doubleQuoted(parts, true)
  }

  private doubleQuoted(parts: Part[], toEnd = false): void {
    const first = parts.length
    let lit = ''
    const flush = () => {
      parts.push({ t: 'lit', v: lit, quoted: true })
      lit = ''
    }
    for (;;) {
      if (this.eof()) {
        if (!toEnd) throw new Incomplete('"')
        flush()
        return
      }
      const c = this.peek()
      if (c === '"' && !toEnd) {
        this.pos++
        // `""` is an empty argument; after an expansion ("$@") the closing quote adds nothing.
        if (lit || parts.length === first) flush()
        return
      }
      if (c === '\\') {
        const n = this.peek(1)
        if (n === '\n') {
          this.pos += 2
          continue
        }
        if ((toEnd ? '$`\\' : '$`"\\').includes(n) && n) {
          lit += n
          this.pos += 2
          continue
        }
        lit += c
        this.pos++
        continue
      }
      if (c === '$' || c === '`') {
        const part = this.dollar(true)
        if (part) {
          if (lit) flush()
          parts.push(part)
          continue
        }
      }
      lit += c
      this.pos++
    }
  }

  /** `$...` or a backquote at the cursor; null when the `$` is literal. */
  private dollar(quoted: boolean): Part | null {
    const c = this.peek()
    if (c === '`') {
      let i = this.pos + 1
      let body = ''
      for (;;) {
        if (i >= this.s.length) throw new Incomplete('`')
        const ch = this.s[i]
        if (ch === '\\' && '$`\\'.includes(this.s[i + 1] ?? '')) {
          body += this.s[i + 1]
          i += 2
          continue
        }
        if (ch === '`') break
        body += ch
        i++
      }
      this.pos = i + 1
      const inner = new Parser(body)
      inner.depth = this.depth
      inner.extglob = this.extglob
      return { t: 'cmd', list: inner.program(), quoted }
    }
    const n = this.peek(1)
    if (n === '(' && this.peek(2) === '(') {
      const end = this.arithEnd(this.pos + 3)
      if (end >= 0) {
        const expr = subWord(this.s.slice(this.pos + 3, end))
        this.pos = end + 2
        return { t: 'arith', expr, quoted }
      }
    }
    if (n === '(') return { t: 'cmd', list: this.parenList(), quoted }
    if (n === '[') {
      const end = this.matching(this.pos + 1, '[', ']')
      if (end > 0) {
        const expr = subWord(this.s.slice(this.pos + 2, end))
        this.pos = end + 1
        return { t: 'arith', expr, quoted }
      }
    }
    if (n === '{') {
      const end = this.braceEnd(this.pos + 2)
      const body = this.s.slice(this.pos + 2, end)
      this.pos = end + 1
      return paramBrace(body, quoted, this.depth)
    }
    const m = /^\$([A-Za-z_][A-Za-z0-9_]*|[0-9?#@*$!-])/.exec(this.s.slice(this.pos, this.pos + 256))
    if (!m) return null
    this.pos += m[0].length
    return { t: 'param', name: m[1], quoted }
  }

  /** The `}` closing a `${` whose body starts at `from`, past nested quotes and expansions. */
  private braceEnd(from: number): number {
    let depth = 0
    for (let i = from; i < this.s.length; i++) {
      const c = this.s[i]
      if (c === '\\') i++
      else if (c === "'") {
        const end = this.s.indexOf("'", i + 1)
        if (end < 0) throw new Incomplete("'")
        i = end
      } else if (c === '"') {
        let j = i + 1
        while (j < this.s.length && this.s[j] !== '"') j += this.s[j] === '\\' ? 2 : 1
        if (j >= this.s.length) throw new Incomplete('"')
        i = j
      } else if (c === '$' && this.s[i + 1] === '{') {
        depth++
        i++
      } else if (c === '{') depth++
      else if (c === '}') {
        if (depth === 0) return i
        depth--
      }
    }
    throw new Incomplete()
  }
}

/**
 * A word parsed from text where blanks and operators are ordinary (inside ${}, $(( )), [i]);
 * `inDoubleQuotes`: as the word of a `${v:-word}` inside double quotes, where a single quote is
 * an ordinary character and a backslash escapes only what it escapes in double quotes.
 */
export function subWord(text: string, depth = 0, inDoubleQuotes = false): Word {
  const p = new Parser(text)
  ;(p as unknown as { depth: number }).depth = depth
  p.inDoubleQuotes = inDoubleQuotes
  return p.word(NOTHING)
}

function plainText(w: Word): string | null {
  let s = ''
  for (const p of w.parts) {
    if (p.t !== 'lit' || p.quoted) return null
    s += p.v
  }
  return s
}

/** A here-document body as bash expands it: like double-quoted text, but `"` is an ordinary character. */
export function parseHeredocBody(body: string): Word {
  const parts: Part[] = []
  const p = new Parser(body)
  try {
    p.doubleQuotedBody(parts)
  } catch {
    return { parts: [{ t: 'lit', v: body, quoted: true }] }
  }
  return { parts }
}

