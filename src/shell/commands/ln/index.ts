// ln (GNU coreutils 8.32): a hard link to each TARGET (a second name of the same file) or, with
// -s, a symbolic link holding TARGET's text as given; one operand links into the working
// directory, a last operand that is a directory (followed unless -n, never with -T) receives
// links named after each TARGET. -f replaces a destination (never a directory), -v names each
// link `'NAME' -> 'TARGET'` (`=>` for a hard one), -L links what a symlink TARGET points to.

import { basename, FS_ERROR_TEXT } from '../../../host/fs.ts'
import { coreutilsFooter, coreutilsVersion, defineArgs, parseArgs, usageError } from '../../args/index.ts'
import { abs, join, quoteaf, quotef } from '../files.ts'
import type { CommandContext, CommandDef } from '../types.ts'

const ARGS = defineArgs({
  usageStatus: 1,
  options: {
    force: { short: 'f', long: 'force', help: 'remove existing destination files' },
    logical: { short: 'L', long: 'logical', help: 'dereference TARGETs that are symbolic links' },
    noDereference: { short: 'n', long: 'no-dereference', help: 'treat LINK_NAME as a normal file if\n  it is a symbolic link to a directory' },
    physical: { short: 'P', long: 'physical', help: 'make hard links directly to symbolic links' },
    symbolic: { short: 's', long: 'symbolic', help: 'make symbolic links instead of hard links' },
    targetDirectory: { short: 't', long: 'target-directory', arg: 'required', argName: 'DIRECTORY', help: 'specify the DIRECTORY in which to create\n  the links' },
    noTargetDirectory: { short: 'T', long: 'no-target-directory', help: 'treat LINK_NAME as a normal file always' },
    verbose: { short: 'v', long: 'verbose', help: 'print name of each linked file' },
  },
  help: {
    column: 30,
    usage: ['Usage: %s [OPTION]... [-T] TARGET LINK_NAME', '  or:  %s [OPTION]... TARGET', '  or:  %s [OPTION]... TARGET... DIRECTORY', '  or:  %s [OPTION]... -t DIRECTORY TARGET...'],
    intro:
      'In the 1st form, create a link to TARGET with the name LINK_NAME.\nIn the 2nd form, create a link to TARGET in the current directory.\nIn the 3rd and 4th forms, create links to each TARGET in DIRECTORY.\nCreate hard links by default, symbolic links with --symbolic.\nBy default, each destination (name of new link) should not already exist.\nWhen creating hard links, each TARGET must exist.  Symbolic links\ncan hold arbitrary text; if later resolved, a relative link is\ninterpreted in relation to its parent directory.\n\nMandatory arguments to long options are mandatory for short options too.\n',
    outro: coreutilsFooter('ln'),
  },
  version: coreutilsVersion('ln', 'Mike Parker and David MacKenzie'),
})

interface How {
  symbolic: boolean
  force: boolean
  logical: boolean
  verbose: boolean
}

export const ln: CommandDef = {
  name: 'ln',
  path: '/usr/bin/ln',
  rpm: 'coreutils',
  summary: 'make links between files',
  args: ARGS,
  run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    const o = a.opts
    const fs = ctx.host.fs
    const prog = ctx.argv[0]
    const ops = a.operands
    // The later of -L and -P wins, as in ln.c's option loop.
    const logical = [...a.seen].reverse().find((s) => s.key === 'logical' || s.key === 'physical')?.key === 'logical'
    const how: How = { symbolic: o.symbolic, force: o.force, logical, verbose: o.verbose }
    /** Is the operand a directory to link into: followed, except a symlink under -n. */
    const intoDir = (op: string) => fs.isDir(abs(ctx, op)) && !(o.noDereference && fs.lstat(abs(ctx, op))?.type === 'link')
    let pairs: [string, string][]
    if (o.targetDirectory !== undefined) {
      if (o.noTargetDirectory) return usageError(ctx, ARGS, 'cannot combine --target-directory and --no-target-directory')
      const dir = abs(ctx, o.targetDirectory)
      if (!fs.stat(dir)) {
        ctx.err(`${prog}: failed to access ${quoteaf(o.targetDirectory)}: ${FS_ERROR_TEXT.ENOENT}\n`)
        return 1
      }
      if (!fs.isDir(dir)) {
        ctx.err(`${prog}: target ${quoteaf(o.targetDirectory)} is not a directory\n`)
        return 1
      }
      if (!ops.length) return usageError(ctx, ARGS, 'missing file operand')
      pairs = ops.map((s) => [s, join(o.targetDirectory!, basename(s.replace(/\/+$/, '')))])
    } else {
      if (!ops.length) return usageError(ctx, ARGS, 'missing file operand')
      if (o.noTargetDirectory && ops.length > 2) return usageError(ctx, ARGS, `extra operand ${quoteaf(ops[2])}`)
      if (o.noTargetDirectory && ops.length === 1) return usageError(ctx, ARGS, `missing destination file operand after ${quoteaf(ops[0])}`)
      const dest = ops.length === 1 ? '.' : ops[ops.length - 1]
      const sources = ops.length === 1 ? ops : ops.slice(0, -1)
      const destIsDir = !o.noTargetDirectory && intoDir(dest)
      if (sources.length > 1 && !destIsDir) {
        // coreutils 8.32's wording; 9.x says "target 'X': No such file or directory".
        ctx.err(`${prog}: target ${quoteaf(dest)} is not a directory\n`)
        return 1
      }
      pairs = sources.map((s) => [s, destIsDir ? join(dest, basename(s.replace(/\/+$/, ''))) : dest])
    }
    let status = 0
    for (const [src, dest] of pairs) if (!link(ctx, how, src, dest)) status = 1
    return status
  },
}

/** Makes one link; false after reporting why it could not. */
function link(ctx: CommandContext, how: How, src: string, dest: string): boolean {
  const fs = ctx.host.fs
  const prog = ctx.argv[0]
  const from = abs(ctx, src)
  const to = abs(ctx, dest)
  const kind = how.symbolic ? 'symbolic link' : 'hard link'
  if (!how.symbolic) {
    const node = how.logical ? fs.stat(from) : fs.lstat(from)
    if (!node) {
      ctx.err(`${prog}: failed to access ${quoteaf(src)}: ${FS_ERROR_TEXT[how.logical && fs.lstat(from) ? errorOf(fs.resolve(from)) : 'ENOENT']}\n`)
      return false
    }
    if (node.type === 'dir') {
      ctx.err(`${prog}: ${quotef(src)}: hard link not allowed for directory\n`)
      return false
    }
  }
  const existing = fs.lstat(to)
  if (existing && how.force) {
    if (!how.symbolic && existing === (how.logical ? fs.stat(from) : fs.lstat(from))) {
      ctx.err(`${prog}: ${quoteaf(src)} and ${quoteaf(dest)} are the same file\n`)
      return false
    }
    if (existing.type === 'dir') {
      ctx.err(`${prog}: ${quotef(dest)}: cannot overwrite directory\n`)
      return false
    }
    fs.remove(to)
  }
  const source = how.logical && !how.symbolic ? fs.resolve(from) : from
  const e = how.symbolic ? fs.symlink(src, to) : fs.link(source, to)
  if (e) {
    ctx.err(`${prog}: failed to create ${kind} ${quoteaf(dest)}: ${FS_ERROR_TEXT[e]}\n`)
    return false
  }
  if (how.verbose) ctx.out(`${quoteaf(dest)} ${how.symbolic ? '->' : '=>'} ${quoteaf(src)}\n`)
  return true
}

function errorOf(r: string): 'ENOENT' | 'ELOOP' {
  return r === 'ELOOP' ? 'ELOOP' : 'ENOENT'
}
