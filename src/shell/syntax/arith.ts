// Bash arithmetic ($(( )), (( )), let, array subscripts), as expr.c evaluates it: 64-bit signed
// integers that wrap, C precedence with bash's `**` (right-associative, binding looser than unary
// minus, so -2**2 is 4), assignment operators, ++/--, ?:, the comma, and constants in base 10, 0x16,
// 010 (octal) and N#digits. Variables hold text that is itself evaluated as an expression.
// Evaluation is lazy like bash's `noeval`: the untaken side of && || ?: parses but assigns nothing.
// Every error is bash's message with its "error token", never a silent 0.

export interface ArithVars {
  get(name: string): string | undefined
  set(name: string, value: string): void
  /** `a[i]` read and write; the index is already evaluated. */
  getIndex?(name: string, index: bigint): string | undefined
  setIndex?(name: string, index: bigint, value: string): void
}

export class ArithError extends Error {
  constructor(
    readonly expr: string,
    readonly text: string,
    readonly token: string | null,
  ) {
    const shown = expr.replace(/^\s+/, '')
    super(token === null ? `${shown}: ${text}` : `${shown}: ${text} (error token is "${token}")`)
  }
}

/** An assignment to a readonly variable: bash's `NAME: readonly variable`, with no expression or command name before it. */
export class ArithReadonly extends ArithError {
  constructor(name: string) {
    super(name, 'readonly variable', null)
  }
}

const MAX_RECURSION = 1024

type Tok = { k: 'num'; v: bigint; start: number } | { k: 'id'; name: string; start: number } | { k: 'op'; op: string; start: number } | { k: 'eof'; start: number }

const OPS = ['<<=', '>>=', '**', '++', '--', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '*=', '/=', '%=', '+=', '-=', '&=', '^=', '|=', '+', '-', '*', '/', '%', '<', '>', '!', '~', '&', '^', '|', '?', ':', '=', ',', '(', ')', '[', ']']
const ASSIGN = new Set(['=', '*=', '/=', '%=', '+=', '-=', '<<=', '>>=', '&=', '^=', '|='])

const wrap = (v: bigint) => BigInt.asIntN(64, v)

/** Evaluates `expr`; throws ArithError with bash's text. */
export function evalArith(expr: string, vars: ArithVars, depth = 0): bigint {
  if (depth > MAX_RECURSION) throw new ArithError(expr, 'expression recursion level exceeded', expr)
  return new Evaluator(expr, vars, depth).run()
}

class Evaluator {
  private pos = 0
  private tok: Tok = { k: 'eof', start: 0 }
  private prev: Tok = { k: 'eof', start: 0 }
  private noeval = 0

  constructor(
    private readonly s: string,
    private readonly vars: ArithVars,
    private readonly depth: number,
  ) {}

  run(): bigint {
    this.next()
    if (this.kind() === 'eof') return 0n
    const v = this.comma()
    if (this.tok.k !== 'eof') this.fail('syntax error in expression')
    return v
  }

  private fail(text: string): never {
    const t = this.kind() === 'eof' ? this.prev : this.tok
    throw new ArithError(this.s, text, this.s.slice(t.start))
  }

  private next(): void {
    this.prev = this.tok
    const s = this.s
    while (this.pos < s.length && ' \t\n'.includes(s[this.pos])) this.pos++
    const start = this.pos
    if (this.pos >= s.length) {
      this.tok = { k: 'eof', start }
      return
    }
    const c = s[this.pos]
    if (/[0-9]/.test(c)) {
      const m = /^[0-9A-Za-z_@#]*/.exec(s.slice(this.pos))![0]
      this.pos += m.length
      this.tok = { k: 'num', v: 0n, start }
      this.tok = { k: 'num', v: this.constant(m), start }
      return
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(this.pos))![0]
      this.pos += m.length
      this.tok = { k: 'id', name: m, start }
      return
    }
    for (let op of OPS) {
      if (s.startsWith(op, this.pos)) {
        // readtok: `++`/`--` after a name (`a[i]` is one) is postfix, before one (blanks between)
        // prefix, and otherwise two signs: `5++` is `5 + +`, `--5` is `-(-5)`.
        const afterName = this.prev.k === 'id' || (this.prev.k === 'op' && this.prev.op === ']')
        if ((op === '++' || op === '--') && !afterName && !/^[ \t\n]*[A-Za-z_]/.test(s.slice(this.pos + 2))) op = op[0]
        this.pos += op.length
        this.tok = { k: 'op', op, start }
        return
      }
    }
    this.pos++
    this.tok = { k: 'op', op: c, start }
    this.fail('syntax error: invalid arithmetic operator')
  }

  /** A numeric constant: 10, 0x1f, 017, 2#101, 64#_ (bash's digits 0-9 a-z A-Z @ _). */
  private constant(text: string): bigint {
    let base = 10
    let digits = text
    const hash = text.indexOf('#')
    if (hash >= 0) {
      base = Number(text.slice(0, hash))
      digits = text.slice(hash + 1)
      if (!/^[0-9]+$/.test(text.slice(0, hash)) || base < 2 || base > 64) this.fail('invalid arithmetic base')
      if (!digits) this.fail('invalid integer constant')
    } else if (/^0[xX]/.test(text)) {
      base = 16
      digits = text.slice(2)
      if (!digits) this.fail('invalid integer constant')
    } else if (text.length > 1 && text[0] === '0') {
      base = 8
      digits = text.slice(1)
    }
    let v = 0n
    for (const ch of digits) {
      let d: number
      if (ch >= '0' && ch <= '9') d = ch.charCodeAt(0) - 48
      else if (ch >= 'a' && ch <= 'z') d = ch.charCodeAt(0) - 87
      else if (ch >= 'A' && ch <= 'Z') d = base <= 36 ? ch.charCodeAt(0) - 55 : ch.charCodeAt(0) - 29
      else if (ch === '@') d = 62
      else if (ch === '_') d = 63
      else this.fail('invalid number')
      if (d >= base) this.fail('value too great for base')
      v = wrap(v * BigInt(base) + BigInt(d))
    }
    return v
  }

  private kind(): Tok['k'] {
    return this.tok.k
  }

  private current(): Tok {
    return this.tok
  }

  private isOp(op: string): boolean {
    return this.tok.k === 'op' && this.tok.op === op
  }

  private comma(): bigint {
    let v = this.assign()
    while (this.isOp(',')) {
      this.next()
      v = this.assign()
    }
    return v
  }

  private assign(): bigint {
    if (this.tok.k === 'id') {
      const save = { pos: this.pos, tok: this.tok, prev: this.prev }
      const name = this.tok.name
      this.next()
      let index: bigint | null = null
      if (this.isOp('[')) {
        this.next()
        index = this.comma()
        if (!this.isOp(']')) this.fail('syntax error: invalid arithmetic operator')
        this.next()
      }
      const t = this.current()
      if (t.k === 'op' && ASSIGN.has(t.op)) {
        const op = t.op
        this.next()
        const rhs = this.assign()
        if (this.noeval) return rhs
        let v = rhs
        if (op !== '=') v = this.binary(op.slice(0, -1), this.lvalue(name, index), rhs)
        this.store(name, index, v)
        return v
      }
      this.pos = save.pos
      this.tok = save.tok
      this.prev = save.prev
    }
    const v = this.ternary()
    const t = this.current()
    if (t.k === 'op' && ASSIGN.has(t.op)) this.fail('attempted assignment to non-variable')
    return v
  }

  private ternary(): bigint {
    const cond = this.logicalOr()
    if (!this.isOp('?')) return cond
    this.next()
    if (this.kind() === 'eof' || this.isOp(':')) this.fail('expression expected')
    if (!cond) this.noeval++
    const a = this.comma()
    if (!cond) this.noeval--
    if (!this.isOp(':')) this.fail("`:' expected for conditional expression")
    this.next()
    if (this.kind() === 'eof') this.fail('expression expected')
    if (cond) this.noeval++
    const b = this.ternary()
    if (cond) this.noeval--
    return cond ? a : b
  }

  private logicalOr(): bigint {
    let v = this.logicalAnd()
    while (this.isOp('||')) {
      this.next()
      if (v) this.noeval++
      const r = this.logicalAnd()
      if (v) this.noeval--
      v = v || r ? 1n : 0n
    }
    return v
  }

  private logicalAnd(): bigint {
    let v = this.level(0)
    while (this.isOp('&&')) {
      this.next()
      if (!v) this.noeval++
      const r = this.level(0)
      if (!v) this.noeval--
      v = v && r ? 1n : 0n
    }
    return v
  }

  private static readonly LEVELS = [['|'], ['^'], ['&'], ['==', '!='], ['<', '>', '<=', '>='], ['<<', '>>'], ['+', '-'], ['*', '/', '%']]

  /** Left-associative binary levels from `|` down to `* / %`. */
  private level(n: number): bigint {
    if (n === Evaluator.LEVELS.length) return this.power()
    let v = this.level(n + 1)
    for (;;) {
      const t = this.tok
      if (t.k !== 'op' || !Evaluator.LEVELS[n].includes(t.op)) return v
      this.next()
      const rstart = this.tok.start
      const r = this.level(n + 1)
      v = this.binary(t.op, v, r, rstart)
    }
  }

  private power(): bigint {
    const base = this.unary()
    if (!this.isOp('**')) return base
    this.next()
    const exp = this.power()
    return this.binary('**', base, exp)
  }

  /** `rstart`: where the right operand began, bash's error token for a division by zero. */
  private binary(op: string, a: bigint, b: bigint, rstart?: number): bigint {
    if (this.noeval) return 0n
    switch (op) {
      case '+': return wrap(a + b)
      case '-': return wrap(a - b)
      case '*': return wrap(a * b)
      case '/':
      case '%':
        if (b === 0n) {
          if (rstart === undefined) this.fail('division by 0')
          throw new ArithError(this.s, 'division by 0', this.s.slice(rstart))
        }
        if (a === -(2n ** 63n) && b === -1n) return op === '/' ? a : 0n
        return op === '/' ? a / b : a % b
      case '**':
        if (b < 0n) this.fail('exponent less than 0')
        return this.pow(a, b)
      case '<<': return wrap(a << (b & 63n))
      case '>>': return a >> (b & 63n)
      case '<': return a < b ? 1n : 0n
      case '>': return a > b ? 1n : 0n
      case '<=': return a <= b ? 1n : 0n
      case '>=': return a >= b ? 1n : 0n
      case '==': return a === b ? 1n : 0n
      case '!=': return a !== b ? 1n : 0n
      case '&': return a & b
      case '^': return a ^ b
      case '|': return a | b
    }
    return 0n
  }

  /** Repeated squaring, wrapping at 64 bits as C's long multiplication does. */
  private pow(a: bigint, b: bigint): bigint {
    let result = 1n
    let base = a
    let e = b
    while (e > 0n) {
      if (e & 1n) result = wrap(result * base)
      base = wrap(base * base)
      e >>= 1n
    }
    return result
  }

  private unary(): bigint {
    const t = this.tok
    if (t.k === 'op') {
      if (t.op === '-' || t.op === '+' || t.op === '!' || t.op === '~') {
        this.next()
        const v = this.unary()
        if (t.op === '-') return wrap(-v)
        if (t.op === '!') return v ? 0n : 1n
        if (t.op === '~') return ~v
        return v
      }
      if (t.op === '++' || t.op === '--') {
        this.next()
        if (this.tok.k !== 'id') this.fail('syntax error: operand expected')
        const name = this.tok.name
        this.next()
        const index = this.subscript()
        const v = wrap(this.lvalue(name, index) + (t.op === '++' ? 1n : -1n))
        if (!this.noeval) this.store(name, index, v)
        return v
      }
    }
    return this.postfix()
  }

  private subscript(): bigint | null {
    if (!this.isOp('[')) return null
    this.next()
    const index = this.comma()
    if (!this.isOp(']')) this.fail('syntax error: invalid arithmetic operator')
    this.next()
    return index
  }

  private postfix(): bigint {
    const t = this.tok
    if (t.k === 'num') {
      this.next()
      return t.v
    }
    if (t.k === 'id') {
      this.next()
      const index = this.subscript()
      const v = this.lvalue(t.name, index)
      if (this.isOp('++') || this.isOp('--')) {
        const inc = this.isOp('++') ? 1n : -1n
        this.next()
        if (!this.noeval) this.store(t.name, index, wrap(v + inc))
      }
      return v
    }
    if (this.isOp('(')) {
      this.next()
      const v = this.comma()
      if (!this.isOp(')')) this.fail("missing `)'")
      this.next()
      return v
    }
    this.fail('syntax error: operand expected')
  }

  /** A variable's value: its text evaluated as an expression, empty or unset being 0. */
  private lvalue(name: string, index: bigint | null): bigint {
    if (this.noeval) return 0n
    const text = index === null ? this.vars.get(name) : this.vars.getIndex?.(name, index)
    if (text === undefined || text === '') return 0n
    if (/^-?[0-9]+$/.test(text) && text.length < 19) return BigInt(text)
    try {
      return evalArith(text, this.vars, this.depth + 1)
    } catch (e) {
      // A variable naming itself (`a=a`) nests until bash's limit; JS's stack can end first.
      if (e instanceof RangeError) throw new ArithError(text, 'expression recursion level exceeded', text)
      if (e instanceof ArithError && e.expr === text && this.depth === 0) throw new ArithError(text, e.text, e.token)
      throw e
    }
  }

  private store(name: string, index: bigint | null, v: bigint): void {
    if (index === null) this.vars.set(name, String(v))
    else this.vars.setIndex?.(name, index, String(v))
  }
}
