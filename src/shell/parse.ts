// A recursive-descent parser for the bash language the labs and blogs use: quoting ('', "", \),
// $VAR ${VAR} ${VAR:-x} $? $(...) `...` $((...)), redirections including here-documents, pipes,
// && || ; &, { }, ( ), for/while/until/if, comments and line continuation. It reports bash's own
// syntax errors, and tells an interactive reader when the input is merely incomplete so it can ask
// for more with the PS2 prompt, as bash does.

import type { AndOr, Command, List, Part, Pipeline, Redirect, Simple, Word } from './ast.ts'

export class Incomplete extends Error {
  /** The quote bash was looking for when the input ended, if that is why. */
  constructor(readonly quote?: string) {
    super('incomplete')
  }
}
export class ShellSyntaxError extends Error {}

const META = new Set([' ', '\t', '\n', ';', '&', '|', '<', '>', '(', ')'])
const MAX_DEPTH = 200

interface PendingHeredoc {
  redirect: Redirect
  delimiter: string
  stripTabs: boolean
}

export type ParseResult = { ok: true; list: List } | { ok: false; incomplete: true; quote?: string } | { ok: false; incomplete: false; error: string }

export function parse(src: string): ParseResult {
  try {
    const p = new Parser(src)
    const list = p.program()
    return { ok: true, list }
  } catch (e) {
    if (e instanceof Incomplete) return { ok: false, incomplete: true, quote: e.quote }
    if (e instanceof ShellSyntaxError) return { ok: false, incomplete: false, error: e.message }
    if (e instanceof RangeError) return { ok: false, incomplete: false, error: 'syntax error: expression nested too deeply' }
    throw e
  }
}

class Parser {
  private pos = 0
  private heredocs: PendingHeredoc[] = []
  private depth = 0

  constructor(private readonly s: string) {}

  program(): List {
    const list = this.list(new Set())
    this.skipSpace()
    if (this.pos < this.s.length) this.unexpected()
    if (this.heredocs.length) throw new Incomplete()
    return list
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
    if (three === '<<-') return three
    const two = this.s.slice(this.pos, this.pos + 2)
    if (['&&', '||', ';;', '<<', '>>', '>&', '<&', '&>', '>|'].includes(two)) return two
    const one = this.peek()
    if ([';', '&', '|', '<', '>', '(', ')', '\n'].includes(one)) return one
    return null
  }

  private unexpected(): never {
    this.skipSpace()
    if (this.eof()) throw new Incomplete()
    const op = this.operator()
    const tok = op === '\n' ? 'newline' : op ?? this.peekWordText()
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
    for (;;) {
      if (this.eof()) throw new Incomplete()
      const nl = this.s.indexOf('\n', this.pos)
      const end = nl < 0 ? this.s.length : nl
      let line = this.s.slice(this.pos, end)
      this.pos = nl < 0 ? this.s.length : nl + 1
      if (h.stripTabs) line = line.replace(/^\t+/, '')
      if (line === h.delimiter) break
      if (nl < 0) throw new Incomplete()
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

  // ---- grammar -------------------------------------------------------------------------------

  private list(terminators: Set<string>): List {
    if (++this.depth > MAX_DEPTH) throw new RangeError('depth')
    const items: AndOr[] = []
    for (;;) {
      this.linebreaks()
      if (this.eof() || this.atTerminator(terminators)) break
      items.push(this.andOr())
      this.skipSpace()
      const op = this.operator()
      if (op === ';' || op === '&') {
        this.pos++
        continue
      }
      if (op === '\n') {
        this.newline()
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
    return { first, rest }
  }

  private pipeline(): Pipeline {
    let negate = false
    if (this.atWord('!')) {
      this.pos++
      negate = true
    }
    const commands: Command[] = [this.command()]
    for (;;) {
      const op = this.operator()
      if (op !== '|') break
      this.pos++
      this.linebreaks()
      if (this.eof()) throw new Incomplete()
      commands.push(this.command())
    }
    return { negate, commands }
  }

  private command(): Command {
    this.skipSpace()
    if (this.eof()) throw new Incomplete()
    if (this.atWord('for')) return this.withRedirects(this.forCommand())
    if (this.atWord('while')) return this.withRedirects(this.whileCommand(false))
    if (this.atWord('until')) return this.withRedirects(this.whileCommand(true))
    if (this.atWord('if')) return this.withRedirects(this.ifCommand())
    if (this.atWord('{')) {
      this.pos++
      const body = this.list(new Set(['}']))
      this.takeWord('}')
      return this.withRedirects({ kind: 'group', subshell: false, body, redirects: [] })
    }
    if (this.peek() === '(') {
      this.pos++
      const body = this.list(new Set([')']))
      this.skipSpace()
      if (this.peek() !== ')') this.unexpected()
      this.pos++
      return this.withRedirects({ kind: 'group', subshell: true, body, redirects: [] })
    }
    for (const w of ['then', 'else', 'elif', 'fi', 'do', 'done', '}', 'in']) if (this.atWord(w)) throw new ShellSyntaxError(`syntax error near unexpected token \`${w}'`)
    return this.simple()
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
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.s.slice(this.pos))?.[0]
    if (!name) this.unexpected()
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
    if (this.eof()) throw new Incomplete()
    this.takeWord('do')
    const body = this.list(new Set(['done']))
    if (this.eof()) throw new Incomplete()
    this.takeWord('done')
    return { kind: 'for', name, items, body, redirects: [] }
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

  private simple(): Simple {
    const cmd: Simple = { kind: 'simple', assigns: [], words: [], redirects: [] }
    for (;;) {
      this.skipSpace()
      if (this.eof()) break
      const r = this.redirect()
      if (r) {
        cmd.redirects.push(r)
        continue
      }
      if (this.operator()) break
      if (!cmd.words.length) {
        const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(this.s.slice(this.pos))
        if (m) {
          this.pos += m[0].length
          const value = META.has(this.peek()) || this.eof() ? { parts: [] } : this.word()
          cmd.assigns.push({ name: m[1], value })
          continue
        }
      }
      cmd.words.push(this.word())
    }
    if (!cmd.words.length && !cmd.assigns.length && !cmd.redirects.length) this.unexpected()
    return cmd
  }

  private redirect(): Redirect | null {
    this.skipSpace()
    let fd = -1
    const m = /^(\d)(?=[<>])/.exec(this.s.slice(this.pos))
    const save = this.pos
    if (m) {
      fd = Number(m[1])
      this.pos++
    }
    const op = this.operator()
    if (!op || !['>', '>>', '<', '<<', '<<-', '>&', '<&', '&>', '>|'].includes(op)) {
      this.pos = save
      return null
    }
    this.pos += op.length
    this.skipSpace()
    if (this.eof() || this.peek() === '\n' || this.operator()) {
      if (this.eof()) throw new ShellSyntaxError("syntax error near unexpected token `newline'")
      this.unexpected()
    }
    const target = this.word()
    const r: Redirect = { fd: fd >= 0 ? fd : op.startsWith('<') ? 0 : 1, op: op as Redirect['op'], target }
    if (op === '<<' || op === '<<-') {
      const quoted = target.parts.some((p) => p.t === 'lit' && p.quoted)
      const delimiter = target.parts.map((p) => (p.t === 'lit' ? p.v : '')).join('')
      r.heredoc = { body: '', expand: !quoted }
      this.heredocs.push({ redirect: r, delimiter, stripTabs: op === '<<-' })
    }
    return r
  }

  // ---- words ---------------------------------------------------------------------------------

  word(): Word {
    const parts: Part[] = []
    const start = this.pos
    let lit = ''
    const flush = () => {
      if (lit) parts.push({ t: 'lit', v: lit, quoted: false })
      lit = ''
    }
    for (;;) {
      const c = this.peek()
      if (this.eof() || META.has(c)) break
      if (c === '\\') {
        if (this.peek(1) === '\n') {
          this.pos += 2
          continue
        }
        if (this.pos + 1 >= this.s.length) throw new Incomplete()
        flush()
        parts.push({ t: 'lit', v: this.peek(1), quoted: true })
        this.pos += 2
        continue
      }
      if (c === "'") {
        flush()
        const end = this.s.indexOf("'", this.pos + 1)
        if (end < 0) throw new Incomplete("'")
        parts.push({ t: 'lit', v: this.s.slice(this.pos + 1, end), quoted: true })
        this.pos = end + 1
        continue
      }
      if (c === '"') {
        flush()
        this.pos++
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
      if (c === '~' && this.pos === start) {
        const m = /^~([A-Za-z0-9_]*)(?=\/|$|[\s;&|<>()])/.exec(this.s.slice(this.pos))
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
    return { parts }
  }

  /** The whole input as the inside of a double-quoted string (here-document bodies). */
  doubleQuotedBody(parts: Part[]): void {
    this.doubleQuoted(parts, true)
  }

  private doubleQuoted(parts: Part[], toEnd = false): void {
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
        flush()
        return
      }
      if (c === '\\') {
        const n = this.peek(1)
        if (n === '\n') {
          this.pos += 2
          continue
        }
        if ('$`"\\'.includes(n) && n) {
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
        if (i >= this.s.length) throw new Incomplete()
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
      return { t: 'cmd', list: inner.program(), quoted }
    }
    const n = this.peek(1)
    if (n === '(' && this.peek(2) === '(') {
      const end = this.s.indexOf('))', this.pos + 3)
      if (end < 0) throw new Incomplete()
      const expr = this.s.slice(this.pos + 3, end)
      this.pos = end + 2
      return { t: 'arith', expr, quoted }
    }
    if (n === '(') {
      this.pos += 2
      const list = this.list(new Set([')']))
      this.skipSpace()
      if (this.eof()) throw new Incomplete()
      if (this.peek() !== ')') this.unexpected()
      this.pos++
      return { t: 'cmd', list, quoted }
    }
    if (n === '{') {
      const end = this.s.indexOf('}', this.pos + 2)
      if (end < 0) throw new Incomplete()
      const body = this.s.slice(this.pos + 2, end)
      this.pos = end + 1
      const m = /^(#?)([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?#@*$!])(?:(:-|-|:=|:\+)(.*))?$/s.exec(body)
      if (!m) throw new ShellSyntaxError(`\${${body}}: bad substitution`)
      if (m[1]) return { t: 'param', name: m[2], quoted, op: { kind: '#' } }
      if (m[3]) {
        const w = new Parser(m[4]).word()
        return { t: 'param', name: m[2], quoted, op: { kind: m[3] as ':-', word: w } }
      }
      return { t: 'param', name: m[2], quoted }
    }
    const m = /^\$([A-Za-z_][A-Za-z0-9_]*|[0-9?#@*$!])/.exec(this.s.slice(this.pos))
    if (!m) return null
    this.pos += m[0].length
    return { t: 'param', name: m[1], quoted }
  }
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
