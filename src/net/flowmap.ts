// Flow tables keyed by two numbers, one per side of a flow (an address and port packed into one
// double), so the packet path never builds string keys.

/**
 * A two-level map keyed by numbers (address * 65536 + port fits a double exactly): much cheaper
 * than building a string key for every packet.
 */
export class FlowMap<V> {
  private readonly outer = new Map<number, Map<number, V>>()
  size = 0

  get(a: number, b: number): V | undefined {
    return this.outer.get(a)?.get(b)
  }

  set(a: number, b: number, v: V): void {
    let inner = this.outer.get(a)
    if (!inner) this.outer.set(a, (inner = new Map()))
    // One hash lookup, not has() then set(): the inner map's size says whether the key was new.
    const before = inner.size
    inner.set(b, v)
    this.size += inner.size - before
  }

  delete(a: number, b: number): void {
    const inner = this.outer.get(a)
    if (inner?.delete(b)) {
      this.size--
      if (!inner.size) this.outer.delete(a)
    }
  }

  *values(): Generator<V> {
    for (const inner of this.outer.values()) yield* inner.values()
  }

  clear(): void {
    this.outer.clear()
    this.size = 0
  }
}
