// The date strings GNU date -d and touch -d read (gnulib's parse-datetime.y, coreutils 8.32):
// items in any order — a calendar date (2024-06-11, 6/11/2024, 11 Jun 2024, Jun 11, 2024), a time
// of day (10:10[:36], 10am, 10:10pm) that a signed number right after it gives a zone offset,
// a zone (UTC, GMT, Z), a weekday (mon, next friday), and relative items (+3 days, 2 hours ago,
// next week, yesterday, tomorrow) — or `@SECONDS`.
//
// How the items combine follows parse_datetime2: the date, or today, at the time, or midnight when
// a date or weekday came without one (the current time when only relative items came); then the
// weekday moves forward to its day; then years, months and days are added on the calendar (so
// Jan 31 + 1 month is Mar 2 or 3, as mktime normalises it); then the clock items in seconds.
// The zone, when given, is the one the fields are read in. The well-known trap comes with it:
// in `10:10 +1 hour`, `+1` is the zone UTC+01 and `hour` alone is one hour.

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']
/** Seconds in each clock unit, and the calendar units as [years, months, days]. */
const CLOCK: Record<string, number> = { sec: 1, second: 1, min: 60, minute: 60, hour: 3600 }
const CALENDAR: Record<string, [number, number, number]> = { year: [1, 0, 0], month: [0, 1, 0], fortnight: [0, 0, 14], week: [0, 0, 7], day: [0, 0, 1] }
const ORDINAL: Record<string, number> = { last: -1, this: 0, next: 1, first: 1, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10, eleventh: 11, twelfth: 12 }

const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?'
const DAY = '(sun(?:day)?|mon(?:day)?|tues?(?:day)?|wed(?:nes(?:day)?)?|thu(?:rs?(?:day)?)?|fri(?:day)?|sat(?:urday)?)\\.?'
const UNIT = '(sec|second|min|minute|hour|day|week|fortnight|month|year)s?'
const ORD = '(last|this|next|first|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth)'
const END = '(?![a-z0-9])'

const ITEMS = {
  iso: new RegExp(`^(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:t(?=\\d))?`),
  us: /^(\d{1,2})\/(\d{1,2})(?:\/(\d+))?/,
  dayMonth: new RegExp(`^(\\d{1,2})(?:\\s*-\\s*|\\s+)?${MONTH}(?:(?:\\s*-\\s*|\\s+)(\\d{4})${END})?`),
  monthDay: new RegExp(`^${MONTH}\\s+(\\d{1,2})${END}(?:,?\\s+(\\d{4})${END})?`),
  time: /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(?:\s*(am|pm|a\.m\.|p\.m\.))?(?:\s*([+-])(\d{1,2})(?::?(\d{2}))?(?![\d:]))?/,
  hourMeridian: /^(\d{1,2})\s*(am|pm|a\.m\.|p\.m\.)/,
  zone: new RegExp(`^(utc|gmt|ut|z)${END}(?:\\s*([+-])(\\d{1,2})(?::?(\\d{2}))?)?`),
  weekday: new RegExp(`^(?:${ORD}\\s+)?${DAY}${END},?`),
  relative: new RegExp(`^(?:([+-]?\\s*\\d+)\\s*|${ORD}\\s+)?${UNIT}${END}(\\s+ago${END})?`),
  word: /^(yesterday|today|now|tomorrow)(?![a-z0-9])(\s+ago(?![a-z0-9]))?/,
}

interface Parsed {
  date?: [number, number, number]
  time?: [number, number, number]
  /** The zone the fields are read in, seconds east of UTC. */
  zone?: number
  weekday?: [number, number]
  rel: { y: number; m: number; d: number; s: number; seen: boolean }
}

const monthOf = (name: string) => MONTHS.indexOf(name.slice(0, 3)) + 1
const toHour = (h: number, meridian: string | undefined): number | null => {
  if (!meridian) return h <= 23 ? h : null
  if (h < 1 || h > 12) return null
  return (h % 12) + (meridian[0] === 'p' ? 12 : 0)
}
const zoneOf = (sign: string, h: string, m: string | undefined): number => (sign === '-' ? -1 : 1) * (m !== undefined ? Number(h) * 3600 + Number(m) * 60 : h.length <= 2 ? Number(h) * 3600 : 0)
/** A two-digit year as POSIX reads it: 69-99 are 19xx, 00-68 20xx. */
const fullYear = (y: string): number => (y.length <= 2 ? Number(y) + (Number(y) < 69 ? 2000 : 1900) : Number(y))

function items(input: string): Parsed | null {
  const p: Parsed = { rel: { y: 0, m: 0, d: 0, s: 0, seen: false } }
  let s = input.toLowerCase()
  const setDate = (y: number, m: number, d: number) => {
    if (p.date) return false
    p.date = [y, m, d]
    return true
  }
  while ((s = s.replace(/^[\s,]+/, ''))) {
    let m: RegExpExecArray | null
    if ((m = ITEMS.iso.exec(s))) {
      if (!setDate(Number(m[1]), Number(m[2]), Number(m[3]))) return null
    } else if ((m = ITEMS.time.exec(s))) {
      const h = toHour(Number(m[1]), m[4])
      if (p.time || h === null) return null
      p.time = [h, Number(m[2]), Number(m[3] ?? 0)]
      if (m[5]) {
        if (p.zone !== undefined) return null
        p.zone = zoneOf(m[5], m[6], m[7])
      }
    } else if ((m = ITEMS.us.exec(s))) {
      if (!setDate(m[3] === undefined ? NaN : fullYear(m[3]), Number(m[1]), Number(m[2]))) return null
    } else if ((m = ITEMS.dayMonth.exec(s))) {
      if (!setDate(m[3] === undefined ? NaN : Number(m[3]), monthOf(m[2]), Number(m[1]))) return null
    } else if ((m = ITEMS.monthDay.exec(s))) {
      if (!setDate(m[3] === undefined ? NaN : Number(m[3]), monthOf(m[1]), Number(m[2]))) return null
    } else if ((m = ITEMS.hourMeridian.exec(s))) {
      const h = toHour(Number(m[1]), m[2])
      if (p.time || h === null) return null
      p.time = [h, 0, 0]
    } else if ((m = ITEMS.zone.exec(s))) {
      if (p.zone !== undefined) return null
      p.zone = m[2] ? zoneOf(m[2], m[3], m[4]) : 0
    } else if ((m = ITEMS.weekday.exec(s))) {
      if (p.weekday) return null
      p.weekday = [m[1] ? ORDINAL[m[1]] : 0, DAYS.indexOf(m[2].slice(0, 3))]
    } else if ((m = ITEMS.relative.exec(s))) {
      let n = m[1] !== undefined ? Number(m[1].replace(/\s+/g, '')) : m[2] !== undefined ? ORDINAL[m[2]] : 1
      if (m[4]) n = -n
      const cal = CALENDAR[m[3]]
      if (cal) {
        p.rel.y += n * cal[0]
        p.rel.m += n * cal[1]
        p.rel.d += n * cal[2]
      } else p.rel.s += n * CLOCK[m[3]]
      p.rel.seen = true
    } else if ((m = ITEMS.word.exec(s))) {
      const n = m[1] === 'yesterday' ? -1 : m[1] === 'tomorrow' ? 1 : 0
      p.rel.d += m[2] ? -n : n
      p.rel.seen = true
    } else return null
    s = s.slice(m[0].length)
  }
  return p
}

/** Seconds since the epoch for a -d string, or null where GNU date says "invalid date". `offset`
 *  is the local zone's, seconds east of UTC (0 under date -u, which sets TZ=UTC0 first). */
export function parseDateString(input: string, now: number, offset: number): number | null {
  const trimmed = input.trim()
  if (/^@[+-]?\d+(?:[.,]\d+)?$/.test(trimmed)) return Math.floor(Number(trimmed.slice(1).replace(',', '.')))
  const p = items(trimmed)
  if (!p) return null
  const zone = p.zone ?? offset
  const local = new Date((now + offset) * 1000)
  let [Y, M, D] = [local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate()]
  if (p.date) {
    const [y, m, d] = p.date
    if (!Number.isNaN(y)) Y = y
    ;[M, D] = [m, d]
    const check = new Date(Date.UTC(Y, M - 1, D))
    if (M < 1 || M > 12 || check.getUTCMonth() !== M - 1 || check.getUTCDate() !== D) return null
  }
  let [h, mi, sec] = [local.getUTCHours(), local.getUTCMinutes(), local.getUTCSeconds()]
  if (p.time) {
    ;[h, mi, sec] = p.time
    if (mi > 59 || sec > 60) return null
  } else if (!(p.rel.seen && !p.date && !p.weekday)) [h, mi, sec] = [0, 0, 0]
  let day = D
  if (p.weekday && !p.date) {
    const [ordinal, wd] = p.weekday
    const today = new Date(Date.UTC(Y, M - 1, D)).getUTCDay()
    day += ((wd - today + 7) % 7) + 7 * (ordinal - (ordinal > 0 && today !== wd ? 1 : 0))
  }
  const fields = Date.UTC(Y + p.rel.y, M - 1 + p.rel.m, day + p.rel.d, h, mi, sec) / 1000
  return fields - zone + p.rel.s
}
