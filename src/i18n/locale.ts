// The languages the lab speaks: English, Simplified and Traditional Chinese (the tutorial's).

export const LOCALES = ['en', 'zh-Hans', 'zh-Hant'] as const
export type Locale = (typeof LOCALES)[number]
export type LocalText = Record<Locale, string>
