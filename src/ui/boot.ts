// Starts the engine before anything else: the worker is created and told to load the lab (with the
// saved session, if any) while the page is still parsing the UI code, so the first prompt does not
// wait for the interface to mount. A `?lesson=ID` link opens that lesson in its lab instead, with
// the lesson's own saved session.

import * as Comlink from 'comlink'
import type { LabApi, LessonApi, LessonView, SavedSession, TopologyView } from '../worker/protocol.ts'
import { isSavedSession, LessonStore } from './state/lesson-store.ts'

export const SESSION_KEY = 'lvs-lab.session'
export const LAB_KEY = 'lvs-lab.lab'

export function readSaved(): SavedSession | null {
  try {
    const raw = localStorage.getItem(SESSION_KEY)
    const s: unknown = raw ? JSON.parse(raw) : null
    return isSavedSession(s) ? s : null
  } catch {
    return null
  }
}

const worker = new Worker(new URL('../worker/worker.ts', import.meta.url), { type: 'module' })
export const api: Comlink.Remote<LabApi & LessonApi> = Comlink.wrap<LabApi & LessonApi>(worker)

/** An uncaught error inside the worker (a bug in the engine): the page offers a reload, which replays. */
export function onWorkerError(listener: (message: string) => void): void {
  worker.addEventListener('error', (e) => listener(e.message))
}

export interface FirstLoad {
  topology: TopologyView
  lesson: LessonView | null
  /** The lesson the link asked for, when there is no such lesson. */
  missing: string | null
}

/** The lesson of the address bar (?lesson=ID), else the one lesson of a `lvs-lab build --lesson ID` site. */
const linkedLesson = (): string | null => new URLSearchParams(location.search).get('lesson') ?? (import.meta.env.VITE_LVS_LESSON || null)

async function load(saved: SavedSession | null): Promise<FirstLoad> {
  const lesson = linkedLesson() ?? saved?.lesson ?? null
  if (lesson) {
    const session = saved?.lesson === lesson ? saved : new LessonStore().session(lesson)
    try {
      return { ...(await api.openLesson(lesson, session)), missing: null }
    } catch {
      saved = null
    }
  }
  const topology = await api.load(saved?.lab ?? localStorage.getItem(LAB_KEY) ?? 'nat', saved).catch(() => api.load('nat', null))
  return { topology, lesson: null, missing: lesson }
}

/** The first load, already under way; rejected ids fall back to the NAT lab. */
export const firstLoad: Promise<FirstLoad> = load(readSaved())
