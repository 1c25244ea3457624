// mkdir (GNU coreutils 8.32): make directories, -p with their parents and no error for one that
// exists, -m MODE (octal or symbolic, as chmod reads it), -v naming each one made.

import { coreutilsFooter, coreutilsVersion, defineArgs, parseArgs, usageError } from '../../args/index.ts'
import { parseMode } from '../chmod/mode.ts'
import { abs, errText, quote, quoteaf } from '../files.ts'
import type { CommandDef } from '../types.ts'

const ARGS = defineArgs({
  usageStatus: 1,
  options: {
    mode: { short: 'm', long: 'mode', arg: 'required', argName: 'MODE', help: 'set file mode (as in chmod), not a=rwx - umask' },
    parents: { short: 'p', long: 'parents', help: 'no error if existing, make parent directories as needed' },
    verbose: { short: 'v', long: 'verbose', help: 'print a message for each created directory' },
    selinux: { short: 'Z', column: 23, help: 'set SELinux security context of each created directory\n  to the default type', unsimulated: true },
    context: { long: 'context', arg: 'optional', argName: 'CTX', column: 23, help: 'like -Z, or if CTX is specified then set the SELinux\n  or SMACK security context to CTX', unsimulated: true },
  },
  help: {
    usage: ['Usage: %s [OPTION]... DIRECTORY...'],
    column: 20,
    intro: 'Create the DIRECTORY(ies), if they do not already exist.\n\nMandatory arguments to long options are mandatory for short options too.\n',
    outro: coreutilsFooter('mkdir'),
  },
  version: coreutilsVersion('mkdir', 'David MacKenzie'),
})

export const mkdir: CommandDef = {
  name: 'mkdir',
  path: '/usr/bin/mkdir',
  rpm: 'coreutils',
  summary: 'make directories',
  args: ARGS,
  run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    const o = a.opts
    const prog = ctx.argv[0]
    if (!a.operands.length) return usageError(ctx, ARGS, 'missing operand')
    const fs = ctx.host.fs
    let mode = 0o777 & ~fs.umask
    if (o.mode !== undefined) {
      const m = parseMode(o.mode, 0o777, true, fs.umask)
      if (m === null) {
        ctx.err(`${prog}: invalid mode ${quote(o.mode)}\n`)
        return 1
      }
      mode = m
    }
    let status = 0
    for (const op of a.operands) {
      const path = abs(ctx, op)
      if (o.parents) {
        const parts = op.replace(/\/+$/, '').split('/')
        let ok = true
        for (let i = 1; i <= parts.length && ok; i++) {
          const prefix = parts.slice(0, i).join('/')
          if (!prefix) continue
          const p = abs(ctx, prefix)
          const n = fs.stat(p)
          if (n?.type === 'dir') continue
          const e = n ? (i === parts.length ? 'EEXIST' : 'ENOTDIR') : fs.mkdir(p, i === parts.length ? mode : 0o777 & ~fs.umask)
          if (e) {
            ctx.err(`${prog}: cannot create directory ${quote(prefix)}: ${errText(e === 'ENOENT' ? 'ENOTDIR' : e)}\n`)
            status = 1
            ok = false
          } else if (o.verbose) ctx.out(`${prog}: created directory ${quoteaf(prefix)}\n`)
        }
        continue
      }
      const e = fs.mkdir(path, mode)
      if (e) {
        ctx.err(`${prog}: cannot create directory ${quote(op)}: ${errText(e)}\n`)
        status = 1
      } else if (o.verbose) ctx.out(`${prog}: created directory ${quoteaf(op)}\n`)
    }
    return status
  },
}
