// Builtins that change the flow of a shell (break.def, return.def, exit.def, eval.def,
// source.def, exec.def, trap.def, command.def): their bash 5.1 messages and statuses.

import { FS_ERROR_TEXT, normalizePath } from '../../host/fs.ts'
import type { Proc } from '../../sim/task.ts'
import type { Io } from '../exec/io.ts'
import { ExitShell, LoopControl, ReturnSignal, type Shell } from '../interp.ts'
import { describeCommand } from './type.ts'
import { builtinOptions } from './options.ts'
import { signalTable, trapKey, trapLabel, trapOrder } from './signals.ts'

export function loopControl(kind: 'break' | 'continue') {
  return function* (sh: Shell, argv: string[], io: Io): Proc<number> {
    const arg = argv[1] ?? '1'
    if (!/^-?\d+$/.test(arg)) {
      sh.error(io, `${kind}: ${arg}: numeric argument required`)
      if (!sh.inLoop) return 128
      throw new LoopControl('break', Number.MAX_SAFE_INTEGER)
    }
    const n = Number(arg)
    if (n < 1) {
      sh.error(io, `${kind}: ${arg}: loop count out of range`)
      return 1
    }
    if (!sh.inLoop) {
      sh.error(io, `${kind}: only meaningful in a \`for', \`while', or \`until' loop`)
      return 0
    }
    throw new LoopControl(kind, Math.min(n, sh.loopDepth))
  }
}

export function* returnB(sh: Shell, argv: string[], io: Io): Proc<number> {
  const arg = argv[1]
  if (!sh.inFunction) {
    sh.error(io, "return: can only `return' from a function or sourced script")
    return 2
  }
  if (arg !== undefined && !/^-?\d+$/.test(arg)) {
    sh.error(io, `return: ${arg}: numeric argument required`)
    throw new ReturnSignal(2)
  }
  throw new ReturnSignal(arg === undefined ? sh.session.status : Number(arg) & 255)
}

export function* exit(sh: Shell, argv: string[], io: Io): Proc<number> {
  const arg = argv[1]
  if (argv[0] === 'logout' && sh.session.subshell === 0 && sh.session.interactive === false) {
    sh.error(io, 'logout: not login shell: use `exit\'')
    return 1
  }
  if (arg !== undefined && !/^-?\d+$/.test(arg)) {
    sh.error(io, `${argv[0]}: ${arg}: numeric argument required`)
    yield* sh.exitTrap(io)
    throw new ExitShell(2)
  }
  if (argv.length > 2) {
    sh.error(io, `${argv[0]}: too many arguments`)
    return 1
  }
  // bash's check_jobs_at_exit: the first exit with stopped jobs only warns.
  const s = sh.session
  if (s.interactive && s.subshell === 0 && !s.warnedStoppedJobs && s.jobs.jobs.some((j) => j.state.kind === 'stopped')) {
    s.warnedStoppedJobs = true
    io.err(`${argv[0] === 'exit' ? 'logout' : argv[0]}\nThere are stopped jobs.\n`)
    return 1
  }
  const code = arg !== undefined ? Number(BigInt.asUintN(8, BigInt(arg))) : sh.session.status
  if (sh.session.subshell === 0) yield* sh.exitTrap(io)
  throw new ExitShell(code)
}

export function* evalB(sh: Shell, argv: string[], io: Io): Proc<number> {
  const text = argv.slice(1).join(' ')
  if (!text.trim()) return 0
  return yield* sh.evalText(text, io)
}

export function* source(sh: Shell, argv: string[], io: Io): Proc<number> {
  const file = argv[1] === '--' ? argv[2] : argv[1]
  if (file === undefined) {
    sh.error(io, `${argv[0]}: filename argument required`)
    io.err(`${argv[0]}: usage: ${argv[0]} filename [arguments]\n`)
    return 2
  }
  const path = normalizePath(sh.session.cwd, file)
  const node = sh.host.fs.stat(path)
  if (!node) {
    sh.error(io, `${file}: ${FS_ERROR_TEXT.ENOENT}`)
    return 1
  }
  if (node.type === 'dir') {
    sh.error(io, `${argv[0]}: ${file}: is a directory`)
    return 1
  }
  return yield* sh.source(file, argv.slice(2), io)
}

export function* exec(sh: Shell, argv: string[], io: Io): Proc<number> {
  const args = argv.slice(1)
  if (!args.length) return 0
  const status = yield* sh.external(args, io)
  if (status === 127 || status === 126) {
    if (sh.session.interactive) return status
  }
  throw new ExitShell(status)
}

const TRAP_USAGE = 'trap [-lp] [[arg] signal_spec ...]'

/**
 * trap.def: `trap [-lp] [[action] sigspec ...]`. An action of `-` (or none, before a lone signal
 * or a first operand that is a number) resets; `''` ignores. `-p` and no operands print each trap
 * as a command that would set it again; in a subshell that has set none, the parent's.
 */
export function* trap(sh: Shell, argv: string[], io: Io): Proc<number> {
  const parsed = builtinOptions(sh, io, argv, 'lp', TRAP_USAGE)
  if (typeof parsed === 'number') return parsed
  const s = sh.session
  const args = parsed.operands
  if (parsed.seen.some((o) => o.letter === 'l')) {
    io.out(signalTable())
    return 0
  }
  if (!args.length || parsed.seen.some((o) => o.letter === 'p')) {
    const shown = s.parentTraps ?? s.traps
    const only = args.map((a) => ({ a, key: trapKey(a) }))
    for (const { a, key } of only) {
      if (key === null) {
        sh.error(io, `trap: ${a}: invalid signal specification`)
        return 1
      }
    }
    const keys = only.length ? only.map((o) => o.key!) : [...shown.keys()].sort((x, y) => trapOrder(x) - trapOrder(y))
    for (const key of keys) {
      const action = shown.get(key)
      if (action !== undefined) io.out(`trap -- '${action.replace(/'/g, "'\\''")}' ${trapLabel(key)}\n`)
    }
    return 0
  }
  // One operand that is a signal, or a first operand that is a number: those signals are reset.
  const revert = args[0] === '-' || /^\d+$/.test(args[0]) || (args.length === 1 && trapKey(args[0]) !== null)
  if (args.length === 1 && !revert) {
    io.err(`trap: usage: ${TRAP_USAGE}\n`)
    return 2
  }
  const action = revert ? null : args[0]
  const specs = args[0] === '-' || !revert ? args.slice(1) : args
  s.ownTraps()
  let status = 0
  for (const spec of specs) {
    const key = trapKey(spec)
    if (key === null) {
      sh.error(io, `trap: ${spec}: invalid signal specification`)
      status = 1
      continue
    }
    if (action === null) s.traps.delete(key)
    else s.traps.set(key, action)
  }
  return status
}

/** `command [-v|-V] name args`: skips functions; -v says what the name is. */
export function* command(sh: Shell, argv: string[], io: Io): Proc<number> {
  let args = argv.slice(1)
  let describe: 'v' | 'V' | null = null
  while (args[0] === '-v' || args[0] === '-V' || args[0] === '-p') {
    if (args[0] !== '-p') describe = args[0][1] as 'v' | 'V'
    args = args.slice(1)
  }
  if (!args.length) return 0
  if (describe) {
    // Success if any name was found (command.def's any_found).
    let anyFound = false
    for (const name of args) {
      const found = describeCommand(sh, name, { all: false, pathOnly: false, forcePath: false, noFunctions: false, form: describe === 'v' ? 'reusable' : 'sentence' }, io)
      if (!found && describe === 'V') sh.error(io, `command: ${name}: not found`)
      anyFound ||= found
    }
    return anyFound ? 0 : 1
  }
  const builtinFn = sh.builtin(args[0])
  if (builtinFn) return yield* builtinFn(sh, args, io)
  return yield* sh.external(args, io)
}

export function* builtin(sh: Shell, argv: string[], io: Io): Proc<number> {
  const name = argv[1]
  if (name === undefined) return 0
  const fn = sh.builtin(name)
  if (!fn) {
    sh.error(io, `builtin: ${name}: not a shell builtin`)
    return 1
  }
  return yield* fn(sh, argv.slice(1), io)
}
