/// <reference types="svelte" />
// Presenter mode and the keyboard aids, without a browser: the panes side by side, the settings
// kept in storage, the shortcuts and where they must not fire, the way out of a terminal, the
// on-screen keys' bytes, and the live region's rate-limited summary.

import { describe, expect, it } from 'vitest'
import type { ReelItem, TraceRecord } from '../../src/worker/protocol.ts'
import { arrangePanes, choosePane, type PaneHost } from '../../src/ui/present/panes.ts'
import { commandCues, playKeys, sessionCommands, typedLine } from '../../src/ui/demo/session-reel.ts'
import { NORMAL_FONT, PRESENT_FONT, Presenter } from '../../src/ui/present/presenter.svelte.ts'
import { shortcutFor, type FocusKind } from '../../src/ui/present/shortcuts.ts'
import { keySequence, TerminalEscape, type KeyLike } from '../../src/ui/terminal/keys.ts'
import { Announcer, summarise } from '../../src/ui/a11y/summary.ts'
import { CATALOGUE, type MessageKey } from '../../src/ui/i18n/messages.ts'
import { playReel, readingMs } from '../../src/ui/demo/play.ts'

const DR: PaneHost[] = [
  { name: 'client', role: 'client' },
  { name: 'luyou', role: 'router' },
  { name: 'dr-lvs', role: 'director' },
  { name: 'RS1', role: 'real-server' },
  { name: 'RS2', role: 'real-server' },
]

describe('terminal panes', () => {
  it('one pane shows the host in front', () => {
    expect(arrangePanes([], DR, 1, 'dr-lvs', 0)).toEqual({ hosts: ['dr-lvs'], active: 0 })
    expect(arrangePanes(['dr-lvs'], DR, 1, 'RS1', 0)).toEqual({ hosts: ['RS1'], active: 0 })
  })

  it('more panes fill with the client, then the director, then the real servers', () => {
    expect(arrangePanes([], DR, 2, 'dr-lvs', 0)).toEqual({ hosts: ['dr-lvs', 'client'], active: 0 })
    expect(arrangePanes([], DR, 3, 'client', 0)).toEqual({ hosts: ['client', 'dr-lvs', 'RS1'], active: 0 })
    expect(arrangePanes([], DR, 9, 'client', 0).hosts).toEqual(['client', 'dr-lvs', 'RS1', 'RS2', 'luyou'])
  })

  it('a host in a pane stays where it is; a new one takes the pane used last', () => {
    expect(arrangePanes(['dr-lvs', 'client'], DR, 2, 'client', 0)).toEqual({ hosts: ['dr-lvs', 'client'], active: 1 })
    expect(arrangePanes(['dr-lvs', 'client'], DR, 2, 'RS2', 1)).toEqual({ hosts: ['dr-lvs', 'RS2'], active: 1 })
    expect(arrangePanes(['dr-lvs', 'client'], DR, 2, 'RS2', 0)).toEqual({ hosts: ['RS2', 'client'], active: 0 })
  })

  it('hosts of another lab, duplicates and surplus panes are dropped', () => {
    expect(arrangePanes(['lvs', 'client', 'client', 'RS1'], DR, 2, 'client', 0)).toEqual({ hosts: ['client', 'RS1'], active: 0 })
    expect(arrangePanes(['client', 'RS1', 'RS2'], DR, 1, 'RS2', 0)).toEqual({ hosts: ['RS2'], active: 0 })
  })

  it('choosing a host shown in another pane swaps the two', () => {
    expect(choosePane(['dr-lvs', 'client'], 1, 'dr-lvs')).toEqual(['client', 'dr-lvs'])
    expect(choosePane(['dr-lvs', 'client'], 1, 'RS1')).toEqual(['dr-lvs', 'RS1'])
  })
})

function memory(init: Record<string, string> = {}): Storage & { data: Record<string, string> } {
  const data = { ...init }
  return { data, getItem: (k: string) => data[k] ?? null, setItem: (k: string, v: string) => void (data[k] = v), removeItem: (k: string) => void delete data[k], clear: () => {}, key: () => null, length: 0 }
}

describe('presenter settings', () => {
  it('?present=1 turns the mode on; the type is twice the normal size or more', () => {
    const off = new Presenter(memory(), '')
    expect(off.on).toBe(false)
    expect(off.fontSize).toBe(NORMAL_FONT)
    const on = new Presenter(memory(), '?lab=dr&present=1')
    expect(on.on).toBe(true)
    expect(on.fontSize).toBe(PRESENT_FONT.initial)
    expect(PRESENT_FONT.min).toBeGreaterThanOrEqual(2 * NORMAL_FONT)
  })

  it('the size and the switches are kept, and clamped', () => {
    const store = memory()
    const p = new Presenter(store, '?present=1')
    p.bigger()
    p.bigger()
    p.set('freeze', true)
    p.set('contrast', false)
    p.setPanes(3)
    const again = new Presenter(store, '')
    expect([again.font, again.freeze, again.contrast, again.panes]).toEqual([PRESENT_FONT.initial + 2 * PRESENT_FONT.step, true, false, 3])
    for (let i = 0; i < 20; i++) again.bigger()
    expect(again.font).toBe(PRESENT_FONT.max)
    for (let i = 0; i < 20; i++) again.smaller()
    expect(again.font).toBe(PRESENT_FONT.min)
    again.setPanes(0)
    expect(again.panes).toBe(1)
  })

  it('damaged storage gives the defaults', () => {
    for (const raw of ['{', '[]', 'null', '{"font":"big","panes":99,"contrast":"yes"}', '{"font":1e9}']) {
      const p = new Presenter(memory({ 'lvs-lab.present': raw }), '?present=1')
      expect(p.font).toBe(raw === '{"font":1e9}' ? PRESENT_FONT.max : PRESENT_FONT.initial)
      expect([p.panes, p.contrast]).toEqual([2, true])
    }
  })
})

const key = (k: string, mods: Partial<Record<'ctrlKey' | 'altKey' | 'metaKey', boolean>> = {}) => ({ key: k, ctrlKey: false, altKey: false, metaKey: false, ...mods })

describe('shortcuts', () => {
  it('map keys to actions where nothing else wants them', () => {
    const none: FocusKind = 'none'
    expect([' ', 'ArrowLeft', 'ArrowRight', 'f', 'F', '?', '+', '-', 'x'].map((k) => shortcutFor(key(k), none))).toEqual(['playPause', 'back', 'forward', 'present', 'present', 'help', 'bigger', 'smaller', null])
  })

  it('never fire in a terminal or a text field, or with a modifier', () => {
    for (const focus of ['terminal', 'text'] as const) for (const k of [' ', 'ArrowLeft', 'f', '?']) expect(shortcutFor(key(k), focus)).toBeNull()
    expect(shortcutFor(key('f', { ctrlKey: true }), 'none')).toBeNull()
    expect(shortcutFor(key(' ', { altKey: true }), 'none')).toBeNull()
  })

  it('leave Space and the arrows to a focused control, but F and ? still work there', () => {
    expect(shortcutFor(key(' '), 'control')).toBeNull()
    expect(shortcutFor(key('ArrowRight'), 'control')).toBeNull()
    expect(shortcutFor(key('F'), 'control')).toBe('present')
    expect(shortcutFor(key('?'), 'control')).toBe('help')
  })
})

const down = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({ type: 'keydown', key: k, ...mods })

describe('the way out of a terminal', () => {
  it('Esc then Tab leaves it; the Esc still reaches the shell', () => {
    const e = new TerminalEscape()
    expect(e.handle(down('Escape'))).toBe(true)
    expect(e.handle({ type: 'keyup', key: 'Escape' })).toBe(true)
    expect(e.handle(down('Tab'))).toBe(false)
    // Once out, the next Tab in the terminal completes again.
    expect(e.handle(down('Tab'))).toBe(true)
  })

  it('Esc then Shift+Tab leaves it too: the Shift on its own keeps the way open', () => {
    const e = new TerminalEscape()
    e.handle(down('Escape'))
    expect(e.handle(down('Shift', { shiftKey: true }))).toBe(true)
    expect(e.handle(down('Tab', { shiftKey: true }))).toBe(false)
  })

  it('any other key after Esc (vim :wq) cancels the way out; Tab alone completes', () => {
    const e = new TerminalEscape()
    expect(e.handle(down('Tab'))).toBe(true)
    e.handle(down('Escape'))
    e.handle(down(':'))
    expect(e.handle(down('Tab'))).toBe(true)
    e.handle(down('Escape'))
    expect(e.handle(down('Tab', { ctrlKey: true }))).toBe(true)
  })
})

describe('on-screen keys', () => {
  it('send what a terminal sends, arrows in the cursor mode the program set', () => {
    expect(['Tab', 'Ctrl-C', 'Ctrl-D', 'Esc'].map((k) => keySequence(k as 'Tab', false))).toEqual(['\t', '\x03', '\x04', '\x1b'])
    expect(['ArrowUp', 'ArrowDown', 'ArrowRight', 'ArrowLeft'].map((k) => keySequence(k as 'ArrowUp', false))).toEqual(['\x1b[A', '\x1b[B', '\x1b[C', '\x1b[D'])
    expect(keySequence('ArrowUp', true)).toBe('\x1bOA')
  })
})

const t = (k: MessageKey, p: Record<string, string | number> = {}) => CATALOGUE.en[k].replace(/\{(\w+)\}/g, (_m, n: string) => String(p[n] ?? ''))
const reason = (code: string, text: string) => ({ code, text, facts: {} })

function records(): TraceRecord[] {
  const frame = { src: '00:00:00:00:00:01', dst: '00:00:00:00:00:02', type: 0x0806, payload: { kind: 'arp' } } as unknown as Extract<TraceRecord, { type: 'wire' }>['frame']
  const wire = (id: number): TraceRecord => ({ type: 'wire', id, t: id, uid: id, segment: 'public', fromHost: 'client', fromIface: 'eth0', toHost: ['lvs'], frame })
  return [
    wire(1),
    wire(2),
    { type: 'deliver', id: 3, t: 3, uid: 2, host: 'lvs', packet: {} as never, reason: reason('deliver.local', 'local') },
    { type: 'sched', id: 4, t: 4, uid: 2, host: 'lvs', decision: { svc: 'TCP 172.25.254.200:80', scheduler: 'rr', candidates: [], chosen: '192.168.0.10:80', rule: reason('sched.rr', 'next in turn') } },
    { type: 'rewrite', id: 5, t: 5, uid: 2, host: 'lvs', before: {} as never, after: {} as never, reason: reason('rewrite.masq', 'dnat') },
    { type: 'drop', id: 6, t: 6, uid: 7, host: 'RS2', packet: {} as never, reason: reason('drop.test', 'no route back') },
  ]
}

describe('the live region', () => {
  it('says one sentence for a burst: counts, the last decision and the last drop', () => {
    expect(summarise(records(), t, 'en')).toBe('5 new events: 2 packets; 1 rewrites; 1 scheduling decisions; 1 dropped; last decision: TCP 172.25.254.200:80 → 192.168.0.10:80; last drop at RS2: no route back.')
    expect(summarise(records().filter((r) => r.type === 'deliver'), t, 'en')).toBe('')
  })

  it('waits for the traffic to pause, and speaks at least every few seconds in a flood', () => {
    let now = 0
    const timers: { at: number; f: () => void; live: boolean }[] = []
    const said: number[] = []
    const a = new Announcer((rs) => said.push(rs.length), {
      now: () => now,
      after: (ms, f) => timers[timers.push({ at: now + ms, f, live: true }) - 1],
      cancel: (h) => void ((h as { live: boolean }).live = false),
    }, 1000, 3000)
    const advance = (ms: number) => {
      now += ms
      for (const tm of timers) if (tm.live && tm.at <= now) {
        tm.live = false
        tm.f()
      }
    }
    a.add(records().slice(0, 2))
    advance(500)
    a.add(records().slice(2))
    advance(900)
    expect(said).toEqual([])
    advance(200)
    expect(said).toEqual([6])
    // A record every 400 ms never pauses for a second: the cap speaks after three.
    for (let i = 0; i < 10; i++) {
      a.add(records().slice(0, 1))
      advance(400)
    }
    expect(said).toEqual([6, 8])
    a.flush()
    expect(said).toEqual([6, 8, 2])
  })
})

describe('the demo reel player', () => {
  const reel = [
    { kind: 'step', step: 'a' },
    { kind: 'type', host: 'lvs', line: 'ls' },
    { kind: 'pause' },
    { kind: 'type', host: 'rs1', line: 'id' },
  ] as const

  function fake(stopAfterKeys = Infinity) {
    const log: string[] = []
    let keys = 0
    const typist = {
      show: (h: string) => void log.push(`show ${h}`),
      keys: (h: string, d: string) => {
        keys++
        log.push(`${h}:${JSON.stringify(d)}`)
      },
      nextPrompt: async () => {},
      sleep: async () => {},
    }
    const control = { stopped: () => keys >= stopAfterKeys, wait: async (ms: number) => void log.push(`wait ${ms}`), hold: async () => void log.push('hold') }
    return { log, typist, control }
  }

  it('shows the caption, waits to read, types, holds at a pause, types on', async () => {
    const { log, typist, control } = fake()
    const lines: string[] = []
    const played = await playReel(reel, typist, control, { keyMs: 1, promptTimeoutMs: 1, readMs: (s) => (s === 'a' ? 700 : 0), onStep: (s) => log.push(`step ${s}`), onLine: (d, t) => lines.push(`${d}/${t}`) })
    expect(played).toBe(true)
    expect(log).toEqual(['step a', 'wait 700', 'show lvs', 'lvs:"l"', 'lvs:"s"', 'lvs:"\\r"', 'hold', 'show rs1', 'rs1:"i"', 'rs1:"d"', 'rs1:"\\r"'])
    expect(lines).toEqual(['0/2', '1/2', '2/2'])
  })

  it('stops between two keys when told to (the presenter took over)', async () => {
    const { log, typist, control } = fake(1)
    const played = await playReel(reel, typist, control, { keyMs: 1, promptTimeoutMs: 1, readMs: () => 0, onStep: () => {}, onLine: () => {} })
    expect(played).toBe(false)
    expect(log).toEqual(['wait 0', 'show lvs', 'lvs:"l"'])
  })

  it('gives a caption a few seconds, more for more text, at most fifteen', () => {
    expect([readingMs(''), readingMs('x'.repeat(100)), readingMs('x'.repeat(10_000))]).toEqual([2500, 5500, 15_000])
  })
})

describe('a saved session as a demo reel', () => {
  const k = (host: string, data: string, t = 0) => ({ t, host, data })

  it('cuts each host’s keys after every Enter; an arrow’s escape sequence and a paste stay one key', () => {
    const keys = [k('lvs', 'l'), k('lvs', 's'), k('lvs', '\r'), k('RS1', 'i'), k('lvs', '\x1b[A'), k('lvs', '\r'), k('RS1', 'd\r'), k('client', 'echo a\recho b\r'), k('client', 'exi')]
    expect(sessionCommands(keys)).toEqual([
      { host: 'lvs', keys: ['l', 's', '\r'] },
      { host: 'RS1', keys: ['i'] },
      { host: 'lvs', keys: ['\x1b[A', '\r'] },
      { host: 'RS1', keys: ['d\r'] },
      { host: 'client', keys: ['echo a\recho b\r'] },
      { host: 'client', keys: ['exi'] },
    ])
    expect(sessionCommands([])).toEqual([])
  })

  it('types each key as it was typed, waits for the prompt after an Enter, and breathes between commands', async () => {
    const log: string[] = []
    let keys = 0
    const typist = {
      show: (h: string) => void log.push(`show ${h}`),
      keys: (h: string, d: string) => {
        keys++
        log.push(`${h}:${JSON.stringify(d)}`)
      },
      nextPrompt: async (h: string) => void log.push(`prompt ${h}`),
      sleep: async (ms: number) => void log.push(`sleep ${ms}`),
    }
    const control = (stopAt = Infinity) => ({ stopped: () => keys >= stopAt, wait: async (ms: number) => void log.push(`wait ${ms}`), hold: async () => {} })
    const lines: string[] = []
    const commands = [{ host: 'lvs', keys: ['l', 's', '\r'] }, { host: 'lvs', keys: ['\x1b[A', '\r'] }, { host: 'RS1', keys: ['id\r'] }]
    expect(await playKeys(commands, typist, control(), { keyMs: 5, gapMs: 900, promptTimeoutMs: 1, onLine: (d, t) => lines.push(`${d}/${t}`) })).toBe(true)
    expect(log).toEqual(['show lvs', 'lvs:"l"', 'sleep 5', 'lvs:"s"', 'sleep 5', 'prompt lvs', 'lvs:"\\r"', 'wait 900', 'lvs:"\\u001b[A"', 'sleep 5', 'prompt lvs', 'lvs:"\\r"', 'show RS1', 'wait 900', 'prompt RS1', 'RS1:"id\\r"'])
    expect(lines).toEqual(['0/3', '1/3', '2/3', '3/3'])
    log.length = 0
    keys = 0
    expect(await playKeys(commands, typist, control(2), { keyMs: 5, gapMs: 900, promptTimeoutMs: 1, onLine: () => {} })).toBe(false)
    expect(log).toEqual(['show lvs', 'lvs:"l"', 'sleep 5', 'lvs:"s"', 'sleep 5'])
  })

  it('reads the line a command’s keys leave: Backspace and Ctrl-U applied, arrows and Tab dropped, blanks squeezed', () => {
    expect(typedLine(['i', 'p', 'v', 'x', '\x7f', 's', 'a', 'd', 'm', ' ', ' ', '-', 'L', 'n', '\r'])).toBe('ipvsadm -Ln')
    expect(typedLine(['junk', '\x15', 'sysctl\t -p', '\x1b[D', '\x1bOA', '\r'])).toBe('sysctl -p')
    expect(typedLine(['echo a\recho b\r'])).toBe('echo a')
    expect(typedLine(['\x1b[A', '\r'])).toBe('')
  })

  it('cues a lesson’s captions where the session’s commands are the lesson’s: each step once, in order, a pause where the author put one', () => {
    const reel: ReelItem[] = [
      { kind: 'step', step: 'firewall' },
      { kind: 'type', host: 'lvs', line: 'systemctl disable --now firewalld' },
      { kind: 'type', host: 'rs1', line: 'systemctl disable --now firewalld' },
      { kind: 'step', step: 'forward' },
      { kind: 'type', host: 'lvs', line: 'sysctl -p' },
      { kind: 'pause' },
      { kind: 'step', step: 'ipvs' },
      { kind: 'type', host: 'lvs', line: 'ipvsadm -A -t 172.25.254.200:80 -s rr' },
      { kind: 'type', host: 'client', line: 'curl 172.25.254.200' },
    ]
    const c = (host: string, line: string) => ({ host, keys: [...line, '\r'] })
    const commands = [
      c('lvs', 'hostname'),
      c('lvs', 'systemctl  disable --now firewalld'),
      c('RS1', 'systemctl disable --now firewalld'),
      c('lvs', 'ls'),
      // The forward step left out: the learner went straight on to IPVS, past the pause.
      c('lvs', 'ipvsadm -A -t 172.25.254.200:80 -s rr'),
      // An earlier line again, on the same host: no going back.
      c('lvs', 'sysctl -p'),
      c('client', 'curl 172.25.254.200'),
    ]
    expect(commandCues(commands, reel)).toEqual([
      { step: null, pause: false },
      { step: 'firewall', pause: false },
      { step: null, pause: false },
      { step: null, pause: false },
      { step: 'ipvs', pause: true },
      { step: null, pause: false },
      { step: null, pause: false },
    ])
    expect(commandCues(commands, [])).toEqual(commands.map(() => ({ step: null, pause: false })))
  })

  it('shows a cue before its command, after the breath, and stops when the presenter stopped it there', async () => {
    const log: string[] = []
    const typist = { show: () => {}, keys: (_host: string, d: string) => void log.push(d), nextPrompt: async () => {}, sleep: async () => {} }
    let stop = false
    const control = { stopped: () => stop, wait: async (ms: number) => void log.push(`wait ${ms}`), hold: async () => {} }
    const commands = [{ host: 'lvs', keys: ['a\r'] }, { host: 'lvs', keys: ['b\r'] }]
    const before = async (i: number) => {
      log.push(`cue ${i}`)
      if (i === 1) stop = true
    }
    expect(await playKeys(commands, typist, control, { keyMs: 0, gapMs: 10, promptTimeoutMs: 1, onLine: () => {}, before })).toBe(false)
    expect(log).toEqual(['cue 0', 'a\r', 'wait 10', 'cue 1'])
  })
})
