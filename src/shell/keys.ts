// Typed input as the terminal programs read it: one key per character, except that an escape
// sequence (an arrow, Home, F-keys: ESC [ or ESC O, parameters, a final byte) stays one key. The
// line editor (tty.ts) and the full-screen programs (vim, nano, less, more) share it.

/** Splits typed input into keys: escape sequences stay whole. */
export function keys(chunk: string): string[] {
  const out: string[] = []
  for (let i = 0; i < chunk.length; i++) {
    const c = chunk[i]
    if (c === '\x1b' && (chunk[i + 1] === '[' || chunk[i + 1] === 'O') && i + 2 < chunk.length) {
      let j = i + 2
      while (j < chunk.length && /[0-9;]/.test(chunk[j])) j++
      out.push(chunk.slice(i, j + 1))
      i = j
    } else out.push(c)
  }
  return out
}
