// window.lvsLab: the page's automation surface for teachers' scripts and tests.

import type { CommandMark, ConnTuple, LessonSummary, PredictResult, TraceRecord } from '../worker/protocol.ts'
import { i18n } from './i18n/i18n.svelte.ts'
import type { LabState } from './state/lab.svelte.ts'
import type { LessonState, ShownStep } from './state/lesson.svelte.ts'
import type { Timeline, TimelineFilter } from './state/timeline.svelte.ts'

/** The timeline as a demo script or a test sees it: every record with its connection and command. */
export interface TimelineView {
  records: (TraceRecord & { conn: ConnTuple | null; command: number | null })[]
  cursor: number
  playing: boolean
  live: boolean
  flow: boolean
  speed: number
  selected: number | null
  selectedConn: ConnTuple | null
  filter: TimelineFilter
  commands: CommandMark[]
  /** Records the memory budget folded into a summary (they are not in `records`). */
  summarised: number
}

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
  timeline(): TimelineView
  /** Puts the timeline's cursor on records[index] and pauses there. */
  seek(index: number): void
  /** Steps n visible events forward (n < 0: back) and pauses there. */
  step(n: number): void
  play(): void
  pause(): void
  /** The packet with this uid: the cursor to its first hop, the inspector shows it. */
  select(uid: number): void
}

export function installAutomation(lab: LabState, lesson: LessonState, timeline: Timeline): void {
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
    timeline: () => ({
      records: timeline.records.map((r) => ({ ...r, conn: timeline.connOf(r), command: timeline.commandOf(r)?.seq ?? null })),
      cursor: timeline.cursor,
      playing: timeline.playing,
      live: timeline.live,
      flow: timeline.flow,
      speed: timeline.speed,
      selected: timeline.selected,
      selectedConn: timeline.selectedConn,
      filter: timeline.filter,
      commands: timeline.commands,
      summarised: timeline.summary?.records ?? 0,
    }),
    seek: (index) => timeline.seek(index),
    step: (n) => timeline.step(n),
    play: () => timeline.play(),
    pause: () => timeline.pause(),
    select: (uid) => timeline.select(uid),
  }
  ;(window as unknown as { lvsLab: LvsLabAutomation }).lvsLab = api
}
