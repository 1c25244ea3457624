// The one contract between the UI and the engine in the worker. Only plain data crosses: the UI
// sends keystrokes and requests, the worker answers and pushes batches of events (terminal output,
// trace records, notes). Types here are all the UI may know of the engine.

import type { TraceRecord } from '../sim/trace.ts'

export type { TraceRecord }
export type { Field } from '../net/format.ts'

export interface LabSummary {
  id: string
  title: string
  summary: string
}

export interface TopologyHost {
  name: string
  role: 'client' | 'director' | 'real-server' | 'router'
  x: number
  y: number
  ifaces: { name: string; network: string; mac: string; addrs: string[] }[]
}

export interface TopologyView {
  lab: LabSummary
  networks: { id: string; cidr: string; x: number; y: number }[]
  hosts: TopologyHost[]
  start: string
}

/** One input chunk as typed, with the virtual time it arrived: replaying these rebuilds a session. */
export interface KeyEvent {
  t: number
  host: string
  data: string
}

export interface SavedSession {
  version: 1
  lab: string
  seed: number
  keys: KeyEvent[]
}

export type WorkerEvent =
  | { type: 'output'; host: string; data: string }
  | { type: 'trace'; records: TraceRecord[] }
  | { type: 'saved'; session: SavedSession }
  /** Replaying the saved session, this command failed inside the simulator and was left out. */
  | { type: 'skipped'; host: string; command: string }

export interface RunResult {
  stdout: string
  exitCode: number
}

export interface LabApi {
  labs(): LabSummary[]
  /** Starts a lab; a saved session of that lab is replayed first so nothing typed is lost. */
  load(id: string, saved?: SavedSession | null): TopologyView
  subscribe(listener: (events: WorkerEvent[]) => void): void
  keys(host: string, data: string): void
  resize(host: string, cols: number, rows: number): void
  run(host: string, command: string): RunResult
  trace(since?: number): TraceRecord[]
  setTrace(enabled: boolean): void
}

/** Pure formatters of the plain data above, shared so the UI prints packets as tcpdump does. */
export { fields, formatFrame } from '../net/format.ts'
