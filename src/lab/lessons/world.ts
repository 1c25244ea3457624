// Building a lesson's world: the lesson's lab with the given seed, its hidden setup run, then what
// the learner did: keystrokes through terminals (the page, a submission) or a transcript. Each
// builder is also its own copier (checks/world.ts): the engine is deterministic, so building again
// from the same recipe gives the same world.

import type { KeyEvent } from './contract.ts'
import type { World } from '../checks/world.ts'
import { Lab } from '../lab.ts'
import { LABS } from '../labs/index.ts'
import { Terminals } from '../replay.ts'
import { runScript } from '../script.ts'
import type { Lesson } from './types.ts'

/** The lesson's lab, booted, with its setup run (hidden: its output goes nowhere). */
export function lessonLab(lesson: Lesson, seed: number): Lab {
  const lab = new Lab(LABS[lesson.summary.lab], seed)
  if (lesson.setup) runScript(lab, lesson.setup)
  return lab
}

/**
 * Keystrokes replayed through terminals. With `until`, the clock then runs to that time (the
 * page's world at this moment); without, commands still running are let finish (a submission).
 */
export function keysWorld(lesson: Lesson, seed: number, keys: KeyEvent[], until?: number): World {
  const build = () => replayActions(lesson, seed, keys.map((k) => ({ keys: k })), until)
  return { lab: build(), copy: build }
}

/** What built a world in the page: keystrokes into terminals, and headless `run()` commands. */
export type Action = { keys: KeyEvent } | { run: { t: number; host: string; line: string } }

/** A new lab with the lesson's setup and the actions replayed; see keysWorld for `until`. */
export function replayActions(lesson: Lesson, seed: number, actions: Action[], until?: number): Lab {
  const lab = lessonLab(lesson, seed)
  const terms = new Terminals(lab)
  for (const a of actions) {
    if ('keys' in a) terms.replay([a.keys])
    else {
      lab.engine.advanceTo(a.run.t)
      lab.run(a.run.host, a.run.line)
    }
  }
  if (until === undefined) terms.settle()
  else lab.engine.advanceTo(until)
  return lab
}

/** A transcript in the `lvs-lab run --script` format, run headless after the setup. */
export function scriptWorld(lesson: Lesson, seed: number, script: string): World & { text: string; failures: number } {
  const build = () => {
    const lab = lessonLab(lesson, seed)
    return { lab, ...runScript(lab, script) }
  }
  const first = build()
  return { lab: first.lab, text: first.text, failures: first.failures, copy: () => build().lab }
}
