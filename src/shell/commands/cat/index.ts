// cat: concatenate files (or stdin) to stdout; -n numbers lines.

import type { CommandDef } from '../types.ts'
import { flagsAndOperands, readInputs } from '../files.ts'

export const cat: CommandDef = {
  name: 'cat',
  path: '/usr/bin/cat',
  summary: 'concatenate files and print on the standard output',
  *run(ctx) {
    const { flags, operands } = flagsAndOperands(ctx.argv.slice(1))
    const { texts, status } = yield* readInputs(ctx, 'cat', operands)
    for (const t of texts) {
      if (!flags.has('n')) ctx.out(t.text)
      else {
        const lines = t.text.split('\n')
        if (lines[lines.length - 1] === '') lines.pop()
        ctx.out(lines.map((l, i) => `${String(i + 1).padStart(6)}\t${l}\n`).join(''))
      }
    }
    return status
  },
}
