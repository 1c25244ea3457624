// realpath (GNU coreutils 8.32): each FILE's absolute name with every symbolic link followed and
// `.`/`..` removed (all but the last component must exist; -e all, -m none); -s only tidies the
// name, -L removes `..` before following links; --relative-to / --relative-base print the name
// relative to a directory, as relpath.c does.

import { normalizePath } from '../../../host/fs.ts'
import { coreutilsFooter, coreutilsVersion, defineArgs, parseArgs, usageError } from '../../args/index.ts'
import { abs, errText, quotef } from '../files.ts'
import { canonicalize } from '../readlink/index.ts'
import type { CommandContext, CommandDef } from '../types.ts'

const ARGS = defineArgs({
  usageStatus: 1,
  options: {
    existing: { short: 'e', long: 'canonicalize-existing', help: 'all components of the path must exist' },
    missing: { short: 'm', long: 'canonicalize-missing', help: 'no path components need exist or be a directory' },
    logical: { short: 'L', long: 'logical', help: "resolve '..' components before symlinks" },
    physical: { short: 'P', long: 'physical', help: 'resolve symlinks as encountered (default)' },
    quiet: { short: 'q', long: 'quiet', help: 'suppress most error messages' },
    relativeTo: { long: 'relative-to', arg: 'required', argName: 'DIR', help: 'print the resolved path relative to DIR' },
    relativeBase: { long: 'relative-base', arg: 'required', argName: 'DIR', help: 'print absolute paths unless paths below DIR' },
    strip: { short: 's', long: ['strip', 'no-symlinks'], help: "don't expand symlinks" },
    zero: { short: 'z', long: 'zero', help: 'end each output line with NUL, not newline' },
  },
  help: { column: 31, usage: ['Usage: %s [OPTION]... FILE...'], intro: 'Print the resolved absolute file name;\nall but the last component must exist\n\n', beforeStandard: '\n', outro: coreutilsFooter('realpath') },
  version: coreutilsVersion('realpath', 'Padraig Brady'),
})

/** Is `path` `dir` or below it? */
const under = (path: string, dir: string) => dir === '/' || path === dir || path.startsWith(dir + '/')

/** `path` relative to `dir` (both absolute and canonical): up to their common directory, then down. */
function relative(path: string, dir: string): string {
  const p = path.split('/').filter(Boolean)
  const d = dir.split('/').filter(Boolean)
  let common = 0
  while (common < p.length && common < d.length && p[common] === d[common]) common++
  const parts = [...d.slice(common).map(() => '..'), ...p.slice(common)]
  return parts.length ? parts.join('/') : '.'
}

export const realpath: CommandDef = {
  name: 'realpath',
  path: '/usr/bin/realpath',
  rpm: 'coreutils',
  summary: 'print the resolved path',
  args: ARGS,
  run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    const o = a.opts
    const prog = ctx.argv[0]
    if (!a.operands.length) return usageError(ctx, ARGS, 'missing operand')
    const mode = [...a.seen].reverse().find((s) => s.key === 'existing' || s.key === 'missing')?.key === 'missing' ? 'm' : o.existing ? 'e' : 'f'
    const logical = [...a.seen].reverse().find((s) => s.key === 'logical' || s.key === 'physical')?.key === 'logical'
    const resolve = (ctx: CommandContext, name: string, need: 'f' | 'e' | 'm'): string | { error: ReturnType<typeof errText> } => {
      const path = abs(ctx, name)
      if (o.strip) return path
      const r = canonicalize(ctx.host.fs, logical ? normalizePath('/', path) : path, need)
      return r.startsWith('/') ? r : { error: errText(r as Parameters<typeof errText>[0]) }
    }
    // The directories are resolved as -e would (they must exist), unless -m.
    const dirs: (string | undefined)[] = []
    for (const d of [o.relativeTo, o.relativeBase]) {
      if (d === undefined) {
        dirs.push(undefined)
        continue
      }
      const r = resolve(ctx, d, mode === 'm' ? 'm' : 'e')
      if (typeof r !== 'string') {
        ctx.err(`${prog}: ${quotef(d)}: ${r.error}\n`)
        return 1
      }
      dirs.push(r)
    }
    let [to, base] = dirs
    if (base !== undefined && to !== undefined && !under(to, base)) [to, base] = [undefined, undefined]
    else if (base !== undefined && to === undefined) to = base
    const end = o.zero ? '\0' : '\n'
    let status = 0
    for (const op of a.operands) {
      const r = resolve(ctx, op, mode)
      if (typeof r !== 'string') {
        if (!o.quiet) ctx.err(`${prog}: ${quotef(op)}: ${r.error}\n`)
        status = 1
        continue
      }
      const shown = to !== undefined && (base === undefined || under(r, base)) ? relative(r, to) : r
      ctx.out(shown + end)
    }
    return status
  },
}
