// `lvs-lab lessons [--lang L]`: the lessons, grouped by lab in picker order, with level, minutes
// and title; a lesson that does not validate is reported on stderr (exit 1).

import { compileLessons, formatError } from '../lab/lessons/compile.ts'
import type { Verb } from './args.ts'
import { langOption } from './grade.ts'
import { readLessonsRoot } from './lesson-files.ts'

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
