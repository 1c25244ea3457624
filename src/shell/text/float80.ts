// The x87 80-bit `long double` bash's printf works in (floatmax_t: strtold in, glibc's %Lf %Le
// %Lg %La out). A finite value is m·2^e with a 64-bit significand m, its exponent from 2^-16445
// (the smallest subnormal) to below 2^16384. Reading rounds the exact decimal (or hex) value to
// the nearest such number, ties to even, as strtold does, and says when it over- or underflowed
// (ERANGE). Printing works on the exact binary value with BigInt, so `%.0f` of 2.5 is 2 and
// `%.1f` of 0.15 is 0.2 (0.15 is 0.1500000000000000000013… in this format): no JS double inside.

export interface F80 {
  negative: boolean
  kind: 'finite' | 'inf' | 'nan'
  /** The significand, below 2^64; 0 for zero. */
  m: bigint
  e: number
}

const BITS = 64
/** The exponent of the smallest subnormal (2^-16445) and of the first value past the largest. */
const MIN_E = -16445
const MAX_BINARY = 16384

const LOG10_2 = Math.log10(2)
/** Past this many decimals (or significant digits) every long double's expansion is only zeros. */
const EXACT_DIGITS = 16445
const EXACT_SIGNIFICANT = 16500 + 4940

const bitLength = (n: bigint): number => (n === 0n ? 0 : n.toString(2).length)

/** num/den rounded to the nearest integer, ties to even. */
function roundDiv(num: bigint, den: bigint): bigint {
  const q = num / den
  const r2 = (num % den) * 2n
  return r2 > den || (r2 === den && q % 2n === 1n) ? q + 1n : q
}

/** The long double nearest num/den (both positive), with ERANGE when it overflowed or is subnormal and inexact. */
function fromRational(negative: boolean, num: bigint, den: bigint): { value: F80; range: boolean } {
  // Scale so the quotient has 64 bits: num·2^s/den in [2^63, 2^64).
  let s = BITS - (bitLength(num) - bitLength(den))
  const scaled = (k: number) => (k >= 0 ? [num << BigInt(k), den] : [num, den << BigInt(-k)])
  let [n, d] = scaled(s)
  if (n / d >= 1n << 64n) [n, d] = scaled(--s)
  else if (n / d < 1n << 63n) [n, d] = scaled(++s)
  let subnormal = false
  if (-s < MIN_E) {
    s = -MIN_E
    ;[n, d] = scaled(s)
    subnormal = true
  }
  let m = roundDiv(n, d)
  let e = -s
  if (m === 1n << 64n) {
    m >>= 1n
    e++
  }
  if (e + BITS > MAX_BINARY) return { value: { negative, kind: 'inf', m: 0n, e: 0 }, range: true }
  const exact = n % d === 0n
  return { value: { negative, kind: 'finite', m, e }, range: subnormal && !exact }
}

/**
 * strtold on `text`: leading blanks, a sign, then `inf`/`infinity`/`nan`, a hex float (0x1.8p3)
 * or a decimal one (1.5e3). `end` is where the number stopped (0: no number at all).
 */
export function parseF80(text: string): { value: F80; range: boolean; end: number } {
  const zero = (negative: boolean): F80 => ({ negative, kind: 'finite', m: 0n, e: 0 })
  const lead = /^[ \t\n\v\f\r]*([+-]?)/.exec(text)!
  const negative = lead[1] === '-'
  const rest = text.slice(lead[0].length)
  const special = /^(inf(?:inity)?|nan(?:\([0-9A-Za-z_]*\))?)/i.exec(rest)
  if (special) return { value: { negative, kind: special[1][0].toLowerCase() === 'i' ? 'inf' : 'nan', m: 0n, e: 0 }, range: false, end: lead[0].length + special[0].length }
  const hex = /^0[xX](?=\.?[0-9a-fA-F])([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?\d+))?/.exec(rest)
  const dec = hex ? null : /^(?=\.?\d)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?/.exec(rest)
  const m = hex ?? dec
  if (!m) return { value: zero(false), range: false, end: 0 }
  const end = lead[0].length + m[0].length
  const digits = (m[1] + (m[2] ?? '')).replace(/^0+/, '')
  if (!digits) return { value: zero(negative), range: false, end }
  // The exponent is clamped well past where every value over- or underflows, so BigInt stays small.
  const exp = Math.max(-1e5, Math.min(1e5, Number(m[3] ?? 0)))
  if (hex) {
    const power = exp - 4 * (m[2] ?? '').length
    const mant = BigInt(`0x${digits}`)
    if (power - 4 * digits.length < MIN_E - 200) return { value: zero(negative), range: true, end }
    if (power > MAX_BINARY + 200) return { value: { negative, kind: 'inf', m: 0n, e: 0 }, range: true, end }
    const r = power >= 0 ? fromRational(negative, mant << BigInt(power), 1n) : fromRational(negative, mant, 1n << BigInt(-power))
    return { ...r, end }
  }
  const power = exp - (m[2] ?? '').length
  const mant = BigInt(digits)
  if (power + digits.length < -4960) return { value: zero(negative), range: true, end }
  if (power + digits.length > 4940) return { value: { negative, kind: 'inf', m: 0n, e: 0 }, range: true, end }
  const r = power >= 0 ? fromRational(negative, mant * 10n ** BigInt(power), 1n) : fromRational(negative, mant, 10n ** BigInt(-power))
  return { ...r, end }
}

/** round(|v|·10^k), ties to even, for a finite v. */
function scaledTo(v: F80, k: number): bigint {
  let num = v.m
  let den = 1n
  if (v.e >= 0) num <<= BigInt(v.e)
  else den <<= BigInt(-v.e)
  if (k >= 0) num *= 10n ** BigInt(k)
  else den *= 10n ** BigInt(-k)
  return roundDiv(num, den)
}

/** `%.pf`'s digits of |v|: the integer part, and p decimals after the point (`#`: a point even when p is 0). */
export function fixedF80(v: F80, p: number, point: boolean): string {
  if (p > EXACT_DIGITS) return fixedF80(v, EXACT_DIGITS, true) + '0'.repeat(p - EXACT_DIGITS)
  const digits = scaledTo(v, p).toString().padStart(p + 1, '0')
  const int = digits.slice(0, digits.length - p)
  return p > 0 || point ? `${int}.${digits.slice(digits.length - p)}` : int
}

/** The decimal exponent of |v| once rounded to p+1 significant digits, and those digits. */
function significant(v: F80, p: number): { digits: string; exp: number } {
  if (p > EXACT_SIGNIFICANT) {
    const r = significant(v, EXACT_SIGNIFICANT)
    return { digits: r.digits + '0'.repeat(p - EXACT_SIGNIFICANT), exp: r.exp }
  }
  if (v.m === 0n) return { digits: '0'.repeat(p + 1), exp: 0 }
  // log10 of the value from its bit length, then corrected: the estimate is off by at most one.
  let exp = Math.floor((bitLength(v.m) + v.e - 1) * LOG10_2)
  for (;;) {
    const d = scaledTo(v, p - exp)
    if (d >= 10n ** BigInt(p + 1)) exp++
    else if (d < 10n ** BigInt(p) && exp > -5000) exp--
    else return { digits: d.toString(), exp }
  }
}

/** `%.pe` of |v|: d.ddde±XX. */
export function expF80(v: F80, p: number, point: boolean, upper: boolean): string {
  const { digits, exp } = significant(v, p)
  const mant = p > 0 || point ? `${digits[0]}.${digits.slice(1)}` : digits[0]
  return `${mant}${upper ? 'E' : 'e'}${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`
}

/** `%.pg` of |v|: %e or %f by the exponent, trailing zeros dropped unless `#`. */
export function generalF80(v: F80, p: number, alt: boolean, upper: boolean): string {
  const P = p === 0 ? 1 : p
  const { exp } = significant(v, P - 1)
  let body = exp < -4 || exp >= P ? expF80(v, P - 1, alt, upper) : fixedF80(v, P - 1 - exp, alt)
  if (alt) return body
  const e = body.search(/[eE]/)
  const mant = e < 0 ? body : body.slice(0, e)
  return (mant.includes('.') ? mant.replace(/\.?0+$/, '') : mant) + (e < 0 ? '' : body.slice(e))
}

/**
 * `%a` of |v| as glibc prints a long double: the significand's top nibble before the point (8 to
 * f when normal: the x87 format keeps its integer bit), its other 60 bits in hex after it, and
 * the binary exponent: 1 is 0x8p-3. Without a precision, trailing zeros go; with one, the hex
 * digits round to it, ties to even.
 */
export function hexF80(v: F80, p: number | null, point: boolean, upper: boolean): string {
  let lead = v.m >> 60n
  let frac = v.m & ((1n << 60n) - 1n)
  let exp = v.m === 0n ? 0 : v.e + 60
  let hex: string
  if (p === null) hex = frac.toString(16).padStart(15, '0').replace(/0+$/, '')
  else {
    if (p < 15) {
      frac = roundDiv(frac, 1n << BigInt(4 * (15 - p)))
      if (frac >> BigInt(4 * p) > 0n) {
        frac = 0n
        lead++
      }
    } else frac <<= BigInt(4 * (p - 15))
    hex = p === 0 ? '' : frac.toString(16).padStart(p, '0')
  }
  if (lead === 16n) {
    lead = 1n
    exp += 4
  }
  const text = `0x${lead.toString(16)}${hex || point ? '.' : ''}${hex}p${exp < 0 ? '-' : '+'}${Math.abs(exp)}`
  return upper ? text.toUpperCase() : text
}
