// The filters stream: each reads its stdin a line (or chunk) at a time and writes what a line
// gives before asking for the next, and head stops reading once it has its lines, so a pipeline
// behind them (`ping VIP | head -2`, `tcpdump -l | grep`) shows lines as they come and ends early.

import { describe, expect, it } from 'vitest'
import { Task } from '../../src/sim/task.ts'
import { COMMANDS } from '../../src/shell/commands/index.ts'
import type { Input } from '../../src/shell/stream.ts'
import { natLab } from './helpers.ts'

const lab = natLab()
const host = lab.host('client')!
const shell = lab.shellFor(host)

/** Runs argv over `lines`, recording the output there was when each line was asked for. */
function run(argv: string[], lines: string[]) {
  let out = ''
  let given = 0
  const seen: string[] = []
  const next = () => {
    seen.push(out)
    return given < lines.length ? lines[given++] : null
  }
  const stdin: Input = {
    *read() {
      return next()
    },
    *readLine() {
      return next()
    },
    *readAll() {
      let all = ''
      for (let l = next(); l !== null; l = next()) all += l
      return all
    },
  }
  const ctx = { ...shell.context(argv, { stdin: '', out: (t: string) => (out += t), err: (t: string) => (out += t), tty: false }), stdin }
  const result = COMMANDS[argv[0]].run(ctx)
  if (typeof result !== 'number') new Task(result).start()
  return { out, given, seen }
}

const LINES = ['64 bytes from 10.0.0.1: icmp_seq=1\n', '64 bytes from 10.0.0.1: icmp_seq=2\n', '64 bytes from 10.0.0.1: icmp_seq=3\n', '64 bytes from 10.0.0.1: icmp_seq=4\n']

describe('filters stream', () => {
  it('head stops reading when it has its lines', () => {
    const r = run(['head', '-2'], LINES)
    expect(r.given).toBe(2)
    expect(r.out).toBe(LINES[0] + LINES[1])
  })

  it.each([
    [['cat'], '64 bytes'],
    [['cat', '-n'], '     1\t64'],
    [['grep', 'seq=1'], 'icmp_seq=1'],
    [['sed', 's/64/sixty-four/'], 'sixty-four'],
    [['cut', '-d', ' ', '-f5'], 'icmp_seq=1'],
    [['tr', 'a-z', 'A-Z'], 'BYTES'],
    [['tee'], '64 bytes'],
    [['uniq'], 'icmp_seq=1'],
  ])('%j writes a line before reading the next but one', (argv, first) => {
    const r = run(argv, LINES)
    expect(r.given).toBe(LINES.length)
    expect(r.seen[2]).toContain(first)
  })
})

describe('tail -f', () => {
  it('prints what is appended to the file, polling once a second, until interrupted', () => {
    host.fs.write('/tmp/follow.log', 'old 1\nold 2\n')
    let out = ''
    const ctx = shell.context(['tail', '-n1', '-f', '/tmp/follow.log'], { stdin: '', out: (t: string) => (out += t), err: (t: string) => (out += t), tty: false })
    const task = new Task(COMMANDS.tail.run(ctx) as Generator<never, number>).start()
    expect(out).toBe('old 2\n')
    host.fs.append('/tmp/follow.log', 'new 3\n')
    lab.idle(500_000)
    expect(out).toBe('old 2\n')
    lab.idle(600_000)
    expect(out).toBe('old 2\nnew 3\n')
    expect(task.finished).toBe(false)
    task.interrupt()
    expect(task.finished).toBe(true)
  })
})
