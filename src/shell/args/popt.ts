// popt (rpm-software-management/popt, as ipvsadm links it) as a tokenizer: the same token stream
// as getopt.ts under popt's rules. Long names must be spelled in full (`longOptionStrcmp` is
// exact); `--opt=val` or `--opt val`; a single-dash word is always a bundle of short options; an
// optional argument (POPT_ARGFLAG_OPTIONAL) takes the next word unless it starts with `-`; words
// that are not options are leftovers and parsing goes on; `--` ends the options. An error names
// the argv word as typed (`-LK: unknown option`), which `poptBadOption` returns.

import { longNames, type ArgSpec, type OptDef } from './spec.ts'
import type { Token } from './getopt.ts'

export interface PoptError {
  word: string
  /** poptStrerror's text. */
  message: 'unknown option' | 'missing argument'
}

export function popt(spec: ArgSpec, args: readonly string[]): { tokens: Token[]; error?: PoptError } {
  const entries = Object.entries(spec.options)
  const byLong = (name: string) => entries.find(([, d]) => longNames(d).includes(name))
  const byShort = (c: string) => entries.find(([, d]) => d.short === c)
  const tokens: Token[] = []
  const takesNext = (def: OptDef, i: number) => i + 1 < args.length && (def.arg === 'required' || !args[i + 1].startsWith('-'))
  for (let i = 0; i < args.length; i++) {
    const word = args[i]
    if (word === '--') {
      for (i++; i < args.length; i++) tokens.push({ kind: 'operand', word: args[i] })
      break
    }
    if (word.startsWith('--')) {
      const eq = word.indexOf('=')
      const name = eq < 0 ? word.slice(2) : word.slice(2, eq)
      const hit = byLong(name)
      if (!hit) return { tokens, error: { word, message: 'unknown option' } }
      const [key, def] = hit
      if (!def.arg) {
        // popt 1.18 lets `--flag=value` through and drops the value (recorded from ipvsadm 1.31).
        tokens.push({ kind: 'option', key, def, name: `--${name}`, word })
      } else if (eq >= 0) tokens.push({ kind: 'option', key, def, value: word.slice(eq + 1), name: `--${name}`, word })
      else if (takesNext(def, i)) tokens.push({ kind: 'option', key, def, value: args[++i], name: `--${name}`, word })
      else if (def.arg === 'optional') tokens.push({ kind: 'option', key, def, name: `--${name}`, word })
      else return { tokens, error: { word, message: 'missing argument' } }
      continue
    }
    if (!word.startsWith('-') || word === '-') {
      tokens.push({ kind: 'operand', word })
      continue
    }
    for (let j = 1; j < word.length; j++) {
      const hit = byShort(word[j])
      if (!hit) return { tokens, error: { word, message: 'unknown option' } }
      const [key, def] = hit
      const name = `-${word[j]}`
      if (!def.arg) {
        tokens.push({ kind: 'option', key, def, name, word })
        continue
      }
      // A glued argument may be written `-p=600`: popt skips the `=`.
      const glued = word.slice(j + 1).replace(/^=/, '')
      if (glued) tokens.push({ kind: 'option', key, def, value: glued, name, word })
      else if (takesNext(def, i)) tokens.push({ kind: 'option', key, def, value: args[++i], name, word })
      else if (def.arg === 'optional') tokens.push({ kind: 'option', key, def, name, word })
      else return { tokens, error: { word: name, message: 'missing argument' } }
      break
    }
  }
  return { tokens }
}
