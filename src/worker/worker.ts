// The worker entry: the lab API exposed over comlink, time paced to the wall clock, the lessons
// compiled at build time (summaries in the bundle, the rest loaded when a lesson first opens). The
// commands' and the builtins' code and the lesson engine come after the first prompt (deferred/),
// and the gate holds what needs them until then.

import * as Comlink from 'comlink'
import { loadLessons, summaries } from 'virtual:lvs-lessons'
import { createApi } from './api.ts'
import { builtinsLoaded, loadBuiltins } from './deferred/builtins.ts'
import { commandsLoaded, loadCommands } from './deferred/commands.ts'
import { lessonEngineLoaded, loadLessonEngine } from './deferred/lessons.ts'
import { loadViews, viewsLoaded } from './deferred/views.ts'
import { RealTimeDriver } from './driver.ts'
import { gate } from './gate.ts'

const api = createApi({
  onLoad: () => driver.rebase(),
  lessons: { summaries, load: loadLessons },
  deltas: true,
})
const driver = new RealTimeDriver(() => api.current()?.engine ?? null, () => api.flush())
driver.start()

Comlink.expose(
  gate(api, {
    ready: () => commandsLoaded() && builtinsLoaded() && lessonEngineLoaded() && viewsLoaded(),
    load: () => Promise.all([loadCommands(), loadBuiltins(), loadLessonEngine(), loadViews()]).then(() => {}),
  }),
)
