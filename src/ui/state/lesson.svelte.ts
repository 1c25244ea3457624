// The lesson panel's state: the lessons on offer and the marks of each, the open lesson (its text
// from the worker, its checks as the worker re-evaluates them after every command), the help the
// learner took, exam mode, and the lesson's life in storage (LessonStore). The worker grades; this
// class only asks it, remembers, and plays the solution through the terminals.

import type { LabSummary, LessonApi, LessonProgress, LessonSummary, LessonView, Locale, SavedSession, Submission, TopologyView } from '../../worker/protocol.ts'
import { groupByLab, nextLesson, firstLesson, type LessonGroup } from './lesson-order.ts'
import { hintsUsed, LessonStore, markOf, ProgressFileError, type LessonMark, type LessonRecord } from './lesson-store.ts'
import type { Slot, StoreProblem } from '../session/store.ts'
import { PredictState } from './predict.svelte.ts'
import { playSolution, type SolutionLine } from './solution-player.ts'

type Async<T> = { [K in keyof T]: T[K] extends (...a: infer A) => infer R ? (...a: A) => Promise<Awaited<R>> : never }

/** What the lesson panel needs of the lab: LabState, or a fake in tests. */
export interface LessonLab {
  readonly api: Async<LessonApi>
  readonly labs: LabSummary[]
  readonly topology: TopologyView | null
  activeHost: string
  enter(open: () => Promise<TopologyView>, slot: Slot): Promise<void>
  /** A lesson's stored session could not be read (it was set aside): the page says so. */
  sessionProblem?(problem: StoreProblem): void
  /** This tab saves the open world's session (false: another tab does, so nothing is forgotten here). */
  ownsSession?(): boolean
  keys(host: string, data: string): void
  nextPrompt(host: string, timeoutMs: number): Promise<void>
  focusTerminal(): void
}

/** The address bar: which lesson is open and whether as an exam. */
export interface Address {
  read(): { lesson: string | null; exam: boolean }
  write(lesson: string | null, exam: boolean): void
}

export const browserAddress: Address = {
  read() {
    const q = new URLSearchParams(location.search)
    return { lesson: q.get('lesson'), exam: q.get('exam') === '1' }
  },
  write(lesson, exam) {
    const url = new URL(location.href)
    url.searchParams.delete('lesson')
    url.searchParams.delete('exam')
    if (lesson) url.searchParams.set('lesson', lesson)
    if (lesson && exam) url.searchParams.set('exam', '1')
    history.replaceState(history.state, '', url)
  },
}

export interface Notice {
  kind: 'info' | 'error'
  key: 'lesson.missing' | 'lesson.imported' | 'lesson.importFailed' | 'lesson.examRefused'
  params: Record<string, string | number>
  /** Lessons the notice is about, named in the page's language when shown. */
  lessons?: string[]
}

export interface ShownCheck {
  id: string
  kind: string
  passed: boolean | null
  expected: string
  found: string
}

export interface ShownStep {
  id: string
  done: boolean
  checks: ShownCheck[]
}

const KEY_MS = 12
const PROMPT_TIMEOUT_MS = 20_000

export class LessonState {
  lessons = $state.raw<LessonSummary[]>([])
  view = $state.raw<LessonView | null>(null)
  /** The latest checks the worker sent for the open lesson. */
  progress = $state.raw<LessonProgress | null>(null)
  /** The open lesson's session as last saved (a course platform keeps a copy: LmsReport). */
  saved = $state.raw<SavedSession | null>(null)
  /** The open lesson is an exam: no hints, no solution. */
  exam = $state(false)
  /** The picker is shown over the open lesson. */
  picking = $state(false)
  /** The finish screen is set aside to look at the steps again. */
  reviewing = $state(false)
  collapsed = $state(false)
  confirmingSolution = $state(false)
  /** The solution being typed: lines done of total. */
  playing = $state.raw<{ done: number; total: number } | null>(null)
  checking = $state(false)
  notice = $state.raw<Notice | null>(null)
  /** Bumped whenever the store changes, so marks and help read afresh. */
  private revision = $state(0)
  private stopRequested = false
  readonly store: LessonStore
  /** The open lesson's predict checks: questions, answers, results. */
  readonly predict = new PredictState(() => this.lab.api)

  constructor(
    private readonly lab: LessonLab,
    private readonly address: Address = browserAddress,
    private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null = globalThis.localStorage ?? null,
  ) {
    this.store = new LessonStore(storage)
    this.collapsed = storage?.getItem(COLLAPSED_KEY) === '1'
  }

  /** After the first load: the lesson list, and the lesson the page opened in. */
  async start(first: LessonView | null, missing: string | null): Promise<void> {
    this.lessons = await this.lab.api.lessons()
    if (missing) this.notice = { kind: 'error', key: 'lesson.missing', params: { id: missing } }
    if (first) this.adopt(first, this.address.read().exam)
  }

  get id(): string | null {
    return this.view?.summary.id ?? null
  }

  get groups(): LessonGroup[] {
    return groupByLab(this.lessons, this.lab.labs)
  }

  /** The lesson a newcomer is invited to begin with. */
  get first(): LessonSummary | null {
    return firstLesson(this.lessons, this.lab.labs)
  }

  /** A lesson begun and not finished, to pick up again (the first in the picker's order). */
  get resume(): LessonSummary | null {
    return this.groups.flatMap((g) => g.lessons).find((l) => this.mark(l.id) === 'started') ?? null
  }

  /** Nothing has been begun yet: the panel greets a newcomer. */
  get newcomer(): boolean {
    void this.revision
    return this.store.ids().length === 0
  }

  mark(id: string): LessonMark {
    void this.revision
    return markOf(this.store.get(id))
  }

  get record(): LessonRecord | undefined {
    void this.revision
    return this.id ? this.store.get(this.id) : undefined
  }

  /** The open lesson's checks, once the worker has evaluated them. */
  get current(): LessonProgress | null {
    return this.progress && this.progress.lesson === this.id ? this.progress : null
  }

  get complete(): boolean {
    return this.current?.complete ?? false
  }

  /** Hints revealed so far in a step (none in an exam). */
  hintsShown(step: number): number {
    return this.exam ? 0 : (this.record?.hints[step] ?? 0)
  }

  get hintsTotal(): number {
    return hintsUsed(this.record)
  }

  get next(): LessonSummary | null {
    const id = this.id
    if (!id) return null
    void this.revision
    return nextLesson(id, this.lessons, this.lab.labs, (l) => this.mark(l) === 'done' || this.mark(l) === 'helped')
  }

  /** Every lesson on offer is done (with help or without). */
  get allDone(): boolean {
    return this.lessons.every((l) => l.id === this.id || this.mark(l.id) === 'done' || this.mark(l.id) === 'helped')
  }

  /** The checks as the panel shows them, in the given language. */
  shown(locale: Locale): ShownStep[] {
    return (this.current?.steps ?? []).map((s) => ({
      id: s.id,
      done: s.done,
      checks: s.checks.map((c) => ({ id: c.id, kind: c.kind, passed: c.passed, expected: c.expected[locale], found: c.found[locale] })),
    }))
  }

  async open(id: string, exam = false): Promise<void> {
    this.picking = false
    const summary = this.lessons.find((l) => l.id === id)
    if (!summary) {
      this.notice = { kind: 'error', key: 'lesson.missing', params: { id } }
      return
    }
    await this.enter(id, this.store.storedSession(id, (p) => this.lab.sessionProblem?.(p))?.text ?? null, exam || (this.store.get(id)?.exam ?? false))
  }

  /**
   * A session of the open lesson kept elsewhere (a course platform's suspend_data) comes back,
   * unless this browser holds as much of it or more.
   */
  async resumeFrom(session: SavedSession): Promise<void> {
    const id = session.lesson
    if (!id || id !== this.id) return
    if ((this.store.session(id)?.keys.length ?? 0) >= session.keys.length) return
    await this.enter(id, session, this.exam)
  }

  /** Leaves the lesson (another lab was chosen): the lab goes on without checks. */
  close(): void {
    this.view = null
    this.progress = null
    this.exam = false
    this.reviewing = false
    this.confirmingSolution = false
    this.stopSolution()
    this.address.write(null, false)
  }

  /** The lab's Restart: the open lesson starts again from its setup; the help taken is kept. */
  async restart(): Promise<void> {
    if (this.id) await this.enter(this.id, null, this.exam)
  }

  /** Forgets a lesson's progress and help; an open lesson starts again from its setup. */
  async reset(id: string): Promise<void> {
    this.store.reset(id)
    this.revision++
    if (this.id === id) await this.enter(id, null, this.address.read().exam)
  }

  /** `session`: an object, or the text it is stored as (sent to the worker as it is). */
  private async enter(id: string, session: SavedSession | string | null, exam: boolean): Promise<void> {
    this.stopSolution()
    this.progress = null
    let view: LessonView | null = null
    await this.lab.enter(async () => {
      const opened = await this.lab.api.openLesson(id, session)
      view = opened.lesson
      return opened.topology
    }, { kind: 'lesson', id })
    // A fresh start forgets the lesson's old world: a reload now must not bring it back.
    if (!session && this.lab.ownsSession?.() !== false) this.store.setSession(id, null)
    if (view) this.adopt(view, exam)
  }

  private adopt(view: LessonView, examAsked: boolean): void {
    const id = view.summary.id
    const asked = examAsked || (this.store.get(id)?.exam ?? false)
    this.view = view
    this.exam = asked && view.summary.exam
    void this.predict.reset()
    this.reviewing = false
    this.confirmingSolution = false
    this.notice = asked && !view.summary.exam ? { kind: 'info', key: 'lesson.examRefused', params: {} } : this.notice?.key === 'lesson.missing' ? this.notice : null
    this.address.write(id, this.exam)
  }

  /** A `lesson` event: the checks turned; the record follows (started, done, done with help). */
  onProgress(p: LessonProgress): void {
    this.progress = p
    const view = this.view
    if (!view || p.lesson !== view.summary.id || (p.commands === 0 && !this.store.get(p.lesson))) return
    const stepsDone = p.steps.filter((s) => s.done).length
    this.update((r) => {
      const finished = p.complete && r.status === 'started'
      return {
        ...r,
        stepsDone,
        status: finished ? (r.solution ? 'helped' : 'done') : r.status,
        finish: finished ? { elapsed: p.elapsed, commands: p.commands } : r.finish,
      }
    })
  }

  /**
   * The session as stored: kept with its lesson, so the lesson's world comes back when reopened;
   * false when storage had no room for it.
   */
  onPersist(session: SavedSession): boolean {
    const id = session.lesson
    if (!id || !this.lessons.some((l) => l.id === id)) return true
    // The keeper extends one session object key by key: a new object tells the readers it changed.
    this.saved = { ...session }
    if (!this.store.get(id) && !session.keys.length && !session.predictions?.length) return true
    return this.store.setSession(id, session)
  }

  revealHint(step: number): void {
    const hints = this.view?.text.en.steps[step]?.hints.length ?? 0
    if (this.exam || this.hintsShown(step) >= hints) return
    this.update((r) => {
      const next = [...r.hints]
      next[step] = (next[step] ?? 0) + 1
      return { ...r, hints: next }
    })
  }

  async check(): Promise<void> {
    if (!this.view) return
    this.checking = true
    try {
      const p = await this.lab.api.checkLesson()
      if (p) this.onProgress(p)
    } finally {
      this.checking = false
    }
  }

  /**
   * The solution, after the learner confirmed: the lesson starts again from its setup and the
   * solution's lines are typed into the terminals; the lesson counts as solved with help.
   */
  async showSolution(): Promise<void> {
    const id = this.id
    this.confirmingSolution = false
    if (!id || this.exam) return
    this.update((r) => ({ ...r, solution: true }))
    await this.enter(id, null, false)
    const lines = this.hostsOf(await this.lab.api.solution())
    this.stopRequested = false
    this.playing = { done: 0, total: lines.length }
    try {
      const typed = await playSolution(lines, this.typist(), {
        keyMs: KEY_MS,
        promptTimeoutMs: PROMPT_TIMEOUT_MS,
        stopped: () => this.stopRequested || this.id !== id,
        onLine: (done) => (this.playing = { done, total: lines.length }),
      })
      if (typed) {
        await this.predict.solve()
        await this.check()
      }
    } finally {
      this.playing = null
    }
  }

  /**
   * A demo reel (?demo=ID): the lesson afresh from its setup, counted as solved with help as a
   * shown solution is. Null when there is no such lesson.
   */
  async openForDemo(id: string): Promise<LessonView | null> {
    if (!this.lessons.some((l) => l.id === id)) return null
    await this.enter(id, null, false)
    this.update((r) => ({ ...r, solution: true }))
    return this.view
  }

  focusTerminal(): void {
    this.lab.focusTerminal()
  }

  stopSolution(): void {
    this.stopRequested = true
  }

  /** The submission the page exports, as the file's text ('' with no lesson open). */
  async submissionText(): Promise<string> {
    const sub: Submission | null = this.view ? await this.lab.api.submission({ hints: this.hintsTotal, solution: this.record?.solution ?? false }, this.exam) : null
    return sub ? `${JSON.stringify(sub, null, 2)}\n` : ''
  }

  exportProgress(): string {
    return this.store.exportText()
  }

  /** Takes a progress file; an open lesson it includes is rebuilt from the file's session. */
  async importProgress(text: string): Promise<void> {
    try {
      const ids = this.store.importText(text)
      this.revision++
      this.notice = { kind: 'info', key: 'lesson.imported', params: {}, lessons: ids }
      const id = this.id
      if (id && ids.includes(id)) await this.enter(id, this.store.session(id), this.store.get(id)?.exam ?? false)
    } catch (e) {
      if (!(e instanceof ProgressFileError)) throw e
      this.notice = { kind: 'error', key: 'lesson.importFailed', params: { reason: e.message } }
    }
  }

  toggleCollapsed(): void {
    this.collapsed = !this.collapsed
    this.storage?.setItem(COLLAPSED_KEY, this.collapsed ? '1' : '0')
  }

  private update(change: (r: LessonRecord) => LessonRecord): void {
    const view = this.view
    if (!view) return
    this.store.update(view.summary.id, change, view.summary.steps, this.exam)
    this.revision++
  }

  /** Solution lines name hosts as the transcript does (RS1); the terminals go by the lab's names. */
  private hostsOf(lines: SolutionLine[]): SolutionLine[] {
    const names = this.lab.topology?.hosts.map((h) => h.name) ?? []
    return lines.map((l) => ({ ...l, host: names.find((n) => n.toLowerCase() === l.host.toLowerCase()) ?? l.host }))
  }

  /** How the solution is typed (the demo reel types the same way): the host's tab to the front, keys to its shell. */
  typist() {
    return {
      show: (host: string) => (this.lab.activeHost = host),
      keys: (host: string, data: string) => this.lab.keys(host, data),
      nextPrompt: (host: string, ms: number) => this.lab.nextPrompt(host, ms),
      sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
    }
  }
}

const COLLAPSED_KEY = 'lvs-lab.lesson-panel.collapsed'
