// Which tab saves a slot's session: the one holding the slot's Web Lock (navigator.locks), held for
// as long as the slot is open in that tab and let go when the tab closes or crashes, so a lease
// never outlives its tab. A second tab of the same lab finds the lock taken and does not write; it
// may take the lease over (`steal`), and the first tab is told it lost it. Without Web Locks (an
// old browser) every tab saves, as before.

export interface Locks {
  request(name: string, options: { ifAvailable?: boolean; steal?: boolean }, callback: (lock: unknown) => Promise<void> | void): Promise<unknown>
}

const LOCK_PREFIX = 'lvs-lab.session-lease.'

export class Lease {
  private held: { name: string; release: () => void } | null = null

  constructor(
    private readonly locks: Locks | null,
    /** Another tab took the lease over: this tab stops saving the slot. */
    private readonly onLost: (name: string) => void,
  ) {}

  /** Takes the lease of `key` (letting go of any other); resolves to false when another tab holds it. */
  acquire(key: string, steal = false): Promise<boolean> {
    const name = LOCK_PREFIX + key
    // The same slot opened again (a restart) keeps the lease it holds.
    if (this.held?.name === name) return Promise.resolve(true)
    this.release()
    const locks = this.locks
    if (!locks) return Promise.resolve(true)
    return new Promise((resolve) => {
      let release = (): void => {}
      const holding = new Promise<void>((r) => (release = r))
      locks
        .request(name, steal ? { steal: true } : { ifAvailable: true }, (lock) => {
          if (!lock) return resolve(false)
          this.held = { name, release }
          resolve(true)
          return holding
        })
        .catch(() => {
          // A steal by another tab rejects the request that held the lock; a request refused before
          // it ever held it (locks unusable here) leaves this tab saving, as without Web Locks.
          if (this.held?.name !== name) return resolve(true)
          this.held = null
          this.onLost(key)
        })
    })
  }

  release(): void {
    this.held?.release()
    this.held = null
  }
}
