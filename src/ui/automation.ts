// window.lvsLab: the page's automation surface for teachers' scripts and tests.

import type { LessonSummary, PredictResult } from '../worker/protocol.ts'
import { i18n } from './i18n/i18n.svelte.ts'
import type { LabState } from './state/lab.svelte.ts'
import type { LessonState, ShownStep } from './state/lesson.svelte.ts'
import { shareLink } from './session/share.ts'

export interface LvsLabAutomation {
  labs(): Promise<{ id: string; title: string }[]>
  load(id: string): Promise<void>
  run(host: string, command: string): Promise<{ stdout: string; exitCode: number }>
  trace(): Promise<unknown[]>
  /** The visible text of a host's terminal (scrollback included). */
  terminal(host: string): string
  lessons(): Promise<LessonSummary[]>
  openLesson(id: string): Promise<void>
  /** The open lesson's steps and checks as the panel shows them, in the page's language. */
  progress(): { lesson: string | null; complete: boolean; steps: ShownStep[] }
  /** The text of the submission file the page exports ('' with no lesson open). */
  submission(): Promise<string>
  /** Answers a predict check of the open lesson as its form does (the question held now if none is shown). */
  predict(check: string, answers: Record<string, string>): Promise<PredictResult | null>
  /** The share link of the session open now (the lab, its seed, every key, the lesson if any). */
  shareLink(): Promise<string>
}

export function installAutomation(lab: LabState, lesson: LessonState): void {
  const api: LvsLabAutomation = {
    labs: () => lab.api.labs(),
    load: async (id) => {
      lesson.close()
      await lab.load(id)
    },
    run: (host, command) => lab.api.run(host, command),
    trace: () => lab.api.trace(0),
    terminal: (host) => (window as unknown as { __lvsTerminals?: Record<string, () => string> }).__lvsTerminals?.[host]?.() ?? '',
    lessons: () => lab.api.lessons(),
    openLesson: (id) => lesson.open(id),
    progress: () => ({ lesson: lesson.id, complete: lesson.complete, steps: lesson.shown(i18n.locale) }),
    submission: () => lesson.submissionText(),
    predict: async (check, answers) => {
      lesson.predict.answers[check] = { ...answers }
      await lesson.predict.submit(check, lesson.exam)
      return lesson.predict.results[check] ?? null
    },
    shareLink: () => shareLink(lab.api),
  }
  ;(window as unknown as { lvsLab: LvsLabAutomation }).lvsLab = api
}
