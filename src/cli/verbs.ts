// The verbs of `lvs-lab`, one module each: adding a verb is its file plus one line here. A name
// may be two words (`lesson validate`); the longest name the command line starts with is run.

import type { Verb } from './args.ts'
import { build } from './build.ts'
import { grade } from './grade.ts'
import { helpVerb } from './help.ts'
import { labs } from './labs.ts'
import { lesson } from './lesson.ts'
import { lessons } from './lessons.ts'
import { pack } from './package.ts'
import { run } from './run.ts'
import { trace } from './trace.ts'

export const VERBS: readonly Verb[] = [
  run,
  trace,
  labs,
  lessons,
  lesson,
  grade,
  build,
  pack,
  helpVerb(() => VERBS),
]
