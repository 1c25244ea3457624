// The differential test of the GNU tools: every case recorded from the real program
// (tests/fixtures/record-tools.ts) runs through the lab's command on a lab host, with its files
// written to the host's file system and its argv quoted into one command line, and must give the
// same stdout, stderr and exit status, byte for byte.

import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { FIXTURE_MTIME } from '../fixtures/cases/types.ts'
import { natLab } from './helpers.ts'

interface Recorded {
  name: string
  argv: string[]
  files?: Record<string, string>
  /** Symbolic links made after the files: path → target. */
  links?: Record<string, string>
  stdin?: string
  stdout: string
  stderr: string
  status: number
  /** The directory afterwards, when the command changed it: path → `MODE content`, `path/` → MODE,
   *  a symlink → `-> TARGET`. */
  after?: Record<string, string>
}

const DIR = new URL('../fixtures/tools/', import.meta.url)
const suites = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => [f.replace(/\.json$/, ''), (JSON.parse(readFileSync(new URL(f, DIR), 'utf8')) as { cases: Recorded[] }).cases] as const)

const quote = (w: string) => `'${w.replaceAll("'", `'\\''`)}'`
const WORK = '/tmp/fx'
const STDIN = '/tmp/fx.stdin'

const lab = natLab()
const host = lab.host('client')!
// tcpdump's own fixtures (usage.json) need it installed, as on a RHEL 9 host that has it.
lab.run('client', 'dnf install -y tcpdump')

function runCase(c: Recorded) {
  const fs = host.fs
  fs.removeTree(WORK)
  fs.mkdirp(WORK)
  for (const [p, content] of Object.entries(c.files ?? {})) {
    const full = `${WORK}/${p.replace(/\/$/, '')}`
    fs.mkdirp(full.slice(0, full.lastIndexOf('/')))
    if (p.endsWith('/')) fs.mkdirp(full)
    else fs.write(full, content)
  }
  for (const [p, target] of Object.entries(c.links ?? {})) {
    fs.symlink(target, `${WORK}/${p}`)
    fs.lstat(`${WORK}/${p}`)!.mtime = FIXTURE_MTIME
  }
  for (const p of Object.keys(c.files ?? {})) {
    let path = `${WORK}/${p.replace(/\/$/, '')}`
    while (path !== WORK) {
      const n = fs.stat(path)
      if (n) n.mtime = FIXTURE_MTIME
      path = path.slice(0, path.lastIndexOf('/'))
    }
  }
  fs.write(STDIN, c.stdin ?? '')
  return lab.run('client', `cd ${WORK} && ${c.argv.map(quote).join(' ')} < ${STDIN}`)
}

function snapshot(dir: string, rel = ''): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of host.fs.list(rel ? `${dir}/${rel}` : dir) ?? []) {
    const p = rel ? `${rel}/${name}` : name
    const n = host.fs.lstat(`${dir}/${p}`)!
    if (n.type === 'link') out[p] = `-> ${n.target}`
    else if (n.type === 'dir') {
      out[`${p}/`] = n.mode.toString(8)
      Object.assign(out, snapshot(dir, p))
    } else out[p] = `${n.mode.toString(8)} ${n.content}`
  }
  return out
}

describe.each(suites)('%s', (_tool, cases) => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = runCase(c)
    expect({ stdout: r.stdout, stderr: r.stderr, status: r.exitCode }).toEqual({ stdout: c.stdout, stderr: c.stderr, status: c.status })
    if (c.after) expect(snapshot(WORK)).toEqual(c.after)
  })
})
