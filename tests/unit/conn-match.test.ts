// Which packets make up an IPVS connection, for the connection table's selection: the timeline's
// Flows (src/ui/state/flows.ts) names every hop of a packet by the entry `ipvsadm -Lnc` lists,
// whatever the forwarding method did to it in between.

import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { runScript } from '../../src/lab/script.ts'
import { Lab } from '../../src/lab/lab.ts'
import { SECOND } from '../../src/sim/engine.ts'
import { connections } from '../../src/worker/conn-view.ts'
import { Flows, sameConn } from '../../src/ui/state/flows.ts'
import type { ConnTuple, TraceRecord } from '../../src/worker/protocol.ts'
import { formatFrame } from '../../src/net/format.ts'

const LABS: [string, string, string][] = [
  ['nat', '172.25.254.200', 'lvs'],
  ['dr', '192.168.0.220', 'dr-lvs'],
  ['tun', '192.168.0.100', 'lvs-tun'],
  ['fullnat', '172.25.254.200', 'fnat'],
]

/** The uids of every packet Flows puts in connection `c`. */
function uidsOf(flows: Flows, records: readonly TraceRecord[], c: ConnTuple): Set<number> {
  return new Set(records.filter((r) => r.type === 'wire' && sameConn(flows.of(r.id), c)).map((r) => r.uid))
}

describe('connection membership', () => {
  for (const [id, vip, director] of LABS) {
    it(`${id}: one request's packets, on every hop, and no other's`, () => {
      const lab = Lab.create(id, 1)
      runScript(lab, readFileSync(`lessons/${id}/solution.script`, 'utf8'))
      lab.idle(10 * SECOND)
      const from = lab.engine.trace.lastId
      lab.run('client', `curl -s ${vip}`)
      lab.run('client', `curl -s ${vip}`)
      const records = lab.engine.trace.since(from)
      const conns = connections(lab).filter((c) => c.director === director && c.tuple && records.some((r) => r.type === 'wire' && formatFrame(r.frame).includes(`${c.client.replace(':', '.')} >`)))
      expect(conns).toHaveLength(2)
      const flows = new Flows()
      for (const r of records) flows.add(r)
      const [a, b] = conns.map((c) => uidsOf(flows, records, c.tuple!))
      // A TCP exchange: SYN, SYN-ACK, ACK, request, response, FIN both ways and their ACKs.
      expect(a.size).toBeGreaterThanOrEqual(8)
      expect([...a].filter((u) => b.has(u))).toEqual([])
      // Every hop of a member packet leads back to the same connection, the director's side included.
      const hops = records.filter((r) => r.type === 'wire' && a.has(r.uid))
      expect(hops.some((r) => r.type === 'wire' && r.fromHost === director)).toBe(true)
      for (const r of hops) expect(flows.of(r.id)).toEqual(conns[0].tuple)
    })
  }
})
