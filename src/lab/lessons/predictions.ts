// Answers to a lesson's `predict` checks (lessons/FORMAT.md), wherever they come from: the page
// (kept in the session and the submission, each with the moment its question was asked) or a
// transcript, where a line `#predict CHECK field=value …` answers at that point of the script.
// Each answer is graded on the lesson's world as it was at its moment, rebuilt by replay; the
// last attempt per check counts.

import { predictResult } from '../checks/index.ts'
import type { Lab } from '../lab.ts'
import { runScript } from '../script.ts'
import type { CheckResult, KeyEvent, Prediction } from './contract.ts'
import { PREDICT_FIELDS } from './schema.ts'
import type { Check, Lesson } from './types.ts'
import { replayActions, lessonLab } from './world.ts'

/** An answer with the world it is graded on. */
export interface Attempt {
  check: string
  answers: Record<string, string>
  world: () => Lab
}

const DIRECTIVE = /^#predict\s+(\S+)((?:\s+\S+)*)\s*$/

export interface ScriptPrediction {
  check: string
  answers: Record<string, string>
  /** 1-based line of the directive. */
  lineNo: number
  /** Problems with the line (an answer not written field=value, a field named twice or unknown). */
  errors: string[]
}

/** The `#predict` lines of a transcript, in order. */
export function scriptPredictions(script: string): ScriptPrediction[] {
  const out: ScriptPrediction[] = []
  const fields = new Set<string>(PREDICT_FIELDS)
  script.split('\n').forEach((line, i) => {
    const m = DIRECTIVE.exec(line.trim())
    if (!m) return
    const answers: Record<string, string> = Object.create(null)
    const errors: string[] = []
    for (const pair of m[2].trim().split(/\s+/).filter(Boolean)) {
      const eq = pair.indexOf('=')
      const field = eq > 0 ? pair.slice(0, eq) : ''
      if (!field) errors.push(`expected field=value, found "${pair}"`)
      else if (!fields.has(field)) errors.push(`unknown field "${field}" (fields: ${PREDICT_FIELDS.join(', ')})`)
      else if (Object.hasOwn(answers, field)) errors.push(`field "${field}" answered twice`)
      else answers[field] = pair.slice(eq + 1)
    }
    out.push({ check: m[1], answers, lineNo: i + 1, errors })
  })
  return out
}

/** A transcript's answers, each graded on the world after the script's lines above it. */
export function scriptAttempts(lesson: Lesson, seed: number, script: string): Attempt[] {
  const lines = script.split('\n')
  return scriptPredictions(script).map((p) => ({
    check: p.check,
    answers: p.answers,
    world: () => {
      const lab = lessonLab(lesson, seed)
      runScript(lab, lines.slice(0, p.lineNo - 1).join('\n'))
      return lab
    },
  }))
}

/** A submission's (or a saved session's) answers: each on the keystrokes before it, at its time. */
export function keyAttempts(lesson: Lesson, seed: number, keys: readonly KeyEvent[], predictions: readonly Prediction[]): Attempt[] {
  return predictions.map((p) => ({
    check: p.check,
    answers: p.answers,
    world: () => replayActions(lesson, seed, keys.slice(0, p.at).map((k) => ({ keys: k })), p.t),
  }))
}

type PredictCheck = Extract<Check, { kind: 'predict' }>

/** The predict checks of a lesson, by id. */
export function predictChecks(lesson: Lesson): Map<string, PredictCheck> {
  const out = new Map<string, PredictCheck>()
  for (const s of lesson.steps) for (const c of s.checks) if (c.kind === 'predict') out.set(c.id, c)
  return out
}

/** Grades the last attempt at each predict check; answers to checks the lesson lacks are warnings. */
export function gradeAttempts(lesson: Lesson, attempts: readonly Attempt[]): { results: Map<string, CheckResult>; warnings: string[] } {
  const checks = predictChecks(lesson)
  const last = new Map<string, { attempt: Attempt; count: number }>()
  const warnings: string[] = []
  for (const a of attempts) {
    if (!checks.has(a.check)) {
      warnings.push(`an answer to "${a.check}", which is not a predict check of lesson ${lesson.summary.id}`)
      continue
    }
    last.set(a.check, { attempt: a, count: (last.get(a.check)?.count ?? 0) + 1 })
  }
  const results = new Map<string, CheckResult>()
  for (const [id, { attempt, count }] of last) results.set(id, predictResult(checks.get(id)!, attempt.world(), attempt.answers, count).result)
  return { results, warnings }
}
