// C's printf conversions for one number or string (`%-8.3f`, `%05d`, `%x`, `%g`, `%e`, `%s`,
// `%c`), as seq -f and awk's printf use them: flags `-+ #0`, width, precision; %g chooses %e
// when the exponent is below -4 or at least the precision, then drops trailing zeros unless `#`.

export interface Directive {
  flags: string
  width?: number
  precision?: number
  conv: string
}

/** Parses `%[flags][width][.precision]conv` at the start of `s` (after the `%`). */
export function parseDirective(s: string): { d: Directive; length: number } | null {
  const m = /^([-+ #0']*)(\d*)(?:\.(\d*))?([diouxXeEfFgGcsaA])/.exec(s)
  if (!m) return null
  return { d: { flags: m[1], width: m[2] ? Number(m[2]) : undefined, precision: m[3] !== undefined ? Number(m[3] || 0) : undefined, conv: m[4] }, length: m[0].length }
}

function pad(body: string, sign: string, d: Directive, numeric: boolean): string {
  const width = d.width ?? 0
  const len = sign.length + body.length
  if (len >= width) return sign + body
  if (d.flags.includes('-')) return (sign + body).padEnd(width)
  if (numeric && d.flags.includes('0') && (d.precision === undefined || !'diouxX'.includes(d.conv))) return sign + body.padStart(width - sign.length, '0')
  return (sign + body).padStart(width)
}

function expo(x: number, prec: number, upper: boolean): string {
  let s = x.toExponential(prec)
  s = s.replace(/e([+-])(\d)$/, 'e$10$2')
  return upper ? s.toUpperCase() : s
}

function general(x: number, d: Directive): string {
  const p = d.precision === undefined ? 6 : d.precision === 0 ? 1 : d.precision
  if (x === 0) return d.flags.includes('#') ? (0).toFixed(p - 1) : '0'
  const exp = Math.floor(Math.log10(Math.abs(Number(x.toExponential(p - 1)))))
  let s = exp < -4 || exp >= p ? expo(x, p - 1, d.conv === 'G') : x.toFixed(Math.max(0, p - 1 - exp))
  if (!d.flags.includes('#')) s = s.replace(/\.?0+(?=$|[eE])/, (m) => (m.startsWith('.') || s.includes('.') ? '' : m))
  return s
}

export function formatNumber(d: Directive, value: number): string {
  const neg = value < 0 || Object.is(value, -0)
  const x = Math.abs(value)
  const sign = neg ? '-' : d.flags.includes('+') ? '+' : d.flags.includes(' ') ? ' ' : ''
  if (!Number.isFinite(x)) return pad(Number.isNaN(x) ? (d.conv === d.conv.toUpperCase() ? 'NAN' : 'nan') : d.conv === d.conv.toUpperCase() ? 'INF' : 'inf', Number.isNaN(value) ? '' : sign, { ...d, flags: d.flags.replace('0', '') }, true)
  let body: string
  switch (d.conv) {
    case 'd':
    case 'i':
    case 'u': {
      body = Math.trunc(x).toFixed(0)
      if (d.precision !== undefined) body = d.precision === 0 && body === '0' ? '' : body.padStart(d.precision, '0')
      break
    }
    case 'o':
    case 'x':
    case 'X': {
      const n = Math.trunc(value)
      const u = n < 0 ? BigInt.asUintN(64, BigInt(n)) : BigInt(n)
      body = u.toString(d.conv === 'o' ? 8 : 16)
      if (d.conv === 'X') body = body.toUpperCase()
      if (d.precision !== undefined) body = body.padStart(d.precision, '0')
      if (d.flags.includes('#') && u !== 0n) body = (d.conv === 'o' ? '0' : d.conv === 'x' ? '0x' : '0X') + body
      return pad(body, '', d, true)
    }
    case 'e':
    case 'E':
      body = expo(x, d.precision ?? 6, d.conv === 'E')
      break
    case 'f':
    case 'F':
      body = x.toFixed(d.precision ?? 6)
      if (d.flags.includes('#') && d.precision === 0) body += '.'
      break
    case 'g':
    case 'G':
      body = general(x, d)
      break
    case 'c':
      return pad(String.fromCharCode(value), '', d, false)
    default:
      return pad(String(value), '', d, false)
  }
  return pad(body, sign, d, true)
}

export function formatString(d: Directive, s: string): string {
  const body = d.precision !== undefined ? s.slice(0, d.precision) : s
  return pad(d.conv === 'c' ? body.slice(0, 1) : body, '', d, false)
}
