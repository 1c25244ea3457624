// The one contract between the UI and the engine in the worker. Only plain data crosses: the UI
// sends keystrokes and requests, the worker answers and pushes batches of events (terminal output,
// trace records, notes). Types here are all the UI may know of the engine.

import type { Locale } from '../i18n/locale.ts'
import type { CheckResult, KeyEvent, LessonSummary, LessonText, Prediction, PredictQuestion, PredictResult, ReelItem, Submission } from '../lab/lessons/contract.ts'
import type { TraceRecord } from '../sim/trace.ts'

export type { TraceRecord }
export type { Reason, SchedCandidate, SchedDecision, SchedDetail, SchedScore } from '../sim/trace.ts'
export { COST_FORMULA } from '../sim/trace.ts'
export type { Field } from '../net/format.ts'
export type { Locale, LocalText } from '../i18n/locale.ts'
// The lesson types the lab layer builds live in lab/lessons/contract.ts; they are part of this contract.
export type { CheckResult, KeyEvent, LessonSummary, LessonText, Prediction, PredictFieldResult, PredictHop, PredictQuestion, PredictResult, ReelItem, Submission } from '../lab/lessons/contract.ts'

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
  /** Its terminal's size in the worker (a restored session's last): what the page's terminal starts at. */
  terminal?: { cols: number; rows: number }
}

export interface TopologyView {
  lab: LabSummary
  networks: { id: string; cidr: string; x: number; y: number }[]
  hosts: TopologyHost[]
  start: string
}

export interface SavedSession {
  version: 1
  lab: string
  seed: number
  keys: KeyEvent[]
  /** The lesson open in this session, if any: its hidden setup runs before the keys are replayed. */
  lesson?: string
  /** Answers to the lesson's predict checks; `at` counts the keys before each question. */
  predictions?: Prediction[]
  /** Each terminal's size as it changed; width-dependent output replays as it was first printed. */
  sizes?: TerminalSize[]
  /** The virtual time the session had reached, which a replay advances to after the last key. */
  now?: number
}

/** A host's terminal became `cols`×`rows` before key `at` (an index into the session's keys). */
export interface TerminalSize {
  at: number
  host: string
  cols: number
  rows: number
}

/**
 * One IPVS connection as the client sees it (the `ipvsadm -Lnc` source and virtual columns): what the
 * connection table, the timeline's connection filter and the picture's colours agree on.
 */
export interface ConnTuple {
  proto: 'TCP' | 'UDP'
  caddr: string
  cport: number
  vaddr: string
  vport: number
}

/** One entry of a director's IPVS connection table (`ipvsadm -Lnc`), templates included. */
export interface ConnView {
  director: string
  proto: 'TCP' | 'UDP' | 'IP'
  state: string
  /** Virtual time of expiry, and what was left of it when the view was taken (microseconds). */
  expires: number
  expiresIn: number
  client: string
  virtual: string
  dest: string
  fwd: 'masq' | 'droute' | 'tunnel' | 'fullnat'
  template: boolean
  /** Connections a template controls. */
  controls: number
  /** FULLNAT: the local address and port the real server sees. */
  local?: string
  /** The connection's client side (null for a template): what the timeline selects by. */
  tuple: ConnTuple | null
}

/** A host's file, read for download (`error` as errno's name when it cannot be read). */
export type FileOut = { path: string; name: string; bytes: Uint8Array } | { path: string; error: string }
/**
 * A command line a terminal (or run()) started, with the trace records made while it ran:
 * `firstId` is the first id it could have made, `lastId` the last (null while it still runs).
 * Sent when it starts and again when it ends, under the same `seq`.
 */
export interface CommandMark {
  seq: number
  host: string
  line: string
  /** Virtual time it started, in microseconds. */
  t: number
  firstId: number
  lastId: number | null
}

/** What the picture shows of the world now (state-view.ts builds it; cheap enough to poll). */
export interface LabStateView {
  /** Virtual time of the snapshot, in microseconds. */
  t: number
  hosts: HostStateView[]
}

export interface HostStateView {
  name: string
  ifaces: { name: string; mac: string; up: boolean; addrs: { cidr: string; vip: boolean }[] }[]
  /** The main table's default route, or null. */
  defaultRoute: { via: string | null; dev: string } | null
  /** The sysctls the labs turn on (ip_forward, arp_ignore/arp_announce, rp_filter), in that order. */
  sysctls: { key: string; value: string }[]
  /** The neighbour (ARP) cache as `ip neigh` lists it. */
  neigh: { ip: string; dev: string; mac: string | null; state: string }[]
  /** The virtual services of a director (empty elsewhere). */
  services: ServiceStateView[]
}

export interface ServiceStateView {
  /** `TCP 172.25.254.200:80`, `FWM 666`: as ipvsadm names it. */
  svc: string
  scheduler: string
  persistent: boolean
  /** A firewall-mark service: the mangle rules that set its mark, each as `iptables -S` writes its matches. */
  marks?: { chain: string; match: string }[]
  dests: { addr: string; fwd: string; weight: number; activeConns: number; inactConns: number; conns: number; share: number }[]
}

export type WorkerEvent =
  | { type: 'output'; host: string; data: string }
  /** A command started or ended (the timeline's command marks). */
  | { type: 'command'; command: CommandMark }
  | { type: 'trace'; records: TraceRecord[] }
  | { type: 'saved'; session: SavedSession }
  /**
   * What was typed since the last event (a worker created with `deltas`, the browser's, sends this
   * instead of the whole session per key): keys from index `from` of the session's keys, sizes from
   * index `sizesFrom` of its sizes, and the time reached. The page appends them to the session it
   * has (from `saved`, or `session()`), so a key costs the same at any session length.
   */
  | { type: 'typed'; from: number; keys: KeyEvent[]; sizesFrom: number; sizes: TerminalSize[]; now: number }
  /** Replaying the saved session, this command failed inside the simulator and was left out. */
  | { type: 'skipped'; host: string; command: string }
  /** The open lesson's checks, re-evaluated after every command. */
  | { type: 'lesson'; progress: LessonProgress }

export interface RunResult {
  stdout: string
  exitCode: number
}

export interface LabApi {
  labs(): LabSummary[]
  /**
   * Starts a lab; a saved session of that lab is replayed first so nothing typed is lost. The page
   * passes a stored session as the JSON text it is stored as: one string crosses to the worker,
   * which parses it, instead of a clone of an object with a key per keystroke.
   */
  load(id: string, saved?: SavedSession | string | null): TopologyView
  subscribe(listener: (events: WorkerEvent[]) => void): void
  keys(host: string, data: string): void
  resize(host: string, cols: number, rows: number): void
  run(host: string, command: string): RunResult
  trace(since?: number): TraceRecord[]
  setTrace(enabled: boolean): void
  /** Every director's IPVS connections and templates now (src/worker/conn-view.ts). */
  connections(): ConnView[]
  /** A host's file as bytes, for the page's download (src/worker/conn-view.ts). */
  readFile(host: string, path: string): FileOut
  /** The session's trace as a pcap: `tcpdump -i any`'s form, or one segment's Ethernet frames (conn-view.ts). */
  capture(segment?: string): FileOut
  /** The session as it stands now (a share link carries it), its virtual time included. */
  session(): SavedSession | null
  /** The same as JSON text: what the page adopts after a load crosses as one string. */
  sessionText(): string | null
  /** The world as the picture shows it: addresses, routes, sysctls, neighbours, IPVS tables. */
  state(): LabStateView
}

/** What the browser worker's gate (gate.ts) adds to the API. */
export interface GateApi {
  /** The page has drawn its first prompt: the worker's deferred code (the packs) may load now. */
  promptDrawn(): void
}

// Lessons (lessons/FORMAT.md). Texts come in every locale so the UI can switch without a round trip.

export interface LessonView {
  summary: LessonSummary
  /** A hash of the lesson's files. */
  version: string
  text: Record<Locale, LessonText>
  stepIds: string[]
  /** How many commands the solution takes, for the finish screen. */
  solutionCommands: number
  /** The predict checks (lessons/FORMAT.md): which packet is held where, which fields are asked. */
  predicts: PredictSpec[]
}

export interface PredictSpec {
  check: string
  step: string
  /** The director that holds the packet. */
  host: string
  from: string
  url: string
  packet: 'syn' | 'ack' | 'data'
  fields: string[]
}

export interface LessonProgress {
  lesson: string
  steps: { id: string; done: boolean; checks: CheckResult[] }[]
  /** Every check of every step holds. */
  complete: boolean
  /** Commands the learner ran since the lesson opened. */
  commands: number
  /** Virtual time since the lesson opened, in microseconds. */
  elapsed: number
}

export interface LessonApi {
  lessons(): LessonSummary[]
  /** Loads the lesson's lab, runs its hidden setup, then replays a saved session of that lesson. */
  openLesson(id: string, saved?: SavedSession | string | null): { topology: TopologyView; lesson: LessonView }
  /** Re-evaluates every check now, probes included (the Check button). */
  checkLesson(): LessonProgress | null
  /** The solution's command lines, for the UI to type into the terminals. */
  solution(): { host: string; line: string }[]
  /** The solution as a demo reel: its commands with the author's #step and #pause marks between them. */
  reel(): ReelItem[]
  submission(help: { hints: number; solution: boolean }, exam: boolean): Submission | null
  /** Holds the check's packet at the director, on a copy of the world as it is now. */
  predictQuestion(check: string): PredictQuestion | null
  /**
   * Grades the answers against the packet held by the last predictQuestion (or held now); with
   * `once` (an exam), a check already answered keeps its first answer.
   */
  predict(check: string, answers: Record<string, string>, once?: boolean): PredictResult | null
  /** The graded answers of the open lesson (after a reload, rebuilt from the saved session). */
  predictions(): PredictResult[]
  /** Answers every predict check as the solution does (the "show solution" path). */
  solvePredictions(): PredictResult[]
}

/** Pure formatters of the plain data above, shared so the UI prints packets as tcpdump does. */
export { fields, formatFrame } from '../net/format.ts'
/** The wire formats inside trace records, and how their addresses print. */
export type { EthernetFrame, Ipv4Packet } from '../net/packet.ts'
export { PROTO_GRE, PROTO_IPIP, PROTO_TCP, PROTO_UDP } from '../net/packet.ts'
export { formatIp } from '../net/addr.ts'
/** A packet's octets, and the same read back with each header field's span (the inspector's layers and hex view). */
export { emitFrame } from '../net/wire.ts'
export { dissectFrame, dissectIpv4, type Wire, type WireField, type WireLayer, type WireNote } from '../net/dissect.ts'
export { LINKTYPE, writePcap, type PcapPacket } from '../net/pcap.ts'
