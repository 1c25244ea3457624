// rmdir (GNU coreutils 8.32): each DIRECTORY removed if it is empty; -p then its parents as
// written (a/b/c, a/b, a), stopping at the first that fails; -v names each removal; a failure
// only because a directory is not empty is ignored with --ignore-fail-on-non-empty.

import { coreutilsFooter, coreutilsVersion, defineArgs, parseArgs, usageError } from '../../args/index.ts'
import { abs, quoteaf } from '../files.ts'
import type { CommandDef } from '../types.ts'

const ARGS = defineArgs({
  usageStatus: 1,
  options: {
    ignoreFailOnNonEmpty: { long: 'ignore-fail-on-non-empty', help: '\nignore each failure that is solely because a directory\n  is non-empty' },
    parents: { short: 'p', long: 'parents', help: "remove DIRECTORY and its ancestors; e.g., 'rmdir -p a/b/c' is\n  similar to 'rmdir a/b/c a/b a'" },
    verbose: { short: 'v', long: 'verbose', help: 'output a diagnostic for every directory processed' },
  },
  help: { column: 18, usage: ['Usage: %s [OPTION]... DIRECTORY...'], intro: 'Remove the DIRECTORY(ies), if they are empty.\n\n', outro: coreutilsFooter('rmdir') },
  version: coreutilsVersion('rmdir', 'David MacKenzie'),
})

export const rmdir: CommandDef = {
  name: 'rmdir',
  path: '/usr/bin/rmdir',
  rpm: 'coreutils',
  summary: 'remove empty directories',
  args: ARGS,
  run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    const o = a.opts
    const prog = ctx.argv[0]
    const fs = ctx.host.fs
    if (!a.operands.length) return usageError(ctx, ARGS, 'missing operand')
    /** Removes one directory; false after reporting why not (a parent -p removes is named `directory 'a'`). */
    const remove = (name: string, parent = false): boolean => {
      if (o.verbose) ctx.out(`${prog}: removing directory, ${quoteaf(name)}\n`)
      const path = abs(ctx, name)
      const node = fs.lstat(path)
      const why = !node ? 'No such file or directory' : node.type !== 'dir' ? 'Not a directory' : fs.list(path)?.length ? 'Directory not empty' : fs.isMounted(path) || fs.remove(path) ? 'Device or resource busy' : null
      if (why === null) return true
      if (!(why === 'Directory not empty' && o.ignoreFailOnNonEmpty)) ctx.err(`${prog}: failed to remove ${parent ? 'directory ' : ''}${quoteaf(name)}: ${why}\n`)
      return why === 'Directory not empty' && o.ignoreFailOnNonEmpty ? false : ((status = 1), false)
    }
    let status = 0
    for (const op of a.operands) {
      if (!remove(op) || !o.parents) continue
      for (let name = op.replace(/\/+$/, ''); name.includes('/'); ) {
        name = name.slice(0, name.lastIndexOf('/')).replace(/\/+$/, '')
        if (!name || !remove(name, true)) break
      }
    }
    return status
  },
}
