// History expansion as bash's interactive readline does it before parsing (lib/readline/histexpand.c):
// `!!` the last command, `!n` and `!-n` by number, `!str` the last starting with str, `!?str` the
// last containing it, and the word designators `!$`, `!^`, `!*`, `!:n`. Not inside single quotes;
// `!` before a blank, `=` (or `(` when extglob makes `!(…)` a pattern) or at the end, and `${!x}`,
// `$!`, `[!…]`, stay literal. An unknown
// event is bash's error. `^old^new^` at the start of a line is `!!:s^old^new^`: the last command
// with the first `old` replaced, and the rest of the line after it.

export function expandHistory(line: string, history: string[], extglob = false): { text: string; changed: boolean } | { error: string } {
  if (line.startsWith('^')) return quickSubstitution(line, history)
  let out = ''
  let changed = false
  let quote: string | null = null
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (c === '\\' && quote !== "'") {
      out += c + (line[i + 1] ?? '')
      i++
      continue
    }
    if (c === "'" && quote !== '"') quote = quote === "'" ? null : "'"
    else if (c === '"' && quote !== "'") quote = quote === '"' ? null : '"'
    if (c !== '!' || quote === "'") {
      out += c
      continue
    }
    const rest = line.slice(i + 1)
    // bash_history_inhibit_expansion: `${!name}`, `$!` and a glob's `[!…]` are not history events.
    const before = line.slice(Math.max(0, i - 2), i)
    if (!rest || /^[\s=]/.test(rest) || (extglob && rest[0] === '(') || (quote === '"' && rest[0] === '"') || before.endsWith('${') || before.endsWith('$') || before.endsWith('[')) {
      out += c
      continue
    }
    if (rest[0] === '(') return { error: '!: event not found' }
    let m: RegExpExecArray | null
    let event: string | undefined
    let used: number
    if (rest[0] === '!') {
      event = history[history.length - 1]
      used = 1
    } else if (rest[0] === '$' || rest[0] === '^' || rest[0] === '*') {
      event = history[history.length - 1]
      used = 0
    } else if ((m = /^-?\d+/.exec(rest))) {
      const n = Number(m[0])
      event = n < 0 ? history[history.length + n] : history[n - 1]
      used = m[0].length
    } else if ((m = /^\?([^?\n]*)\??/.exec(rest))) {
      const needle = m[1]
      event = [...history].reverse().find((h) => h.includes(needle))
      used = m[0].length
    } else {
      m = /^[^\s:;&|<>()"'`$]+/.exec(rest)
      if (!m) {
        out += c
        continue
      }
      event = [...history].reverse().find((h) => h.startsWith(m![0]))
      used = m[0].length
    }
    const spec = line.slice(i, i + 1 + used)
    if (event === undefined) return { error: `${spec || line.slice(i)}: event not found` }
    let text = event
    const tail = line.slice(i + 1 + used)
    const d = /^:?([$^*]|:?\d+)/.exec(tail.startsWith(':') ? tail : tail.replace(/^(?=[$^*])/, ''))
    if (d && (tail.startsWith(':') || /^[$^*]/.test(tail))) {
      const words = event.trim().split(/\s+/)
      const sel = d[1].replace(/^:/, '')
      text = sel === '$' ? words[words.length - 1] : sel === '^' ? (words[1] ?? '') : sel === '*' ? words.slice(1).join(' ') : (words[Number(sel)] ?? '')
      used += d[0].length
    }
    out += text
    changed = true
    i += used
  }
  return { text: out, changed }
}

/** `^old^new[^]rest`: the last command with `old` replaced once; bash's error when it is not there. */
function quickSubstitution(line: string, history: string[]): { text: string; changed: boolean } | { error: string } {
  const m = /^\^([^^\n]*)\^([^^\n]*)(\^?)/.exec(line)
  if (!m) return { text: line, changed: false }
  const last = history[history.length - 1]
  if (last === undefined || !m[1] || !last.includes(m[1])) return { error: `:s${m[0]}: substitution failed` }
  return { text: last.replace(m[1], () => m[2]) + line.slice(m[0].length), changed: true }
}
