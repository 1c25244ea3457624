// The browser worker's API while the code loaded after the first prompt (the commands, the lesson
// engine: deferred/) is still on its way. A lab boots and shows its prompts without it; everything
// that could run a command or a lesson check waits here, in the order it came, and goes through
// the moment the packs are in: a line typed (Enter, and Tab and Ctrl-D, which complete or end
// one), a saved session to replay, a lesson, `run`. Keys are logged when they are handled, so the
// saved session replays exactly what ran, at the virtual time it ran. Typing without Enter echoes
// at once. The packs start loading when the page says its first prompt is drawn (promptDrawn), so
// their download and compilation do not compete with it, or at once when a call needs them.
// Node tests and the CLI never come here: they load everything statically.

import { sessionOf, type Api } from './api.ts'
import type { SavedSession } from './protocol.ts'

export interface Packs {
  ready(): boolean
  load(): Promise<void>
}

/** A session text longer than this holds commands (an empty session's text is some 60 characters). */
const LONG_TEXT = 1000

/** Keys that end, complete or leave a line: what makes the shell look a command up. */
const COMMITS = /[\r\n\t\x04]/

export function gate(api: Api, packs: Packs) {
  const held: (() => void)[] = []
  let started = false

  const start = (): void => {
    if (started) return
    started = true
    void packs.load().then(() => {
      // Calls held meanwhile may hold more (a load whose replay needs the packs): drain until empty.
      while (held.length) held.shift()!()
    })
  }

  const open = () => packs.ready() && !held.length

  /** Runs `fn` now if nothing waits, else after everything held before it. */
  function later<T>(fn: () => T): T | Promise<T> {
    if (open()) return fn()
    start()
    return new Promise<T>((resolve, reject) => {
      held.push(() => {
        try {
          resolve(fn())
        } catch (error) {
          reject(error)
        }
      })
    })
  }

  const needsPacks = (saved: SavedSession | null) => !!saved && ((Array.isArray(saved.keys) && saved.keys.length > 0) || !!saved.lesson)

  return {
    ...api,
    load(id: string, given?: SavedSession | string | null) {
      // A long session's text is parsed while the packs its replay will need are on their way;
      // otherwise the packs wait for the page's first prompt (promptDrawn).
      if (typeof given === 'string' && given.length > LONG_TEXT) start()
      const saved = sessionOf(given)
      if (open() || (!held.length && !needsPacks(saved))) return api.load(id, saved)
      return later(() => api.load(id, saved))
    },
    promptDrawn: (): void => start(),
    keys(host: string, data: string): void | Promise<void> {
      if (open() || (!held.length && !COMMITS.test(data))) return api.keys(host, data)
      return later(() => api.keys(host, data))
    },
    run: (host: string, command: string) => later(() => api.run(host, command)),
    openLesson(id: string, given?: SavedSession | string | null) {
      start()
      const saved = sessionOf(given)
      return later(() => api.openLesson(id, saved))
    },
    checkLesson: () => later(() => api.checkLesson()),
    solution: () => later(() => api.solution()),
    submission: (help: { hints: number; solution: boolean }, exam: boolean) => later(() => api.submission(help, exam)),
    predictQuestion: (check: string) => later(() => api.predictQuestion(check)),
    predict: (check: string, answers: Record<string, string>, once = false) => later(() => api.predict(check, answers, once)),
    predictions: () => later(() => api.predictions()),
    solvePredictions: () => later(() => api.solvePredictions()),
  }
}
