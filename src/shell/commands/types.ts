// The contract between the interpreter and a command. A command reads its argv, stdin and the
// host it runs on, writes stdout/stderr, and returns an exit status, either at once or, for work
// that waits on the network or the clock, as a generator (see sim/task.ts).

import type { Host } from '../../host/host.ts'
import type { Engine } from '../../sim/engine.ts'
import type { Proc, Signal } from '../../sim/task.ts'
import type { Session } from '../session.ts'
import type { ArgSpec } from '../args/spec.ts'
import type { Input } from '../stream.ts'

export interface Terminal {
  cols: number
  rows: number
  /** The next key (or pasted chunk) typed while this command runs. */
  key(): Signal<string>
}

export interface CommandContext {
  /** argv[0] as typed (e.g. `/usr/sbin/ipvsadm`), then the arguments. */
  argv: string[]
  /** Read with `yield*` (see shell/stream.ts): waits while the writer still produces. */
  stdin: Input
  /** Is stdin the terminal (typed lines, Ctrl-D for end of input) rather than a pipe or file? */
  stdinTty: boolean
  out(text: string): void
  err(text: string): void
  /** Is stdout the terminal (not a pipe or a file)? Colours, paging and full-screen need it. */
  tty: boolean
  /** Present when the command runs in an interactive terminal. */
  term: Terminal | null
  host: Host
  session: Session
  engine: Engine
  sleep(us: number): Signal<void>
  /** Runs a command line on this host as a child shell would (`watch`, unit ExecStart). */
  run(line: string, io: { out(text: string): void; err(text: string): void; stdin?: string | Input }): Proc<number>
  /** Finds another machine of the lab by name (ssh-like helpers, /etc/hosts lookups). */
  lookupHost(name: string): Host | undefined
}

export type CommandResult = number | Proc<number>

export interface CommandDef {
  name: string
  /** Where `type`/`which` say it lives. */
  path: string
  /** One line for `help`, tab completion hints and the command palette. */
  summary: string
  /** Package that must be installed for the binary to exist. */
  pkg?: string
  /** The package owning a binary every host has (`rpm -qf`), where there is no `pkg`. */
  rpm?: string
  /** Words completed after the command name besides its options (sub-commands). */
  completions?: string[]
  /** The options it declares (shell/args): its parser, usage errors, `--help` and option completion. */
  args?: ArgSpec<any>
  run(ctx: CommandContext): CommandResult
}
