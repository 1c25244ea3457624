// Predict checks: the held packet captured from the director's rewrite on a copy of the world, per
// forwarding method (NAT rewrites the destination, DR only the MAC, TUN adds IPIP around the
// untouched packet, FULLNAT both addresses and TOA); answers understood in every spelling; and the
// worker's flow: question, answer, saved session, reload, submission graded by replay.

import { describe, expect, it } from 'vitest'
import { loadLessons } from '../../src/cli/lesson-files.ts'
import { capture, gradePrediction, type Captured } from '../../src/lab/checks/predict/index.ts'
import { gradeSubmission } from '../../src/lab/grade/grade.ts'
import { compileLesson, formatError } from '../../src/lab/lessons/compile.ts'
import { readSubmission } from '../../src/lab/grade/submission.ts'
import type { Lab } from '../../src/lab/lab.ts'
import type { PredictCheck } from '../../src/lab/lessons/schema.ts'
import { scriptPredictions } from '../../src/lab/lessons/predictions.ts'
import { lessonLab } from '../../src/lab/lessons/world.ts'
import { fields } from '../../src/net/format.ts'
import { createApi } from '../../src/worker/api.ts'
import type { SavedSession, WorkerEvent } from '../../src/worker/protocol.ts'

const lessons = loadLessons()
const lesson = (id: string) => lessons.find((l) => l.summary.id === id)!

/** The lesson's working lab (its setup) and its predict check's spec. */
function held(id: string, check: string, extra: Partial<PredictCheck> = {}): { lab: Lab; p: PredictCheck; c: Captured } {
  const l = lesson(id)
  const lab = lessonLab(l, 1)
  const spec = l.steps.flatMap((s) => s.checks).find((c) => c.id === check)!
  if (spec.kind !== 'predict') throw new Error(check)
  const p = { ...spec.args, ...extra }
  const c = capture(lab, p)
  if (!c.ok) throw new Error(c.found.en)
  return { lab, p, c }
}

/** `layer.name=value` of the fields that differ between the arriving and the leaving frame. */
function changed(c: Captured): string[] {
  const before = new Map(fields(c.arriving.frame).map((f) => [`${f.layer}.${f.name}`, f.value]))
  return fields(c.leaving.frame)
    .filter((f) => before.get(`${f.layer}.${f.name}`) !== f.value && f.name !== 'length')
    .map((f) => `${f.layer}.${f.name}=${f.value}`)
}

describe('capture: what the director really does to the held packet', () => {
  it('NAT: destination address to the chosen real server, MACs of the hop, TTL − 1', () => {
    const { c } = held('predict-nat', 'nat-syn')
    expect(c.method).toBe('masq')
    expect(c.decision?.chosen).toBe('192.168.0.10:80')
    expect([c.arriving.iface, c.leaving.iface, c.leaving.segment]).toEqual(['eth0', 'eth1', 'private'])
    expect(changed(c)).toEqual(['Ethernet.src=52:54:00:00:00:21', 'Ethernet.dst=52:54:00:00:00:30', 'IPv4.dst=192.168.0.10', 'IPv4.ttl=63'])
  })

  it('DR: only the destination MAC (and the TTL) changes', () => {
    const { c } = held('predict-dr', 'dr-syn')
    expect(c.method).toBe('droute')
    expect(c.decision?.chosen).toBe('192.168.0.20:80')
    expect(changed(c)).toEqual(['Ethernet.src=52:54:00:00:00:30', 'Ethernet.dst=52:54:00:00:00:50', 'IPv4.ttl=62'])
  })

  it('TUN: an outer IPIP header from the director to the real server around the untouched packet', () => {
    const { c } = held('predict-tun', 'tun-syn')
    expect(c.method).toBe('tunnel')
    const rows = fields(c.leaving.frame).map((f) => `${f.layer}.${f.name}=${f.value}`)
    expect(rows.slice(0, 12)).toEqual([
      'Ethernet.src=52:54:00:00:00:20',
      'Ethernet.dst=52:54:00:00:00:40',
      'IPv4.src=192.168.0.100',
      'IPv4.dst=192.168.0.20',
      'IPv4.ttl=63',
      'IPv4.proto=4',
      'IPv4.length=80',
      'Inner IPv4.src=192.168.0.111',
      'Inner IPv4.dst=192.168.0.100',
      'Inner IPv4.ttl=63',
      'Inner IPv4.proto=6',
      'Inner IPv4.length=60',
    ])
  })

  it('FULLNAT: both addresses and the source port; the TOA option on the SYN and the handshake ACK (DPVS tcp_fnat_in_handler)', () => {
    const syn = held('predict-fullnat', 'fullnat-syn').c
    expect(syn.method).toBe('fullnat')
    expect(changed(syn)).toEqual(['Ethernet.src=52:54:00:00:00:21', 'Ethernet.dst=52:54:00:00:00:40', 'IPv4.src=192.168.0.200', 'IPv4.dst=192.168.0.20', 'TCP.sport=4994'])
    expect((syn.leaving.frame.payload.payload as { toa?: unknown }).toa).toEqual({ ip: 0xac19fe6f, port: 50402 })
    const ack = held('predict-fullnat', 'fullnat-ack').c
    expect(ack.decision?.chosen).toBe('192.168.0.20:80')
    expect((ack.leaving.frame.payload.payload as { toa?: unknown }).toa).toEqual({ ip: 0xac19fe6f, port: 50402 })
  })

  it('the same world gives the same capture', () => {
    expect(held('predict-dr', 'dr-syn').c).toEqual(held('predict-dr', 'dr-syn').c)
  })

  it('a request that never reaches IPVS says why', () => {
    const l = lesson('predict-dr')
    const lab = lessonLab(l, 1)
    lab.run('dr-lvs', 'ipvsadm -C')
    const c = capture(lab, { host: 'dr-lvs', from: 'client', url: 'http://192.168.0.220/', fields: ['eth.dst'] })
    expect(c.ok).toBe(false)
    expect(!c.ok && c.found.en).toBe('the first SYN never went through IPVS on dr-lvs; dr-lvs: nothing listens on TCP port 80, so the kernel answers with RST')
  })
})

describe('answers: values, host names, same, new, none', () => {
  const dr = held('predict-dr', 'dr-syn')
  const grade = (answers: Record<string, string>, h = dr) => gradePrediction(h.p, h.c, answers, h.lab)
  const field = (answers: Record<string, string>, f: string, h = dr) => grade(answers, h).fields.find((r) => r.field === f)!

  it('a MAC counts by value, by host name, by host:iface, in any case and with dashes', () => {
    for (const a of ['rs2', 'RS2', 'rs2:eth0', '52:54:00:00:00:50', '52-54-00-00-00-50', '52:54:00:00:00:50'.toUpperCase()]) expect(field({ 'eth.dst': a }, 'eth.dst').passed).toBe(true)
    const wrong = field({ 'eth.dst': 'rs1' }, 'eth.dst')
    expect(wrong.passed).toBe(false)
    expect(wrong.text.en).toBe("destination MAC: you said RS1's eth0 (52:54:00:00:00:40); IPVS DR set it to RS2's eth0 (52:54:00:00:00:50): DR changes only the destination MAC: to the MAC of the real server rr chose, RS2 (192.168.0.20)")
    expect(wrong.text['zh-Hant']).toBe('目的 MAC：你的答案是 RS1 的 eth0（52:54:00:00:00:40）；IPVS DR 把它設為 RS2 的 eth0（52:54:00:00:00:50）：DR 只改目的 MAC：改為 rr 選中的真實伺服器 RS2 (192.168.0.20) 的 MAC')
  })

  it('an address counts by value, by the host holding it, or as same', () => {
    for (const a of ['192.168.0.220', 'same', 'unchanged', 'dr-lvs']) expect(field({ 'ip.dst': a }, 'ip.dst').passed).toBe(true)
    // rs2 holds the VIP on lo, but "rs2" means its own address: the answer a DR learner gets wrong.
    expect(field({ 'ip.dst': 'rs2' }, 'ip.dst').passed).toBe(false)
  })

  it('answers that are not a value of the field say so', () => {
    expect(field({ 'eth.dst': 'nosuch' }, 'eth.dst').text.en).toBe('destination MAC: you said "nosuch", which is not a MAC address or a host of this lab; IPVS DR set it to RS2\'s eth0 (52:54:00:00:00:50): DR changes only the destination MAC: to the MAC of the real server rr chose, RS2 (192.168.0.20)')
    expect(field({}, 'ip.src').said.en).toBe('nothing')
    expect(field({ 'tcp.dport': '70000' }, 'tcp.dport').passed).toBe(false)
    expect(field({ 'outer.proto': '__proto__' }, 'outer.proto').said.en).toBe('"__proto__", which is not none, ipip (4), gre (47) or gue')
  })

  it('a host with an interface on each network needs the frame network or a named interface', () => {
    const nat = held('predict-nat', 'nat-syn')
    expect(field({ 'eth.src': 'lvs' }, 'eth.src', nat).passed).toBe(true)
    expect(field({ 'eth.src': 'lvs:eth0' }, 'eth.src', nat).passed).toBe(false)
    expect(field({ 'eth.src': 'lvs:eth1' }, 'eth.src', nat).passed).toBe(true)
  })

  it('ports: a number, same, or new for a port the director picks', () => {
    const fn = held('predict-fullnat', 'fullnat-syn')
    expect(field({ 'tcp.sport': 'new' }, 'tcp.sport', fn).passed).toBe(true)
    expect(field({ 'tcp.sport': 'same' }, 'tcp.sport', fn).passed).toBe(false)
    expect(field({ 'tcp.dport': '80' }, 'tcp.dport', fn).passed).toBe(true)
    const nat = held('predict-nat', 'nat-syn')
    expect(field({ 'tcp.sport': 'new' }, 'tcp.sport', nat).passed).toBe(false)
  })

  it('the outer header: none for DR, IPIP from the director for TUN', () => {
    expect(field({ 'outer.proto': 'none' }, 'outer.proto').passed).toBe(true)
    expect(field({ 'outer.proto': 'ipip' }, 'outer.proto').text.en).toBe('outer protocol: you said IPIP (protocol 4); IPVS DR left it at none (no outer header): only TUN wraps the packet in an outer header; IPVS DR does not')
    const tun = held('predict-tun', 'tun-syn')
    for (const a of ['ipip', '4', 'IPIP']) expect(field({ 'outer.proto': a }, 'outer.proto', tun).passed).toBe(true)
    expect(field({ 'outer.src': 'lvs-tun' }, 'outer.src', tun).passed).toBe(true)
    expect(field({ 'outer.dst': 'none' }, 'outer.dst', tun).passed).toBe(false)
  })

  it('TOA: the client, by name, address or address:port', () => {
    const ack = held('predict-fullnat', 'fullnat-ack')
    for (const a of ['client', '172.25.254.111', '172.25.254.111:50402']) expect(field({ 'tcp.toa': a }, 'tcp.toa', ack).passed).toBe(true)
    expect(field({ 'tcp.toa': '172.25.254.111:1' }, 'tcp.toa', ack).passed).toBe(false)
  })

  it('the check holds only when every field is right, and says how many were', () => {
    const all = { 'eth.src': 'dr-lvs', 'eth.dst': 'rs2', 'ip.src': 'same', 'ip.dst': 'same', 'tcp.dport': '80', 'outer.proto': 'none' }
    expect(grade(all)).toMatchObject({ passed: true, found: { en: 'all 6 fields right', 'zh-Hans': '6 个字段全部正确', 'zh-Hant': '6 個欄位全部正確' } })
    expect(grade({ ...all, 'ip.dst': 'rs2' }).found.en).toMatch(/^5 of 6 fields right; destination IP: you said 192\.168\.0\.20 \(RS2\)/)
  })
})

describe('the predict block in lesson.md', () => {
  const TEXT = ['en', 'zh-Hans', 'zh-Hant'].map((l) => `## ${l}\n\nIntro.\n\n### Step\n\nDo it.\n\n#### Hint\n\nLike this.\n`).join('\n')
  const compile = (predict: string, solution = '#predict p ip.dst=same\n') =>
    compileLesson({
      dir: 'lessons/t',
      id: 't',
      files: { 'lesson.md': `---\nid: t\nlab: nat\nlevel: beginner\nminutes: 5\ntitle: { en: T, zh-Hans: T, zh-Hant: T }\nsteps:\n  - id: s\n    checks:\n      - id: p\n        predict: ${predict}\n---\n\n${TEXT}`, 'solution.script': solution },
    })
  const errors = (r: ReturnType<typeof compile>) => r.errors.map(formatError)

  it('compiles, with the packet left to the SYN', () => {
    const r = compile('{ host: lvs, from: client, url: http://172.25.254.200/, fields: [ip.dst, eth.dst] }')
    expect(errors(r)).toEqual([])
    expect(r.lesson!.steps[0].checks[0]).toEqual({ kind: 'predict', id: 'p', step: 's', afterReboot: false, args: { host: 'lvs', from: 'client', url: 'http://172.25.254.200/', fields: ['ip.dst', 'eth.dst'] } })
  })

  it('names the line and field of a wrong block', () => {
    expect(errors(compile('{ host: lvs, from: client, url: ftp://x, packet: fin, fields: [ip.dst, ip.dst, mac] }'))).toEqual([
      'lessons/t/lesson.md:11: steps[0].checks[0].predict.url: expected an http:// or https:// URL',
      'lessons/t/lesson.md:11: steps[0].checks[0].predict.packet: expected syn, ack or data',
      'lessons/t/lesson.md:11: steps[0].checks[0].predict.fields[2]: expected one of eth.src, eth.dst, ip.src, ip.dst, ip.ttl, tcp.sport, tcp.dport, tcp.toa, outer.src, outer.dst, outer.proto',
    ])
    expect(errors(compile('{ host: lvs, from: client, url: http://x/, fields: [ip.dst, ip.dst] }'))).toEqual(['lessons/t/lesson.md:11: steps[0].checks[0].predict.fields: expected each field once'])
    expect(errors(compile('{ host: rs9, from: client, url: http://x/, fields: [ip.dst] }'))).toEqual(['lessons/t/lesson.md:11: steps[0].checks[0].predict.host: no host "rs9" in lab nat (hosts: client, lvs, RS1, RS2)'])
  })

  it("checks the solution's #predict lines against the lesson's checks", () => {
    expect(errors(compile('{ host: lvs, from: client, url: http://x/, fields: [ip.dst] }', 'true\n#predict q ip.dst=same\n#predict p eth.dst=rs1 ip.src\n'))).toEqual([
      'lessons/t/solution.script:2: #predict: no predict check "q" in this lesson',
      'lessons/t/solution.script:3: #predict p: expected field=value, found "ip.src"',
      'lessons/t/solution.script:3: #predict p: the check does not ask for eth.dst (it asks for ip.dst)',
    ])
  })
})

describe('transcripts: #predict lines', () => {
  it('reads the answers and says what is wrong with a line', () => {
    expect(scriptPredictions('ls\n#predict x eth.dst=rs2 ip.dst=same\n#predict y foo=1 bare ip.src=a ip.src=b\n# predict z not a directive')).toEqual([
      { check: 'x', answers: { 'eth.dst': 'rs2', 'ip.dst': 'same' }, lineNo: 2, errors: [] },
      { check: 'y', answers: { 'ip.src': 'a' }, lineNo: 3, errors: ['unknown field "foo" (fields: eth.src, eth.dst, ip.src, ip.dst, ip.ttl, tcp.sport, tcp.dport, tcp.toa, outer.src, outer.dst, outer.proto)', 'expected field=value, found "bare"', 'field "ip.src" answered twice'] },
    ])
  })

  it('an unanswered predict check fails in grading', () => {
    const g = gradeSubmission(lesson('predict-dr'), { kind: 'transcript', script: '' })
    expect('error' in g ? g.error : g.checks[0]).toMatchObject({ id: 'dr-syn', passed: false, found: { en: 'no answer was given' } })
  })

  it('an answer to a check the lesson lacks is a warning', () => {
    const g = gradeSubmission(lesson('predict-dr'), { kind: 'transcript', script: '#predict nope ip.dst=same\n' })
    expect('error' in g ? g.error : g.warnings).toEqual(['an answer to "nope", which is not a predict check of lesson predict-dr'])
  })
})

describe('worker: question, answer, reload, submission', () => {
  it('asks, grades, keeps the answer through a reload, and the grader agrees', () => {
    const api = createApi({ lessons })
    const saved: SavedSession[] = []
    api.subscribe((events: WorkerEvent[]) => {
      for (const e of events) if (e.type === 'saved') saved.push(e.session)
    })
    const { lesson: view } = api.openLesson('predict-dr')
    expect(view.predicts).toEqual([{ check: 'dr-syn', step: 'syn', host: 'dr-lvs', from: 'client', url: 'http://192.168.0.220/', packet: 'syn', fields: ['eth.src', 'eth.dst', 'ip.src', 'ip.dst', 'tcp.dport', 'outer.proto'] }])
    expect(api.checkLesson()!.steps[0].checks[0].passed).toBeNull()

    const q = api.predictQuestion('dr-syn')!
    expect(q.ready).toBe(true)
    if (!q.ready) return
    expect(q.decision?.en).toBe('rr chose RS2 (192.168.0.20)')
    expect([q.director, q.method, q.arrivedOn, q.sentOn]).toEqual(['dr-lvs', 'droute', 'eth0', 'eth0'])

    // The learner types a command before answering: the answer is graded on the world it was asked in.
    api.keys('client', 'curl -s 192.168.0.220\r')
    api.current()!.engine.advanceTo(api.current()!.engine.now + 3_000_000)
    const wrong = api.predict('dr-syn', { 'eth.src': 'dr-lvs', 'eth.dst': 'rs2', 'ip.src': 'same', 'ip.dst': 'rs2', 'tcp.dport': '80', 'outer.proto': 'none' })!
    expect(wrong.check.passed).toBe(false)
    expect(wrong.fields.filter((f) => !f.passed).map((f) => f.field)).toEqual(['ip.dst'])
    expect(fields(wrong.leaving!).find((f) => f.layer === 'Ethernet' && f.name === 'dst')!.value).toBe('52:54:00:00:00:50')
    expect(api.checkLesson()!.steps[0].checks[0].passed).toBe(false)

    // An exam keeps the first answer; otherwise a second attempt is a new question.
    expect(api.predict('dr-syn', { 'ip.dst': 'same' }, true)).toEqual(wrong)
    const right = api.predict('dr-syn', { 'eth.src': 'dr-lvs', 'eth.dst': 'rs1', 'ip.src': 'same', 'ip.dst': 'same', 'tcp.dport': '80', 'outer.proto': 'none' })!
    expect(right.attempts).toBe(2)
    expect(right.check).toMatchObject({ passed: true, found: { en: 'all 6 fields right (attempt 2)' } })
    const session = saved.at(-1)!
    expect(session.predictions?.map((p) => [p.check, p.at])).toEqual([['dr-syn', 0], ['dr-syn', 1]])

    const again = createApi({ lessons })
    again.openLesson('predict-dr', session)
    expect(again.predictions()).toEqual([right])
    expect(again.checkLesson()!.complete).toBe(true)

    const file = readSubmission(JSON.stringify(api.submission({ hints: 0, solution: false }, false)))
    if ('error' in file) throw new Error(file.error)
    const g = gradeSubmission(lesson('predict-dr'), file)
    expect('error' in g ? g.error : [g.score, g.checks[0].found.en]).toEqual([100, 'all 6 fields right (attempt 2)'])
  })

  it('the solution answers every predict check', () => {
    const api = createApi({ lessons })
    api.openLesson('predict-fullnat')
    expect(api.solvePredictions().map((r) => [r.check.id, r.check.passed])).toEqual([
      ['fullnat-syn', true],
      ['fullnat-ack', true],
    ])
    expect(api.checkLesson()!.complete).toBe(true)
  })
})
