// Starts the engine before anything else: the worker is created and told to load the lab (with the
// saved session, if any) while the page is still parsing the UI code, so the first prompt does not
// wait for the interface to mount.

import * as Comlink from 'comlink'
import type { LabApi, SavedSession, TopologyView } from '../worker/protocol.ts'

export const SESSION_KEY = 'lvs-lab.session'
export const LAB_KEY = 'lvs-lab.lab'

export function readSaved(): SavedSession | null {
  try {
    const raw = localStorage.getItem(SESSION_KEY)
    if (!raw) return null
    const s = JSON.parse(raw) as SavedSession
    return s.version === 1 && Array.isArray(s.keys) ? s : null
  } catch {
    return null
  }
}

const worker = new Worker(new URL('../worker/worker.ts', import.meta.url), { type: 'module' })
export const api: Comlink.Remote<LabApi> = Comlink.wrap<LabApi>(worker)

/** An uncaught error inside the worker (a bug in the engine): the page offers a reload, which replays. */
export function onWorkerError(listener: (message: string) => void): void {
  worker.addEventListener('error', (e) => listener(e.message))
}

const saved = readSaved()
/** The first load, already under way; rejected ids fall back to the NAT lab. */
export const firstLoad: Promise<TopologyView> = api.load(saved?.lab ?? localStorage.getItem(LAB_KEY) ?? 'nat', saved).catch(() => api.load('nat', null))
