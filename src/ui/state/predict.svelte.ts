// The open lesson's predict checks in the page (lessons/FORMAT.md): the question the worker holds
// for each (the packet before the director forwards it), the answers being typed, and the graded
// result with the packet as it left. The worker grades; this only asks it and shows the hops in
// the picture, the held packet arriving and then leaving as the engine sent it.

import type { LessonApi, PredictHop, PredictQuestion, PredictResult, TraceRecord } from '../../worker/protocol.ts'

type Async<T> = { [K in keyof T]: T[K] extends (...a: infer A) => infer R ? (...a: A) => Promise<Awaited<R>> : never }

type Frame = Extract<TraceRecord, { type: 'wire' }>['frame']

/** A hop of the held packet as a wire record the picture can fly (id 0: never in the event log). */
export function hopRecord(hop: PredictHop, frame: Frame): TraceRecord {
  return { type: 'wire', id: 0, t: 0, uid: 0, segment: hop.segment, fromHost: hop.fromHost, fromIface: hop.fromIface, toHost: hop.toHost, frame }
}

export class PredictState {
  questions = $state.raw<Record<string, PredictQuestion>>({})
  results = $state.raw<Record<string, PredictResult>>({})
  /** What the learner has typed, per check and field. */
  answers = $state<Record<string, Record<string, string>>>({})
  busy = $state.raw<Record<string, boolean>>({})
  /** The worker's kept answers have arrived: only then may a form ask a new question. */
  loaded = $state(false)
  /** Shows hops in the picture (App wires it to the animator). */
  onShow: (records: TraceRecord[]) => void = () => {}

  constructor(private readonly api: () => Async<Pick<LessonApi, 'predictQuestion' | 'predict' | 'predictions' | 'solvePredictions'>>) {}

  /** A lesson opened: forget the last one's, take the answers the worker kept (a reload). */
  async reset(): Promise<void> {
    this.questions = {}
    this.answers = {}
    this.busy = {}
    this.results = {}
    this.loaded = false
    try {
      this.take(await this.api().predictions())
    } finally {
      this.loaded = true
    }
  }

  /** Holds the check's packet now (again, for another attempt) and shows it arriving. */
  async ask(check: string): Promise<void> {
    if (this.busy[check]) return
    this.busy = { ...this.busy, [check]: true }
    try {
      const q = await this.api().predictQuestion(check)
      if (!q) return
      this.questions = { ...this.questions, [check]: q }
      const { [check]: _old, ...rest } = this.results
      this.results = rest
      this.answers[check] ??= {}
      if (q.ready) this.onShow([hopRecord(q.hop, q.arriving)])
    } finally {
      this.busy = { ...this.busy, [check]: false }
    }
  }

  async submit(check: string, once: boolean): Promise<void> {
    if (this.busy[check]) return
    this.busy = { ...this.busy, [check]: true }
    try {
      const r = await this.api().predict(check, { ...(this.answers[check] ?? {}) }, once)
      if (!r) return
      this.take([r])
      if (r.hop && r.leaving) this.onShow([hopRecord(r.hop, r.leaving)])
    } finally {
      this.busy = { ...this.busy, [check]: false }
    }
  }

  /** The solution's answers (after "show solution" typed the commands). */
  async solve(): Promise<void> {
    this.take(await this.api().solvePredictions())
  }

  private take(results: PredictResult[]): void {
    if (!results.length) return
    const next = { ...this.results }
    const questions = { ...this.questions }
    for (const r of results) {
      next[r.check.id] = r
      questions[r.check.id] = r.question
      this.answers[r.check.id] = Object.fromEntries(r.fields.map((f) => [f.field, f.answer]))
    }
    this.results = next
    this.questions = questions
  }
}
