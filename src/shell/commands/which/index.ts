// which (GNU which 2.21, RHEL 9's `which` package): for each COMMAND, the file bash would run,
// found by the interpreter's own $PATH search (shell/exec/lookup.ts); a name with a slash is looked
// up in its own directory. Each name not found is reported and counted: the exit status is their
// number. With --read-alias (-i) and --read-functions it first reads `alias` and `declare -f`
// output from stdin, as RHEL's which2.sh alias feeds it, and prints a matching alias or function
// followed by the path of each command it uses (which.c's process_alias and func_search).
// --tty-only, when stdout is not a terminal, turns off only the dot and tilde options after it.

import { defineArgs, parseArgs } from '../../args/index.ts'
import type { CommandContext, CommandDef } from '../types.ts'

const USAGE = `Usage: %s [options] [--] COMMAND [...]
Write the full path of COMMAND(s) to standard output.

  --version, -[vV] Print version and exit successfully.
  --help,          Print this help and exit successfully.
  --skip-dot       Skip directories in PATH that start with a dot.
  --skip-tilde     Skip directories in PATH that start with a tilde.
  --show-dot       Don't expand a dot to current directory in output.
  --show-tilde     Output a tilde for HOME directory for non-root.
  --tty-only       Stop processing options on the right if not on tty.
  --all, -a        Print all matches in PATH, not just the first
  --read-alias, -i Read list of aliases from stdin.
  --skip-alias     Ignore option --read-alias; don't read stdin.
  --read-functions Read shell functions from stdin.
  --skip-functions Ignore option --read-functions; don't read stdin.

Recommended use is to write the output of (alias; declare -f) to standard
input, so that which can show aliases and shell functions. See which(1) for
examples.

If the options --read-alias and/or --read-functions are specified then the
output can be a full alias or function definition, optionally followed by
the full path of each command used inside of those.

Report bugs to <which-bugs@gnu.org>.
`

const VERSION = `GNU which v2.21, Copyright (C) 1999 - 2015 Carlo Wood.
GNU which comes with ABSOLUTELY NO WARRANTY;
This program is free software; your freedom to use, change
and distribute this program is protected by the GPL.
`

const ARGS = defineArgs({
  usageStatus: 255,
  tryHelp: () => '',
  // which.c's switch has no case for '?': getopt's message, and the names are still looked up.
  ignoresErrors: true,
  longOrder: ['help', 'version', 'skip-dot', 'skip-tilde', 'show-dot', 'show-tilde', 'tty-only', 'all', 'read-alias', 'skip-alias', 'read-functions', 'skip-functions'],
  options: {
    all: { short: 'a', long: 'all' },
    v: { short: 'v' },
    V: { short: 'V' },
    skipDot: { long: 'skip-dot' },
    skipTilde: { long: 'skip-tilde' },
    showDot: { long: 'show-dot' },
    showTilde: { long: 'show-tilde' },
    ttyOnly: { long: 'tty-only' },
    readAlias: { short: 'i', long: 'read-alias' },
    skipAlias: { long: 'skip-alias' },
    readFunctions: { long: 'read-functions' },
    skipFunctions: { long: 'skip-functions' },
  },
  help: { usage: [], raw: USAGE },
  version: VERSION,
})

export const which: CommandDef = {
  name: 'which',
  path: '/usr/bin/which',
  rpm: 'which',
  summary: 'shows the full path of (shell) commands',
  args: ARGS,
  *run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    const on = new Set<string>()
    let ttyOnly = false
    for (const o of a.seen) {
      if (o.key === 'v' || o.key === 'V') {
        ctx.out(VERSION)
        return 0
      }
      if (o.key === 'ttyOnly') ttyOnly = !ctx.tty
      // show_tilde is never on for root.
      else if (o.key === 'showTilde') continue
      else if (!(ttyOnly && DOT_TILDE.has(o.key))) on.add(o.key)
    }
    if (on.has('skipAlias')) on.delete('readAlias')
    if (on.has('skipFunctions')) on.delete('readFunctions')
    if (!a.operands.length) {
      ctx.err(USAGE.replaceAll('%s', ctx.argv[0]))
      return 255
    }
    const names: (string | null)[] = [...a.operands]
    const functions = new Map<string, string[]>()
    if (on.has('readAlias') || on.has('readFunctions')) {
      if (ctx.stdinTty) ctx.err(`${ctx.argv[0]}: ${on.has('readFunctions') ? (on.has('readAlias') ? '--read-functions, --read-alias, -i' : '--read-functions') : '--read-alias, -i'}: Warning: stdin is a tty.\n`)
      const aliases: string[] = []
      let processingAliases = on.has('readAlias')
      for (;;) {
        const line = yield* ctx.stdin.readLine()
        if (line === null) break
        const start = on.has('readFunctions') ? functionStart(line) : null
        if (processingAliases && start === null) {
          if (!line.startsWith('declare -')) aliases.push(line)
        } else if (start !== null) {
          processingAliases = false
          const body: string[] = []
          for (;;) {
            const l = yield* ctx.stdin.readLine()
            if (l === null) break
            body.push(l)
            if (l === '}\n') break
          }
          functions.set(start, body)
        }
      }
      if (on.has('readAlias')) for (const line of aliases) processAlias(ctx, line, names, on, functions)
    }
    let failed = 0
    for (const name of names) {
      if (name === null) continue
      const found = on.has('readFunctions') && !name.includes('/') && funcSearch(ctx, false, name, functions)
      if ((on.has('all') || !found) && !pathSearch(ctx, false, name, on) && !found) {
        failed++
        const { prog, path } = searchList(ctx, name)
        ctx.err(`${ctx.argv[0]}: no ${prog} in (${path ?? '(null)'})\n`)
      }
    }
    return failed & 0xff
  },
}

/** The options --tty-only turns off when stdout is not a terminal. */
const DOT_TILDE = new Set(['skipDot', 'skipTilde', 'showDot'])

/** `NAME ()` as `declare -f` starts a function (or zsh's `NAME () {`): the name, else null. */
function functionStart(line: string): string | null {
  const t = line.trimEnd()
  if (!t.endsWith(' ()') && !t.endsWith(' () {')) return null
  const name = t.slice(0, t.indexOf(' '))
  return name || null
}

/**
 * An `alias NAME='VALUE'` line read from stdin: if NAME is asked for, the line, then for each
 * command of the value (split at | and &) its function or its path, indented by a tab.
 */
function processAlias(ctx: CommandContext, line: string, names: (string | null)[], on: Set<string>, functions: Map<string, string[]>): void {
  const m = /^[ \t]*(?:alias)?[ \t]*([^ \t=]*)/.exec(line)!
  const name = m[1]
  const at = names.indexOf(name)
  if (at < 0) return
  ctx.out(line)
  if (!on.has('all')) names[at] = null
  let p = m[0].length
  const s = line.replace(/\n$/, '')
  while (s[p] === ' ' || s[p] === '\t') p++
  if (s[p] === '=') p++
  while (s[p] === ' ' || s[p] === '\t') p++
  let q = ''
  if (s[p] === '"' || s[p] === "'") q = s[p++]
  for (;;) {
    while (s[p] === ' ' || s[p] === '\t') p++
    let cmd = ''
    while (p < s.length && s[p] !== ' ' && s[p] !== '\t' && s[p] !== q && s[p] !== '|' && s[p] !== '&') cmd += s[p++]
    // With -a the alias's own name is still to be searched, unless the alias runs it (ll -> ls -l).
    if (names[at] === cmd) names[at] = null
    const found = on.has('readFunctions') && !cmd.includes('/') && funcSearch(ctx, true, cmd, functions)
    if (on.has('all') || !found) pathSearch(ctx, true, cmd, on)
    while (p < s.length && (s[p] !== '|' || s[p + 1] === '|') && (s[p] !== '&' || s[p + 1] === '&')) p++
    if (p >= s.length) break
    p++
  }
}

/** A function read from stdin, printed as `NAME ()` and its lines (tab-indented under an alias). */
function funcSearch(ctx: CommandContext, indent: boolean, name: string, functions: Map<string, string[]>): boolean {
  const body = functions.get(name)
  if (!body) return false
  const tab = indent ? '\t' : ''
  ctx.out(`${tab}${name} ()\n`)
  for (const l of body) ctx.out(tab + l)
  return true
}

/** The directories a name is searched in: PATH, or a slashed name's own directory. */
function searchList(ctx: CommandContext, name: string): { prog: string; path: string | undefined } {
  const slash = name.lastIndexOf('/')
  if (slash < 0) return { prog: name, path: ctx.session.get('PATH') }
  // A name with a slash is searched for only in its own directory (`./x.sh` as `.`).
  const own = /^[./~]/.test(name) ? name : `./${name}`
  return { prog: name.slice(slash + 1), path: own.slice(0, own.lastIndexOf('/')) }
}

/** Prints where `name` is (every match with -a), each line after a tab if `indent`; whether found. */
function pathSearch(ctx: CommandContext, indent: boolean, name: string, on: Set<string>): boolean {
  const cwd = ctx.session.cwd
  const home = ctx.session.get('HOME') ?? '/root'
  const { prog, path } = searchList(ctx, name)
  const dirs = (path ?? '').split(':').filter((d) => {
    if (on.has('skipTilde') && d.startsWith('~')) return false
    return !(on.has('skipDot') && !d.startsWith('/') && !d.startsWith('~'))
  })
  const tab = indent ? '\t' : ''
  let found = false
  for (const dir of path ? dirs : []) {
    const abs = dir.startsWith('~') ? home + dir.slice(1) : dir
    for (const hit of ctx.lookPath(prog, abs)) {
      if (on.has('skipTilde') && hit.startsWith(home.endsWith('/') ? home : `${home}/`)) continue
      const dotted = on.has('showDot') && (abs === '' || abs.startsWith('.')) && hit.startsWith(cwd === '/' ? '/' : `${cwd}/`)
      ctx.out(tab + (dotted ? `./${hit.slice(cwd === '/' ? 1 : cwd.length + 1)}\n` : `${hit}\n`))
      found = true
      if (!on.has('all')) return true
    }
  }
  return found
}
