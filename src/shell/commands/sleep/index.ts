// sleep: wait on the virtual clock (Ctrl-C interrupts).

import { SECOND } from '../../../sim/engine.ts'
import { wait, type Proc } from '../../../sim/task.ts'
import type { CommandContext, CommandDef } from '../types.ts'

function* run(ctx: CommandContext): Proc<number> {
  const arg = ctx.argv[1]
  const m = arg ? /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg) : null
  if (!m) {
    ctx.err(arg ? `sleep: invalid time interval '${arg}'\nTry 'sleep --help' for more information.\n` : "sleep: missing operand\nTry 'sleep --help' for more information.\n")
    return 1
  }
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2]]!
  yield* wait(ctx.sleep(Math.round(Number(m[1]) * unit * SECOND)))
  return 0
}

export const sleep: CommandDef = { name: 'sleep', path: '/usr/bin/sleep', summary: 'delay for a specified amount of time', run }
