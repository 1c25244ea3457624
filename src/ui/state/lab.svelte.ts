// The UI's view of the lab: talks to the worker through comlink, keeps the topology as reactive
// state, hands trace batches and command marks on (the timeline keeps them), hands each saved
// session to the SessionKeeper (one slot per lab and per lesson, so switching loses nothing), and
// routes terminal output to each host's terminal.

import * as Comlink from 'comlink'
import type { CommandMark, LabApi, LabSummary, LessonApi, LessonProgress, SavedSession, TopologyView, TraceRecord, WorkerEvent } from '../../worker/protocol.ts'
import { api, firstLoad, labs, listen, onWorkerError, rememberOpen, sessions, type FirstLoad } from '../boot.ts'
import { SessionKeeper } from '../session/keeper.svelte.ts'
import type { Slot, StoreProblem } from '../session/store.ts'
import { PROMPT_END } from './solution-player.ts'

/** Enough of a host's latest output to see whether it ends in a prompt. */
const TAIL = 64

type Remote = Comlink.Remote<LabApi & LessonApi>

export class LabState {
  labs = $state.raw<LabSummary[]>([])
  topology = $state.raw<TopologyView | null>(null)
  activeHost = $state<string>('')
  /** Bumped by every load: terminals are keyed on it, so each load starts them afresh. */
  generation = $state(0)
  /** The worker reported an internal error; the session is already saved for a reload. */
  failed = $state(false)
  /** Commands the replay of the saved session had to leave out (each gets a banner). */
  skipped = $state.raw<{ host: string; command: string }[]>([])
  readonly api: Remote
  private writers = new Map<string, (data: string) => void>()
  private buffered = new Map<string, string[]>()
  /** Where sessions are saved, and what the page must tell about it. */
  readonly sessions: SessionKeeper
  private promptWaiters = new Set<{ host: string; seen: string; done: () => void }>()
  private focusers = new Map<string, () => void>()
  /** Called for each new batch of records (the timeline takes them). */
  onRecords: (records: TraceRecord[]) => void = () => {}
  /** Called with the commands that started or ended in a batch (the timeline's command marks). */
  onCommands: (marks: CommandMark[]) => void = () => {}
  /** The open lesson's checks, re-evaluated by the worker. */
  onLesson: (progress: LessonProgress) => void = () => {}
  /** Writes a lesson's session with its lesson (the lesson panel); false when storage is full. */
  onPersist: (session: SavedSession) => boolean = () => true

  constructor() {
    this.api = api
    this.sessions = new SessionKeeper({
      store: sessions,
      locks: globalThis.navigator?.locks ?? null,
      current: () => this.api.session(),
      writeLesson: (session) => (this.onPersist(session) ? 'ok' : 'full'),
    })
    this.sessions.listen(window, document)
    onWorkerError(() => {
      this.sessions.saveNow()
      this.failed = true
    })
  }

  /** Shows the first lab; resolves to what was loaded (the lesson the page opened in, if any). */
  async start(): Promise<FirstLoad> {
    listen((events) => this.receive(events))
    const [all, first] = await Promise.all([labs, firstLoad])
    this.labs = all
    for (const problem of first.problems) this.sessions.notify({ kind: 'problem', problem })
    if (first.link) this.sessions.notify({ kind: 'link', ...first.link })
    if (first.missingLab) this.sessions.notify({ kind: 'missingLab', id: first.missingLab })
    if (first.slot) {
      if (first.shared) this.sessions.notify({ kind: 'shared', slot: first.slot, aside: first.shared.aside })
      void this.sessions.open(first.slot)
      this.sessions.adopt(await this.api.sessionText())
    }
    this.show(first.topology, first.slot)
    return first
  }

  private show(view: TopologyView, slot: Slot | null): void {
    if (slot) rememberOpen(slot)
    // The address names the lab open (a lesson's own address is the lesson panel's to write).
    const url = new URL(location.href)
    if (slot?.kind === 'lab') url.searchParams.set('lab', slot.id)
    else url.searchParams.delete('lab')
    if (url.href !== location.href) history.replaceState(history.state, '', url)
    this.topology = view
    if (!this.activeHost || !view.hosts.some((h) => h.name === this.activeHost)) this.activeHost = view.start
  }

  ownsSession(): boolean {
    return this.sessions.owner
  }

  sessionProblem(problem: StoreProblem): void {
    this.sessions.notify({ kind: 'problem', problem })
  }

  /** Opens lab `id` with its own saved session (or with `saved`, when given: null starts afresh). */
  async load(id: string, saved?: SavedSession | null): Promise<void> {
    const slot: Slot = { kind: 'lab', id }
    this.sessions.saveNow()
    const session = saved !== undefined ? saved : (sessions.readStored(slot, (problem) => this.sessionProblem(problem))?.text ?? null)
    await this.enter(() => this.api.load(id, session), slot)
  }

  /**
   * Replaces the world: `open` asks the worker for a lab (or a lesson's lab) and gives its topology;
   * what it types from then on is saved in `slot`.
   */
  async enter(open: () => Promise<TopologyView>, slot: Slot): Promise<void> {
    // A save still waiting belongs to the world that is going: it is written to its own slot first.
    void this.sessions.open(slot)
    this.skipped = []
    // The old terminals are going: what the new shells print waits for the new ones.
    this.writers.clear()
    this.buffered.clear()
    this.generation++
    this.show(await open(), slot)
    this.sessions.adopt(await this.api.sessionText())
  }

  async restart(): Promise<void> {
    const id = this.topology?.lab.id ?? 'nat'
    await this.load(id, null)
    // The lab's saved session goes only now, once the new world's slot is open and its lease known.
    await this.sessions.forget()
  }

  private receive(events: WorkerEvent[]): void {
    const fresh: TraceRecord[] = []
    const marks: CommandMark[] = []
    for (const e of events) {
      if (e.type === 'output') this.write(e.host, e.data)
      else if (e.type === 'trace') for (const r of e.records) fresh.push(r)
      else if (e.type === 'saved') this.sessions.save(e.session)
      else if (e.type === 'typed') this.sessions.typed(e)
      else if (e.type === 'lesson') this.onLesson(e.progress)
      else if (e.type === 'command') marks.push(e.command)
      else if (e.type === 'skipped') this.skipped = [...this.skipped, { host: e.host, command: e.command }]
    }
    if (marks.length) this.onCommands(marks)
    if (fresh.length) this.onRecords(fresh)
  }

  /** A terminal registers where its host's output goes; output that came first is replayed. */
  attach(host: string, writer: (data: string) => void): void {
    this.writers.set(host, writer)
    for (const chunk of this.buffered.get(host) ?? []) writer(chunk)
    this.buffered.delete(host)
  }

  /** How much of the host's output waits for its terminal (characters): a restored session's replay. */
  waiting(host: string): number {
    return (this.buffered.get(host) ?? []).reduce((n, chunk) => n + chunk.length, 0)
  }

  /** A terminal that goes stops receiving; a newer terminal of the same host keeps its place. */
  detach(host: string, writer: (data: string) => void): void {
    if (this.writers.get(host) === writer) this.writers.delete(host)
  }

  /** A terminal says how to give it the keyboard; the returned function takes that back. */
  focusable(host: string, focus: () => void): () => void {
    this.focusers.set(host, focus)
    return () => {
      if (this.focusers.get(host) === focus) this.focusers.delete(host)
    }
  }

  /** Gives typing focus back to the terminal in front. */
  focusTerminal(): void {
    this.focusers.get(this.activeHost)?.()
  }

  /** Resolves at the next prompt the host's shell prints, or after timeoutMs. */
  nextPrompt(host: string, timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const waiter = { host, seen: '', done: () => {} }
      const timer = setTimeout(() => waiter.done(), timeoutMs)
      waiter.done = () => {
        clearTimeout(timer)
        this.promptWaiters.delete(waiter)
        resolve()
      }
      this.promptWaiters.add(waiter)
    })
  }

  private write(host: string, data: string): void {
    for (const w of this.promptWaiters) {
      if (w.host !== host) continue
      w.seen = (w.seen + data).slice(-TAIL)
      if (PROMPT_END.test(w.seen)) w.done()
    }
    const w = this.writers.get(host)
    if (w) return w(data)
    // Appended in place: a replay's output may come in many pieces before the terminal opens.
    const waiting = this.buffered.get(host)
    if (waiting) waiting.push(data)
    else this.buffered.set(host, [data])
  }

  /** Keys for a host of the lab shown now (a terminal of the lab just left may still send some). */
  keys(host: string, data: string): void {
    if (this.hasHost(host)) void this.api.keys(host, data)
  }

  resize(host: string, cols: number, rows: number): void {
    if (this.hasHost(host)) void this.api.resize(host, cols, rows)
  }

  private hasHost(host: string): boolean {
    return this.topology?.hosts.some((h) => h.name === host) ?? false
  }
}
