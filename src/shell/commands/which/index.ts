// which (GNU which 2.21, RHEL 9's `which` package): for each COMMAND, the file bash would run,
// found by the interpreter's own $PATH search (shell/exec/lookup.ts); a name with a slash is looked
// up in its own directory. Each name not found is reported and counted: the exit status is their
// number. RHEL's /etc/profile.d/which2.sh alias (which pipes aliases and functions in) is not set.

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
  longOrder: ['help', 'version', 'skip-dot', 'skip-tilde', 'show-dot', 'show-tilde', 'tty-only', 'all', 'skip-alias', 'skip-functions'],
  options: {
    all: { short: 'a', long: 'all' },
    v: { short: 'v' },
    V: { short: 'V' },
    skipDot: { long: 'skip-dot' },
    skipTilde: { long: 'skip-tilde' },
    showDot: { long: 'show-dot' },
    showTilde: { long: 'show-tilde' },
    ttyOnly: { long: 'tty-only' },
    skipAlias: { long: 'skip-alias' },
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
  run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    // --tty-only: when stdout is not a terminal, the options after it are ignored.
    const on = new Set<string>()
    for (const s of a.seen) {
      if (s.key === 'v' || s.key === 'V') {
        ctx.out(VERSION)
        return 0
      }
      if (s.key === 'ttyOnly') {
        if (!ctx.tty) break
      } else on.add(s.key)
    }
    if (!a.operands.length) {
      ctx.err(USAGE.replaceAll('%s', ctx.argv[0]))
      return 255
    }
    let failed = 0
    for (const name of a.operands) if (!report(ctx, name, on)) failed++
    return failed & 0xff
  },
}

/** Prints where `name` is (every match with -a); false, after the failure line, when nowhere. */
function report(ctx: CommandContext, name: string, on: Set<string>): boolean {
  const cwd = ctx.session.cwd
  const home = ctx.session.get('HOME') ?? '/root'
  let path = ctx.session.get('PATH')
  let prog = name
  const slash = name.lastIndexOf('/')
  if (slash >= 0) {
    // A name with a slash is searched for only in its own directory (`./x.sh` as `.`).
    const own = /^[./~]/.test(name) ? name : `./${name}`
    path = own.slice(0, own.lastIndexOf('/'))
    prog = name.slice(slash + 1)
  }
  const dirs = (path ?? '').split(':').filter((d) => {
    if (on.has('skipTilde') && d.startsWith('~')) return false
    return !(on.has('skipDot') && !d.startsWith('/') && !d.startsWith('~'))
  })
  let found = false
  for (const dir of path ? dirs : []) {
    const abs = dir.startsWith('~') ? home + dir.slice(1) : dir
    for (const hit of ctx.lookPath(prog, abs)) {
      if (on.has('skipTilde') && hit.startsWith(home.endsWith('/') ? home : `${home}/`)) continue
      const dotted = on.has('showDot') && (abs === '' || abs.startsWith('.')) && hit.startsWith(cwd === '/' ? '/' : `${cwd}/`)
      ctx.out(dotted ? `./${hit.slice(cwd === '/' ? 1 : cwd.length + 1)}\n` : `${hit}\n`)
      found = true
      if (!on.has('all')) return true
    }
  }
  if (!found) ctx.err(`${ctx.argv[0]}: no ${prog} in (${path ?? '(null)'})\n`)
  return found
}
