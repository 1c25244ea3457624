// A command script in the transcript format of `lvs-lab run --script` (lessons' setup and solution,
// graders' transcripts): each line is a command for the current host; a line written
// `[root@rs1 ~]# cmd` (a prompt pasted from a tutorial) switches to that host. Blank lines and
// comments are skipped; unfinished input (an open quote, a here-document) continues on the next
// lines as bash's PS2 would.

import { parse } from '../shell/parse.ts'
import { SECOND } from '../sim/engine.ts'
import type { Lab } from './lab.ts'

const PROMPT = /^\[[^@\]\s]+@([^\s\]]+)[^\]]*\][#$]\s?(.*)$/

export interface ScriptCommand {
  /** The host named by the prompt, or null: the host of the previous command (the lab's start at first). */
  host: string | null
  /** The command's lines as typed (more than one for a here-document or an open quote). */
  lines: string[]
  /** 1-based line in the script where the command starts. */
  lineNo: number
}

export function splitScript(script: string): ScriptCommand[] {
  const out: ScriptCommand[] = []
  let pending: ScriptCommand | null = null
  script.split('\n').forEach((raw, i) => {
    if (!pending) {
      const m = PROMPT.exec(raw)
      if (m) pending = { host: m[1], lines: [m[2]], lineNo: i + 1 }
      else if (!raw.trim() || raw.trimStart().startsWith('#')) return
      else pending = { host: null, lines: [raw], lineNo: i + 1 }
    } else pending.lines.push(raw)
    const parsed = parse(pending.lines.join('\n'))
    if (!parsed.ok && parsed.incomplete) return
    out.push(pending)
    pending = null
  })
  if (pending) out.push(pending)
  return out
}

/** Time a learner spends between two commands; lets TIME_WAITs and ARP entries age realistically. */
export const THINK_TIME = SECOND

/**
 * Runs a script headless on `lab`, each command to completion, one THINK_TIME apart. The result is
 * the session as a terminal shows it (prompt, command, output) and how many prompts named a host
 * the lab does not have.
 */
export function runScript(lab: Lab, script: string): { text: string; failures: number } {
  const sessions = new Map(lab.hosts.map((h) => [h, lab.shellFor(h)]))
  let current = lab.host(lab.def.start)!
  let text = ''
  let failures = 0
  const commands = splitScript(script)
  commands.forEach((c, i) => {
    if (c.host !== null) {
      const h = lab.host(c.host)
      if (!h) {
        text += `lvs-lab: no host named ${c.host} in lab ${lab.def.id}\n`
        failures++
        return
      }
      current = h
    }
    const sh = sessions.get(current)!
    text += c.lines.map((l, j) => (j === 0 ? `${sh.session.prompt()}${l}` : `> ${l}`)).join('\n') + '\n'
    text += lab.run(current.hostname, c.lines.join('\n'), sh).output
    if (i < commands.length - 1) lab.idle(THINK_TIME)
  })
  return { text, failures }
}

/** The script's commands with their hosts resolved as runScript would (for typing them into terminals), each with its line in the script. */
export function scriptCommands(lab: Lab, script: string): { host: string; line: string; lineNo: number }[] {
  let current = lab.def.start
  const out: { host: string; line: string; lineNo: number }[] = []
  for (const c of splitScript(script)) {
    if (c.host !== null) {
      const h = lab.host(c.host)
      if (!h) continue
      current = h.hostname
    }
    out.push({ host: current, line: c.lines.join('\n'), lineNo: c.lineNo })
  }
  return out
}
