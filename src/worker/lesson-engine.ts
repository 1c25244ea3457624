// What an open lesson runs in the worker (lesson-session.ts): its checks, predictions and the
// copies of the learner's world they run on. One module, so the browser's worker can load it after
// the first prompt (vite.config.ts puts deferred/lessons.ts in its place); Node imports it as is.

export { evaluateLesson, predictResult } from '../lab/checks/index.ts'
export { capture, question, type Capture } from '../lab/checks/predict/index.ts'
export { fingerprint } from '../lab/checks/world.ts'
export { predictChecks, scriptPredictions } from '../lab/lessons/predictions.ts'
export { lessonLab, replayActions, type Action } from '../lab/lessons/world.ts'
export { scriptCommands } from '../lab/script.ts'
