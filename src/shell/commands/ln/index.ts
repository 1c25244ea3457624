// ln (GNU coreutils 8.32, src/ln.c): a hard link to each TARGET (a second name of the same file)
// or, with -s, a symbolic link holding TARGET's text as given (-r: rewritten relative to the
// link's directory); one operand links into the working directory, a last operand that is a
// directory (followed unless -n, never with -T) receives links named after each TARGET. An
// existing destination is an error unless -f removes it, -i asks (`ln: replace 'X'? `) or a
// backup (-b, --backup=CONTROL, -S SUFFIX) moves it aside first; -v names each link
// `'NAME' -> 'TARGET'` (`=>` for a hard one, `'BACKUP' ~ ` before it), -L links what a symlink
// TARGET points to.

import { basename, dirname, FS_ERROR_TEXT } from '../../../host/fs.ts'
import { coreutilsFooter, coreutilsVersion, defineArgs, isFail, parseArgs, usageError } from '../../args/index.ts'
import type { Proc } from '../../../sim/task.ts'
import { backupName, backupType, renameFile, type BackupType } from '../backup.ts'
import { abs, join, quoteaf, quotef } from '../files.ts'
import { canonicalize } from '../readlink/index.ts'
import type { CommandContext, CommandDef } from '../types.ts'

const ARGS = defineArgs({
  usageStatus: 1,
  options: {
    backup: { long: 'backup', arg: 'optional', argName: 'CONTROL' },
    b: { short: 'b' },
    directory: { short: 'd', long: 'directory' },
    F: { short: 'F' },
    force: { short: 'f', long: 'force' },
    interactive: { short: 'i', long: 'interactive' },
    logical: { short: 'L', long: 'logical' },
    noDereference: { short: 'n', long: 'no-dereference' },
    physical: { short: 'P', long: 'physical' },
    relative: { short: 'r', long: 'relative' },
    symbolic: { short: 's', long: 'symbolic' },
    suffix: { short: 'S', long: 'suffix', arg: 'required', argName: 'SUFFIX' },
    targetDirectory: { short: 't', long: 'target-directory', arg: 'required', argName: 'DIRECTORY' },
    noTargetDirectory: { short: 'T', long: 'no-target-directory' },
    verbose: { short: 'v', long: 'verbose' },
  },
  longOrder: ['backup', 'directory', 'force', 'no-dereference', 'no-target-directory', 'interactive', 'suffix', 'target-directory', 'symbolic', 'verbose', 'relative', 'logical', 'physical'],
  // usage() as printed: its -d/-F line and the backup paragraphs are not an aligned list.
  help: {
    usage: [],
    raw: `Usage: %s [OPTION]... [-T] TARGET LINK_NAME
  or:  %s [OPTION]... TARGET
  or:  %s [OPTION]... TARGET... DIRECTORY
  or:  %s [OPTION]... -t DIRECTORY TARGET...
In the 1st form, create a link to TARGET with the name LINK_NAME.
In the 2nd form, create a link to TARGET in the current directory.
In the 3rd and 4th forms, create links to each TARGET in DIRECTORY.
Create hard links by default, symbolic links with --symbolic.
By default, each destination (name of new link) should not already exist.
When creating hard links, each TARGET must exist.  Symbolic links
can hold arbitrary text; if later resolved, a relative link is
interpreted in relation to its parent directory.

Mandatory arguments to long options are mandatory for short options too.
      --backup[=CONTROL]      make a backup of each existing destination file
  -b                          like --backup but does not accept an argument
  -d, -F, --directory         allow the superuser to attempt to hard link
                                directories (note: will probably fail due to
                                system restrictions, even for the superuser)
  -f, --force                 remove existing destination files
  -i, --interactive           prompt whether to remove destinations
  -L, --logical               dereference TARGETs that are symbolic links
  -n, --no-dereference        treat LINK_NAME as a normal file if
                                it is a symbolic link to a directory
  -P, --physical              make hard links directly to symbolic links
  -r, --relative              create symbolic links relative to link location
  -s, --symbolic              make symbolic links instead of hard links
  -S, --suffix=SUFFIX         override the usual backup suffix
  -t, --target-directory=DIRECTORY  specify the DIRECTORY in which to create
                                the links
  -T, --no-target-directory   treat LINK_NAME as a normal file always
  -v, --verbose               print name of each linked file
      --help     display this help and exit
      --version  output version information and exit

The backup suffix is '~', unless set with --suffix or SIMPLE_BACKUP_SUFFIX.
The version control method may be selected via the --backup option or through
the VERSION_CONTROL environment variable.  Here are the values:

  none, off       never make backups (even if --backup is given)
  numbered, t     make numbered backups
  existing, nil   numbered if numbered backups exist, simple otherwise
  simple, never   always make simple backups

Using -s ignores -L and -P.  Otherwise, the last option specified controls
behavior when a TARGET is a symbolic link, defaulting to -P.
${coreutilsFooter('ln')}`,
  },
  version: coreutilsVersion('ln', 'Mike Parker and David MacKenzie'),
})

interface How {
  symbolic: boolean
  force: boolean
  interactive: boolean
  logical: boolean
  verbose: boolean
  relative: boolean
  hardDirs: boolean
  backup: BackupType
  suffix: string
  /** The hard links made so far, when one may be about to be replaced by the next (ln.c's dest_set). */
  made: Set<string> | null
}

export const ln: CommandDef = {
  name: 'ln',
  path: '/usr/bin/ln',
  rpm: 'coreutils',
  summary: 'make links between files',
  args: ARGS,
  *run(ctx): Proc<number> {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    const o = a.opts
    const fs = ctx.host.fs
    const prog = ctx.argv[0]
    const ops = a.operands
    // The later of -L and -P, and of -f and -i, wins, as in ln.c's option loop.
    const last = (...keys: string[]) => [...a.seen].reverse().find((s) => keys.includes(s.key))?.key
    const logical = last('logical', 'physical') === 'logical'
    const mode = last('force', 'interactive')
    let pairs: [string, string][]
    const intoDir = (op: string) => fs.isDir(abs(ctx, op)) && !(o.noDereference && fs.lstat(abs(ctx, op))?.type === 'link')
    let targetDir = false
    if (o.targetDirectory !== undefined) {
      const dir = abs(ctx, o.targetDirectory)
      if (!fs.stat(dir)) {
        ctx.err(`${prog}: failed to access ${quoteaf(o.targetDirectory)}: ${FS_ERROR_TEXT.ENOENT}\n`)
        return 1
      }
      if (!fs.isDir(dir)) {
        ctx.err(`${prog}: target ${quoteaf(o.targetDirectory)} is not a directory\n`)
        return 1
      }
    }
    if (!ops.length) return usageError(ctx, ARGS, 'missing file operand')
    if (o.noTargetDirectory) {
      if (o.targetDirectory !== undefined) {
        ctx.err(`${prog}: cannot combine --target-directory and --no-target-directory\n`)
        return 1
      }
      if (ops.length > 2) return usageError(ctx, ARGS, `extra operand ${quoteaf(ops[2])}`)
      if (ops.length === 1) return usageError(ctx, ARGS, `missing destination file operand after ${quoteaf(ops[0])}`)
      pairs = [[ops[0], ops[1]]]
    } else {
      const dir = o.targetDirectory ?? (ops.length === 1 ? '.' : intoDir(ops[ops.length - 1]) ? ops[ops.length - 1] : null)
      if (dir === null && ops.length > 2) {
        // coreutils 8.32's wording; 9.x says "target 'X': No such file or directory".
        ctx.err(`${prog}: target ${quoteaf(ops[ops.length - 1])} is not a directory\n`)
        return 1
      }
      const sources = o.targetDirectory !== undefined || ops.length === 1 ? ops : ops.slice(0, -1)
      targetDir = dir !== null
      pairs = dir === null ? [[ops[0], ops[1]]] : sources.map((s) => [s, join(dir, basename(s.replace(/\/+$/, '')))])
    }
    const env = new Map(ctx.session.environment())
    const makeBackups = a.seen.some((s) => s.key === 'backup' || s.key === 'b' || s.key === 'suffix')
    const type = makeBackups ? backupType(o.backup, env) : 'none'
    if (isFail(type)) return usageError(ctx, ARGS, type.fail)
    if (o.relative && !o.symbolic) {
      ctx.err(`${prog}: cannot do --relative without --symbolic\n`)
      return 1
    }
    const how: How = {
      symbolic: o.symbolic,
      force: mode === 'force',
      interactive: mode === 'interactive',
      logical,
      verbose: o.verbose,
      relative: o.relative,
      hardDirs: o.directory || o.F,
      backup: type,
      suffix: o.suffix ?? env.get('SIMPLE_BACKUP_SUFFIX') ?? '~',
      made: targetDir && pairs.length > 1 && mode === 'force' && !o.symbolic && type !== 'numbered' ? new Set() : null,
    }
    let status = 0
    for (const [src, dest] of pairs) if (!(yield* link(ctx, how, src, dest))) status = 1
    return status
  },
}

/** yesno(): the answer typed is yes when it starts with `y` or `Y` (rpmatch in en_US). */
function* yesno(ctx: CommandContext): Proc<boolean> {
  const line = yield* ctx.stdin.readLine()
  return line !== null && /^[yY]/.test(line)
}

/** gnulib's relpath: `to` as seen from the directory `from`, both canonical. */
function relpath(to: string, from: string): string {
  const t = to.split('/').filter(Boolean)
  const f = from.split('/').filter(Boolean)
  let common = 0
  while (common < t.length && common < f.length && t[common] === f[common]) common++
  const parts = [...f.slice(common).map(() => '..'), ...t.slice(common)]
  return parts.length ? parts.join('/') : '.'
}

/** do_link: makes one link; false after reporting why it could not. */
function* link(ctx: CommandContext, how: How, src: string, dest: string): Proc<boolean> {
  const fs = ctx.host.fs
  const prog = ctx.argv[0]
  const from = abs(ctx, src)
  const to = abs(ctx, dest)
  let sourceNode = null
  if (!how.symbolic) {
    sourceNode = how.logical ? fs.stat(from) : fs.lstat(from)
    if (!sourceNode) {
      ctx.err(`${prog}: failed to access ${quoteaf(src)}: ${FS_ERROR_TEXT[how.logical && fs.lstat(from) ? errorOf(fs.resolve(from)) : 'ENOENT']}\n`)
      return false
    }
    if (sourceNode.type === 'dir' && !how.hardDirs) {
      ctx.err(`${prog}: ${quotef(src)}: hard link not allowed for directory\n`)
      return false
    }
  }
  const existing = how.force || how.interactive || how.backup !== 'none' ? fs.lstat(to) : null
  if (existing && how.made?.has(to)) {
    ctx.err(`${prog}: will not overwrite just-created ${quoteaf(dest)} with ${quoteaf(src)}\n`)
    return false
  }
  // `ln -f a a` (and `ln -b a a`) would remove the one name the file has: refused, while
  // `ln -sf --backup a a` may make the self-referring link.
  if ((how.force || (!how.symbolic && how.backup !== 'none')) && existing && (how.backup === 'none' || !how.symbolic)) {
    const same = how.symbolic ? fs.stat(from) : sourceNode
    if (same && same === existing && (fs.links(to) === 1 || fs.resolve(from, false) === fs.resolve(to, false))) {
      ctx.err(`${prog}: ${quoteaf(src)} and ${quoteaf(dest)} are the same file\n`)
      return false
    }
  }
  let force = how.force
  let backup: string | null = null
  if (existing) {
    if (existing.type === 'dir') {
      ctx.err(`${prog}: ${quotef(dest)}: cannot overwrite directory\n`)
      return false
    }
    if (how.interactive) {
      ctx.err(`${prog}: replace ${quoteaf(dest)}? `)
      if (!(yield* yesno(ctx))) return true
      force = true
    }
    if (how.backup !== 'none') {
      backup = backupName(fs, dest, to, how.backup, how.suffix)
      renameFile(fs, to, abs(ctx, backup))
    }
  }
  const text = how.relative ? relative(ctx, src, dest) : src
  const make = () => (how.symbolic ? (text === '' ? 'ENOENT' : fs.symlink(text, to)) : fs.link(how.logical ? fs.resolve(from) : from, to))
  let e = make()
  if (e === 'EEXIST' && (force || backup)) {
    fs.remove(to)
    e = make()
  }
  if (e) {
    const message = how.symbolic ? (text ? `failed to create symbolic link ${quoteaf(dest)}` : `failed to create symbolic link ${quoteaf(dest)} -> ${quoteaf(text)}`) : e === 'EEXIST' ? `failed to create hard link ${quoteaf(dest)}` : `failed to create hard link ${quoteaf(dest)} => ${quoteaf(src)}`
    ctx.err(`${prog}: ${message}: ${FS_ERROR_TEXT[e]}\n`)
    if (backup) renameFile(fs, abs(ctx, backup), to)
    return false
  }
  how.made?.add(to)
  if (how.verbose) ctx.out(`${backup ? `${quoteaf(backup)} ~ ` : ''}${quoteaf(dest)} ${how.symbolic ? '->' : '=>'} ${quoteaf(text)}\n`)
  return true
}

/** convert_abs_rel: the link's text for -r, TARGET relative to the link's own directory. */
function relative(ctx: CommandContext, src: string, dest: string): string {
  const fs = ctx.host.fs
  const to = canonicalize(fs, abs(ctx, src), 'm')
  const dir = canonicalize(fs, dirname(abs(ctx, dest)), 'm')
  return to.startsWith('/') && dir.startsWith('/') ? relpath(to, dir) : src
}

function errorOf(r: string): 'ENOENT' | 'ELOOP' {
  return r === 'ELOOP' ? 'ELOOP' : 'ENOENT'
}
