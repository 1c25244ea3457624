// The shell's builtins: the commands bash runs itself, in a Map (names come from the user, so no
// prototype can answer), with the small ones defined here and the rest one file per family.

import { FS_ERROR_TEXT, normalizePath } from '../../host/fs.ts'
import type { Proc } from '../../sim/task.ts'
import type { Io } from '../exec/io.ts'
import type { Shell } from '../interp.ts'
import { builtin, command, evalB, exec, exit, loopControl, returnB, source, trap } from './flow.ts'
import { getopts } from './getopts.ts'
import { hash } from './hash.ts'
import { alias, unalias } from './alias.ts'
import { shopt } from './shopt.ts'
import { type } from './type.ts'
import { bg, disown, fg, jobs, kill, wait } from './jobs.ts'
import { echo, printf } from './printf.ts'
import { read } from './read.ts'
import { runTest } from './test.ts'
import { declare, letB, set, shift, unset } from './vars.ts'
import { compileExtglob, type Matcher } from '../text/extglob.ts'

export type Builtin = (sh: Shell, argv: string[], io: Io) => Proc<number>

function* cd(sh: Shell, argv: string[], io: Io): Proc<number> {
  const s = sh.session
  const args = argv.slice(1).filter((a, i) => !(i === 0 && (a === '-L' || a === '-P' || a === '--')))
  if (args.length > 1) {
    sh.error(io, 'cd: too many arguments')
    return 1
  }
  const home = s.get('HOME')
  const arg = args[0] ?? home
  if (arg === undefined) {
    sh.error(io, 'cd: HOME not set')
    return 1
  }
  if (arg === '-' && s.get('OLDPWD') === undefined) {
    sh.error(io, 'cd: OLDPWD not set')
    return 1
  }
  const target = arg === '-' ? s.get('OLDPWD')! : arg
  if (target === '') return 0
  const path = normalizePath(s.cwd, target)
  const node = sh.host.fs.stat(path)
  if (!node) {
    sh.error(io, `cd: ${arg}: ${FS_ERROR_TEXT.ENOENT}`)
    return 1
  }
  if (node.type !== 'dir') {
    sh.error(io, `cd: ${arg}: ${FS_ERROR_TEXT.ENOTDIR}`)
    return 1
  }
  s.set('OLDPWD', s.cwd)
  s.cwd = path
  s.set('PWD', path)
  if (arg === '-') io.out(path + '\n')
  return 0
}

function* pwd(sh: Shell, _argv: string[], io: Io): Proc<number> {
  io.out(sh.session.cwd + '\n')
  return 0
}

function* history(sh: Shell, argv: string[], io: Io): Proc<number> {
  if (argv[1] === '-c') {
    sh.session.history.length = 0
    return 0
  }
  const h = sh.session.history
  if (argv[1] !== undefined && !/^\d+$/.test(argv[1])) {
    sh.error(io, `history: ${argv[1]}: numeric argument required`)
    return 1
  }
  const n = argv[1] !== undefined ? Number(argv[1]) : h.length
  const start = Math.max(0, h.length - n)
  for (let i = start; i < h.length; i++) io.out(`${String(i + 1).padStart(5)}  ${h[i]}\n`)
  return 0
}

function* help(sh: Shell, _argv: string[], io: Io): Proc<number> {
  const names = [...BUILTINS.keys()].sort()
  io.out(
    'GNU bash, version 5.1.8(1)-release (x86_64-redhat-linux-gnu)\n' +
      "These shell commands are defined internally.  Type `help' to see this list.\n\n" +
      names.join('  ') +
      '\n\nLVS Lab: the programs this lab provides (try `<command> --help`):\n',
  )
  for (const def of Object.values(sh.env.commands).sort((a, b) => a.name.localeCompare(b.name))) {
    if (def.pkg && !sh.host.isInstalled(def.pkg)) continue
    io.out(`  ${def.name.padEnd(18)} ${def.summary}\n`)
  }
  return 0
}

/** `umask [-S] [mode]`: the host's file-creation mask, in octal or symbolic form. */
function* umask(sh: Shell, argv: string[], io: Io): Proc<number> {
  const fs = sh.host.fs
  const symbolic = argv[1] === '-S'
  const mode = argv[symbolic ? 2 : 1]
  if (mode === undefined) {
    const allowed = ~fs.umask & 0o777
    const who = (shift: number) => ['r', 'w', 'x'].filter((_, i) => allowed & (4 >> i) << shift).join('')
    io.out(symbolic ? `u=${who(6)},g=${who(3)},o=${who(0)}\n` : `${fs.umask.toString(8).padStart(4, '0')}\n`)
    return 0
  }
  if (!/^[0-7]{1,4}$/.test(mode)) {
    sh.error(io, `umask: ${mode}: octal number out of range`)
    return 1
  }
  fs.umask = parseInt(mode, 8) & 0o777
  return 0
}

function* status(code: number): Proc<number> {
  return code
}

function* testB(sh: Shell, argv: string[], io: Io): Proc<number> {
  return runTest(sh, 'test', argv.slice(1), io)
}

function* bracket(sh: Shell, argv: string[], io: Io): Proc<number> {
  if (argv[argv.length - 1] !== ']') {
    sh.error(io, "[: missing `]'")
    return 2
  }
  return runTest(sh, '[', argv.slice(1, -1), io)
}

export const BUILTINS = new Map<string, Builtin>([
  ['.', source],
  [':', () => status(0)],
  ['[', bracket],
  ['alias', alias],
  ['bg', bg],
  ['break', loopControl('break')],
  ['builtin', builtin],
  ['cd', cd],
  ['command', command],
  ['continue', loopControl('continue')],
  ['declare', declare],
  ['disown', disown],
  ['echo', echo],
  ['eval', evalB],
  ['exec', exec],
  ['exit', exit],
  ['export', declare],
  ['false', () => status(1)],
  ['fg', fg],
  ['getopts', getopts],
  ['hash', hash],
  ['help', help],
  ['history', history],
  ['jobs', jobs],
  ['kill', kill],
  ['let', letB],
  ['local', declare],
  ['logout', exit],
  ['printf', printf],
  ['pwd', pwd],
  ['read', read],
  ['readonly', declare],
  ['return', returnB],
  ['set', set],
  ['shift', shift],
  ['shopt', shopt],
  ['source', source],
  ['test', testB],
  ['trap', trap],
  ['true', () => status(0)],
  ['type', type],
  ['typeset', declare],
  ['umask', umask],
  ['unalias', unalias],
  ['unset', unset],
  ['wait', wait],
])

/** POSIX special builtins: assignments before them stay in the shell. */
export const SPECIAL_BUILTINS = new Set(['.', ':', 'break', 'continue', 'eval', 'exec', 'exit', 'export', 'readonly', 'return', 'set', 'shift', 'source', 'trap', 'unset'])

export { KEYWORDS } from './keywords.ts'
export { regexMatch } from './cond-regex.ts'

/** extglob's compiler (text/extglob.ts) as the shell asks for it: through this table, so the browser loads it with the builtins. */
export function* extglobPattern(_sh: Shell, pattern: string, nocase: boolean): Proc<Matcher> {
  return compileExtglob(pattern, nocase)
}
