// The worker entry: the lab API exposed over comlink, time paced to the wall clock, the lessons
// compiled into the bundle at build time.

import * as Comlink from 'comlink'
import lessons from 'virtual:lvs-lessons'
import { createApi } from './api.ts'
import { RealTimeDriver } from './driver.ts'

const api = createApi({
  onLoad: () => driver.rebase(),
  lessons,
})
const driver = new RealTimeDriver(() => api.current()?.engine ?? null, () => api.flush())
driver.start()

Comlink.expose(api)
