// The page's session store: one slot per lab and per lesson; a copy that cannot be read (damaged,
// or written by a newer version) is set aside and reported, never dropped or written over; a full
// storage says so and keeps the previous copy; the single session of earlier versions moves to its
// slot. The keeper saves per slot, at once when the page is hidden, only in the tab holding the
// slot's lease; a second tab is read-only until it takes saving over.

import { describe, expect, it, vi } from 'vitest'
import { SessionKeeper, type SessionNotice } from '../../src/ui/session/keeper.svelte.ts'
import type { Locks } from '../../src/ui/session/lease.ts'
import { LEGACY_SESSION_KEY, SessionStore, type Slot, type StoreProblem } from '../../src/ui/session/store.ts'
import { createApi } from '../../src/worker/api.ts'
import type { SavedSession } from '../../src/worker/protocol.ts'

/** localStorage with a quota in characters (keys and values), as browsers count it. */
class QuotaStorage {
  data = new Map<string, string>()
  constructor(private quota = Infinity) {}
  getItem(k: string): string | null {
    return this.data.get(k) ?? null
  }
  setItem(k: string, v: string): void {
    const used = [...this.data].reduce((n, [key, val]) => n + (key === k ? 0 : key.length + val.length), 0)
    if (used + k.length + v.length > this.quota) throw new DOMException('quota', 'QuotaExceededError')
    this.data.set(k, v)
  }
  removeItem(k: string): void {
    this.data.delete(k)
  }
}

const session = (lab: string, n: number, lesson?: string): SavedSession => ({
  version: 1,
  lab,
  seed: 1,
  keys: Array.from({ length: n }, (_, i) => ({ t: i * 1000, host: 'lvs', data: 'x' })),
  ...(lesson ? { lesson } : {}),
})
const nat: Slot = { kind: 'lab', id: 'nat' }
const dr: Slot = { kind: 'lab', id: 'dr' }

describe('session store', () => {
  it('keeps each lab in its own slot, and a lesson apart from its lab', () => {
    const storage = new QuotaStorage()
    const store = new SessionStore(storage)
    expect(store.write(nat, session('nat', 2))).toBe('ok')
    expect(store.write(dr, session('dr', 3))).toBe('ok')
    expect(store.write({ kind: 'lesson', id: 'nat' }, session('nat', 4, 'nat'))).toBe('ok')
    const none = vi.fn()
    expect(store.read(nat, none)?.keys).toHaveLength(2)
    expect(store.read(dr, none)?.keys).toHaveLength(3)
    expect(store.read({ kind: 'lesson', id: 'nat' }, none)?.keys).toHaveLength(4)
    expect(store.read({ kind: 'lab', id: 'tun' }, none)).toBeNull()
    expect(none).not.toHaveBeenCalled()
    expect([...storage.data.keys()].sort()).toEqual(['lvs-lab.lab-session.dr', 'lvs-lab.lab-session.nat', 'lvs-lab.lesson-session.nat'])
  })

  it('sets a damaged copy aside, says where, and lets the slot be written again', () => {
    const storage = new QuotaStorage()
    const store = new SessionStore(storage)
    storage.setItem('lvs-lab.lab-session.nat', '{"version":1,"lab":"nat","keys":[')
    const problems: StoreProblem[] = []
    expect(store.read(nat, (p) => problems.push(p))).toBeNull()
    expect(problems).toEqual([{ kind: 'damaged', slot: nat, aside: 'lvs-lab.aside.lvs-lab.lab-session.nat.1' }])
    expect(storage.getItem('lvs-lab.aside.lvs-lab.lab-session.nat.1')).toBe('{"version":1,"lab":"nat","keys":[')
    expect(storage.getItem('lvs-lab.lab-session.nat')).toBeNull()
    expect(store.writable(nat)).toBe(true)
    // A second damaged copy goes beside the first, not over it.
    storage.setItem('lvs-lab.lab-session.nat', '{"version":1,"lab":"nat","seed":"one","keys":[]}')
    store.read(nat, (p) => problems.push(p))
    expect(problems[1]).toEqual({ kind: 'damaged', slot: nat, aside: 'lvs-lab.aside.lvs-lab.lab-session.nat.2' })
  })

  it('sets a newer version’s copy aside with its version', () => {
    const storage = new QuotaStorage()
    const store = new SessionStore(storage)
    storage.setItem('lvs-lab.lesson-session.dr', JSON.stringify({ ...session('dr', 1, 'dr'), version: 3 }))
    const problems: StoreProblem[] = []
    expect(store.read({ kind: 'lesson', id: 'dr' }, (p) => problems.push(p))).toBeNull()
    expect(problems).toEqual([{ kind: 'newer', slot: { kind: 'lesson', id: 'dr' }, version: 3, aside: 'lvs-lab.aside.lvs-lab.lesson-session.dr.1' }])
  })

  it('leaves a damaged copy in place, and the slot unwritable, when there is no room to set it aside', () => {
    const raw = '{"version":1,"lab":"nat","keys":['
    const storage = new QuotaStorage('lvs-lab.lab-session.nat'.length + raw.length + 10)
    storage.setItem('lvs-lab.lab-session.nat', raw)
    const store = new SessionStore(storage)
    const problems: StoreProblem[] = []
    store.read(nat, (p) => problems.push(p))
    expect(problems).toEqual([{ kind: 'damaged', slot: nat, aside: null }])
    expect(storage.getItem('lvs-lab.lab-session.nat')).toBe(raw)
    expect(store.writable(nat)).toBe(false)
  })

  it('checks a slot before each save by its text: what it wrote or read is not decoded again, a copy changed since is', () => {
    const storage = new QuotaStorage()
    const store = new SessionStore(storage)
    expect(store.write(nat, session('nat', 3))).toBe('ok')
    const parse = vi.spyOn(JSON, 'parse')
    expect(store.writable(nat)).toBe(true)
    expect(store.writable(nat)).toBe(true)
    expect(parse).not.toHaveBeenCalled()
    // Another tab (or a hand in devtools) damages the copy: the text differs, so it is decoded.
    storage.setItem('lvs-lab.lab-session.nat', '{"version":1,"lab":"nat","keys":[')
    expect(store.writable(nat)).toBe(false)
    expect(parse).toHaveBeenCalledTimes(1)
    storage.setItem('lvs-lab.lab-session.nat', JSON.stringify(session('nat', 2)))
    expect(store.writable(nat)).toBe(true)
    expect(store.writable(nat)).toBe(true)
    expect(parse).toHaveBeenCalledTimes(2)
    parse.mockRestore()
  })

  it('reports a full storage and keeps the copy there was', () => {
    const storage = new QuotaStorage(400)
    const store = new SessionStore(storage)
    expect(store.write(nat, session('nat', 1))).toBe('ok')
    expect(store.write(nat, session('nat', 50))).toBe('full')
    expect(store.read(nat, () => {})?.keys).toHaveLength(1)
  })

  it('moves the single session of earlier versions to its lab, or aside when that slot is taken', () => {
    const storage = new QuotaStorage()
    storage.setItem(LEGACY_SESSION_KEY, JSON.stringify(session('dr', 2)))
    const store = new SessionStore(storage)
    store.migrateLegacy(() => {})
    expect(storage.getItem(LEGACY_SESSION_KEY)).toBeNull()
    expect(store.read(dr, () => {})?.keys).toHaveLength(2)
    storage.setItem(LEGACY_SESSION_KEY, JSON.stringify(session('dr', 5)))
    store.migrateLegacy(() => {})
    expect(store.read(dr, () => {})?.keys).toHaveLength(2)
    expect(store.readAside('lvs-lab.aside.lvs-lab.session.1')?.keys).toHaveLength(5)
    storage.setItem(LEGACY_SESSION_KEY, 'not json')
    const problems: StoreProblem[] = []
    store.migrateLegacy((p) => problems.push(p))
    expect(problems).toEqual([{ kind: 'damaged', slot: null, aside: 'lvs-lab.aside.lvs-lab.session.2' }])
  })
})

/** Web Locks as one browser's tabs share them: ifAvailable, steal (the holder's request rejects). */
function fakeLocks(): Locks {
  const held = new Map<string, { release: () => void; reject: (e: unknown) => void }>()
  return {
    request(name, options, callback) {
      return new Promise((resolve, reject) => {
        if (held.has(name) && !options.steal) return void Promise.resolve(callback(null)).then(resolve)
        const previous = held.get(name)
        if (previous) {
          held.delete(name)
          previous.reject(new DOMException('stolen', 'AbortError'))
        }
        const entry = { release: () => {}, reject }
        held.set(name, entry)
        void Promise.resolve(callback({ name })).then(() => {
          if (held.get(name) === entry) held.delete(name)
          resolve(undefined)
        })
      })
    },
  }
}

function keeper(storage: QuotaStorage, locks: Locks | null, current: SavedSession | null = null) {
  const store = new SessionStore(storage)
  return new SessionKeeper({ store, locks, current: async () => current, writeLesson: (s) => store.write({ kind: 'lesson', id: s.lesson! }, s) })
}

const kinds = (notices: SessionNotice[]) => notices.map((n) => n.kind)

describe('session keeper', () => {
  it('writes 250 ms after a change, at once when the page is hidden, and only the open slot', async () => {
    vi.useFakeTimers()
    try {
      const storage = new QuotaStorage()
      const k = keeper(storage, null)
      const listeners = new Map<string, () => void>()
      const doc = { visibilityState: 'visible' as DocumentVisibilityState, addEventListener: (type: string, f: () => void) => listeners.set(type, f) }
      k.listen({ addEventListener: (type: string, f: () => void) => listeners.set(type, f) } as unknown as Window, doc as unknown as Document)
      await k.open(nat)
      k.save(session('nat', 1))
      k.save(session('dr', 9))
      expect(storage.data.size).toBe(0)
      vi.advanceTimersByTime(250)
      expect(JSON.parse(storage.getItem('lvs-lab.lab-session.nat')!).keys).toHaveLength(1)
      expect(storage.getItem('lvs-lab.lab-session.dr')).toBeNull()
      k.save(session('nat', 2))
      doc.visibilityState = 'hidden'
      listeners.get('visibilitychange')!()
      expect(JSON.parse(storage.getItem('lvs-lab.lab-session.nat')!).keys).toHaveLength(2)
      k.save(session('nat', 3))
      listeners.get('pagehide')!()
      expect(JSON.parse(storage.getItem('lvs-lab.lab-session.nat')!).keys).toHaveLength(3)
      // Opening another lab writes what waited for the one that goes.
      k.save(session('nat', 4))
      await k.open(dr)
      expect(JSON.parse(storage.getItem('lvs-lab.lab-session.nat')!).keys).toHaveLength(4)
    } finally {
      vi.useRealTimers()
    }
  })

  it('tells a full storage, retries at the next change, and clears the notice once saved', async () => {
    const storage = new QuotaStorage(600)
    const k = keeper(storage, null)
    await k.open(nat)
    k.save(session('nat', 1))
    k.saveNow()
    k.save(session('nat', 40))
    k.saveNow()
    expect(kinds(k.notices)).toEqual(['full'])
    expect(JSON.parse(storage.getItem('lvs-lab.lab-session.nat')!).keys).toHaveLength(1)
    k.save(session('nat', 2))
    k.saveNow()
    expect(kinds(k.notices)).toEqual([])
    expect(JSON.parse(storage.getItem('lvs-lab.lab-session.nat')!).keys).toHaveLength(2)
  })

  it('a second tab of the same lab saves nothing, says so, and may take saving over', async () => {
    const storage = new QuotaStorage()
    const locks = fakeLocks()
    const first = keeper(storage, locks)
    const second = keeper(storage, locks, session('nat', 7))
    await first.open(nat)
    await second.open(nat)
    expect(first.owner).toBe(true)
    expect(second.owner).toBe(false)
    expect(kinds(second.notices)).toEqual(['readonly'])
    first.save(session('nat', 1))
    first.saveNow()
    second.save(session('nat', 5))
    second.saveNow()
    expect(JSON.parse(storage.getItem('lvs-lab.lab-session.nat')!).keys).toHaveLength(1)
    // Another lab in the second tab is its own to save.
    await second.open(dr)
    expect(second.owner).toBe(true)
    await second.open(nat)
    await second.takeOver()
    await Promise.resolve()
    expect(second.owner).toBe(true)
    expect(kinds(second.notices)).toEqual([])
    expect(JSON.parse(storage.getItem('lvs-lab.lab-session.nat')!).keys).toHaveLength(7)
    // The first tab's copy went aside, and the first tab is told it lost saving.
    expect(JSON.parse(storage.getItem('lvs-lab.aside.lvs-lab.lab-session.nat.1')!).keys).toHaveLength(1)
    expect(first.owner).toBe(false)
    expect(kinds(first.notices)).toEqual(['lost'])
    first.save(session('nat', 2))
    first.saveNow()
    expect(JSON.parse(storage.getItem('lvs-lab.lab-session.nat')!).keys).toHaveLength(7)
  })

  it('never writes over a damaged copy it could not set aside', async () => {
    const raw = '{"version":1'
    const storage = new QuotaStorage('lvs-lab.lab-session.nat'.length + raw.length + 5)
    storage.setItem('lvs-lab.lab-session.nat', raw)
    const k = keeper(storage, null)
    await k.open(nat)
    k.save(session('nat', 0))
    k.saveNow()
    expect(storage.getItem('lvs-lab.lab-session.nat')).toBe(raw)
  })

  it('brings an own session back after a shared one took its slot, setting the shared one aside', async () => {
    const storage = new QuotaStorage()
    const store = new SessionStore(storage)
    store.write(nat, session('nat', 3))
    const aside = store.setAsideSession(nat)!
    store.write(nat, session('nat', 9))
    const k = keeper(storage, null)
    await k.open(nat)
    expect(k.restoreAside(nat, aside)).toBe(true)
    expect(store.read(nat, () => {})?.keys).toHaveLength(3)
    expect(store.readAside(aside)).toBeNull()
    expect(store.readAside('lvs-lab.aside.lvs-lab.lab-session.nat.2')?.keys).toHaveLength(9)
  })

  it('rebuilds the whole session from the worker’s deltas, one key at a time', async () => {
    const storage = new QuotaStorage()
    const api = createApi({ deltas: true })
    const k = keeper(storage, null)
    const events: string[] = []
    api.subscribe((batch) => {
      for (const e of batch) {
        events.push(e.type)
        if (e.type === 'typed') k.typed(e)
        if (e.type === 'saved') k.save(e.session)
      }
    })
    api.load('nat', null)
    await k.open(nat)
    k.adopt(api.session())
    api.resize('lvs', 100, 30)
    for (const c of 'echo one\r') api.keys('lvs', c)
    // Keys the page had already when it asked for the session are not appended twice.
    k.adopt(api.session())
    api.resize('lvs', 60, 20)
    api.resize('client', 90, 20)
    api.current()!.engine.advanceTo(api.current()!.engine.now + 2_000_000)
    for (const c of 'ls\r') api.keys('client', c)
    k.saveNow()
    expect(events.filter((e) => e === 'saved')).toEqual([])
    expect(events.filter((e) => e === 'typed')).toHaveLength(12)
    const stored = JSON.parse(storage.getItem('lvs-lab.lab-session.nat')!)
    expect(stored).toEqual(JSON.parse(JSON.stringify(api.session())))
    expect(stored.sizes).toEqual([
      { at: 0, host: 'lvs', cols: 100, rows: 30 },
      { at: 9, host: 'lvs', cols: 60, rows: 20 },
      { at: 9, host: 'client', cols: 90, rows: 20 },
    ])
  })

  it('adopts a restored session as the worker’s text, parses it only when a key extends it, and saves it whole', async () => {
    const storage = new QuotaStorage()
    const api = createApi({ deltas: true })
    const k = keeper(storage, null)
    api.subscribe((batch) => {
      for (const e of batch) if (e.type === 'typed') k.typed(e)
    })
    const keys = Array.from({ length: 30 }, (_, i) => ({ t: 1_000_000 + i * 100_000, host: 'lvs', data: `echo ${i}\r` }))
    api.load('nat', JSON.stringify({ version: 1, lab: 'nat', seed: 4, keys, sizes: [{ at: 0, host: 'lvs', cols: 120, rows: 40 }] }))
    await k.open(nat)
    const parse = vi.spyOn(JSON, 'parse')
    k.adopt(api.sessionText())
    k.saveNow()
    // Nothing typed: nothing parsed, nothing written.
    expect(parse).not.toHaveBeenCalled()
    expect(storage.getItem('lvs-lab.lab-session.nat')).toBeNull()
    for (const c of 'hostname\r') api.keys('lvs', c)
    expect(parse).toHaveBeenCalledTimes(1)
    parse.mockRestore()
    k.saveNow()
    const stored = JSON.parse(storage.getItem('lvs-lab.lab-session.nat')!)
    expect(stored).toEqual(JSON.parse(api.sessionText()!))
    expect(stored.keys).toHaveLength(39)
    expect(stored.sizes).toEqual([{ at: 0, host: 'lvs', cols: 120, rows: 40 }])
    // The worker's terminal is at the session's size: the page's terminal starts there.
    expect(api.load('nat', api.sessionText()).hosts.find((h) => h.name === 'lvs')!.terminal).toEqual({ cols: 120, rows: 40 })
  })

  it('drops an adopted text of another slot when it is parsed', async () => {
    const storage = new QuotaStorage()
    const k = keeper(storage, null)
    await k.open(nat)
    k.adopt(JSON.stringify({ version: 1, lab: 'dr', seed: 1, keys: [] }))
    k.typed({ type: 'typed', from: 0, keys: [{ t: 1, host: 'lvs', data: 'x' }], sizesFrom: 0, sizes: [], now: 1 })
    k.saveNow()
    expect(storage.getItem('lvs-lab.lab-session.nat')).toBeNull()
  })
})
