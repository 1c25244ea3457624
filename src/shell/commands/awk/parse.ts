// An awk program parsed into rules and functions (POSIX awk grammar, gawk's precedence, lowest
// first: assignment, `?:`, `||`, `&&`, `in`, `~ !~`, comparison, concatenation, `+ -`, `* / %`,
// unary `! - +`, `^`, `++ --`, `$`). In print's arguments an unparenthesised `>` redirects
// instead of comparing, as awk reads `print $1 > "file"`.

import { AwkSyntaxError, tokenize, type Token } from './lexer.ts'

export type Expr =
  | { t: 'num'; v: number }
  | { t: 'str'; v: string }
  | { t: 're'; src: string }
  | { t: 'var'; name: string }
  | { t: 'field'; e: Expr }
  | { t: 'index'; name: string; subs: Expr[] }
  | { t: 'assign'; op: string; target: Expr; e: Expr }
  | { t: 'cond'; c: Expr; a: Expr; b: Expr }
  | { t: 'bin'; op: string; l: Expr; r: Expr }
  | { t: 'unary'; op: '!' | '-' | '+'; e: Expr }
  | { t: 'incdec'; op: '++' | '--'; prefix: boolean; target: Expr }
  | { t: 'in'; subs: Expr[]; name: string }
  | { t: 'call'; name: string; args: Expr[] }
  | { t: 'builtin'; name: string; args: Expr[] }
  | { t: 'getline'; target?: Expr; file?: Expr; cmd?: Expr }
  | { t: 'group'; e: Expr }

export interface Redirect {
  op: '>' | '>>' | '|'
  e: Expr
}

export type Stmt =
  | { s: 'print' | 'printf'; args: Expr[]; redir?: Redirect }
  | { s: 'expr'; e: Expr }
  | { s: 'if'; c: Expr; then: Stmt; else?: Stmt }
  | { s: 'while'; c: Expr; body: Stmt }
  | { s: 'do'; body: Stmt; c: Expr }
  | { s: 'for'; init?: Expr; c?: Expr; step?: Expr; body: Stmt }
  | { s: 'forin'; v: Expr; arr: string; body: Stmt }
  | { s: 'block'; body: Stmt[] }
  | { s: 'next' | 'nextfile' | 'break' | 'continue' }
  | { s: 'exit' | 'return'; e?: Expr }
  | { s: 'delete'; name: string; subs?: Expr[] }

export interface Rule {
  begin?: boolean
  end?: boolean
  pattern?: Expr
  range?: [Expr, Expr]
  action?: Stmt
}

export interface Program {
  rules: Rule[]
  funcs: Map<string, { params: string[]; body: Stmt }>
  /** Does a plain `getline` read the main input (then the input is read whole first)? */
  readsMain: boolean
}

export function parseProgram(src: string): Program {
  const toks = tokenize(src)
  let p = 0
  let readsMain = false
  const peek = (k = 0) => toks[p + k]
  const fail = (t: Token = peek()): never => {
    throw new AwkSyntaxError(t.kind === 'eof' || t.kind === 'nl' ? 'unexpected newline or end of string' : 'syntax error', t.at)
  }
  const is = (text: string, k = 0) => {
    const t = peek(k)
    return (t.kind === 'op' || t.kind === 'kw') && t.text === text
  }
  const eat = (text: string) => {
    if (!is(text)) fail()
    return toks[p++]
  }
  const skipNl = () => {
    while (peek().kind === 'nl') p++
  }
  const optNl = () => skipNl()
  const endStmt = () => {
    if (is(';') || peek().kind === 'nl') {
      p++
      return
    }
    if (is('}') || peek().kind === 'eof') return
    fail()
  }

  /** Comma-separated expressions (a newline may follow each comma). */
  const exprList = (noGt: boolean, first?: Expr): Expr[] => {
    const list = [first ?? expr(noGt)]
    while (is(',')) {
      p++
      optNl()
      list.push(expr(noGt))
    }
    return list
  }

  const startsOperand = (t: Token) => t.kind === 'num' || t.kind === 'str' || t.kind === 'ere' || t.kind === 'name' || t.kind === 'func' || t.kind === 'builtin' || (t.kind === 'op' && ['$', '!', '(', '-', '+', '++', '--'].includes(t.text)) || (t.kind === 'kw' && t.text === 'getline')

  const lvalueOk = (e: Expr) => e.t === 'var' || e.t === 'field' || e.t === 'index'

  const primary = (): Expr => {
    const t = peek()
    if (t.kind === 'num') {
      p++
      return { t: 'num', v: t.value as number }
    }
    if (t.kind === 'str') {
      p++
      return { t: 'str', v: t.value as string }
    }
    if (t.kind === 'ere') {
      p++
      return { t: 're', src: t.text }
    }
    if (t.kind === 'op' && t.text === '$') {
      p++
      return { t: 'field', e: incdec() }
    }
    if (t.kind === 'op' && t.text === '(') {
      p++
      const first = expr(false)
      if (is(',')) {
        const subs = exprList(false, first)
        eat(')')
        if (!is('in')) fail()
        p++
        const n = peek()
        if (n.kind !== 'name') fail()
        p++
        return { t: 'in', subs, name: n.text }
      }
      eat(')')
      return { t: 'group', e: first }
    }
    if (t.kind === 'op' && (t.text === '-' || t.text === '+' || t.text === '!')) {
      p++
      return { t: 'unary', op: t.text as '-', e: unaryOperand() }
    }
    if (t.kind === 'op' && (t.text === '++' || t.text === '--')) {
      p++
      const target = incdec()
      if (!lvalueOk(target)) fail(t)
      return { t: 'incdec', op: t.text as '++', prefix: true, target }
    }
    if (t.kind === 'builtin') {
      p++
      const args: Expr[] = []
      if (is('(')) {
        p++
        if (!is(')')) args.push(...exprList(false))
        eat(')')
      } else if (t.text !== 'length') fail()
      return { t: 'builtin', name: t.text, args }
    }
    if (t.kind === 'func') {
      p++
      eat('(')
      const args = is(')') ? [] : exprList(false)
      eat(')')
      return { t: 'call', name: t.text, args }
    }
    if (t.kind === 'name') {
      p++
      if (is('[')) {
        p++
        const subs = exprList(false)
        eat(']')
        return { t: 'index', name: t.text, subs }
      }
      return { t: 'var', name: t.text }
    }
    if (t.kind === 'kw' && t.text === 'getline') {
      p++
      readsMain = true
      let target: Expr | undefined
      if (peek().kind === 'name' || is('$')) target = incdec()
      if (is('<')) {
        p++
        readsMain = false
        return { t: 'getline', target, file: incdec() }
      }
      return { t: 'getline', target }
    }
    return fail()
  }

  const incdec = (): Expr => {
    const e = primary()
    if ((is('++') || is('--')) && lvalueOk(e)) {
      const op = toks[p++].text as '++'
      return { t: 'incdec', op, prefix: false, target: e }
    }
    return e
  }

  const power = (): Expr => {
    const base = incdec()
    if (is('^')) {
      p++
      return { t: 'bin', op: '^', l: base, r: unaryOperand() }
    }
    return base
  }

  /** After unary `-`/`!`: `-2^2` is `-(2^2)`. */
  const unaryOperand = (): Expr => {
    const t = peek()
    if (t.kind === 'op' && (t.text === '-' || t.text === '+' || t.text === '!')) {
      p++
      return { t: 'unary', op: t.text as '-', e: unaryOperand() }
    }
    return power()
  }

  const mul = (): Expr => {
    let l = unaryOperand()
    while (is('*') || is('/') || is('%')) {
      const op = toks[p++].text
      l = { t: 'bin', op, l, r: unaryOperand() }
    }
    return l
  }

  const add = (): Expr => {
    let l = mul()
    while (is('+') || is('-')) {
      const op = toks[p++].text
      l = { t: 'bin', op, l, r: mul() }
    }
    return l
  }

  const concat = (): Expr => {
    let l = add()
    for (;;) {
      const t = peek()
      if (!startsOperand(t) || (t.kind === 'op' && ['-', '+', '!'].includes(t.text))) break
      if (t.kind === 'kw' && t.text === 'getline') break
      l = { t: 'bin', op: 'concat', l, r: add() }
    }
    if (is('|') && peek(1).kind === 'kw' && peek(1).text === 'getline') {
      p += 2
      let target: Expr | undefined
      if (peek().kind === 'name' || is('$')) target = incdec()
      return { t: 'getline', target, cmd: l }
    }
    return l
  }

  const compare = (noGt: boolean): Expr => {
    const l = concat()
    const t = peek()
    if (t.kind === 'op' && ['<', '<=', '!=', '==', '>=', '>'].includes(t.text) && !(noGt && t.text === '>')) {
      p++
      return { t: 'bin', op: t.text, l, r: concat() }
    }
    return l
  }

  const match = (noGt: boolean): Expr => {
    let l = compare(noGt)
    while (is('~') || is('!~')) {
      const op = toks[p++].text
      l = { t: 'bin', op, l, r: compare(noGt) }
    }
    return l
  }

  const inop = (noGt: boolean): Expr => {
    let l = match(noGt)
    while (is('in')) {
      p++
      const n = peek()
      if (n.kind !== 'name') fail()
      p++
      l = { t: 'in', subs: [l], name: n.text }
    }
    return l
  }

  const and = (noGt: boolean): Expr => {
    let l = inop(noGt)
    while (is('&&')) {
      p++
      optNl()
      l = { t: 'bin', op: '&&', l, r: inop(noGt) }
    }
    return l
  }

  const or = (noGt: boolean): Expr => {
    let l = and(noGt)
    while (is('||')) {
      p++
      optNl()
      l = { t: 'bin', op: '||', l, r: and(noGt) }
    }
    return l
  }

  const ternary = (noGt: boolean): Expr => {
    const c = or(noGt)
    if (!is('?')) return c
    p++
    optNl()
    const a = ternary(noGt)
    optNl()
    eat(':')
    optNl()
    return { t: 'cond', c, a, b: ternary(noGt) }
  }

  function expr(noGt: boolean): Expr {
    const l = ternary(noGt)
    const t = peek()
    if (t.kind === 'op' && ['=', '+=', '-=', '*=', '/=', '%=', '^='].includes(t.text)) {
      if (!lvalueOk(l)) fail(t)
      p++
      optNl()
      return { t: 'assign', op: t.text, target: l, e: expr(noGt) }
    }
    return l
  }

  const simpleOrBlock = (): Stmt => {
    optNl()
    return statement()
  }

  function statement(): Stmt {
    const t = peek()
    if (is('{')) {
      p++
      const body: Stmt[] = []
      skipNl()
      while (!is('}')) {
        if (peek().kind === 'eof') fail()
        if (is(';')) {
          p++
          skipNl()
          continue
        }
        body.push(statement())
        skipNl()
      }
      p++
      return { s: 'block', body }
    }
    if (t.kind === 'kw') {
      switch (t.text) {
        case 'if': {
          p++
          eat('(')
          const c = expr(false)
          eat(')')
          const then = simpleOrBlock()
          const save = p
          skipNl()
          if (is(';')) {
            p++
            skipNl()
          }
          if (is('else')) {
            p++
            return { s: 'if', c, then, else: simpleOrBlock() }
          }
          p = save
          return { s: 'if', c, then }
        }
        case 'while': {
          p++
          eat('(')
          const c = expr(false)
          eat(')')
          if (is(';')) {
            p++
            return { s: 'while', c, body: { s: 'block', body: [] } }
          }
          return { s: 'while', c, body: simpleOrBlock() }
        }
        case 'do': {
          p++
          const body = simpleOrBlock()
          skipNl()
          eat('while')
          eat('(')
          const c = expr(false)
          eat(')')
          endStmt()
          return { s: 'do', body, c }
        }
        case 'for': {
          p++
          eat('(')
          if (peek().kind === 'name' && is('in', 1) && peek(2).kind === 'name' && (peek(3).kind === 'op' && peek(3).text === ')')) {
            const v: Expr = { t: 'var', name: toks[p].text }
            const arr = toks[p + 2].text
            p += 4
            return { s: 'forin', v, arr, body: simpleOrBlock() }
          }
          const init = is(';') ? undefined : expr(false)
          eat(';')
          optNl()
          const c = is(';') ? undefined : expr(false)
          eat(';')
          optNl()
          const step = is(')') ? undefined : expr(false)
          eat(')')
          if (is(';')) {
            p++
            return { s: 'for', init, c, step, body: { s: 'block', body: [] } }
          }
          return { s: 'for', init, c, step, body: simpleOrBlock() }
        }
        case 'next':
        case 'nextfile':
        case 'break':
        case 'continue':
          p++
          endStmt()
          return { s: t.text }
        case 'exit':
        case 'return': {
          p++
          const e = is(';') || is('}') || peek().kind === 'nl' || peek().kind === 'eof' ? undefined : expr(false)
          endStmt()
          return { s: t.text, e }
        }
        case 'delete': {
          p++
          const n = peek()
          if (n.kind !== 'name') fail()
          p++
          let subs: Expr[] | undefined
          if (is('[')) {
            p++
            subs = exprList(false)
            eat(']')
          }
          endStmt()
          return { s: 'delete', name: n.text, subs }
        }
        case 'print':
        case 'printf': {
          p++
          const args: Expr[] = []
          const paren = is('(') && closesBeforeRedirect()
          if (paren) {
            p++
            if (!is(')')) args.push(...exprList(false))
            eat(')')
          } else if (!(is(';') || is('}') || is('>') || is('>>') || is('|') || peek().kind === 'nl' || peek().kind === 'eof')) args.push(...exprList(true))
          let redir: Redirect | undefined
          if (is('>') || is('>>') || is('|')) {
            const op = toks[p++].text as '>'
            redir = { op, e: concat() }
          }
          if (t.text === 'printf' && !args.length) fail()
          endStmt()
          return { s: t.text, args, redir }
        }
      }
    }
    if (is(';')) {
      p++
      return { s: 'block', body: [] }
    }
    const e = expr(false)
    endStmt()
    return { s: 'expr', e }
  }

  /** `print (a, b) > f`: the parenthesised list ends where the statement's arguments end. */
  function closesBeforeRedirect(): boolean {
    let depth = 0
    for (let k = p; k < toks.length; k++) {
      const t = toks[k]
      if (t.kind === 'op' && (t.text === '(' || t.text === '[')) depth++
      else if (t.kind === 'op' && (t.text === ')' || t.text === ']')) {
        depth--
        if (depth === 0) {
          const n = toks[k + 1]
          return n.kind === 'nl' || n.kind === 'eof' || (n.kind === 'op' && [';', '}', '>', '>>', '|'].includes(n.text))
        }
      }
    }
    return false
  }

  const rules: Rule[] = []
  const funcs = new Map<string, { params: string[]; body: Stmt }>()
  skipNl()
  while (peek().kind !== 'eof') {
    if (is(';')) {
      p++
      skipNl()
      continue
    }
    if (is('function')) {
      p++
      const n = peek()
      if (n.kind !== 'name' && n.kind !== 'func') fail()
      p++
      eat('(')
      const params: string[] = []
      while (!is(')')) {
        const a = peek()
        if (a.kind !== 'name') fail()
        params.push(a.text)
        p++
        if (is(',')) {
          p++
          optNl()
        }
      }
      p++
      optNl()
      if (!is('{')) fail()
      funcs.set(n.text, { params, body: statement() })
      skipNl()
      continue
    }
    const rule: Rule = {}
    if (is('BEGIN')) {
      p++
      rule.begin = true
    } else if (is('END')) {
      p++
      rule.end = true
    } else if (!is('{')) {
      const a = expr(false)
      if (is(',')) {
        p++
        optNl()
        rule.range = [a, expr(false)]
      } else rule.pattern = a
    }
    if (is('{')) rule.action = statement()
    else if (rule.begin || rule.end) fail()
    rules.push(rule)
    if (!(peek().kind === 'eof')) {
      if (is(';') || peek().kind === 'nl') p++
      else if (!rule.action) fail()
    }
    skipNl()
  }
  return { rules, funcs, readsMain }
}
