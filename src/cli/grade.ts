// `lvs-lab grade --lesson ID [--json] [--csv] [--junit FILE] [--lang L] [--lessons DIR] FILE|DIR…`:
// replays each submission (the page's file, or a transcript) headless and prints every check and
// the score. A directory grades every file in it. Exit status 0 only when every submission passes.

import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { LOCALES, type Locale } from '../i18n/locale.ts'
import { gradeSubmission } from '../lab/grade/grade.ts'
import { csvReport, jsonReport, junitReport, textReport, type Graded } from '../lab/grade/report.ts'
import { readSubmission } from '../lab/grade/submission.ts'
import { compileLessons, formatError } from '../lab/lessons/compile.ts'
import { LESSONS_ROOT, readLessonsRoot } from './lesson-files.ts'

export interface Io {
  out(text: string): void
  err(text: string): void
}

export const GRADE_USAGE = 'usage: lvs-lab grade --lesson ID [--json | --csv] [--junit FILE] [--lang en|zh-Hans|zh-Hant] [--lessons DIR] FILE|DIR...\n'

/** The files to grade: each FILE, and every regular file (not hidden) of each DIR, in name order. */
function expand(paths: string[]): string[] {
  return paths.flatMap((p) =>
    statSync(p).isDirectory()
      ? readdirSync(p)
          .filter((f) => !f.startsWith('.') && statSync(join(p, f)).isFile())
          .sort()
          .map((f) => join(p, f))
      : [p],
  )
}

export function runGrade(args: string[], io: Io): number {
  let lessonId: string | undefined
  let format: 'text' | 'json' | 'csv' = 'text'
  let junit: string | undefined
  let lang: Locale = 'en'
  let root = LESSONS_ROOT
  const files: string[] = []
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    if (a === '--lesson') lessonId = args[++i]
    else if (a === '--json') format = 'json'
    else if (a === '--csv') format = 'csv'
    else if (a === '--junit') junit = args[++i]
    else if (a === '--lessons') root = args[++i]
    else if (a === '--lang') {
      const l = args[++i]
      if (!(LOCALES as readonly string[]).includes(l)) {
        io.err(`lvs-lab grade: unknown language '${l}' (try: ${LOCALES.join(', ')})\n`)
        return 2
      }
      lang = l as Locale
    } else if (a.startsWith('--')) {
      io.err(`lvs-lab grade: unknown option ${a}\n${GRADE_USAGE}`)
      return 2
    } else files.push(a)
  }
  if (!lessonId || !files.length || (junit !== undefined && !junit)) {
    io.err(GRADE_USAGE)
    return 2
  }
  const { lessons, errors } = compileLessons(readLessonsRoot(root))
  const lesson = lessons.find((l) => l.summary.id === lessonId)
  if (!lesson) {
    const own = errors.filter((e) => e.file.includes(`/${lessonId}/`))
    io.err(own.length ? `lvs-lab grade: lesson ${lessonId} does not validate:\n${own.map(formatError).join('\n')}\n` : `lvs-lab grade: unknown lesson '${lessonId}' (try: ${lessons.map((l) => l.summary.id).join(', ')})\n`)
    return 2
  }
  let paths: string[]
  try {
    paths = expand(files)
  } catch (e) {
    io.err(`lvs-lab grade: ${e instanceof Error ? e.message : String(e)}\n`)
    return 2
  }
  const results: Graded[] = paths.map((file) => {
    const input = readSubmission(readFileSync(file, 'utf8'))
    const grade = 'error' in input ? input : gradeSubmission(lesson, input)
    if (!('error' in grade)) for (const w of grade.warnings) io.err(`lvs-lab grade: ${file}: warning: ${w}\n`)
    return { file, grade }
  })
  io.out(format === 'json' ? jsonReport(results, lang) : format === 'csv' ? csvReport(results) : textReport(results, lang))
  if (junit) writeFileSync(junit, junitReport(results, lang))
  return results.every((r) => !('error' in r.grade) && r.grade.passed) ? 0 : 1
}
