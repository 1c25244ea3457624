// The hashing and locality schedulers against the worked values of ipvs-kernel.md §1.10-§1.14.

import { describe, expect, it } from 'vitest'
import { parseIp } from '../../src/net/addr.ts'
import { Engine } from '../../src/sim/engine.ts'
import { hash32 } from '../../src/ipvs/schedulers/hash.ts'
import { SCHEDULERS } from '../../src/ipvs/schedulers/index.ts'
import type { SchedContext } from '../../src/ipvs/schedulers/scheduler.ts'
import { Stats } from '../../src/ipvs/stats.ts'
import type { Dest, Service } from '../../src/ipvs/types.ts'

const ip = (s: string) => parseIp(s)!

function build(name: string, dests: [string, number][], flags: string[] = []): Service {
  const svc: Service = { fwmark: 0, proto: 'tcp', addr: ip('10.0.0.100'), port: 80, scheduler: name, schedData: null, persistent: false, timeout: 0, netmask: 0xffffffff, ops: false, pe: null, schedFlags: flags, dests: [], stats: new Stats(), laddrs: [], laddrCursor: 0 }
  SCHEDULERS[name].initService?.(svc)
  for (const [addr, weight] of dests) {
    const d: Dest = { addr: ip(addr), port: 80, fwd: 'droute', weight, uThreshold: 0, lThreshold: 0, activeConns: 0, inactConns: 0, persistConns: 0, overloaded: false, available: true, tunType: 'ipip', tunPort: 0, tunFlags: null, stats: new Stats() }
    svc.dests.unshift(d)
    SCHEDULERS[name].addDest?.(svc, d)
  }
  return svc
}

function pick(svc: Service, client: string, cport = 0, daddr = '10.0.0.100'): string | null {
  const ctx: SchedContext = { rng: new Engine(1).rng, caddr: ip(client), cport, daddr: ip(daddr), now: 0, explain: () => {} }
  const d = SCHEDULERS[svc.scheduler].schedule(svc, ctx)
  return d ? [d.addr >>> 24, (d.addr >>> 16) & 255, (d.addr >>> 8) & 255, d.addr & 255].join('.') : null
}

describe('hash_32', () => {
  it.each([
    ['10.0.0.2', 137],
    ['192.168.1.10', 248],
    ['207.175.44.110', 174],
  ])('%s -> %d', (addr, bucket) => expect(hash32(ip(addr), 8)).toBe(bucket))
})

describe('sh', () => {
  it('fills weight consecutive buckets per round', () => {
    const svc = build('sh', [['10.0.0.3', 3], ['10.0.0.2', 2], ['10.0.0.1', 1]])
    const table = svc.schedData as Dest[]
    const name = (d: Dest) => ({ 3: 'A', 2: 'B', 1: 'C' })[d.addr & 255]
    expect(table.slice(0, 9).map(name).join('')).toBe('CBBAAACBB')
    const count = (c: string) => table.filter((d) => name(d) === c).length
    expect([count('A'), count('B'), count('C')]).toEqual([127, 86, 43])
  })

  it('maps a client to one server; quiescing it fails the client without sh-fallback', () => {
    const svc = build('sh', [['10.0.0.11', 1], ['10.0.0.12', 1]])
    const first = pick(svc, '10.0.0.2')
    expect(pick(svc, '10.0.0.2')).toBe(first)
    const d = svc.dests.find((x) => (x.addr & 255) === Number(first!.split('.')[3]))!
    d.weight = 0
    SCHEDULERS.sh.updDest!(svc, d)
    expect(pick(svc, '10.0.0.2')).toBe(null)
    svc.schedFlags = ['sh-fallback']
    expect(pick(svc, '10.0.0.2')).not.toBe(first)
  })
})

describe('mh', () => {
  it('reproduces the reference table split and lookups', () => {
    const svc = build('mh', [['10.0.0.11', 1], ['10.0.0.12', 1], ['10.0.0.13', 1]])
    const table = (svc.schedData as { table: Dest[] }).table
    const count = (last: number) => table.filter((d) => (d.addr & 255) === last).length
    expect([count(11), count(12), count(13)].sort()).toEqual([1364, 1364, 1365])
    expect(pick(svc, '192.168.1.10')).toBe('10.0.0.12')
    expect(pick(svc, '192.168.1.11')).toBe('10.0.0.11')
    expect(pick(svc, '10.0.0.2')).toBe('10.0.0.13')
  })
})

describe('dh, lblc, lblcr', () => {
  it('dh maps the destination address; one VIP means one server', () => {
    const svc = build('dh', [['10.0.0.11', 1], ['10.0.0.12', 1]])
    const a = pick(svc, '1.1.1.1')
    expect(pick(svc, '2.2.2.2')).toBe(a)
  })

  it('lblc keeps a destination on its server until it is overloaded', () => {
    const svc = build('lblc', [['10.0.0.11', 1], ['10.0.0.12', 1]])
    const first = pick(svc, '1.1.1.1', 0, '203.0.113.5')
    expect(first).toBe('10.0.0.12')
    svc.dests.find((d) => (d.addr & 255) === 12)!.activeConns = 5
    expect(pick(svc, '1.1.1.2', 0, '203.0.113.5')).toBe('10.0.0.11')
  })

  it('lblcr grows the set when its least loaded member is overloaded', () => {
    const svc = build('lblcr', [['10.0.0.11', 1], ['10.0.0.12', 1]])
    expect(pick(svc, '1.1.1.1', 0, '203.0.113.5')).toBe('10.0.0.12')
    svc.dests.find((d) => (d.addr & 255) === 12)!.activeConns = 5
    expect(pick(svc, '1.1.1.1', 0, '203.0.113.5')).toBe('10.0.0.11')
    const entry = (svc.schedData as Map<number, { members: Dest[] }>).get(ip('203.0.113.5'))!
    expect(entry.members.length).toBe(2)
  })
})
