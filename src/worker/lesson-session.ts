// The open lesson in the worker (protocol.ts LessonApi): which lesson, since when, and its checks
// re-evaluated after every command the learner finishes. State checks run at once; a step's probes
// and after-reboot checks when its state checks hold (or all of them on Check), on copies rebuilt
// from the lesson's setup and the keystroke log. After a command that changes nothing traffic
// depends on (`ls`, `ipvsadm -Ln`: checks/world.ts fingerprint), the probes' earlier results are
// kept, so looking around costs nothing; any change runs them again, and Check always does. A
// predict check's question holds its packet on a copy of the world of that moment; the answer is
// graded against that same capture and kept, with the moment, so a reload or the grader rebuilds
// exactly that world.

import type { Lab } from '../lab/lab.ts'
import type { Lesson } from '../lab/lessons/types.ts'
import { capture, evaluateLesson, fingerprint, lessonLab, predictChecks, predictResult, question, replayActions, scriptCommands, scriptPredictions, type Action, type Capture } from './lesson-engine.ts'
import type { CheckResult, KeyEvent, LessonProgress, LessonSummary, LessonView, Prediction, PredictQuestion, PredictResult, Submission } from './protocol.ts'

/** A question asked: the moment (actions before it, virtual time), the copy it ran on, the capture. */
interface Asked {
  at: number
  t: number
  lab: Lab
  capture: Capture
  question: PredictQuestion
}

export interface OpenLesson {
  lesson: Lesson
  seed: number
  /** Virtual time and log length when the learner got the lab (after the hidden setup). */
  openedAt: number
  firstCommand: number
}

/** The lessons the worker knows: their summaries at once, the lessons when one is first needed. */
export interface LessonCatalogue {
  summaries: LessonSummary[]
  load(): Lesson[]
}

export class LessonSession {
  private open: OpenLesson | null = null
  private cache = new Map<string, CheckResult>()
  /** No command since the cache was filled: every cached result still describes the world. */
  private fresh = false
  /** The world's fingerprint at the last evaluation. */
  private lastState = ''
  /** Hosts whose command started since the last evaluation, to evaluate when it finishes. */
  private running = new Set<string>()
  /** What the learner did since the lesson opened, in order: a copy replays exactly this. */
  private actions: Action[] = []

  private loaded: Lesson[] | null = null
  /** Predict questions asked and not answered yet, by check id. */
  private asked = new Map<string, Asked>()
  /** Every answer given, in order; `at` indexes `actions`. */
  private answers: Prediction[] = []
  /** The graded last answer per predict check. */
  private graded = new Map<string, PredictResult>()

  constructor(private readonly catalogue: LessonCatalogue) {}

  summaries(): LessonSummary[] {
    return this.catalogue.summaries
  }

  find(id: string): Lesson | undefined {
    if (!this.catalogue.summaries.some((s) => s.id === id)) return undefined
    this.loaded ??= this.catalogue.load()
    return this.loaded.find((l) => l.summary.id === id)
  }

  get current(): OpenLesson | null {
    return this.open
  }

  /** The lesson's lab with its setup run; the lesson stays open until close(). */
  start(lesson: Lesson, seed: number): Lab {
    const lab = lessonLab(lesson, seed)
    this.open = { lesson, seed, openedAt: lab.engine.now, firstCommand: lab.log.length }
    this.reset()
    return lab
  }

  close(): void {
    this.open = null
    this.reset()
  }

  private reset(): void {
    this.cache.clear()
    this.lastState = ''
    this.fresh = false
    this.running.clear()
    this.actions = []
    this.asked.clear()
    this.answers = []
    this.graded.clear()
  }

  typed(k: KeyEvent): void {
    if (this.open) this.actions.push({ keys: k })
  }

  /** A headless command (`window.lvsLab.run`) changed the world too. */
  ran(t: number, host: string, line: string): void {
    if (!this.open) return
    this.actions.push({ run: { t, host, line } })
    this.fresh = false
  }

  view(): LessonView | null {
    const l = this.open?.lesson
    if (!l) return null
    const predicts = [...predictChecks(l).values()].map((c) => ({ check: c.id, step: c.step, host: c.args.host, from: c.args.from, url: c.args.url, packet: c.args.packet ?? 'syn', fields: [...c.args.fields] }))
    return { summary: l.summary, version: l.version, text: l.text, stepIds: l.steps.map((s) => s.id), solutionCommands: l.solutionCommands, predicts }
  }

  /** A terminal started a command: the world will have changed when it finishes. */
  commandStarted(host: string): void {
    if (!this.open) return
    this.running.add(host)
    this.fresh = false
  }

  /** Progress when a command started since the last look has finished, else null. */
  poll(lab: Lab, busy: (host: string) => boolean): LessonProgress | null {
    if (!this.open || !this.running.size) return null
    const finished = [...this.running].filter((h) => !busy(h))
    if (!finished.length) return null
    for (const h of finished) this.running.delete(h)
    return this.progress(lab, false)
  }

  /** Every check of the open lesson; probes only where their step's state holds unless `all`. */
  progress(lab: Lab, all: boolean): LessonProgress | null {
    const o = this.open
    if (!o) return null
    const actions = this.actions.slice()
    const world = { lab, copy: () => replayActions(o.lesson, o.seed, actions, lab.engine.now) }
    // Results computed on copies stay valid while the world they copied is the same.
    const state = fingerprint(lab)
    const keep = this.fresh || (!all && state === this.lastState)
    const predicted = new Map([...this.graded].map(([id, r]) => [id, r.check]))
    const steps = evaluateLesson(o.lesson, world, { all, cached: this.cache, reuse: keep, predicted })
    this.lastState = state
    this.fresh = true
    return {
      lesson: o.lesson.summary.id,
      steps,
      complete: steps.every((s) => s.done),
      commands: lab.log.length - o.firstCommand,
      elapsed: lab.engine.now - o.openedAt,
    }
  }

  solution(lab: Lab): { host: string; line: string }[] {
    return this.open ? scriptCommands(lab, this.open.lesson.solution) : []
  }

  /**
   * The file the page exports. Headless `run()` commands go into `keys` as the line typed at its
   * time, so the grader, which replays keystrokes, sees them too.
   */
  submission(lab: Lab, help: { hints: number; solution: boolean }, exam: boolean): Submission | null {
    const o = this.open
    if (!o) return null
    return {
      format: 'lvs-lab-submission',
      version: 1,
      lesson: o.lesson.summary.id,
      lessonVersion: o.lesson.version,
      lab: o.lesson.summary.lab,
      seed: o.seed,
      commands: lab.log.slice(o.firstCommand).map((e) => ({ t: e.t, host: e.host, line: e.line })),
      keys: this.actions.map((a) => ('keys' in a ? a.keys : { t: a.run.t, host: a.run.host, data: `${a.run.line}\r` })),
      help: { hints: help.hints, solution: help.solution },
      exam,
      ...(this.answers.length ? { predictions: this.answers.map((p) => ({ ...p, answers: { ...p.answers } })) } : {}),
    }
  }

  // ---- predict checks ------------------------------------------------------------------------

  /** Holds the check's packet on a copy of the world as it is now. */
  ask(lab: Lab, id: string): PredictQuestion | null {
    const o = this.open
    const c = o && predictChecks(o.lesson).get(id)
    if (!o || !c) return null
    const at = this.actions.length
    const t = lab.engine.now
    const copy = replayActions(o.lesson, o.seed, this.actions.slice(0, at), t)
    const held = capture(copy, c.args)
    const asked = { at, t, lab: copy, capture: held, question: question(id, c.args, held, copy) }
    this.asked.set(id, asked)
    return asked.question
  }

  /** Grades answers against the packet held by the last question (asked now if there was none). */
  answer(lab: Lab, id: string, answers: Record<string, string>, once: boolean): PredictResult | null {
    const o = this.open
    const c = o && predictChecks(o.lesson).get(id)
    if (!o || !c) return null
    if (once && this.graded.has(id)) return this.graded.get(id)!
    if (!this.asked.has(id)) this.ask(lab, id)
    const asked = this.asked.get(id)!
    this.asked.delete(id)
    // Only the asked fields, as strings, in a null-prototype object: the keys come from the page.
    const kept: Record<string, string> = Object.create(null)
    for (const f of c.args.fields) if (Object.hasOwn(answers, f) && typeof answers[f] === 'string') kept[f] = answers[f].slice(0, 200)
    this.answers.push({ check: id, at: asked.at, t: asked.t, answers: kept })
    return this.grade(c, asked, kept)
  }

  private grade(c: Extract<Lesson['steps'][number]['checks'][number], { kind: 'predict' }>, asked: Asked, answers: Record<string, string>): PredictResult {
    const attempts = this.answers.filter((p) => p.check === c.id).length
    const { result, outcome } = predictResult(c, asked.lab, answers, attempts, asked.capture)
    const r: PredictResult = { check: result, question: asked.question, fields: outcome.fields, leaving: asked.capture.ok ? asked.capture.leaving.frame : null, hop: asked.capture.ok ? asked.capture.leaving.wire : null, attempts }
    this.graded.set(c.id, r)
    return r
  }

  predictions(): PredictResult[] {
    return [...this.graded.values()]
  }

  /** Answers every predict check as the lesson's solution does. */
  solvePredictions(lab: Lab): PredictResult[] {
    const o = this.open
    if (!o) return []
    const out: PredictResult[] = []
    for (const p of scriptPredictions(o.lesson.solution)) {
      const r = this.answer(lab, p.check, p.answers, false)
      if (r) out.push(r)
    }
    return out
  }

  /** The answers for the saved session: `at` counts keystroke chunks only (headless runs are not saved). */
  savedPredictions(): Prediction[] {
    return this.answers.map((p) => ({ ...p, answers: { ...p.answers }, at: this.actions.slice(0, p.at).filter((a) => 'keys' in a).length }))
  }

  /** After a saved session was replayed: its answers, graded again on the worlds of their moments. */
  restorePredictions(saved: readonly Prediction[]): void {
    const o = this.open
    if (!o) return
    const checks = predictChecks(o.lesson)
    this.answers = saved.filter((p) => checks.has(p.check) && Number.isSafeInteger(p.at) && p.at >= 0 && p.at <= this.actions.length && Number.isFinite(p.t)).map((p) => {
      const answers: Record<string, string> = Object.create(null)
      for (const f of checks.get(p.check)!.args.fields) if (p.answers && Object.hasOwn(p.answers, f) && typeof p.answers[f] === 'string') answers[f] = p.answers[f]
      return { check: p.check, at: p.at, t: p.t, answers }
    })
    const last = new Map(this.answers.map((p) => [p.check, p]))
    for (const [id, p] of last) {
      const c = checks.get(id)!
      const copy = replayActions(o.lesson, o.seed, this.actions.slice(0, p.at), p.t)
      const held = capture(copy, c.args)
      this.grade(c, { at: p.at, t: p.t, lab: copy, capture: held, question: question(id, c.args, held, copy) }, p.answers)
    }
  }
}
