// rm: remove files, -r for directories, -f to ignore missing operands.

import type { CommandDef } from '../types.ts'
import { abs, flagsAndOperands } from '../files.ts'

export const rm: CommandDef = {
  name: 'rm',
  path: '/usr/bin/rm',
  summary: 'remove files or directories',
  run(ctx) {
    const { flags, operands } = flagsAndOperands(ctx.argv.slice(1))
    const force = flags.has('f')
    const recursive = flags.has('r') || flags.has('R')
    if (!operands.length && !force) {
      ctx.err("rm: missing operand\nTry 'rm --help' for more information.\n")
      return 1
    }
    let status = 0
    for (const op of operands) {
      const path = abs(ctx, op)
      const node = ctx.host.fs.stat(path)
      if (!node) {
        if (!force) {
          ctx.err(`rm: cannot remove '${op}': No such file or directory\n`)
          status = 1
        }
        continue
      }
      if (node.type === 'dir' && !recursive) {
        ctx.err(`rm: cannot remove '${op}': Is a directory\n`)
        status = 1
        continue
      }
      if (path.startsWith('/proc')) {
        ctx.err(`rm: cannot remove '${op}': Operation not permitted\n`)
        status = 1
        continue
      }
      ctx.host.fs.removeTree(path)
    }
    return status
  },
}
