// The worker entry: the lab API exposed over comlink, time paced to the wall clock.

import * as Comlink from 'comlink'
import { createApi } from './api.ts'
import { RealTimeDriver } from './driver.ts'

const api = createApi({
  onLoad: () => driver.rebase(),
})
const driver = new RealTimeDriver(() => api.current()?.engine ?? null, () => api.flush())
driver.start()

Comlink.expose(api)
