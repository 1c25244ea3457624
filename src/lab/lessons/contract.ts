// The lesson part of the worker contract (protocol.ts re-exports all of it): what a lesson looks
// like to the UI, a check's result, the keystroke log and the submission file. Defined here, below
// the worker, because the lab layer builds and grades them.

import type { LocalText } from '../../i18n/locale.ts'
import type { EthernetFrame, Ipv4Packet } from '../../net/packet.ts'

/** One input chunk as typed, with the virtual time it arrived: replaying these rebuilds a session. */
export interface KeyEvent {
  t: number
  host: string
  data: string
}

export interface LessonSummary {
  id: string
  lab: string
  title: LocalText
  level: 'beginner' | 'intermediate' | 'advanced'
  minutes: number
  requires: string[]
  exam: boolean
  order: number
  steps: number
}

export interface LessonText {
  /** Sanitised HTML rendered from the lesson's markdown. */
  intro: string
  steps: { title: string; html: string; hints: string[] }[]
}

/**
 * One item of a lesson's demo reel (lessons/FORMAT.md): a command line to type into a host's
 * terminal, the start of a step (its text is the caption), or a pause the presenter ends.
 */
export type ReelItem = { kind: 'type'; host: string; line: string } | { kind: 'step'; step: string } | { kind: 'pause' }

export interface CheckResult {
  id: string
  step: string
  /** The check's kind (`service`, `route`, `probe`…). */
  kind: string
  /** null: not evaluated yet (a probe waits until its step's state checks hold, or for Check). */
  passed: boolean | null
  expected: LocalText
  found: LocalText
}

/**
 * A learner's answer to a `predict` check, with the moment its question was asked: the world it
 * is graded on is the lesson's world after the first `at` actions (keystroke chunks), at virtual
 * time `t`. Every attempt is kept; the last one counts.
 */
export interface Prediction {
  check: string
  at: number
  t: number
  /** Field name (`eth.dst`, `ip.dst`…) to what the learner wrote. */
  answers: Record<string, string>
}

/** One hop of the held packet, as the trace's wire record has it (the picture draws it). */
export interface PredictHop {
  segment: string
  fromHost: string
  fromIface: string
  toHost: string[]
}

/** A predict check's question: the packet the director holds, before it forwards it. */
export type PredictQuestion = {
  check: string
  /** `the first SYN of a request from client to http://…/, held at lvs` */
  held: LocalText
  fields: string[]
} & (
  | { ready: false; problem: LocalText }
  | {
      ready: true
      director: string
      method: 'masq' | 'droute' | 'tunnel' | 'fullnat'
      /** The frame as it reached the director. */
      arriving: EthernetFrame & { payload: Ipv4Packet }
      arrivedOn: string
      sentOn: string
      hop: PredictHop
      /** The lab's hosts, for the answers' suggestions. */
      hosts: string[]
      /** The scheduler's choice for the connection (`rr chose 192.168.0.20 (RS2)`). */
      decision: LocalText | null
    }
)

export interface PredictFieldResult {
  field: string
  /** What the learner wrote, as written. */
  answer: string
  passed: boolean
  /** The answer as understood (`RS1's eth0 (52:54:…)`). */
  said: LocalText
  before: LocalText
  found: LocalText
  why: LocalText
  /** The line a learner reads: right, or what they said, what IPVS did and why. */
  text: LocalText
}

/** A graded answer: the check's result, field by field, and the frame the director sent. */
export interface PredictResult {
  check: CheckResult
  question: PredictQuestion
  fields: PredictFieldResult[]
  leaving: (EthernetFrame & { payload: Ipv4Packet }) | null
  /** The hop the director sent it on. */
  hop: PredictHop | null
  attempts: number
}

/** The file the page exports and `lvs-lab grade` replays. */
export interface Submission {
  format: 'lvs-lab-submission'
  version: 1
  lesson: string
  lessonVersion: string
  lab: string
  seed: number
  /** The command lines with their hosts and virtual times, for people and for transcripts. */
  commands: { t: number; host: string; line: string }[]
  /** The keystrokes as typed: replaying them rebuilds the world exactly. */
  keys: KeyEvent[]
  help: { hints: number; solution: boolean }
  exam: boolean
  /** Answers to the lesson's `predict` checks, every attempt in order. */
  predictions?: Prediction[]
}
