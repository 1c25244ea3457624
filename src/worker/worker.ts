// The worker entry: the lab API exposed over comlink, time paced to the wall clock, the lessons
// compiled at build time (summaries in the bundle, the rest loaded when a lesson first opens).

import * as Comlink from 'comlink'
import { loadLessons, summaries } from 'virtual:lvs-lessons'
import { createApi } from './api.ts'
import { RealTimeDriver } from './driver.ts'

const api = createApi({
  onLoad: () => driver.rebase(),
  lessons: { summaries, load: loadLessons },
  deltas: true,
})
const driver = new RealTimeDriver(() => api.current()?.engine ?? null, () => api.flush())
driver.start()

Comlink.expose(api)
