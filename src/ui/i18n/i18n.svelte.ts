// The current locale as reactive state, persisted, with `t(key, params)` for components. The
// page's `lang` and title follow it from the start: the module runs before the app mounts.

import { CATALOGUE, LOCALES, type Locale, type MessageKey } from './messages.ts'

const STORAGE_KEY = 'lvs-lab.locale'

function initial(): Locale {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY)
  if (saved && (LOCALES as readonly string[]).includes(saved)) return saved as Locale
  const nav = globalThis.navigator?.language ?? 'en'
  if (/^zh-(TW|HK|MO|Hant)/i.test(nav)) return 'zh-Hant'
  if (/^zh/i.test(nav)) return 'zh-Hans'
  return 'en'
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
