// Starts the engine before anything else: the worker is created and told to load the first world
// while the page is still parsing the UI code, so the first prompt does not wait for the interface
// to mount. Which world, in order: a share link in the fragment (#share=…), a lesson of the address
// (?lesson=ID), a lab of the address (?lab=ID), the lab or lesson open last time, the NAT lab; each
// with its own saved session (session/store.ts). What goes wrong on the way (a damaged link, a
// damaged or newer stored copy, a lab or lesson that does not exist) is handed to the page to say.

import * as Comlink from 'comlink'
import type { GateApi, LabApi, LabSummary, LessonApi, LessonView, SavedSession, TopologyView, WorkerEvent } from '../worker/protocol.ts'
import { firstPromptShown } from './first-prompt.ts'
import { isShareFragment } from './session/fragment.ts'
import type { LinkProblem } from './session/link.ts'
import { SessionStore, slotOf, type Slot, type StoreProblem } from './session/store.ts'
import { LessonStore } from './state/lesson-store.ts'

/** The slot open last time, as `lab:ID` or `lesson:ID`. */
export const LAST_KEY = 'lvs-lab.open'

const worker = new Worker(new URL('../worker/worker.ts', import.meta.url), { type: 'module' })
export const api: Comlink.Remote<LabApi & LessonApi & GateApi> = Comlink.wrap<LabApi & LessonApi & GateApi>(worker)
// The worker's own deferred code follows the first prompt too (worker/gate.ts).
void firstPromptShown.then(() => api.promptDrawn())

/**
 * The page listens before it asks for the first world, so the worker sends the first prompt with
 * the world itself instead of on a later tick, and the interface, mounting meanwhile, finds it
 * waiting (listen) rather than asking for it in more round trips.
 */
const early: WorkerEvent[][] = []
let listener: ((events: WorkerEvent[]) => void) | null = null
void api.subscribe(Comlink.proxy((events: WorkerEvent[]) => (listener ? listener(events) : early.push(events))))

/** Takes the worker's events: those that came before, then each batch as it comes. */
export function listen(receive: (events: WorkerEvent[]) => void): void {
  listener = receive
  for (const events of early.splice(0)) receive(events)
}

/** The labs there are, asked for beside the first world. */
export const labs: Promise<LabSummary[]> = api.labs()

/** An uncaught error inside the worker (a bug in the engine): the page offers a reload, which replays. */
export function onWorkerError(listener: (message: string) => void): void {
  worker.addEventListener('error', (e) => listener(e.message))
}

export interface FirstLoad {
  topology: TopologyView
  lesson: LessonView | null
  /** The lesson the link asked for, when there is no such lesson. */
  missing: string | null
  /** The lab the address asked for (?lab=ID), when there is no such lab. */
  missingLab: string | null
  /** Where the world's session is saved; null for the empty lab after a damaged share link. */
  slot: Slot | null
  /** Stored sessions that could not be read (each was set aside). */
  problems: StoreProblem[]
  /** The share link could not be opened, and why. */
  link: LinkProblem | null
  /** A share link was opened: the slot's own session went to `aside` (null: it had none). */
  shared: { aside: string | null } | null
}

export const sessions = new SessionStore()
/** The lesson of the address bar (?lesson=ID), else the one lesson of a `lvs-lab build --lesson ID` site. */
const linkedLesson = (): string | null => new URLSearchParams(location.search).get('lesson') ?? (import.meta.env.VITE_LVS_LESSON || null)

/** Where earlier versions kept the id of the lab open last. */
const LEGACY_LAB_KEY = 'lvs-lab.lab'

/** The slot open last time (null on a first visit). */
export const readLast = (): Slot | null => {
  try {
    const legacy = localStorage.getItem(LEGACY_LAB_KEY)
    const [kind, id] = (localStorage.getItem(LAST_KEY) ?? (legacy ? `lab:${legacy}` : '')).split(/:(.*)/)
    return (kind === 'lab' || kind === 'lesson') && id ? { kind, id } : null
  } catch {
    return null
  }
}

/** Remembers the slot open now, so a visit without a link comes back to it. */
export function rememberOpen(slot: Slot): void {
  try {
    localStorage.setItem(LAST_KEY, `${slot.kind}:${slot.id}`)
  } catch {
    // Storage blocked: the next visit opens the NAT lab.
  }
}

type Opened = Pick<FirstLoad, 'topology' | 'lesson'>

/** Opens a slot with a session (or the text it is stored as); null when its lab or lesson does not exist. */
async function open(slot: Slot, session: SavedSession | string | null): Promise<Opened | null> {
  try {
    if (slot.kind === 'lesson') return await api.openLesson(slot.id, session)
    return { topology: await api.load(slot.id, session), lesson: null }
  } catch {
    return null
  }
}

async function openShared(first: Omit<FirstLoad, 'topology' | 'lesson'>): Promise<FirstLoad | null> {
  const { decodeLink } = await import('./session/link.ts')
  const decoded = await decodeLink(location.hash)
  // The link has done its work: a reload now restores what is saved, not the link again.
  history.replaceState(history.state, '', location.pathname + location.search)
  if ('session' in decoded) {
    const slot = slotOf(decoded.session)
    const aside = sessions.setAsideSession(slot)
    const opened = await open(slot, decoded.session)
    if (opened) {
      sessions.write(slot, decoded.session)
      return { ...first, ...opened, slot, shared: { aside } }
    }
    first.link = { reason: 'damaged', detail: slot.kind === 'lesson' ? `no lesson ${slot.id}` : `no lab ${slot.id}` }
  } else first.link = decoded
  // A damaged link opens an empty lab that saves nowhere, so no saved work is written over.
  return { ...first, topology: await api.load('nat', null), lesson: null, slot: null }
}

async function load(): Promise<FirstLoad> {
  const first: Omit<FirstLoad, 'topology' | 'lesson'> = { missing: null, missingLab: null, slot: null, problems: [], link: null, shared: null }
  const problem = (p: StoreProblem) => first.problems.push(p)
  sessions.migrateLegacy(problem)
  if (isShareFragment(location.hash)) {
    const shared = await openShared(first)
    if (shared) return shared
  }
  const q = new URLSearchParams(location.search)
  const asked = linkedLesson()
  const lab = q.get('lab')
  const slot: Slot = asked ? { kind: 'lesson', id: asked } : lab ? { kind: 'lab', id: lab } : (readLast() ?? { kind: 'lab', id: 'nat' })
  const stored = slot.kind === 'lesson' ? new LessonStore().storedSession(slot.id, problem) : sessions.readStored(slot, problem)
  const opened = await open(slot, stored?.text ?? null)
  if (opened) return { ...first, ...opened, slot }
  if (asked) first.missing = asked
  else if (lab) first.missingLab = lab
  const nat: Slot = { kind: 'lab', id: 'nat' }
  return { ...first, topology: await api.load('nat', sessions.readStored(nat, problem)?.text ?? null), lesson: null, slot: nat }
}

// A share link pasted over the page already open changes only the fragment: open it as a new load.
addEventListener('hashchange', () => isShareFragment(location.hash) && location.reload())

/** The first load, already under way; rejected ids fall back to the NAT lab. */
export const firstLoad: Promise<FirstLoad> = load()
