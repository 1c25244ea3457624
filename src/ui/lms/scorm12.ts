// The SCORM 1.2 run-time API as a sharable content object uses it (ADL SCORM 1.2 RTE): the
// platform puts an object named `API` on a window above the content (a parent frame, or the opener
// that launched it); the SCO finds it by walking up, calls LMSInitialize(""), reads the learner's
// language (cmi.student_preference.language) and the launch's lesson_mode (a browse or review
// launch changes nothing), writes the cmi.core data model (lesson_status, score.raw/min/max,
// session_time, exit), LMSCommit("") after each change, and LMSFinish("") once at the end. The
// learner's session rides in cmi.suspend_data (CMIString4096: at most 4096 characters), read back
// when the platform resumes the attempt. Every call answers a string: "true", "false", or
// a value; errors are read with LMSGetLastError and LMSGetErrorString.

import type { LessonResult, Reporter } from './result.ts'

export interface Scorm12Api {
  LMSInitialize(arg: ''): string
  LMSFinish(arg: ''): string
  LMSGetValue(element: string): string
  LMSSetValue(element: string, value: string): string
  LMSCommit(arg: ''): string
  LMSGetLastError(): string
  LMSGetErrorString(code: string): string
}

/** How far up the frames to look, as ADL's sample API-finding code does. */
const MAX_DEPTH = 7
/** cmi.suspend_data is a CMIString4096. */
export const SUSPEND_MAX = 4096

function apiOf(win: Window): Scorm12Api | null {
  try {
    const api = (win as unknown as { API?: Scorm12Api }).API
    return api && typeof api.LMSInitialize === 'function' ? api : null
  } catch {
    return null // a frame of another origin
  }
}

function searchUp(start: Window): Scorm12Api | null {
  let win = start
  for (let depth = 0; depth <= MAX_DEPTH; depth++) {
    const api = apiOf(win)
    if (api) return api
    if (win.parent === win) return null
    win = win.parent
  }
  return null
}

/** The platform's API in this window, a frame above it, or the window that opened it. */
export function findScormApi(win: Window): Scorm12Api | null {
  const here = searchUp(win)
  if (here) return here
  try {
    return win.opener ? searchUp(win.opener as Window) : null
  } catch {
    return null
  }
}

/** CMITimespan: HHHH:MM:SS.SS (hours two to four digits). */
export function timespan(ms: number): string {
  const cs = Math.round(ms / 10)
  const h = Math.min(9999, Math.floor(cs / 360000))
  const m = Math.floor(cs / 6000) % 60
  const s = (cs % 6000) / 100
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${s.toFixed(2).padStart(5, '0')}`
}

export class Scorm12Reporter implements Reporter {
  readonly platform = 'SCORM 1.2'
  languages: string[] = []
  private passed = false
  private finished = false
  /** Launched to browse or review: nothing about the attempt may change. */
  private review = false
  resumeData = ''
  private kept = ''

  constructor(
    private readonly api: Scorm12Api,
    private readonly now: () => number,
    private readonly started = now(),
  ) {}

  async start(): Promise<void> {
    this.call('LMSInitialize', this.api.LMSInitialize(''))
    // A platform that does not keep the optional preference answers '' (and an error code, ignored).
    this.languages = this.api.LMSGetValue('cmi.student_preference.language').split(',').map((l) => l.trim()).filter(Boolean)
    this.review = ['browse', 'review'].includes(this.api.LMSGetValue('cmi.core.lesson_mode'))
    const status = this.api.LMSGetValue('cmi.core.lesson_status')
    this.passed = status === 'passed'
    this.resumeData = this.api.LMSGetValue('cmi.suspend_data')
    this.kept = this.resumeData
    if (this.review) return
    if (status === '' || status === 'not attempted') this.set('cmi.core.lesson_status', 'incomplete')
    this.set('cmi.core.score.min', '0')
    this.set('cmi.core.score.max', '100')
    this.call('LMSCommit', this.api.LMSCommit(''))
  }

  async report(r: LessonResult): Promise<void> {
    if (this.review) return
    this.set('cmi.core.score.raw', String(r.score))
    if (r.passed && !this.passed) this.set('cmi.core.lesson_status', 'passed')
    this.passed ||= r.passed
    this.call('LMSCommit', this.api.LMSCommit(''))
  }

  keep(data: string): 'ok' | 'long' {
    if (data.length > SUSPEND_MAX) return 'long'
    if (this.review || this.finished || data === this.kept) return 'ok'
    this.set('cmi.suspend_data', data)
    this.call('LMSCommit', this.api.LMSCommit(''))
    this.kept = data
    return 'ok'
  }

  finish(): void {
    if (this.finished) return
    this.finished = true
    if (!this.review) this.record()
    this.api.LMSFinish('')
  }

  private record(): void {
    this.api.LMSSetValue('cmi.core.session_time', timespan(this.now() - this.started))
    // A lesson left unfinished is suspended, so the platform resumes the attempt rather than closing it.
    this.api.LMSSetValue('cmi.core.exit', this.passed ? '' : 'suspend')
    this.api.LMSCommit('')
  }

  private set(element: string, value: string): void {
    this.call(`LMSSetValue ${element}`, this.api.LMSSetValue(element, value))
  }

  private call(what: string, answer: string): void {
    if (answer === 'true') return
    const code = this.api.LMSGetLastError()
    throw new Error(`${what}: ${code} ${this.api.LMSGetErrorString(code)}`.trim())
  }
}
