// The CLI as a shell user meets it: spawned through a real shell, piped into head and wc,
// redirected to a file; help on stdout with status 0, usage errors on stderr with status 2, a
// trace that has every record of the run, and status 70 when the simulator caught an internal error.

import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { parseArgs, type Io } from '../../src/cli/args.ts'
import { run } from '../../src/cli/run.ts'
import { trace, traceLine } from '../../src/cli/trace.ts'
import { runTranscript } from '../../src/cli/transcript.ts'
import { Lab } from '../../src/lab/lab.ts'
import { Trace } from '../../src/sim/trace.ts'
import { hostname } from '../../src/shell/commands/hostname/index.ts'

const ROOT = new URL('../..', import.meta.url).pathname
const BIN = join(ROOT, 'bin/lvs-lab.mjs')
const dir = mkdtempSync(join(tmpdir(), 'lvs-lab-cli-'))

function sh(command: string, input = '') {
  const r = spawnSync('bash', ['-c', `set -o pipefail; ${command}`], { cwd: ROOT, input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, LVS: `node ${BIN}` } })
  return { stdout: r.stdout, stderr: r.stderr, status: r.status }
}

/** 2,000 lines of 60 bytes: 120 KB, past the 64 KiB a pipe holds. */
const BIG = 'for i in {1..2000}; do echo "line $i ................................................."; done\n'

// Each spawn starts Node and tsx: slow on a busy CI machine, so these tests get room.
describe('lvs-lab', { timeout: 60_000 }, () => {
  it('prints help on stdout and exits 0', () => {
    const top = sh('$LVS --help')
    expect(top).toMatchObject({ status: 0, stderr: '' })
    expect(top.stdout).toMatch(/^usage: lvs-lab VERB \[OPTIONS\]\n[\s\S]*\n {2}run +run a script[\s\S]*\n {2}trace +/)
    const verb = sh('$LVS help run && $LVS run --help')
    expect(verb.status).toBe(0)
    const usage = verb.stdout.slice(0, verb.stdout.length / 2)
    expect(verb.stdout).toBe(usage + usage)
    expect(usage).toMatch(/^usage: lvs-lab run --lab ID \[--script FILE\] \[--seed N\]\n[\s\S]*\n {2}--lab ID {7}the lab to start \(nat, dr, tun, tun-routed, fullnat\)\n/)
  })

  it('exits 2 with the usage on stderr for an unknown verb, option or value', () => {
    const r = sh(
      [
        '$LVS frobnicate; echo "status $?"',
        '$LVS run --lab nat --frob; echo "status $?"',
        '$LVS run --lab constructor; echo "status $?"',
        '$LVS run --lab nat --seed abc; echo "status $?"',
        '$LVS run --lab; echo "status $?"',
        '$LVS help constructor; echo "status $?"',
        '$LVS; echo "status $?"',
      ].join('\n'),
    )
    expect(r.stdout).toBe('status 2\n'.repeat(7))
    const messages = r.stderr.split('\n').filter((l) => l.startsWith('lvs-lab'))
    expect(messages).toEqual([
      "lvs-lab: unknown verb 'frobnicate'",
      "lvs-lab run: unrecognized option '--frob'",
      "lvs-lab run: unknown lab 'constructor' (try: nat, dr, tun, tun-routed, fullnat)",
      "lvs-lab run: invalid --seed 'abc': expected an integer",
      "lvs-lab run: option '--lab' requires an argument",
      "lvs-lab help: unknown verb 'constructor'",
    ])
    expect(r.stderr.match(/^usage: lvs-lab /gm)).toHaveLength(7)
  })

  it('delivers every byte through a pipe and into a file, and stops quietly when the reader goes', () => {
    writeFileSync(join(dir, 'big.script'), BIG)
    const file = join(dir, 'out.txt')
    const r = sh(`$LVS run --lab nat --script ${dir}/big.script > ${file} && $LVS run --lab nat < ${dir}/big.script | wc -c && $LVS run --lab nat --script ${dir}/big.script | head -c 100; echo " status \${PIPESTATUS[0]}"`)
    const full = readFileSync(file, 'utf8')
    expect(full.length).toBeGreaterThan(100_000)
    expect(full.endsWith('line 2000 .................................................\n')).toBe(true)
    const [count, rest] = [r.stdout.slice(0, r.stdout.indexOf('\n')), r.stdout.slice(r.stdout.indexOf('\n') + 1)]
    expect(Number(count)).toBe(Buffer.byteLength(full))
    expect(rest).toBe(`${full.slice(0, 100)} status 141\n`)
  })

  it('prints every record of the run, beyond what the ring keeps', () => {
    const setup = readFileSync(join(ROOT, 'lessons/nat/solution.script'), 'utf8') + '[root@RS1 ~]# systemctl start httpd\n[root@RS2 ~]# systemctl start httpd\n[root@client ~]# for i in {1..800}; do curl -s 172.25.254.200 > /dev/null; done\n'
    writeFileSync(join(dir, 'loop.script'), setup)
    const lab = Lab.create('nat')
    const lines: string[] = lab.engine.trace.since(0).flatMap((rec) => traceLine(rec) ?? [])
    lab.engine.trace.tap = (rec) => {
      const line = traceLine(rec)
      if (line) lines.push(line)
    }
    runTranscript(lab, setup)
    expect(lab.engine.trace.lastId).toBeGreaterThan(30_000)
    const r = sh(`$LVS trace --lab nat --script ${dir}/loop.script`)
    expect(r.status).toBe(0)
    expect(r.stdout).toBe(lines.join('\n') + '\n')
  })
})

describe('lvs-lab verbs in-process', () => {
  afterEach(() => vi.restoreAllMocks())

  const io = (stdin: string) => {
    const out: string[] = []
    const err: string[] = []
    const streams: Io = { out: (t) => out.push(t), err: (t) => err.push(t), stdin: () => stdin, readFile: () => null }
    return { streams, out, err }
  }

  it('run exits 70 and says what failed when the simulator caught an internal error', () => {
    vi.spyOn(hostname, 'run').mockImplementation(() => {
      throw new TypeError('injected')
    })
    const { streams, out, err } = io('hostname\necho after\n')
    expect(run.main(parseArgs(run, ['--lab', 'nat']), streams)).toBe(70)
    expect(out.join('')).toBe('[root@lvs ~]# hostname\n-bash: internal error: hostname: TypeError: injected\n[root@lvs ~]# echo after\nafter\n')
    expect(err.join('')).toMatch(/^lvs-lab: \d+\.\d{6} lvs: internal error in the simulator while running hostname \(TypeError: injected\); the command was stopped and the shell goes on\n$/)
  })

  it('run exits 1 for a script it cannot read or a line for a host the lab does not have', () => {
    const missing = io('')
    expect(run.main(parseArgs(run, ['--lab', 'nat', '--script', '/nonexistent']), missing.streams)).toBe(1)
    expect(missing.out).toEqual([])
    const ghost = io('[root@ghost ~]# hostname\nhostname\n')
    expect(run.main(parseArgs(run, ['--lab', 'nat']), ghost.streams)).toBe(1)
    expect(ghost.out.join('')).toBe('lvs-lab: no host named ghost in lab nat\n[root@lvs ~]# hostname\nlvs\n')
  })

  it('run records no trace at all', () => {
    const push = vi.spyOn(Trace.prototype, 'push')
    const { streams, out } = io('[root@client ~]# ping -c 2 172.25.254.200\n')
    expect(run.main(parseArgs(run, ['--lab', 'nat']), streams)).toBe(0)
    expect(out.join('')).toMatch(/2 packets transmitted, 2 received/)
    expect(push).not.toHaveBeenCalled()
  })

  it('trace prints the internal record', () => {
    vi.spyOn(hostname, 'run').mockImplementation(() => {
      throw new RangeError('injected')
    })
    const { streams, out } = io('hostname\n')
    expect(trace.main(parseArgs(trace, ['--lab', 'nat']), streams)).toBe(70)
    expect(out.join('')).toMatch(/ lvs INTERNAL lvs: internal error in the simulator while running hostname \(RangeError: injected\)/)
  })
})
