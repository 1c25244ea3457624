// Running a parsed sed script (GNU sed 4.8's execute.c, in outline): each cycle reads a line
// into the pattern space, runs the commands whose addresses select it, then prints it unless
// -n; `a`, `r` and `R` output waits until the cycle ends (or `n`/`N` reads on). The input is
// read one line ahead so that `$` is known, and streams: a line is printed before the next is
// needed. At the end of input `n` and `N` print the pattern space and quit, as GNU sed does.

import { withFlags } from '../../text/posix-regexp.ts'
import type { Proc } from '../../../sim/task.ts'
import type { Line } from '../../text/lines.ts'
import type { Address, Address2, Command, Replacement } from './parse.ts'

export interface SedIo {
  /** The next input line, or null at the end of all input. */
  next(): Proc<(Line & { file: string }) | null>
  out(text: string): void
  /** `r FILE` / `R FILE`: the whole file, or its next line (null when absent or exhausted). */
  readFile(name: string, oneLine: boolean): Proc<string | null>
  /** `w FILE` and `s///w FILE`. */
  writeFile(name: string, text: string): void
  quiet: boolean
  delim: string
  lineWrap: number
}

function applyCase(s: string, mode: string | null, once: string | null): string {
  let r = mode === 'U' ? s.toUpperCase() : mode === 'L' ? s.toLowerCase() : s
  if (once && r) r = (once === 'u' ? r[0].toUpperCase() : r[0].toLowerCase()) + r.slice(1)
  return r
}

function substitute(parts: Replacement[], m: RegExpExecArray): string {
  let out = ''
  let mode: string | null = null
  let once: string | null = null
  for (const p of parts) {
    if ('case' in p) {
      if (p.case === 'u' || p.case === 'l') once = p.case
      else mode = p.case === 'E' ? null : p.case
      continue
    }
    const s = 'lit' in p ? p.lit : (m[p.group] ?? '')
    out += applyCase(s, mode, once)
    if (s) once = null
  }
  return out
}

/** `l`: C escapes, octal for other bytes, `\` line wrapping, `$` at the end. */
function unambiguous(s: string, wrap: number): string {
  const esc: Record<string, string> = { '\\': '\\\\', '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v' }
  const units: string[] = []
  for (const ch of s) {
    if (esc[ch]) units.push(esc[ch])
    else if (ch >= ' ' && ch <= '~') units.push(ch)
    else for (const b of new TextEncoder().encode(ch)) units.push(`\\${b.toString(8).padStart(3, '0')}`)
  }
  let out = ''
  let col = 0
  for (const u of units) {
    if (wrap > 1 && col + u.length > wrap - 1) {
      out += '\\\n'
      col = 0
    }
    out += u
    col += u.length
  }
  return out + '$\n'
}

export function* runScript(cmds: Command[], io: SedIo): Proc<number> {
  let lastRe: RegExp | null = null
  const re = (r: RegExp | null | undefined): RegExp => {
    const use = r ?? lastRe
    if (!use) throw new Error('no previous regular expression')
    lastRe = use
    return use
  }
  let ahead = yield* io.next()
  let lineNo = 0
  let hold = ''
  let quitStatus: number | null = null
  let current: (Line & { file: string }) | null = null
  const readLine = function* (): Proc<boolean> {
    if (!ahead) return false
    current = ahead
    lineNo++
    ahead = yield* io.next()
    return true
  }
  const isLast = () => ahead === null
  const matches = (a: Address | Address2, ps: string): boolean => {
    switch (a.kind) {
      case 'line':
        return lineNo === a.n
      case 'last':
        return isLast()
      case 're':
        return re(a.re).test(ps)
      case 'step':
        return a.step <= 0 ? lineNo === a.first : lineNo >= a.first && (lineNo - a.first) % a.step === 0
      case 'zero':
        return false
      default:
        return false
    }
  }
  const selects = (c: Command, ps: string): boolean => {
    if (!c.a1) return true
    if (!c.a2) return matches(c.a1, ps)
    if (c.active) {
      const a2 = c.a2
      let done = false
      if (a2.kind === 'line') done = lineNo >= a2.n
      else if (a2.kind === 'plus' || a2.kind === 'mult') done = lineNo >= c.end!
      else done = matches(a2, ps)
      if (done) c.active = false
      return true
    }
    const start = c.a1.kind === 'zero' ? lineNo === 1 && false : matches(c.a1, ps)
    const zeroStart = c.a1.kind === 'zero' && lineNo === 1
    if (!start && !zeroStart) return false
    const a2 = c.a2
    if (zeroStart) {
      c.active = !matches(a2, ps)
      return true
    }
    if (a2.kind === 'line') c.active = a2.n > lineNo
    else if (a2.kind === 'plus') {
      c.end = lineNo + a2.n
      c.active = a2.n > 0
    } else if (a2.kind === 'mult') {
      c.end = a2.n <= 0 ? lineNo : Math.ceil(lineNo / a2.n) * a2.n
      c.active = c.end > lineNo
    } else c.active = !isLast()
    return true
  }

  let ps = ''
  let restartWithout = false
  while (quitStatus === null) {
    if (!restartWithout) {
      if (!(yield* readLine())) break
      ps = current!.text
    }
    restartWithout = false
    let append = ''
    let printAuto = !io.quiet
    let substituted = false
    const flushAppend = () => {
      io.out(append)
      append = ''
    }
    const endLine = () => (current!.ended || !isLast() ? io.delim : '')
    let pc = 0
    cycle: while (pc < cmds.length) {
      const c = cmds[pc]
      const hit = c.name === '}' || c.name === ':' ? true : selects(c, ps) !== c.negate
      if (!hit) {
        pc = c.name === '{' ? c.jump! + 1 : pc + 1
        continue
      }
      pc++
      switch (c.name) {
        case '{':
        case '}':
        case ':':
          break
        case '=':
          io.out(`${lineNo}\n`)
          break
        case 'a':
          append += c.text + '\n'
          break
        case 'i':
          io.out(c.text + '\n')
          break
        case 'c':
          if (!c.a2 || !c.active) io.out(c.text + '\n')
          printAuto = false
          break cycle
        case 'd':
          printAuto = false
          break cycle
        case 'D': {
          const nl = ps.indexOf('\n')
          if (nl < 0) {
            printAuto = false
            break cycle
          }
          ps = ps.slice(nl + 1)
          printAuto = false
          restartWithout = true
          break cycle
        }
        case 'g':
          ps = hold
          break
        case 'G':
          ps += '\n' + hold
          break
        case 'h':
          hold = ps
          break
        case 'H':
          hold += '\n' + ps
          break
        case 'x':
          ;[ps, hold] = [hold, ps]
          break
        case 'l':
          io.out(unambiguous(ps, c.text !== undefined ? Number(c.text) : io.lineWrap))
          break
        case 'n':
        case 'N':
          if (isLast() || c.name === 'n') {
            if (!io.quiet) io.out(ps + endLine())
            flushAppend()
          }
          if (isLast()) {
            printAuto = false
            quitStatus = 0
            break cycle
          }
          flushAppend()
          yield* readLine()
          ps = c.name === 'n' ? current!.text : `${ps}\n${current!.text}`
          break
        case 'p':
          io.out(ps + io.delim)
          break
        case 'P': {
          const nl = ps.indexOf('\n')
          io.out((nl < 0 ? ps : ps.slice(0, nl)) + io.delim)
          break
        }
        case 'q':
          quitStatus = Number(c.text ?? 0)
          break cycle
        case 'Q':
          quitStatus = Number(c.text ?? 0)
          printAuto = false
          break cycle
        case 'r': {
          const t = yield* io.readFile(c.text!, false)
          if (t !== null) append += t.endsWith('\n') || !t ? t : t + '\n'
          break
        }
        case 'R': {
          const t = yield* io.readFile(c.text!, true)
          if (t !== null) append += t + '\n'
          break
        }
        case 'w':
          io.writeFile(c.text!, ps + '\n')
          break
        case 'W': {
          const nl = ps.indexOf('\n')
          io.writeFile(c.text!, (nl < 0 ? ps : ps.slice(0, nl)) + '\n')
          break
        }
        case 'F':
          io.out(`${current!.file}\n`)
          break
        case 'z':
          ps = ''
          break
        case 'y':
          ps = [...ps].map((ch) => c.map!.get(ch) ?? ch).join('')
          break
        case 'b':
          pc = c.jump!
          break
        case 't':
          if (substituted) {
            substituted = false
            pc = c.jump!
          }
          break
        case 'T':
          if (!substituted) pc = c.jump!
          else substituted = false
          break
        case 's': {
          const base = re(c.re)
          const g = withFlags(base, base.flags.includes('g') ? base.flags : base.flags + 'g')
          let out = ''
          let pos = 0
          let count = 0
          let did = false
          let prevEnd = -1
          for (let m = g.exec(ps); m; m = g.exec(ps)) {
            // An empty match right after the previous match is no match (`s/b*/X/g` on abcbb: XaXcX).
            if (m[0] === '' && m.index === prevEnd) {
              g.lastIndex++
              continue
            }
            prevEnd = m.index + m[0].length
            count++
            const wanted = c.occurrence ? (c.global ? count >= c.occurrence : count === c.occurrence) : c.global || count === 1
            if (wanted) {
              out += ps.slice(pos, m.index) + substitute(c.replacement!, m)
              pos = m.index + m[0].length
              did = true
            }
            if (m[0] === '') g.lastIndex++
            if (!c.global && did) break
          }
          if (!did) break
          ps = out + ps.slice(pos)
          substituted = true
          for (let k = 0; k < (c.print ?? 0); k++) io.out(ps + io.delim)
          if (c.wfile) io.writeFile(c.wfile, ps + '\n')
          break
        }
      }
    }
    if (printAuto) io.out(ps + endLine())
    flushAppend()
  }
  return quitStatus ?? 0
}
