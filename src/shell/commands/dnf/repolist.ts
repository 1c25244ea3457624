// `dnf repolist` (dnf 4.14 commands/repolist.py) for the three repositories a Rocky Linux 9 host
// has enabled: the id and name columns, the terminal width's spare room shared between them
// (half to the id, the rest to the name), both padded, 80 columns when not on a terminal.

import type { CommandContext } from '../types.ts'

const ENABLED: [string, string][] = [
  ['appstream', 'Rocky Linux 9 - AppStream'],
  ['baseos', 'Rocky Linux 9 - BaseOS'],
  ['extras', 'Rocky Linux 9 - Extras'],
]

export function repolist(ctx: CommandContext, args: string[]): number {
  if (args[0] === 'all' || args[0] === 'disabled') {
    ctx.err(`dnf repolist ${args[0]}: only the enabled repositories are modelled in this lab\n`)
    return 1
  }
  const pats = (args[0] === 'enabled' ? args.slice(1) : args).map((p) => new RegExp('^' + p.toLowerCase().replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$'))
  const rows = ENABLED.filter(([id, name]) => !pats.length || pats.some((re) => re.test(id) || re.test(name.toLowerCase())))
  if (!rows.length) return 0
  const columns = ctx.term?.cols ?? 80
  let idLen = Math.max('repo id'.length, ...rows.map(([id]) => id.length))
  let nmLen = Math.max(...rows.map(([, name]) => name.length))
  let left = columns - (idLen + 1)
  if (left < nmLen) nmLen = left
  else {
    left -= nmLen
    idLen += Math.floor(left / 2)
    nmLen += left - Math.floor(left / 2)
  }
  ctx.out(`${'repo id'.padEnd(idLen)} ${'repo name'.padEnd(nmLen)}\n`)
  for (const [id, name] of rows) ctx.out(`${id.padEnd(idLen)} ${name.slice(0, nmLen).padEnd(nmLen)}\n`)
  return 0
}
