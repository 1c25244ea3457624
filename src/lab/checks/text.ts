// What a check says, in the three locales the lab speaks (en, 简体, 繁體, with the tutorial's own
// terms): each result's `expected` and `found` are LocalTexts built from a template per locale and
// the facts, like the trace's reasons.

import type { LocalText, Locale } from '../../i18n/locale.ts'

export type { LocalText, Locale }

export type Templates = LocalText

/** Fills `{name}` slots in each locale's template; a fact may itself differ per locale. */
export function say(t: Templates, params: Record<string, string | number | LocalText> = {}): LocalText {
  const fill = (loc: Locale) =>
    t[loc].replace(/\{(\w+)\}/g, (_m, k: string) => {
      const p = params[k]
      if (p === undefined) return `{${k}}`
      return typeof p === 'object' ? p[loc] : String(p)
    })
  return { en: fill('en'), 'zh-Hans': fill('zh-Hans'), 'zh-Hant': fill('zh-Hant') }
}

/** The same text in every locale (command output, addresses). */
export const same = (s: string): LocalText => ({ en: s, 'zh-Hans': s, 'zh-Hant': s })

/** Joins texts with a locale's list separator. */
export function joinTexts(parts: LocalText[], sep: LocalText = { en: '; ', 'zh-Hans': '；', 'zh-Hant': '；' }): LocalText {
  const j = (loc: Locale) => parts.map((p) => p[loc]).join(sep[loc])
  return { en: j('en'), 'zh-Hans': j('zh-Hans'), 'zh-Hant': j('zh-Hant') }
}

/** Outcome of one check. */
export interface Outcome {
  passed: boolean
  expected: LocalText
  found: LocalText
}

/** Command output quoted in a result: lines joined with " | ", long output cut. */
export function quote(lines: string[], max = 6): string {
  const shown = lines.filter((l) => l.trim()).map((l) => l.trim())
  if (!shown.length) return ''
  return shown.length > max ? `${shown.slice(0, max).join(' | ')} | …` : shown.join(' | ')
}
