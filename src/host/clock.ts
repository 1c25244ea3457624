// Wall-clock time for what the hosts print (systemctl status, dnf, access_log, Last-Modified).
// Virtual time 0 is Tue 2024-06-11 10:10:14 CST (UTC+8): the date of the reference transcripts.

export const EPOCH_SECONDS = Date.UTC(2024, 5, 11, 2, 10, 14) / 1000
export const TZ_OFFSET = 8 * 3600
export const TZ_NAME = 'CST'

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

export function wallSeconds(virtualUs: number): number {
  return EPOCH_SECONDS + Math.floor(virtualUs / 1e6)
}

function parts(epoch: number, offset = TZ_OFFSET) {
  const d = new Date((epoch + offset) * 1000)
  return {
    y: d.getUTCFullYear(),
    mo: d.getUTCMonth(),
    d: d.getUTCDate(),
    h: d.getUTCHours(),
    mi: d.getUTCMinutes(),
    s: d.getUTCSeconds(),
    wd: d.getUTCDay(),
  }
}

const p2 = (n: number) => String(n).padStart(2, '0')

/** `Tue 2024-06-11 10:15:02 CST` (systemctl). */
export function systemdDate(epoch: number): string {
  const t = parts(epoch)
  return `${DAYS[t.wd]} ${t.y}-${p2(t.mo + 1)}-${p2(t.d)} ${p2(t.h)}:${p2(t.mi)}:${p2(t.s)} ${TZ_NAME}`
}

/** `Jun 11 10:15:02` (journal short format). */
export function journalDate(epoch: number): string {
  const t = parts(epoch)
  return `${MONTHS[t.mo]} ${p2(t.d)} ${p2(t.h)}:${p2(t.mi)}:${p2(t.s)}`
}

/** `Tue 11 Jun 2024 10:03:02 AM CST` (dnf's %c in en_US). */
export function dnfDate(epoch: number): string {
  const t = parts(epoch)
  const h12 = t.h % 12 === 0 ? 12 : t.h % 12
  return `${DAYS[t.wd]} ${p2(t.d)} ${MONTHS[t.mo]} ${t.y} ${p2(h12)}:${p2(t.mi)}:${p2(t.s)} ${t.h < 12 ? 'AM' : 'PM'} ${TZ_NAME}`
}

/** `Tue, 11 Jun 2024 02:15:02 GMT` (HTTP dates). */
export function httpDate(epoch: number): string {
  const t = parts(epoch, 0)
  return `${DAYS[t.wd]}, ${p2(t.d)} ${MONTHS[t.mo]} ${t.y} ${p2(t.h)}:${p2(t.mi)}:${p2(t.s)} GMT`
}

/** `[11/Jun/2024:10:15:32 +0800]` (Apache %t). */
export function apacheDate(epoch: number): string {
  const t = parts(epoch)
  return `[${p2(t.d)}/${MONTHS[t.mo]}/${t.y}:${p2(t.h)}:${p2(t.mi)}:${p2(t.s)} +0800]`
}

/** `Tue Jun 11 10:41:07 2024` (Last login, date). */
export function ctimeDate(epoch: number): string {
  const t = parts(epoch)
  return `${DAYS[t.wd]} ${MONTHS[t.mo]} ${String(t.d).padStart(2, ' ')} ${p2(t.h)}:${p2(t.mi)}:${p2(t.s)} ${t.y}`
}

/** `3s`, `1min 12s`, `2h 15min`, `4 days` as systemd prints spans. */
export function systemdSpan(seconds: number): string {
  if (seconds < 60) return `${seconds}s`
  if (seconds < 3600) {
    const m = Math.floor(seconds / 60)
    const s = seconds % 60
    return s ? `${m}min ${s}s` : `${m}min`
  }
  if (seconds < 86400) {
    const h = Math.floor(seconds / 3600)
    const m = Math.floor((seconds % 3600) / 60)
    return m ? `${h}h ${m}min` : `${h}h`
  }
  return `${Math.floor(seconds / 86400)} days`
}
