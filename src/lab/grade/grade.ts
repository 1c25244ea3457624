// Grading by replay: a submission's keystrokes (or a transcript's commands) are replayed headless
// on the lesson's lab with the submission's seed, after the lesson's hidden setup, and every check
// is computed again, probes and after-reboot checks included. Nothing a learner writes into the
// file can set a result: only the commands count, and the engine is deterministic. Answers to
// predict checks are graded again too, each on the world replayed to the moment it was given.

import { evaluateLesson } from '../checks/index.ts'
import type { CheckResult } from '../lessons/contract.ts'
import type { Lesson } from '../lessons/types.ts'
import { gradeAttempts, keyAttempts, scriptAttempts, type Attempt } from '../lessons/predictions.ts'
import { keysWorld, scriptWorld } from '../lessons/world.ts'
import type { GradeInput } from './submission.ts'

export interface Grade {
  lesson: string
  /** The lesson version graded against (the current one). */
  version: string
  /** The version the submission was made for, when it says. */
  submittedVersion: string | null
  passed: boolean
  /** Percentage of checks that hold, to one decimal. */
  score: number
  checks: CheckResult[]
  warnings: string[]
  help: { hints: number; solution: boolean } | null
  exam: boolean
}

/** Grades one submission; a replay that fails outright is reported as an error, never thrown. */
export function gradeSubmission(lesson: Lesson, input: GradeInput): Grade | { error: string } {
  try {
    return grade(lesson, input)
  } catch (e) {
    return { error: `the submission could not be replayed: ${e instanceof Error ? e.message : String(e)}` }
  }
}

function grade(lesson: Lesson, input: GradeInput): Grade | { error: string } {
  const id = lesson.summary.id
  const warnings: string[] = []
  let world
  let submittedVersion: string | null = null
  let help: Grade['help'] = null
  let exam = false
  let attempts: Attempt[]
  if (input.kind === 'submission') {
    const s = input.submission
    if (s.lesson !== id) return { error: `the submission is for lesson ${s.lesson}, not ${id}` }
    if (s.lab !== lesson.summary.lab) return { error: `the submission is for lab ${s.lab}, but lesson ${id} runs in lab ${lesson.summary.lab}` }
    submittedVersion = s.lessonVersion
    if (s.lessonVersion !== lesson.version) warnings.push(`made for lesson version ${s.lessonVersion}, graded against the current version ${lesson.version}`)
    help = s.help
    exam = s.exam
    world = keysWorld(lesson, s.seed, s.keys)
    attempts = keyAttempts(lesson, s.seed, s.keys, s.predictions ?? [])
  } else {
    world = scriptWorld(lesson, 1, input.script)
    attempts = scriptAttempts(lesson, 1, input.script)
    if (world.failures) warnings.push(`${world.failures} command${world.failures > 1 ? 's' : ''} named a host that lab ${lesson.summary.lab} does not have`)
  }
  const predicted = gradeAttempts(lesson, attempts)
  warnings.push(...predicted.warnings)
  const checks = evaluateLesson(lesson, world, { all: true, grading: true, predicted: predicted.results }).flatMap((s) => s.checks)
  const held = checks.filter((c) => c.passed).length
  return {
    lesson: id,
    version: lesson.version,
    submittedVersion,
    passed: held === checks.length,
    score: Math.round((1000 * held) / checks.length) / 10,
    checks,
    warnings,
    help,
    exam,
  }
}
