// Which keystrokes make up one command line, for a replay that has to leave a command out. A
// command is the chunks typed on one host from just after its previous Enter up to and including
// the chunk with its own Enter; a chunk may hold a whole pasted line or a single key.

import type { KeyEvent } from './protocol.ts'

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
