// Every explanation the labs produce can be read in Chinese: each reason code the solutions, the
// failure cases and every scheduler emit has a Simplified and a Traditional template that covers
// all of its facts.

import { readdirSync, readFileSync } from 'node:fs'
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

// The replays above reach only the paths the labs take. Every reason code written in the engine's
// source must have its templates too, or a rarer drop would silently stay English.
describe('every reason code in the engine has Chinese templates', () => {
  const src = new URL('../../src/', import.meta.url).pathname
  const catalogue = readFileSync(`${src}i18n/reasons.ts`, 'utf8')
  const keys = (text: string) => new Set([...text.matchAll(/^ {2}'([a-z_0-9.]+)':/gm)].map((m) => m[1]))
  const [hans, hant] = catalogue.split('const zhHant')
  const byLocale = { 'zh-Hans': keys(hans), 'zh-Hant': keys(hant) }
  const templated = new Set([...byLocale['zh-Hans'], ...byLocale['zh-Hant']])
  const prefixes = [...new Set([...templated].map((k) => k.split('.')[0]))]
  // Names of that shape that are not reasons: the header fields a prediction asks about.
  const NOT_REASONS = new Set(['tcp.sport', 'tcp.dport', 'tcp.toa'])
  const files = (readdirSync(src, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !f.startsWith('ui/') && f !== 'i18n/reasons.ts')
  const codes = new Map<string, string>()
  const literal = new RegExp(`'((?:${prefixes.join('|')})\\.[a-z_0-9.]+)'`, 'g')
  for (const f of files) for (const m of readFileSync(src + f, 'utf8').matchAll(literal)) if (!NOT_REASONS.has(m[1])) codes.set(m[1], f)
  it('finds the codes', () => expect(codes.size).toBeGreaterThan(50))
  it.each([...codes])('%s (%s)', (code) => {
    for (const locale of ['zh-Hans', 'zh-Hant'] as const) expect(byLocale[locale].has(code), `${locale} template for ${code}`).toBe(true)
  })
})
