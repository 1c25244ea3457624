// The UI's message catalogue is complete in every locale: the same keys, no empty text, the same
// {placeholders} in each translation, and no part of the catalogue redefining another's key; the
// engine's names (labs, roles, networks, fields) each have a key; the engine's reasons and every
// lesson's text are complete in each Chinese locale.

import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { loadLessons } from '../../src/cli/lesson-files.ts'
import { TEMPLATES } from '../../src/i18n/reasons.ts'
import { LABS } from '../../src/lab/labs/index.ts'
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

// The engine's names reach the page as ids: every lab, role, network and inspector field the
// engine can produce has its key (src/ui/i18n/names.ts falls back to the id, which would be English).
describe('names from the engine', () => {
  const en: Record<string, string> = CATALOGUE.en

  it('every lab has a title and a summary, every role and network a name', () => {
    const missing: string[] = []
    for (const lab of Object.values(LABS)) {
      for (const key of [`lab.${lab.id}.title`, `lab.${lab.id}.summary`]) if (!(key in en)) missing.push(key)
      for (const h of lab.hosts) if (!(`role.${h.role}` in en)) missing.push(`role.${h.role}`)
      for (const n of lab.networks) if (!(`net.${n.id}` in en)) missing.push(`net.${n.id}`)
    }
    expect([...new Set(missing)]).toEqual([])
  })

  it('the English titles and summaries are the lab definitions’ own', () => {
    for (const lab of Object.values(LABS)) expect([en[`lab.${lab.id}.title`], en[`lab.${lab.id}.summary`]]).toEqual([lab.title, lab.summary])
  })

  it('every field fields() writes has a name, and every layer', () => {
    const src = readFileSync(new URL('../../src/net/format.ts', import.meta.url), 'utf8')
    const named = [...src.matchAll(/\{ layer: '([\w ]+)', name: '(\w+)'/g)].map((m) => [m[1], m[2]])
    const ip = [...src.matchAll(/\{ layer, name: '(\w+)'/g)].map((m) => ['IPv4', m[1]])
    const layers = [...src.matchAll(/layer: '([\w ]+)'/g), ...src.matchAll(/'(Inner IPv4|IPv4)'/g)].map((m) => m[1])
    expect(named.length + ip.length).toBeGreaterThan(15)
    const missing = [...named, ...ip].map(([layer, name]) => `field.${layer}.${name}`).filter((k) => !(k in en))
    expect(missing).toEqual([])
    expect([...new Set(layers)].filter((l) => !(`layer.${l}` in en))).toEqual([])
  })
})

describe('engine reasons', () => {
  it('zh-Hans and zh-Hant cover the same codes with the same facts', () => {
    const hans = TEMPLATES['zh-Hans'] ?? {}
    const hant = TEMPLATES['zh-Hant'] ?? {}
    expect(Object.keys(hant).sort()).toEqual(Object.keys(hans).sort())
    for (const code of Object.keys(hans)) {
      expect(hans[code].trim(), code).not.toBe('')
      expect(placeholders(hant[code]), code).toEqual(placeholders(hans[code]))
    }
  })
})

describe('lesson text', () => {
  it.each(loadLessons().map((l) => [l.summary.id, l] as const))('%s is complete in every locale', (_id, l) => {
    const shape = (locale: (typeof LOCALES)[number]) => l.text[locale].steps.map((s) => s.hints.length)
    for (const locale of LOCALES) {
      expect(l.summary.title[locale].trim(), locale).not.toBe('')
      expect(l.text[locale].intro.trim(), locale).not.toBe('')
      expect(shape(locale), locale).toEqual(shape('en'))
      expect(shape(locale).length, locale).toBe(l.steps.length)
      for (const s of l.text[locale].steps) expect([s.title.trim() !== '', s.html.trim() !== '', s.hints.every((h) => h.trim() !== '')], `${locale} ${s.title}`).toEqual([true, true, true])
    }
  })
})
