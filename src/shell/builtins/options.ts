// bash's internal_getopt, the option parser its builtins share: options come in the words before
// the operands (`--` ends them), letters may be bundled, and a letter followed by `:` in the spec
// takes an argument (the rest of the word, or the next word). A letter not in the spec prints
// `NAME: -x: invalid option` and the builtin's usage line; a missing argument
// `NAME: -x: option requires an argument` and the usage line; both end with status 2.

import type { Io } from '../exec/io.ts'
import type { Shell } from '../interp.ts'

export interface Parsed {
  /** Each option in the order given, with its argument if it takes one. */
  seen: { letter: string; arg?: string }[]
  operands: string[]
}

export function builtinOptions(sh: Shell, io: Io, argv: string[], spec: string, usage: string): Parsed | number {
  const name = argv[0]
  const seen: Parsed['seen'] = []
  let i = 1
  for (; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--') {
      i++
      break
    }
    if (!/^-./.test(a)) break
    for (let j = 1; j < a.length; j++) {
      const letter = a[j]
      const at = spec.indexOf(letter)
      if (at < 0 || letter === ':') {
        sh.error(io, `${name}: -${letter}: invalid option`)
        io.err(`${name}: usage: ${usage}\n`)
        return 2
      }
      if (spec[at + 1] !== ':') {
        seen.push({ letter })
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
