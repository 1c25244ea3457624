// `lvs-lab lessons [--lang L]`: the lessons, grouped by lab in picker order, with level, minutes
// and title. `lvs-lab lesson validate [DIR]`: the lesson validator over a lesson folder or a
// folder of lessons (lessons/ by default), printing each error as file:line: field: message.

import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { compileLessons, formatError } from '../lab/lessons/compile.ts'
import { UsageError, type Verb } from './args.ts'
import { langOption } from './grade.ts'
import { LESSONS_ROOT, readLessonDir, readLessonsRoot } from './lesson-files.ts'

export const lessons: Verb = {
  name: 'lessons',
  summary: 'list the lessons',
  synopsis: '[--lang L]',
  options: [{ name: 'lang', arg: 'L', help: 'titles in en, zh-Hans or zh-Hant' }],
  main(args, io) {
    const lang = langOption(args.values.get('lang'))
    const { lessons: list, errors } = compileLessons(readLessonsRoot())
    for (const l of list) {
      const s = l.summary
      io.out(`${s.id.padEnd(16)}${s.lab.padEnd(12)}${s.level.padEnd(14)}${`${s.minutes} min`.padEnd(9)}${s.title[lang]}\n`)
    }
    for (const e of errors) io.err(`${formatError(e)}\n`)
    return errors.length ? 1 : 0
  },
}

export const lesson: Verb = {
  name: 'lesson',
  summary: 'validate lessons: lesson validate [DIR]',
  synopsis: 'validate [DIR]',
  description: 'DIR is a lesson folder or a folder of lessons (default: lessons/). Each error is printed as file:line: field: message.',
  operands: true,
  options: [],
  main(args, io) {
    const [sub, dir = LESSONS_ROOT, ...rest] = args.operands
    if (sub !== 'validate') throw new UsageError(sub === undefined ? 'expected a sub-command: validate' : `unknown sub-command '${sub}' (try: validate)`)
    if (rest.length) throw new UsageError(`unexpected argument '${rest[0]}'`)
    if (!existsSync(dir)) {
      io.err(`lvs-lab lesson: ${dir}: No such file or directory\n`)
      return 1
    }
    const inputs = existsSync(join(dir, 'lesson.md')) ? [readLessonDir(dir)] : readLessonsRoot(dir)
    const { lessons: list, errors } = compileLessons(inputs)
    for (const e of errors) io.err(`${formatError(e)}\n`)
    const n = inputs.length
    if (errors.length) {
      const bad = new Set(errors.map((e) => e.file.split('/').slice(0, -1).join('/'))).size
      io.out(`${n - bad} of ${n} lesson${n === 1 ? '' : 's'} valid\n`)
      return 1
    }
    io.out(`${list.length} lesson${list.length === 1 ? '' : 's'} valid: ${list.map((l) => l.summary.id).join(', ')}\n`)
    return 0
  },
}
