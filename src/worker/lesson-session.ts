// The open lesson in the worker (protocol.ts LessonApi): which lesson, since when, and its checks
// re-evaluated after every command the learner finishes. State checks run at once; a step's probes
// and after-reboot checks when its state checks hold (or all of them on Check), on copies rebuilt
// from the lesson's setup and the keystroke log. After a command that changes nothing traffic
// depends on (`ls`, `ipvsadm -Ln`: checks/world.ts fingerprint), the probes' earlier results are
// kept, so looking around costs nothing; any change runs them again, and Check always does.

import { evaluateLesson } from '../lab/checks/index.ts'
import { fingerprint } from '../lab/checks/world.ts'
import type { Lab } from '../lab/lab.ts'
import { lessonLab, replayActions, type Action } from '../lab/lessons/world.ts'
import type { Lesson } from '../lab/lessons/types.ts'
import { scriptCommands } from '../lab/script.ts'
import type { CheckResult, KeyEvent, LessonProgress, LessonSummary, LessonView, Submission } from './protocol.ts'

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
    this.cache.clear()
    this.lastState = ''
    this.fresh = false
    this.running.clear()
    this.actions = []
    return lab
  }

  close(): void {
    this.open = null
    this.cache.clear()
    this.lastState = ''
    this.running.clear()
    this.actions = []
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
    return { summary: l.summary, version: l.version, text: l.text, stepIds: l.steps.map((s) => s.id), solutionCommands: l.solutionCommands }
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
    const steps = evaluateLesson(o.lesson, world, { all, cached: this.cache, reuse: keep })
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
    }
  }
}
