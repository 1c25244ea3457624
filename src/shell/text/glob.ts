// Shell patterns (fnmatch, as bash's globbing, `case`, `[[ == ]]`, find -name and rpm -qa use them):
// `*`, `?`, bracket expressions with `!`/`^` and [:classes:], backslash escapes, as an anchored
// RegExp. An unclosed `[` matches itself, as fnmatch does, so no pattern a user types can throw.
// Ranges are by code point: bash 5.1 turns globasciiranges on by default, so `[a-c]` never takes
// in `B` as a locale's collation order would. Extended patterns (extglob.ts) share the brackets.

const CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z', digit: '0-9', alnum: 'a-zA-Z0-9', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\r\\f\\v', blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f', cntrl: '\\x00-\\x1f\\x7f', print: ' -~', graph: '!-~', word: 'a-zA-Z0-9_',
}

/** A bash glob (`*`, `?`, `[…]` with `!`/`^` and [:class:], backslash escapes) as an anchored RegExp. */
export function globRegex(pattern: string, flags = ''): RegExp {
  let re = '^'
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]
    if (c === '\\' && i + 1 < pattern.length) re += escapeRegex(pattern[++i])
    else if (c === '*') re += '[\\s\\S]*'
    else if (c === '?') re += '[\\s\\S]'
    else if (c === '[') {
      const b = bracketAt(pattern, i)
      if (!b) re += '\\['
      else {
        re += b.source
        i = b.end
      }
    } else re += escapeRegex(c)
  }
  return new RegExp(re + '$', `u${flags}`)
}

export function escapeRegex(c: string): string {
  return c.replace(/[.+^${}()|[\]\\*?/]/g, '\\$&')
}

/**
 * The bracket expression opening at `pattern[i]` (`[`) as a RegExp character class, and the index
 * of its closing `]`; null when it is never closed, so the `[` is an ordinary character.
 */
export function bracketAt(pattern: string, i: number): { source: string; end: number } | null {
  let j = i + 1
  if (pattern[j] === '!' || pattern[j] === '^') j++
  if (pattern[j] === ']') j++
  while (j < pattern.length && pattern[j] !== ']') j += pattern.startsWith('[:', j) ? Math.max(1, pattern.indexOf(':]', j) + 2 - j) : 1
  if (j >= pattern.length) return null
  let body = pattern.slice(i + 1, j)
  let neg = ''
  if (body[0] === '!' || body[0] === '^') {
    neg = '^'
    body = body.slice(1)
  }
  const cls = body.replace(/\[:([a-z]+):\]|\\(.)|([\\\]^[])|(.)/g, (_m, name: string, esc: string, special: string, ch: string) => {
    if (name) return Object.hasOwn(CLASSES, name) ? CLASSES[name] : ''
    if (esc) return /[\\\]^[-]/.test(esc) ? `\\${esc}` : esc
    if (special) return `\\${special}`
    return ch
  })
  return { source: `[${neg}${cls}]`, end: j }
}

/** Whether a pattern holds an extended group (`?(…)`, `*(…)`, `+(…)`, `@(…)`, `!(…)`) extglob would read. */
export function hasExtglob(pattern: string): boolean {
  return EXT_OPEN.test(pattern)
}

const EXT_OPEN = /[?*+@!]\(/
