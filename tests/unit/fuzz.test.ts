// A sample of the fuzz property (tests/fuzz/property.ts) with a fixed seed; `npm run fuzz` runs
// 100,000 cases.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { check, fuzzCase } from '../fuzz/property.ts'

describe('fuzz', () => {
  it('generated command lines never throw, leak or hit an internal error, in any lab', () => {
    fc.assert(
      fc.property(fuzzCase, (c) => {
        expect(check(c)).toBeNull()
      }),
      { numRuns: 300, seed: 20261201 },
    )
  }, 60_000)
})
