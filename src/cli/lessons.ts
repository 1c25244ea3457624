// `lvs-lab lessons [--lang L]`: the lessons, grouped by lab in picker order, with level, minutes
// and title. `lvs-lab lesson validate [DIR]`: the lesson validator over a lesson folder or a
// folder of lessons (lessons/ by default), printing each error as file:line: field: message.

import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { LOCALES, type Locale } from '../i18n/locale.ts'
import { compileLessons, formatError } from '../lab/lessons/compile.ts'
import type { Io } from './grade.ts'
import { LESSONS_ROOT, readLessonDir, readLessonsRoot } from './lesson-files.ts'

export function runLessons(args: string[], io: Io): number {
  const i = args.indexOf('--lang')
  const lang = (i >= 0 ? args[i + 1] : 'en') as Locale
  if (!(LOCALES as readonly string[]).includes(lang)) {
    io.err(`lvs-lab lessons: unknown language '${lang}' (try: ${LOCALES.join(', ')})\n`)
    return 2
  }
  const { lessons, errors } = compileLessons(readLessonsRoot())
  for (const l of lessons) {
    const s = l.summary
    io.out(`${s.id.padEnd(22)}${s.lab.padEnd(12)}${s.level.padEnd(14)}${`${s.minutes} min`.padEnd(9)}${s.title[lang]}\n`)
  }
  for (const e of errors) io.err(`${formatError(e)}\n`)
  return errors.length ? 1 : 0
}

export function runLessonValidate(args: string[], io: Io): number {
  const dir = args[0] ?? LESSONS_ROOT
  const inputs = existsSync(join(dir, 'lesson.md')) ? [readLessonDir(dir)] : readLessonsRoot(dir)
  const { lessons, errors } = compileLessons(inputs)
  for (const e of errors) io.err(`${formatError(e)}\n`)
  const n = inputs.length
  if (errors.length) {
    io.out(`${n - new Set(errors.map((e) => e.file.split('/').slice(0, -1).join('/'))).size} of ${n} lesson${n === 1 ? '' : 's'} valid\n`)
    return 1
  }
  io.out(`${lessons.length} lesson${lessons.length === 1 ? '' : 's'} valid: ${lessons.map((l) => l.summary.id).join(', ')}\n`)
  return 0
}
