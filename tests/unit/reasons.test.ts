// Every explanation the labs produce can be read in Chinese: each reason code the solutions, the
// failure cases and every scheduler emit has a Simplified and a Traditional template that covers
// all of its facts.

import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { runTranscript } from '../../src/cli/transcript.ts'
import { Lab } from '../../src/lab/lab.ts'
import { SCHEDULERS } from '../../src/ipvs/schedulers/index.ts'
import type { Reason } from '../../src/sim/trace.ts'
import { localizeReason } from '../../src/ui/i18n/reasons.ts'

const lessons = new URL('../../lessons/', import.meta.url).pathname

function reasons(): Reason[] {
  const out: Reason[] = []
  for (const id of ['nat', 'dr', 'tun', 'tun-routed', 'fullnat']) {
    const lab = Lab.create(id)
    runTranscript(lab, readFileSync(`${lessons}/${id}/tutorial.script`, 'utf8'))
    lab.run('client', 'curl -s -m 1 10.9.9.9; curl -s -m 1 172.25.254.99; curl -s -m 1 192.168.0.99')
    for (const r of lab.engine.trace.since(0)) if (r.type === 'drop' || r.type === 'rewrite' || r.type === 'note') out.push(r.reason)
  }
  // Every scheduler's rule, from the NAT lab with each in turn, then with every server quiesced.
  const lab = Lab.create('nat')
  runTranscript(lab, readFileSync(`${lessons}/nat/tutorial.script`, 'utf8'))
  for (const name of Object.keys(SCHEDULERS)) {
    lab.run('lvs', `ipvsadm -E -t 172.25.254.200:80 -s ${name}`)
    lab.run('client', 'curl -s -m 1 172.25.254.200; curl -s -m 1 172.25.254.200')
  }
  lab.run('lvs', 'ipvsadm -E -t 172.25.254.200:80 -s rr -p 60')
  lab.run('client', 'curl -s -m 1 172.25.254.200; curl -s -m 1 172.25.254.200')
  for (const r of lab.engine.trace.since(0)) if (r.type === 'sched') out.push(r.decision.rule)
  return out
}

describe('reasons in Chinese', () => {
  const all = reasons()
  it('are produced with codes and facts', () => {
    expect(new Set(all.map((r) => r.code)).size).toBeGreaterThan(15)
  })

  it('include a rule from every scheduler', () => {
    const codes = new Set(all.map((r) => r.code))
    for (const code of ['sched.rr', 'sched.wrr', 'sched.least', 'sched.nq.idle', 'sched.fo', 'sched.ovf', 'sched.lblc.cached', 'sched.lblcr.member', 'sched.dh', 'sched.sh', 'sched.mh', 'sched.twos', 'sched.none', 'sched.persistence']) expect(codes).toContain(code)
  })

  it.each(['zh-Hans', 'zh-Hant'] as const)('%s has a complete template for every code', (locale) => {
    const untranslated = new Set<string>()
    for (const r of all) {
      const text = localizeReason(r, locale)
      if (text === r.text || /[{}]/.test(text.replace(/\{[^}]*\}/g, ''))) untranslated.add(r.code)
    }
    expect([...untranslated]).toEqual([])
  })
})
