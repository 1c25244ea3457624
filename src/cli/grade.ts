// `lvs-lab grade --lesson ID [--json] [--csv] [--junit FILE] [--lang L] [--lessons DIR] FILE|DIR…`:
// replays each submission (the page's file, or a transcript) headless and prints every check and
// the score. A directory grades every file in it. Exit status 0 only when every submission passes.

import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gradeSubmission } from '../lab/grade/grade.ts'
import { csvReport, jsonReport, junitReport, textReport, type Graded } from '../lab/grade/report.ts'
import { readSubmission } from '../lab/grade/submission.ts'
import { compileLessons, formatError } from '../lab/lessons/compile.ts'
import { UsageError, type Verb } from './args.ts'
import { LANG_OPTION, langOption, LESSONS_ROOT, readLessonsRoot } from './lesson-files.ts'

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

export const grade: Verb = {
  name: 'grade',
  summary: 'grade submissions by replaying them and recomputing every check',
  synopsis: '--lesson ID [--json | --csv] [--junit FILE] [--lang L] [--lessons DIR] FILE|DIR...',
  description: 'FILE is the page\'s submission file or a transcript in the `lvs-lab run --script` format; a\nDIR grades every file in it. Exit status 0 only when every submission passes.',
  operands: true,
  options: [
    { name: 'lesson', arg: 'ID', help: 'the lesson to grade against' },
    { name: 'json', help: 'one JSON object per submission' },
    { name: 'csv', help: 'one CSV row per submission, for a gradebook' },
    { name: 'junit', arg: 'FILE', help: 'also write a JUnit XML report to FILE' },
    LANG_OPTION,
    { name: 'lessons', arg: 'DIR', help: 'the lessons folder (default: lessons/)' },
  ],
  main(args, io) {
    const lessonId = args.values.get('lesson')
    if (!lessonId) throw new UsageError('--lesson is required')
    if (!args.operands.length) throw new UsageError('no submission to grade')
    if (args.flags.has('json') && args.flags.has('csv')) throw new UsageError('--json and --csv exclude each other')
    const format = args.flags.has('json') ? 'json' : args.flags.has('csv') ? 'csv' : 'text'
    const junit = args.values.get('junit')
    const lang = langOption(args)
    const root = args.values.get('lessons') ?? LESSONS_ROOT
    const files = args.operands
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
  },
}
