// `echo` and `printf` as bash's builtins (echo.def, printf.def): echo's -n/-e/-E and escapes with
// \c; printf's conversions d i o u x X c s b q f F e E g G a A % and %(fmt)T, flags `-+ #0`, `*`
// widths and precisions, the format reused while arguments remain, numeric arguments in C syntax
// (0x1f, 017, 'A) clamped at 64 bits with strtoimax's ERANGE warning, floats in x87 long double
// (text/float80.ts), `-v var`, and bash's "invalid number" complaint that still prints 0 and
// returns 1. Widths and precisions count bytes, as bash 5.1's do (5.2 counts characters).

import type { Proc } from '../../sim/task.ts'
import type { Io } from '../exec/io.ts'
import type { Shell } from '../interp.ts'
import { strftime } from '../text/date.ts'
import { expF80, fixedF80, generalF80, hexF80, parseF80, type F80 } from '../text/float80.ts'
import { fromBytes, toBytes } from '../text/lines.ts'

const SIMPLE_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' }

/**
 * Backslash escapes. `echo`: \0NNN octal, \c ends the output. printf's format: \NNN octal and
 * \" \'. Returns the text and whether \c was met.
 */
export function escapes(s: string, mode: 'echo' | 'format' | 'b'): { text: string; stop: boolean } {
  // \NNN and \xHH write octets, so `\xc3\xa9` is the two octets of "é": they are gathered and
  // decoded together when other text follows or the string ends.
  let text = ''
  let octets: number[] = []
  const put = (t: string) => {
    if (octets.length) text += fromBytes(Uint8Array.from(octets))
    octets = []
    text += t
  }
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '\\' || i === s.length - 1) {
      put(s[i])
      continue
    }
    const c = s[i + 1]
    if (Object.hasOwn(SIMPLE_ESCAPES, c)) {
      put(SIMPLE_ESCAPES[c])
      i++
    } else if (c === 'c' && mode !== 'format') {
      put('')
      return { text, stop: true }
    } else if ((c === '"' || c === "'") && mode === 'format') {
      put(c)
      i++
    } else if (c >= '0' && c <= '7' && (mode !== 'echo' || c === '0')) {
      // printf's format: \NNN; echo -e: \0NNN; %b: both.
      const max = mode !== 'format' && c === '0' ? 4 : 3
      const m = /^[0-7]+/.exec(s.slice(i + 1, i + 1 + max))![0]
      octets.push(parseInt(m, 8) & 255)
      i += m.length
    } else if (c === 'x' && /[0-9a-fA-F]/.test(s[i + 2] ?? '')) {
      const m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 2))![0]
      octets.push(parseInt(m, 16))
      i += 1 + m.length
    } else if ((c === 'u' || c === 'U') && /[0-9a-fA-F]/.test(s[i + 2] ?? '')) {
      const m = new RegExp(`^[0-9a-fA-F]{1,${c === 'u' ? 4 : 8}}`).exec(s.slice(i + 2))![0]
      put(String.fromCodePoint(Math.min(parseInt(m, 16), 0x10ffff)))
      i += 1 + m.length
    } else {
      put('\\' + c)
      i++
    }
  }
  put('')
  return { text, stop: false }
}

export function* echo(_sh: Shell, argv: string[], io: Io): Proc<number> {
  let newline = true
  let interpret = false
  let i = 1
  for (; i < argv.length; i++) {
    if (!/^-[neE]+$/.test(argv[i])) break
    for (const f of argv[i].slice(1)) {
      if (f === 'n') newline = false
      if (f === 'e') interpret = true
      if (f === 'E') interpret = false
    }
  }
  let text = argv.slice(i).join(' ')
  if (interpret) {
    const r = escapes(text, 'echo')
    text = r.text
    if (r.stop) newline = false
  }
  if (!io.output(1)) {
    _sh.error(io, 'echo: write error: Bad file descriptor')
    return 1
  }
  io.out(newline ? text + '\n' : text)
  return 0
}

/** bash's %q: backslashes before specials, '' for empty, $'…' when unprintable. */
export function shellQuote(s: string): string {
  if (s === '') return "''"
  if (/[\x00-\x1f\x7f]/.test(s)) {
    const body = [...s].map((ch) => {
      const code = ch.charCodeAt(0)
      const named: Record<string, string> = { '\n': '\\n', '\t': '\\t', '\r': '\\r', '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\v': '\\v', '\x1b': '\\E', "'": "\\'", '\\': '\\\\' }
      if (named[ch]) return named[ch]
      if (code < 32 || code === 127) return `\\${code.toString(8).padStart(3, '0')}`
      return ch
    })
    return `$'${body.join('')}'`
  }
  return s.replace(/[^A-Za-z0-9_./,:+@%^=-]/g, (c) => (c === '~' && s.indexOf(c) !== 0 ? c : `\\${c}`))
}

interface Spec {
  flags: string
  width: number | null
  precision: number | null
  conv: string
}

const MAX_WIDTH = 1 << 20

export function* printf(sh: Shell, argv: string[], io: Io): Proc<number> {
  let args = argv.slice(1)
  let target: string | null = null
  let ended = false
  if (args[0] === '-v') {
    target = args[1] ?? null
    if (target === null) {
      sh.error(io, 'printf: -v: option requires an argument')
      io.err('printf: usage: printf [-v var] format [arguments]\n')
      return 2
    }
    // A name or one array element (`-v a[2]`), as bash's valid_array_reference allows.
    if (!/^[A-Za-z_][A-Za-z0-9_]*(\[.+\])?$/.test(target)) {
      sh.error(io, `printf: \`${target}': not a valid identifier`)
      return 2
    }
    args = args.slice(2)
  }
  if (args[0] === '--') {
    args = args.slice(1)
    ended = true
  }
  if (!args.length) {
    io.err('printf: usage: printf [-v var] format [arguments]\n')
    return 2
  }
  if (!ended && args[0].startsWith('-') && args[0].length > 1) {
    sh.error(io, `printf: ${args[0].slice(0, 2)}: invalid option`)
    io.err('printf: usage: printf [-v var] format [arguments]\n')
    return 2
  }
  const format = args[0]
  const values = args.slice(1)
  let status = 0
  let ai = 0
  let out = ''
  const next = (): string | undefined => values[ai++]
  const erange = (v: string) => sh.error(io, `printf: warning: ${v}: Numerical result out of range`)
  /** An integer argument as strtoimax (or, `unsigned`, strtoumax) reads it, clamped where it overflows. */
  const num = (v: string | undefined, unsigned = false): bigint => {
    if (v === undefined || v === '') return 0n
    const t = v.trim()
    if (/^['"]/.test(t)) return BigInt(t.length > 1 ? t.codePointAt(1)! : 0)
    const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/.exec(t)
    if (!m || m[0].length !== t.length) {
      sh.error(io, `printf: ${v}: invalid number`)
      status = 1
      if (!m) return 0n
    }
    const body = m[2]
    const n = /^0[xX]/.test(body) ? BigInt(body) : body.length > 1 && body[0] === '0' ? BigInt(`0o${body.slice(1)}`) : BigInt(body)
    if (unsigned) {
      if (n > 2n ** 64n - 1n) {
        erange(v)
        return -1n
      }
      return BigInt.asIntN(64, m[1] === '-' ? -n : n)
    }
    const signed = m[1] === '-' ? -n : n
    if (signed > 2n ** 63n - 1n || signed < -(2n ** 63n)) {
      erange(v)
      return signed < 0n ? -(2n ** 63n) : 2n ** 63n - 1n
    }
    return signed
  }
  /** A float argument as strtold reads it (a character constant is its code). */
  const float = (v: string | undefined): F80 => {
    const t = (v ?? '').trim()
    if (/^['"]/.test(t)) return parseF80(String(t.length > 1 ? t.codePointAt(1)! : 0)).value
    if (t === '') return parseF80('0').value
    const r = parseF80(v!)
    if (r.end !== v!.length) {
      sh.error(io, `printf: ${v}: invalid number`)
      status = 1
    } else if (r.range) erange(v!)
    return r.value
  }
  /** `%(fmt)T`: an integer of seconds since the epoch, -1 now, -2 when the shell started, none now. */
  const time = (fmt: string, v: string | undefined): string => {
    const n = v === undefined ? -1n : num(v)
    const now = sh.host.wall()
    const when = n === -1n ? now : n === -2n ? now - Math.floor(sh.engine.now / 1e6) : Number(n)
    const tz = sh.session.get('TZ')
    const utc = tz !== undefined && /^:?(UTC|GMT|UCT|Etc\/UTC|Universal|Zulu)0?$/.test(tz)
    return strftime(fmt || '%X', when, utc)
  }
  let stop = false
  do {
    const consumedBefore = ai
    for (let i = 0; i < format.length && !stop; i++) {
      const c = format[i]
      if (c === '\\') {
        // A run of escapes at once, so the octets of one UTF-8 character decode together.
        let j = escapeEnd(format, i)
        while (format[j] === '\\') j = escapeEnd(format, j)
        out += escapes(format.slice(i, j), 'format').text
        i = j - 1
        continue
      }
      if (c !== '%') {
        out += c
        continue
      }
      const m = /^%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([hlLjzt]*)(\([^)]*\)T|[diouxXcsbqfFeEgGaA%])?/.exec(format.slice(i))!
      if (!m[5]) {
        // What was formatted before the bad conversion is still written.
        const bad = format[i + m[0].length]
        if (target === null) io.out(out)
        sh.error(io, bad === undefined ? `printf: \`%': missing format character` : `printf: \`${bad}': invalid format character`)
        return 1
      }
      i += m[0].length - 1
      if (m[5] === '%') {
        out += '%'
        continue
      }
      const spec: Spec = { flags: m[1], width: null, precision: null, conv: m[5] }
      if (m[2] === '*') spec.width = Number(num(next()))
      else if (m[2]) spec.width = Number(m[2])
      if (m[3] === '*') spec.precision = Number(num(next()))
      else if (m[3] !== undefined) spec.precision = Number(m[3] || 0)
      if (spec.width !== null && spec.width < 0) {
        spec.flags += '-'
        spec.width = -spec.width
      }
      if (spec.width !== null && spec.width > MAX_WIDTH) spec.width = MAX_WIDTH
      const arg = next()
      if (spec.conv.endsWith('T') && spec.conv.length > 1) {
        out += pad(cut(time(spec.conv.slice(1, -2), arg), spec.precision), spec)
        continue
      }
      switch (spec.conv) {
        case 's':
          out += pad(cut(arg ?? '', spec.precision), spec)
          break
        case 'b': {
          const r = escapes(arg ?? '', 'b')
          out += pad(cut(r.text, spec.precision), spec)
          if (r.stop) stop = true
          break
        }
        case 'q':
          out += pad(shellQuote(arg ?? ''), spec)
          break
        case 'c':
          // An empty argument's first character is its terminating NUL.
          out += pad(arg === '' ? '\0' : cut(arg ?? '', 1), spec)
          break
        case 'd':
        case 'i':
          out += integer(num(arg), spec)
          break
        case 'o':
        case 'u':
        case 'x':
        case 'X':
          out += unsigned(num(arg, true), spec)
          break
        default:
          out += floating(float(arg), spec)
      }
    }
    if (ai === consumedBefore) break
  } while (ai < values.length && !stop)
  const element = target === null ? null : /^([^[]+)\[(.+)\]$/.exec(target)
  if (element) sh.setElement(element[1], element[2], out, io)
  else if (target !== null) sh.assign(target, out, io)
  else io.out(out)
  return status
}

function escapeEnd(s: string, i: number): number {
  const c = s[i + 1]
  if (c === undefined) return i + 1
  if (c >= '0' && c <= '7') return i + 1 + /^[0-7]{1,3}/.exec(s.slice(i + 1))![0].length
  if (c === 'x' && /[0-9a-fA-F]/.test(s[i + 2] ?? '')) return i + 2 + /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 2))![0].length
  if ((c === 'u' || c === 'U') && /[0-9a-fA-F]/.test(s[i + 2] ?? '')) return i + 2 + new RegExp(`^[0-9a-fA-F]{1,${c === 'u' ? 4 : 8}}`).exec(s.slice(i + 2))![0].length
  return i + 2
}

/** The first `n` bytes of a text (a character cut in two leaves its first octets); all of it for null. */
function cut(text: string, n: number | null): string {
  if (n === null) return text
  const bytes = toBytes(text)
  return bytes.length <= n ? text : fromBytes(bytes.subarray(0, n))
}

/** Padded to the width in bytes, as bash 5.1's printf counts it. */
function pad(text: string, spec: Spec, zeroOk = false): string {
  const w = spec.width ?? 0
  const size = /^[\x00-\x7f]*$/.test(text) ? text.length : toBytes(text).length
  if (size >= w) return text
  const fill = w - size
  if (spec.flags.includes('-')) return text + ' '.repeat(fill)
  if (zeroOk && spec.flags.includes('0')) {
    const sign = /^[+\- ]|^0[xX]/.exec(text)?.[0] ?? ''
    return sign + '0'.repeat(fill) + text.slice(sign.length)
  }
  return ' '.repeat(fill) + text
}

function integer(v: bigint, spec: Spec): string {
  let digits = (v < 0n ? -v : v).toString()
  if (spec.precision !== null) digits = spec.precision === 0 && v === 0n ? '' : digits.padStart(spec.precision, '0')
  const sign = v < 0n ? '-' : spec.flags.includes('+') ? '+' : spec.flags.includes(' ') ? ' ' : ''
  return pad(sign + digits, spec, spec.precision === null)
}

function unsigned(v: bigint, spec: Spec): string {
  const u = BigInt.asUintN(64, v)
  let digits = spec.conv === 'o' ? u.toString(8) : spec.conv === 'u' ? u.toString() : u.toString(16)
  if (spec.conv === 'X') digits = digits.toUpperCase()
  if (spec.precision !== null) digits = spec.precision === 0 && u === 0n ? '' : digits.padStart(spec.precision, '0')
  if (spec.flags.includes('#') && u !== 0n) {
    if (spec.conv === 'o' && !digits.startsWith('0')) digits = '0' + digits
    if (spec.conv === 'x') digits = '0x' + digits
    if (spec.conv === 'X') digits = '0X' + digits
  }
  return pad(digits, spec, spec.precision === null)
}

/** %f %e %g %a of a long double, with glibc's signs, `#` and zero padding (none for inf and nan). */
function floating(v: F80, spec: Spec): string {
  const p = spec.precision ?? 6
  const upper = spec.conv === spec.conv.toUpperCase()
  const alt = spec.flags.includes('#')
  let body: string
  if (v.kind !== 'finite') body = upper ? v.kind.toUpperCase() : v.kind
  else if (spec.conv === 'f' || spec.conv === 'F') body = fixedF80(v, Math.min(p, MAX_WIDTH), alt)
  else if (spec.conv === 'e' || spec.conv === 'E') body = expF80(v, Math.min(p, MAX_WIDTH), alt, upper)
  else if (spec.conv === 'g' || spec.conv === 'G') body = generalF80(v, Math.min(p, MAX_WIDTH), alt, upper)
  else body = hexF80(v, spec.precision === null ? null : Math.min(p, MAX_WIDTH), alt, upper)
  const sign = v.negative ? '-' : spec.flags.includes('+') ? '+' : spec.flags.includes(' ') ? ' ' : ''
  return pad(sign + body, spec, v.kind === 'finite')
}
