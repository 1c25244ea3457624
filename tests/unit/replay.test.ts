// A saved session that fails on replay still comes back: the failing command is left out, a
// `skipped` event names it for the banner, and the repaired session is saved at once and keeps
// being saved. A key that throws while typed live is not kept, so it can never break a replay.

import { afterEach, describe, expect, it, vi } from 'vitest'
import { Tty } from '../../src/shell/tty.ts'
import { createApi } from '../../src/worker/api.ts'
import type { KeyEvent, SavedSession, WorkerEvent } from '../../src/worker/protocol.ts'
import { commandAt, commandText } from '../../src/worker/replay.ts'

/** A key no terminal sends; the spy below makes the line editor throw on it, as a bug would. */
const BAD_KEY = '\x1b[99~'

function breakLineEditor(): void {
  const proto = Tty.prototype as unknown as { key(k: string): void }
  const key = proto.key
  vi.spyOn(proto, 'key').mockImplementation(function (this: Tty, k: string) {
    if (k === BAD_KEY) throw new TypeError('line editor bug')
    key.call(this, k)
  })
}

function collect(api: ReturnType<typeof createApi>) {
  const events: WorkerEvent[] = []
  api.subscribe((batch) => events.push(...batch))
  return {
    events,
    skipped: () => events.flatMap((e) => (e.type === 'skipped' ? [{ host: e.host, command: e.command }] : [])),
    lastSaved: () => events.filter((e) => e.type === 'saved').at(-1)?.session as SavedSession | undefined,
    output: (host: string) => events.flatMap((e) => (e.type === 'output' && e.host === host ? [e.data] : [])).join(''),
  }
}

const keys = (...chunks: [number, string, string][]): KeyEvent[] => chunks.map(([t, host, data]) => ({ t, host, data }))

describe('replay of a saved session', () => {
  afterEach(() => vi.restoreAllMocks())

  it('finds the keys of one command among other hosts', () => {
    const log = keys([0, 'lvs', 'echo '], [1, 'rs1', 'hostname\r'], [2, 'lvs', 'bad'], [3, 'lvs', '\r'], [4, 'lvs', 'ls\r'])
    expect(commandAt(log, 2)).toEqual([0, 2, 3])
    expect(commandText(log, [0, 2, 3])).toBe('echo bad')
    expect(commandAt(log, 4)).toEqual([4])
    expect(commandAt(log, 1)).toEqual([1])
  })

  it('leaves out a command that fails, says which, and saves the rest at once', () => {
    breakLineEditor()
    const api = createApi()
    const seen = collect(api)
    const session: SavedSession = {
      version: 1,
      lab: 'nat',
      seed: 1,
      keys: keys([1_000_000, 'lvs', 'echo one > /root/a\r'], [2_000_000, 'lvs', 'echo bad'], [2_100_000, 'lvs', BAD_KEY], [2_200_000, 'lvs', '\r'], [3_000_000, 'lvs', 'echo two > /root/b\r']),
    }
    api.load('nat', session)
    expect(seen.skipped()).toEqual([{ host: 'lvs', command: 'echo bad' }])
    expect(seen.lastSaved()?.keys).toEqual([session.keys[0], session.keys[4]])
    expect(api.run('lvs', 'cat /root/a /root/b').stdout).toBe('one\ntwo\n')
    expect(seen.output('lvs')).toBe('[root@lvs ~]# echo one > /root/a\r\n[root@lvs ~]# echo two > /root/b\r\n[root@lvs ~]# ')
    api.keys('lvs', 'echo three > /root/c\r')
    expect(seen.lastSaved()?.keys.map((k) => k.data)).toEqual(['echo one > /root/a\r', 'echo two > /root/b\r', 'echo three > /root/c\r'])
    // The repaired session replays without a skip.
    const again = createApi()
    const second = collect(again)
    again.load('nat', seen.lastSaved())
    expect(second.skipped()).toEqual([])
    expect(again.run('lvs', 'cat /root/a /root/b /root/c').stdout).toBe('one\ntwo\nthree\n')
  })

  it('leaves out keys for a host the lab does not have', () => {
    const api = createApi()
    const seen = collect(api)
    api.load('nat', { version: 1, lab: 'nat', seed: 1, keys: keys([0, 'ghost', 'rm -rf /\r'], [1, 'client', 'touch /root/x\r'], [2, { bad: true } as unknown as string, 'x']) })
    expect(seen.skipped()).toEqual([{ host: 'ghost', command: 'rm -rf /' }])
    expect(seen.lastSaved()?.keys).toEqual(keys([1, 'client', 'touch /root/x\r']))
    expect(api.run('client', 'ls /root/x').exitCode).toBe(0)
  })

  it('does not keep a key that throws while typed, and says so in the terminal and the trace', () => {
    breakLineEditor()
    const api = createApi()
    const seen = collect(api)
    api.load('nat')
    api.keys('lvs', 'echo a\r')
    api.keys('lvs', BAD_KEY)
    api.keys('lvs', 'echo b\r')
    expect(seen.output('lvs')).toBe('[root@lvs ~]# echo a\r\na\r\n[root@lvs ~]# \r\n-bash: internal error: TypeError: line editor bug\r\necho b\r\nb\r\n[root@lvs ~]# ')
    expect(seen.lastSaved()?.keys.map((k) => k.data)).toEqual(['echo a\r', 'echo b\r'])
    const internal = api.trace().filter((r) => r.type === 'internal')
    expect(internal.map((r) => r.type === 'internal' && r.reason.code)).toEqual(['internal.command'])
  })
})
