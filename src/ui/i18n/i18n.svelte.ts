// The current locale as reactive state, persisted, with `t(key, params)` for components. The
// page's `lang` and title follow it from the start: the module runs before the app mounts.

import { CATALOGUE, LOCALES, type Locale, type MessageKey } from './messages.ts'

const STORAGE_KEY = 'lvs-lab.locale'

/** The locale of a BCP 47 language tag (a browser's, a course platform's), or null for another language. */
export function localeOf(tag: string): Locale | null {
  if (/^zh-(TW|HK|MO|Hant)\b/i.test(tag)) return 'zh-Hant'
  if (/^zh\b/i.test(tag)) return 'zh-Hans'
  if (/^en\b/i.test(tag)) return 'en'
  return null
}

const saved = (): Locale | null => {
  const s = globalThis.localStorage?.getItem(STORAGE_KEY)
  return s && (LOCALES as readonly string[]).includes(s) ? (s as Locale) : null
}

function initial(): Locale {
  return saved() ?? localeOf(globalThis.navigator?.language ?? 'en') ?? 'en'
}

class I18n {
  locale = $state<Locale>(initial())

  constructor() {
    this.mark()
  }

  set(locale: Locale): void {
    this.locale = locale
    globalThis.localStorage?.setItem(STORAGE_KEY, locale)
    this.mark()
  }

  /** A language the learner set elsewhere (a course platform's preference): taken unless one was chosen here. */
  prefer(tags: string[]): void {
    const locale = tags.map(localeOf).find((l) => l !== null)
    if (locale && !saved()) {
      this.locale = locale
      this.mark()
    }
  }

  /** The page says which language it is in (screen readers, CJK font choice) before anything is drawn. */
  private mark(): void {
    if (typeof document === 'undefined') return
    document.documentElement.lang = this.locale
    document.title = this.t('app.title')
  }

  t = (key: MessageKey, params: Record<string, string | number> = {}): string => {
    const text = CATALOGUE[this.locale][key] ?? CATALOGUE.en[key]
    return text.replace(/\{(\w+)\}/g, (_m, k: string) => String(params[k] ?? ''))
  }
}

export const i18n = new I18n()
