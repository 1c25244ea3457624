// The UI's view of the lab: talks to the worker through comlink, keeps the topology as reactive
// state, hands trace batches and command marks on (the timeline keeps them), persists the
// keystroke log so a reload replays the session, and routes terminal output to each host's terminal.

import * as Comlink from 'comlink'
import type { CommandMark, LabApi, LabSummary, LessonApi, LessonProgress, SavedSession, TopologyView, TraceRecord, WorkerEvent } from '../../worker/protocol.ts'
import { api, firstLoad, LAB_KEY, onWorkerError, SESSION_KEY, type FirstLoad } from '../boot.ts'
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
  private saveTimer: ReturnType<typeof setTimeout> | null = null
  private pendingSave: SavedSession | null = null
  private promptWaiters = new Set<{ host: string; seen: string; done: () => void }>()
  private focusers = new Map<string, () => void>()
  /** Called for each new batch of records (the timeline takes them). */
  onRecords: (records: TraceRecord[]) => void = () => {}
  /** Called when a command starts or ends (the timeline's command marks). */
  onCommand: (mark: CommandMark) => void = () => {}
  /** The open lesson's checks, re-evaluated by the worker. */
  onLesson: (progress: LessonProgress) => void = () => {}
  /** The session as it is written to storage (the lesson panel keeps it with its lesson). */
  onPersist: (session: SavedSession) => void = () => {}

  constructor() {
    this.api = api
    onWorkerError(() => {
      this.saveNow()
      this.failed = true
    })
  }

  /** Shows the first lab; resolves to what was loaded (the lesson the page opened in, if any). */
  async start(): Promise<FirstLoad> {
    await this.api.subscribe(Comlink.proxy((events: WorkerEvent[]) => this.receive(events)))
    const [labs, first] = await Promise.all([this.api.labs(), firstLoad])
    this.labs = labs
    this.show(first.topology)
    return first
  }

  private show(view: TopologyView): void {
    localStorage.setItem(LAB_KEY, view.lab.id)
    this.topology = view
    if (!this.activeHost || !view.hosts.some((h) => h.name === this.activeHost)) this.activeHost = view.start
  }

  async load(id: string, saved: SavedSession | null = null): Promise<void> {
    await this.enter(() => this.api.load(id, saved))
  }

  /** Replaces the world: `open` asks the worker for a lab (or a lesson's lab) and gives its topology. */
  async enter(open: () => Promise<TopologyView>): Promise<void> {
    // A save still waiting belongs to the world that is going; the new world saves on its first key.
    this.saveNow()
    localStorage.removeItem(SESSION_KEY)
    this.skipped = []
    // The old terminals are going: what the new shells print waits for the new ones.
    this.writers.clear()
    this.buffered.clear()
    this.generation++
    this.show(await open())
  }

  async restart(): Promise<void> {
    // A save still waiting would bring the forgotten session back.
    this.pendingSave = null
    await this.load(this.topology?.lab.id ?? 'nat', null)
  }

  private receive(events: WorkerEvent[]): void {
    const fresh: TraceRecord[] = []
    for (const e of events) {
      if (e.type === 'output') this.write(e.host, e.data)
      else if (e.type === 'trace') fresh.push(...e.records)
      else if (e.type === 'saved') this.persist(e.session)
      else if (e.type === 'lesson') this.onLesson(e.progress)
      else if (e.type === 'command') this.onCommand(e.command)
      else if (e.type === 'skipped') this.skipped = [...this.skipped, { host: e.host, command: e.command }]
    }
    if (fresh.length) this.onRecords(fresh)
  }

  private persist(session: SavedSession): void {
    this.pendingSave = session
    this.saveTimer ??= setTimeout(() => this.saveNow(), 250)
  }

  private saveNow(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer)
    this.saveTimer = null
    if (this.pendingSave) {
      localStorage.setItem(SESSION_KEY, JSON.stringify(this.pendingSave))
      this.onPersist(this.pendingSave)
    }
    this.pendingSave = null
  }

  /** A terminal registers where its host's output goes; output that came first is replayed. */
  attach(host: string, writer: (data: string) => void): void {
    this.writers.set(host, writer)
    for (const chunk of this.buffered.get(host) ?? []) writer(chunk)
    this.buffered.delete(host)
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
    if (w) w(data)
    else this.buffered.set(host, [...(this.buffered.get(host) ?? []), data])
  }

  keys(host: string, data: string): void {
    void this.api.keys(host, data)
  }

  resize(host: string, cols: number, rows: number): void {
    void this.api.resize(host, cols, rows)
  }
}
