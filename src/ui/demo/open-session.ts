// Opens the session open now (after the page's first load: the lab's or a lesson's own saved
// session, or a share link's) for a demo reel: its stored copy is set aside first (the replay saves
// as it types, and a take-over goes on from wherever it stopped, so the original must not be
// written over), then its world opens afresh with the session's seed: the bare lab, or for a
// lesson's session the lesson's lab with its hidden setup, and the lesson's reel for the captions.
// The session's keys are handed to the reel to type.

import type { KeyEvent, LabSummary, LessonView, ReelItem } from '../../worker/protocol.ts'
import type { LabState } from '../state/lab.svelte.ts'
import type { LessonState } from '../state/lesson.svelte.ts'

export interface OpenedSession {
  lab: LabSummary
  keys: KeyEvent[]
  /** A lesson's session: the lesson (its text gives the captions) and its reel (where they go). */
  lesson: { view: LessonView; reel: ReelItem[] } | null
}

/** Null: nothing to play (no session, no keys, or a lab or lesson this page does not have). */
export async function openSessionForDemo(lab: LabState, lesson: LessonState): Promise<OpenedSession | null> {
  const session = await lab.api.session()
  if (!session || !session.keys.length) return null
  const summary = lab.labs.find((l) => l.id === session.lab)
  if (!summary) return null
  if (session.lesson) {
    const id = session.lesson
    if (!lesson.lessons.some((l) => l.id === id && l.lab === session.lab)) return null
    const slot = { kind: 'lesson', id } as const
    lab.sessions.notify({ kind: 'demo', slot, aside: lab.sessions.setAside(slot) })
    const view = await lesson.openForSessionDemo(id, session.seed)
    if (!view) return null
    return { lab: summary, keys: session.keys, lesson: { view, reel: await lab.api.reel() } }
  }
  const slot = { kind: 'lab', id: session.lab } as const
  lab.sessions.notify({ kind: 'demo', slot, aside: lab.sessions.setAside(slot) })
  await lab.load(session.lab, { version: 1, lab: session.lab, seed: session.seed, keys: [] })
  return { lab: summary, keys: session.keys, lesson: null }
}
