// Keeps the open world's session in storage: the lab's own slot, or the open lesson's. The worker
// sends the whole session once (`saved`, or asked for after a load) and then only what each key
// adds (`typed`), which is appended here, so typing costs the same at any session length. Writes are
// gathered for 250 ms after a change and made at once when the page is hidden or left (pagehide,
// visibilitychange), or before another world opens. Only the tab holding the slot's lease writes;
// a second tab of the same lab is told it is read-only and may take saving over. Everything that
// keeps a session from being saved or read (storage full, a damaged or newer copy, another tab)
// becomes a notice the page shows.

import type { SavedSession, WorkerEvent } from '../../worker/protocol.ts'
import { Lease, type Locks } from './lease.ts'
import { sameSlot, slotKey, slotOf, type SessionStore, type Slot, type StoreProblem, type WriteResult } from './store.ts'

export type SessionNotice =
  | { kind: 'problem'; problem: StoreProblem }
  /** The last save did not fit in storage; saving is tried again at every change. */
  | { kind: 'full'; slot: Slot }
  /** Another tab of this page holds the slot: this tab shows the world but does not save it. */
  | { kind: 'readonly'; slot: Slot }
  /** Another tab took saving over while this one had it. */
  | { kind: 'lost'; slot: Slot }
  /** A shared link's session replaced the slot's own, which was set aside under `aside`. */
  | { kind: 'shared'; slot: Slot; aside: string | null }
  /** A shared link could not be opened: `reason` is a link.ts problem. */
  | { kind: 'link'; reason: 'damaged' | 'newer' | 'large'; detail: string }
  /** The address asked for a lab there is not (?lab=ID). */
  | { kind: 'missingLab'; id: string }
  /** A demo of the slot's session replays it afresh; the stored copy was set aside under `aside`. */
  | { kind: 'demo'; slot: Slot; aside: string | null }

const SAVE_DELAY_MS = 250

export interface KeeperOptions {
  store: SessionStore
  locks: Locks | null
  /** The session as it is now in the worker (what taking over saves at once). */
  current(): Promise<SavedSession | null>
  /** Writes a lesson's session (the lesson panel keeps it with its lesson's record). */
  writeLesson(session: SavedSession): WriteResult
}

export class SessionKeeper {
  notices = $state.raw<SessionNotice[]>([])
  /** This tab saves the open slot (false while another tab holds its lease). */
  owner = $state(true)
  slot = $state.raw<Slot | null>(null)
  private pending: SavedSession | null = null
  /** The open world's whole session, which `typed` events extend. */
  private base: SavedSession | null = null
  /** The same as the worker sent it after a load, parsed only when a key first extends it. */
  private baseText: string | null = null
  private timer: ReturnType<typeof setTimeout> | null = null
  /** The lease of the open slot has been answered (until then saves wait). */
  private settled = true
  private opening: Promise<void> = Promise.resolve()
  private readonly lease: Lease

  constructor(private readonly options: KeeperOptions) {
    this.lease = new Lease(options.locks, (key) => {
      if (!this.slot || slotKey(this.slot) !== key) return
      this.owner = false
      this.pending = null
      this.notify({ kind: 'lost', slot: this.slot })
    })
  }

  /** Saves at once when the page goes out of sight or away (a closed tab has no 250 ms to wait). */
  listen(target: Pick<Window, 'addEventListener'>, doc: Pick<Document, 'addEventListener' | 'visibilityState'>): void {
    target.addEventListener('pagehide', () => this.saveNow())
    doc.addEventListener('visibilitychange', () => doc.visibilityState === 'hidden' && this.saveNow())
  }

  /** A world opens in `slot`: what waits to be saved of the old one is written first. */
  open(slot: Slot): Promise<void> {
    this.saveNow()
    this.slot = slot
    this.pending = null
    this.base = null
    this.baseText = null
    // Not the owner until the lease says so: nothing is written, or forgotten, before.
    this.owner = false
    this.settled = false
    // What was said of the world before stays; what was said of its saving goes with it.
    this.notices = this.notices.filter((n) => n.kind !== 'readonly' && n.kind !== 'lost' && n.kind !== 'full')
    return (this.opening = this.lease.acquire(slotKey(slot)).then((held) => {
      if (!this.slot || !sameSlot(this.slot, slot)) return
      this.settled = true
      this.owner = held
      if (held) this.saveNow()
      else this.notify({ kind: 'readonly', slot })
    }))
  }

  /**
   * The whole session of the world open now (asked for after it opened): `typed` events extend it.
   * As text (what the worker sends), it is parsed when a key first extends it: a restored session
   * of thousands of commands costs nothing more while nothing is typed.
   */
  adopt(session: SavedSession | string | null): void {
    if (typeof session === 'string') {
      if (!this.base) this.baseText = session
      else this.adopt(JSON.parse(session) as SavedSession)
      return
    }
    if (!session || !this.slot || !sameSlot(slotOf(session), this.slot)) return
    if (!this.base || session.keys.length >= this.base.keys.length) this.base = session
  }

  /** The adopted session, its text parsed now if that is all there is. */
  private whole(): SavedSession | null {
    const text = this.baseText
    if (text !== null) {
      this.baseText = null
      this.adopt(JSON.parse(text) as SavedSession)
    }
    return this.base
  }

  /** The worker saved the session (`saved` event); it is written shortly. */
  save(session: SavedSession): void {
    if (!this.slot || !sameSlot(slotOf(session), this.slot)) return
    this.base = session
    this.baseText = null
    this.pending = session
    this.timer ??= setTimeout(() => this.saveNow(), SAVE_DELAY_MS)
  }

  /**
   * Keys were typed (`typed` event): appended to the session, skipping those it already has (it
   * may have been asked for after they were typed). A gap means keys went missing: the whole
   * session is asked for again.
   */
  typed(e: Extract<WorkerEvent, { type: 'typed' }>): void {
    const base = this.whole()
    if (!base) return
    if (e.from > base.keys.length) {
      this.base = null
      void this.options.current().then((s) => (this.adopt(s), s && this.save(s)))
      return
    }
    for (let i = base.keys.length - e.from; i < e.keys.length; i++) base.keys.push(e.keys[i])
    const sizes = (base.sizes ?? []).slice(0, e.sizesFrom).concat(e.sizes)
    if (sizes.length) base.sizes = sizes
    base.now = e.now
    this.save(base)
  }

  saveNow(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    const session = this.pending
    const slot = this.slot
    if (!session || !slot || !this.settled || !this.owner) return
    // A copy that could not be read or moved aside is never written over.
    if (!this.options.store.writable(slot)) return
    const result = slot.kind === 'lesson' ? this.options.writeLesson(session) : this.options.store.write(slot, session)
    if (result === 'full') {
      if (!this.notices.some((n) => n.kind === 'full')) this.notify({ kind: 'full', slot })
      return
    }
    this.pending = null
    if (this.notices.some((n) => n.kind === 'full')) this.notices = this.notices.filter((n) => n.kind !== 'full')
  }

  /** The open lab starts again (Restart): its stored session is forgotten, if this tab saves it. */
  async forget(): Promise<void> {
    const slot = this.slot
    await this.opening
    if (slot && this.slot === slot && this.owner && slot.kind === 'lab' && !this.pending) this.options.store.remove(slot)
  }

  /** This tab takes saving over: the copy the other tab saved is set aside, this one written. */
  async takeOver(): Promise<void> {
    const slot = this.slot
    if (!slot) return
    const held = await this.lease.acquire(slotKey(slot), true)
    if (!this.slot || !sameSlot(this.slot, slot) || !held) return
    this.owner = true
    this.settled = true
    this.notices = this.notices.filter((n) => n.kind !== 'readonly' && n.kind !== 'lost')
    this.options.store.setAsideSession(slot)
    const session = await this.options.current()
    if (session && sameSlot(slotOf(session), slot)) {
      this.pending = session
      this.saveNow()
    }
  }

  /**
   * Sets the slot's stored session aside before a demo replays it into a fresh world (the replay
   * saves as it types, and a take-over goes on from wherever it stopped): nothing is written over.
   */
  setAside(slot: Slot): string | null {
    this.saveNow()
    this.pending = null
    return this.options.store.setAsideSession(slot)
  }

  /**
   * Puts the copy set aside under `aside` back in its slot (the shared session in the slot goes
   * aside in turn, so neither is lost); the caller then reopens the slot. False if it is gone.
   */
  restoreAside(slot: Slot, aside: string): boolean {
    this.saveNow()
    this.pending = null
    const mine = this.options.store.readAside(aside)
    if (!mine) return false
    this.options.store.setAsideSession(slot)
    if (this.options.store.write(slot, mine) !== 'ok') return false
    this.options.store.removeAside(aside)
    return true
  }

  notify(notice: SessionNotice): void {
    this.notices = [...this.notices, notice]
  }

  dismiss(notice: SessionNotice): void {
    this.notices = this.notices.filter((n) => n !== notice)
  }
}
