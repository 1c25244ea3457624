// bash's internal_getopt, the option parser its builtins share: options come in the words before
// the operands (`--` ends them), letters may be bundled, and a letter followed by `:` in the spec
// takes an argument (the rest of the word, or the next word). A letter not in the spec prints
// `NAME: -x: invalid option` and the builtin's usage line; a missing argument
// `NAME: -x: option requires an argument` and the usage line; both end with status 2. A spec
// that opens with `+` (declare's) also takes `+x` words, which turn an attribute off.

import type { Io } from '../exec/io.ts'
import type { Shell } from '../interp.ts'

export interface Parsed {
  /** Each option in the order given, with its argument if it takes one. */
  seen: { letter: string; arg?: string; plus?: boolean }[]
  operands: string[]
}

export function builtinOptions(sh: Shell, io: Io, argv: string[], spec: string, usage: string): Parsed | number {
  const name = argv[0]
  const seen: Parsed['seen'] = []
  const plusToo = spec.startsWith('+')
  if (plusToo) spec = spec.slice(1)
  let i = 1
  for (; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--') {
      i++
      break
    }
    const plus = a[0] === '+'
    if (!/^-./.test(a) && !(plusToo && /^\+./.test(a))) break
    for (let j = 1; j < a.length; j++) {
      const letter = a[j]
      const at = spec.indexOf(letter)
      if (at < 0 || letter === ':') {
        sh.error(io, `${name}: ${a[0]}${letter}: invalid option`)
        io.err(`${name}: usage: ${usage}\n`)
        return 2
      }
      if (spec[at + 1] !== ':') {
        seen.push(plus ? { letter, plus } : { letter })
        continue
      }
      const arg = a.slice(j + 1) || argv[++i]
      if (arg === undefined) {
        sh.error(io, `${name}: -${letter}: option requires an argument`)
        io.err(`${name}: usage: ${usage}\n`)
        return 2
      }
      seen.push({ letter, arg })
      break
    }
  }
  return { seen, operands: argv.slice(i) }
}
