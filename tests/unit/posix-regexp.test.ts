// The leftmost-longest matcher (text/posix-regexp.ts) beyond what the recorded fixtures show:
// its bounds (no exponential walk, a budget for back-references, a program too big to build),
// and that split/replace/matchAll, which call exec, get POSIX's matches too.

import { describe, expect, it } from 'vitest'
import { PosixRegExp, withFlags } from '../../src/shell/text/posix-regexp.ts'
import { compile } from '../../src/shell/text/regex.ts'

const ere = (p: string, flags: { global?: boolean; ignoreCase?: boolean } = {}) => {
  const r = compile(p, { extended: true, ...flags })
  if ('error' in r) throw new Error(r.error)
  return r
}

describe('POSIX leftmost-longest', () => {
  it('takes the longest alternative at the leftmost start, and the groups of the first way to it', () => {
    const m = ere('(a|ab)(c|bcd)(d*)').exec('xabcd')!
    expect([m.index, ...m]).toEqual([1, 'abcd', 'a', 'bcd', ''])
    expect(ere('x*(xy)?').exec('xxy')![0]).toBe('xxy')
    expect(ere('(a|b)?c').exec('zc')![1]).toBeUndefined()
  })

  it('gives split, replace and matchAll the same matches', () => {
    expect('a-b--c'.split(ere('-|--', { global: true }))).toEqual(['a', 'b', 'c'])
    expect('abcd abc'.replace(ere('a|ab|abc', { global: true }), '<$&>')).toBe('<abc>d <abc>')
    expect([...'ab abc'.matchAll(ere('ab|abc', { global: true }))].map((m) => m[0])).toEqual(['ab', 'abc'])
    expect(withFlags(ere('a|ab'), 'g')).toBeInstanceOf(PosixRegExp)
  })

  it('stays linear where a backtracking matcher would explode', () => {
    const long = 'a'.repeat(5000)
    expect(ere('(a*)*b').exec(long)).toBeNull()
    expect(ere('(a|aa)*c?').exec(long)![0]).toBe(long)
  })

  it('bounds the search with back-references, and keeps the JS match for a program too big to build', () => {
    const r = compile('\\(a*\\)*\\1x', {})
    if ('error' in r) throw new Error(r.error)
    expect(r.exec('a'.repeat(40))).toBeNull()
    const big = compile('a\\{1,30000\\}', {})
    if ('error' in big) throw new Error(big.error)
    expect(big.exec('aaa')![0]).toBe('aaa')
  })

  it('compares back-references without case under -i', () => {
    const r = compile('\\(a\\)\\1', { ignoreCase: true })
    if ('error' in r) throw new Error(r.error)
    expect(r.exec('xaA')![0]).toBe('aA')
  })
})

describe("regcomp's own syntax (bash's =~), stricter than grep -E's", () => {
  const err = (p: string, regcomp: boolean) => {
    const r = compile(p, { extended: true, regcomp })
    return 'error' in r ? r.error : null
  }

  it('refuses an operator with nothing to repeat, where grep -E takes it literally', () => {
    for (const p of ['*a', '+a', '?a', 'a|*b', '(*a)', '^*']) {
      expect(err(p, true)).toBe('Invalid preceding regular expression')
      expect(err(p, false)).toBeNull()
    }
  })

  it('refuses a brace that opens no valid interval', () => {
    expect(err('{1}', true)).toBe('Invalid preceding regular expression')
    for (const p of ['a{1', 'a{x}', 'a{2,1}', 'x{']) {
      expect(err(p, true)).toBe('Invalid content of \\{\\}')
      expect(err(p, false)).toBeNull()
    }
  })

  it('keeps what both read alike: an unmatched ) is literal, a{,2} is 0 to 2', () => {
    expect(err('a)', true)).toBeNull()
    const r = compile('^a{,2}', { extended: true, regcomp: true })
    if ('error' in r) throw new Error(r.error)
    expect(r.exec('aaa')![0]).toBe('aa')
  })
})
