// What the page's panels read from the world (conn-view.ts: the connection table, a file to
// download, the session as a pcap; state-view.ts: the picture's cards) as the browser's worker has
// it: vite.config.ts puts this module in place of both in the worker bundle. None of it is needed
// for the first prompt, and the pcap writer is most of it, so it is a chunk loaded with the packs;
// the gate (gate.ts) holds the API calls that read it until the packs are in.

import type * as Conns from '../conn-view.ts'
import type * as States from '../state-view.ts'

let views: [typeof Conns, typeof States] | null = null
let loading: Promise<void> | null = null

/** Loads the views' code (once). */
export function loadViews(): Promise<void> {
  loading ??= Promise.all([import('../conn-view.ts'), import('../state-view.ts')]).then((m) => {
    views = m
  })
  return loading
}

export const viewsLoaded = (): boolean => views !== null

function use(): [typeof Conns, typeof States] {
  if (!views) throw new Error('the panels’ views are not loaded yet')
  return views
}

export const connections: typeof Conns.connections = (...a) => use()[0].connections(...a)
export const readFile: typeof Conns.readFile = (...a) => use()[0].readFile(...a)
export const capture: typeof Conns.capture = (...a) => use()[0].capture(...a)
export const stateView: typeof States.stateView = (...a) => use()[1].stateView(...a)
