// The worker's API object: one lab at a time, a terminal (Tty) per host, keystrokes logged with
// their virtual time and replayed on load, output and trace pushed to the UI in batches. Plain
// object, so tests can call it in Node without a worker. Lessons (LessonApi) are delegated to
// lesson-session.ts: a lesson's lab starts with its hidden setup, and its checks go out as
// `lesson` events after every command.

import { formatIp } from '../net/addr.ts'
import { Lab } from '../lab/lab.ts'
import { LABS } from '../lab/labs/index.ts'
import { Tty } from '../shell/tty.ts'
import type { Lesson } from '../lab/lessons/types.ts'
import { LessonSession, type LessonCatalogue } from './lesson-session.ts'
import type { KeyEvent, LabApi, LabSummary, LessonApi, LessonProgress, LessonSummary, LessonView, SavedSession, Submission, TopologyView, WorkerEvent } from './protocol.ts'

export interface ApiOptions {
  /** A lab was loaded (the browser's real-time driver restarts its clock from the lab's time). */
  onLoad?(lab: Lab): void
  /** The compiled lessons (loaded from lessons/ in Node), or the bundle's catalogue of them. */
  lessons?: Lesson[] | LessonCatalogue
}

export function createApi(options: ApiOptions = {}) {
  let lab: Lab | null = null
  let ttys = new Map<string, Tty>()
  let keyLog: KeyEvent[] = []
  let seed = 1
  let listener: ((events: WorkerEvent[]) => void) | null = null
  let queue: WorkerEvent[] = []
  let traceCursor = 0
  let replaying = false
  const given = options.lessons ?? []
  const lessons = new LessonSession(Array.isArray(given) ? { summaries: given.map((l) => l.summary), load: () => given } : given)

  const summary = (id: string): LabSummary => ({ id, title: LABS[id].title, summary: LABS[id].summary })

  const topology = (): TopologyView => {
    const l = lab!
    return {
      lab: summary(l.def.id),
      start: l.def.start,
      networks: l.def.networks.map((n) => ({ ...n })),
      hosts: l.def.hosts.map((h) => {
        const host = l.host(h.hostname)!
        return {
          name: h.hostname,
          role: h.role,
          x: h.x,
          y: h.y,
          ifaces: h.ifaces.map((f) => {
            const iface = host.ip.iface(f.name)!
            return { name: f.name, network: f.network, mac: iface.mac, addrs: iface.addrs.map((a) => `${formatIp(a.ip)}/${a.plen}`) }
          }),
        }
      }),
    }
  }

  const tty = (name: string): Tty => {
    const host = lab!.host(name)
    if (!host) throw new Error(`no host ${name}`)
    let t = ttys.get(host.hostname)
    if (!t) {
      t = new Tty(host, lab!.shellEnv(), (data) => queue.push({ type: 'output', host: host.hostname, data }), (h, line) => {
        lab!.record(h, line)
        if (!replaying) lessons.commandStarted(h.hostname)
      })
      ttys.set(host.hostname, t)
      t.login()
    }
    return t
  }

  const saved = (): SavedSession => {
    const open = lessons.current
    return open ? { version: 1, lab: lab!.def.id, seed, keys: keyLog, lesson: open.lesson.summary.id } : { version: 1, lab: lab!.def.id, seed, keys: keyLog }
  }

  /** Starts lab `id` (or `lesson`'s lab with its setup), then replays a saved session of it. */
  const start = (id: string, session: SavedSession | null | undefined, lesson: Lesson | null): void => {
    seed = session?.lab === id ? session.seed : 1
    if (lesson) lab = lessons.start(lesson, seed)
    else {
      lessons.close()
      lab = new Lab(LABS[id], seed)
    }
    ttys = new Map()
    keyLog = []
    queue = []
    traceCursor = 0
    for (const h of lab.hosts) tty(h.hostname)
    if (session && session.lab === id && session.version === 1) {
      replaying = true
      for (const k of session.keys) {
        lab.engine.advanceTo(k.t)
        keyLog.push(k)
        lessons.typed(k)
        tty(k.host).input(k.data)
      }
      replaying = false
    }
    options.onLoad?.(lab)
  }

  const lessonProgress = (all: boolean): LessonProgress | null => {
    const p = lab ? lessons.progress(lab, all) : null
    if (p) queue.push({ type: 'lesson', progress: p })
    return p
  }

  const api = {
    labs: (): LabSummary[] => Object.keys(LABS).map(summary),

    load(id: string, session?: SavedSession | null): TopologyView {
      if (!LABS[id]) throw new Error(`unknown lab ${id}`)
      // A session saved inside a lesson replays on top of that lesson's setup.
      const lesson = session?.lesson ? lessons.find(session.lesson) : undefined
      start(id, session, lesson && lesson.summary.lab === id ? lesson : null)
      if (lessons.current) lessonProgress(false)
      api.flush()
      return topology()
    },

    lessons: (): LessonSummary[] => lessons.summaries(),

    openLesson(id: string, session?: SavedSession | null): { topology: TopologyView; lesson: LessonView } {
      const lesson = lessons.find(id)
      if (!lesson) throw new Error(`unknown lesson ${id}`)
      start(lesson.summary.lab, session?.lesson === id ? session : null, lesson)
      lessonProgress(false)
      api.flush()
      return { topology: topology(), lesson: lessons.view()! }
    },

    checkLesson(): LessonProgress | null {
      const p = lessonProgress(true)
      api.flush()
      return p
    },

    solution: (): { host: string; line: string }[] => (lab ? lessons.solution(lab) : []),

    submission: (help: { hints: number; solution: boolean }, exam: boolean): Submission | null => (lab ? lessons.submission(lab, help, exam) : null),

    subscribe(l: (events: WorkerEvent[]) => void): void {
      listener = l
    },

    keys(host: string, data: string): void {
      if (!lab) return
      const t = tty(host)
      const k = { t: lab.engine.now, host: t.host.hostname, data }
      keyLog.push(k)
      lessons.typed(k)
      t.input(data)
      if (!replaying) queue.push({ type: 'saved', session: saved() })
      api.flush()
    },

    resize(host: string, cols: number, rows: number): void {
      if (!lab) return
      const t = tty(host)
      t.cols = cols
      t.rows = rows
    },

    run(host: string, command: string): { stdout: string; exitCode: number } {
      if (!lab) throw new Error('no lab loaded')
      const r = lab.run(host, command)
      lessons.ran(lab.log[lab.log.length - 1].t, lab.log[lab.log.length - 1].host, command)
      lessonProgress(false)
      api.flush()
      return { stdout: r.stdout, exitCode: r.exitCode }
    },

    trace: (since = 0) => lab?.engine.trace.since(since) ?? [],

    setTrace(enabled: boolean): void {
      if (lab) lab.engine.trace.enabled = enabled
    },

    /** Sends what accumulated since the last batch: output, new trace records. */
    flush(): void {
      if (!lab) return
      const progress = lessons.poll(lab, (h) => ttys.get(h)?.busy ?? false)
      if (progress) queue.push({ type: 'lesson', progress })
      const records = lab.engine.trace.since(traceCursor)
      if (records.length) {
        traceCursor = records[records.length - 1].id
        queue.push({ type: 'trace', records })
      }
      if (!queue.length || !listener) return
      const batch = queue
      queue = []
      listener(batch)
    },

    /** The loaded lab, for tests. */
    current: () => lab,
  } satisfies LabApi & LessonApi & Record<string, unknown>

  return api
}

export type Api = ReturnType<typeof createApi>
