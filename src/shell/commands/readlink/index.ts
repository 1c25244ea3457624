// readlink (GNU coreutils 8.32): the text a symbolic link holds, or with -f/-e/-m the canonical
// absolute name, every symlink of every component followed (-f: all but the last component must
// exist, -e: all must, -m: none need). Failures are silent, status 1, unless -v names them.

import { basename, dirname, FS_ERROR_TEXT, type FileSystem, type FsError } from '../../../host/fs.ts'
import { coreutilsFooter, coreutilsVersion, defineArgs, parseArgs, usageError } from '../../args/index.ts'
import { abs, quotef } from '../files.ts'
import type { CommandDef } from '../types.ts'

const ARGS = defineArgs({
  usageStatus: 1,
  options: {
    canonicalize: { short: 'f', long: 'canonicalize', help: 'canonicalize by following every symlink in\nevery component of the given name recursively;\nall but the last component must exist' },
    existing: { short: 'e', long: 'canonicalize-existing', help: 'canonicalize by following every symlink in\nevery component of the given name recursively,\nall components must exist' },
    missing: { short: 'm', long: 'canonicalize-missing', help: 'canonicalize by following every symlink in\nevery component of the given name recursively,\nwithout requirements on components existence' },
    noNewline: { short: 'n', long: 'no-newline', help: 'do not output the trailing delimiter' },
    quiet: { short: 'q', long: 'quiet', help: '' },
    silent: { short: 's', long: 'silent', help: 'suppress most error messages (on by default)' },
    verbose: { short: 'v', long: 'verbose', help: 'report error messages' },
    zero: { short: 'z', long: 'zero', help: 'end each output line with NUL, not newline' },
  },
  help: { column: 32, usage: ['Usage: %s [OPTION]... FILE...'], intro: 'Print value of a symbolic link or canonical file name\n\n', outro: coreutilsFooter('readlink') },
  version: coreutilsVersion('readlink', 'Dmitry V. Levin'),
})

type Mode = 'f' | 'e' | 'm'

/** canonicalize_filename_mode: the resolved absolute name, or why it has none. */
export function canonicalize(fs: FileSystem, path: string, mode: Mode): string | FsError {
  const real = fs.resolve(path)
  if (real.startsWith('/')) {
    if (mode === 'e' && !fs.stat(real)) return 'ENOENT'
    if (mode === 'f' && !fs.isDir(dirname(real))) return 'ENOENT'
    return real
  }
  if (mode !== 'm' || real === 'ELOOP') return real as FsError
  // -m: the longest prefix that resolves, then the rest of the name as written.
  const parent = dirname(path)
  if (parent === path) return path
  const head = canonicalize(fs, parent, 'm')
  return head.startsWith('/') ? `${head === '/' ? '' : head}/${basename(path)}` : head
}

export const readlink: CommandDef = {
  name: 'readlink',
  path: '/usr/bin/readlink',
  rpm: 'coreutils',
  summary: 'print resolved symbolic links or canonical file names',
  args: ARGS,
  run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    const prog = ctx.argv[0]
    const ops = a.operands
    if (!ops.length) return usageError(ctx, ARGS, 'missing operand')
    // The later of -q/-s and -v wins.
    const verbose = [...a.seen].reverse().find((s) => s.key === 'verbose' || s.key === 'quiet' || s.key === 'silent')?.key === 'verbose'
    const mode = [...a.seen].reverse().find((s) => s.key === 'canonicalize' || s.key === 'existing' || s.key === 'missing')?.key
    let noNewline = a.opts.noNewline
    if (noNewline && ops.length > 1) {
      ctx.err(`${prog}: ignoring --no-newline with multiple arguments\n`)
      noNewline = false
    }
    const end = noNewline ? '' : a.opts.zero ? '\0' : '\n'
    const fs = ctx.host.fs
    let status = 0
    for (const op of ops) {
      const path = abs(ctx, op)
      let value: string | null = null
      let error: FsError = 'ENOENT'
      if (mode) {
        const r = canonicalize(fs, path, mode === 'canonicalize' ? 'f' : mode === 'existing' ? 'e' : 'm')
        if (r.startsWith('/')) value = r
        else error = r as FsError
      } else {
        const n = fs.lstat(path)
        if (n?.type === 'link') value = n.target
        else if (n) error = 'EINVAL'
      }
      if (value !== null) ctx.out(value + end)
      else {
        if (verbose) ctx.err(`${prog}: ${quotef(op)}: ${FS_ERROR_TEXT[error]}\n`)
        status = 1
      }
    }
    return status
  },
}
