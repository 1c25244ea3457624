// touch: create empty files or update their modification time.

import type { CommandDef } from '../types.ts'
import { abs, errText, flagsAndOperands } from '../files.ts'

export const touch: CommandDef = {
  name: 'touch',
  path: '/usr/bin/touch',
  summary: 'change file timestamps',
  run(ctx) {
    const { operands } = flagsAndOperands(ctx.argv.slice(1))
    if (!operands.length) {
      ctx.err("touch: missing file operand\nTry 'touch --help' for more information.\n")
      return 1
    }
    let status = 0
    for (const op of operands) {
      const path = abs(ctx, op)
      const cur = ctx.host.fs.read(path)
      const e = ctx.host.fs.write(path, typeof cur === 'string' ? cur : '')
      if (e) {
        ctx.err(`touch: cannot touch '${op}': ${errText(e)}\n`)
        status = 1
      }
    }
    return status
  },
}
