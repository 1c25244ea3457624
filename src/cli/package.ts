// `lvs-lab package --lesson ID --scorm12 OUT.zip --cmi5 OUT.zip`: one lesson's static site (the
// build of `lvs-lab build`) zipped with the manifest a course platform imports (lms/manifest.ts).
// One build serves both formats: the page finds the platform at run time (src/ui/lms/).

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { zipSync, type Zippable } from 'fflate'
import type { Lesson } from '../lab/lessons/types.ts'
import { LOCALES } from '../i18n/locale.ts'
import { UsageError, type Verb } from './args.ts'
import { cmi5Structure, INDEX, plainIntro, scorm12Manifest, type PackageInfo } from './lms/manifest.ts'
import { buildLessonSite, lessonOption } from './lms/site.ts'

/** Zip entries carry this date, so the same lesson and code always give the same bytes. */
const MTIME = new Date(Date.UTC(2000, 0, 1))

const FORMATS = {
  scorm12: { name: 'SCORM 1.2', manifest: 'imsmanifest.xml', write: scorm12Manifest },
  cmi5: { name: 'cmi5', manifest: 'cmi5.xml', write: cmi5Structure },
} as const

type Format = keyof typeof FORMATS

export function packageInfo(lesson: Lesson, files: string[], exam = false): PackageInfo {
  const description = Object.fromEntries(LOCALES.map((l) => [l, plainIntro(lesson.text[l].intro) || lesson.summary.title[l]])) as PackageInfo['description']
  return { id: lesson.summary.id, version: lesson.version, title: lesson.summary.title, description, files, launch: exam ? `${INDEX}?exam=1` : INDEX }
}

/** The package's entries: the manifest at the root, then the site's files as they are. */
export function packageZip(format: Format, info: PackageInfo, read: (file: string) => Uint8Array): Uint8Array {
  const f = FORMATS[format]
  const entries: Zippable = { [f.manifest]: [new TextEncoder().encode(f.write(info)), { mtime: MTIME }] }
  for (const file of info.files) entries[file] = [read(file), { mtime: MTIME, level: /\.(png|jpe?g|gif|webp|woff2?)$/.test(file) ? 0 : 9 }]
  return zipSync(entries)
}

export const pack: Verb = {
  name: 'package',
  summary: 'package one lesson for a course platform (SCORM 1.2, cmi5)',
  synopsis: '--lesson ID [--exam] [--scorm12 OUT.zip] [--cmi5 OUT.zip]',
  options: [
    { name: 'lesson', arg: 'ID', help: 'the lesson to package' },
    { name: 'scorm12', arg: 'OUT.zip', help: 'write a SCORM 1.2 package (imsmanifest.xml, one SCO)' },
    { name: 'cmi5', arg: 'OUT.zip', help: 'write a cmi5 package (cmi5.xml, one AU)' },
    { name: 'exam', help: 'launch the lesson as an exam: no hints, no solution (the lesson must allow it)' },
  ],
  description: 'The package holds the static site of `lvs-lab build` and its manifest. In the platform the lesson runs offline in the page and reports its progress: the score is the percentage of the lesson\'s checks that hold, and the lesson passes (SCORM lesson_status "passed"; cmi5 "completed" and "passed") once every check holds.',
  async main(args, io) {
    const lesson = lessonOption(args.values.get('lesson'))
    const wanted = (Object.keys(FORMATS) as Format[]).filter((f) => args.values.has(f))
    if (!wanted.length) throw new UsageError('give --scorm12 OUT.zip, --cmi5 OUT.zip or both')
    const exam = args.flags.has('exam')
    if (exam && !lesson.summary.exam) throw new UsageError(`lesson ${lesson.summary.id} cannot be taken as an exam (its lesson.md does not say exam: true)`)
    const dir = mkdtempSync(join(tmpdir(), 'lvs-lab-package-'))
    try {
      const info = packageInfo(lesson, await buildLessonSite(lesson.summary.id, dir), exam)
      for (const format of wanted) {
        const out = args.values.get(format)!
        const zip = packageZip(format, info, (file) => readFileSync(join(dir, file)))
        writeFileSync(out, zip)
        io.out(`${out}: ${FORMATS[format].name} package of lesson ${lesson.summary.id}${exam ? ' as an exam' : ''}, ${info.files.length + 1} files, ${Math.round(zip.length / 1024)} KiB\n`)
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
    return 0
  },
}
