// extglob's pattern compiler (src/shell/text/extglob.ts) on its own: every operator, nesting,
// negation beside other nodes, brackets and escapes inside groups, case folding, and texts that
// a backtracking matcher would take exponential time over (the fixtures from bash cover the
// shell's use of it: tests/fixtures/bash/extglob.json).

import { describe, expect, it } from 'vitest'
import { compileExtglob } from '../../src/shell/text/extglob.ts'

const match = (pattern: string, text: string, nocase = false) => compileExtglob(pattern, nocase).test(text)

describe('extglob patterns', () => {
  it('reads each operator as bash does', () => {
    const table: [string, string, boolean][] = [
      ['?(x)y', 'y', true], ['?(x)y', 'xy', true], ['?(x)y', 'xxy', false],
      ['*(ab)', '', true], ['*(ab)', 'abab', true], ['*(ab)', 'aba', false],
      ['+(ab)', '', false], ['+(ab|c)', 'abcab', true],
      ['@(a|b)c', 'bc', true], ['@(a|b)c', 'abc', false],
      ['!(*.c)', 'x.h', true], ['!(*.c)', 'x.c', false], ['a!(b)c', 'ac', true], ['a!(b)c', 'abc', false], ['a!(b)c', 'abbc', true],
      ['!(!(ab))', 'ab', true], ['@(a|+(b))c', 'bbbc', true],
      ['+([0-9])', '2026', true], ['+([[:digit:]])x', '12y', false], ['@(\\||x)', '|', true],
      ['@(a', '@(a', true], ['\\@(a)', '@(a)', true], ['*(|a)', 'aaa', true],
    ]
    for (const [p, t, want] of table) expect([p, t, match(p, t)]).toEqual([p, t, want])
  })

  it('folds case when asked', () => {
    expect(match('@(abc|x)', 'ABC', true)).toBe(true)
    expect(match('@(abc|x)', 'ABC')).toBe(false)
    expect(match('+([a-c])', 'CAB', true)).toBe(true)
  })

  it('matches long texts without trying every way of cutting them', () => {
    const run = 'a'.repeat(300)
    expect(match('*(a|aa)b', `${run}b`)).toBe(true)
    expect(match('*(a|aa)b', `${run}c`)).toBe(false)
    expect(match('+(*(a))c', `${run}b`)).toBe(false)
    expect(match('!(*b)', run)).toBe(true)
  })
})
