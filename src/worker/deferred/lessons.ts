// The lesson engine as the browser's worker has it (vite.config.ts puts this module in place of
// lesson-engine.ts in the worker bundle): the same functions, forwarding to the real module once
// packs.ts has loaded it. Nothing reaches them before: a lesson opens, and its checks run, only
// through the API calls the gate (gate.ts) holds until the packs are in.

import type * as Engine from '../lesson-engine.ts'

export type { Action, Capture } from '../lesson-engine.ts'

let engine: typeof Engine | null = null
let loading: Promise<void> | null = null

/** Loads the lesson engine (once). */
export function loadLessonEngine(): Promise<void> {
  loading ??= import('../lesson-engine.ts').then((m) => {
    engine = m
  })
  return loading
}

export const lessonEngineLoaded = (): boolean => engine !== null

function use(): typeof Engine {
  if (!engine) throw new Error('the lesson engine is not loaded yet')
  return engine
}

export const evaluateLesson: typeof Engine.evaluateLesson = (...a) => use().evaluateLesson(...a)
export const predictResult: typeof Engine.predictResult = (...a) => use().predictResult(...a)
export const capture: typeof Engine.capture = (...a) => use().capture(...a)
export const question: typeof Engine.question = (...a) => use().question(...a)
export const fingerprint: typeof Engine.fingerprint = (...a) => use().fingerprint(...a)
export const predictChecks: typeof Engine.predictChecks = (...a) => use().predictChecks(...a)
export const scriptPredictions: typeof Engine.scriptPredictions = (...a) => use().scriptPredictions(...a)
export const lessonLab: typeof Engine.lessonLab = (...a) => use().lessonLab(...a)
export const replayActions: typeof Engine.replayActions = (...a) => use().replayActions(...a)
export const scriptCommands: typeof Engine.scriptCommands = (...a) => use().scriptCommands(...a)
