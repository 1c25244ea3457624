import { readdirSync, readFileSync } from 'node:fs'
import { Lab } from '../src/lab/lab.ts'
import { Shell } from '../src/shell/interp.ts'
import { expandHistory } from '../src/shell/history.ts'
import { parse } from '../src/shell/parse.ts'
import { Session } from '../src/shell/session.ts'
const dir = 'tests/fixtures/bash/'
const lab = Lab.create('nat')
const host = lab.host('client')!
let n = 0
function runCase(script: string) {
  const sh = new Shell(new Session(host), { ...lab.shellEnv(), term: () => null })
  const cwd = `/tmp/fixture-${++n}`
  host.fs.mkdirp(cwd)
  sh.session.cwd = cwd
  let stdout = '', stderr = '', status = 0
  let pending: string[] = []
  for (const line of `${script}\n`.split('\n').slice(0, -1)) {
    pending.push(line)
    const source = pending.join('\n')
    const r = parse(source)
    if (!r.ok && r.incomplete) continue
    pending = []
    if (!source.trim()) continue
    // The terminal expands history first, and echoes a line that changed (bash -i does, on stderr).
    const h = expandHistory(source, sh.session.history)
    if ('error' in h) {
      stderr += `-bash: ${h.error}\n`
      continue
    }
    if (h.changed) stderr += `${h.text}\n`
    sh.session.addHistory(h.text)
    const res = lab.run('client', h.text, sh)
    stdout += res.stdout; stderr += res.stderr; status = res.exitCode
  }
  return { stdout, stderr, status }
}
const only = process.argv[2]
let fails = 0
for (const file of readdirSync(dir).sort()) {
  const { cases } = JSON.parse(readFileSync(dir + file, 'utf8'))
  for (const c of cases) {
    if (only && !c.name.includes(only)) continue
    const r = runCase(c.script)
    if (r.stdout !== c.stdout || r.stderr !== c.stderr || r.status !== c.status) {
      fails++
      console.log(`--- ${file} / ${c.name}\n${c.script}`)
      if (r.stdout !== c.stdout) console.log(`  stdout exp ${JSON.stringify(c.stdout)}\n         got ${JSON.stringify(r.stdout)}`)
      if (r.stderr !== c.stderr) console.log(`  stderr exp ${JSON.stringify(c.stderr)}\n         got ${JSON.stringify(r.stderr)}`)
      if (r.status !== c.status) console.log(`  status exp ${c.status} got ${r.status}`)
    }
  }
}
console.log('fails', fails)
