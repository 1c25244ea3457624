// The world as the picture shows it (the worker's state(): addresses, routes, sysctls, neighbours,
// IPVS tables), polled after each trace batch and each command. One request at a time: a poll
// asked for while one is out is made once when it returns, so a flood of batches costs one.

import type { HostStateView, LabStateView } from '../../worker/protocol.ts'

export class WorldState {
  view = $state.raw<LabStateView | null>(null)
  private out = false
  private again = false
  /** Bumped by clear(): an answer about the world that went must not land on the new one. */
  private epoch = 0

  constructor(private readonly fetch: () => Promise<LabStateView>) {}

  refresh(): void {
    if (this.out) {
      this.again = true
      return
    }
    this.out = true
    const epoch = this.epoch
    this.fetch()
      .then((v) => {
        if (epoch === this.epoch) this.view = v
      })
      .catch(() => {})
      .finally(() => {
        this.out = false
        if (this.again) {
          this.again = false
          this.refresh()
        }
      })
  }

  clear(): void {
    this.epoch++
    this.view = null
  }

  host(name: string): HostStateView | null {
    return this.view?.hosts.find((h) => h.name === name) ?? null
  }
}
