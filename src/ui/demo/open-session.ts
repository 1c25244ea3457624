// Opens the session open now (after the page's first load: the lab's own saved session, or a share
// link's) for a demo reel: its stored copy is set aside first (the replay saves as it types, and a
// take-over goes on from wherever it stopped, so the original must not be written over), then its
// lab opens afresh with the session's seed, and its keys are handed to the reel to type.

import type { KeyEvent, LabSummary } from '../../worker/protocol.ts'
import type { LabState } from '../state/lab.svelte.ts'

export async function openSessionForDemo(lab: LabState): Promise<{ lab: LabSummary; keys: KeyEvent[] } | { lesson: string | null }> {
  const session = await lab.api.session()
  if (!session || !session.keys.length) return { lesson: null }
  if (session.lesson) return { lesson: session.lesson }
  const summary = lab.labs.find((l) => l.id === session.lab)
  if (!summary) return { lesson: null }
  const slot = { kind: 'lab', id: session.lab } as const
  lab.sessions.notify({ kind: 'demo', slot, aside: lab.sessions.setAside(slot) })
  await lab.load(session.lab, { version: 1, lab: session.lab, seed: session.seed, keys: [] })
  return { lab: summary, keys: session.keys }
}
