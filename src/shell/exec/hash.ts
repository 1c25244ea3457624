// bash's table of remembered command paths (hashcmd.c over hashlib.c): a PATH search that finds a
// program stores NAME -> PATH, and later runs of NAME go straight to PATH without searching again,
// even if the file has gone since (execve then fails: `-bash: /usr/sbin/ipvsadm: No such file or
// directory`, the classic surprise after a package is removed). Setting PATH empties it. `hash`
// lists it in bash's own order: FNV-1 bucket of the name among 256, newest first within a bucket.

/** FILENAME_HASH_BUCKETS in hashcmd.h. */
const BUCKETS = 256

export interface Hashed {
  name: string
  path: string
  /** times_found: 1 after the search that stored it, +1 for every run that used it. */
  hits: number
}

/**
 * hash_string in hashlib.c: 32-bit FNV-1 over the name's bytes, as a bucket among `buckets` (a
 * power of two). The bytes are C `char`s, signed on x86-64, so one past 0x7f is sign-extended.
 */
export function bucketOf(name: string, buckets = BUCKETS): number {
  let h = 2166136261
  for (const byte of new TextEncoder().encode(name)) {
    h = Math.imul(h, 16777619) >>> 0
    h = (h ^ (byte > 0x7f ? byte | 0xffffff00 : byte)) >>> 0
  }
  return h & (buckets - 1)
}

export class CommandHash {
  private readonly entries = new Map<string, Hashed & { bucket: number; seq: number }>()
  private seq = 0
  /** Whether anything was ever stored: bash creates its table on the first insert. */
  private created = false
  /** The PATH the table was filled under: a PATH changed by any route (declare, unset) empties it. */
  private path: string | undefined

  /** The remembered path of `name` under `path`, counting the hit (phash_search). */
  find(name: string, path: string | undefined): string | undefined {
    this.sync(path)
    const e = this.entries.get(name)
    if (!e) return undefined
    e.hits++
    return e.path
  }

  /** The entry without counting a hit (`type`, `hash -t`). */
  peek(name: string, path: string | undefined): Hashed | undefined {
    this.sync(path)
    return this.entries.get(name)
  }

  /** phash_insert: `found` is 1 when a command run stored it, 0 for `hash NAME` and `hash -p`. */
  insert(name: string, file: string, found: 0 | 1, path: string | undefined): void {
    this.sync(path)
    // A name already stored keeps its place in its bucket's chain (hash_insert finds it).
    this.created = true
    const old = this.entries.get(name)
    this.entries.set(name, { name, path: file, hits: found, bucket: old?.bucket ?? bucketOf(name), seq: old?.seq ?? this.seq++ })
  }

  /** `hash -d`: false if the name was not there (a table never created forgets anything). */
  remove(name: string): boolean {
    return this.entries.delete(name) || !this.created
  }

  flush(): void {
    this.entries.clear()
  }

  /** Every entry in the order bash's hash_walk visits them. */
  list(path: string | undefined): Hashed[] {
    this.sync(path)
    return [...this.entries.values()].sort((a, b) => a.bucket - b.bucket || b.seq - a.seq)
  }

  copy(): CommandHash {
    const c = new CommandHash()
    for (const [k, v] of this.entries) c.entries.set(k, { ...v })
    c.seq = this.seq
    c.created = this.created
    c.path = this.path
    return c
  }

  private sync(path: string | undefined): void {
    if (path !== this.path) {
      this.entries.clear()
      this.path = path
    }
  }
}
