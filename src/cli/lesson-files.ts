// Reads lesson folders from disk for the compiler (lab/lessons/compile.ts): the CLI, the tests and
// the Vite plugin that compiles lessons/ into the bundle all load lessons through here.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { basename, join, relative } from 'node:path'
import { compileLessons, formatError, type LessonFiles } from '../lab/lessons/compile.ts'
import type { Lesson } from '../lab/lessons/types.ts'

export const LESSONS_ROOT = new URL('../../lessons/', import.meta.url).pathname

/** A folder's files: lesson.md, the scripts, and wrong/*.script and right/*.script. */
export function readLessonDir(dir: string, shown = relative(process.cwd(), dir) || dir): LessonFiles {
  const files: Record<string, string> = {}
  for (const f of readdirSync(dir)) {
    const p = join(dir, f)
    if (statSync(p).isFile()) files[f] = readFileSync(p, 'utf8')
    else if (f === 'wrong' || f === 'right') for (const w of readdirSync(p)) if (w.endsWith('.script')) files[`${f}/${w}`] = readFileSync(join(p, w), 'utf8')
  }
  return { dir: shown, id: basename(dir), files }
}

/** Every lesson folder under `root` (a folder with a lesson.md). */
export function readLessonsRoot(root = LESSONS_ROOT): LessonFiles[] {
  return readdirSync(root)
    .filter((d) => statSync(join(root, d)).isDirectory() && existsSync(join(root, d, 'lesson.md')))
    .sort()
    .map((d) => readLessonDir(join(root, d)))
}

/** The compiled lessons of `root`; throws with every error when one does not validate. */
export function loadLessons(root = LESSONS_ROOT): Lesson[] {
  const { lessons, errors } = compileLessons(readLessonsRoot(root))
  if (errors.length) throw new Error(`lessons do not validate:\n${errors.map(formatError).join('\n')}`)
  return lessons
}
