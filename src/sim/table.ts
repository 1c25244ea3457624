// Literal registries looked up with names a learner types. A plain object literal inherits
// `constructor`, `toString`, `__proto__`… from Object.prototype, so `-s constructor` would find a
// function; a null-prototype copy has only the names written in it.

/** The literal as a frozen null-prototype object: `t[key]` is undefined for any name not listed. */
export function table<T>(entries: Record<string, T>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries))
}

/** `t[key]` for an own entry only: for tables built elsewhere that may still carry a prototype. */
export function lookup<T>(t: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(t, key) ? t[key] : undefined
}
