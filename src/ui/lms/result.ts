// What the page reports to a course platform about a lesson: the score is the percentage of the
// lesson's checks that hold, to one decimal, as `lvs-lab grade` computes it (src/lab/grade); the
// lesson passes when every check holds. A check not evaluated yet (a probe waiting for its step's
// state) does not hold.

import type { LessonProgress } from '../../worker/protocol.ts'

export interface LessonResult {
  lesson: string
  /** 0 to 100. */
  score: number
  passed: boolean
  /** The learner typed something in the lesson (an attempt a platform may judge, not a visit). */
  attempted: boolean
}

export function lessonResult(p: LessonProgress): LessonResult {
  const checks = p.steps.flatMap((s) => s.checks)
  const held = checks.filter((c) => c.passed === true).length
  return { lesson: p.lesson, score: checks.length ? Math.round((1000 * held) / checks.length) / 10 : 0, passed: p.complete, attempted: p.commands > 0 }
}

/** What a platform sees a learner keep: the best score so far, and a pass once passed. */
export function better(prev: LessonResult | null, next: LessonResult): LessonResult {
  if (!prev) return next
  return { lesson: next.lesson, score: Math.max(prev.score, next.score), passed: prev.passed || next.passed, attempted: prev.attempted || next.attempted }
}

/** A course platform the page reports to (SCORM 1.2 or cmi5). */
export interface Reporter {
  /** Its name for the learner ("SCORM 1.2", "cmi5"). */
  readonly platform: string
  /** The learner's preferred languages as the platform gave them (BCP 47 tags, best first), once started. */
  readonly languages: string[]
  start(): Promise<void>
  /** The lesson's result changed (never called with a worse one: see better()). */
  report(r: LessonResult): Promise<void>
  /** The page is going away: say so, with what there is, without waiting for an answer. */
  finish(): void
  /** What the platform kept of an earlier, unfinished attempt (SCORM 1.2 cmi.suspend_data), once started. */
  readonly resumeData?: string
  /** Keeps the learner's work with the platform for a later attempt; 'long' when it does not fit. */
  keep?(data: string): 'ok' | 'long'
}
