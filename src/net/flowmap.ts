// Flow tables keyed by two numbers, one per side of a flow (an address and port packed into one
// double), so the packet path never builds string keys.

/** The only flow of its first side: held as is, without a map of its own. */
class Single<V> {
  constructor(
    readonly b: number,
    public v: V,
  ) {}
}

/**
 * A two-level map keyed by numbers (address * 65536 + port fits a double exactly): much cheaper
 * than building a string key for every packet. Most first sides have one flow (a client port
 * talks to one server): such a side holds its flow directly, and gets an inner map only when a
 * second flow comes. Values come out in the order their first sides appeared, then in insertion
 * order within a side, whichever way a side is held.
 */
export class FlowMap<V> {
  private readonly outer = new Map<number, Single<V> | Map<number, V>>()
  size = 0

  get(a: number, b: number): V | undefined {
    const inner = this.outer.get(a)
    if (inner === undefined) return undefined
    if (inner instanceof Single) return inner.b === b ? inner.v : undefined
    return inner.get(b)
  }

  set(a: number, b: number, v: V): void {
    const inner = this.outer.get(a)
    if (inner === undefined) {
      this.outer.set(a, new Single(b, v))
      this.size++
    } else if (inner instanceof Single) {
      if (inner.b === b) inner.v = v
      else {
        this.outer.set(a, new Map([[inner.b, inner.v], [b, v]]))
        this.size++
      }
    } else {
      // One hash lookup, not has() then set(): the inner map's size says whether the key was new.
      const before = inner.size
      inner.set(b, v)
      this.size += inner.size - before
    }
  }

  delete(a: number, b: number): void {
    const inner = this.outer.get(a)
    if (inner === undefined) return
    if (inner instanceof Single) {
      if (inner.b !== b) return
      this.outer.delete(a)
      this.size--
    } else if (inner.delete(b)) {
      this.size--
      if (!inner.size) this.outer.delete(a)
    }
  }

  *values(): Generator<V> {
    for (const inner of this.outer.values()) {
      if (inner instanceof Single) yield inner.v
      else yield* inner.values()
    }
  }

  clear(): void {
    this.outer.clear()
    this.size = 0
  }
}
