// `lvs-lab lesson validate [DIR]`: the lesson validator over a lesson folder or a folder of
// lessons (lessons/ by default), printing each error as file:line: field: message.

import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { compileLessons, formatError } from '../lab/lessons/compile.ts'
import { UsageError, type Verb } from './args.ts'
import { LESSONS_ROOT, readLessonDir, readLessonsRoot } from './lesson-files.ts'

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
    // One lesson's `requires` may name the lessons beside it.
    const single = existsSync(join(dir, 'lesson.md'))
    const inputs = single ? [readLessonDir(dir)] : readLessonsRoot(dir)
    const known = single ? new Set(readLessonsRoot(join(dir, '..')).map((l) => l.id)) : undefined
    const { lessons: list, errors } = compileLessons(inputs, known)
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
