// `read` (read.def): one line from stdin (a pipe as it arrives, a here-string, a file, the
// terminal), split on IFS into the named variables, the last taking the rest; -r keeps
// backslashes, -a fills an array, -p prompts (only when reading a terminal, as bash does), -d, -n.
// End of input gives status 1, after assigning whatever partial line there was.

import type { Proc } from '../../sim/task.ts'
import { isInput, type Io } from '../exec/io.ts'
import type { Input } from '../stream.ts'
import { Abort, type Shell } from '../interp.ts'

export function* read(sh: Shell, argv: string[], io: Io): Proc<number> {
  let raw = false
  let prompt: string | null = null
  let array: string | null = null
  /** The character ending the input; null for -N, which reads exactly nchars. */
  let delim: string | null = '\n'
  let count: number | null = null
  let fd = 0
  const names: string[] = []
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]
    if (names.length || !a.startsWith('-') || a === '-') {
      names.push(a)
      continue
    }
    if (a === '--') {
      names.push(...argv.slice(i + 1))
      break
    }
    for (let j = 1; j < a.length; j++) {
      const f = a[j]
      const needs = 'padnNtu'.includes(f)
      const value = needs ? (a.slice(j + 1) || argv[++i]) : ''
      if (needs && value === undefined) {
        sh.error(io, `read: -${f}: option requires an argument`)
        io.err('read: usage: read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt] [-t timeout] [-u fd] [name ...]\n')
        return 2
      }
      if (f === 'r') raw = true
      else if (f === 's' || f === 'e') continue
      else if (f === 'p') prompt = value
      else if (f === 'a') array = value
      else if (f === 'd') delim = value.slice(0, 1) || '\0'
      else if (f === 'n' || f === 'N') {
        if (!/^\d+$/.test(value)) {
          sh.error(io, `read: ${value}: invalid number`)
          return 1
        }
        count = Number(value)
        if (f === 'N') delim = null
      }
      else if (f === 'u') {
        if (!/^\d+$/.test(value) || !isInput(io.fds[Number(value)])) {
          sh.error(io, `read: ${value}: invalid file descriptor: Bad file descriptor`)
          return 1
        }
        fd = Number(value)
      } else if (f === 't') {
        // A timeout changes nothing here: input that will come is read as it arrives.
        if (!/^(\d+\.?\d*|\.\d+)$/.test(value)) {
          sh.error(io, `read: ${value}: invalid timeout specification`)
          return 1
        }
      } else {
        sh.error(io, `read: -${f}: invalid option`)
        io.err('read: usage: read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt] [-t timeout] [-u fd] [name ...]\n')
        return 2
      }
      if (needs) break
    }
  }
  for (const n of array ? [array] : names) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(n)) {
      sh.error(io, `read: \`${n}': not a valid identifier`)
      return 1
    }
  }
  const input = fd ? (io.fds[fd] as Input) : io.stdin
  if (prompt !== null && input === sh.terminalInput) io.err(prompt)
  let line = ''
  let eof = false
  for (;;) {
    const chunk = delim === '\n' && count === null ? yield* input.readLine() : yield* readUntil(input, delim, count === null ? Infinity : count - line.length)
    if (chunk === null) {
      eof = true
      break
    }
    let text = chunk
    if (delim === null) {
      line += text
      if (count !== null && line.length < count) eof = true
      break
    }
    const ended = text.endsWith(delim)
    if (ended) text = text.slice(0, -1)
    if (!raw && text.endsWith('\\') && ended && delim === '\n') {
      line += text.slice(0, -1)
      continue
    }
    line += text
    if (!ended && count === null) eof = true
    break
  }
  if (!raw) line = line.replace(/\\(.)/g, '$1').replace(/\\$/, '')
  const ifs = sh.session.get('IFS') ?? ' \t\n'
  if (array) {
    sh.session.vars.set(array, { array: new Map(splitIfs(line, ifs, Infinity).map((v, i) => [i, v])) })
  } else {
    // A readonly name is refused with its message and fails read (status 1); the line goes on.
    try {
      if (!names.length) sh.assign('REPLY', line, io)
      else {
        const parts = splitIfs(line, ifs, names.length)
        names.forEach((n, i) => sh.assign(n, parts[i] ?? '', io))
      }
    } catch (e) {
      if (e instanceof Abort) return 1
      throw e
    }
  }
  return eof && line === '' ? 1 : eof ? 1 : 0
}

function* readUntil(input: Input, delim: string | null, max: number): Proc<string | null> {
  let out = ''
  while (out.length < max) {
    const chunk = yield* input.read()
    if (chunk === null) return out || null
    const d = delim === null ? -1 : chunk.indexOf(delim)
    if (d >= 0 && d < max - out.length) return out + chunk.slice(0, d + 1)
    out += chunk
  }
  return out.slice(0, max)
}

/** Splits on IFS into at most `n` fields, the last keeping the rest (trailing IFS blanks trimmed). */
function splitIfs(line: string, ifs: string, n: number): string[] {
  const ws = [...ifs].filter((c) => c === ' ' || c === '\t' || c === '\n').join('')
  const isWs = (c: string) => ws.includes(c)
  const isIfs = (c: string) => ifs.includes(c)
  let i = 0
  while (i < line.length && isWs(line[i])) i++
  const out: string[] = []
  while (i < line.length) {
    if (out.length === n - 1) {
      let rest = line.slice(i)
      let end = rest.length
      while (end > 0 && isWs(rest[end - 1])) end--
      rest = rest.slice(0, end)
      if (rest.length && isIfs(rest[rest.length - 1]) && !isWs(rest[rest.length - 1]) && ![...rest.slice(0, -1)].some(isIfs)) rest = rest.slice(0, -1)
      out.push(rest)
      return out
    }
    let j = i
    while (j < line.length && !isIfs(line[j])) j++
    out.push(line.slice(i, j))
    i = j
    let sawNonWs = false
    while (i < line.length && isIfs(line[i])) {
      if (!isWs(line[i])) {
        if (sawNonWs) break
        sawNonWs = true
      }
      i++
    }
  }
  return out
}
