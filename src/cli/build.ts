// `lvs-lab build --lesson ID OUT_DIR`: one lesson as a standalone static site (lms/site.ts), the
// same folder the course packages of `lvs-lab package` hold.

import { UsageError, type Verb } from './args.ts'
import { buildLessonSite, lessonOption } from './lms/site.ts'

export const build: Verb = {
  name: 'build',
  summary: 'build one lesson as a static site for any web server',
  synopsis: '--lesson ID OUT_DIR',
  options: [{ name: 'lesson', arg: 'ID', help: 'the lesson the site opens (the only one it holds)' }],
  operands: true,
  description: 'The folder needs no server code and no network: serve it from any web server (it needs one: browsers do not run a module worker from file://). Its index.html opens the lesson; an existing OUT_DIR is replaced only when it holds an earlier build.',
  async main(args, io) {
    const lesson = lessonOption(args.values.get('lesson'))
    if (args.operands.length !== 1) throw new UsageError(args.operands.length ? `one OUT_DIR expected, got ${args.operands.length}` : 'no OUT_DIR given')
    const files = await buildLessonSite(lesson.summary.id, args.operands[0])
    io.out(`${args.operands[0]}: lesson ${lesson.summary.id}, ${files.length} files\n`)
    return 0
  },
}
