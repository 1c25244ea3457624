// The error boundary around every command: an exception a command did not mean to throw ends that
// command with bash's "internal error" line and status 1, leaves an `internal` trace record, and
// the shell goes on. Control flow that travels as an exception (Ctrl-C, `exit`, reboot, the loop
// step limit, a spent budget) passes through untouched; a new such exception must extend one of CONTROL's classes.

import { describeError } from '../../sim/engine.ts'
import { Interrupt, type Proc } from '../../sim/task.ts'
import { table } from '../../sim/table.ts'
import { OverBudget } from '../exec/budget.ts'
import { ExitShell, StepLimit } from '../interp.ts'
import type { CommandContext, CommandDef, CommandResult } from './types.ts'

const CONTROL = [Interrupt, ExitShell, StepLimit, OverBudget]

const isControl = (e: unknown) => CONTROL.some((c) => e instanceof c)

function failed(name: string, ctx: CommandContext, error: unknown): number {
  if (isControl(error)) throw error
  ctx.engine.fault('internal.command', ctx.host.hostname, 0, { command: name }, error)
  ctx.err(`-bash: internal error: ${name}: ${describeError(error)}\n`)
  return 1
}

function* guardedProc(name: string, ctx: CommandContext, proc: Proc<number>): Proc<number> {
  try {
    return yield* proc
  } catch (error) {
    return failed(name, ctx, error)
  }
}

/** The same command, run inside the boundary. */
export function guard(def: CommandDef): CommandDef {
  const run = (ctx: CommandContext): CommandResult => {
    try {
      const r = def.run(ctx)
      return typeof r === 'number' ? r : guardedProc(def.name, ctx, r)
    } catch (error) {
      return failed(def.name, ctx, error)
    }
  }
  return { ...def, run }
}

/** The command registry as a null-prototype table of guarded commands. */
export function registry(entries: Record<string, CommandDef>): Readonly<Record<string, CommandDef>> {
  return table(Object.fromEntries(Object.entries(entries).map(([name, def]) => [name, guard(def)])))
}
