// The command registry as the browser's worker has it: vite.config.ts puts this module in place of
// shell/commands/index.ts in the worker bundle. Every command is here at once as its manifest entry
// (name, path, package, sub-commands, written at build time), so PATH lookups, `type`, `which`,
// `rpm -qf` and name completion know all of them before their code arrives; the code (and the
// summaries `help` lists) is the real registry, a chunk the worker loads after the first prompt. The API
// holds typed lines until it is there (gate.ts), so a command never runs early. Should something
// run one anyway, the command waits for its code on the virtual clock, then runs; a lab's own
// setup (the TUN lab stops the router's firewalld) needs systemctl at once, so that one is here.

import { manifest } from 'virtual:lvs-commands'
import { table } from '../../sim/table.ts'
import type { Proc } from '../../sim/task.ts'
import { registry } from '../../shell/commands/guard.ts'
import { systemctl } from '../../shell/commands/systemctl/index.ts'
import type { CommandContext, CommandDef, CommandResult } from '../../shell/commands/types.ts'
import { Pack } from './pack.ts'

/** Commands a lab's setup runs while the lab is built, before any pack can have loaded. */
const AT_ONCE = registry({ systemctl })

const pack = new Pack<Readonly<Record<string, CommandDef>>>(() => import('../../shell/commands/index.ts').then((m) => m.COMMANDS))

/** Loads the commands' code (once). */
export const loadCommands = (): Promise<void> => pack.load()

export const commandsLoaded = (): boolean => pack.loaded

function* later(key: string, ctx: CommandContext): Proc<number> {
  const real = yield* pack.arrival(ctx.engine)
  const r: CommandResult = real[key].run(ctx)
  return typeof r === 'number' ? r : yield* r
}

function standIn(key: string, meta: (typeof manifest)[number][1]): CommandDef {
  return {
    ...meta,
    // Option completion reads the real declaration, and `help` the summary; the gate holds Tab
    // and every line until they are there.
    get args() {
      return pack.value?.[key].args
    },
    get completions() {
      return pack.value?.[key].completions
    },
    get summary() {
      return pack.value?.[key].summary ?? ''
    },
    run(ctx) {
      const real = pack.value?.[key] ?? (Object.hasOwn(AT_ONCE, key) ? AT_ONCE[key] : undefined)
      return real ? real.run(ctx) : later(key, ctx)
    },
  }
}

export const COMMANDS: Readonly<Record<string, CommandDef>> = table(Object.fromEntries(manifest.map(([key, meta]) => [key, standIn(key, meta)])))
