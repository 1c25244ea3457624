// The interpreter charges what it builds to the running command's budget (shell/exec/budget.ts):
// a pipe nobody reads, a string doubled in a loop, an array filled without end and a command
// substitution that never ends each stop the command with the budget's message, the clock does
// not wait for the rest of the pipeline, and the next command runs.

import { describe, expect, it } from 'vitest'
import { Lab } from '../../src/lab/lab.ts'
import { LIMITS } from '../../src/sim/budget.ts'

const message = (n: number) => `lvs-lab: command stopped: it would build a value larger than its budget of ${n} characters\n`
const MESSAGE = message(100_000)

function lab(memory = 100_000): Lab {
  return Lab.create('nat', { limits: { ...LIMITS, memory } })
}

describe('the memory budget in the shell', () => {
  it('stops a pipeline whose reader never reads, without waiting for the reader', () => {
    const l = lab()
    const start = l.engine.now
    const r = l.run('client', 'while :; do echo 0123456789; done | sleep 100')
    expect(r).toMatchObject({ stdout: '', stderr: MESSAGE, exitCode: 130 })
    expect(l.engine.now - start).toBeLessThan(1_000_000)
    expect(l.run('client', 'echo next')).toMatchObject({ stdout: 'next\n', exitCode: 0 })
  })

  it('stops a string doubled in a loop, keeping the last value that fitted', () => {
    const l = lab()
    const r = l.run('client', 'x=0123456789; while :; do x=$x$x; done')
    expect(r).toMatchObject({ stdout: '', stderr: MESSAGE, exitCode: 130 })
    expect(l.run('client', 'echo ${#x}').stdout).toBe('81920\n')
  })

  it('stops an array filled without end', () => {
    const l = lab(10_000)
    const r = l.run('client', 'i=0; while :; do a[i++]=x; done')
    expect(r).toMatchObject({ stdout: '', stderr: message(10_000), exitCode: 130 })
    expect(l.run('client', 'echo ${#a[@]} ${a[9999]}').stdout).toBe('10000 x\n')
  })

  it('stops a command substitution that never ends', () => {
    const l = lab()
    const r = l.run('client', 'x=$(while :; do echo 0123456789; done); echo never')
    expect(r).toMatchObject({ stdout: '', stderr: MESSAGE, exitCode: 130 })
    expect(l.run('client', 'echo ${#x}').stdout).toBe('0\n')
  })

  it('leaves values within the budget alone, and a new command gets a new budget', () => {
    const l = lab()
    expect(l.run('client', 'x=$(printf "%050000d" 0); y=$x$x; echo ${#y}')).toMatchObject({ stdout: '100000\n', exitCode: 0 })
    expect(l.run('client', 'y=$y$y$y; echo ${#y}')).toMatchObject({ stderr: MESSAGE, exitCode: 130 })
    expect(l.run('client', 'echo ${#y}').stdout).toBe('100000\n')
  })
})
