// stat (GNU coreutils 8.32 on RHEL 9): a file's status in the default layout (with the SELinux
// Context line RHEL prints), -t terse, or a -c/--printf FORMAT of %-directives (%n %s %a %A %F
// %U %G %u %g %h %i %b %B %o %x %y %z %w %X %Y %Z %W %N %%; any other prints `?`). Devices and inodes are the lab's
// own: one device per host, inode numbers derived from the path.

import type { AnyNode } from '../../../host/fs.ts'
import { coreutilsFooter, coreutilsVersion, defineArgs, parseArgs, usageError } from '../../args/index.ts'
import { strftime } from '../../text/date.ts'
import { abs, blocksOf, inode, linksOf, modeString, quoteaf, quotef, sizeOf } from '../files.ts'
import type { CommandContext, CommandDef } from '../types.ts'

const ARGS = defineArgs({
  usageStatus: 1,
  options: {
    dereference: { short: 'L', long: 'dereference', help: 'follow links' },
    fileSystem: { short: 'f', long: 'file-system', help: 'display file system status instead of file status' },
    cached: { long: 'cached', arg: 'required', argName: 'MODE', help: 'specify how to use cached attributes;\n  useful on remote file systems. See MODE below', unsimulated: true },
    format: { short: 'c', long: 'format', arg: 'required', argName: 'FORMAT', label: '-c  --format=FORMAT', help: 'use the specified FORMAT instead of the default;\n  output a newline after each use of FORMAT' },
    printf: { long: 'printf', arg: 'required', argName: 'FORMAT', help: 'like --format, but interpret backslash escapes,\n  and do not output a mandatory trailing newline;\n  if you want a newline, include \\n in FORMAT' },
    terse: { short: 't', long: 'terse', help: 'print the information in terse form' },
  },
  help: {
    usage: ['Usage: %s [OPTION]... FILE...'],
    intro: 'Display file or file system status.\n\nMandatory arguments to long options are mandatory for short options too.\n',
    column: 24,
    // The format sequences hold literal %s: no program name is put in.
    outro: () =>
      "\nThe --cached MODE argument can be; always, never, or default.\n`always` will use cached attributes if available, while\n`never` will try to synchronize with the latest attributes, and\n`default` will leave it up to the underlying file system.\n\nThe valid format sequences for files (without --file-system):\n\n  %a   permission bits in octal (note '#' and '0' printf flags)\n  %A   permission bits and file type in human readable form\n  %b   number of blocks allocated (see %B)\n  %B   the size in bytes of each block reported by %b\n  %C   SELinux security context string\n  %d   device number in decimal\n  %D   device number in hex\n  %f   raw mode in hex\n  %F   file type\n  %g   group ID of owner\n  %G   group name of owner\n  %h   number of hard links\n  %i   inode number\n  %m   mount point\n  %n   file name\n  %N   quoted file name with dereference if symbolic link\n  %o   optimal I/O transfer size hint\n  %s   total size, in bytes\n  %t   major device type in hex, for character/block device special files\n  %T   minor device type in hex, for character/block device special files\n  %u   user ID of owner\n  %U   user name of owner\n  %w   time of file birth, human-readable; - if unknown\n  %W   time of file birth, seconds since Epoch; 0 if unknown\n  %x   time of last access, human-readable\n  %X   time of last access, seconds since Epoch\n  %y   time of last data modification, human-readable\n  %Y   time of last data modification, seconds since Epoch\n  %z   time of last status change, human-readable\n  %Z   time of last status change, seconds since Epoch\n\nValid format sequences for file systems:\n\n  %a   free blocks available to non-superuser\n  %b   total data blocks in file system\n  %c   total file nodes in file system\n  %d   free file nodes in file system\n  %f   free blocks in file system\n  %i   file system ID in hex\n  %l   maximum length of filenames\n  %n   file name\n  %s   block size (for faster transfers)\n  %S   fundamental block size (for block counts)\n  %t   file system type in hex\n  %T   file system type in human readable form\n\n--terse is equivalent to the following FORMAT:\n    %n %s %b %f %u %g %D %i %h %t %T %X %Y %Z %W %o %C\n--terse --file-system is equivalent to the following FORMAT:\n    %n %i %l %t %s %S %b %f %a %c %d\n\nNOTE: your shell may have its own version of stat, which usually supersedes\nthe version described here.  Please refer to your shell's documentation\nfor details about the options it supports.\n" + coreutilsFooter('stat'),
  },
  version: coreutilsVersion('stat', 'Michael Meskes'),
})

function fileType(n: AnyNode): string {
  return n.type === 'dir' ? 'directory' : n.type === 'link' ? 'symbolic link' : sizeOf(n) ? 'regular file' : 'regular empty file'
}

/** The file type bits of st_mode. */
const TYPE_BITS = { dir: 0o40000, file: 0o100000, link: 0o120000 }

const time = (t: number) => strftime('%Y-%m-%d %H:%M:%S.000000000 %z', t)

function expand(ctx: CommandContext, n: AnyNode, fmt: string, shown: string, path: string, escapes: boolean): string {
  // %N and the default File line show where a symlink points.
  const arrow = n.type === 'link' ? ` -> ${quoteaf(n.target)}` : ''
  let out = ''
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i]
    if (escapes && c === '\\' && i + 1 < fmt.length) {
      const e = fmt[++i]
      out += ({ n: '\n', t: '\t', '\\': '\\', a: '\x07', r: '\r', '"': '"' } as Record<string, string>)[e] ?? `\\${e}`
      continue
    }
    if (c !== '%' || i + 1 >= fmt.length) {
      out += c
      continue
    }
    const d = fmt[++i]
    const v: Record<string, () => string> = {
      n: () => shown,
      N: () => quoteaf(shown) + arrow,
      s: () => String(sizeOf(n)),
      a: () => (n.mode & 0o7777).toString(8),
      A: () => modeString(n),
      f: () => (TYPE_BITS[n.type] | n.mode).toString(16),
      F: () => fileType(n),
      U: () => 'root',
      G: () => 'root',
      u: () => '0',
      g: () => '0',
      h: () => String(linksOf(ctx, path, n)),
      i: () => String(inode(path)),
      b: () => String(blocksOf(n) * 2),
      B: () => '512',
      o: () => '4096',
      d: () => '64768',
      D: () => 'fd00',
      x: () => time(n.mtime),
      y: () => time(n.mtime),
      z: () => time(n.mtime),
      w: () => time(n.mtime),
      X: () => String(n.mtime),
      Y: () => String(n.mtime),
      Z: () => String(n.mtime),
      W: () => String(n.mtime),
      C: () => 'unconfined_u:object_r:admin_home_t:s0',
      '%': () => '%',
    }
    out += v[d] ? v[d]() : `?`
  }
  return out
}

/** The default report; its File line (the name, quoted only if it needs it, and a link's target)
 *  is put in after expansion, at the NUL, since no directive prints it. */
const DEFAULT = '  File: \0\n  Size: %s\t\tBlocks: %b\tIO Block: %o\t%F\nDevice: %Dh/%dd\tInode: %i\tLinks: %h\nAccess: (%04a/%A)  Uid: (    0/    root)   Gid: (    0/    root)\nContext: %C\nAccess: %x\nModify: %y\nChange: %z\n Birth: %w\n'

export const stat: CommandDef = {
  name: 'stat',
  path: '/usr/bin/stat',
  rpm: 'coreutils',
  summary: 'display file or file system status',
  args: ARGS,
  run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    const o = a.opts
    const prog = ctx.argv[0]
    if (!a.operands.length) return usageError(ctx, ARGS, 'missing operand')
    let status = 0
    for (const op of a.operands) {
      const path = abs(ctx, op)
      const n = o.dereference ? ctx.host.fs.stat(path) : ctx.host.fs.lstat(path)
      if (!n) {
        ctx.err(`${prog}: cannot statx ${quoteaf(op)}: No such file or directory\n`)
        status = 1
        continue
      }
      if (o.printf !== undefined) ctx.out(expand(ctx, n, o.printf, op, path, true))
      else if (o.format !== undefined) ctx.out(expand(ctx, n, o.format, op, path, false) + '\n')
      else if (o.terse) ctx.out(expand(ctx, n, '%n %s %b %f %u %g fd00 %i %h 0 0 %X %Y %Z %W %o %C', op, path, false) + '\n')
      else {
        const sizeCol = String(sizeOf(n)).padEnd(10)
        const blocksCol = String(blocksOf(n) * 2).padEnd(10)
        const ino = String(inode(path)).padEnd(11)
        ctx.out(
          expand(ctx, n, DEFAULT.replace('%s\t\t', `${sizeCol}\t`).replace('%b\t', `${blocksCol} `).replace('%i\t', `${ino} `).replace('%04a', (n.mode & 0o7777).toString(8).padStart(4, '0')).replace('IO Block: %o\t', 'IO Block: 4096   '), op, path, false).replace('\0', quotef(op) + (n.type === 'link' ? ` -> ${quotef(n.target)}` : '')),
        )
      }
    }
    return status
  },
}
