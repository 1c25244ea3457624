// What a grader is given: the page's submission file (protocol.ts Submission: the keystroke log
// with its lab, seed and lesson version) or a plain transcript in the `lvs-lab run --script`
// format. A file that is JSON must be a valid submission (checked with valibot, since it comes from
// a learner); anything else is read as a transcript.

import * as v from 'valibot'
import type { Submission } from '../lessons/contract.ts'

/** Virtual time a key or an answer may claim (µs). */
const WEEK = 7 * 24 * 3600 * 1_000_000

const SUBMISSION = v.object({
  format: v.literal('lvs-lab-submission'),
  version: v.literal(1),
  lesson: v.string(),
  lessonVersion: v.string(),
  lab: v.string(),
  seed: v.pipe(v.number(), v.integer()),
  commands: v.array(v.object({ t: v.number(), host: v.string(), line: v.string() })),
  // A week of virtual time at most: a replay runs every timer up to the last key, so a forged time
  // far in the future would keep the grader busy for nothing.
  keys: v.array(v.object({ t: v.pipe(v.number(), v.minValue(0), v.maxValue(WEEK, 'expected a time within a week of the start')), host: v.string(), data: v.string() })),
  help: v.object({ hints: v.pipe(v.number(), v.integer(), v.minValue(0)), solution: v.boolean() }),
  exam: v.boolean(),
  predictions: v.optional(
    v.pipe(
      v.array(
        v.object({
          check: v.pipe(v.string(), v.maxLength(100)),
          at: v.pipe(v.number(), v.integer(), v.minValue(0)),
          t: v.pipe(v.number(), v.minValue(0), v.maxValue(WEEK, 'expected a time within a week of the start')),
          answers: v.pipe(v.record(v.pipe(v.string(), v.maxLength(40)), v.pipe(v.string(), v.maxLength(200))), v.check((a) => Object.keys(a).length <= 20, 'expected at most 20 answers')),
        }),
      ),
      v.maxLength(1000),
    ),
  ),
})

export type GradeInput = { kind: 'submission'; submission: Submission } | { kind: 'transcript'; script: string }

/** Reads a file's text as a submission or a transcript; a broken submission is an error message. */
export function readSubmission(text: string): GradeInput | { error: string } {
  const trimmed = text.trimStart()
  if (!trimmed.startsWith('{')) return { kind: 'transcript', script: text }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    return { error: `not a valid submission file: ${e instanceof Error ? e.message : String(e)}` }
  }
  const r = v.safeParse(SUBMISSION, json)
  if (!r.success) {
    const issue = r.issues[0]
    const path = (issue.path ?? []).map((p) => (typeof p.key === 'number' ? `[${p.key}]` : `.${String(p.key)}`)).join('').replace(/^\./, '')
    return { error: `not a valid submission file: ${path ? `${path}: ` : ''}${issue.message}` }
  }
  const submission = r.output as Submission
  // Answer keys come from the file: kept in null-prototype objects, read only by field name.
  if (submission.predictions) submission.predictions = submission.predictions.map((p) => ({ ...p, answers: Object.assign(Object.create(null), p.answers) }))
  return { kind: 'submission', submission }
}
