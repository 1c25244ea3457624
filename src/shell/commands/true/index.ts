// true and false (GNU coreutils 8.32) as programs (`env true`, `xargs false`): exit 0 or 1 and
// ignore their arguments, except a lone --help or --version.

import { coreutilsFooter, coreutilsVersion } from '../../args/index.ts'
import type { CommandContext, CommandDef } from '../types.ts'

function constant(name: 'true' | 'false', status: number, what: string): CommandDef {
  return {
    name,
    path: `/usr/bin/${name}`,
    rpm: 'coreutils',
    summary: `do nothing, ${what}`,
    run(ctx: CommandContext) {
      if (ctx.argv.length === 2 && ctx.argv[1] === '--help') {
        ctx.out(`Usage: ${ctx.argv[0]} [ignored command line arguments]\n  or:  ${ctx.argv[0]} OPTION\nExit with a status code indicating ${what === 'successfully' ? 'success' : 'failure'}.\n\n      --help     display this help and exit\n      --version  output version information and exit\n\nNOTE: your shell may have its own version of ${name}, which usually supersedes\nthe version described here.  Please refer to your shell's documentation\nfor details about the options it supports.\n${coreutilsFooter(name)}`)
        return status
      }
      if (ctx.argv.length === 2 && ctx.argv[1] === '--version') {
        ctx.out(coreutilsVersion(name, 'Jim Meyering'))
        return status
      }
      return status
    },
  }
}

export const trueCommand = constant('true', 0, 'successfully')
export const falseCommand = constant('false', 1, 'unsuccessfully')
