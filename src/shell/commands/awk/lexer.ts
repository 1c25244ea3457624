// awk's tokens (POSIX awk as gawk 5.1 reads it). The one subtle rule: `/` starts a regular
// expression literal where an operand may begin (after an operator, `(`, `,`, `{`, `;`, a
// newline or at the start) and divides after an operand. Newlines are tokens, because they end
// statements, except after `{ && || , ; do else` and a backslash, where awk lets a line go on.

export type TokKind = 'num' | 'str' | 'ere' | 'name' | 'func' | 'builtin' | 'kw' | 'op' | 'nl' | 'eof'

export interface Token {
  kind: TokKind
  text: string
  /** Parsed value of a number or string literal. */
  value?: number | string
  /** Offset in the source, for gawk's `^` error marker. */
  at: number
}

export const KEYWORDS = new Set(['BEGIN', 'END', 'function', 'func', 'if', 'else', 'while', 'for', 'do', 'break', 'continue', 'next', 'nextfile', 'exit', 'return', 'delete', 'in', 'getline', 'print', 'printf'])
export const BUILTINS = new Set(['length', 'substr', 'index', 'split', 'sub', 'gsub', 'gensub', 'match', 'sprintf', 'sin', 'cos', 'atan2', 'exp', 'log', 'sqrt', 'int', 'rand', 'srand', 'tolower', 'toupper', 'close', 'fflush', 'system', 'strftime', 'systime', 'mktime'])

const OPS = ['+=', '-=', '*=', '/=', '%=', '^=', '**=', '==', '<=', '>=', '!=', '++', '--', '&&', '||', '>>', '!~', '**', '{', '}', '(', ')', '[', ']', ';', ',', '+', '-', '*', '/', '%', '^', '!', '>', '<', '|', '?', ':', '~', '$', '=']

export class AwkSyntaxError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message)
  }
}

function unescape(s: string): string {
  return s.replace(/\\(?:([0-7]{1,3})|(.))/gs, (_, oct: string | undefined, c: string) => {
    if (oct) return String.fromCharCode(parseInt(oct, 8))
    return ({ n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', '/': '/', a: '\x07', b: '\b', f: '\f', v: '\v' } as Record<string, string>)[c] ?? `\\${c}`
  })
}

export function tokenize(src: string): Token[] {
  const out: Token[] = []
  let i = 0
  const regexAllowed = () => {
    const p = out[out.length - 1]
    if (!p) return true
    if (p.kind === 'num' || p.kind === 'str' || p.kind === 'ere' || p.kind === 'name' || p.kind === 'builtin') return false
    if (p.kind === 'op') return ![')', ']', '$', '++', '--'].includes(p.text)
    if (p.kind === 'kw') return p.text !== 'getline'
    return true
  }
  while (i < src.length) {
    const c = src[i]
    if (c === ' ' || c === '\t' || c === '\r') {
      i++
      continue
    }
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2
      continue
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++
      continue
    }
    if (c === '\n') {
      out.push({ kind: 'nl', text: '\n', at: i++ })
      continue
    }
    if (/[0-9.]/.test(c) && /^(?:\d+\.?\d*|\.\d+)/.test(src.slice(i))) {
      const m = /^(?:0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/.exec(src.slice(i))!
      // gawk reads 017 in a program as octal and 0x11 as hex (not in data).
      const value = /^0[0-7]+$/.test(m[0]) ? parseInt(m[0], 8) : Number(m[0])
      out.push({ kind: 'num', text: m[0], value, at: i })
      i += m[0].length
      continue
    }
    if (c === '"') {
      let j = i + 1
      let raw = ''
      while (j < src.length && src[j] !== '"') {
        if (src[j] === '\n') throw new AwkSyntaxError('unterminated string', j)
        if (src[j] === '\\' && j + 1 < src.length) {
          raw += src[j] + src[j + 1]
          j += 2
          continue
        }
        raw += src[j++]
      }
      if (j >= src.length) throw new AwkSyntaxError('unterminated string', i)
      out.push({ kind: 'str', text: raw, value: unescape(raw), at: i })
      i = j + 1
      continue
    }
    if (c === '/' && regexAllowed()) {
      let j = i + 1
      let raw = ''
      let inBracket = false
      while (j < src.length && (src[j] !== '/' || inBracket)) {
        if (src[j] === '\n') throw new AwkSyntaxError('unterminated regexp', i)
        if (src[j] === '\\' && j + 1 < src.length) {
          raw += src[j + 1] === '/' ? '/' : src[j] + src[j + 1]
          j += 2
          continue
        }
        if (src[j] === '[') inBracket = true
        else if (src[j] === ']' && inBracket) inBracket = false
        raw += src[j++]
      }
      if (j >= src.length) throw new AwkSyntaxError('unterminated regexp', i)
      out.push({ kind: 'ere', text: raw, at: i })
      i = j + 1
      continue
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i))!
      const w = m[0]
      const kind: TokKind = KEYWORDS.has(w) ? 'kw' : BUILTINS.has(w) ? 'builtin' : src[i + w.length] === '(' ? 'func' : 'name'
      out.push({ kind, text: w === 'func' ? 'function' : w, at: i })
      i += w.length
      continue
    }
    const op = OPS.find((o) => src.startsWith(o, i))
    if (!op) throw new AwkSyntaxError('syntax error', i)
    out.push({ kind: 'op', text: op === '**' ? '^' : op === '**=' ? '^=' : op, at: i })
    i += op.length
  }
  out.push({ kind: 'eof', text: '', at: src.length })
  return out
}
