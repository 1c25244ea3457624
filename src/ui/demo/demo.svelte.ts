// A demo reel's state (?demo=ID): the lesson opened afresh, its reel from the worker, what is
// playing (the step whose text is the caption, the line being typed), paused or not, and how it
// ended: played to the end, taken over by the presenter typing, or closed. The lesson counts as
// solved with help in this browser, as a shown solution does. `?demo=session` plays a saved
// session instead (the lab's or a lesson's own, or a share link's): its world afresh with its
// seed, then its keys; a lesson's session with the lesson's captions where its commands are the
// lesson's (session-reel.ts).

import type { LabSummary, LessonView, ReelItem } from '../../worker/protocol.ts'
import type { Locale } from '../i18n/messages.ts'
import type { Typist } from '../state/solution-player.ts'
import type { OpenedSession } from './open-session.ts'
import { playReel, readingMs, type ReelControl } from './play.ts'

export type DemoStatus = 'off' | 'loading' | 'playing' | 'paused' | 'done' | 'taken' | 'missing'

/** What the reel needs of the page: the lesson panel's state and the terminals. */
export interface DemoHost {
  openForDemo(id: string): Promise<LessonView | null>
  reel(): Promise<ReelItem[]>
  /** After the last line: the lesson's predictions answered as the solution does, then checked. */
  finish(): Promise<void>
  /** Opens the saved session's world afresh with its seed; its keys are the reel. Null: nothing to play. */
  openSession(): Promise<OpenedSession | null>
  typist: Typist
  focusTerminal(): void
}

const KEY_MS = 55
const PROMPT_TIMEOUT_MS = 20_000
/** Between two commands of a saved session: time to read what the last one printed. */
const COMMAND_GAP_MS = 1500

export class Demo {
  status = $state<DemoStatus>('off')
  id = $state<string | null>(null)
  view = $state.raw<LessonView | null>(null)
  /** The lab of the saved session playing (`?demo=session`), or null for a lesson's reel. */
  sessionLab = $state.raw<LabSummary | null>(null)
  /** The step whose text is the caption now; null: the lesson's introduction. */
  step = $state<string | null>(null)
  done = $state(0)
  total = $state(0)
  private stop = false
  private wake: (() => void) | null = null
  private skip: (() => void) | null = null

  constructor(private readonly host: DemoHost) {}

  get active(): boolean {
    return this.status === 'playing' || this.status === 'paused' || this.status === 'loading'
  }

  /** The caption: the step's title and text, or the introduction, in the given language. */
  caption(locale: Locale): { title: string | null; html: string } | null {
    const text = this.view?.text[locale]
    if (!text) return null
    const i = this.step === null ? -1 : (this.view?.stepIds.indexOf(this.step) ?? -1)
    return i >= 0 ? { title: text.steps[i].title, html: text.steps[i].html } : { title: null, html: text.intro }
  }

  /** `speed` scales the pace (2: twice as fast; `?demo=ID&speed=2`), within 0.25..20. */
  async start(id: string, locale: Locale, speed = 1): Promise<void> {
    const pace = paceOf(speed)
    this.id = id
    this.sessionLab = null
    this.status = 'loading'
    this.stop = false
    const view = await this.host.openForDemo(id)
    if (!view) {
      this.status = 'missing'
      return
    }
    this.view = view
    this.step = null
    const items = await this.host.reel()
    if (this.stop) return
    this.status = 'playing'
    const { control, typist } = this.controls()
    const intro = view.text[locale].intro.replace(/<[^>]*>/g, '')
    if (items[0]?.kind !== 'step') await control.wait(readingMs(intro) / pace)
    const played = await playReel(items, typist, control, {
      keyMs: KEY_MS / pace,
      promptTimeoutMs: PROMPT_TIMEOUT_MS,
      readMs: (step) => stepReadingMs(view, step, locale) / pace,
      onStep: (step) => (this.step = step),
      onLine: (done, total) => {
        this.done = done
        this.total = total
      },
    })
    if (!played || this.stop) return
    await this.host.finish()
    this.status = 'done'
  }

  /** Plays the saved session open now, command by command, at the presenter's pace. */
  async startSession(locale: Locale, speed = 1): Promise<void> {
    const pace = paceOf(speed)
    this.id = 'session'
    this.view = null
    this.step = null
    this.status = 'loading'
    this.stop = false
    const opened = await this.host.openSession()
    if (this.stop) return
    if (!opened) {
      this.status = 'missing'
      return
    }
    this.sessionLab = opened.lab
    this.view = opened.lesson?.view ?? null
    this.status = 'playing'
    const { commandCues, playKeys, sessionCommands } = await import('./session-reel.ts')
    const commands = sessionCommands(opened.keys)
    const cues = opened.lesson ? commandCues(commands, opened.lesson.reel) : []
    const { control, typist } = this.controls()
    const played = await playKeys(commands, typist, control, {
      keyMs: KEY_MS / pace,
      gapMs: COMMAND_GAP_MS / pace,
      promptTimeoutMs: PROMPT_TIMEOUT_MS,
      onLine: (done, total) => {
        this.done = done
        this.total = total
      },
      before: async (i) => {
        const cue = cues[i]
        if (cue?.step) {
          this.step = cue.step
          await control.wait(stepReadingMs(this.view!, cue.step, locale) / pace)
        }
        if (cue?.pause) await control.hold()
      },
    })
    if (played && !this.stop) this.status = 'done'
  }

  /** What a reel plays through: waits the presenter can skip or pause, and a typist that stops when paused. */
  private controls(): { control: ReelControl; typist: Typist } {
    const control: ReelControl = {
      stopped: () => this.stop,
      wait: (ms) => this.sleepSkippable(ms),
      hold: async () => {
        this.status = 'paused'
        await this.whilePaused()
      },
    }
    const typist: Typist = { ...this.host.typist, sleep: async (ms) => {
      await this.host.typist.sleep(ms)
      await this.whilePaused()
    } }
    return { control, typist }
  }

  toggle(): void {
    if (this.status === 'playing') this.status = 'paused'
    else if (this.status === 'paused') this.resume()
  }

  resume(): void {
    if (this.status !== 'paused') return
    this.status = 'playing'
    this.wake?.()
  }

  /** Ends the wait in progress: the caption's reading time, or a pause. */
  next(): void {
    this.skip?.()
    this.resume()
  }

  /** The presenter types: the reel stops where it is and the lab is theirs. */
  takeOver(): void {
    if (!this.active) return
    this.halt()
    this.status = 'taken'
    this.host.focusTerminal()
  }

  close(): void {
    this.halt()
    this.status = 'off'
    this.host.focusTerminal()
  }

  private halt(): void {
    this.stop = true
    this.wake?.()
    this.skip?.()
  }

  private whilePaused(): Promise<void> {
    if (this.status !== 'paused' || this.stop) return Promise.resolve()
    return new Promise((resolve) => {
      this.wake = () => {
        this.wake = null
        resolve()
      }
    })
  }

  private async sleepSkippable(ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms)
      function done(): void {
        clearTimeout(timer)
        resolve()
      }
      this.skip = () => {
        this.skip = null
        done()
      }
    })
    this.skip = null
    await this.whilePaused()
  }
}

/** How long a step's caption stays: its title and text read in the given language. */
function stepReadingMs(view: LessonView, step: string, locale: Locale): number {
  const text = view.text[locale].steps[view.stepIds.indexOf(step)]
  return readingMs(`${text?.title ?? ''} ${(text?.html ?? '').replace(/<[^>]*>/g, '')}`)
}

function paceOf(speed: number): number {
  return Number.isFinite(speed) ? Math.min(20, Math.max(0.25, speed)) : 1
}
