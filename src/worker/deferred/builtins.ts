// The shell's builtins as the browser's worker has them: vite.config.ts puts this module in place of
// shell/builtins/index.ts in the worker bundle. Their names are here at once (written at build time
// from the real table), so the interpreter's lookups, `type` and completion know every builtin; their
// code is a chunk the worker loads after the first prompt, with the commands (worker.ts), and the
// API holds typed lines until it is in (gate.ts). Booting a lab runs no builtin; should one run
// early anyway, it waits for its code on the virtual clock, then runs, as a deferred command does.
// `[[ =~ ]]`'s matcher (and with it the POSIX regex engine) comes in the same chunk, as does the
// compiler of extglob's patterns.

import { builtinNames, specialBuiltins } from 'virtual:lvs-builtins'
import type { Builtin, extglobPattern as realExtglobPattern, regexMatch as realRegexMatch } from '../../shell/builtins/index.ts'
import { Pack } from './pack.ts'

export type { Builtin }
export { KEYWORDS } from '../../shell/builtins/keywords.ts'

const pack = new Pack<typeof import('../../shell/builtins/index.ts')>(() => import('../../shell/builtins/index.ts'))

/** Loads the builtins' code (once). */
export const loadBuiltins = (): Promise<void> => pack.load()

export const builtinsLoaded = (): boolean => pack.loaded

function standIn(name: string): Builtin {
  return function* (sh, argv, io) {
    const real = yield* pack.arrival(sh.engine)
    return yield* real.BUILTINS.get(name)!(sh, argv, io)
  }
}

export const regexMatch: typeof realRegexMatch = function* (sh, subject, w, io) {
  const real = yield* pack.arrival(sh.engine)
  return yield* real.regexMatch(sh, subject, w, io)
}

export const extglobPattern: typeof realExtglobPattern = function* (sh, pattern, nocase) {
  const real = yield* pack.arrival(sh.engine)
  return yield* real.extglobPattern(sh, pattern, nocase)
}

export const BUILTINS: ReadonlyMap<string, Builtin> = new Map(builtinNames.map((name) => [name, standIn(name)]))

/** POSIX special builtins: assignments before them stay in the shell. */
export const SPECIAL_BUILTINS: ReadonlySet<string> = new Set(specialBuiltins)
