// chmod's mode language (coreutils modechange.c): octal (`755`, `4755`) or comma-separated
// symbolic clauses `[ugoa]*([-+=]([rwxXst]*|[ugo]))+`; with no `ugoa` the umask masks what `+`
// and `=` give (so `chmod +w` adds only the owner's bit under umask 022); `X` is execute for
// directories or files already executable by someone.

/** The new mode, or null for an invalid mode string. */
export function parseMode(spec: string, current: number, isDir: boolean, umask: number): number | null {
  if (/^[0-7]+$/.test(spec)) {
    const n = parseInt(spec, 8)
    if (n > 0o7777) return null
    // A directory keeps its setuid/setgid bits unless a fifth digit says otherwise.
    return isDir && spec.length < 5 ? n | (current & 0o6000) : n
  }
  let mode = current & 0o7777
  for (const clause of spec.split(',')) {
    const m = /^([ugoa]*)((?:[-+=](?:[ugo]|[rwxXst]*))+)$/.exec(clause)
    if (!m) return null
    const who = m[1]
    let mask = 0
    if (!who) mask = 0o7777 & ~umask
    if (who.includes('u') || who.includes('a')) mask |= 0o4700
    if (who.includes('g') || who.includes('a')) mask |= 0o2070
    if (who.includes('o') || who.includes('a')) mask |= 0o1007
    if (!who) mask |= 0o1000
    for (const op of m[2].matchAll(/([-+=])([ugo]|[rwxXst]*)/g)) {
      let bits = 0
      const perms = op[2]
      if (perms === 'u' || perms === 'g' || perms === 'o') {
        const shift = perms === 'u' ? 6 : perms === 'g' ? 3 : 0
        const v = (mode >> shift) & 7
        bits = (v << 6) | (v << 3) | v
      } else {
        for (const p of perms) {
          if (p === 'r') bits |= 0o444
          if (p === 'w') bits |= 0o222
          if (p === 'x') bits |= 0o111
          if (p === 'X' && (isDir || mode & 0o111)) bits |= 0o111
          if (p === 's') bits |= 0o6000
          if (p === 't') bits |= 0o1000
        }
      }
      const affected = bits & mask
      if (op[1] === '+') mode |= affected
      else if (op[1] === '-') mode &= ~affected
      else {
        const clear = (who ? mask : 0o7777) & ~(isDir ? 0o6000 : 0)
        mode = (mode & ~clear) | affected
      }
    }
  }
  return mode
}
