// The engine's guarantees: an exception in an event, a packet's receive path or a task becomes an
// `internal` record and the rest goes on; virtual time advances even under a loop that keeps
// rescheduling itself at one instant; a headless command is stopped when it spends its budget of
// events or output; and `ping -i 0` on one host no longer stops the clock for the others.

import { describe, expect, it } from 'vitest'
import { Lab } from '../../src/lab/lab.ts'
import { Budget, LIMITS } from '../../src/sim/budget.ts'
import { Engine, INSTANT_LIMIT } from '../../src/sim/engine.ts'
import { Segment, type Port } from '../../src/sim/segment.ts'
import { Signal, Task, type Proc } from '../../src/sim/task.ts'
import type { EthernetFrame } from '../../src/net/packet.ts'
import { createApi } from '../../src/worker/api.ts'
import type { SavedSession } from '../../src/worker/protocol.ts'

const internals = (e: Engine) => e.trace.since(0).flatMap((r) => (r.type === 'internal' ? [{ code: r.reason.code, host: r.host, uid: r.uid, text: r.reason.text, params: r.reason.params }] : []))

describe('error boundaries', () => {
  it('an event that throws leaves an internal record and the queue goes on', () => {
    const e = new Engine()
    const ran: number[] = []
    e.at(10, () => ran.push(1))
    e.at(20, () => {
      throw new TypeError('x.includes is not a function')
    })
    e.at(30, () => ran.push(3))
    e.advanceTo(100)
    expect(ran).toEqual([1, 3])
    expect(internals(e)).toEqual([
      { code: 'internal.event', host: '', uid: 0, text: 'internal error in the simulator (TypeError: x.includes is not a function); the event was dropped and the lab goes on', params: { host: '', error: 'TypeError: x.includes is not a function' } },
    ])
    expect(e.faults).toBe(1)
  })

  it('keeps the internal record with the trace off', () => {
    const e = new Engine()
    e.trace.enabled = false
    e.at(1, () => {
      throw new Error('boom')
    })
    e.advanceTo(2)
    expect(internals(e).map((r) => r.code)).toEqual(['internal.event'])
  })

  it('a NIC whose receive path throws drops that packet only', () => {
    const e = new Engine()
    const seg = new Segment('lan', e)
    const got: string[] = []
    const port = (hostName: string, mac: string, receive: (f: EthernetFrame) => void): Port => ({ hostName, name: 'eth0', mac, up: true, receive })
    const a = port('a', '02:00:00:00:00:01', () => {})
    seg.attach(a)
    seg.attach(port('b', '02:00:00:00:00:02', () => {
      throw new RangeError('bad packet')
    }))
    seg.attach(port('c', '02:00:00:00:00:03', () => got.push('c')))
    const frame = { kind: 'eth', src: a.mac, dst: 'ff:ff:ff:ff:ff:ff', payload: { kind: 'arp', uid: 7 } } as unknown as EthernetFrame
    seg.transmit(a, frame)
    e.advanceTo(1000)
    expect(got).toEqual(['c'])
    expect(internals(e)).toEqual([
      { code: 'internal.packet', host: 'b', uid: 7, text: 'b: internal error in the simulator while receiving a packet on eth0 (RangeError: bad packet); the packet was dropped and the lab goes on', params: { iface: 'eth0', host: 'b', error: 'RangeError: bad packet' } },
    ])
  })

  it('a task that yields something other than a signal ends with an error instead of throwing', () => {
    function* bad(): Proc<number> {
      yield 42 as unknown as Signal<unknown>
      return 0
    }
    const t = new Task(bad()).start()
    expect(t.finished).toBe(true)
    expect(t.done.value?.ok).toBe(false)
  })

  it('a signal listener that throws does not keep the others waiting', () => {
    const s = new Signal<number>()
    const seen: number[] = []
    s.on((v) => seen.push(v))
    s.on(() => {
      throw new Error('listener bug')
    })
    s.on((v) => seen.push(v * 10))
    expect(() => s.fire(2)).toThrow('listener bug')
    expect(seen).toEqual([2, 20])
  })
})

describe('virtual time', () => {
  it('advances under a loop that reschedules itself at the same instant', () => {
    const e = new Engine()
    let n = 0
    const loop = () => {
      n++
      e.at(e.now, loop)
    }
    e.at(0, loop)
    e.advanceTo(3)
    expect(e.now).toBe(3)
    // One microsecond per INSTANT_LIMIT events: 0, 1, 2 and 3 each held that many.
    expect(n).toBe(4 * INSTANT_LIMIT)
  })

  it('keeps moving for every host while one floods with ping -i 0, and the saved session replays to the end', () => {
    const api = createApi()
    const out = new Map<string, string>()
    let session: SavedSession | null = null
    api.subscribe((events) => {
      for (const ev of events) {
        if (ev.type === 'output') out.set(ev.host, (out.get(ev.host) ?? '') + ev.data)
        if (ev.type === 'saved') session = ev.session
      }
    })
    api.load('nat')
    const lab = api.current()!
    api.keys('lvs', 'ping -i 0 -q 172.25.254.111\r')
    api.keys('client', 'sleep 1; echo slept\r')
    lab.engine.advanceTo(lab.engine.now + 1_500_000)
    api.flush()
    expect(out.get('client')).toBe('[root@client ~]# sleep 1; echo slept\r\nslept\r\n[root@client ~]# ')
    api.keys('lvs', '\x03')
    // About one request per round trip (0.3 ms) for the 1.5 s: the clock moved with the flood.
    const stats = /\^C\r\n--- 172\.25\.254\.111 ping statistics ---\r\n(\d+) packets transmitted, (\d+) received, [\d.]+% packet loss, time 15\d\dms\r\n/.exec(out.get('lvs')!)
    expect(Number(stats?.[1])).toBeGreaterThan(4000)
    expect(Number(stats?.[1]) - Number(stats?.[2])).toBeLessThanOrEqual(1)
    const again = createApi()
    again.load('nat', session)
    expect(again.run('client', 'echo back').stdout).toBe('back\n')
  })
})

describe('the budget of a headless command', () => {
  it('stops a command that spends its events, and the next one runs', () => {
    const lab = Lab.create('nat', { limits: { ...LIMITS, events: 20_000 } })
    const r = lab.run('lvs', 'ping -i 0.000001 -q 127.0.0.1')
    expect(r.exitCode).toBe(130)
    expect(r.interrupted).toBe(true)
    expect(r.output).toMatch(/^PING 127\.0\.0\.1 \(127\.0\.0\.1\) 56\(84\) bytes of data\.\n\^C\n--- 127\.0\.0\.1 ping statistics ---\n\d+ packets transmitted, \d+ received, .*\nrtt .*\nlvs-lab: command stopped: it used its budget of 20000 simulated events\n$/)
    expect(lab.run('lvs', 'echo next')).toMatchObject({ stdout: 'next\n', exitCode: 0 })
  })

  it('stops a command that writes more than its output budget, keeping no more than that', () => {
    const lab = Lab.create('nat', { limits: { ...LIMITS, output: 10_000 } })
    const r = lab.run('lvs', 'for i in {1..5000}; do echo 0123456789; done')
    expect(r.exitCode).toBe(130)
    expect(r.stdout.length).toBeLessThanOrEqual(10_000)
    expect(r.stdout).toMatch(/^(0123456789\n)+/)
    expect(r.output.endsWith('lvs-lab: command stopped: it wrote more than its budget of 10000 bytes of output\n')).toBe(true)
    expect(lab.run('lvs', 'echo next').stdout).toBe('next\n')
  })

  it('refuses to build a value past the memory budget, and says so', () => {
    const b = new Budget({ ...LIMITS, memory: 1000 })
    expect(b.fits(1000)).toBe(true)
    expect(b.exhausted).toBeNull()
    expect(b.fits(1001)).toBe(false)
    expect(b.exhausted).toBe('memory')
    expect(b.message()).toBe('lvs-lab: command stopped: it would build a value larger than its budget of 1000 characters\n')
  })

  it('in a terminal, cuts a flood of output between two flushes instead of queueing it all', () => {
    const api = createApi()
    let shown = ''
    api.subscribe((events) => {
      for (const ev of events) if (ev.type === 'output' && ev.host === 'lvs') shown += ev.data
    })
    api.load('nat')
    api.current()!.host('lvs')!.fs.write('/root/big', 'x'.repeat(5 * 1024 * 1024))
    api.keys('lvs', 'cat /root/big; echo after\r')
    expect(shown.length).toBeLessThan(4.5 * 1024 * 1024)
    // The file has no final newline: `after` follows its last x, and the prompt is back.
    const note = '\r\nlvs-lab: output cut: more than 4 MiB arrived at once; its last lines:\r\n'
    expect(shown.slice(shown.indexOf(note) + note.length)).toBe(`${'x'.repeat(4096 - 'after\r\n[root@lvs ~]# '.length)}after\r\n[root@lvs ~]# `)
    api.keys('lvs', 'echo next\r')
    expect(shown.endsWith('echo next\r\nnext\r\n[root@lvs ~]# ')).toBe(true)
  })
})
