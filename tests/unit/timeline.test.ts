// The timeline store (src/ui/state/timeline.svelte.ts) over real traces of the labs: stepping and
// seeking, play at its pace, freeze-and-ask, filters, live play turning into a flow, the memory
// budget's summary, and connection identity across NAT, DR, TUN and FULLNAT rewrites (flows.ts).

import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { runTranscript } from '../../src/cli/transcript.ts'
import { Lab } from '../../src/lab/lab.ts'
import type { TraceRecord } from '../../src/sim/trace.ts'
import { connKey } from '../../src/ui/state/flows.ts'
import { FLOW_LINGER_MS, FLOW_MS, HOP_MS, Timeline, protoClasses } from '../../src/ui/state/timeline.svelte.ts'

const lessons = new URL('../../lessons/', import.meta.url).pathname
const VIP: Record<string, string> = { nat: '172.25.254.200', dr: '192.168.0.220', tun: '192.168.0.100', fullnat: '172.25.254.200' }
const solvedLabs = new Map<string, Lab>()

function solved(id: string): Lab {
  let lab = solvedLabs.get(id)
  if (!lab) {
    lab = Lab.create(id)
    runTranscript(lab, readFileSync(`${lessons}/${id}/tutorial.script`, 'utf8'))
    if (id === 'nat') for (const rs of ['rs1', 'rs2']) lab.run(rs, 'systemctl start httpd')
    solvedLabs.set(id, lab)
  }
  return lab
}

/** The records `n` curls to the lab's VIP leave (the last one's FIN exchange included). */
function curls(id: string, n: number): TraceRecord[] {
  const lab = solved(id)
  const mark = lab.engine.trace.lastId
  for (let i = 0; i < n; i++) lab.run('client', `curl -s ${VIP[id]}`)
  lab.run('client', 'sleep 1')
  return lab.engine.trace.since(mark)
}

const quiet = () => new Timeline({ frames: null })
const kinds = (t: Timeline) => t.current && `${t.current.type} ${t.current.type === 'wire' ? `${t.current.fromHost}>${t.current.toHost.join(',')}` : t.current.host}`

describe('stepping and seeking', () => {
  const records = curls('nat', 2)

  it('steps one record at a time forward and back, pausing and selecting what it shows', () => {
    const t = quiet()
    t.add(records)
    expect(t.playing).toBe(true)
    t.step(1)
    expect(t.playing).toBe(false)
    expect(t.live).toBe(false)
    expect(t.cursor).toBe(0)
    expect(kinds(t)).toBe('wire client>lvs')
    expect(t.progress).toBe(0.5)
    expect(t.selected).toBe(records[0].id)
    t.step(1)
    expect(kinds(t)).toBe('sched lvs')
    expect(t.progress).toBe(1)
    t.step(2)
    expect(kinds(t)).toBe('wire lvs>RS1')
    t.step(-3)
    expect(t.cursor).toBe(0)
    t.step(-1)
    expect(t.cursor).toBe(0)
    t.step(records.length + 5)
    expect(t.cursor).toBe(records.map((r) => r.type).lastIndexOf('wire'))
    // A delivery to a socket is not an event of its own: steps pass over it.
    t.seek(records.findIndex((r) => r.type === 'deliver') - 1)
    t.step(1)
    expect(t.current!.type).not.toBe('deliver')
    expect(t.cursor).toBe(records.findIndex((r) => r.type === 'deliver') + 1)
  })

  it('seeks by index (clamped) and by virtual time', () => {
    const t = quiet()
    t.add(records)
    t.seek(10)
    expect(t.cursor).toBe(10)
    expect(t.selected).toBe(records[10].id)
    t.seek(-7)
    expect(t.cursor).toBe(-1)
    expect(t.selected).toBe(null)
    t.seek(1e9)
    expect(t.cursor).toBe(records.length - 1)
    t.seek(Number.NaN)
    expect(t.cursor).toBe(records.length - 1)
    t.seekTime(records[5].t)
    expect(records[t.cursor].t).toBe(records[5].t)
    expect(records[t.cursor + 1].t).toBeGreaterThan(records[5].t)
    t.seekTime(records[0].t - 1)
    expect(t.cursor).toBe(-1)
  })

  it('select(uid) goes to the first hop of that packet and selects its connection', () => {
    const t = quiet()
    t.add(records)
    const ack = records.filter((r) => r.type === 'wire')[5]
    t.select(ack.uid)
    expect(t.current).toBe(records.find((r) => r.type === 'wire' && r.uid === ack.uid))
    expect(t.selected).toBe(t.current!.id)
    expect(t.selectedConn && connKey(t.selectedConn)).toMatch(/^TCP 172\.25\.254\.111:\d+ 172\.25\.254\.200:80$/)
    t.select(987654321)
    expect(t.current!.uid).toBe(ack.uid)
  })

  it('steps through the events of the selected connection only', () => {
    const t = quiet()
    t.add(records)
    const conns = [...new Set(records.map((r) => t.connOf(r)).filter((c) => c !== null))]
    expect(conns.length).toBe(2)
    t.selectConn(conns[1])
    t.seek(-1)
    t.stepConn(1)
    expect(t.connOf(t.current!)).toBe(conns[1])
    expect(records.slice(0, t.cursor).every((r) => t.connOf(r) !== conns[1])).toBe(true)
    const at = t.cursor
    t.stepConn(-1)
    expect(t.cursor).toBe(at)
  })
})

describe('play', () => {
  const records = curls('nat', 1)

  it('moves at the readable pace and the speed, and pause freezes a hop in flight', () => {
    const t = quiet()
    t.add(records.slice(0, 4))
    t.tick(1)
    expect(t.cursor).toBe(0)
    t.tick(HOP_MS / 2 - 1)
    expect(t.progress).toBeCloseTo(0.5)
    t.pause()
    t.tick(10_000)
    expect(t.cursor).toBe(0)
    expect(t.progress).toBeCloseTo(0.5)
    expect(t.selected).toBe(records[0].id)
    t.setSpeed(100)
    expect(t.speed).toBe(20)
    t.setSpeed(0)
    expect(t.speed).toBe(0.1)
    t.setSpeed(2)
    t.play()
    t.tick(HOP_MS / 4)
    expect(t.cursor).toBe(1)
    expect(t.current!.type).toBe('sched')
  })

  it('catches up with the newest and then follows it live', () => {
    const t = quiet()
    t.add(records.slice(0, 3))
    t.seek(0)
    t.play()
    expect(t.live).toBe(false)
    t.tick(60_000)
    expect(t.cursor).toBe(2)
    expect(t.live).toBe(true)
    t.add(records.slice(3, 5))
    t.tick(1)
    expect(t.cursor).toBe(3)
  })

  it('freezes before a record the presenter asks about, once', () => {
    const t = quiet()
    t.freezeBefore = (r) => r.type === 'wire' && r.fromHost === 'lvs'
    t.add(records)
    t.tick(60_000)
    expect(t.playing).toBe(false)
    expect(kinds(t)).toBe('rewrite lvs')
    expect(kinds({ current: records[t.cursor + 1] } as Timeline)).toBe('wire lvs>RS1')
    t.play()
    t.tick(1)
    expect(kinds(t)).toBe('wire lvs>RS1')
  })

  it('a backlog too long to watch plays as a flow that sweeps it in FLOW_MS; a step leaves the flow', () => {
    const many = curls('nat', 5)
    // Two curls still play hop by hop.
    const two = quiet()
    two.add(records.concat(curls('nat', 1)))
    expect(two.flow).toBe(false)
    const t = quiet()
    t.add(many)
    expect(t.flow).toBe(true)
    t.tick(FLOW_MS / 2)
    expect(t.cursor).toBeGreaterThan(many.length / 2 - 3)
    expect(t.cursor).toBeLessThan(many.length / 2 + 3)
    t.tick(FLOW_MS / 2 + 20)
    expect(t.cursor).toBe(many.length - 1)
    t.step(-1)
    expect(t.flow).toBe(false)
    expect(t.cursor).toBe(many.length - 2)
  })

  it('a flow caught up stays a flow while traffic keeps coming, and ends after a quiet spell', () => {
    const many = curls('nat', 5)
    const more = curls('nat', 2)
    const t = quiet()
    t.add(many)
    t.tick(FLOW_MS + 20)
    expect(t.cursor).toBe(many.length - 1)
    t.add(more.slice(0, 10))
    expect(t.flow).toBe(true)
    t.tick(FLOW_MS)
    expect(t.cursor).toBe(many.length + 9)
    t.tick(FLOW_LINGER_MS)
    t.add(more.slice(10, 20))
    expect(t.flow).toBe(false)
    t.tick(1)
    expect(t.cursor).toBe(many.length + 10)
  })

  it('goLive jumps to the newest and plays on from there', () => {
    const t = quiet()
    t.add(records)
    t.seek(2)
    t.goLive()
    expect(t.cursor).toBe(records.length - 1)
    expect(t.live && t.playing).toBe(true)
  })
})

describe('filters', () => {
  it('classify every layer: a TUN hop is TUNNEL and TCP', () => {
    const tun = curls('tun', 1)
    const hop = tun.find((r) => r.type === 'wire' && r.fromHost === 'lvs-tun')!
    expect(protoClasses(hop)).toEqual(['TUNNEL', 'TCP'])
    expect(protoClasses(tun.find((r) => r.type === 'sched')!)).toEqual(['TCP'])
  })

  it('step only through what passes the protocol, host and connection filters', () => {
    const lab = solved('nat')
    const mark = lab.engine.trace.lastId
    lab.run('lvs', 'ip neigh flush dev eth1')
    lab.run('client', `curl -s ${VIP.nat}`)
    const records = lab.engine.trace.since(mark)
    const t = quiet()
    t.add(records)
    t.setFilter({ protos: ['ARP'] })
    const arp: TraceRecord[] = []
    t.seek(-1)
    for (let i = 0; i < 50; i++) {
      const before = t.cursor
      t.step(1)
      if (t.cursor === before) break
      arp.push(t.current!)
    }
    expect(arp.length).toBeGreaterThanOrEqual(2)
    expect(arp.every((r) => r.type === 'wire' && r.frame.payload.kind === 'arp')).toBe(true)
    expect(arp.length).toBe(records.filter((r) => r.type === 'wire' && r.frame.payload.kind === 'arp').length)
    t.setFilter({ protos: [], host: 'RS1' })
    expect(records.filter((r) => t.visible(r)).every((r) => (r.type === 'wire' ? [r.fromHost, ...r.toHost] : [r.host]).includes('RS1'))).toBe(true)
    t.setFilter({ host: null, conn: t.connOf(records.find((r) => r.type === 'sched')!) })
    const shown = records.filter((r) => t.visible(r))
    expect(shown.length).toBeGreaterThan(15)
    expect(shown.some((r) => r.type === 'wire' && r.frame.payload.kind === 'arp')).toBe(false)
  })
})

describe('memory budget', () => {
  it('folds the oldest quarter into a summary that counts every record, and keeps the cursor on its record', () => {
    const records = curls('nat', 8)
    const t = new Timeline({ frames: null, budget: 100 })
    t.add(records.slice(0, 90))
    t.seek(80)
    const shown = t.current
    t.add(records.slice(90, 101))
    expect(t.current).toBe(shown)
    expect(t.cursor).toBe(80 - 26)
    for (let i = 101; i < records.length; i += 10) t.add(records.slice(i, i + 10))
    expect(t.summary).not.toBeNull()
    const s = t.summary!
    expect(t.records.length).toBeLessThanOrEqual(100)
    expect(s.records + t.records.length).toBe(records.length)
    expect(s.firstId).toBe(records[0].id)
    expect(t.records[0].id).toBe(s.lastId + 1)
    const gone = records.slice(0, s.records)
    expect(s.hops).toBe(gone.filter((r) => r.type === 'wire').length)
    expect(s.rewrites).toBe(gone.filter((r) => r.type === 'rewrite').length)
    expect(s.scheds).toBe(gone.filter((r) => r.type === 'sched').length)
    expect(s.from).toBe(records[0].t)
    // The record shown was folded too: the cursor stands on the oldest record kept.
    expect(t.cursor).toBe(0)
    expect(t.connOf(t.records[0])).not.toBeNull()
  })

  it('counts records the worker lost before they arrived', () => {
    const records = curls('nat', 1)
    const t = quiet()
    t.add(records.slice(0, 3))
    t.add(records.slice(8))
    expect(t.lost).toBe(5)
  })
})

describe('connections across every forwarding method', () => {
  it.each(['nat', 'dr', 'tun', 'fullnat'])('%s: every record of a curl names the client connection', (id) => {
    const records = curls(id, 3)
    const t = quiet()
    t.add(records)
    const tcp = records.filter((r) => protoClasses(r).includes('TCP'))
    expect(tcp.every((r) => t.connOf(r) !== null)).toBe(true)
    const conns = [...new Set(tcp.map((r) => t.connOf(r)!))]
    expect(conns.length).toBe(3)
    for (const c of conns) {
      expect(c.vaddr).toBe(VIP[id])
      expect(c.vport).toBe(80)
      expect(c.caddr).toMatch(id === 'tun' ? /^192\.168\.0\.111$/ : /^172\.25\.254\.111$/)
      // Each connection has its SYN, the real server's SYN-ACK and the scheduling decision.
      const own = tcp.filter((r) => t.connOf(r) === c)
      expect(own.some((r) => r.type === 'sched')).toBe(true)
      expect(own.some((r) => r.type === 'wire' && r.frame.payload.kind === 'ipv4' && protoClasses(r).includes('TCP') && r.toHost.includes('client'))).toBe(true)
    }
  })
})

describe('command marks', () => {
  it('a record belongs to the command running on the host its packet came from, and a command filter shows only its records', () => {
    const lab = solved('nat')
    const first = lab.engine.trace.lastId + 1
    lab.run('client', `curl -s ${VIP.nat}`)
    const middle = lab.engine.trace.lastId
    lab.run('lvs', 'ping -c 1 172.25.254.111')
    const last = lab.engine.trace.lastId
    const records = lab.engine.trace.since(first - 1)
    const t = quiet()
    t.addCommand({ seq: 1, host: 'client', line: `curl -s ${VIP.nat}`, t: records[0].t, firstId: first, lastId: null })
    t.add(records)
    t.addCommand({ seq: 1, host: 'client', line: `curl -s ${VIP.nat}`, t: records[0].t, firstId: first, lastId: middle })
    t.addCommand({ seq: 2, host: 'lvs', line: 'ping -c 1 172.25.254.111', t: 0, firstId: middle + 1, lastId: last })
    expect(t.commands.map((c) => [c.seq, c.lastId])).toEqual([
      [1, middle],
      [2, last],
    ])
    // The real server's answers come from a host where nothing ran: they are the curl's too.
    const answer = records.find((r) => r.type === 'wire' && /^RS\d$/.test(r.fromHost))!
    expect(t.commandOf(answer)?.seq).toBe(1)
    const echo = records.find((r) => r.type === 'wire' && r.fromHost === 'lvs' && r.id > middle)!
    expect(t.commandOf(echo)?.seq).toBe(2)
    t.selectCommand(2)
    expect(t.current!.id).toBeGreaterThan(middle)
    expect(records.filter((r) => t.visible(r)).every((r) => r.id > middle)).toBe(true)
    t.selectCommand(null)
    expect(records.every((r) => t.visible(r))).toBe(true)
  })

  it('a batch of marks (a replay) keeps one mark per command, in order, whether it starts, ends or comes late', () => {
    const t = quiet()
    const mark = (seq: number, lastId: number | null) => ({ seq, host: 'lvs', line: `echo ${seq}`, t: seq, firstId: seq, lastId })
    t.addCommands([mark(1, null), mark(1, 1), mark(2, null), mark(3, null), mark(2, 2)])
    t.addCommands([mark(3, 3), mark(5, null)])
    t.addCommands([mark(4, 4)])
    t.addCommand(mark(5, 5))
    expect(t.commands.map((c) => [c.seq, c.lastId])).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 4],
      [5, 5],
    ])
    const before = t.commands
    t.addCommands([])
    expect(t.commands).toBe(before)
    const many = Array.from({ length: 5000 }, (_, i) => [mark(i + 6, null), mark(i + 6, i + 6)]).flat()
    t.addCommands(many)
    expect(t.commands).toHaveLength(5005)
    expect(t.commands.every((c, i) => c.seq === i + 1 && c.lastId === i + 1)).toBe(true)
  })
})
