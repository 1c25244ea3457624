// The Chinese texts use the glossary's words (lessons/GLOSSARY.md, "Words not to use"): in each
// locale, no text of the page's catalogue, the engine's reasons, the checks' templates or the
// lessons says a word that table bans for that locale.

import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadLessons } from '../../src/cli/lesson-files.ts'
import { TEMPLATES } from '../../src/i18n/reasons.ts'
import { CATALOGUE } from '../../src/ui/i18n/messages.ts'

type ZhLocale = 'zh-Hans' | 'zh-Hant'
const root = new URL('../../', import.meta.url).pathname

/** The rows of the glossary's "Words not to use" table. */
function banned(): { locale: ZhLocale; avoid: string; write: string }[] {
  const text = readFileSync(join(root, 'lessons/GLOSSARY.md'), 'utf8')
  const section = text.split(/^## Words not to use$/m)[1] ?? ''
  return section
    .split('\n')
    .map((line) => line.split('|').map((c) => c.trim()))
    .filter((cells) => cells[1] === 'zh-Hans' || cells[1] === 'zh-Hant')
    .map((cells) => ({ locale: cells[1] as ZhLocale, avoid: cells[2], write: cells[3] }))
}

/** `'zh-Hant': '…'` literals in the checks' source (their templates are LocalText objects). */
function checkTemplates(locale: ZhLocale): string[] {
  const dir = join(root, 'src/lab/checks')
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))
  const literal = new RegExp(`'${locale}':\\s*(?:'((?:[^'\\\\]|\\\\.)*)'|\`([^\`]*)\`)`, 'g')
  return files.flatMap((f) => [...readFileSync(join(dir, f), 'utf8').matchAll(literal)].map((m) => m[1] ?? m[2]))
}

function texts(locale: ZhLocale): { where: string; text: string }[] {
  const out: { where: string; text: string }[] = []
  for (const [key, text] of Object.entries(CATALOGUE[locale])) out.push({ where: `catalogue ${key}`, text })
  for (const [code, text] of Object.entries(TEMPLATES[locale] ?? {})) out.push({ where: `reason ${code}`, text })
  for (const text of checkTemplates(locale)) out.push({ where: 'src/lab/checks', text })
  for (const l of loadLessons()) {
    const t = l.text[locale]
    out.push({ where: `lessons/${l.summary.id} title`, text: l.summary.title[locale] }, { where: `lessons/${l.summary.id} intro`, text: t.intro })
    t.steps.forEach((s, i) => out.push({ where: `lessons/${l.summary.id} step ${i + 1}`, text: [s.title, s.html, ...s.hints].join('\n') }))
  }
  return out
}

describe('glossary', () => {
  const rows = banned()

  it('bans words in both Chinese locales, 排程 among them', () => {
    expect(rows.filter((r) => r.locale === 'zh-Hant').map((r) => r.avoid)).toContain('排程')
    expect(rows.filter((r) => r.locale === 'zh-Hans').length).toBeGreaterThan(0)
  })

  it('finds the checks’ templates it reads', () => {
    expect(checkTemplates('zh-Hant').length).toBeGreaterThan(50)
  })

  it.each(['zh-Hans', 'zh-Hant'] as const)('%s texts use the glossary’s words', (locale) => {
    const found: string[] = []
    for (const { where, text } of texts(locale)) for (const r of rows) if (r.locale === locale && text.includes(r.avoid)) found.push(`${where}: ${r.avoid} (write ${r.write})`)
    expect(found).toEqual([])
  })

  it('the page says 調度 for scheduling in 繁體', () => {
    expect(CATALOGUE['zh-Hant']['sched.title']).toBe('調度決策')
    expect(CATALOGUE['zh-Hant']['role.director']).toBe('調度器')
    expect(CATALOGUE['zh-Hant']['role.real-server']).toBe('真實伺服器')
  })
})
