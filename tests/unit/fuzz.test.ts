// A sample of the fuzz properties (tests/fuzz/property.ts) with a fixed seed; `npm run fuzz` runs
// 100,000 cases.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Lab } from '../../src/lab/lab.ts'
import { check, checkTerminal, fuzzCase, terminalCase } from '../fuzz/property.ts'
import { checkFilesReplay, filesCase } from '../fuzz/replay-files.ts'

/** What the fuzz runs found, pinned: each printed `undefined`, `NaN` or an internal error before. */
const FOUND: [line: string, output: string, status: number][] = [
  ['ip addr flush', 'Flush requires arguments.\n', 255],
  ['ip route add 10.9.0.0/24 dev eth0 metric abc', 'Error: argument "abc" is wrong: "metric" value is invalid\n\n', 255],
  ['sysctl -', 'sysctl: cannot stat /proc/sys/-: No such file or directory\n', 255],
  ['ping -', 'ping: -: Name or service not known\n', 2],
  ['ping -c abc 127.0.0.1', "ping: invalid argument: 'abc'\n", 1],
  ['ping -c 1 -i abc 127.0.0.1', 'ping: bad timing interval: abc\n', 2],
]

describe('fuzz', () => {
  it.each(FOUND)('%s fails as the real tool does', (line, output, status) => {
    expect(Lab.create('nat').run('lvs', line)).toMatchObject({ output, exitCode: status })
  })

  it('generated command lines never throw, leak or hit an internal error, in any lab', () => {
    fc.assert(
      fc.property(fuzzCase, (c) => {
        expect(check(c)).toBeNull()
      }),
      { numRuns: 200, seed: 20261201 },
    )
  }, 60_000)

  it('a session that writes files and then reports disk and memory use replays to the same screens', () => {
    fc.assert(
      fc.property(filesCase, (c) => {
        expect(checkFilesReplay(c)).toBeNull()
      }),
      { numRuns: 25, seed: 20261201 },
    )
  }, 60_000)

  it('generated keystrokes in the terminals never throw or leak, and the saved session replays to the same screens', () => {
    fc.assert(
      fc.property(terminalCase, (c) => {
        expect(checkTerminal(c)).toBeNull()
      }),
      { numRuns: 60, seed: 20261201 },
    )
  }, 60_000)
})
