// What the shell must know of every command before the command's code is there: its name, where
// it is installed and its package. PATH lookups, `type`, `which`, `rpm -qf` and the completion of
// command names read only these; the one-line summaries (`help` lists them) and the words Tab
// completes after a command (its sub-commands and options) come with the code, and the worker
// holds Tab until it is in (worker/gate.ts).
// Vite writes the manifest of the registry at build time (vite.config.ts), for the worker's
// deferred registry (deferred.ts).

import type { CommandDef } from './types.ts'

export type CommandMeta = Pick<CommandDef, 'name' | 'path' | 'pkg' | 'rpm'>

/** The registry's entries, in its order, each reduced to what lookups read. */
export function commandManifest(commands: Readonly<Record<string, CommandDef>>): [string, CommandMeta][] {
  return Object.entries(commands).map(([key, d]) => {
    const meta: CommandMeta = { name: d.name, path: d.path }
    if (d.pkg !== undefined) meta.pkg = d.pkg
    if (d.rpm !== undefined) meta.rpm = d.rpm
    return [key, meta]
  })
}
