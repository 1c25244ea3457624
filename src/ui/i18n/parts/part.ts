// A part of the message catalogue: one area's keys in every locale, kept in its own file so areas
// grow without touching each other's lines. messages.ts merges the parts into one catalogue; the
// types make a key missing in any locale a compile error.

export interface Part<K extends string> {
  en: Record<K, string>
  'zh-Hans': Record<K, string>
  'zh-Hant': Record<K, string>
}

export function definePart<const T extends Record<string, string>>(en: T, zhHans: Record<keyof T & string, string>, zhHant: Record<keyof T & string, string>): Part<keyof T & string> {
  return { en, 'zh-Hans': zhHans, 'zh-Hant': zhHant }
}
