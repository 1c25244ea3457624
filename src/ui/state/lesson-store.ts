// What the page remembers of each lesson, in localStorage, written as it changes: how far the
// learner got, the help they took (hints per step, the solution), whether it is an exam, and the
// lesson's own session (its keystrokes) so coming back to a lesson rebuilds its world. The same
// records travel in a progress file (export/import), validated like anything read back from disk.

import * as v from 'valibot'
import type { SavedSession } from '../../worker/protocol.ts'

export const PROGRESS_KEY = 'lvs-lab.lessons'

/** The picker's marks: not started, in progress, done, done after showing the solution. */
export type LessonMark = 'new' | 'started' | 'done' | 'helped'

const Session = v.object({
  version: v.literal(1),
  lab: v.string(),
  seed: v.number(),
  keys: v.array(v.object({ t: v.number(), host: v.string(), data: v.string() })),
  lesson: v.optional(v.string()),
})

const Record_ = v.object({
  status: v.picklist(['started', 'done', 'helped']),
  /** Hints revealed, per step position (step ids come from lesson files, so no object keys). */
  hints: v.array(v.pipe(v.number(), v.integer(), v.minValue(0))),
  solution: v.boolean(),
  exam: v.boolean(),
  stepsDone: v.number(),
  steps: v.number(),
  /** Virtual time (µs) and commands when the last check first held. */
  finish: v.nullable(v.object({ elapsed: v.number(), commands: v.number() })),
  session: v.nullable(Session),
})

export type LessonRecord = v.InferOutput<typeof Record_>

const ProgressFile = v.object({
  format: v.literal('lvs-lab-progress'),
  version: v.literal(1),
  lessons: v.array(v.tuple([v.string(), Record_])),
})

export type ProgressFileData = v.InferOutput<typeof ProgressFile>

export function emptyRecord(steps: number, exam: boolean): LessonRecord {
  return { status: 'started', hints: new Array<number>(steps).fill(0), solution: false, exam, stepsDone: 0, steps, finish: null, session: null }
}

export function markOf(record: LessonRecord | undefined): LessonMark {
  return record ? record.status : 'new'
}

export const hintsUsed = (record: LessonRecord | undefined): number => record?.hints.reduce((a, b) => a + b, 0) ?? 0

/** Why a progress file was refused: the first problem, with the path valibot reports. */
export class ProgressFileError extends Error {}

export class LessonStore {
  private records = new Map<string, LessonRecord>()

  constructor(private readonly storage: Pick<Storage, 'getItem' | 'setItem'> | null = globalThis.localStorage ?? null) {
    try {
      const raw = storage?.getItem(PROGRESS_KEY)
      if (raw) this.records = parseProgress(raw)
    } catch {
      // A damaged store starts over rather than breaking the page.
    }
  }

  get(id: string): LessonRecord | undefined {
    return this.records.get(id)
  }

  ids(): string[] {
    return [...this.records.keys()]
  }

  /** Changes one lesson's record and writes the store at once. */
  update(id: string, change: (r: LessonRecord) => LessonRecord, steps: number, exam: boolean): LessonRecord {
    const next = change(structuredClone(this.records.get(id) ?? emptyRecord(steps, exam)))
    this.records.set(id, next)
    this.write()
    return next
  }

  reset(id: string): void {
    this.records.delete(id)
    this.write()
  }

  exportText(): string {
    const file: ProgressFileData = { format: 'lvs-lab-progress', version: 1, lessons: [...this.records] }
    return `${JSON.stringify(file, null, 2)}\n`
  }

  /** Takes the lessons of a progress file, replacing those already here; returns their ids. */
  importText(text: string): string[] {
    const incoming = parseProgress(text)
    for (const [id, r] of incoming) this.records.set(id, r)
    this.write()
    return [...incoming.keys()]
  }

  private write(): void {
    try {
      this.storage?.setItem(PROGRESS_KEY, this.exportText())
    } catch {
      // Storage full or blocked: progress lives on in memory and in the exported file.
    }
  }
}

function parseProgress(text: string): Map<string, LessonRecord> {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (e) {
    throw new ProgressFileError(`not JSON: ${(e as Error).message}`)
  }
  const r = v.safeParse(ProgressFile, data)
  if (!r.success) {
    const issue = r.issues[0]
    const path = v.getDotPath(issue)
    throw new ProgressFileError(path ? `${path}: ${issue.message}` : issue.message)
  }
  return new Map(r.output.lessons)
}

export function isSavedSession(data: unknown): data is SavedSession {
  return v.is(Session, data)
}
