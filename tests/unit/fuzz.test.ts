// A sample of the fuzz properties (tests/fuzz/property.ts) with a fixed seed; `npm run fuzz` runs
// 100,000 cases.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { check, checkTerminal, fuzzCase, terminalCase } from '../fuzz/property.ts'

describe('fuzz', () => {
  it('generated command lines never throw, leak or hit an internal error, in any lab', () => {
    fc.assert(
      fc.property(fuzzCase, (c) => {
        expect(check(c)).toBeNull()
      }),
      { numRuns: 200, seed: 20261201 },
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
