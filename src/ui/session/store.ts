// Where the page keeps sessions: one per lab and one per lesson, each under its own key in
// localStorage, so switching labs never touches another lab's work. What is read back is checked
// (the SavedSession schema of lesson-store.ts); a copy that is damaged, or written by another
// version of LVS Lab, is moved aside under a key of its own before anything new is written, and the
// caller is told, so nothing is ever dropped in silence. A write that does not fit (quota full, or
// storage blocked) says so and leaves the previous copy as it was.

import type { SavedSession } from '../../worker/protocol.ts'
import { isSavedSession } from './schema.ts'

/** Whose session: a lab's own, or a lesson's (which runs in that lesson's lab). */
export type Slot = { kind: 'lab' | 'lesson'; id: string }

export const LAB_SESSION_PREFIX = 'lvs-lab.lab-session.'
export const LESSON_SESSION_PREFIX = 'lvs-lab.lesson-session.'
/** Where unreadable copies are kept: the slot's key after this prefix, then `.1`, `.2` … */
export const ASIDE_PREFIX = 'lvs-lab.aside.'
/** The one session of earlier versions (whatever lab was open); read once and moved to its slot. */
export const LEGACY_SESSION_KEY = 'lvs-lab.session'
/** The session version this page writes and reads. */
export const SESSION_VERSION = 1

/** `slot` null: the single session earlier versions kept, whose lab cannot be told. */
export type StoreProblem =
  /** Not JSON, or not a session: `aside` is where the copy went (null: it could not be moved). */
  | { kind: 'damaged'; slot: Slot | null; aside: string | null }
  /** A session of a later version of LVS Lab (a newer page wrote it); kept aside, not read. */
  | { kind: 'newer'; slot: Slot | null; version: number; aside: string | null }

export type WriteResult = 'ok' | 'full'

type Backing = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

export const slotKey = (slot: Slot): string => (slot.kind === 'lab' ? LAB_SESSION_PREFIX : LESSON_SESSION_PREFIX) + slot.id

/** The slot a session belongs in: its lesson's when it has one, else its lab's. */
export const slotOf = (session: Pick<SavedSession, 'lab' | 'lesson'>): Slot => (session.lesson ? { kind: 'lesson', id: session.lesson } : { kind: 'lab', id: session.lab })

export const sameSlot = (a: Slot, b: Slot): boolean => a.kind === b.kind && a.id === b.id

/** What a stored text holds: a session, nothing, or why it cannot be read. */
export type Decoded = { session: SavedSession } | { problem: 'damaged' } | { problem: 'newer'; version: number }

export function decodeSession(raw: string): Decoded {
  let data: unknown
  try {
    data = JSON.parse(raw)
  } catch {
    return { problem: 'damaged' }
  }
  if (isSavedSession(data)) return { session: data }
  const version = typeof data === 'object' && data !== null ? (data as Record<string, unknown>).version : undefined
  if (typeof version === 'number' && Number.isInteger(version) && version > SESSION_VERSION) return { problem: 'newer', version }
  return { problem: 'damaged' }
}

export class SessionStore {
  /**
   * The text each key held when this page last read it as a session or wrote it: the check before
   * every save compares the text instead of decoding a long session again. Another tab's write
   * changes the text, which is then decoded as before.
   */
  private readonly known = new Map<string, string>()

  constructor(private readonly backing: Backing | null = globalThis.localStorage ?? null) {}

  /**
   * The slot's session, or null; a copy that cannot be read is moved aside and reported through
   * `onProblem`. If it cannot even be moved (storage full), it stays where it is and the slot is
   * left alone: `writable(slot)` is then false, so it is never overwritten.
   */
  read(slot: Slot, onProblem: (p: StoreProblem) => void): SavedSession | null {
    return this.readStored(slot, onProblem)?.session ?? null
  }

  /** As read(), with the text the session is stored as (what the worker is sent: one string, not a clone). */
  readStored(slot: Slot, onProblem: (p: StoreProblem) => void): { session: SavedSession; text: string } | null {
    const key = slotKey(slot)
    const raw = this.get(key)
    if (raw === null) return null
    const d = decodeSession(raw)
    if ('session' in d) {
      this.known.set(key, raw)
      return { session: d.session, text: raw }
    }
    const aside = this.setAside(key, raw)
    onProblem(d.problem === 'newer' ? { kind: 'newer', slot, version: d.version, aside } : { kind: 'damaged', slot, aside })
    return null
  }

  /** The slot may be written: it is empty or holds a readable session (never a damaged one). */
  writable(slot: Slot): boolean {
    const key = slotKey(slot)
    const raw = this.get(key)
    if (raw === null || raw === this.known.get(key)) return true
    const readable = 'session' in decodeSession(raw)
    if (readable) this.known.set(key, raw)
    return readable
  }

  write(slot: Slot, session: SavedSession): WriteResult {
    const key = slotKey(slot)
    try {
      const text = JSON.stringify(session)
      this.backing?.setItem(key, text)
      if (!this.backing) return 'full'
      this.known.set(key, text)
      return 'ok'
    } catch {
      return 'full'
    }
  }

  remove(slot: Slot): void {
    this.removeKey(slotKey(slot))
  }

  /**
   * Sets the slot's readable session aside (a shared link is about to take its place), so it can be
   * brought back; returns the key it went to, or null when there was none or it did not fit.
   */
  setAsideSession(slot: Slot): string | null {
    const key = slotKey(slot)
    const raw = this.get(key)
    return raw === null ? null : this.setAside(key, raw)
  }

  /** A copy set aside earlier, read back (null when it is gone or unreadable). */
  readAside(key: string): SavedSession | null {
    const raw = this.get(key)
    if (raw === null || !key.startsWith(ASIDE_PREFIX)) return null
    const d = decodeSession(raw)
    return 'session' in d ? d.session : null
  }

  removeAside(key: string): void {
    if (key.startsWith(ASIDE_PREFIX)) this.removeKey(key)
  }

  /**
   * Moves the single session of earlier versions into the slot it belongs to (if that slot is
   * still empty; otherwise aside), so work saved before per-lab sessions comes back with its lab.
   */
  migrateLegacy(onProblem: (p: StoreProblem) => void): void {
    const raw = this.get(LEGACY_SESSION_KEY)
    if (raw === null) return
    const d = decodeSession(raw)
    if ('session' in d) {
      const slot = slotOf(d.session)
      const moved = this.get(slotKey(slot)) === null ? this.write(slot, d.session) === 'ok' && this.removeKey(LEGACY_SESSION_KEY) : this.setAside(LEGACY_SESSION_KEY, raw) !== null
      if (!moved) onProblem({ kind: 'damaged', slot, aside: null })
      return
    }
    const aside = this.setAside(LEGACY_SESSION_KEY, raw)
    onProblem(d.problem === 'newer' ? { kind: 'newer', slot: null, version: d.version, aside } : { kind: 'damaged', slot: null, aside })
  }

  private removeKey(key: string): boolean {
    this.known.delete(key)
    try {
      this.backing?.removeItem(key)
      return true
    } catch {
      // Storage blocked: there is nothing stored to forget.
      return false
    }
  }

  private get(key: string): string | null {
    try {
      return this.backing?.getItem(key) ?? null
    } catch {
      return null
    }
  }

  /** Copies `raw` to the first free aside key of `key` and removes the original; null if it did not fit. */
  private setAside(key: string, raw: string): string | null {
    const base = ASIDE_PREFIX + key
    let n = 1
    while (this.get(`${base}.${n}`) !== null) n++
    const aside = `${base}.${n}`
    try {
      this.backing?.setItem(aside, raw)
      this.backing?.removeItem(key)
      this.known.delete(key)
    } catch {
      return null
    }
    return aside
  }
}
