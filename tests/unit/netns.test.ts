// Differential test of the network tools: every command of tests/fixtures/netns/*.json was run
// by the real programs on the lab's topology built from network namespaces of a real kernel
// (tests/fixtures/record-netns.ts); here the same lab, brought to the same state, runs it and
// must print the same stdout and stderr and exit with the same status, after the rewrites of
// netns-normalise.ts (veth for virtio, 5.14's answers, PIDs, hash order). A known divergence is listed in
// tests/fixtures/netns-gaps.ts with what differs and runs as an expected failure.

import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { NetnsCase } from '../fixtures/netns-cases.ts'
import { NETNS_CASES } from '../fixtures/netns-cases.ts'
import { GAPS } from '../fixtures/netns-gaps.ts'
import { normaliseBoth, normaliseReal } from '../fixtures/netns-normalise.ts'
import { readyLab } from '../fixtures/netns-run.ts'

interface Recorded extends NetnsCase {
  kernel: string
  results: { command: string; stdout: string; stderr: string; status: number }[]
}

const DIR = new URL('../fixtures/netns/', import.meta.url)
const files = readdirSync(DIR).filter((f) => f.endsWith('.json'))
const recorded = files.map((f) => JSON.parse(readFileSync(new URL(f, DIR), 'utf8')) as Recorded)

describe('network tools against real Linux hosts in namespaces', () => {
  it('has a recording of every case, with the case as it is defined now', () => {
    expect(recorded.map((r) => r.name).sort()).toEqual(NETNS_CASES.map((c) => c.name).sort())
    for (const r of recorded) {
      const c = NETNS_CASES.find((x) => x.name === r.name)!
      expect({ setup: r.setup, labOnly: r.labOnly, commands: r.results.map((x) => x.command) }).toEqual({ setup: c.setup, labOnly: c.labOnly, commands: c.commands })
    }
  })

  it('lists no gap for a command no case runs', () => {
    const keys = new Set(NETNS_CASES.flatMap((c) => c.commands.map((cmd) => `${c.name}: ${cmd}`)))
    expect([...GAPS.keys()].filter((k) => !keys.has(k))).toEqual([])
  })

  for (const rec of recorded) {
    describe(rec.name, () => {
      const lab = readyLab(rec)
      for (const r of rec.results) {
        const gap = GAPS.get(`${rec.name}: ${r.command}`)
        ;(gap ? it.fails : it)(gap ? `${r.command} (known gap: ${gap})` : r.command, () => {
          const got = lab.run(rec.host, r.command)
          const real = { stdout: normaliseReal(r.command, r.stdout), stderr: normaliseReal(r.command, r.stderr), status: r.status }
          expect({ stdout: normaliseBoth(r.command, got.stdout), stderr: normaliseBoth(r.command, got.stderr), status: got.exitCode }).toEqual(real)
        })
      }
    })
  }
})
