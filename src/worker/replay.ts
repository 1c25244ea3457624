// Which keystrokes make up one command line, for a replay that has to leave a command out. A
// command is the chunks typed on one host from just after its previous Enter up to and including
// the chunk with its own Enter; a chunk may hold a whole pasted line or a single key.

import type { KeyEvent, TerminalSize } from './protocol.ts'

const ENTER = /[\r\n]/

/** Indices (into `keys`) of the command that chunk `at` belongs to. */
export function commandAt(keys: readonly KeyEvent[], at: number): number[] {
  const host = keys[at].host
  let start = at
  for (let i = at - 1; i >= 0; i--) {
    if (keys[i].host !== host) continue
    if (ENTER.test(keys[i].data)) break
    start = i
  }
  const indices: number[] = []
  for (let i = start; i < keys.length; i++) {
    if (keys[i].host !== host) continue
    indices.push(i)
    if (i >= at && ENTER.test(keys[i].data)) break
  }
  return indices
}

/** The command line as the learner would recognise it: what was typed, without control keys. */
export function commandText(keys: readonly KeyEvent[], indices: readonly number[]): string {
  const typed = indices.map((i) => keys[i].data).join('')
  const line = typed.split(ENTER).find((l) => l.trim()) ?? typed
  // eslint-disable-next-line no-control-regex -- stripping the terminal's control keys is the point
  return line.replace(/\x1b\[[0-9;]*[A-Za-z~]|\x1bO.|[\x00-\x1f\x7f]/g, '').trim().slice(0, 200)
}

/** A saved key event as it must look; anything else in storage is ignored. */
export function isKeyEvent(k: unknown): k is KeyEvent {
  if (typeof k !== 'object' || k === null) return false
  const e = k as Record<string, unknown>
  return typeof e.t === 'number' && Number.isFinite(e.t) && typeof e.host === 'string' && typeof e.data === 'string'
}

/** Terminals are at least 2×1 and no wider than any screen shows (xterm's own limits are looser). */
const MAX_COLS = 1000
const MAX_ROWS = 500

/** A saved terminal size as it must look: whole numbers a terminal could have. */
export function isTerminalSize(z: unknown): z is TerminalSize {
  if (typeof z !== 'object' || z === null) return false
  const e = z as Record<string, unknown>
  const whole = (n: unknown, min: number, max: number): boolean => typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max
  return whole(e.at, 0, Number.MAX_SAFE_INTEGER) && typeof e.host === 'string' && whole(e.cols, 2, MAX_COLS) && whole(e.rows, 1, MAX_ROWS)
}
