// rm (GNU coreutils 8.32): remove files; directories need -r (contents first, as the tree is
// walked depth-first) or -d (only empty ones); -f ignores missing operands; -v names each
// removal; `.`, `..` and `/` are refused as rm refuses them. -i asks before each removal (and
// before descending into a directory that is not empty), -I once before more than three operands
// or a recursive removal; an answer is yes when it starts with y. The last of -f, -i, -I and
// --interactive counts.

import type { AnyNode } from '../../../host/fs.ts'
import type { Proc } from '../../../sim/task.ts'
import { coreutilsFooter, coreutilsVersion, defineArgs, parseArgs, usageError, type Fail } from '../../args/index.ts'
import { confirm } from '../cp/index.ts'
import { abs, join, quote, quoteaf, sizeOf } from '../files.ts'
import type { CommandDef } from '../types.ts'

const WHEN: Record<string, 'never' | 'once' | 'always'> = { never: 'never', no: 'never', none: 'never', once: 'once', always: 'always', yes: 'always' }

/** --interactive's WHEN, abbreviations allowed where they are unambiguous (argmatch). */
function when(v: string): 'never' | 'once' | 'always' | Fail {
  const hits = [...new Set(Object.keys(WHEN).filter((k) => k.startsWith(v)).map((k) => WHEN[k]))]
  if (Object.hasOwn(WHEN, v)) return WHEN[v]
  if (v && hits.length === 1) return hits[0]
  return { fail: `${v && hits.length > 1 ? 'ambiguous' : 'invalid'} argument ${quote(v)} for ‘--interactive’\nValid arguments are:\n  - ‘never’, ‘no’, ‘none’\n  - ‘once’\n  - ‘always’, ‘yes’`, status: 1, tryHelp: true }
}

/** What rm -i calls a file in its question. */
const kind = (n: AnyNode) => (n.type === 'dir' ? 'directory' : n.type === 'link' ? 'symbolic link' : sizeOf(n) ? 'regular file' : 'regular empty file')

const ARGS = defineArgs({
  usageStatus: 1,
  options: {
    force: { short: 'f', long: 'force', help: 'ignore nonexistent files and arguments, never prompt' },
    i: { short: 'i', help: 'prompt before every removal' },
    I: { short: 'I', help: 'prompt once before removing more than three files, or\n  when removing recursively; less intrusive than -i,\n  while still giving protection against most mistakes' },
    interactive: { long: 'interactive', arg: 'optional', argName: 'WHEN', bare: 'always', parse: when, help: 'prompt according to WHEN: never, once (-I), or\n  always (-i); without WHEN, prompt always' },
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
  *run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    const o = a.opts
    const prog = ctx.argv[0]
    const recursive = o.recursive || o.R
    const last = [...a.seen].reverse().find((s) => s.key === 'force' || s.key === 'i' || s.key === 'I' || s.key === 'interactive')
    const prompt = !last || last.key === 'force' ? 'never' : last.key === 'i' ? 'always' : last.key === 'I' ? 'once' : o.interactive!
    const force = last?.key === 'force' || (o.force && prompt === 'never')
    if (!a.operands.length) return o.force ? 0 : usageError(ctx, ARGS, 'missing operand')
    const n = a.operands.length
    if (prompt === 'once' && (n > 3 || recursive) && !(yield* confirm(ctx, `${prog}: remove ${n} argument${n > 1 ? 's' : ''}${recursive ? ' recursively' : ''}? `))) return 0
    const fs = ctx.host.fs
    const fail = (op: string, why: string) => {
      ctx.err(`${prog}: cannot remove ${quoteaf(op)}: ${why}\n`)
      return false
    }
    const ask = (node: AnyNode, op: string): Proc<boolean> => confirm(ctx, `${prog}: remove ${kind(node)} ${quoteaf(op)}? `)
    /** Removes a file, or a directory that is empty by now; false after reporting a failure. */
    const unlink = (path: string, op: string, dir: boolean): boolean => {
      if (fs.isMounted(path) || fs.remove(path)) return fail(op, 'Operation not permitted')
      if (o.verbose) ctx.out(`${dir ? 'removed directory' : 'removed'} ${quoteaf(op)}\n`)
      return true
    }
    /** -r: the contents first, depth-first. Under -i each entry is asked about, and a directory
     *  that is not empty twice (descend, then remove). As remove.c does, a declined file still
     *  lets its directories be asked about (their removal then fails: not empty), while a declined
     *  descent or a failure leaves them silently. */
    const removeTree = function* (op: string, path: string): Proc<'gone' | 'kept' | 'skipped' | 'failed'> {
      const names = fs.list(path) ?? []
      if (prompt === 'always' && names.length && !(yield* confirm(ctx, `${prog}: descend into directory ${quoteaf(op)}? `))) return 'skipped'
      let kept = false
      let blocked = false
      let failed = false
      for (const name of names) {
        const child = join(path, name)
        const shown = join(op, name)
        const node = fs.lstat(child)
        if (!node) continue
        const r = node.type === 'dir' ? yield* removeTree(shown, child) : prompt === 'always' && !(yield* ask(node, shown)) ? 'kept' : unlink(child, shown, false) ? 'gone' : 'failed'
        if (r === 'kept') kept = true
        else if (r !== 'gone') {
          blocked = true
          failed ||= r === 'failed'
        }
      }
      if (blocked) return failed ? 'failed' : 'skipped'
      if (prompt === 'always' && !(yield* ask(fs.lstat(path)!, op))) return 'kept'
      if (kept) {
        fail(op, 'Directory not empty')
        return 'failed'
      }
      return unlink(path, op, true) ? 'gone' : 'failed'
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
        if (!force) status = fail(op, 'No such file or directory') ? status : 1
        continue
      }
      if (node.type === 'dir') {
        if (recursive) {
          if (path === '/' && !o.noPreserveRoot) {
            ctx.err(`${prog}: it is dangerous to operate recursively on '/'\n${prog}: use --no-preserve-root to override this failsafe\n`)
            status = 1
            continue
          }
          if ((yield* removeTree(op, path)) === 'failed') status = 1
          continue
        }
        if (!o.dir) status = fail(op, 'Is a directory') ? status : 1
        else if (fs.list(path)?.length) status = fail(op, 'Directory not empty') ? status : 1
        else if (prompt === 'always' && !(yield* ask(node, op))) continue
        else if (!unlink(path, op, true)) status = 1
        continue
      }
      if (prompt === 'always' && !(yield* ask(node, op))) continue
      if (!unlink(path, op, false)) status = 1
    }
    return status
  },
}
