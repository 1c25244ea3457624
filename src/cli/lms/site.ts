// The page as a static folder for one lesson: Vite's build() run with the project's own config and
// VITE_LVS_LESSON set, so the lessons plugin compiles in only that lesson and the page opens it
// (vite.config.ts, src/ui/boot.ts). No network and no server code: any web server, or a course
// package, serves the folder as it is.

import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { UsageError } from '../args.ts'
import { loadLessons } from '../lesson-files.ts'
import type { Lesson } from '../../lab/lessons/types.ts'

const ROOT = new URL('../../../', import.meta.url).pathname

/** The lesson of `--lesson ID`, or a usage error naming the lessons there are. */
export function lessonOption(id: string | undefined): Lesson {
  if (!id) throw new UsageError('--lesson ID is required')
  const all = loadLessons()
  const lesson = all.find((l) => l.summary.id === id)
  if (!lesson) throw new UsageError(`there is no lesson called '${id}' (try: ${all.map((l) => l.summary.id).join(', ')})`)
  return lesson
}

/** Every file under `dir`, as paths relative to it with forward slashes, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = []
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name)
      if (statSync(p).isDirectory()) walk(p)
      else out.push(relative(dir, p).split('\\').join('/'))
    }
  }
  walk(dir)
  return out.sort()
}

/**
 * Refuses to empty a folder that holds something other than an earlier build (a build has its
 * index.html at the top), so a mistyped OUT_DIR never deletes anyone's files.
 */
function checkOutDir(outDir: string): void {
  if (!existsSync(outDir)) return
  if (!statSync(outDir).isDirectory()) throw new UsageError(`${outDir} exists and is not a directory`)
  if (readdirSync(outDir).length && !existsSync(join(outDir, 'index.html'))) throw new UsageError(`${outDir} is not empty and holds no earlier build (no index.html): choose another directory`)
}

/** Builds the one-lesson site into `outDir`; the files written, relative to it. */
export async function buildLessonSite(lesson: string, outDir: string): Promise<string[]> {
  const out = resolve(outDir)
  checkOutDir(out)
  const { build } = await import('vite')
  const before = process.env.VITE_LVS_LESSON
  process.env.VITE_LVS_LESSON = lesson
  try {
    await build({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), logLevel: 'error', build: { outDir: out, emptyOutDir: true, reportCompressedSize: false, rolldownOptions: { checks: { bundlerTimings: false } } } })
  } finally {
    if (before === undefined) delete process.env.VITE_LVS_LESSON
    else process.env.VITE_LVS_LESSON = before
  }
  return listFiles(out)
}
