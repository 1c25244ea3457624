// printenv (GNU coreutils 8.32): the exported environment as NAME=VALUE lines, or the values of
// the named variables, status 1 when one of them is not set (a name holding `=` never is);
// usage errors give status 2.

import { coreutilsFooter, coreutilsVersion, defineArgs, parseArgs } from '../../args/index.ts'
import type { CommandDef } from '../types.ts'

const ARGS = defineArgs({
  usageStatus: 2,
  options: {
    null: { short: '0', long: 'null', help: 'end each output line with NUL, not newline' },
  },
  help: {
    usage: ['Usage: %s [OPTION]... [VARIABLE]...'],
    column: 17,
    intro: 'Print the values of the specified environment VARIABLE(s).\nIf no VARIABLE is specified, print name and value pairs for them all.\n\n',
    outro: "\nNOTE: your shell may have its own version of printenv, which usually supersedes\nthe version described here.  Please refer to your shell's documentation\nfor details about the options it supports.\n" + coreutilsFooter('printenv'),
  },
  version: coreutilsVersion('printenv', 'David MacKenzie and Richard Mlynarik'),
})

export const printenv: CommandDef = {
  name: 'printenv',
  path: '/usr/bin/printenv',
  rpm: 'coreutils',
  summary: 'print all or part of environment',
  args: ARGS,
  run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    const end = a.opts.null ? '\0' : '\n'
    const env = ctx.session.environment()
    if (!a.operands.length) {
      ctx.out(env.map(([k, v]) => `${k}=${v}${end}`).join(''))
      return 0
    }
    let missing = 0
    for (const name of a.operands) {
      const hits = name.includes('=') ? [] : env.filter(([k]) => k === name)
      if (!hits.length) missing++
      for (const [, v] of hits) ctx.out(v + end)
    }
    return missing ? 1 : 0
  },
}
