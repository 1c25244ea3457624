// Lesson figures for `npm run bench`: how long after a command the NAT lesson's state checks and a
// probe answer in the worker, and how long grading 100 submissions takes. Each is the median (or
// total) of real runs through the same code the page and the CLI use.

import { performance } from 'node:perf_hooks'
import { loadLessons } from '../src/cli/lesson-files.ts'
import { evaluateCheck } from '../src/lab/checks/index.ts'
import { gradeSubmission } from '../src/lab/grade/grade.ts'
import type { Submission } from '../src/lab/lessons/contract.ts'
import { keysWorld } from '../src/lab/lessons/world.ts'
import { createApi } from '../src/worker/api.ts'

const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]

/** The NAT lesson typed into the worker's terminals, as a learner would, up to its last command. */
function solvedNat() {
  const lessons = loadLessons()
  const nat = lessons.find((l) => l.summary.id === 'nat')!
  const api = createApi({ lessons })
  api.openLesson('nat')
  const steps = api.solution()
  for (const c of steps) {
    api.keys(c.host, `${c.line}\r`)
    const lab = api.current()!
    lab.engine.advanceTo(lab.engine.now + 3_000_000)
    api.flush()
  }
  return { api, nat, submission: api.submission({ hints: 0, solution: false }, false)! }
}

export function lessonFigures(): { stateMs: number; probeMs: number; grade100s: number } {
  const { api, nat, submission } = solvedNat()
  const lab = api.current()!
  // State checks after a command: what the worker evaluates at once (probes already cached).
  api.checkLesson()
  const state: number[] = []
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now()
    api.checkLesson()
    state.push(performance.now() - t0)
  }
  // A probe after a command: a copy rebuilt from the keystrokes, then 8 requests through it.
  const probe = nat.steps.flatMap((s) => s.checks).find((c) => c.id === 'all-answered')!
  const world = keysWorld(nat, submission.seed, submission.keys, lab.engine.now)
  const probes: number[] = []
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now()
    evaluateCheck(probe, world.copy())
    probes.push(performance.now() - t0)
  }
  // 100 submissions: the page's file, each replayed and every check recomputed.
  const files: Submission[] = Array.from({ length: 100 }, () => structuredClone(submission))
  const t0 = performance.now()
  for (const s of files) gradeSubmission(nat, { kind: 'submission', submission: s })
  const grade100s = (performance.now() - t0) / 1000
  return { stateMs: median(state), probeMs: median(probes), grade100s }
}

/** A predict question in the DR lesson (a copy of the world, the held SYN) and its answer graded. */
export function predictFigure(): { questionMs: number; answerMs: number } {
  const api = createApi({ lessons: loadLessons() })
  api.openLesson('predict-dr')
  const questions: number[] = []
  const answers: number[] = []
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now()
    api.predictQuestion('dr-syn')
    const t1 = performance.now()
    api.predict('dr-syn', { 'eth.src': 'dr-lvs', 'eth.dst': 'rs2', 'ip.src': 'same', 'ip.dst': 'same', 'tcp.dport': '80', 'outer.proto': 'none' })
    questions.push(t1 - t0)
    answers.push(performance.now() - t1)
  }
  return { questionMs: median(questions), answerMs: median(answers) }
}
