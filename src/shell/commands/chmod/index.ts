// chmod (GNU coreutils 8.32): change mode bits, octal or symbolic (chmod/mode.ts), -R through
// trees, -v for every file and -c for those changed (`mode of 'f' changed from 0644 (rw-r--r--)
// to 0755 (rwxr-xr-x)`), -f quiet about files it cannot change.

import { coreutilsFooter, coreutilsVersion, defineArgs, parseArgs, usageError } from '../../args/index.ts'
import { abs, join, modeString, quote, quoteaf } from '../files.ts'
import type { CommandContext, CommandDef } from '../types.ts'
import { parseMode } from './mode.ts'

const ARGS = defineArgs({
  usageStatus: 1,
  options: {
    changes: { short: 'c', long: 'changes', help: 'like verbose but report only when a change is made' },
    silent: { short: 'f', long: ['silent', 'quiet'], help: 'suppress most error messages' },
    verbose: { short: 'v', long: 'verbose', help: 'output a diagnostic for every file processed' },
    noPreserveRoot: { long: 'no-preserve-root', help: "do not treat '/' specially (the default)" },
    preserveRoot: { long: 'preserve-root', help: "fail to operate recursively on '/'", unsimulated: true },
    reference: { long: 'reference', arg: 'required', argName: 'RFILE', help: "use RFILE's mode instead of MODE values", unsimulated: true },
    recursive: { short: 'R', long: 'recursive', help: 'change files and directories recursively' },
  },
  help: {
    usage: ['Usage: %s [OPTION]... MODE[,MODE]... FILE...', '  or:  %s [OPTION]... OCTAL-MODE FILE...', '  or:  %s [OPTION]... --reference=RFILE FILE...'],
    intro: 'Change the mode of each FILE to MODE.\nWith --reference, change the mode of each FILE to that of RFILE.\n\n',
    column: 25,
    outro: "\nEach MODE is of the form '[ugoa]*([-+=]([rwxXst]*|[ugo]))+|[-+=][0-7]+'.\n" + coreutilsFooter('chmod'),
  },
  version: coreutilsVersion('chmod', 'David MacKenzie and Jim Meyering'),
})

/** A mode like `-w` or `-x` is a mode, not an option: chmod lets getopt see only the rest. */
function splitModeArg(argv: string[]): { argv: string[]; mode?: string } {
  const i = argv.findIndex((w, k) => k > 0 && /^-[rwxXstugo]+$/.test(w) && !/^-[cfvR]+$/.test(w))
  return i < 0 ? { argv } : { argv: [...argv.slice(0, i), ...argv.slice(i + 1)], mode: argv[i] }
}

export const chmod: CommandDef = {
  name: 'chmod',
  path: '/usr/bin/chmod',
  rpm: 'coreutils',
  summary: 'change file mode bits',
  args: ARGS,
  run(ctx) {
    const split = splitModeArg(ctx.argv)
    const a = parseArgs({ ...ctx, argv: split.argv }, ARGS)
    if (typeof a === 'number') return a
    const o = a.opts
    const prog = ctx.argv[0]
    const operands = split.mode ? [split.mode, ...a.operands] : a.operands
    if (!operands.length) return usageError(ctx, ARGS, 'missing operand')
    const [spec, ...files] = operands
    if (!files.length) return usageError(ctx, ARGS, `missing operand after ${quote(spec)}`)
    const fs = ctx.host.fs
    if (parseMode(spec, 0, false, fs.umask) === null) return usageError(ctx, ARGS, `invalid mode: ${quote(spec)}`)
    const octal = (m: number) => (m & 0o7777).toString(8).padStart(4, '0')
    let status = 0
    const apply = (c: CommandContext, shown: string, path: string) => {
      const node = fs.stat(path)
      if (!node) {
        if (!o.silent) ctx.err(`${prog}: cannot access ${quoteaf(shown)}: No such file or directory\n`)
        status = 1
        return
      }
      const before = node.mode
      const after = parseMode(spec, before, node.type === 'dir', fs.umask)!
      if (fs.isMounted(path)) {
        if (!o.silent) ctx.err(`${prog}: changing permissions of ${quoteaf(shown)}: Operation not permitted\n`)
        status = 1
      } else fs.chmod(path, after)
      const sym = (m: number) => modeString({ ...node, mode: m }).slice(1)
      if (o.verbose || (o.changes && before !== after)) ctx.out(before === after ? `mode of ${quoteaf(shown)} retained as ${octal(after)} (${sym(after)})\n` : `mode of ${quoteaf(shown)} changed from ${octal(before)} (${sym(before)}) to ${octal(after)} (${sym(after)})\n`)
      // The walk does not follow symlinks, and a link's own mode never changes (-P).
      if (o.recursive && node.type === 'dir') for (const name of fs.list(path) ?? []) if (fs.lstat(join(path, name))?.type !== 'link') apply(c, join(shown, name), join(path, name))
    }
    for (const f of files) apply(ctx, f, abs(ctx, f))
    return status
  },
}
