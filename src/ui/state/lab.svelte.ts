// The UI's view of the lab: talks to the worker through comlink, keeps the topology, the recent
// trace and the selection as reactive state, persists the keystroke log so a reload replays the
// session, and routes terminal output to the terminal of each host.

import * as Comlink from 'comlink'
import type { LabApi, LabSummary, SavedSession, TopologyView, TraceRecord, WorkerEvent } from '../../worker/protocol.ts'

const SESSION_KEY = 'lvs-lab.session'
const LAB_KEY = 'lvs-lab.lab'
const MAX_RECORDS = 3000

type Remote = Comlink.Remote<LabApi>

export class LabState {
  labs = $state.raw<LabSummary[]>([])
  topology = $state.raw<TopologyView | null>(null)
  records = $state.raw<TraceRecord[]>([])
  selected = $state<number | null>(null)
  activeHost = $state<string>('')
  ready = $state(false)
  readonly api: Remote
  private writers = new Map<string, (data: string) => void>()
  private buffered = new Map<string, string[]>()
  private saveTimer: ReturnType<typeof setTimeout> | null = null
  private pendingSave: SavedSession | null = null
  /** Called for each new batch of records (the picture animates them). */
  onRecords: (records: TraceRecord[]) => void = () => {}

  constructor() {
    const worker = new Worker(new URL('../../worker/worker.ts', import.meta.url), { type: 'module' })
    this.api = Comlink.wrap<LabApi>(worker)
  }

  async start(): Promise<void> {
    await this.api.subscribe(Comlink.proxy((events: WorkerEvent[]) => this.receive(events)))
    this.labs = await this.api.labs()
    const saved = readSaved()
    const id = saved?.lab ?? localStorage.getItem(LAB_KEY) ?? 'nat'
    await this.load(this.labs.some((l) => l.id === id) ? id : 'nat', saved)
  }

  async load(id: string, saved: SavedSession | null = null): Promise<void> {
    this.ready = false
    this.records = []
    this.selected = null
    for (const w of this.writers.values()) w('\x1bc')
    const view = await this.api.load(id, saved)
    localStorage.setItem(LAB_KEY, id)
    this.topology = view
    if (!this.activeHost || !view.hosts.some((h) => h.name === this.activeHost)) this.activeHost = view.start
    this.ready = true
  }

  async restart(): Promise<void> {
    localStorage.removeItem(SESSION_KEY)
    await this.load(this.topology?.lab.id ?? 'nat', null)
  }

  private receive(events: WorkerEvent[]): void {
    const fresh: TraceRecord[] = []
    for (const e of events) {
      if (e.type === 'output') this.write(e.host, e.data)
      else if (e.type === 'trace') fresh.push(...e.records)
      else if (e.type === 'topology') this.topology = e.view
      else if (e.type === 'saved') this.persist(e.session)
    }
    if (fresh.length) {
      const all = this.records.concat(fresh)
      this.records = all.length > MAX_RECORDS ? all.slice(all.length - MAX_RECORDS) : all
      this.onRecords(fresh)
    }
  }

  private persist(session: SavedSession): void {
    this.pendingSave = session
    this.saveTimer ??= setTimeout(() => {
      this.saveTimer = null
      if (this.pendingSave) localStorage.setItem(SESSION_KEY, JSON.stringify(this.pendingSave))
    }, 250)
  }

  /** A terminal registers where its host's output goes; output that came first is replayed. */
  attach(host: string, writer: (data: string) => void): void {
    this.writers.set(host, writer)
    for (const chunk of this.buffered.get(host) ?? []) writer(chunk)
    this.buffered.delete(host)
  }

  private write(host: string, data: string): void {
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

  get selectedRecord(): TraceRecord | null {
    return this.records.find((r) => r.id === this.selected) ?? null
  }
}

function readSaved(): SavedSession | null {
  try {
    const raw = localStorage.getItem(SESSION_KEY)
    if (!raw) return null
    const s = JSON.parse(raw) as SavedSession
    return s.version === 1 && Array.isArray(s.keys) ? s : null
  } catch {
    return null
  }
}
