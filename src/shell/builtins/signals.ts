// Signal names as bash's trap and kill read and list them (sig.c, siglist.c, trap.c): Linux's
// 31 standard signals, the real-time ones as SIGRTMIN+n / SIGRTMAX-n (32 and 33 belong to glibc
// and are not listed), and trap's pseudo-signals EXIT (0), DEBUG, ERR and RETURN, which trap -p
// lists after the real signals in that order. A name may drop `SIG` and may be in any case.

import { SIGNALS } from '../../host/procs.ts'

const RTMIN = 34
const RTMAX = 64

/** The name of signal `n` without `SIG` (`RTMIN+3`), or null for a number Linux does not name. */
export function realSignalName(n: number): string | null {
  const std = SIGNALS.find(([k]) => k === n)
  if (std) return std[1]
  if (n < RTMIN || n > RTMAX) return null
  if (n === RTMIN) return 'RTMIN'
  if (n === RTMAX) return 'RTMAX'
  // bash names the lower half from RTMIN up and the upper half from RTMAX down.
  return n - RTMIN <= (RTMAX - RTMIN) / 2 ? `RTMIN+${n - RTMIN}` : `RTMAX-${RTMAX - n}`
}

/** A signal number from a name or number as kill and trap accept it; null if none. */
export function signalByName(spec: string): number | null {
  if (/^\d+$/.test(spec)) {
    const n = Number(spec)
    return n === 0 || realSignalName(n) !== null ? n : null
  }
  const up = spec.toUpperCase().replace(/^SIG/, '')
  for (let n = 1; n <= RTMAX; n++) if (realSignalName(n) === up) return n
  return null
}

/** `kill -l` and `trap -l`: five to a line, `%2d) SIGNAME` parted by tabs. */
export function signalTable(): string {
  const entries: string[] = []
  for (let n = 1; n <= RTMAX; n++) {
    const name = realSignalName(n)
    if (name !== null) entries.push(`${String(n).padStart(2)}) SIG${name}`)
  }
  return entries.map((e, i) => e + ((i + 1) % 5 === 0 ? '\n' : '\t')).join('') + (entries.length % 5 ? '\n' : '')
}

const PSEUDO = ['DEBUG', 'ERR', 'RETURN']

/** The key a trap is stored under: `EXIT`, `DEBUG`, `ERR`, `RETURN`, or the signal's name (`INT`). */
export function trapKey(spec: string): string | null {
  const up = spec.toUpperCase().replace(/^SIG/, '')
  if (up === 'EXIT' || spec === '0') return 'EXIT'
  if (PSEUDO.includes(up)) return up
  const n = signalByName(spec)
  if (n === null) return null
  return n === 0 ? 'EXIT' : realSignalName(n)
}

/** Where trap -p lists a trap: EXIT, the signals by number, then DEBUG, ERR, RETURN. */
export function trapOrder(key: string): number {
  if (key === 'EXIT') return 0
  const pseudo = PSEUDO.indexOf(key)
  if (pseudo >= 0) return RTMAX + 1 + pseudo
  return signalByName(key) ?? RTMAX
}

/** How trap -p names a trap: `SIGINT`, but `EXIT`, `DEBUG`, `ERR`, `RETURN` bare. */
export function trapLabel(key: string): string {
  return key === 'EXIT' || PSEUDO.includes(key) ? key : `SIG${key}`
}
