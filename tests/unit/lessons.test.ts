// Every lesson in lessons/ (whoever wrote it): it validates in all three locales, its solution and
// every other correct way in right/*.script grade 100% by replay, and each of its wrong/*.script submissions fails exactly the checks its
// header names (`# fails: ID`), each with the explanation its header quotes (`# found: TEXT`,
// the English `found` text in full).

import { describe, expect, it } from 'vitest'
import { readLessonsRoot } from '../../src/cli/lesson-files.ts'
import { gradeSubmission, type Grade } from '../../src/lab/grade/grade.ts'
import { compileLessons, formatError } from '../../src/lab/lessons/compile.ts'
import { LOCALES } from '../../src/i18n/locale.ts'

const inputs = readLessonsRoot()
const { lessons, errors } = compileLessons(inputs)

/** The checks a wrong submission says it fails, with the found text it quotes (if any). */
function expectations(script: string): Map<string, string | null> {
  const out = new Map<string, string | null>()
  let last: string | null = null
  for (const line of script.split('\n')) {
    const f = /^# fails: (\S+)\s*$/.exec(line)
    const t = /^# found: (.*)$/.exec(line)
    if (f) out.set((last = f[1]), null)
    else if (t && last) out.set(last, t[1])
  }
  return out
}

const grade = (g: Grade | { error: string }): Grade => {
  if ('error' in g) throw new Error(g.error)
  return g
}

describe('lessons', () => {
  it('every lesson validates', () => {
    expect(errors.map(formatError)).toEqual([])
    expect(lessons.map((l) => l.summary.id).sort()).toEqual(inputs.map((i) => i.id).sort())
  })

  describe.each(inputs.map((i) => [i.id, i] as const))('%s', (id, input) => {
    const lesson = () => lessons.find((l) => l.summary.id === id)!

    it('has its text in every locale, each step with its hints', () => {
      for (const loc of LOCALES) {
        const t = lesson().text[loc]
        expect(t.intro.length).toBeGreaterThan(0)
        expect(t.steps).toHaveLength(lesson().steps.length)
        for (const s of t.steps) expect(s.hints.length).toBeGreaterThan(0)
      }
    })

    it('its solution grades 100%', () => {
      const g = grade(gradeSubmission(lesson(), { kind: 'transcript', script: input.files['solution.script'] }))
      expect(g.checks.filter((c) => !c.passed).map((c) => `${c.id}: ${c.found.en}`)).toEqual([])
      expect(g.score).toBe(100)
    })

    const right = Object.keys(input.files).filter((f) => f.startsWith('right/'))
    it.each(right)('%s, another correct way, grades 100%', (file) => {
      const g = grade(gradeSubmission(lesson(), { kind: 'transcript', script: input.files[file] }))
      expect(g.checks.filter((c) => !c.passed).map((c) => `${c.id}: ${c.found.en}`)).toEqual([])
    })

    const wrong = Object.keys(input.files).filter((f) => f.startsWith('wrong/'))
    it('has at least one wrong submission', () => expect(wrong.length).toBeGreaterThan(0))

    it.each(wrong)('%s fails the checks it names, saying why', (file) => {
      const script = input.files[file]
      const want = expectations(script)
      expect(want.size).toBeGreaterThan(0)
      const g = grade(gradeSubmission(lesson(), { kind: 'transcript', script }))
      expect(g.passed).toBe(false)
      expect(g.checks.filter((c) => !c.passed).map((c) => c.id)).toEqual([...want.keys()])
      for (const [checkId, found] of want) if (found !== null) expect(g.checks.find((c) => c.id === checkId)!.found.en).toBe(found)
    })
  })
})
