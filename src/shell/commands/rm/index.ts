// rm (GNU coreutils 8.32): remove files; directories need -r (contents first, as the tree is
// walked depth-first) or -d (only empty ones); -f ignores missing operands; -v names each
// removal; `.`, `..` and `/` are refused as rm refuses them.

import { coreutilsFooter, coreutilsVersion, defineArgs, parseArgs, usageError } from '../../args/index.ts'
import { abs, join, quoteaf } from '../files.ts'
import type { CommandContext, CommandDef } from '../types.ts'

const ARGS = defineArgs({
  usageStatus: 1,
  options: {
    force: { short: 'f', long: 'force', help: 'ignore nonexistent files and arguments, never prompt' },
    i: { short: 'i', help: 'prompt before every removal', unsimulated: true },
    I: { short: 'I', help: 'prompt once before removing more than three files, or\n  when removing recursively; less intrusive than -i,\n  while still giving protection against most mistakes', unsimulated: true },
    interactive: { long: 'interactive', arg: 'optional', argName: 'WHEN', help: 'prompt according to WHEN: never, once (-I), or\n  always (-i); without WHEN, prompt always', unsimulated: true },
    oneFileSystem: { long: 'one-file-system', help: 'when removing a hierarchy recursively, skip any\n  directory that is on a file system different from\n  that of the corresponding command line argument', unsimulated: true },
    noPreserveRoot: { long: 'no-preserve-root', help: "do not treat '/' specially" },
    preserveRoot: { long: 'preserve-root', arg: 'optional', argName: 'all', help: "do not remove '/' (default);\n      with 'all', reject any command line argument\n      on a separate device from its parent", unsimulated: true },
    recursive: { short: 'r', long: 'recursive', label: '-r, -R, --recursive', help: 'remove directories and their contents recursively' },
    R: { short: 'R' },
    dir: { short: 'd', long: 'dir', help: 'remove empty directories' },
    verbose: { short: 'v', long: 'verbose', help: 'explain what is being done' },
  },
  help: {
    column: 24,
    usage: ['Usage: %s [OPTION]... [FILE]...'],
    intro: 'Remove (unlink) the FILE(s).\n\n',
    outro: '\nBy default, rm does not remove directories.  Use the --recursive (-r or -R)\noption to remove each listed directory, too, along with all of its contents.\n\nTo remove a file whose name starts with a \'-\', for example \'-foo\',\nuse one of these commands:\n  %s -- -foo\n\n  %s ./-foo\n\nNote that if you use rm to remove a file, it might be possible to recover\nsome of its contents, given sufficient expertise and/or time.  For greater\nassurance that the contents are truly unrecoverable, consider using shred.\n' + coreutilsFooter('rm'),
  },
  version: coreutilsVersion('rm', 'Paul Rubin, David MacKenzie, Richard M. Stallman,\nand Jim Meyering'),
})

export const rm: CommandDef = {
  name: 'rm',
  path: '/usr/bin/rm',
  rpm: 'coreutils',
  summary: 'remove files or directories',
  args: ARGS,
  run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    const o = a.opts
    const prog = ctx.argv[0]
    const recursive = o.recursive || o.R
    if (!a.operands.length) return o.force ? 0 : usageError(ctx, ARGS, 'missing operand')
    const fs = ctx.host.fs
    const fail = (op: string, why: string) => {
      ctx.err(`${prog}: cannot remove ${quoteaf(op)}: ${why}\n`)
      return false
    }
    const removeTree = (c: CommandContext, op: string, path: string): boolean => {
      let ok = true
      for (const name of fs.list(path) ?? []) {
        const child = join(path, name)
        const shown = join(op, name)
        if (fs.lstat(child)?.type === 'dir') ok = removeTree(c, shown, child) && ok
        else if (fs.isMounted(child) || fs.remove(child)) ok = fail(shown, 'Operation not permitted')
        else if (o.verbose) ctx.out(`removed ${quoteaf(shown)}\n`)
      }
      if (!ok) return false
      if (fs.isMounted(path) || fs.remove(path)) return fail(op, 'Operation not permitted')
      if (o.verbose) ctx.out(`removed directory ${quoteaf(op)}\n`)
      return true
    }
    let status = 0
    for (const op of a.operands) {
      const path = abs(ctx, op)
      if (/(^|\/)\.\.?\/*$/.test(op)) {
        ctx.err(`${prog}: refusing to remove '.' or '..' directory: skipping ${quoteaf(op)}\n`)
        status = 1
        continue
      }
      const node = fs.lstat(path)
      if (!node) {
        if (!o.force) status = fail(op, 'No such file or directory') ? status : 1
        continue
      }
      if (node.type === 'dir') {
        if (recursive) {
          if (path === '/' && !o.noPreserveRoot) {
            ctx.err(`${prog}: it is dangerous to operate recursively on '/'\n${prog}: use --no-preserve-root to override this failsafe\n`)
            status = 1
            continue
          }
          if (!removeTree(ctx, op, path)) status = 1
          continue
        }
        if (!o.dir) status = fail(op, 'Is a directory') ? status : 1
        else if (fs.list(path)?.length) status = fail(op, 'Directory not empty') ? status : 1
        else if (fs.remove(path)) status = fail(op, 'Operation not permitted') ? status : 1
        else if (o.verbose) ctx.out(`removed directory ${quoteaf(op)}\n`)
        continue
      }
      if (fs.isMounted(path) || fs.remove(path)) status = fail(op, 'Operation not permitted') ? status : 1
      else if (o.verbose) ctx.out(`removed ${quoteaf(op)}\n`)
    }
    return status
  },
}
