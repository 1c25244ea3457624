// The worker's API object: one lab at a time, a terminal (Tty) per host, keystrokes logged with
// their virtual time (and each terminal's size as it changed) and replayed on load, output and
// trace pushed to the UI in batches. Plain object, so tests can call it in Node without a worker.
//
// A replay costs time linear in the session: every key is typed once, and the output it makes is
// appended to its host's output event of the batch, so a replay of 5,000 commands reaches the page
// as one output event per host, not tens of thousands the page would handle one by one (each
// host's terminal is its own, so only the order within a host matters).
//
// A replay that fails (a command that throws outside every error boundary, a saved host the lab no
// longer has) is started again without that command, a `skipped` event says which it was, and the
// repaired session is saved at once, so a reload always brings the rest back.
//
// Lessons (LessonApi) are delegated to lesson-session.ts: a lesson's lab starts with its hidden
// setup, a saved session of it replays on top, and its checks go out as `lesson` events after
// every command the learner finishes.

import { formatIp } from '../net/addr.ts'
import { Lab } from '../lab/lab.ts'
import { LABS } from '../lab/labs/index.ts'
import { Budget } from '../sim/budget.ts'
import { describeError } from '../sim/engine.ts'
import { Tty } from '../shell/tty.ts'
import type { Lesson } from '../lab/lessons/types.ts'
import { LessonSession, type LessonCatalogue } from './lesson-session.ts'
import { CommandLog } from './command-log.ts'
import { stateView } from './state-view.ts'
import type { FileOut, KeyEvent, TerminalSize, LabApi, LabStateView, TraceRecord, LabSummary, LessonApi, LessonProgress, LessonSummary, LessonView, PredictQuestion, PredictResult, ReelItem, SavedSession, Submission, TopologyView, WorkerEvent } from './protocol.ts'
import { commandAt, commandText, isKeyEvent, isTerminalSize } from './replay.ts'
import { capture, connections, readFile } from './conn-view.ts'

/** Keys that only add characters to the line being edited (no control character, no escape). */
const PLAIN = /^[^\x00-\x1f\x7f]+$/

/** Commands a replay may leave out before it gives up on the rest of the session. */
const MAX_SKIPPED = 20
/** Terminal output kept between two flushes per host; a flood beyond it is cut with a note. */
const OUTPUT_PER_FLUSH = 4 * 1024 * 1024
/** What is kept of the end of a cut flood, so the last lines and the prompt still show. */
const CUT_TAIL = 4096

/**
 * A saved session as given: an object, or the JSON text it is stored as. Text that does not parse
 * is no session (the page checked it before sending; restore() checks every field again).
 */
export function sessionOf(saved: SavedSession | string | null | undefined): SavedSession | null {
  if (typeof saved !== 'string') return saved ?? null
  try {
    return JSON.parse(saved) as SavedSession
  } catch {
    return null
  }
}

export interface ApiOptions {
  /** A lab was loaded (the browser's real-time driver restarts its clock from the lab's time). */
  onLoad?(lab: Lab): void
  /** The compiled lessons (loaded from lessons/ in Node), or the bundle's catalogue of them. */
  lessons?: Lesson[] | LessonCatalogue
  /** A typed key sends a `typed` event (what is new) rather than `saved` (the whole session). */
  deltas?: boolean
}

export function createApi(options: ApiOptions = {}) {
  let lab: Lab | null = null
  let ttys = new Map<string, Tty>()
  let keyLog: KeyEvent[] = []
  let sizeLog: TerminalSize[] = []
  let seed = 1
  let listener: ((events: WorkerEvent[]) => void) | null = null
  let queue: WorkerEvent[] = []
  /** Every record made since the last batch, taken as made: the ring may let go of a flood's oldest before a flush. */
  let fresh: TraceRecord[] = []
  let replaying = false
  let pendingOutput = new Map<string, number>()
  /** The `typed` event of the batch being gathered, which more keys are appended to. */
  let typedEvent: Extract<WorkerEvent, { type: 'typed' }> | null = null
  /** Each host's output event in the batch being gathered, which more output is appended to. */
  let batchOutput = new Map<string, { type: 'output'; host: string; data: string }>()
  let cutTails = new Map<string, string>()
  /** Each command's mark in the batch being gathered: a command that starts and ends within one batch (every command of a replay) goes as one mark, its last. */
  let batchMarks = new Map<number, Extract<WorkerEvent, { type: 'command' }>>()
  const commandLog = () =>
    new CommandLog((command) => {
      const sent = batchMarks.get(command.seq)
      if (sent) return void (sent.command = command)
      const mark = { type: 'command' as const, command }
      batchMarks.set(command.seq, mark)
      queue.push(mark)
    })
  let commands = commandLog()
  const given = options.lessons ?? []
  const lessons = new LessonSession(Array.isArray(given) ? { summaries: given.map((l) => l.summary), load: () => given } : given)
  /** The lesson the next start() opens (its setup runs first), or null for the bare lab. */
  let lessonToOpen: Lesson | null = null

  const summary = (id: string): LabSummary => ({ id, title: LABS[id].title, summary: LABS[id].summary })

  const topology = (): TopologyView => {
    const l = lab!
    return {
      lab: summary(l.def.id),
      start: l.def.start,
      networks: l.def.networks.map((n) => ({ ...n })),
      hosts: l.def.hosts.map((h) => {
        const host = l.host(h.hostname)!
        const t = ttys.get(host.hostname)
        return {
          name: h.hostname,
          role: h.role,
          x: h.x,
          y: h.y,
          ifaces: h.ifaces.map((f) => {
            const iface = host.ip.iface(f.name)!
            return { name: f.name, network: f.network, mac: iface.mac, addrs: iface.addrs.map((a) => `${formatIp(a.ip)}/${a.plen}`) }
          }),
          ...(t ? { terminal: { cols: t.cols, rows: t.rows } } : {}),
        }
      }),
    }
  }

  const tty = (name: string): Tty => {
    const host = lab!.host(name)
    if (!host) throw new Error(`no host ${name}`)
    let t = ttys.get(host.hostname)
    if (!t) {
      t = new Tty(host, lab!.shellEnv(), (data) => output(host.hostname, data), (h, line) => {
        lab!.record(h, line)
        commands.started(h.hostname, line, lab!.engine.now, lab!.engine.trace.lastId + 1)
        // Each typed command gets its own budget; pacing to real time, not the budget, bounds its events.
        lab!.engine.budget = new Budget(lab!.limits)
        if (!replaying) lessons.commandStarted(h.hostname)
      })
      ttys.set(host.hostname, t)
      t.login()
    }
    return t
  }

  const saved = (): SavedSession => {
    const base = { version: 1 as const, lab: lab!.def.id, seed, keys: keyLog, ...(sizeLog.length ? { sizes: sizeLog } : {}), now: lab!.engine.now }
    const open = lessons.current
    if (!open) return base
    const predictions = lessons.savedPredictions()
    return { ...base, lesson: open.lesson.summary.id, ...(predictions.length ? { predictions } : {}) }
  }

  /** Sets a terminal's size and logs the change at the current key; a drag's sizes keep only the last. */
  const setSize = (t: Tty, cols: number, rows: number): void => {
    if (t.cols === cols && t.rows === rows) return
    t.cols = cols
    t.rows = rows
    const host = t.host.hostname
    const last = sizeLog[sizeLog.length - 1]
    if (last && last.at === keyLog.length && last.host === host) sizeLog[sizeLog.length - 1] = { ...last, cols, rows }
    else sizeLog.push({ at: keyLog.length, host, cols, rows })
  }

  const output = (host: string, data: string): void => {
    const before = pendingOutput.get(host) ?? 0
    if (before >= OUTPUT_PER_FLUSH) {
      cutTails.set(host, ((cutTails.get(host) ?? '') + data).slice(-CUT_TAIL))
      return
    }
    pendingOutput.set(host, before + data.length)
    if (before + data.length <= OUTPUT_PER_FLUSH) {
      const event = batchOutput.get(host)
      if (event) event.data += data
      else {
        const first = { type: 'output' as const, host, data }
        batchOutput.set(host, first)
        queue.push(first)
      }
    } else {
      queue.push({ type: 'output', host, data: data.slice(0, OUTPUT_PER_FLUSH - before) + '\r\nlvs-lab: output cut: more than 4 MiB arrived at once; its last lines:\r\n' })
      cutTails.set(host, data.slice(-CUT_TAIL))
    }
  }

  /** Tells the page a key was kept: the whole session, or with `deltas` only what is new. */
  const changed = (key: KeyEvent): void => {
    if (!options.deltas) return void queue.push({ type: 'saved', session: saved() })
    const at = keyLog.length - 1
    if (keyLog[at] !== key) return
    if (!typedEvent) {
      const sent = sizeLog.findIndex((z) => z.at >= at)
      typedEvent = { type: 'typed', from: at, keys: [], sizesFrom: sent < 0 ? sizeLog.length : sent, sizes: [], now: 0 }
      queue.push(typedEvent)
    }
    typedEvent.keys.push(key)
    typedEvent.sizes = sizeLog.slice(typedEvent.sizesFrom)
    typedEvent.now = lab!.engine.now
  }

  /** A fresh lab with its terminals at their first prompt. */
  const start = (id: string): void => {
    lab = lessonToOpen ? lessons.start(lessonToOpen, seed) : new Lab(LABS[id], seed)
    ttys = new Map()
    keyLog = []
    sizeLog = []
    queue = []
    pendingOutput = new Map()
    batchOutput = new Map()
    batchMarks = new Map()
    typedEvent = null
    cutTails = new Map()
    commands = commandLog()
    // A lesson's hidden setup stays hidden: its packets are not sent to the picture.
    fresh = lessonToOpen ? [] : lab.engine.trace.since(0)
    lab.engine.trace.tap = (r) => fresh.push(r)
    for (const h of lab.hosts) tty(h.hostname)
  }

  /**
   * Replays `keys` into a fresh lab, leaving out the indices in `skip`, each terminal resized where
   * `sizes` says (sorted by `at`), and time advanced to `now`. Returns the index of the chunk during
   * which something threw, or -1 when the whole log went through.
   */
  const replay = (id: string, keys: readonly KeyEvent[], sizes: readonly TerminalSize[], now: number, skip: Readonly<Set<number>>): number => {
    start(id)
    replaying = true
    let s = 0
    const resizeUpTo = (i: number): void => {
      for (; s < sizes.length && sizes[s].at <= i; s++) {
        const t = lab!.host(sizes[s].host) ? tty(sizes[s].host) : null
        if (t) setSize(t, sizes[s].cols, sizes[s].rows)
      }
    }
    try {
      for (let i = 0; i < keys.length; i++) {
        resizeUpTo(i)
        if (skip.has(i)) continue
        const k = keys[i]
        let last = i
        try {
          lab!.engine.advanceTo(k.t)
          const t = tty(k.host)
          // Plain characters typed at a prompt change nothing but the line being edited, so those
          // that follow on the same host go in together at the first one's time: the world is the
          // same, and the line editor runs once per run of letters rather than once per letter.
          let data = k.data
          if (!t.busy && PLAIN.test(data)) {
            while (last + 1 < keys.length && keys[last + 1].host === k.host && PLAIN.test(keys[last + 1].data) && !skip.has(last + 1) && !(s < sizes.length && sizes[s].at <= last + 1)) data += keys[++last].data
          }
          t.input(data)
        } catch {
          return i
        }
        for (let j = i; j <= last; j++) {
          keyLog.push(keys[j])
          lessons.typed(keys[j])
        }
        i = last
      }
      resizeUpTo(keys.length)
      if (now > lab!.engine.now) lab!.engine.advanceTo(now)
      return -1
    } catch {
      // Time running on after the last key met an engine bug: the keys are all in; stop there.
      return -1
    } finally {
      replaying = false
    }
  }

  const lessonProgress = (all: boolean): LessonProgress | null => {
    const p = lab ? lessons.progress(lab, all) : null
    if (p) queue.push({ type: 'lesson', progress: p })
    return p
  }

  /** Starts lab `id` (with `lesson`'s setup, if any) and replays the saved session into it. */
  const restore = (id: string, session: SavedSession | null | undefined, lesson: Lesson | null): void => {
    lessonToOpen = lesson
    if (!lesson) lessons.close()
    const resume = session?.lab === id && session.version === 1 && Array.isArray(session.keys) ? session : null
    seed = resume && Number.isSafeInteger(resume.seed) ? resume.seed : 1
    const keys = (resume?.keys ?? []).filter(isKeyEvent)
    const sizes = (Array.isArray(resume?.sizes) ? resume.sizes : []).filter(isTerminalSize).sort((a, b) => a.at - b.at)
    const now = typeof resume?.now === 'number' && Number.isSafeInteger(resume.now) ? resume.now : 0
    const skip = new Set<number>()
    const skipped: { host: string; command: string }[] = []
    for (;;) {
      const failed = replay(id, keys, sizes, now, skip)
      if (failed < 0) break
      const command = commandAt(keys, failed)
      skipped.push({ host: keys[failed].host, command: commandText(keys, command) })
      for (const i of command) skip.add(i)
      if (skipped.length >= MAX_SKIPPED) {
        // Give up on the rest: the session up to the first failure is still better than nothing.
        for (let i = failed; i < keys.length; i++) skip.add(i)
        replay(id, keys, sizes, 0, skip)
        break
      }
    }
    for (const s of skipped) queue.push({ type: 'skipped', host: s.host, command: s.command })
    if (skipped.length) queue.push({ type: 'saved', session: saved() })
    // Answers are kept only while their moments are: a replay that left commands out starts them afresh.
    if (lesson && resume?.lesson === lesson.summary.id && Array.isArray(resume.predictions) && !skipped.length) lessons.restorePredictions(resume.predictions)
    options.onLoad?.(lab!)
    if (lesson) lessonProgress(false)
  }

  const api = {
    labs: (): LabSummary[] => Object.keys(LABS).map(summary),

    load(id: string, saved?: SavedSession | string | null): TopologyView {
      if (!LABS[id]) throw new Error(`unknown lab ${id}`)
      const session = sessionOf(saved)
      // A session saved inside a lesson replays on top of that lesson's setup.
      const lesson = session?.lesson ? lessons.find(session.lesson) : undefined
      restore(id, session, lesson && lesson.summary.lab === id ? lesson : null)
      api.flush()
      return topology()
    },

    lessons: (): LessonSummary[] => lessons.summaries(),

    openLesson(id: string, saved?: SavedSession | string | null): { topology: TopologyView; lesson: LessonView } {
      const lesson = lessons.find(id)
      const session = sessionOf(saved)
      if (!lesson) throw new Error(`unknown lesson ${id}`)
      restore(lesson.summary.lab, session?.lesson === id ? session : null, lesson)
      api.flush()
      return { topology: topology(), lesson: lessons.view()! }
    },

    checkLesson(): LessonProgress | null {
      const p = lessonProgress(true)
      api.flush()
      return p
    },

    solution: (): { host: string; line: string }[] => (lab ? lessons.solution(lab) : []),
    reel: (): ReelItem[] => (lab ? lessons.reel(lab) : []),

    submission: (help: { hints: number; solution: boolean }, exam: boolean): Submission | null => (lab ? lessons.submission(lab, help, exam) : null),

    predictQuestion: (check: string): PredictQuestion | null => (lab ? lessons.ask(lab, check) : null),

    predict(check: string, answers: Record<string, string>, once = false): PredictResult | null {
      if (!lab || typeof answers !== 'object' || answers === null) return null
      const r = lessons.answer(lab, check, answers, once)
      if (r) {
        queue.push({ type: 'saved', session: saved() })
        lessonProgress(false)
      }
      api.flush()
      return r
    },

    predictions: (): PredictResult[] => lessons.predictions(),

    solvePredictions(): PredictResult[] {
      if (!lab) return []
      const r = lessons.solvePredictions(lab)
      if (r.length) {
        queue.push({ type: 'saved', session: saved() })
        lessonProgress(false)
      }
      api.flush()
      return r
    },

    subscribe(l: (events: WorkerEvent[]) => void): void {
      listener = l
    },

    keys(host: string, data: string): void {
      // A terminal of the lab just left may still send a key: it has no host here any more.
      if (!lab || !lab.host(host)) return
      const t = tty(host)
      const key = { t: lab.engine.now, host: t.host.hostname, data }
      try {
        t.input(data)
        keyLog.push(key)
        lessons.typed(key)
      } catch (error) {
        // Outside every engine boundary (the terminal's own line editing): the key is not kept, so
        // a replay never meets it again, and the terminal says what happened.
        lab.engine.fault('internal.command', key.host, 0, { command: JSON.stringify(data.slice(0, 80)) }, error)
        output(key.host, `\r\n-bash: internal error: ${describeError(error)}\r\n`)
      }
      if (!replaying) changed(key)
      api.flush()
    },

    resize(host: string, cols: number, rows: number): void {
      if (!lab || !lab.host(host) || !isTerminalSize({ at: 0, host, cols, rows })) return
      setSize(tty(host), cols, rows)
    },

    session: (): SavedSession | null => (lab ? saved() : null),

    sessionText: (): string | null => (lab ? JSON.stringify(saved()) : null),

    run(host: string, command: string): { stdout: string; exitCode: number } {
      if (!lab) throw new Error('no lab loaded')
      const name = lab.host(host)?.hostname
      if (name) commands.started(name, command, lab.engine.now, lab.engine.trace.lastId + 1)
      const r = lab.run(host, command)
      if (name) commands.close(name, lab.engine.trace.lastId)
      const entry = lab.log[lab.log.length - 1]
      lessons.ran(entry.t, entry.host, command)
      lessonProgress(false)
      api.flush()
      return { stdout: r.stdout, exitCode: r.exitCode }
    },

    trace: (since = 0) => lab?.engine.trace.since(since) ?? [],

    setTrace(enabled: boolean): void {
      if (lab) lab.engine.trace.enabled = enabled
    },

    connections: () => (lab ? connections(lab) : []),

    readFile: (host: string, path: string): FileOut => (lab && typeof host === 'string' && typeof path === 'string' ? readFile(lab, host, path) : { path: String(path), error: 'ENOENT' }),

    capture: (segment?: string): FileOut => (lab ? capture(lab, typeof segment === 'string' ? segment : undefined) : { path: '', error: 'ENOENT' }),

    state: (): LabStateView => (lab ? stateView(lab) : { t: 0, hosts: [] }),

    /** Sends what accumulated since the last batch: output, new trace records. */
    flush(): void {
      if (!lab) return
      const progress = lessons.poll(lab, (h) => ttys.get(h)?.busy ?? false)
      if (progress) queue.push({ type: 'lesson', progress })
      commands.settle((h) => !(ttys.get(h)?.busy ?? false), lab.engine.trace.lastId)
      const records = fresh
      if (records.length) {
        fresh = []
        queue.push({ type: 'trace', records })
      }
      if (!queue.length || !listener) return
      for (const [host, data] of cutTails) queue.push({ type: 'output', host, data })
      const batch = queue
      queue = []
      pendingOutput = new Map()
      batchOutput = new Map()
      batchMarks = new Map()
      typedEvent = null
      cutTails = new Map()
      listener(batch)
    },

    /** The loaded lab, for tests. */
    current: () => lab,
  } satisfies LabApi & LessonApi & Record<string, unknown>

  return api
}

export type Api = ReturnType<typeof createApi>
