// The differential test of the interpreter: every case recorded from real bash
// (tests/fixtures/bash/*.json, see record-bash.ts) runs through the lab's shell on one lab host,
// line by line as an interactive bash reads its input, in a fresh session and an empty working
// directory; stdout, stderr and the final status must match byte for byte. A case named in
// tests/fixtures/bash-gaps.ts is a known divergence: it is expected to fail (it.fails), so fixing
// the interpreter shows up as a failure there, and the entry is then deleted.

import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { Lab } from '../../src/lab/lab.ts'
import { Shell } from '../../src/shell/interp.ts'
import { expandHistory } from '../../src/shell/history.ts'
import { parse } from '../../src/shell/parse.ts'
import { Session } from '../../src/shell/session.ts'
import { toBytes } from '../../src/shell/text/lines.ts'
import type { BashCase } from '../fixtures/record-bash.ts'
import { GAPS } from '../fixtures/bash-gaps.ts'

const dir = new URL('../fixtures/bash/', import.meta.url).pathname
const lab = Lab.create('nat')
const host = lab.host('client')!
let n = 0

/** Runs a case as bash -i reads stdin: each complete command as soon as its last line is read. */
export function runCase(script: string): { stdout: string; stderr: string; status: number } {
  // bash --norc: none of RHEL's startup aliases.
  const sh = new Shell(new Session(host, true, false), { ...lab.shellEnv(), term: () => null })
  const cwd = `/tmp/fixture-${++n}`
  host.fs.mkdirp(cwd)
  sh.session.cwd = cwd
  // The recorder's first input line (`PS1= PS2=`) is bash's line 1; the case starts on line 2.
  sh.session.linesRead = 1
  let stdout = ''
  let stderr = ''
  let status = 0
  let pending: string[] = []
  for (const line of `${script}\n`.split('\n').slice(0, -1)) {
    pending.push(line)
    const source = pending.join('\n')
    const r = parse(source)
    if (!r.ok && r.incomplete) continue
    pending = []
    if (!source.trim()) continue
    // The terminal expands history first, and echoes a line that changed (bash -i does, on stderr).
    const h = expandHistory(source, sh.session.history, sh.session.shopts.has('extglob'))
    if ('error' in h) {
      stderr += `-bash: ${h.error}\n`
      continue
    }
    if (h.changed) stderr += `${h.text}\n`
    sh.session.addHistory(h.text)
    const res = lab.run('client', h.text, sh)
    stdout += res.stdout
    stderr += res.stderr
    status = res.exitCode
  }
  // End of input inside an unfinished command: bash parses what it has and says why it is short
  // (or, inside a here-document, warns and runs it with the text so far).
  if (pending.length) {
    const res = lab.run('client', pending.join('\n'), sh)
    stdout += res.stdout
    stderr += res.stderr
    status = res.exitCode
  }
  // The next case is a new login; this one's processes leave the table (2048 would fill it).
  sh.session.logout()
  return { stdout: asRecorded(stdout), stderr: asRecorded(stderr), status }
}

/** The output as the recorder saw it: its octets decoded as UTF-8, a stray octet becoming U+FFFD. */
function asRecorded(text: string): string {
  return new TextDecoder().decode(toBytes(text))
}

for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
  const { topic, cases } = JSON.parse(readFileSync(dir + file, 'utf8')) as { topic: string; cases: BashCase[] }
  describe(`bash fixtures: ${topic}`, () => {
    for (const c of cases) {
      const gap = GAPS.get(`${topic}/${c.name}`)
      ;(gap ? it.fails : it)(gap ? `${c.name} (known gap: ${gap})` : c.name, () => {
        expect(runCase(c.script)).toEqual({ stdout: c.stdout, stderr: c.stderr, status: c.status })
      })
    }
  })
}
