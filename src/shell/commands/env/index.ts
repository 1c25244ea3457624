// env (GNU coreutils 8.32): print the exported environment, or run COMMAND in a changed one
// (NAME=VALUE to set, -u NAME to remove, -i to start empty); the options end at the first
// operand that is neither, as env's getopt string begins with `+`. Its own errors exit 125, a
// command that cannot be found 127.

import { coreutilsFooter, coreutilsVersion, defineArgs, parseArgs } from '../../args/index.ts'
import { childLine, programExists, shellQuote } from '../exec.ts'
import { quote } from '../files.ts'
import type { CommandDef } from '../types.ts'

const ARGS = defineArgs({
  usageStatus: 125,
  stopAtOperand: true,
  options: {
    ignoreEnvironment: { short: 'i', long: 'ignore-environment', help: 'start with an empty environment' },
    null: { short: '0', long: 'null', help: 'end each output line with NUL, not newline' },
    unset: { short: 'u', long: 'unset', arg: 'required', argName: 'NAME', list: true, help: 'remove variable from the environment' },
    chdir: { short: 'C', long: 'chdir', arg: 'required', argName: 'DIR', help: 'change working directory to DIR' },
    splitString: { short: 'S', long: 'split-string', arg: 'required', argName: 'S', column: 24, help: 'process and split S into separate arguments;\nused to pass multiple arguments on shebang lines', unsimulated: true },
    blockSignal: { long: 'block-signal', arg: 'optional', argName: 'SIG', column: 30, help: 'block delivery of SIG signal(s) to COMMAND', unsimulated: true },
    defaultSignal: { long: 'default-signal', arg: 'optional', argName: 'SIG', column: 30, help: 'reset handling of SIG signal(s) to the default', unsimulated: true },
    ignoreSignal: { long: 'ignore-signal', arg: 'optional', argName: 'SIG', column: 30, help: 'set handling of SIG signals(s) to do nothing', unsimulated: true },
    listSignalHandling: { long: 'list-signal-handling', column: 30, help: 'list non default signal handling to stderr', unsimulated: true },
    debug: { short: 'v', long: 'debug', help: 'print verbose information for each processing step', unsimulated: true },
  },
  help: {
    usage: ['Usage: %s [OPTION]... [-] [NAME=VALUE]... [COMMAND [ARG]...]'],
    column: 23,
    intro: 'Set each NAME to VALUE in the environment and run COMMAND.\n\nMandatory arguments to long options are mandatory for short options too.\n',
    outro:
      "\nA mere - implies -i.  If no COMMAND, print the resulting environment.\n\nSIG may be a signal name like 'PIPE', or a signal number like '13'.\nWithout SIG, all known signals are included.  Multiple signals can be\ncomma-separated.\n" +
      coreutilsFooter('env'),
  },
  version: coreutilsVersion('env', 'Richard Mlynarik, David MacKenzie, and Assaf Gordon'),
})

export const env: CommandDef = {
  name: 'env',
  path: '/usr/bin/env',
  rpm: 'coreutils',
  summary: 'run a program in a modified environment',
  args: ARGS,
  *run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    const o = a.opts
    const prog = ctx.argv[0]
    const ops = [...a.operands]
    let clear = o.ignoreEnvironment
    if (ops[0] === '-') {
      clear = true
      ops.shift()
    }
    const set: [string, string][] = []
    while (ops.length && /^[^=]+=/.test(ops[0])) {
      const w = ops.shift()!
      const eq = w.indexOf('=')
      set.push([w.slice(0, eq), w.slice(eq + 1)])
    }
    const s = ctx.session
    const current = s.environment()
    const unset = clear ? current.map(([k]) => k) : o.unset
    if (!ops.length) {
      if (o.chdir !== undefined) {
        ctx.err(`${prog}: must specify command with --chdir (-C)\nTry '${prog} --help' for more information.\n`)
        return 125
      }
      const result = new Map(current.filter(([k]) => !unset.includes(k)))
      for (const [k, v] of set) result.set(k, v)
      for (const [k, v] of result) ctx.out(`${k}=${v}${o.null ? '\0' : '\n'}`)
      return 0
    }
    if (!programExists(ctx, ops[0])) {
      ctx.err(`${prog}: ${quote(ops[0])}: No such file or directory\n`)
      return 127
    }
    const line = o.chdir !== undefined ? `(cd ${shellQuote(o.chdir)} && ${childLine(ops, { set, unset })})` : childLine(ops, { set, unset })
    return yield* ctx.run(line, { out: (t) => ctx.out(t), err: (t) => ctx.err(t), stdin: ctx.stdin })
  },
}
