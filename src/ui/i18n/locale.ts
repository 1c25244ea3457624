// Which language the page speaks: the one chosen here before (kept in localStorage), else the
// browser's, else English. Plain functions without Svelte, so the entry can start loading that
// language's catalogue (catalogue.ts) before the interface's code arrives.

import { LOCALES, type Locale } from '../../i18n/locale.ts'

export { LOCALES, type Locale }

export const STORAGE_KEY = 'lvs-lab.locale'

export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', 'zh-Hans': '简体中文', 'zh-Hant': '繁體中文' }

/** The locale of a BCP 47 language tag (a browser's, a course platform's), or null for another language. */
export function localeOf(tag: string): Locale | null {
  if (/^zh-(TW|HK|MO|Hant)\b/i.test(tag)) return 'zh-Hant'
  if (/^zh\b/i.test(tag)) return 'zh-Hans'
  if (/^en\b/i.test(tag)) return 'en'
  return null
}

/** The locale chosen on this page before, if any. */
export function savedLocale(): Locale | null {
  try {
    const s = globalThis.localStorage?.getItem(STORAGE_KEY)
    return s && (LOCALES as readonly string[]).includes(s) ? (s as Locale) : null
  } catch {
    return null
  }
}

export const initialLocale = (): Locale => savedLocale() ?? localeOf(globalThis.navigator?.language ?? 'en') ?? 'en'
