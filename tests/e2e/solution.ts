// A lesson's solution.script as (host, command) pairs for window.lvsLab.run: a prompt names the
// host, and a here-document stays with the command that opens it.

import { readFileSync } from 'node:fs'

export function solutionCommands(path: string): { host: string; command: string }[] {
  const out: { host: string; command: string }[] = []
  let until: string | null = null
  for (const raw of readFileSync(path, 'utf8').split('\n')) {
    if (until !== null) {
      out[out.length - 1].command += `\n${raw}`
      if (raw.trim() === until) until = null
      continue
    }
    const m = /^\[[^@\]]+@([^ \]]+)[^\]]*\][#$] ?(.*)$/.exec(raw)
    if (!m) continue
    out.push({ host: m[1], command: m[2] })
    until = /<<-?\s*['"]?(\w+)/.exec(m[2])?.[1] ?? null
  }
  return out
}
