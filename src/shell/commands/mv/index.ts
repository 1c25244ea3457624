// mv (GNU coreutils 8.32): rename SOURCE to DEST or move SOURCEs into DIRECTORY, keeping mode and
// time; a directory cannot go into itself; -n never overwrites, -f does without asking, -i asks
// (`mv: overwrite 'b'? `, yes when the answer starts with y), -v prints `renamed 'a' -> 'b'`.

import { coreutilsFooter, coreutilsVersion, defineArgs, parseArgs } from '../../args/index.ts'
import { mayOverwrite, targets, transfer, TRANSFER_USAGE } from '../cp/index.ts'
import type { CommandDef } from '../types.ts'

const ARGS = defineArgs({
  usageStatus: 1,
  options: {
    backup: { long: 'backup', arg: 'optional', argName: 'CONTROL', help: 'make a backup of each existing destination file', unsimulated: true },
    b: { short: 'b', help: 'like --backup but does not accept an argument', unsimulated: true },
    force: { short: 'f', long: 'force', help: 'do not prompt before overwriting' },
    interactive: { short: 'i', long: 'interactive', help: 'prompt before overwrite' },
    noClobber: { short: 'n', long: 'no-clobber', help: 'do not overwrite an existing file' },
    stripTrailingSlashes: { long: 'strip-trailing-slashes', before: 'If you specify more than one of -i, -f, -n, only the final one takes effect.\n', help: 'remove any trailing slashes from each SOURCE\n  argument', unsimulated: true },
    suffix: { short: 'S', long: 'suffix', arg: 'required', argName: 'SUFFIX', help: 'override the usual backup suffix', unsimulated: true },
    targetDirectory: { short: 't', long: 'target-directory', arg: 'required', argName: 'DIRECTORY', help: 'move all SOURCE arguments into DIRECTORY' },
    noTargetDirectory: { short: 'T', long: 'no-target-directory', help: 'treat DEST as a normal file' },
    update: { short: 'u', long: 'update', help: 'move only when the SOURCE file is newer\n  than the destination file or when the\n  destination file is missing', unsimulated: true },
    verbose: { short: 'v', long: 'verbose', help: 'explain what is being done' },
    context: { short: 'Z', long: 'context', help: 'set SELinux security context of destination\n  file to default type', unsimulated: true },
  },
  help: {
    column: 31,
    usage: TRANSFER_USAGE,
    intro: 'Rename SOURCE to DEST, or move SOURCE(s) to DIRECTORY.\n\nMandatory arguments to long options are mandatory for short options too.\n',
    outro: "\nThe backup suffix is '~', unless set with --suffix or SIMPLE_BACKUP_SUFFIX.\nThe version control method may be selected via the --backup option or through\nthe VERSION_CONTROL environment variable.  Here are the values:\n\n  none, off       never make backups (even if --backup is given)\n  numbered, t     make numbered backups\n  existing, nil   numbered if numbered backups exist, simple otherwise\n  simple, never   always make simple backups\n" + coreutilsFooter('mv'),
  },
  version: coreutilsVersion('mv', 'Mike Parker, David MacKenzie, and Jim Meyering'),
})

export const mv: CommandDef = {
  name: 'mv',
  path: '/usr/bin/mv',
  rpm: 'coreutils',
  summary: 'move (rename) files',
  args: ARGS,
  *run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    const o = a.opts
    const t = targets(ctx, ARGS, a.operands, o.targetDirectory, o.noTargetDirectory)
    if (typeof t === 'number') return t
    // Of -i, -f and -n only the last counts.
    const last = [...a.seen].reverse().find((s) => s.key === 'interactive' || s.key === 'force' || s.key === 'noClobber')?.key
    let status = 0
    for (const [src, dest] of t.pairs) {
      if (last === 'interactive' && !(yield* mayOverwrite(ctx, src, dest))) continue
      if (!transfer(ctx, { prog: ctx.argv[0], move: true, recursive: true, noClobber: last === 'noClobber', preserve: true, verbose: o.verbose }, src, dest)) status = 1
    }
    return status
  },
}
