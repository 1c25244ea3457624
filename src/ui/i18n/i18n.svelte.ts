// The current locale as reactive state, persisted, with `t(key, params)` for components.

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

  set(locale: Locale): void {
    this.locale = locale
    globalThis.localStorage?.setItem(STORAGE_KEY, locale)
    document.documentElement.lang = locale
  }

  t = (key: MessageKey, params: Record<string, string | number> = {}): string => {
    const text = CATALOGUE[this.locale][key] ?? CATALOGUE.en[key]
    return text.replace(/\{(\w+)\}/g, (_m, k: string) => String(params[k] ?? ''))
  }
}

export const i18n = new I18n()
