// cp (GNU coreutils 8.32): SOURCE to DEST, or SOURCEs into DIRECTORY (-t); -r/-R copies trees
// (refusing to copy a directory into itself), -n never overwrites, -i asks first (`cp: overwrite
// 'b'? `), -f replaces, -p keeps mode and time, -a is -rp, -v names each copy. A new file gets the source's mode less the umask;
// an existing destination keeps its own.

import { basename } from '../../../host/fs.ts'
import type { Proc } from '../../../sim/task.ts'
import { coreutilsFooter, coreutilsVersion, defineArgs, parseArgs, usageError } from '../../args/index.ts'
import { abs, errText, join, quoteaf } from '../files.ts'
import type { CommandContext, CommandDef } from '../types.ts'

/** The usage lines cp and mv share. */
export const TRANSFER_USAGE = ['Usage: %s [OPTION]... [-T] SOURCE DEST', '  or:  %s [OPTION]... SOURCE... DIRECTORY', '  or:  %s [OPTION]... -t DIRECTORY SOURCE...']

const ARGS = defineArgs({
  usageStatus: 1,
  options: {
    archive: { short: 'a', long: 'archive', help: 'same as -dR --preserve=all' },
    attributesOnly: { long: 'attributes-only', help: "don't copy the file data, just the attributes", unsimulated: true },
    backup: { long: 'backup', arg: 'optional', argName: 'CONTROL', help: 'make a backup of each existing destination file', unsimulated: true },
    b: { short: 'b', help: 'like --backup but does not accept an argument', unsimulated: true },
    copyContents: { long: 'copy-contents', help: 'copy contents of special files when recursive', unsimulated: true },
    d: { short: 'd', help: 'same as --no-dereference --preserve=links', unsimulated: true },
    force: { short: 'f', long: 'force', help: 'if an existing destination file cannot be\n  opened, remove it and try again (this option\n  is ignored when the -n option is also used)' },
    interactive: { short: 'i', long: 'interactive', help: 'prompt before overwrite (overrides a previous -n\n   option)' },
    H: { short: 'H', help: 'follow command-line symbolic links in SOURCE', unsimulated: true },
    link: { short: 'l', long: 'link', help: 'hard link files instead of copying', unsimulated: true },
    dereference: { short: 'L', long: 'dereference', help: 'always follow symbolic links in SOURCE', unsimulated: true },
    noClobber: { short: 'n', long: 'no-clobber', help: 'do not overwrite an existing file (overrides\n  a previous -i option)' },
    noDereference: { short: 'P', long: 'no-dereference', help: 'never follow symbolic links in SOURCE', unsimulated: true },
    preserve: { short: 'p', help: 'same as --preserve=mode,ownership,timestamps' },
    preserveList: { long: 'preserve', arg: 'optional', argName: 'ATTR_LIST', help: 'preserve the specified attributes (default:\n  mode,ownership,timestamps), if possible\n  additional attributes: context, links, xattr,\n  all', unsimulated: true },
    noPreserve: { long: 'no-preserve', arg: 'required', argName: 'ATTR_LIST', help: "don't preserve the specified attributes", unsimulated: true },
    parents: { long: 'parents', help: 'use full source file name under DIRECTORY', unsimulated: true },
    recursive: { short: 'R', long: 'recursive', label: '-R, -r, --recursive', help: 'copy directories recursively' },
    r: { short: 'r' },
    reflink: { long: 'reflink', arg: 'optional', argName: 'WHEN', help: 'control clone/CoW copies. See below', unsimulated: true },
    removeDestination: { long: 'remove-destination', help: 'remove each existing destination file before\n  attempting to open it (contrast with --force)', unsimulated: true },
    sparse: { long: 'sparse', arg: 'required', argName: 'WHEN', help: 'control creation of sparse files. See below', unsimulated: true },
    stripTrailingSlashes: { long: 'strip-trailing-slashes', help: 'remove any trailing slashes from each SOURCE\n  argument', unsimulated: true },
    symbolicLink: { short: 's', long: 'symbolic-link', help: 'make symbolic links instead of copying', unsimulated: true },
    suffix: { short: 'S', long: 'suffix', arg: 'required', argName: 'SUFFIX', help: 'override the usual backup suffix', unsimulated: true },
    targetDirectory: { short: 't', long: 'target-directory', arg: 'required', argName: 'DIRECTORY', help: 'copy all SOURCE arguments into DIRECTORY' },
    noTargetDirectory: { short: 'T', long: 'no-target-directory', help: 'treat DEST as a normal file' },
    update: { short: 'u', long: 'update', help: 'copy only when the SOURCE file is newer\n  than the destination file or when the\n  destination file is missing', unsimulated: true },
    verbose: { short: 'v', long: 'verbose', help: 'explain what is being done' },
    oneFileSystem: { short: 'x', long: 'one-file-system', help: 'stay on this file system', unsimulated: true },
    Z: { short: 'Z', help: 'set SELinux security context of destination\n  file to default type', unsimulated: true },
    context: { long: 'context', arg: 'optional', argName: 'CTX', help: 'like -Z, or if CTX is specified then set the\n  SELinux or SMACK security context to CTX', unsimulated: true },
  },
  help: {
    column: 31,
    usage: TRANSFER_USAGE,
    intro: 'Copy SOURCE to DEST, or multiple SOURCE(s) to DIRECTORY.\n\nMandatory arguments to long options are mandatory for short options too.\n',
    outro: "\nBy default, sparse SOURCE files are detected by a crude heuristic and the\ncorresponding DEST file is made sparse as well.  That is the behavior\nselected by --sparse=auto.  Specify --sparse=always to create a sparse DEST\nfile whenever the SOURCE file contains a long enough sequence of zero bytes.\nUse --sparse=never to inhibit creation of sparse files.\n\nWhen --reflink[=always] is specified, perform a lightweight copy, where the\ndata blocks are copied only when modified.  If this is not possible the copy\nfails, or if --reflink=auto is specified, fall back to a standard copy.\nUse --reflink=never to ensure a standard copy is performed.\n\nThe backup suffix is '~', unless set with --suffix or SIMPLE_BACKUP_SUFFIX.\nThe version control method may be selected via the --backup option or through\nthe VERSION_CONTROL environment variable.  Here are the values:\n\n  none, off       never make backups (even if --backup is given)\n  numbered, t     make numbered backups\n  existing, nil   numbered if numbered backups exist, simple otherwise\n  simple, never   always make simple backups\n\nAs a special case, cp makes a backup of SOURCE when the force and backup\noptions are given and SOURCE and DEST are the same name for an existing,\nregular file.\n" + coreutilsFooter('cp'),
  },
  version: coreutilsVersion('cp', 'Torbjorn Granlund, David MacKenzie, and Jim Meyering'),
})

export interface Transfer {
  prog: string
  move: boolean
  recursive: boolean
  noClobber: boolean
  preserve: boolean
  verbose: boolean
  /** Directories this copy made, never copied into themselves (`cp -r dir dir/sub`). */
  made?: Set<string>
}

/** SOURCE... DIRECTORY or SOURCE DEST, the operand checks cp and mv share. */
export function targets(ctx: CommandContext, spec: Parameters<typeof usageError>[1], operands: string[], targetDir: string | undefined, noTarget: boolean): { pairs: [string, string][] } | number {
  const fs = ctx.host.fs
  const prog = ctx.argv[0]
  if (targetDir !== undefined) {
    if (!fs.isDir(abs(ctx, targetDir))) {
      ctx.err(`${prog}: target directory ${quoteaf(targetDir)}: ${fs.exists(abs(ctx, targetDir)) ? 'Not a directory' : 'No such file or directory'}\n`)
      return 1
    }
    if (!operands.length) return usageError(ctx, spec, 'missing file operand')
    return { pairs: operands.map((s) => [s, join(targetDir, basename(s.replace(/\/+$/, '')))]) }
  }
  if (!operands.length) return usageError(ctx, spec, 'missing file operand')
  if (operands.length === 1) return usageError(ctx, spec, `missing destination file operand after ${quoteaf(operands[0])}`)
  const dest = operands[operands.length - 1]
  const sources = operands.slice(0, -1)
  const destIsDir = !noTarget && fs.isDir(abs(ctx, dest))
  if (sources.length > 1 && !destIsDir) {
    // coreutils 8.32's wording; 9.x says "target 'X': No such file or directory".
    ctx.err(`${prog}: target ${quoteaf(dest)} is not a directory\n`)
    return 1
  }
  return { pairs: sources.map((s) => [s, destIsDir ? join(dest, basename(s.replace(/\/+$/, ''))) : dest]) }
}

/** Copies or moves one operand; returns false after reporting a failure. */
export function transfer(ctx: CommandContext, t: Transfer, src: string, dest: string): boolean {
  const fs = ctx.host.fs
  const from = abs(ctx, src)
  const to = abs(ctx, dest)
  // -r copies (and mv moves) a symlink as a link; plain cp copies what it points to.
  const link = t.recursive ? fs.lstat(from) : null
  if (link?.type === 'link') {
    if (fs.lstat(to)?.type === 'dir') {
      ctx.err(`${t.prog}: cannot overwrite directory ${quoteaf(dest)} with non-directory\n`)
      return false
    }
    if (t.noClobber && fs.lstat(to)) return true
    fs.remove(to)
    const e = fs.symlink(link.target, to)
    if (e) {
      ctx.err(`${t.prog}: cannot create symbolic link ${quoteaf(dest)}: ${errText(e)}\n`)
      return false
    }
    if (t.verbose) ctx.out(t.move ? `renamed ${quoteaf(src)} -> ${quoteaf(dest)}\n` : `${quoteaf(src)} -> ${quoteaf(dest)}\n`)
    if (t.move) fs.remove(from)
    return true
  }
  const node = fs.stat(from)
  if (!node) {
    ctx.err(`${t.prog}: cannot stat ${quoteaf(src)}: No such file or directory\n`)
    return false
  }
  if (from === to) {
    ctx.err(t.move ? `${t.prog}: ${quoteaf(src)} and ${quoteaf(dest)} are the same file\n` : `${t.prog}: ${quoteaf(src)} and ${quoteaf(dest)} are the same file\n`)
    return false
  }
  if (node.type === 'dir') {
    if (!t.recursive) {
      ctx.err(`${t.prog}: -r not specified; omitting directory ${quoteaf(src)}\n`)
      return false
    }
    let ok = true
    const intoItself = to.startsWith(from + '/')
    if (intoItself && !t.made) {
      ctx.err(t.move ? `${t.prog}: cannot move ${quoteaf(src)} to a subdirectory of itself, ${quoteaf(dest)}\n` : `${t.prog}: cannot copy a directory, ${quoteaf(src)}, into itself, ${quoteaf(dest)}\n`)
      if (t.move) return false
      ok = false
    }
    const made = t.made ?? new Set<string>()
    const existing = fs.stat(to)
    if (existing && existing.type !== 'dir') {
      ctx.err(`${t.prog}: cannot overwrite non-directory ${quoteaf(dest)} with directory ${quoteaf(src)}\n`)
      return false
    }
    const children = fs.list(from) ?? []
    if (!existing) {
      const e = fs.mkdir(to, t.move || t.preserve ? node.mode : node.mode & ~fs.umask)
      if (e) {
        ctx.err(`${t.prog}: cannot create directory ${quoteaf(dest)}: ${errText(e)}\n`)
        return false
      }
      made.add(to)
    }
    if (t.verbose) ctx.out(t.move ? `renamed ${quoteaf(src)} -> ${quoteaf(dest)}\n` : `${quoteaf(src)} -> ${quoteaf(dest)}\n`)
    // Below the first level cp makes the directory but stops there, as GNU cp does.
    const copied = intoItself && t.made ? [] : children
    for (const name of copied) if (!made.has(join(from, name))) ok = transfer(ctx, { ...t, verbose: t.verbose && !t.move, made }, join(src, name), join(dest, name)) && ok
    const copy = fs.stat(to)
    if (copy && (t.move || t.preserve)) copy.mtime = node.mtime
    if (t.move && ok) fs.removeTree(from)
    return ok
  }
  const existing = fs.stat(to)
  if (existing?.type === 'dir') {
    ctx.err(`${t.prog}: cannot overwrite directory ${quoteaf(dest)} with non-directory\n`)
    return false
  }
  if (existing && t.noClobber) return true
  const e = fs.write(to, node.content, t.move || t.preserve ? node.mode : node.mode & ~fs.umask)
  if (e) {
    ctx.err(`${t.prog}: cannot create regular file ${quoteaf(dest)}: ${errText(e)}\n`)
    return false
  }
  const made = fs.stat(to)!
  if (t.move || t.preserve) {
    made.mode = node.mode
    made.mtime = node.mtime
  }
  if (t.move) fs.remove(from)
  if (t.verbose) ctx.out(t.move ? `renamed ${quoteaf(src)} -> ${quoteaf(dest)}\n` : `${quoteaf(src)} -> ${quoteaf(dest)}\n`)
  return true
}

/** Does the answer read from stdin say yes (en_US's yesexpr, ^[yY])? EOF is no. */
export function* confirm(ctx: CommandContext, question: string): Proc<boolean> {
  ctx.err(question)
  const line = yield* ctx.stdin.readLine()
  return line !== null && /^[yY]/.test(line)
}

/** -i: asks before a file operand overwrites an existing destination (a directory copied with -r
 *  is not asked about file by file). Returns whether to go on. */
export function* mayOverwrite(ctx: CommandContext, src: string, dest: string): Proc<boolean> {
  const fs = ctx.host.fs
  const to = fs.lstat(abs(ctx, dest))
  if (!to || to.type === 'dir' || fs.stat(abs(ctx, src))?.type === 'dir' || abs(ctx, src) === abs(ctx, dest)) return true
  return yield* confirm(ctx, `${ctx.argv[0]}: overwrite ${quoteaf(dest)}? `)
}

export const cp: CommandDef = {
  name: 'cp',
  path: '/usr/bin/cp',
  rpm: 'coreutils',
  summary: 'copy files and directories',
  args: ARGS,
  *run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    const o = a.opts
    const t = targets(ctx, ARGS, a.operands, o.targetDirectory, o.noTargetDirectory)
    if (typeof t === 'number') return t
    // -i and -n override each other: the later one counts.
    const last = [...a.seen].reverse().find((s) => s.key === 'interactive' || s.key === 'noClobber')?.key
    const spec: Transfer = { prog: ctx.argv[0], move: false, recursive: o.recursive || o.r || o.archive, noClobber: last === 'noClobber', preserve: o.preserve || o.archive, verbose: o.verbose }
    let status = 0
    for (const [src, dest] of t.pairs) {
      if (last === 'interactive' && !(yield* mayOverwrite(ctx, src, dest))) continue
      if (!transfer(ctx, spec, src, dest)) status = 1
    }
    return status
  },
}
