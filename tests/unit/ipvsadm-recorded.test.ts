// The differential test for ipvsadm: every case recorded from the real ipvsadm 1.31
// (tests/fixtures/record-ipvsadm.ts, through tests/fixtures/ipvs-shim) is replayed on the NAT
// lab's director, the same table built by the same command lines, the same counters put on its
// objects, and each line's stdout, stderr and exit status compared byte for byte.

import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { directorOf } from '../../src/ipvs/index.ts'
import { parseIp } from '../../src/net/addr.ts'
import type { Lab } from '../../src/lab/lab.ts'
import { counterKey, SCENARIOS, type Counter } from '../fixtures/ipvsadm-cases.ts'
import { natLab } from './helpers.ts'

interface Recorded {
  name: string
  hosts?: string
  scenario?: keyof typeof SCENARIOS
  counters?: Counter[]
  countersAt?: number
  steps: { line: string; stdin?: string; stdout: string; stderr: string; status: number }[]
}

const FIXTURE: { program: string; cases: Recorded[] } = JSON.parse(readFileSync(new URL('../fixtures/ipvsadm/ipvsadm.json', import.meta.url), 'utf8'))

/** Puts the recorded counters on the lab's service and real-server objects. */
function applyCounters(lab: Lab, counters: Counter[]): void {
  const dir = directorOf(lab.host('lvs')!)!
  for (const c of counters) {
    const k = counterKey(c.svc)
    const proto = k.proto === 6 ? 'tcp' : k.proto === 17 ? 'udp' : 'sctp'
    const svc = dir.findService({ fwmark: k.fwmark, proto, addr: parseIp(k.addr)!, port: k.port })!
    const [addr, port] = c.dest?.split(':') ?? []
    const obj = c.dest ? svc.dests.find((d) => d.addr === parseIp(addr) && d.port === Number(port))! : svc
    if ('activeConns' in obj) {
      if (c.active !== undefined) obj.activeConns = c.active
      if (c.inact !== undefined) obj.inactConns = c.inact
      if (c.persist !== undefined) obj.persistConns = c.persist
    }
    const [conns, inPkts, outPkts, inBytes, outBytes] = c.stats ?? [0, 0, 0, 0, 0]
    if (c.stats) Object.assign(obj.stats.raw, { conns, inPkts, outPkts, inBytes, outBytes })
    if (c.rates) {
      // The estimator's averages, scaled as ip_vs_est.c keeps them (2^10 for counts, 2^5 for bytes).
      const [cps, inpps, outpps, inbps, outbps] = c.rates
      Object.assign(obj.stats as unknown as { avg: object }, { avg: { conns: cps * 1024, inPkts: inpps * 1024, outPkts: outpps * 1024, inBytes: inbps * 32, outBytes: outbps * 32 } })
    }
  }
}

/** Cases the lab does not match yet, each with the reason. */
const IPV4_ONLY = "the lab's IPVS is IPv4 only: it refuses an IPv6 service where RHEL 9 takes it"
const KNOWN = new Map([
  ['usage: ipvsadm -A -f 1 -6', IPV4_ONLY],
  ['kernel: IPv6 services', IPV4_ONLY],
])

describe(`ipvsadm recorded from ${FIXTURE.program}`, () => {
  it('has the cases the recorder made', () => {
    expect(FIXTURE.cases.length).toBeGreaterThanOrEqual(120)
  })
  for (const c of FIXTURE.cases) {
    ;(KNOWN.has(c.name) ? it.fails : it)(c.name, () => {
      const lab = natLab()
      const host = lab.host('lvs')!
      lab.run('lvs', 'dnf install -y ipvsadm')
      if (c.hosts) host.fs.write('/etc/hosts', String(host.fs.read('/etc/hosts')) + c.hosts, 0o644)
      if (c.scenario) SCENARIOS[c.scenario](lab)
      c.steps.forEach((s, i) => {
        if (i === c.countersAt && c.counters) applyCounters(lab, c.counters)
        let line = s.line
        if (s.stdin !== undefined) {
          host.fs.write('/tmp/ipvsadm-stdin', s.stdin, 0o644)
          line += ' < /tmp/ipvsadm-stdin'
        }
        const r = lab.run('lvs', line)
        expect({ line: s.line, stdout: r.stdout, stderr: r.stderr, status: r.exitCode }).toEqual({ line: s.line, stdout: s.stdout, stderr: s.stderr, status: s.status })
      })
    })
  }
})
