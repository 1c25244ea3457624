// The README's list of commands, grouped by the package that owns each command's path (the file
// table of host/pkgfiles.ts, which `rpm -qf` reads too), written from the registry by
// `npm run docs:commands` and checked by tests/unit/readme.test.ts so that it cannot drift from
// what the hosts know.

import { ownerOf } from '../../host/pkgfiles.ts'
import type { CommandDef } from './types.ts'

export const START = '<!-- commands:start (npm run docs:commands) -->'
export const END = '<!-- commands:end -->'

export function commandsMarkdown(commands: Record<string, CommandDef>): string {
  const groups = new Map<string, string[]>()
  for (const [name, def] of Object.entries(commands)) {
    const key = ownerOf(def.path) ?? def.pkg ?? def.rpm ?? 'other (LVS Lab’s own, or no package named yet)'
    groups.set(key, [...(groups.get(key) ?? []), name])
  }
  const rows = [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([pkg, names]) => `| ${pkg} | ${names.sort().map((n) => `\`${n}\``).join(' ')} |`)
  return ['| Package | Commands |', '|---|---|', ...rows].join('\n')
}

/** README text with the section between the markers replaced (markers added at the end if absent). */
export function withCommands(readme: string, commands: Record<string, CommandDef>): string {
  const body = `${START}\n${commandsMarkdown(commands)}\n${END}`
  const at = readme.indexOf(START)
  const end = readme.indexOf(END)
  if (at < 0 || end < 0) return `${readme.trimEnd()}\n\n## Commands\n\nEvery program the lab's hosts know, by the RPM package that provides it (a package dnf\nhas not installed yet provides nothing).\n\n${body}\n`
  return readme.slice(0, at) + body + readme.slice(end + END.length)
}
