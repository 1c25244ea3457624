// mv (GNU coreutils 8.32): rename SOURCE to DEST or move SOURCEs into DIRECTORY, keeping mode and
// time; a directory cannot go into itself; -n never overwrites, -f does without asking, -v
// prints `renamed 'a' -> 'b'`.

import { coreutilsFooter, coreutilsVersion, defineArgs, parseArgs } from '../../args/index.ts'
import { targets, transfer, TRANSFER_USAGE } from '../cp/index.ts'
import type { CommandDef } from '../types.ts'

const ARGS = defineArgs({
  usageStatus: 1,
  options: {
    force: { short: 'f', long: 'force', help: 'do not prompt before overwriting' },
    noClobber: { short: 'n', long: 'no-clobber', help: 'do not overwrite an existing file' },
    targetDirectory: { short: 't', long: 'target-directory', arg: 'required', argName: 'DIRECTORY', help: 'move all SOURCE arguments into DIRECTORY' },
    noTargetDirectory: { short: 'T', long: 'no-target-directory', help: 'treat DEST as a normal file' },
    verbose: { short: 'v', long: 'verbose', help: 'explain what is being done' },
  },
  help: {
    column: 29,
    usage: TRANSFER_USAGE,
    intro: 'Rename SOURCE to DEST, or move SOURCE(s) to DIRECTORY.\n\nMandatory arguments to long options are mandatory for short options too.\n',
    outro: coreutilsFooter('mv'),
  },
  version: coreutilsVersion('mv', 'Mike Parker, David MacKenzie, and Jim Meyering'),
})

export const mv: CommandDef = {
  name: 'mv',
  path: '/usr/bin/mv',
  rpm: 'coreutils',
  summary: 'move (rename) files',
  args: ARGS,
  run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    const o = a.opts
    const t = targets(ctx, ARGS, a.operands, o.targetDirectory, o.noTargetDirectory)
    if (typeof t === 'number') return t
    let status = 0
    for (const [src, dest] of t.pairs) if (!transfer(ctx, { prog: ctx.argv[0], move: true, recursive: true, noClobber: o.noClobber, preserve: true, verbose: o.verbose }, src, dest)) status = 1
    return status
  },
}
