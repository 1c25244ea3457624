// The current locale as reactive state, persisted, with `t(key, params)` for components. The
// page's `lang` follows it from the start (the module runs before the app mounts), its title as
// soon as the locale's catalogue is in; the page mounts once it is (`ready`, awaited by main.ts).
// A switch shows the new language when its catalogue has arrived, all at once.

import { loadCatalogue, type Messages } from './catalogue.ts'
import { initialLocale, localeOf, savedLocale, STORAGE_KEY, type Locale } from './locale.ts'
import type { MessageKey } from './messages.ts'

export { localeOf }

class I18n {
  locale = $state<Locale>(initialLocale())
  #messages = $state.raw<Messages | null>(null)
  /** The locale asked for last: a slower fetch for an earlier choice does not win. */
  #wanted: Locale = this.locale
  /** The first locale's catalogue is in. */
  readonly ready: Promise<void>

  constructor() {
    if (typeof document !== 'undefined') document.documentElement.lang = this.locale
    this.ready = this.show(this.locale)
  }

  set(locale: Locale): Promise<void> {
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, locale)
    } catch {
      // Storage blocked: the choice holds for this visit.
    }
    return this.switchTo(locale)
  }

  /** A language the learner set elsewhere (a course platform's preference): taken unless one was chosen here. */
  prefer(tags: string[]): Promise<void> {
    const locale = tags.map(localeOf).find((l) => l !== null)
    return locale && !savedLocale() ? this.switchTo(locale) : Promise.resolve()
  }

  /** A switch whose catalogue cannot be fetched (offline, before it was ever loaded) keeps the language shown. */
  private switchTo(locale: Locale): Promise<void> {
    return this.show(locale).catch(() => {})
  }

  private async show(locale: Locale): Promise<void> {
    this.#wanted = locale
    const messages = await loadCatalogue(locale)
    if (this.#wanted !== locale) return
    this.#messages = messages
    this.locale = locale
    this.mark()
  }

  /** The page says which language it is in (screen readers, CJK font choice). */
  private mark(): void {
    if (typeof document === 'undefined') return
    document.documentElement.lang = this.locale
    document.title = this.t('app.title')
  }

  t = (key: MessageKey, params: Record<string, string | number> = {}): string => {
    const text = this.#messages?.[key] ?? key
    return text.replace(/\{(\w+)\}/g, (_m, k: string) => String(params[k] ?? ''))
  }

  /** Whether the catalogue has this key (the engine's names: an id without one shows as it is). */
  has = (key: string): key is MessageKey => !!this.#messages && Object.hasOwn(this.#messages, key)
}

export const i18n = new I18n()
