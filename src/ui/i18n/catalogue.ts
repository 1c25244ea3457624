// The message catalogue one language at a time: each locale's strings are a chunk of their own
// (virtual:lvs-catalogue/LOCALE, written by vite.config.ts from messages.ts), so the first prompt
// carries only the reader's language and another arrives when the learner switches to it. The
// entry asks for the first one at once (main.ts), beside the interface's code, not after it.

import type { Locale, MessageKey } from './messages.ts'

export type Messages = Readonly<Record<MessageKey, string>>

const LOADERS: Record<Locale, () => Promise<{ default: Messages }>> = {
  en: () => import('virtual:lvs-catalogue/en'),
  'zh-Hans': () => import('virtual:lvs-catalogue/zh-Hans'),
  'zh-Hant': () => import('virtual:lvs-catalogue/zh-Hant'),
}

const loaded = new Map<Locale, Promise<Messages>>()

/** One locale's messages, fetched once; a failed fetch may be tried again. */
export function loadCatalogue(locale: Locale): Promise<Messages> {
  let p = loaded.get(locale)
  if (!p) {
    p = LOADERS[locale]().then((m) => m.default)
    p.catch(() => loaded.delete(locale))
    loaded.set(locale, p)
  }
  return p
}
