// Dates as GNU date and touch read and print them, in the lab's time zone (Asia/Shanghai, CST,
// +08:00, no daylight saving) and the en_US.UTF-8 locale: `strftime` with GNU's flags (`-` no
// padding, `_` spaces, `0` zeros, `^` upper case, a width), and `parseDate` for -d strings
// (parse-date.ts reads them).

import { parseDateString } from './parse-date.ts'

export const TZ_OFFSET = 8 * 3600
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

interface Parts {
  Y: number
  m: number
  d: number
  H: number
  M: number
  S: number
  wday: number
  yday: number
}

function parts(epoch: number, utc: boolean): Parts {
  const t = new Date((epoch + (utc ? 0 : TZ_OFFSET)) * 1000)
  const start = Date.UTC(t.getUTCFullYear(), 0, 1)
  return { Y: t.getUTCFullYear(), m: t.getUTCMonth(), d: t.getUTCDate(), H: t.getUTCHours(), M: t.getUTCMinutes(), S: t.getUTCSeconds(), wday: t.getUTCDay(), yday: Math.floor((t.getTime() - start) / 86400000) }
}

/** ISO 8601 week number and its year. */
function isoWeek(p: Parts): [number, number] {
  const wd = (p.wday + 6) % 7
  const thursday = Date.UTC(p.Y, p.m, p.d) + (3 - wd) * 86400000
  const y = new Date(thursday).getUTCFullYear()
  return [Math.floor((thursday - Date.UTC(y, 0, 1)) / 86400000 / 7) + 1, y]
}

export function strftime(fmt: string, epoch: number, utc = false): string {
  const p = parts(epoch, utc)
  const zone = utc ? 'UTC' : 'CST'
  const offset = utc ? '+0000' : '+0800'
  let out = ''
  for (let i = 0; i < fmt.length; i++) {
    if (fmt[i] !== '%' || i + 1 >= fmt.length) {
      out += fmt[i]
      continue
    }
    const m = /^([-_0^#]*)(\d*)(:{0,3})([a-zA-Z%+])/.exec(fmt.slice(i + 1))
    if (!m) {
      out += '%'
      continue
    }
    i += m[0].length
    const [, flags, width, colons, conv] = m
    const num = (n: number, w: number, padChar = '0') => {
      const pad = flags.includes('-') ? '' : flags.includes('_') ? ' ' : flags.includes('0') ? '0' : padChar
      const s = String(n)
      const wd = width ? Number(width) : w
      return pad ? s.padStart(wd, pad) : s
    }
    // `#` swaps case where it can: names go upper case, AM/PM and the zone lower case (glibc).
    const text = (s: string, swapDown = false) => {
      let r = flags.includes('^') ? s.toUpperCase() : flags.includes('#') ? (swapDown ? s.toLowerCase() : s.toUpperCase()) : s
      if (width) r = r.padStart(Number(width), flags.includes('0') ? '0' : ' ')
      return r
    }
    const h12 = p.H % 12 || 12
    const [week, weekYear] = isoWeek(p)
    switch (conv) {
      case 'a': out += text(DAYS[p.wday].slice(0, 3)); break
      case 'A': out += text(DAYS[p.wday]); break
      case 'b': case 'h': out += text(MONTHS[p.m].slice(0, 3)); break
      case 'B': out += text(MONTHS[p.m]); break
      case 'c': out += text(strftime('%a %d %b %Y %r %Z', epoch, utc)); break
      case 'C': out += num(Math.floor(p.Y / 100), 2); break
      case 'd': out += num(p.d, 2); break
      case 'D': out += text(strftime('%m/%d/%y', epoch, utc)); break
      case 'e': out += num(p.d, 2, ' '); break
      case 'F': out += text(strftime('%Y-%m-%d', epoch, utc)); break
      case 'g': out += num(weekYear % 100, 2); break
      case 'G': out += num(weekYear, 4); break
      case 'H': out += num(p.H, 2); break
      case 'I': out += num(h12, 2); break
      case 'j': out += num(p.yday + 1, 3); break
      case 'k': out += num(p.H, 2, ' '); break
      case 'l': out += num(h12, 2, ' '); break
      case 'm': out += num(p.m + 1, 2); break
      case 'M': out += num(p.M, 2); break
      case 'n': out += '\n'; break
      case 'N': out += num(0, 9); break
      case 'p': out += text(p.H < 12 ? 'AM' : 'PM', true); break
      case 'P': out += text(p.H < 12 ? 'am' : 'pm'); break
      case 'r': out += text(strftime('%I:%M:%S %p', epoch, utc)); break
      case 'R': out += text(strftime('%H:%M', epoch, utc)); break
      case 's': out += num(epoch, 1); break
      case 'S': out += num(p.S, 2); break
      case 't': out += '\t'; break
      case 'T': out += text(strftime('%H:%M:%S', epoch, utc)); break
      case 'u': out += num(p.wday || 7, 1); break
      case 'U': out += num(Math.floor((p.yday + 7 - p.wday) / 7), 2); break
      case 'V': out += num(week, 2); break
      case 'w': out += num(p.wday, 1); break
      case 'W': out += num(Math.floor((p.yday + 7 - ((p.wday + 6) % 7)) / 7), 2); break
      case 'x': out += text(strftime('%m/%d/%Y', epoch, utc)); break
      case 'X': out += text(strftime('%r', epoch, utc)); break
      case 'y': out += num(p.Y % 100, 2); break
      case 'Y': out += num(p.Y, 4); break
      case 'z': out += colons === ':' ? `${offset.slice(0, 3)}:${offset.slice(3)}` : colons === '::' ? `${offset.slice(0, 3)}:${offset.slice(3)}:00` : offset; break
      case 'Z': out += text(zone, true); break
      case '%': out += '%'; break
      case '+': out += text(strftime('%a %b %e %H:%M:%S %Z %Y', epoch, utc)); break
      default: out += `%${m[0]}`
    }
  }
  return out
}

/** Seconds since the epoch for a -d string, or null when GNU date would say "invalid date". */
export function parseDate(input: string, now: number, utc = false): number | null {
  // date -u reads the string in UTC too (it sets TZ=UTC0 before parsing).
  return parseDateString(input, now, utc ? 0 : TZ_OFFSET)
}
