// What the page remembers of each lesson, in localStorage, written as it changes: how far the
// learner got, the help they took (hints per step, the solution), and whether it is an exam, all
// under one key; and each lesson's own session (its keystrokes) under a key of its own, so a
// command writes one lesson's session and not every lesson's, and coming back to a lesson
// rebuilds its world. A progress file (export/import) carries both, validated like anything read
// back from disk.

import * as v from 'valibot'
import type { SavedSession } from '../../worker/protocol.ts'
import { SessionSchema as Session } from '../session/schema.ts'
import { LESSON_SESSION_PREFIX, SessionStore, type StoreProblem } from '../session/store.ts'

export const PROGRESS_KEY = 'lvs-lab.lessons'

/** The picker's marks: not started, in progress, done, done after showing the solution. */
export type LessonMark = 'new' | 'started' | 'done' | 'helped'

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
})

export type LessonRecord = v.InferOutput<typeof Record_>

const Stored = v.object({ version: v.literal(1), lessons: v.array(v.tuple([v.string(), Record_])) })

const ProgressFile = v.object({
  format: v.literal('lvs-lab-progress'),
  version: v.literal(1),
  lessons: v.array(v.tuple([v.string(), v.object({ ...Record_.entries, session: v.nullable(Session) })])),
})

export type ProgressFileData = v.InferOutput<typeof ProgressFile>

export function emptyRecord(steps: number, exam: boolean): LessonRecord {
  return { status: 'started', hints: new Array<number>(steps).fill(0), solution: false, exam, stepsDone: 0, steps, finish: null }
}

export function markOf(record: LessonRecord | undefined): LessonMark {
  return record ? record.status : 'new'
}

export const hintsUsed = (record: LessonRecord | undefined): number => record?.hints.reduce((a, b) => a + b, 0) ?? 0

/** Why a progress file was refused: the first problem, with the path valibot reports. */
export class ProgressFileError extends Error {}

type Storage_ = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

export class LessonStore {
  private records = new Map<string, LessonRecord>()

  constructor(private readonly storage: Storage_ | null = globalThis.localStorage ?? null) {
    try {
      const raw = storage?.getItem(PROGRESS_KEY)
      if (raw) this.records = new Map(parse(Stored, raw).lessons)
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

  /**
   * The lesson's own session, as last saved (null: the lesson starts from its setup). A copy that
   * cannot be read is set aside and reported (session/store.ts), never dropped.
   */
  session(id: string, onProblem: (p: StoreProblem) => void = () => {}): SavedSession | null {
    return this.storedSession(id, onProblem)?.session ?? null
  }

  /** As session(), with the text it is stored as. */
  storedSession(id: string, onProblem: (p: StoreProblem) => void = () => {}): { session: SavedSession; text: string } | null {
    return new SessionStore(this.storage).readStored({ kind: 'lesson', id }, onProblem)
  }

  /** Writes (or, with null, forgets) the lesson's session; false when storage had no room for it. */
  setSession(id: string, session: SavedSession | null): boolean {
    return this.guard(() => (session ? this.storage?.setItem(LESSON_SESSION_PREFIX + id, JSON.stringify(session)) : this.storage?.removeItem(LESSON_SESSION_PREFIX + id)))
  }

  reset(id: string): void {
    this.records.delete(id)
    this.setSession(id, null)
    this.write()
  }

  exportText(): string {
    const lessons = [...this.records].map(([id, r]) => [id, { ...r, session: this.session(id) }] as const)
    return `${JSON.stringify({ format: 'lvs-lab-progress', version: 1, lessons }, null, 2)}\n`
  }

  /** Takes the lessons of a progress file, replacing those already here; returns their ids. */
  importText(text: string): string[] {
    const incoming = parse(ProgressFile, text).lessons
    for (const [id, { session, ...record }] of incoming) {
      this.records.set(id, record)
      this.setSession(id, session)
    }
    this.write()
    return incoming.map(([id]) => id)
  }

  private write(): void {
    this.guard(() => this.storage?.setItem(PROGRESS_KEY, JSON.stringify({ version: 1, lessons: [...this.records] })))
  }

  /** Storage full or blocked: progress lives on in memory and in the exported file. */
  private guard(write: () => void): boolean {
    try {
      write()
      return true
    } catch {
      return false
    }
  }
}

function parse<S extends v.GenericSchema>(schema: S, text: string): v.InferOutput<S> {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (e) {
    throw new ProgressFileError(`not JSON: ${(e as Error).message}`)
  }
  const r = v.safeParse(schema, data)
  if (!r.success) {
    const issue = r.issues[0]
    const path = v.getDotPath(issue)
    throw new ProgressFileError(path ? `${path}: ${issue.message}` : issue.message)
  }
  return r.output
}

