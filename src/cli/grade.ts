// `lvs-lab grade --lesson ID [--json | --csv] [--junit FILE] [--lang L] [--lessons DIR] FILE|DIR…`:
// replays each submission (the page's file, or a transcript) headless and prints every check and
// the score. A directory grades every file in it. Exit status 0 only when every submission passes.

import { readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { LOCALES, type Locale } from '../i18n/locale.ts'
import { gradeSubmission } from '../lab/grade/grade.ts'
import { csvReport, jsonReport, junitReport, textReport, type Graded } from '../lab/grade/report.ts'
import { readSubmission } from '../lab/grade/submission.ts'
import { compileLessons, formatError } from '../lab/lessons/compile.ts'
import { UsageError, type Verb } from './args.ts'
import { LESSONS_ROOT, readLessonsRoot } from './lesson-files.ts'
import { EXIT_USAGE } from './status.ts'

/** What a directory's submissions are called: the page's files and transcripts. */
const SUBMISSION_FILE = /\.(json|script|txt)$/

/** The files to grade: each FILE, and each submission file (not hidden) of each DIR, in name order. */
function expand(paths: string[]): string[] {
  return paths.flatMap((p) => {
    let dir = false
    try {
      dir = statSync(p).isDirectory()
    } catch {
      return [p]
    }
    return dir
      ? readdirSync(p)
          .filter((f) => !f.startsWith('.') && SUBMISSION_FILE.test(f) && statSync(join(p, f)).isFile())
          .sort()
          .map((f) => join(p, f))
      : [p]
  })
}

/** `--lang`: one of the lab's locales, English by default. */
export function langOption(value: string | undefined): Locale {
  if (value === undefined) return 'en'
  if (!(LOCALES as readonly string[]).includes(value)) throw new UsageError(`unknown language '${value}' (try: ${LOCALES.join(', ')})`)
  return value as Locale
}

export const grade: Verb = {
  name: 'grade',
  summary: 'grade submissions by replaying them and recomputing every check',
  synopsis: '--lesson ID [--json | --csv] [--junit FILE] [--lang L] [--lessons DIR] FILE|DIR...',
  description:
    "FILE is the page's submission file or a transcript in the `run --script` format; a DIR grades every .json, .script and .txt file in it.\n" +
    'Exit status: 0 when every submission passes, 1 when one does not, 2 for a usage error.',
  operands: true,
  options: [
    { name: 'lesson', arg: 'ID', help: 'the lesson to grade against (npx lvs-lab lessons)' },
    { name: 'json', help: 'one JSON object per submission per line' },
    { name: 'csv', help: 'one CSV row per submission, for a gradebook' },
    { name: 'junit', arg: 'FILE', help: 'also write a JUnit XML report to FILE' },
    { name: 'lang', arg: 'L', help: 'the texts in en, zh-Hans or zh-Hant' },
    { name: 'lessons', arg: 'DIR', help: 'the folder of lessons (default: lessons/)' },
  ],
  main(args, io) {
    const lessonId = args.values.get('lesson')
    if (!lessonId) throw new UsageError('--lesson ID is required')
    if (!args.operands.length) throw new UsageError('no submission given')
    if (args.flags.has('json') && args.flags.has('csv')) throw new UsageError('--json and --csv exclude each other')
    const lang = langOption(args.values.get('lang'))
    const { lessons, errors } = compileLessons(readLessonsRoot(args.values.get('lessons') ?? LESSONS_ROOT))
    const lesson = lessons.find((l) => l.summary.id === lessonId)
    if (!lesson) {
      const own = errors.filter((e) => e.file.includes(`/${lessonId}/`))
      io.err(own.length ? `lvs-lab grade: lesson ${lessonId} does not validate:\n${own.map(formatError).join('\n')}\n` : `lvs-lab grade: unknown lesson '${lessonId}' (try: ${lessons.map((l) => l.summary.id).join(', ')})\n`)
      return EXIT_USAGE
    }
    const results: Graded[] = []
    for (const file of expand(args.operands)) {
      const text = io.readFile(file)
      if (text === null) {
        results.push({ file, grade: { error: 'cannot be read' } })
        continue
      }
      const input = readSubmission(text)
      const g = 'error' in input ? input : gradeSubmission(lesson, input)
      if (!('error' in g)) for (const w of g.warnings) io.err(`lvs-lab grade: ${file}: warning: ${w}\n`)
      results.push({ file, grade: g })
    }
    io.out(args.flags.has('json') ? jsonReport(results, lang) : args.flags.has('csv') ? csvReport(results) : textReport(results, lang))
    const junit = args.values.get('junit')
    if (junit) writeFileSync(junit, junitReport(results, lang))
    return results.every((r) => !('error' in r.grade) && r.grade.passed) ? 0 : 1
  },
}
