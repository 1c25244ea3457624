// The learner's world as the checks see it: the lab as it stands, for state predicates, and a way
// to make a copy of it, for probes and after-reboot checks, which must never touch the world
// itself. The engine is deterministic, so a copy is a fresh Lab with the same seed that replays
// what built the original (the lesson's setup, then the keystrokes or the transcript); whoever
// owns the world (the worker, the grader) supplies that replay.

import { SECOND } from '../../sim/engine.ts'
import type { Lab } from '../lab.ts'

export interface World {
  readonly lab: Lab
  /** A new Lab in the same state as `lab`. */
  copy(): Lab
}

/** How long a rebooted copy runs before its checks: units start, NetworkManager brings links up. */
export const BOOT_SETTLE = 5 * SECOND

/** A copy whose machines were all rebooted (units stopped as at shutdown, then booted). */
export function rebootedCopy(world: World): Lab {
  const lab = world.copy()
  for (const h of lab.hosts) h.reboot()
  lab.idle(BOOT_SETTLE)
  return lab
}
