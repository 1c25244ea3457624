// A sed script (GNU sed 4.8) parsed into commands: addresses (`N`, `$`, `/re/I`, `\%re%`,
// `first~step`, `addr,+N`, `addr,~N`, `0,/re/`, `!`), blocks, and every command of GNU sed but
// `e` (no shell inside a command), each with the error text and character position GNU reports
// (`-e expression #1, char 5: unterminated `s' command`). Several -e scripts join with newlines,
// so a block may open in one and close in another, as in sed.

import { compile } from '../../text/regex.ts'

export type Address =
  | { kind: 'line'; n: number }
  | { kind: 'last' }
  | { kind: 're'; re: RegExp | null }
  | { kind: 'step'; first: number; step: number }
  | { kind: 'zero' }

export type Address2 = Address | { kind: 'plus'; n: number } | { kind: 'mult'; n: number }

export interface Command {
  a1?: Address
  a2?: Address2
  negate: boolean
  name: string
  /** a/i/c text, label, file name, y's target, q's exit code (as text). */
  text?: string
  /** s: the pattern, the replacement parts, the flags. */
  re?: RegExp | null
  replacement?: Replacement[]
  global?: boolean
  occurrence?: number
  print?: number
  wfile?: string
  /** y: source characters to targets. */
  map?: Map<string, string>
  /** `{`: index of the matching `}`; b/t/T: index of the label (-1: end of script). */
  jump?: number
  /** Range state while running. */
  active?: boolean
  end?: number
}

export type Replacement = { lit: string } | { group: number } | { case: 'L' | 'U' | 'l' | 'u' | 'E' }

export class SedError extends Error {
  /** 1 for a bad script (EXIT_BAD_USAGE), 4 for sed's "panic" errors. */
  constructor(
    message: string,
    readonly status = 1,
  ) {
    super(message)
  }
}


export function parseScript(chunks: string[], extended: boolean): Command[] {
  const text = chunks.join('\n')
  const starts: number[] = []
  let at = 0
  for (const c of chunks) {
    starts.push(at)
    at += c.length + 1
  }
  let i = 0
  const fail = (msg: string, pos = i): never => {
    let k = starts.length - 1
    while (k > 0 && starts[k] > pos) k--
    throw new SedError(`-e expression #${k + 1}, char ${pos - starts[k]}: ${msg}`)
  }
  const peek = () => text[i]
  const skipWs = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++
  }
  const regex = (delim: string, what: string): string => {
    let s = ''
    for (;;) {
      if (i >= text.length || text[i] === '\n') fail(what)
      const c = text[i++]
      if (c === delim) return s
      if (c === '\\') {
        const n = text[i++]
        if (n === undefined) fail(what)
        if (n === delim) s += delim === '/' || !'.*[]^$\\+?(){}|'.includes(delim) ? delim : `\\${delim}`
        else if (n === 'n') s += '\\n'
        else s += `\\${n}`
        continue
      }
      if (c === '[') {
        s += c
        let j = i
        if (text[j] === '^') j++
        if (text[j] === ']') j++
        while (j < text.length && text[j] !== ']' && text[j] !== '\n') {
          if (text[j] === '[' && ':.='.includes(text[j + 1])) {
            const close = text.indexOf(text[j + 1] + ']', j + 2)
            j = close < 0 ? text.length : close + 2
          } else j++
        }
        s += text.slice(i, j + 1)
        i = j + 1
        continue
      }
      s += c
    }
  }
  const compileRe = (src: string, flags: string): RegExp | null => {
    if (src === '') return null
    const r = compile(src, { extended, ignoreCase: flags.includes('I'), multiline: flags.includes('M') })
    if ('error' in r) fail(r.error)
    return r as RegExp
  }
  const number = (): number => {
    const m = /^\d+/.exec(text.slice(i))!
    i += m[0].length
    return Number(m[0])
  }
  const address = (): Address | undefined => {
    const c = peek()
    if (c !== undefined && c >= '0' && c <= '9') {
      const n = number()
      if (peek() === '~') {
        i++
        const step = /^\d/.test(text[i] ?? '') ? number() : 0
        return { kind: 'step', first: n, step }
      }
      return n === 0 ? { kind: 'zero' } : { kind: 'line', n }
    }
    if (c === '$') {
      i++
      return { kind: 'last' }
    }
    if (c === '/' || c === '\\') {
      i++
      const delim = c === '/' ? '/' : text[i++]
      const src = regex(delim, 'unterminated address regex')
      let flags = ''
      while (peek() === 'I' || peek() === 'M') flags += text[i++]
      return { kind: 're', re: compileRe(src, flags) }
    }
    return undefined
  }
  /** Text of a/i/c: `a\` then lines ending in `\` continue, or GNU's one-line `a text`. */
  const aicText = (): string => {
    skipWs()
    if (text[i] === '\\') {
      i++
      skipWs()
      if (text[i] === '\n') i++
    } else if (i >= text.length || text[i] === '\n') fail('expected \\ after `a\', `c\' or `i\'')
    let out = ''
    while (i < text.length && text[i] !== '\n') {
      if (text[i] === '\\') {
        i++
        if (i < text.length) out += text[i++]
        continue
      }
      out += text[i++]
    }
    return out
  }
  const label = (): string => {
    skipWs()
    const m = /^[^;\n]*/.exec(text.slice(i))!
    i += m[0].length
    return m[0].trim()
  }
  const filename = (): string => {
    skipWs()
    const m = /^[^\n]*/.exec(text.slice(i))!
    i += m[0].length
    return m[0]
  }
  const endOfCommand = () => {
    skipWs()
    const c = peek()
    if (c === undefined || c === '\n' || c === ';') {
      if (c !== undefined) i++
      return
    }
    if (c === '}' || c === '#') return
    fail('extra characters after command', i + 1)
  }

  const commands: Command[] = []
  const open: number[] = []
  while (i < text.length) {
    skipWs()
    const c0 = peek()
    if (c0 === undefined) break
    if (c0 === '\n' || c0 === ';') {
      i++
      continue
    }
    const cmd: Command = { negate: false, name: '' }
    cmd.a1 = address()
    if (cmd.a1 && peek() === ',') {
      i++
      skipWs()
      const c = peek()
      if (c === '+' || c === '~') {
        i++
        if (!/^\d/.test(text[i] ?? '')) fail("unexpected `,'")
        cmd.a2 = { kind: c === '+' ? 'plus' : 'mult', n: number() }
      } else {
        const a2 = address()
        if (!a2) fail("unexpected `,'")
        cmd.a2 = a2!.kind === 'zero' ? fail('invalid usage of line address 0') : a2
      }
    }
    skipWs()
    if (peek() === '!') {
      cmd.negate = true
      i++
      skipWs()
      if (peek() === '!') fail("multiple `!'s", i + 1)
    }
    const name = text[i++]
    // GNU counts the newline or `;` that stands where the command should be, but not the end.
    if (name === undefined) fail('missing command', i - 1)
    if (name === '\n' || name === ';') fail('missing command')
    if (cmd.a1?.kind === 'zero' && !(cmd.a2?.kind === 're')) fail('invalid usage of line address 0')
    cmd.name = name
    const oneAddress = () => {
      if (cmd.a2) fail('command only uses one address')
    }
    switch (name) {
      case '{':
        open.push(commands.length)
        commands.push(cmd)
        continue
      case '}':
        if (cmd.a1) fail("} doesn't want any addresses")
        if (!open.length) fail("unexpected `}'")
        commands[open.pop()!].jump = commands.length
        commands.push(cmd)
        endOfCommand()
        continue
      case '#':
        if (cmd.a1) fail("comments don't accept any addresses")
        while (i < text.length && text[i] !== '\n') i++
        continue
      case ':': {
        if (cmd.a1) fail(': doesn\'t want any addresses')
        const l = label()
        if (!l) fail('":" lacks a label')
        cmd.text = l
        if (peek() === ';') i++
        break
      }
      case 'a':
      case 'i':
      case 'c':
        if (name !== 'c' && cmd.a2) oneAddress()
        cmd.text = aicText()
        break
      case 'b':
      case 't':
      case 'T':
        cmd.text = label()
        if (peek() === ';') i++
        break
      case 'r':
      case 'R':
      case 'w':
      case 'W':
        cmd.text = filename()
        if (!cmd.text) fail('missing filename in r/R/w/W commands')
        break
      case 'q':
      case 'Q':
      case 'l':
      case 'L': {
        if (name === 'q' || name === 'Q') oneAddress()
        skipWs()
        if (/^\d/.test(text[i] ?? '')) cmd.text = String(number())
        endOfCommand()
        break
      }
      case '=':
      case 'd':
      case 'D':
      case 'g':
      case 'G':
      case 'h':
      case 'H':
      case 'n':
      case 'N':
      case 'p':
      case 'P':
      case 'x':
      case 'z':
      case 'F':
        endOfCommand()
        break
      case 's': {
        const delim = text[i++]
        if (delim === undefined || delim === '\n' || delim === '\\') fail("unterminated `s' command")
        const src = regex(delim, "unterminated `s' command")
        let rep = ''
        for (;;) {
          if (i >= text.length) fail("unterminated `s' command")
          const c = text[i++]
          if (c === delim) break
          if (c === '\\' && i < text.length) {
            const n = text[i++]
            rep += n === delim ? (n === '&' ? '\\&' : n) : `\\${n}`
            continue
          }
          rep += c
        }
        let flags = ''
        while (i < text.length && /[gpiImMe0-9w]/.test(text[i])) {
          if (text[i] === 'w') {
            i++
            cmd.wfile = filename()
            break
          }
          flags += text[i++]
        }
        if (flags.includes('e')) fail("unknown option to `s'", i)
        cmd.global = flags.includes('g')
        cmd.print = (flags.match(/p/g) ?? []).length
        const occ = /\d+/.exec(flags)
        if (occ) {
          cmd.occurrence = Number(occ[0])
          if (cmd.occurrence === 0) fail("number option to `s' command may not be zero", i)
        }
        const reFlags = (flags.includes('i') || flags.includes('I') ? 'I' : '') + (flags.includes('m') || flags.includes('M') ? 'M' : '')
        cmd.re = compileRe(src, reFlags)
        cmd.replacement = parseReplacement(rep, cmd.re, fail)
        if (!cmd.wfile) {
          skipWs()
          const c = peek()
          if (c !== undefined && c !== '\n' && c !== ';' && c !== '}' && c !== '#') fail("unknown option to `s'", i + 1)
          if (c === ';' || c === '\n') i++
        }
        break
      }
      case 'y': {
        const delim = text[i++]
        const part = () => {
          let s = ''
          for (;;) {
            if (i >= text.length || text[i] === '\n') fail("unterminated `y' command")
            const c = text[i++]
            if (c === delim) return s
            if (c === '\\') {
              const n = text[i++]
              s += n === 'n' ? '\n' : n === '\\' ? '\\' : n === delim ? delim : `\\${n}`
            } else s += c
          }
        }
        const from = [...part()]
        const to = [...part()]
        if (from.length !== to.length) fail("strings for `y' command are different lengths")
        cmd.map = new Map(from.map((c, k) => [c, to[k]]))
        endOfCommand()
        break
      }
      default:
        fail(`unknown command: \`${name}'`)
    }
    commands.push(cmd)
  }
  if (open.length) {
    i = 0
    fail("unmatched `{'", 0)
  }
  const labels = new Map<string, number>()
  commands.forEach((c, k) => c.name === ':' && labels.set(c.text!, k))
  for (const c of commands) {
    if (c.name !== 'b' && c.name !== 't' && c.name !== 'T') continue
    if (!c.text) c.jump = commands.length
    else if (labels.has(c.text)) c.jump = labels.get(c.text)
    else throw new SedError(`can't find label for jump to \`${c.text}'`, 4)
  }
  return commands
}

function parseReplacement(rep: string, re: RegExp | null, fail: (m: string, pos?: number) => never): Replacement[] {
  const parts: Replacement[] = []
  let lit = ''
  const groups = re ? new RegExp(`${re.source}|`).exec('')!.length - 1 : 9
  for (let k = 0; k < rep.length; k++) {
    const c = rep[k]
    if (c === '&') {
      if (lit) parts.push({ lit })
      lit = ''
      parts.push({ group: 0 })
      continue
    }
    if (c !== '\\' || k + 1 >= rep.length) {
      lit += c
      continue
    }
    const n = rep[++k]
    if (n >= '0' && n <= '9') {
      if (Number(n) > groups) fail(`invalid reference \\${n} on \`s' command's RHS`)
      if (lit) parts.push({ lit })
      lit = ''
      parts.push({ group: Number(n) })
    } else if ('LUluE'.includes(n)) {
      if (lit) parts.push({ lit })
      lit = ''
      parts.push({ case: n as 'L' })
    } else lit += n === 'n' ? '\n' : n === 't' ? '\t' : n
  }
  if (lit) parts.push({ lit })
  return parts
}
