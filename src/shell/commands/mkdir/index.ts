// mkdir: make directories, -p for parents and no error if existing.

import type { CommandDef } from '../types.ts'
import { abs, errText, flagsAndOperands } from '../files.ts'

export const mkdir: CommandDef = {
  name: 'mkdir',
  path: '/usr/bin/mkdir',
  summary: 'make directories',
  run(ctx) {
    const { flags, operands } = flagsAndOperands(ctx.argv.slice(1))
    if (!operands.length) {
      ctx.err("mkdir: missing operand\nTry 'mkdir --help' for more information.\n")
      return 1
    }
    let status = 0
    for (const op of operands) {
      const path = abs(ctx, op)
      if (flags.has('p')) {
        if (ctx.host.fs.stat(path)?.type === 'file') {
          ctx.err(`mkdir: cannot create directory '${op}': File exists\n`)
          status = 1
        } else ctx.host.fs.mkdirp(path)
        continue
      }
      const e = ctx.host.fs.mkdir(path)
      if (e) {
        ctx.err(`mkdir: cannot create directory '${op}': ${errText(e)}\n`)
        status = 1
      }
    }
    return status
  },
}
