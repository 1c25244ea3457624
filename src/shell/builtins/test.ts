// `test`, `[` and `[[ ]]` (bash's test.c): string, integer and file tests with the file's real
// type and mode bits (root reads and writes anything, but executes only with an x bit set), `!`,
// -a/-o and parentheses, POSIX's rules by argument count, and `[[ ]]`'s patterns, `=~` with
// BASH_REMATCH, and arithmetic operands. Exit status 0 true, 1 false, 2 on a usage error.

import type { CondExpr } from '../ast.ts'
import { normalizePath } from '../../host/fs.ts'
import type { Proc } from '../../sim/task.ts'
import { expandSingle, compilePattern } from '../expand.ts'
import type { Io } from '../exec/io.ts'
import type { Shell } from '../interp.ts'
import { ArithError, evalArith } from '../syntax/arith.ts'
// Through the builtins' table, so the regex engine is in their deferred chunk (worker/deferred/builtins.ts).
import { regexMatch } from './index.ts'

const INT_OPS: Record<string, (a: bigint, b: bigint) => boolean> = {
  '-eq': (a, b) => a === b,
  '-ne': (a, b) => a !== b,
  '-lt': (a, b) => a < b,
  '-le': (a, b) => a <= b,
  '-gt': (a, b) => a > b,
  '-ge': (a, b) => a >= b,
}

function fileTest(sh: Shell, op: string, arg: string, io: Io): boolean | null {
  const fs = sh.host.fs
  const node = arg === '' ? null : fs.stat(normalizePath(sh.session.cwd, arg))
  switch (op) {
    case '-e':
    case '-a':
      return !!node
    case '-f':
      return node?.type === 'file'
    case '-d':
      return node?.type === 'dir'
    case '-s':
      return !!node && (node.type === 'dir' || node.content.length > 0)
    case '-r':
    case '-w':
      return !!node
    case '-x':
      return !!node && (node.type === 'dir' || (node.mode & 0o111) !== 0)
    case '-L':
    case '-h':
    case '-p':
    case '-S':
    case '-b':
    case '-c':
    case '-g':
    case '-u':
    case '-k':
      return false
    case '-O':
    case '-G':
      return !!node
    case '-N':
      return !!node
    case '-t':
      return /^\d+$/.test(arg) && !!io.output(Number(arg))?.tty
    case '-z':
      return arg === ''
    case '-n':
      return arg !== ''
    case '-v':
      return sh.session.vars.has(arg)
  }
  return null
}

const UNARY = new Set(['-e', '-a', '-f', '-d', '-s', '-r', '-w', '-x', '-L', '-h', '-p', '-S', '-b', '-c', '-g', '-u', '-k', '-O', '-G', '-N', '-t', '-z', '-n', '-v'])
const BINARY = new Set(['=', '==', '!=', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef'])

class TestError extends Error {}

/** test / [: POSIX's rules for 0 to 4 arguments, then the full grammar. */
export function evalTest(sh: Shell, args: string[], io: Io): number {
  const int = (v: string): bigint => {
    const t = v.trim()
    if (!/^[-+]?\d+$/.test(t)) throw new TestError(`${v}: integer expression expected`)
    return BigInt(t)
  }
  const binary = (l: string, op: string, r: string): boolean => {
    if (op === '=' || op === '==') return l === r
    if (op === '!=') return l !== r
    if (op === '<') return l < r
    if (op === '>') return l > r
    if (INT_OPS[op]) return INT_OPS[op](int(l), int(r))
    if (op === '-ef') return l === r && fileTest(sh, '-e', l, io) === true
    return false
  }
  let pos = 0
  const expr = (): boolean => {
    let v = andExpr()
    while (args[pos] === '-o') {
      pos++
      v = andExpr() || v
    }
    return v
  }
  const andExpr = (): boolean => {
    let v = term()
    while (args[pos] === '-a') {
      pos++
      v = term() && v
    }
    return v
  }
  const term = (): boolean => {
    if (pos >= args.length) throw new TestError('argument expected')
    const a = args[pos]
    if (a === '!') {
      pos++
      return !term()
    }
    if (a === '(') {
      pos++
      const v = expr()
      if (args[pos] !== ')') throw new TestError(`\`)' expected, found ${args[pos] ?? ''}`.trimEnd())
      pos++
      return v
    }
    if (pos + 2 < args.length && BINARY.has(args[pos + 1])) {
      const v = binary(a, args[pos + 1], args[pos + 2])
      pos += 3
      return v
    }
    if (UNARY.has(a) && pos + 1 < args.length) {
      pos += 2
      return fileTest(sh, a, args[pos - 1], io) === true
    }
    pos++
    return a !== ''
  }
  try {
    let result: boolean
    const n = args.length
    if (n === 0) result = false
    else if (n === 1) result = args[0] !== ''
    else if (n === 2) {
      if (args[0] === '!') result = args[1] === ''
      else if (UNARY.has(args[0])) result = fileTest(sh, args[0], args[1], io) === true
      else throw new TestError(`${args[0]}: unary operator expected`)
    } else if (n === 3 && BINARY.has(args[1])) result = binary(args[0], args[1], args[2])
    else if (n === 3 && args[0] === '!') result = !evalTestBool(sh, args.slice(1), io)
    else if (n === 3 && args[0] === '(' && args[2] === ')') result = args[1] !== ''
    else if (n === 3 && (args[1] === '-a' || args[1] === '-o')) result = args[1] === '-a' ? args[0] !== '' && args[2] !== '' : args[0] !== '' || args[2] !== ''
    else if (n === 3) throw new TestError(`${args[1]}: binary operator expected`)
    else if (n === 4 && args[0] === '!') result = !evalTestBool(sh, args.slice(1), io)
    else {
      result = expr()
      if (pos < args.length) throw new TestError('too many arguments')
    }
    return result ? 0 : 1
  } catch (e) {
    if (!(e instanceof TestError)) throw e
    if (e.message) sh.error(io, `${currentName}: ${e.message}`)
    return 2
  }
}

/** Which name the current test was called by, for its messages (`[: …` or `test: …`). */
let currentName = 'test'

function evalTestBool(sh: Shell, args: string[], io: Io): boolean {
  const r = evalTest(sh, args, io)
  if (r === 2) throw new TestError('')
  return r === 0
}

export function runTest(sh: Shell, name: 'test' | '[', args: string[], io: Io): number {
  currentName = name
  return evalTest(sh, args, io)
}

/** `[[ … ]]`: words are expanded without splitting or globbing; the right of == is a pattern. */
export function* evalCond(sh: Shell, e: CondExpr, io: Io): Proc<number> {
  const env = sh.expandEnv(io)
  const ev = function* (x: CondExpr): Proc<boolean> {
    switch (x.t) {
      case 'and':
        return (yield* ev(x.l)) && (yield* ev(x.r))
      case 'or':
        return (yield* ev(x.l)) || (yield* ev(x.r))
      case 'not':
        return !(yield* ev(x.e))
      case 'group':
        return yield* ev(x.e)
      case 'word':
        return (yield* expandSingle(x.w, env)) !== ''
      case 'unary': {
        const arg = yield* expandSingle(x.arg, env)
        return fileTest(sh, x.op, arg, io) === true
      }
      case 'binary': {
        const l = yield* expandSingle(x.l, env)
        if (x.op === '==' || x.op === '=' || x.op === '!=') {
          const re = yield* compilePattern(x.r, env, 'cond')
          return re.test(l) === (x.op !== '!=')
        }
        if (x.op === '=~') {
          const m = yield* regexMatch(sh, l, x.r, io)
          if (m === null) throw new CondRegexError()
          return m
        }
        const r = yield* expandSingle(x.r, env)
        if (x.op === '<') return l < r
        if (x.op === '>') return l > r
        if (INT_OPS[x.op]) {
          const num = (v: string) => {
            try {
              return evalArith(v, { get: (n) => sh.session.get(n), set: (n, val) => sh.session.set(n, val) })
            } catch (err) {
              if (err instanceof ArithError) {
                sh.error(io, err.message)
                throw new CondError()
              }
              throw err
            }
          }
          return INT_OPS[x.op](num(l), num(r))
        }
        if (x.op === '-ef') return l === r && fileTest(sh, '-e', l, io) === true
        return false
      }
    }
  }
  try {
    return (yield* ev(e)) ? 0 : 1
  } catch (err) {
    if (err instanceof CondError) return 1
    if (err instanceof CondRegexError) return 2
    throw err
  }
}

class CondError extends Error {}

class CondRegexError extends Error {}
