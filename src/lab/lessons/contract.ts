// The lesson part of the worker contract (protocol.ts re-exports all of it): what a lesson looks
// like to the UI, a check's result, the keystroke log and the submission file. Defined here, below
// the worker, because the lab layer builds and grades them.

import type { LocalText } from '../../i18n/locale.ts'

/** One input chunk as typed, with the virtual time it arrived: replaying these rebuilds a session. */
export interface KeyEvent {
  t: number
  host: string
  data: string
}

export interface LessonSummary {
  id: string
  lab: string
  title: LocalText
  level: 'beginner' | 'intermediate' | 'advanced'
  minutes: number
  requires: string[]
  exam: boolean
  order: number
  steps: number
}

export interface LessonText {
  /** Sanitised HTML rendered from the lesson's markdown. */
  intro: string
  steps: { title: string; html: string; hints: string[] }[]
}

export interface CheckResult {
  id: string
  step: string
  /** The check's kind (`service`, `route`, `probe`…). */
  kind: string
  /** null: not evaluated yet (a probe waits until its step's state checks hold, or for Check). */
  passed: boolean | null
  expected: LocalText
  found: LocalText
}

/** The file the page exports and `lvs-lab grade` replays. */
export interface Submission {
  format: 'lvs-lab-submission'
  version: 1
  lesson: string
  lessonVersion: string
  lab: string
  seed: number
  /** The command lines with their hosts and virtual times, for people and for transcripts. */
  commands: { t: number; host: string; line: string }[]
  /** The keystrokes as typed: replaying them rebuilds the world exactly. */
  keys: KeyEvent[]
  help: { hints: number; solution: boolean }
  exam: boolean
}
