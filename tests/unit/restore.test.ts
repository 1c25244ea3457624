// Restoring a saved session: linear in its size (each key typed once, its output appended to one
// output event per host, so the page gets one write per terminal and not one per echoed key), at
// the terminal sizes it was typed at, up to the moment it had reached; keys and sizes for hosts the
// lab does not have are ignored, never thrown at the page.

import { describe, expect, it } from 'vitest'
import { createApi } from '../../src/worker/api.ts'
import type { KeyEvent, SavedSession, WorkerEvent } from '../../src/worker/protocol.ts'

function collect(api: ReturnType<typeof createApi>) {
  const batches: WorkerEvent[][] = []
  api.subscribe((b) => batches.push(b))
  return batches
}

const outputOf = (events: WorkerEvent[], host: string) => events.flatMap((e) => (e.type === 'output' && e.host === host ? [e.data] : [])).join('')

describe('restore', () => {
  it('replays 5,000 commands into one output event per host, the same text as typed live', { timeout: 30_000 }, () => {
    const live = createApi()
    const liveBatches = collect(live)
    live.load('nat', null)
    const start = live.current()!.engine.now
    const keys: KeyEvent[] = []
    for (let i = 0; i < 5000; i++) keys.push({ t: start + i * 10_000, host: i % 3 ? 'lvs' : 'RS1', data: `echo ${i}\r` })
    for (const k of keys) {
      live.current()!.engine.advanceTo(k.t)
      live.keys(k.host, k.data)
    }
    const saved = liveBatches.flat().filter((e) => e.type === 'saved').at(-1)
    if (saved?.type !== 'saved') throw new Error('nothing saved')
    expect(saved.session.keys).toEqual(keys)

    const restored = createApi()
    const batches = collect(restored)
    restored.load('nat', saved.session)
    expect(batches).toHaveLength(1)
    const outputs = batches[0].filter((e) => e.type === 'output')
    expect(outputs.map((e) => e.type === 'output' && e.host).sort()).toEqual(['RS1', 'RS2', 'client', 'lvs'])
    for (const host of ['lvs', 'RS1']) expect(outputOf(batches[0], host)).toBe(outputOf(liveBatches.flat(), host))
    expect(outputOf(batches[0], 'lvs')).toContain('[root@lvs ~]# echo 4999\r\n4999\r\n[root@lvs ~]# ')
    // Each command reaches the page once, as it ended (not once as it started and again as it ended).
    const marks = batches[0].flatMap((e) => (e.type === 'command' ? [e.command] : []))
    expect(marks.map((m) => [m.seq, m.host, m.line])).toEqual(keys.map((k, i) => [i + 1, k.host, `echo ${i}`]))
    expect(marks.every((m) => m.lastId !== null)).toBe(true)
  })

  it('replays letters typed one by one (with edits, a resize and another host between) to the same screens and world', () => {
    const live = createApi()
    const seen = collect(live)
    live.load('nat', null)
    const typeOn = (host: string, text: string) => {
      for (const c of text) {
        live.current()!.engine.advanceTo(live.current()!.engine.now + 150_000)
        live.keys(host, c)
      }
    }
    typeOn('lvs', 'echo helo')
    live.keys('lvs', '\x1b[D')
    typeOn('lvs', 'l')
    live.keys('lvs', '\x1b[C')
    live.resize('lvs', 50, 20)
    typeOn('lvs', ' wor')
    typeOn('client', 'touch /root/x')
    typeOn('lvs', 'ld > /root/x\x7fw.txt\r')
    typeOn('client', '\r')
    live.current()!.engine.advanceTo(live.current()!.engine.now + 1_000_000)
    live.flush()
    const session = live.session()!
    const restored = createApi()
    const again = collect(restored)
    restored.load('nat', session)
    for (const host of ['lvs', 'client']) expect(outputOf(again.flat(), host)).toBe(outputOf(seen.flat(), host))
    expect(restored.session()!.keys).toEqual(session.keys)
    expect(restored.run('lvs', 'cat /root/w.txt').stdout).toBe('hello world\n')
    expect(restored.run('client', 'ls /root/x').exitCode).toBe(0)
  })

  it('replays output at the terminal width it was typed at, and logs a drag as its last size', () => {
    const live = createApi()
    const seen = collect(live)
    live.load('nat', null)
    live.resize('lvs', 100, 30)
    live.resize('lvs', 60, 30)
    live.resize('lvs', 40, 20)
    live.keys('lvs', 'ps -ef\r')
    live.current()!.engine.advanceTo(live.current()!.engine.now + 1_000_000)
    live.resize('lvs', 132, 40)
    live.keys('lvs', 'ps -ef\r')
    live.current()!.engine.advanceTo(live.current()!.engine.now + 1_000_000)
    live.flush()
    const session = live.session()!
    expect(session.sizes).toEqual([
      { at: 0, host: 'lvs', cols: 40, rows: 20 },
      { at: 1, host: 'lvs', cols: 132, rows: 40 },
    ])
    const typed = outputOf(seen.flat(), 'lvs')
    const [narrow, wide] = typed.split('[root@lvs ~]# ps -ef\r\n').slice(1)
    expect(Math.max(...narrow.split('\r\n').map((l) => l.length))).toBeLessThanOrEqual(40)
    expect(Math.max(...wide.split('\r\n').map((l) => l.length))).toBeGreaterThan(40)

    const restored = createApi()
    const again = collect(restored)
    restored.load('nat', session)
    expect(outputOf(again.flat(), 'lvs')).toBe(typed)
    // Without the sizes the first listing would come out at 80 columns.
    const unsized = createApi()
    const plain = collect(unsized)
    unsized.load('nat', { ...session, sizes: undefined })
    expect(outputOf(plain.flat(), 'lvs')).not.toBe(typed)
  })

  it('advances to the moment the session had reached, and ignores hosts the lab does not have', () => {
    const session: SavedSession = {
      version: 1,
      lab: 'nat',
      seed: 1,
      keys: [{ t: 30_000_000, host: 'lvs', data: 'echo hi\r' }],
      sizes: [{ at: 0, host: 'dr-lvs', cols: 50, rows: 10 }, { at: 0, host: 'lvs', cols: 1, rows: 10 } as never],
      now: 42_000_000,
    }
    const api = createApi()
    api.load('nat', session)
    expect(api.current()!.engine.now).toBe(42_000_000)
    expect(api.session()!.sizes).toBeUndefined()
    // A terminal of the lab just left still sends a key and a size: nothing happens.
    expect(() => api.keys('dr-lvs', 'x')).not.toThrow()
    expect(() => api.resize('dr-lvs', 80, 24)).not.toThrow()
    expect(api.session()!.keys).toEqual(session.keys)
  })
})
