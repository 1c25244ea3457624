// A function re-printed from its syntax tree, as `declare -f`, `type` and `set` show it: bash does
// not keep a function's source, it prints the parsed command back (print_cmd.c, in its
// "inside a function definition" mode). Words come out as they were written; everything between
// them is bash's layout: four spaces a level, `;` closing each command of a list but the last of a
// `{ }` or a case arm, `then`/`do` after `; ` (a `for`'s `do` on a line of its own), redirections
// re-spelled (`>&2` as `1>&2`, `2>/dev/null` as `2> /dev/null`), and here-document bodies held back
// until the next connector, the way print_deferred_heredocs emits them.

import type { AndOr, CondExpr, Command, FunctionDef, List, Pipeline, Redirect, Simple, Word } from '../ast.ts'

const STEP = 4
/** Names `declare -f` prefixes with `function`, as find_reserved_word finds them. */
const RESERVED = new Set(['if', 'then', 'else', 'elif', 'fi', 'case', 'esac', 'for', 'select', 'while', 'until', 'do', 'done', 'in', 'function', 'time', '{', '}', '!', '[[', ']]', 'coproc'])

/** `NAME () \n{ \n    …\n}` — a whole function, as declare -f prints it. */
export function printFunction(fn: FunctionDef): string {
  const p = new Printer()
  p.functionDef(fn, false)
  return p.out
}

/**
 * A command as BASH_COMMAND holds it: a simple command printed whole, a compound one by its head
 * (`for i in 1 2`, `case $x in`, `(( … ))`, `[[ … ]]`).
 */
export function commandHead(c: Command): string {
  switch (c.kind) {
    case 'simple': {
      const p = new Printer()
      p.simple(c, [])
      return p.out
    }
    case 'for':
    case 'select':
      return `${c.kind} ${c.name} in ${c.items ? c.items.map(wordSource).join(' ') : '"$@"'}`
    case 'case':
      return `case ${wordSource(c.word)} in `
    case 'arith':
      return `((${c.text}))`
    case 'cond':
      return `[[ ${condText(c.expr)} ]]`
    default:
      return ''
  }
}

/** A word's source text; bash drops a backslash-newline while it reads. */
export function wordSource(w: Word): string {
  return (w.raw ?? '').replace(/\\\n/g, '')
}

class Printer {
  out = ''
  private indentation = 0
  private skipIndent = 0
  /** Here-documents whose bodies are due at the next connector. */
  private deferred: Redirect[] = []
  private wasHeredoc = false

  private indent(): void {
    this.out += ' '.repeat(this.indentation)
  }

  /** What make_command_string_internal does first: indent, unless the line already runs on. */
  private start(): void {
    if (this.skipIndent) this.skipIndent--
    else this.indent()
  }

  private newline(text: string): void {
    this.out += '\n'
    this.indent()
    this.out += text
  }

  /** A `;` before a keyword, unless the text already ends a command (`&` or a line end). */
  private semicolon(): void {
    const last = this.out[this.out.length - 1]
    if (last !== '&' && last !== '\n') this.out += ';'
  }

  /** print_deferred_heredocs: the connector, then the bodies waiting, each on its own lines. */
  private flush(connector: string): void {
    const spelled = connector !== '' && connector !== ';'
    if (spelled) this.out += connector
    if (!this.deferred.length) return
    this.out += '\n'
    for (const r of this.deferred) this.out += `${r.heredoc?.body ?? ''}${heredocDelimiter(r)}\n`
    if (spelled) this.out += ' '
    this.deferred = []
    this.wasHeredoc = true
  }

  functionDef(fn: FunctionDef, nested: boolean): void {
    this.out += `${nested || RESERVED.has(fn.name) ? 'function ' : ''}${fn.name} () \n`
    if (nested) this.indent()
    this.out += '{ \n'
    this.indentation += STEP
    const body = fn.body
    const group = body.kind === 'group' && !body.subshell ? body : null
    if (group) this.list(group.body)
    else {
      this.start()
      this.command(body)
    }
    this.flush('')
    this.indentation -= STEP
    if (group?.redirects.length) {
      this.newline('} ')
      this.redirects(group.redirects)
    } else this.newline('}')
  }

  /** A list: its first command where the caller stands, each after a `;` on a line of its own. */
  list(l: List): void {
    if (!l.items.length) return
    this.start()
    l.items.forEach((item, i) => {
      const more = i < l.items.length - 1
      if (i > 0 && !l.items[i - 1].background) this.indent()
      this.andOr(item)
      if (item.background) {
        this.flush(' &')
        if (more) this.out += ' '
      } else if (more) {
        if (this.deferred.length) this.flush('')
        else if (!this.wasHeredoc) this.out += ';'
        else this.wasHeredoc = false
        this.out += '\n'
      }
    })
    this.flush('')
  }

  private andOr(a: AndOr): void {
    this.pipeline(a.first)
    for (const { op, pipeline } of a.rest) {
      this.flush(` ${op} `)
      this.pipeline(pipeline)
    }
  }

  private pipeline(p: Pipeline): void {
    if (p.time) this.out += p.time === 'posix' ? 'time -p ' : 'time '
    if (p.negate) this.out += '! '
    p.commands.forEach((c, i) => {
      // `a |& b` is `a 2>&1 | b` to bash's parser.
      this.command(c, p.stderr[i])
      if (i < p.commands.length - 1) {
        this.flush(' |')
        this.out += ' '
      }
    })
  }

  private command(c: Command, stderrToPipe = false): void {
    const extra: string[] = stderrToPipe ? ['2>&1'] : []
    switch (c.kind) {
      case 'simple':
        this.simple(c, extra)
        return
      case 'function':
        this.functionDef(c, true)
        return
      case 'group':
        if (c.subshell) {
          this.out += '( '
          this.skipIndent++
          this.list(c.body)
          this.flush('')
          this.out += ' )'
        } else {
          this.out += '{ \n'
          this.indentation += STEP
          this.list(c.body)
          this.flush('')
          this.out += '\n'
          this.indentation -= STEP
          this.indent()
          this.out += '}'
        }
        break
      case 'for':
      case 'select':
        this.out += `${c.kind} ${c.name} in ${c.items ? c.items.map(wordSource).join(' ') : '"$@"'};`
        this.loopBody(c.body)
        break
      case 'arith-for': {
        const part = (w: Word) => wordSource(w).replace(/^\s+/, '') || '1'
        this.out += `for ((${part(c.init)}; ${part(c.cond)}; ${part(c.step)}))`
        this.loopBody(c.body)
        break
      }
      case 'while':
        this.clause(c.until ? 'until' : 'while', c.cond, 'do', c.body)
        this.semicolon()
        this.newline('done')
        break
      case 'if':
        this.ifClauses(c.clauses, c.otherwise)
        break
      case 'case':
        this.out += `case ${wordSource(c.word)} in `
        this.indentation += STEP
        for (const item of c.items) {
          this.newline(`${item.patterns.map(wordSource).join(' | ')})\n`)
          this.indentation += STEP
          this.list(item.body)
          this.indentation -= STEP
          this.flush('')
          this.newline(item.end)
        }
        this.indentation -= STEP
        this.newline('esac')
        break
      case 'arith':
        this.out += `((${c.text}))`
        break
      case 'cond':
        this.out += `[[ ${condText(c.expr)} ]]`
        break
    }
    if (c.redirects.length || extra.length) {
      this.out += ' '
      this.redirects(c.redirects, extra)
    }
  }

  simple(c: Simple, extra: string[]): void {
    const words = [...c.assigns.map((a) => (a.raw ?? '').replace(/\\\n/g, '')), ...c.words.map(wordSource)]
    this.out += words.join(' ')
    if (c.redirects.length || extra.length) {
      this.out += ' '
      this.redirects(c.redirects, extra)
    }
  }

  /** `do` on its own line, as print_for_command lays out for, select and arithmetic for. */
  private loopBody(body: List): void {
    this.newline('do\n')
    this.indentation += STEP
    this.list(body)
    this.semicolon()
    this.indentation -= STEP
    this.newline('done')
  }

  /** `if COND; then` / `while COND; do` and the body a level in, as print_if_command and print_until_or_while lay them out. */
  private clause(keyword: string, cond: List, then: string, body: List): void {
    this.out += `${keyword} `
    this.skipIndent++
    this.list(cond)
    this.semicolon()
    this.out += ` ${then}\n`
    this.indentation += STEP
    this.list(body)
    this.indentation -= STEP
  }

  /** bash has no elif in its tree: each elif is an if inside the else, and prints so. */
  private ifClauses(clauses: { cond: List; body: List }[], otherwise: List | null): void {
    const [first, ...rest] = clauses
    this.clause('if', first.cond, 'then', first.body)
    if (rest.length || otherwise) {
      this.semicolon()
      this.newline('else\n')
      this.indentation += STEP
      if (rest.length) {
        this.start()
        this.ifClauses(rest, otherwise)
      } else this.list(otherwise!)
      this.flush('')
      this.indentation -= STEP
    }
    this.semicolon()
    this.newline('fi')
  }

  private redirects(rs: Redirect[], extra: string[] = []): void {
    this.wasHeredoc = false
    const texts = rs.map((r) => {
      if (r.heredoc) this.deferred.push(r)
      return redirectText(r)
    })
    this.out += [...texts, ...extra].join(' ')
  }
}

function heredocDelimiter(r: Redirect): string {
  return r.heredocDelimiter ?? wordSource(r.target)
}

/** A redirection as print_redirection spells it. */
function redirectText(r: Redirect): string {
  const target = wordSource(r.target)
  const fd = (dflt: number) => (r.varname !== undefined ? `{${r.varname}}` : r.fd === dflt ? '' : String(r.fd))
  const always = () => (r.varname !== undefined ? `{${r.varname}}` : String(r.fd))
  switch (r.op) {
    case '<<':
    case '<<-':
      return `${fd(0)}${r.op}${r.heredoc?.expand === false ? `'${heredocDelimiter(r)}'` : heredocDelimiter(r)}`
    case '<<<':
    case '<':
      return `${fd(0)}${r.op} ${target}`
    case '<>':
      return `${always()}<> ${target}`
    case '&>':
    case '&>>':
      return `${r.op} ${target}`
    case '>&':
    case '<&':
      if (target === '-') return `${always()}>&-`
      if (/^\d+$/.test(target)) return `${always()}${r.op}${target}`
      // `>&file` is `&> file` to bash 5.1's parser, and prints so, unless the word opens with an
      // expansion character (EXPCHAR: `{ ~ $` and backquote); 5.1 then names the fd, even the default.
      if (r.op === '>&' && r.fd === 1 && r.varname === undefined && !/^[{~$`]/.test(target)) return `&> ${target}`
      return `${always()}${r.op}${target}`
    default:
      return `${fd(1)}${r.op} ${target}`
  }
}

function condText(e: CondExpr): string {
  switch (e.t) {
    case 'and':
      return `${condText(e.l)} && ${condText(e.r)}`
    case 'or':
      return `${condText(e.l)} || ${condText(e.r)}`
    case 'not':
      return `! ${condText(e.e)}`
    case 'group':
      return `( ${condText(e.e)} )`
    case 'unary':
      return `${e.op} ${wordSource(e.arg)}`
    case 'binary':
      return `${wordSource(e.l)} ${e.op} ${wordSource(e.r)}`
    case 'word':
      return wordSource(e.w)
  }
}
