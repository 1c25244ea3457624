// tee (GNU coreutils 8.32): stdin copied to stdout and to every FILE as it arrives (truncated
// first, or appended with -a); a file that cannot be opened is reported and the rest go on.

import { coreutilsFooter, coreutilsVersion, defineArgs, parseArgs } from '../../args/index.ts'
import { abs, errText, quotef } from '../files.ts'
import type { CommandDef } from '../types.ts'

const ARGS = defineArgs({
  usageStatus: 1,
  options: {
    append: { short: 'a', long: 'append', help: 'append to the given FILEs, do not overwrite' },
    ignoreInterrupts: { short: 'i', long: 'ignore-interrupts', help: 'ignore interrupt signals' },
    p: { short: 'p', help: 'diagnose errors writing to non pipes', unsimulated: true },
    outputError: { long: 'output-error', arg: 'optional', argName: 'MODE', column: 30, help: 'set behavior on write error.  See MODE below', unsimulated: true },
  },
  help: {
    usage: ['Usage: %s [OPTION]... [FILE]...'],
    column: 28,
    intro: 'Copy standard input to each FILE, and also to standard output.\n\n',
    outro:
      "\nMODE determines behavior with write errors on the outputs:\n  'warn'         diagnose errors writing to any output\n  'warn-nopipe'  diagnose errors writing to any output not a pipe\n  'exit'         exit on error writing to any output\n  'exit-nopipe'  exit on error writing to any output not a pipe\nThe default MODE for the -p option is 'warn-nopipe'.\nThe default operation when --output-error is not specified, is to\nexit immediately on error writing to a pipe, and diagnose errors\nwriting to non pipe outputs.\n" +
      coreutilsFooter('tee'),
  },
  version: coreutilsVersion('tee', 'Mike Parker, Richard M. Stallman, and David MacKenzie'),
})

export const tee: CommandDef = {
  name: 'tee',
  path: '/usr/bin/tee',
  rpm: 'coreutils',
  summary: 'read from standard input and write to standard output and files',
  args: ARGS,
  *run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    const fs = ctx.host.fs
    const prog = ctx.argv[0]
    let status = 0
    const paths: string[] = []
    let copies = 1
    for (const op of a.operands) {
      if (op === '-') {
        copies++
        continue
      }
      const path = abs(ctx, op)
      const e = a.opts.append ? fs.append(path, '') : fs.write(path, '')
      if (e) {
        ctx.err(`${prog}: ${quotef(op)}: ${errText(e)}\n`)
        status = 1
      } else paths.push(path)
    }
    for (let chunk = yield* ctx.stdin.read(); chunk !== null; chunk = yield* ctx.stdin.read()) {
      for (let i = 0; i < copies; i++) ctx.out(chunk)
      for (const p of paths) fs.append(p, chunk)
    }
    return status
  },
}
