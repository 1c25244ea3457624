// A lesson's text (lessons/FORMAT.md "Text per locale"): one `## LOCALE` section per locale, inside
// it an introduction, one `### ` section per step and in each step one to three `#### Hint`
// sections. Headings inside fenced code do not count. Each piece is rendered with marked, raw HTML
// escaped rather than passed through, and the result sanitised with xss (no script, no
// `javascript:` links, no event handlers), since lesson files are untrusted.

import { Marked } from 'marked'
import { filterXSS } from 'xss'
import type { Locale } from '../../i18n/locale.ts'
import type { LessonText } from './contract.ts'

export const LOCALES: readonly Locale[] = ['en', 'zh-Hans', 'zh-Hant']

export interface TextError {
  line: number
  message: string
}

interface RawStep {
  title: string
  line: number
  body: string[]
  hints: string[][]
}

interface RawLocale {
  line: number
  intro: string[]
  steps: RawStep[]
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

const marked = new Marked({
  gfm: true,
  async: false,
  renderer: {
    html: ({ text }) => escapeHtml(text),
  },
})

/** Markdown to sanitised HTML. */
export function renderMarkdown(md: string): string {
  const html = marked.parse(md.trim(), { async: false })
  return filterXSS(html).trim()
}

/** A step's title as plain text: the heading without its code and emphasis marks. */
const plainTitle = (md: string) => md.replace(/[`*_]/g, '').trim()

/**
 * Splits the text after the front matter into locales and steps and renders them. `firstLine` is
 * the file line of `body`'s first line, so errors point into lesson.md.
 */
export function parseLessonText(body: string, firstLine: number, steps: number): { text: Record<Locale, LessonText> | null; errors: TextError[] } {
  const errors: TextError[] = []
  const locales = new Map<string, RawLocale>()
  let loc: RawLocale | null = null
  let step: RawStep | null = null
  let hint: string[] | null = null
  let fence: string | null = null
  body.split('\n').forEach((line, i) => {
    const n = firstLine + i
    const f = /^\s*(```|~~~)/.exec(line)
    if (f && (fence === null || fence === f[1])) fence = fence === null ? f[1] : null
    const h = fence === null && !f ? /^(#{2,4}) (.*)$/.exec(line) : null
    if (h && h[1] === '##') {
      const name = h[2].trim()
      if (!(LOCALES as readonly string[]).includes(name)) errors.push({ line: n, message: `unknown locale section "## ${name}" (expected ${LOCALES.join(', ')})` })
      else if (locales.has(name)) errors.push({ line: n, message: `second "## ${name}" section` })
      loc = { line: n, intro: [], steps: [] }
      if (!locales.has(name) && (LOCALES as readonly string[]).includes(name)) locales.set(name, loc)
      step = null
      hint = null
      return
    }
    if (!loc) {
      if (line.trim()) errors.push({ line: n, message: 'text before the first locale section (## en)' })
      return
    }
    if (h && h[1] === '###') {
      step = { title: h[2].trim(), line: n, body: [], hints: [] }
      loc.steps.push(step)
      hint = null
      return
    }
    if (h && h[1] === '####' && h[2].trim() === 'Hint') {
      if (!step) errors.push({ line: n, message: '"#### Hint" before the first step ("### ")' })
      else step.hints.push((hint = []))
      return
    }
    if (hint) hint.push(line)
    else if (step) step.body.push(line)
    else loc.intro.push(line)
  })

  for (const name of LOCALES) {
    const l = locales.get(name)
    if (!l) {
      errors.push({ line: firstLine, message: `missing "## ${name}" section` })
      continue
    }
    if (!l.intro.join('').trim()) errors.push({ line: l.line, message: `${name}: no introduction before the first step` })
    if (l.steps.length !== steps) errors.push({ line: l.line, message: `${name}: ${l.steps.length} step sections ("### "), but the front matter has ${steps} steps` })
    for (const s of l.steps) {
      if (!s.body.join('').trim()) errors.push({ line: s.line, message: `${name}: step "${s.title}" has no text` })
      if (s.hints.length < 1 || s.hints.length > 3) errors.push({ line: s.line, message: `${name}: step "${s.title}" has ${s.hints.length} hints (expected 1 to 3 "#### Hint" sections)` })
      s.hints.forEach((hnt) => {
        if (!hnt.join('').trim()) errors.push({ line: s.line, message: `${name}: step "${s.title}" has an empty hint` })
      })
    }
  }
  if (errors.length) return { text: null, errors }
  const text = {} as Record<Locale, LessonText>
  for (const name of LOCALES) {
    const l = locales.get(name)!
    text[name] = {
      intro: renderMarkdown(l.intro.join('\n')),
      steps: l.steps.map((s) => ({ title: plainTitle(s.title), html: renderMarkdown(s.body.join('\n')), hints: s.hints.map((hnt) => renderMarkdown(hnt.join('\n'))) })),
    }
  }
  return { text, errors }
}
