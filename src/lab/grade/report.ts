// Grades as people and machines read them: text (each check ✓/✗ with what it looked for and what it
// found, then the score), JSON (one object per submission, one per line), JUnit XML for CI systems
// and CSV, one row per submission, for a gradebook. Texts are in the grader's chosen locale.

import type { Locale } from '../../i18n/locale.ts'
import type { Grade } from './grade.ts'

export interface Graded {
  /** The file as named on the command line. */
  file: string
  grade: Grade | { error: string }
}

const isError = (g: Grade | { error: string }): g is { error: string } => 'error' in g

const LABELS: Record<Locale, { found: string; score: string; pass: string; fail: string; warning: string; error: string }> = {
  en: { found: 'found', score: 'score', pass: 'PASS', fail: 'FAIL', warning: 'warning', error: 'error' },
  'zh-Hans': { found: '实际', score: '得分', pass: '通过', fail: '未通过', warning: '警告', error: '错误' },
  'zh-Hant': { found: '實際', score: '得分', pass: '通過', fail: '未通過', warning: '警告', error: '錯誤' },
}

export function textReport(results: Graded[], lang: Locale): string {
  const L = LABELS[lang]
  return results
    .map(({ file, grade: g }) => {
      if (isError(g)) return `${file}: ${L.error}: ${g.error}\n`
      const lines = [`${file}: lesson ${g.lesson}, version ${g.version}`]
      for (const w of g.warnings) lines.push(`  ${L.warning}: ${w}`)
      for (const c of g.checks) {
        lines.push(`  ${c.passed ? '✓' : '✗'} ${c.id}: ${c.expected[lang]}`)
        lines.push(`      ${L.found}: ${c.found[lang]}`)
      }
      const held = g.checks.filter((c) => c.passed).length
      lines.push(`  ${L.score} ${held}/${g.checks.length} (${g.score}%) ${g.passed ? L.pass : L.fail}`)
      return lines.join('\n') + '\n'
    })
    .join('\n')
}

export function jsonReport(results: Graded[], lang: Locale): string {
  return results
    .map(({ file, grade: g }) =>
      JSON.stringify(
        isError(g)
          ? { file, error: g.error, passed: false }
          : {
              file,
              lesson: g.lesson,
              version: g.version,
              submittedVersion: g.submittedVersion,
              passed: g.passed,
              score: g.score,
              warnings: g.warnings,
              help: g.help,
              exam: g.exam,
              checks: g.checks.map((c) => ({ id: c.id, step: c.step, kind: c.kind, passed: c.passed === true, expected: c.expected[lang], found: c.found[lang] })),
            },
      ),
    )
    .map((l) => l + '\n')
    .join('')
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** One testsuite per submission, one testcase per check; a failed check's message is what it looked for. */
export function junitReport(results: Graded[], lang: Locale): string {
  const suites = results.map(({ file, grade: g }) => {
    if (isError(g)) return `  <testsuite name="${xml(file)}" tests="1" failures="0" errors="1">\n    <testcase classname="${xml(file)}" name="submission">\n      <error message="${xml(g.error)}"/>\n    </testcase>\n  </testsuite>`
    const failures = g.checks.filter((c) => !c.passed).length
    const cases = g.checks.map((c) => {
      const open = `    <testcase classname="${xml(`${g.lesson}.${c.step}`)}" name="${xml(c.id)}"`
      if (c.passed) return `${open}/>`
      return `${open}>\n      <failure message="${xml(c.expected[lang])}">${xml(c.found[lang])}</failure>\n    </testcase>`
    })
    const props = g.warnings.length ? [`    <system-err>${xml(g.warnings.join('\n'))}</system-err>`] : []
    return [`  <testsuite name="${xml(file)}" tests="${g.checks.length}" failures="${failures}" errors="0">`, ...cases, ...props, '  </testsuite>'].join('\n')
  })
  const tests = results.reduce((n, r) => n + (isError(r.grade) ? 1 : r.grade.checks.length), 0)
  const failures = results.reduce((n, r) => n + (isError(r.grade) ? 0 : r.grade.checks.filter((c) => !c.passed).length), 0)
  const errors = results.filter((r) => isError(r.grade)).length
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="lvs-lab grade" tests="${tests}" failures="${failures}" errors="${errors}">\n${suites.join('\n')}\n</testsuites>\n`
}

const csvField = (s: string | number | boolean) => {
  const t = String(s)
  return /[",\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t
}

export function csvReport(results: Graded[]): string {
  const rows = [['file', 'lesson', 'version', 'passed', 'score', 'checks_passed', 'checks_total', 'hints', 'solution', 'exam', 'failed_checks', 'warnings']]
  for (const { file, grade: g } of results) {
    if (isError(g)) rows.push([file, '', '', 'false', '0', '0', '0', '', '', '', '', g.error])
    else {
      const held = g.checks.filter((c) => c.passed).length
      rows.push([file, g.lesson, g.version, String(g.passed), String(g.score), String(held), String(g.checks.length), g.help ? String(g.help.hints) : '', g.help ? String(g.help.solution) : '', String(g.exam), g.checks.filter((c) => !c.passed).map((c) => c.id).join(' '), g.warnings.join('; ')])
    }
  }
  return rows.map((r) => r.map(csvField).join(',')).join('\n') + '\n'
}
