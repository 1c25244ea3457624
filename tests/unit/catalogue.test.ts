// The UI's message catalogue is complete in every locale: the same keys, no empty text, the same
// {placeholders} in each translation, and no part of the catalogue redefining another's key.

import { describe, expect, it } from 'vitest'
import { CATALOGUE, CORE_KEYS, LOCALES, PARTS } from '../../src/ui/i18n/messages.ts'
import type { Part } from '../../src/ui/i18n/parts/part.ts'

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

describe('message catalogue', () => {
  const keys = Object.keys(CATALOGUE.en).sort()

  it.each(LOCALES)('%s has every key, each with text and the English placeholders', (locale) => {
    const table: Record<string, string> = CATALOGUE[locale]
    expect(Object.keys(table).sort()).toEqual(keys)
    for (const key of keys) {
      expect(table[key].trim(), key).not.toBe('')
      expect(placeholders(table[key]), key).toEqual(placeholders(CATALOGUE.en[key as keyof typeof CATALOGUE.en]))
    }
  })

  it('no part redefines a key of the core or of another part', () => {
    const seen = new Map<string, string>(CORE_KEYS.map((k) => [k, 'core']))
    for (const [name, part] of Object.entries(PARTS as Record<string, Part<string>>)) {
      for (const key of Object.keys(part.en)) {
        expect(seen.get(key), `${name}: ${key}`).toBeUndefined()
        seen.set(key, name)
      }
    }
  })
})
