// Running another program from a command (env, timeout, xargs), as execvp would: the name is
// looked up among the host's programs first, so a missing one gets the caller's own message
// (`env: ‘x’: No such file or directory`, status 127) instead of the shell's, then the argv is
// quoted into a command line for the session's shell, in a subshell so that variable changes
// stay with the child.

import type { Proc } from '../../sim/task.ts'
import { COMMANDS } from './index.ts'
import type { CommandContext } from './types.ts'
import type { Input } from '../stream.ts'

/** Programs that are both bash builtins and files in /usr/bin, so exec finds them. */
const ALSO_BINARIES = new Set(['echo', 'printf', 'test', '[', 'kill', 'pwd', 'true', 'false'])

export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`
}

export function programExists(ctx: CommandContext, name: string): boolean {
  if (name.includes('/')) return Object.values(COMMANDS).some((d) => d.path === name || d.path.replace('/usr/', '/') === name) || ctx.host.fs.stat(name)?.type === 'file'
  const def = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined
  return (def !== undefined && (!def.pkg || ctx.host.isInstalled(def.pkg))) || ALSO_BINARIES.has(name)
}

export interface ChildEnv {
  /** Variables to set, in order. */
  set?: [string, string][]
  /** Variables to remove. */
  unset?: string[]
}

/** The command line that runs argv with the given environment changes. */
export function childLine(argv: string[], env: ChildEnv = {}): string {
  const pre = [...(env.unset?.length ? [`unset -v ${env.unset.map(shellQuote).join(' ')};`] : []), ...(env.set ?? []).map(([k, v]) => `export ${k}=${shellQuote(v)};`)]
  return `(${[...pre, argv.map(shellQuote).join(' ')].join(' ')})`
}

export function* runChild(ctx: CommandContext, argv: string[], stdin: string | Input, env?: ChildEnv): Proc<number> {
  return yield* ctx.run(childLine(argv, env), { out: (t) => ctx.out(t), err: (t) => ctx.err(t), stdin })
}
