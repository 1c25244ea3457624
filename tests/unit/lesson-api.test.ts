// The worker's lesson API in Node: opening a lesson runs its hidden setup, checks are re-evaluated
// after every command the learner finishes (state at once, probes once their step's state holds),
// a saved session carries the lesson so a reload rebuilds the same world, and the submission
// replays to the same grade.

import { describe, expect, it } from 'vitest'
import { loadLessons } from '../../src/cli/lesson-files.ts'
import { evaluateCheck } from '../../src/lab/checks/index.ts'
import { keysWorld } from '../../src/lab/lessons/world.ts'
import { gradeSubmission } from '../../src/lab/grade/grade.ts'
import { readSubmission } from '../../src/lab/grade/submission.ts'
import { createApi } from '../../src/worker/api.ts'
import type { LessonProgress, SavedSession, WorkerEvent } from '../../src/worker/protocol.ts'

const lessons = loadLessons()

function collect(api: ReturnType<typeof createApi>) {
  const progress: LessonProgress[] = []
  const saved: SavedSession[] = []
  api.subscribe((events: WorkerEvent[]) => {
    for (const e of events) {
      if (e.type === 'lesson') progress.push(e.progress)
      if (e.type === 'saved') saved.push(e.session)
    }
  })
  return { progress, saved }
}

/** Types a command into a host's terminal and lets it finish on the virtual clock. */
function type(api: ReturnType<typeof createApi>, host: string, line: string): void {
  api.keys(host, `${line}\r`)
  const lab = api.current()!
  lab.engine.advanceTo(lab.engine.now + 3_000_000)
  api.flush()
}

const status = (p: LessonProgress) => p.steps.map((s) => `${s.id}:${s.checks.map((c) => (c.passed === null ? '?' : c.passed ? '✓' : '✗')).join('')}`).join(' ')

describe('lesson api', () => {
  it('lists the lessons with their summaries', () => {
    const api = createApi({ lessons })
    expect(api.lessons().map((l) => l.id)).toEqual(lessons.map((l) => l.summary.id))
    expect(api.lessons().find((l) => l.id === 'nat')).toMatchObject({ lab: 'nat', level: 'beginner', exam: true, steps: 5 })
  })

  it('opens nat, turns checks after each command, and completes with the solution typed', () => {
    const api = createApi({ lessons })
    const { progress } = collect(api)
    const { topology, lesson } = api.openLesson('nat')
    expect(topology.lab.id).toBe('nat')
    expect(lesson.stepIds).toEqual(['firewall', 'httpd', 'gateway', 'forward', 'ipvs'])
    expect(lesson.text['zh-Hant'].steps[0].title).toBe('停止防火牆')
    expect(status(progress.at(-1)!)).toBe('firewall:✗✗✗ httpd:✗✗✗✗ gateway:✗✗ forward:✗ ipvs:✗✗✗??')
    type(api, 'lvs', 'systemctl disable --now firewalld')
    expect(status(progress.at(-1)!)).toBe('firewall:✓✗✗ httpd:✗✗✗✗ gateway:✗✗ forward:✗ ipvs:✗✗✗??')
    expect(progress.at(-1)!.commands).toBe(1)
    for (const c of api.solution().slice(1)) type(api, c.host, c.line)
    const last = progress.at(-1)!
    expect(status(last)).toBe('firewall:✓✓✓ httpd:✓✓✓✓ gateway:✓✓ forward:✓ ipvs:✓✓✓✓✓')
    expect(last.complete).toBe(true)
    expect(last.commands).toBe(lesson.solutionCommands)
  })

  it('a reload restores the lesson: setup re-run hidden, keys replayed, same checks', () => {
    const api = createApi({ lessons })
    const { progress, saved } = collect(api)
    api.openLesson('nat')
    type(api, 'lvs', 'systemctl disable --now firewalld')
    type(api, 'lvs', 'echo net.ipv4.ip_forward=1 > /etc/sysctl.conf; sysctl -p')
    const session = saved.at(-1)!
    expect(session.lesson).toBe('nat')
    const again = createApi({ lessons })
    const second = collect(again)
    again.openLesson('nat', session)
    expect(status(second.progress.at(-1)!)).toBe(status(progress.at(-1)!))
    expect(second.progress.at(-1)!.commands).toBe(2)
    // load() with a lesson's session rebuilds the lesson's world too.
    const third = createApi({ lessons })
    const t = collect(third)
    third.load('nat', session)
    expect(status(t.progress.at(-1)!)).toBe('firewall:✓✗✗ httpd:✗✗✗✗ gateway:✗✗ forward:✓ ipvs:✗✗✗??')
  })

  it('checkLesson runs the probes now and says why they fail', () => {
    const api = createApi({ lessons })
    api.openLesson('nat')
    const p = api.checkLesson()!
    const probe = p.steps.at(-1)!.checks.find((c) => c.id === 'all-answered')!
    expect(probe.passed).toBe(false)
    expect(probe.found.en).toMatch(/^none of the 8 requests got an answer: /)
  })
})

describe('the copy a probe runs on', () => {
  it('is the learner\'s world: typed at driver ticks, rebuilt from keystrokes, every state check agrees', () => {
    const api = createApi({ lessons })
    api.openLesson('nat')
    const lab = api.current()!
    // Keys arrive between 16 ms ticks at uneven times, a command sometimes while another runs.
    let tick = 0
    for (const c of api.solution()) {
      api.keys(c.host, `${c.line}\r`)
      for (let i = 0; i < 40 + (tick++ % 7) * 13; i++) {
        lab.engine.advanceTo(lab.engine.now + 16_000)
        api.flush()
      }
    }
    const sub = api.submission({ hints: 0, solution: false }, false)!
    const copy = keysWorld(lessons.find((l) => l.summary.id === 'nat')!, sub.seed, sub.keys, lab.engine.now).lab
    expect(copy.engine.now).toBe(lab.engine.now)
    for (const c of lessons.find((l) => l.summary.id === 'nat')!.steps.flatMap((s) => s.checks)) {
      if (c.kind === 'probe') continue
      expect(evaluateCheck(c, copy)).toEqual(evaluateCheck(c, lab))
    }
    for (const cmd of ['ipvsadm -Ln --stats', 'ip neigh', 'ipvsadm -Lnc']) expect(copy.run('lvs', cmd).stdout).toBe(lab.run('lvs', cmd).stdout)
  })
})

describe('the submission the page exports', () => {
  it('carries the lesson, version, seed, commands and keys, and grades 100% when the lesson is done', () => {
    const api = createApi({ lessons })
    api.openLesson('nat')
    for (const c of api.solution()) type(api, c.host, c.line)
    const sub = api.submission({ hints: 2, solution: false }, true)!
    const nat = lessons.find((l) => l.summary.id === 'nat')!
    expect(sub).toMatchObject({ format: 'lvs-lab-submission', version: 1, lesson: 'nat', lessonVersion: nat.version, lab: 'nat', seed: 1, help: { hints: 2, solution: false }, exam: true })
    expect(sub.commands.map((c) => `${c.host}: ${c.line.split('\n')[0]}`).slice(0, 3)).toEqual(['lvs: systemctl disable --now firewalld', 'RS1: systemctl disable --now firewalld', 'RS2: systemctl disable --now firewalld'])
    expect(sub.commands).toHaveLength(nat.solutionCommands)
    const g = gradeSubmission(nat, readSubmission(JSON.stringify(sub)) as { kind: 'submission'; submission: typeof sub })
    expect('error' in g ? g.error : [g.score, g.warnings]).toEqual([100, []])
  })
})

describe('probe results between commands', () => {
  it('a command that changes nothing traffic depends on keeps the probes; a change, or Check, runs them again', () => {
    const api = createApi({ lessons })
    const { progress } = collect(api)
    api.openLesson('nat')
    for (const c of api.solution()) type(api, c.host, c.line)
    expect(progress.at(-1)!.complete).toBe(true)
    const lab = api.current()!
    const traced = () => lab.engine.trace.lastId
    // A command that only looks: the probes keep their results, the lesson stays complete.
    const kept = progress.at(-1)!.steps.at(-1)!.checks
    type(api, 'lvs', 'ipvsadm -Ln')
    expect(progress.at(-1)!.steps.at(-1)!.checks).toEqual(kept)
    // A weight no state check looks at still changes the traffic: the probes run again.
    type(api, 'lvs', 'ipvsadm -e -t 172.25.254.200:80 -r 192.168.0.20:80 -m -w 0')
    expect(status(progress.at(-1)!)).toBe('firewall:✓✓✓ httpd:✓✓✓✓ gateway:✓✓ forward:✓ ipvs:✓✓✓✓✗')
    type(api, 'lvs', 'ipvsadm -e -t 172.25.254.200:80 -r 192.168.0.20:80 -m -w 1')
    expect(progress.at(-1)!.complete).toBe(true)
    // rs2's httpd stops: a state check changes, so the probes of every step whose state holds run
    // again (on copies: the learner's world sends nothing) and see rs2 refuse.
    const before = traced()
    type(api, 'rs2', 'systemctl stop httpd')
    expect(status(progress.at(-1)!)).toBe('firewall:✓✓✓ httpd:✓✗✓✓ gateway:✓✓ forward:✓ ipvs:✓✓✓✗✗')
    expect(progress.at(-1)!.steps.at(-1)!.checks.find((c) => c.id === 'all-answered')!.found.en).toBe('4 of 8 requests got no answer: RS2: nothing listens on TCP port 80, so the kernel answers with RST; 4 of 8 answered: 4 × "RS1 - 192.168.0.10"')
    expect(api.checkLesson()!.steps).toEqual(progress.at(-2)!.steps)
    expect(traced()).toBe(before)
    type(api, 'rs2', 'systemctl start httpd')
    expect(progress.at(-1)!.complete).toBe(true)
  })
})
