// What the shell must know of every command before the command's code is there: its name, where
// it is installed, its package and its sub-command words. PATH lookups, `type`, `which`, `rpm -qf`
// and completion read only these; the one-line summaries (`help` lists them) come with the code.
// Vite writes the manifest of the registry at build time (vite.config.ts), for the worker's
// deferred registry (deferred.ts).

import type { CommandDef } from './types.ts'

export type CommandMeta = Pick<CommandDef, 'name' | 'path' | 'pkg' | 'rpm' | 'completions'>

/** The registry's entries, in its order, each reduced to what lookups read. */
export function commandManifest(commands: Readonly<Record<string, CommandDef>>): [string, CommandMeta][] {
  return Object.entries(commands).map(([key, d]) => {
    const meta: CommandMeta = { name: d.name, path: d.path }
    if (d.pkg !== undefined) meta.pkg = d.pkg
    if (d.rpm !== undefined) meta.rpm = d.rpm
    if (d.completions !== undefined) meta.completions = [...d.completions]
    return [key, meta]
  })
}
