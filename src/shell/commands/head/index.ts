// head and tail: the first or last N lines (10 by default) of files or stdin.

import type { Proc } from '../../../sim/task.ts'
import type { CommandContext, CommandDef } from '../types.ts'
import { flagsAndOperands, readInputs } from '../files.ts'

export function* slice(ctx: CommandContext, name: 'head' | 'tail'): Proc<number> {
  const { values, operands } = flagsAndOperands(ctx.argv.slice(1), ['n', 'c'])
  const n = Number(values.get('n') ?? 10)
  if (!Number.isFinite(n)) {
    ctx.err(`${name}: invalid number of lines: '${values.get('n')}'\n`)
    return 1
  }
  const { texts, status } = yield* readInputs(ctx, name, operands)
  texts.forEach((t, i) => {
    if (texts.length > 1) ctx.out(`${i ? '\n' : ''}==> ${t.name} <==\n`)
    const lines = t.text.split('\n')
    const trailing = lines[lines.length - 1] === ''
    if (trailing) lines.pop()
    const part = name === 'head' ? lines.slice(0, n) : lines.slice(Math.max(0, lines.length - n))
    if (part.length) ctx.out(part.join('\n') + (trailing || part.length < lines.length ? '\n' : ''))
  })
  return status
}

export const head: CommandDef = { name: 'head', path: '/usr/bin/head', summary: 'output the first part of files', run: (ctx) => slice(ctx, 'head') }
