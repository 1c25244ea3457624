// The share link of the session open now: the page's own address (without its query or fragment,
// which the link replaces) and the session as the worker holds it at this moment.

import type { SavedSession } from '../../worker/protocol.ts'

export async function shareLink(source: { session(): Promise<SavedSession | null> }, page: Pick<Location, 'origin' | 'pathname'> = location): Promise<string> {
  const session = await source.session()
  if (!session) throw new Error('no lab loaded')
  // The encoder and its schema library load with the first link made, not with the page.
  const { encodeLink } = await import('./link.ts')
  return `${page.origin}${page.pathname}${await encodeLink(session)}`
}
