// What a command name would run, as bash 5.1's describe_command (type.def) finds it: an alias, a
// keyword, a function, a builtin, a file named with a slash, a hashed path, then every match in
// PATH. `type` prints it in its three forms (sentence, -t word, -p path; -a all of them, -P only
// PATH, -f no functions); `command -v` and `-V` print the reusable and the sentence forms.

import type { Proc } from '../../sim/task.ts'
import type { Io } from '../exec/io.ts'
import { executableAt, firstInPath, searchPath } from '../exec/lookup.ts'
import type { Shell } from '../interp.ts'
import { normalizePath } from '../../host/fs.ts'
import { KEYWORDS } from './keywords.ts'
import { singleQuote } from './alias.ts'
import { builtinOptions } from './options.ts'

export interface Describe {
  all: boolean
  /** -p: print paths only (of files). */
  pathOnly: boolean
  /** -P: search PATH even for a name that is an alias, keyword, function or builtin. */
  forcePath: boolean
  /** -f: functions are not looked at. */
  noFunctions: boolean
  form: 'sentence' | 'type' | 'reusable'
}

/** Writes each thing `name` is to stdout; whether anything was found. */
export function describeCommand(sh: Shell, name: string, d: Describe, io: Io): boolean {
  const s = sh.session
  const say = (type: string, sentence: string, reusable: string) => {
    if (d.form === 'type') io.out(`${type}\n`)
    else if (d.form === 'sentence' && !d.pathOnly) io.out(sentence)
    else if (d.form === 'reusable' && !d.pathOnly) io.out(`${reusable}\n`)
  }
  const sayFile = (path: string, sentence: string) => {
    if (d.form === 'type') io.out('file\n')
    else if (d.pathOnly || d.form === 'reusable') io.out(`${path}\n`)
    else io.out(sentence)
  }
  let found = false
  const alias = s.shopts.has('expand_aliases') ? s.aliases.get(name) : undefined
  if (!d.forcePath && alias !== undefined) {
    say('alias', `${name} is aliased to \`${alias}'\n`, `alias ${name}=${singleQuote(alias)}`)
    found = true
    if (!d.all) return true
  }
  const notPath = !d.forcePath
  if (notPath && KEYWORDS.has(name)) {
    say('keyword', `${name} is a shell keyword\n`, name)
    found = true
    if (!d.all) return true
  }
  const fn = s.functions.get(name)
  if (notPath && !d.noFunctions && fn) {
    say('function', `${name} is a function\n${sh.functionText(fn)}\n`, name)
    found = true
    if (!d.all) return true
  }
  if (notPath && sh.builtin(name)) {
    say('builtin', `${name} is a shell builtin\n`, name)
    found = true
    if (!d.all) return true
  }
  if (name.includes('/')) {
    if (executableAt(sh.env.commands, sh.host, normalizePath(s.cwd, name))) {
      sayFile(name, `${name} is ${name}\n`)
      return true
    }
  }
  const PATH = s.get('PATH')
  if (!d.all || d.forcePath) {
    const hashed = s.options.has('hashall') ? s.hash.find(name, PATH) : undefined
    if (hashed !== undefined) {
      sayFile(hashed, `${name} is hashed (${hashed})\n`)
      return true
    }
  }
  if (name.includes('/')) return found
  const files = d.all ? searchPath(sh.env.commands, sh.host, s.cwd, PATH ?? '', name) : [firstInPath(sh.env.commands, sh.host, s.cwd, PATH ?? '', name)].filter((p) => p !== undefined)
  for (const path of files) sayFile(path, `${name} is ${path}\n`)
  return found || files.length > 0
}

/** `type [-afptP] name [name ...]`. */
export function* type(sh: Shell, argv: string[], io: Io): Proc<number> {
  const d: Describe = { all: false, pathOnly: false, forcePath: false, noFunctions: false, form: 'sentence' }
  // bash still takes the old long spellings -type, -path and -all (and with two dashes).
  const LONG: Record<string, string> = { '-type': '-t', '--type': '-t', '-path': '-p', '--path': '-p', '-all': '-a', '--all': '-a' }
  const lead = argv.findIndex((a, k) => k > 0 && !a.startsWith('-'))
  const words = argv.map((a, k) => (k > 0 && (lead < 0 || k < lead) && Object.hasOwn(LONG, a) ? LONG[a] : a))
  const parsed = builtinOptions(sh, io, words, 'afptP', 'type [-afptP] name [name ...]')
  if (typeof parsed === 'number') return parsed
  // Each of -t, -p and -P undoes the others' forms, in the order given (type.def).
  for (const { letter } of parsed.seen) {
    if (letter === 'a') d.all = true
    else if (letter === 'f') d.noFunctions = true
    else if (letter === 't') {
      d.form = 'type'
      d.pathOnly = false
    } else {
      d.form = 'sentence'
      d.pathOnly = true
      if (letter === 'P') d.forcePath = true
    }
  }
  let failed = 0
  for (const name of parsed.operands) {
    const found = describeCommand(sh, name, d, io)
    if (!found && !d.pathOnly && d.form !== 'type') sh.error(io, `type: ${name}: not found`)
    if (!found) failed++
  }
  return failed ? 1 : 0
}
