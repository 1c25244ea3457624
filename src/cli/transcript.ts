// Running a transcript headless: each line is a command for the current host; a line written
// `[root@rs1 ~]# cmd` (a prompt pasted from a tutorial) runs on that host. Unfinished input (an
// open quote, a here-document) continues on the next lines as bash's PS2 would. The result is the
// session as a terminal shows it: prompt, command, output.

import { parse } from '../shell/parse.ts'
import { Lab } from '../lab/lab.ts'
import { SECOND } from '../sim/engine.ts'

const PROMPT = /^\[[^@\]\s]+@([^\s\]]+)[^\]]*\][#$]\s?(.*)$/

/** Time a learner spends between two commands; lets TIME_WAITs and ARP entries age realistically. */
export const THINK_TIME = SECOND

export function runTranscript(lab: Lab, script: string): { text: string; failures: number } {
  const sessions = new Map(lab.hosts.map((h) => [h, lab.shellFor(h)]))
  let current = lab.host(lab.def.start)!
  let text = ''
  let failures = 0
  let pending: string[] = []
  for (const raw of script.split('\n')) {
    let line = raw
    if (!pending.length) {
      const m = PROMPT.exec(line)
      if (m) {
        const h = lab.host(m[1])
        if (!h) {
          text += `lvs-lab: no host named ${m[1]} in lab ${lab.def.id}\n`
          failures++
          continue
        }
        current = h
        line = m[2]
      } else if (!line.trim() || line.trimStart().startsWith('#')) {
        continue
      }
    }
    pending.push(line)
    const source = pending.join('\n')
    const parsed = parse(source)
    if (!parsed.ok && parsed.incomplete) continue
    const sh = sessions.get(current)!
    const shown = pending.map((l, i) => (i === 0 ? `${sh.session.prompt()}${l}` : `> ${l}`)).join('\n')
    pending = []
    text += shown + '\n'
    const r = lab.run(current.hostname, source, sh)
    text += r.output
    lab.idle(THINK_TIME)
  }
  if (pending.length) {
    const sh = sessions.get(current)!
    text += pending.map((l, i) => (i === 0 ? `${sh.session.prompt()}${l}` : `> ${l}`)).join('\n') + '\n'
    const r = lab.run(current.hostname, pending.join('\n'), sh)
    text += r.output
  }
  return { text, failures }
}
