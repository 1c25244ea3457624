// The shape of a saved session (protocol.ts SavedSession) as anything read back must have it: from
// storage, a progress file or a share link. The worker checks each key again as it replays.

import * as v from 'valibot'
import type { SavedSession } from '../../worker/protocol.ts'

export const SessionSchema = v.object({
  version: v.literal(1),
  lab: v.string(),
  seed: v.number(),
  keys: v.array(v.object({ t: v.number(), host: v.string(), data: v.string() })),
  lesson: v.optional(v.string()),
  /** Answers to the lesson's predict checks (the worker checks each again when it replays). */
  predictions: v.optional(v.array(v.object({ check: v.string(), at: v.number(), t: v.number(), answers: v.record(v.string(), v.string()) }))),
  /** Each terminal's size as it changed, before key `at`. */
  sizes: v.optional(v.array(v.object({ at: v.number(), host: v.string(), cols: v.number(), rows: v.number() }))),
  /** The virtual time the session had reached. */
  now: v.optional(v.number()),
})

export function isSavedSession(data: unknown): data is SavedSession {
  return v.is(SessionSchema, data)
}
