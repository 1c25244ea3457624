// `lvs-lab lessons [--lang L]`: the lessons, grouped by lab in picker order, with level, minutes
// and title. `lvs-lab lesson validate [DIR]`: the lesson validator over a lesson folder or a
// folder of lessons (lessons/ by default), printing each error as file:line: field: message.

import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { compileLessons, formatError } from '../lab/lessons/compile.ts'
import { UsageError, type Verb } from './args.ts'
import { LANG_OPTION, langOption, LESSONS_ROOT, readLessonDir, readLessonsRoot } from './lesson-files.ts'

export const lessons: Verb = {
  name: 'lessons',
  summary: 'list the lessons',
  synopsis: '[--lang L]',
  options: [LANG_OPTION],
  main(args, io) {
    const lang = langOption(args)
    const { lessons, errors } = compileLessons(readLessonsRoot())
    for (const l of lessons) {
      const s = l.summary
      io.out(`${s.id.padEnd(22)}${s.lab.padEnd(12)}${s.level.padEnd(14)}${`${s.minutes} min`.padEnd(9)}${s.title[lang]}\n`)
    }
    for (const e of errors) io.err(`${formatError(e)}\n`)
    return errors.length ? 1 : 0
  },
}

export const lesson: Verb = {
  name: 'lesson',
  summary: 'check lesson files: lvs-lab lesson validate [DIR]',
  synopsis: 'validate [DIR]',
  description: 'DIR is one lesson folder or a folder of lessons (default: lessons/). Exit status 0 when all validate.',
  operands: true,
  options: [],
  main(args, io) {
    const [sub, dir = LESSONS_ROOT, ...extra] = args.operands
    if (sub !== 'validate') throw new UsageError(sub === undefined ? 'missing sub-command (validate)' : `unknown sub-command '${sub}'`)
    if (extra.length) throw new UsageError(`unexpected argument '${extra[0]}'`)
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
  },
}
