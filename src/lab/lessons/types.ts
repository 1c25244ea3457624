// A lesson as the engine uses it: compiled from lessons/ID/ by compile.ts (in Node, at build time
// or by the CLI) into plain data, so the browser never parses YAML or markdown. Checks keep their
// fields as the schema gave them, with an id and the step they belong to.

import type { Locale } from '../../i18n/locale.ts'
import type { LessonSummary, LessonText } from './contract.ts'
import type { CheckKind, CheckSpec } from './schema.ts'

export type KindArgs = { [K in CheckKind]: NonNullable<CheckSpec[K]> }

/** One check: its kind and that kind's fields. */
export type Check = { [K in CheckKind]: { kind: K; args: KindArgs[K]; id: string; step: string; afterReboot: boolean } }[CheckKind]

export interface Lesson {
  summary: LessonSummary
  /** A hash of the lesson's files (lesson.md, setup.script, solution.script). */
  version: string
  text: Record<Locale, LessonText>
  steps: { id: string; checks: Check[] }[]
  /** Commands run hidden before the learner starts (transcript format), or null. */
  setup: string | null
  /** The commands that solve it (transcript format). */
  solution: string
  solutionCommands: number
}
