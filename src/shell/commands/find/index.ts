// find (GNU findutils 4.8): walk each starting point depth-first and evaluate the expression on
// every file: tests (-name -iname -path -type -empty -newer -size -perm -mtime, -prune), actions
// (-print -print0 -delete -exec … \; and +), operators (! -not -a -and -o -or, parentheses),
// global options (-maxdepth -mindepth), -help and -version. find parses its own expression, not getopt options; its
// errors are `find: unknown predicate `-foo'` and `find: missing argument to `-name'`, status 1.
// Entries are visited in name order (the real order is the directory's, which varies by disk).

import type { AnyNode } from '../../../host/fs.ts'
import type { Proc } from '../../../sim/task.ts'
import { runChild } from '../exec.ts'
import { abs, join, sizeOf } from '../files.ts'
import type { CommandContext, CommandDef } from '../types.ts'
import { globRegex } from '../../text/glob.ts'

interface Visit {
  shown: string
  path: string
  node: AnyNode
  depth: number
  /** Set by -prune: the walk does not descend here. */
  pruned?: boolean
}

type Expr =
  | { op: 'and' | 'or'; l: Expr; r: Expr }
  | { op: 'not'; e: Expr }
  | { op: 'test'; name: string; arg?: string; test: (v: Visit) => boolean }
  | { op: 'action'; name: string; args?: string[]; batch?: boolean }

class FindError extends Error {}

function sizeTest(arg: string): ((v: Visit) => boolean) | null {
  const m = /^([+-]?)(\d+)([bcwkMG]?)$/.exec(arg)
  if (!m) return null
  const unit = { b: 512, c: 1, w: 2, k: 1024, M: 1048576, G: 1073741824, '': 512 }[m[3]]!
  const n = Number(m[2])
  return (v) => {
    const size = Math.ceil(sizeOf(v.node) / unit)
    return m[1] === '+' ? size > n : m[1] === '-' ? size < n : size === n
  }
}

function parseExpr(ctx: CommandContext, words: string[]): { expr: Expr | null; maxdepth: number; mindepth: number; hasAction: boolean } {
  let i = 0
  let maxdepth = Infinity
  let mindepth = 0
  let hasAction = false
  const need = (name: string) => {
    if (i >= words.length) throw new FindError(`missing argument to \`${name}'`)
    return words[i++]
  }
  /** An operand of `op` (findutils' messages when it is missing). */
  const operand = (op: string): Expr => {
    if (i >= words.length) throw new FindError(`expected an expression after '${op}'`)
    return primary()
  }
  const primary = (): Expr => {
    const w = words[i++]
    if (w === '(') {
      if (i >= words.length || words[i] === ')') throw new FindError("invalid expression; expected to find a ')' but didn't see one. Perhaps you need an extra predicate after '('")
      const e = or()
      if (words[i] !== ')') throw new FindError("invalid expression; I was expecting to find a ')' somewhere but did not see one.")
      i++
      return e
    }
    if (w === '-o' || w === '-or' || w === '-a' || w === '-and') throw new FindError(`invalid expression; you have used a binary operator '${w}' with nothing before it.`)
    if (w === '!' || w === '-not') return { op: 'not', e: operand(w) }
    switch (w) {
      case '-name':
      case '-iname': {
        const re = globRegex(need(w), w === '-iname' ? 'i' : '')
        return { op: 'test', name: w, test: (v) => re.test(v.shown === '/' ? '/' : v.shown.replace(/\/+$/, '').split('/').pop()!) }
      }
      case '-path':
      case '-ipath':
      case '-wholename': {
        const re = globRegex(need(w), w === '-ipath' ? 'i' : '')
        return { op: 'test', name: w, test: (v) => re.test(v.shown) }
      }
      case '-type': {
        const t = need(w)
        if (!/^[bcdpfls]$/.test(t)) throw new FindError(`Unknown argument to -type: ${t}`)
        return { op: 'test', name: w, test: (v) => (t === 'd' ? v.node.type === 'dir' : t === 'f' ? v.node.type === 'file' : false) }
      }
      case '-empty':
        return { op: 'test', name: w, test: (v) => (v.node.type === 'dir' ? !(ctx.host.fs.list(v.path) ?? []).length : sizeOf(v.node) === 0) }
      case '-newer': {
        const ref = need(w)
        const n = ctx.host.fs.stat(abs(ctx, ref))
        if (!n) throw new FindError(`‘${ref}’: No such file or directory`)
        return { op: 'test', name: w, test: (v) => v.node.mtime > n.mtime }
      }
      case '-size': {
        const arg = need(w)
        const t = sizeTest(arg)
        if (!t) throw new FindError(`Invalid argument \`${arg}' to -size`)
        return { op: 'test', name: w, test: t }
      }
      case '-perm': {
        const arg = need(w)
        const m = /^([-/]?)([0-7]+)$/.exec(arg)
        if (!m) throw new FindError(`invalid mode ‘${arg}’`)
        const bits = parseInt(m[2], 8)
        return { op: 'test', name: w, test: (v) => (m[1] === '-' ? (v.node.mode & bits) === bits : m[1] === '/' ? (v.node.mode & bits) !== 0 || bits === 0 : (v.node.mode & 0o7777) === bits) }
      }
      case '-mtime':
      case '-mmin': {
        const arg = need(w)
        const m = /^([+-]?)(\d+)$/.exec(arg)
        if (!m) throw new FindError(`invalid argument \`${arg}' to \`${w}'`)
        const unit = w === '-mtime' ? 86400 : 60
        const n = Number(m[2])
        return { op: 'test', name: w, test: (v) => {
          const age = Math.floor((ctx.host.wall() - v.node.mtime) / unit)
          return m[1] === '+' ? age > n : m[1] === '-' ? age < n : age === n
        } }
      }
      case '-maxdepth':
      case '-mindepth': {
        const arg = need(w)
        if (!/^\d+$/.test(arg)) throw new FindError(`Expected a positive decimal integer argument to ${w}, but got ‘${arg}’`)
        if (w === '-maxdepth') maxdepth = Number(arg)
        else mindepth = Number(arg)
        return { op: 'test', name: w, test: () => true }
      }
      case '-true':
        return { op: 'test', name: w, test: () => true }
      case '-false':
        return { op: 'test', name: w, test: () => false }
      case '-prune':
        // True, and the walk does not go into this directory; not an action, so the implicit
        // -print still applies.
        return { op: 'test', name: w, test: (v) => (v.pruned = true) }
      case '-print':
      case '-print0':
      case '-delete':
        hasAction = true
        return { op: 'action', name: w }
      case '-exec':
      case '-ok': {
        const args: string[] = []
        while (i < words.length && words[i] !== ';' && !(words[i] === '+' && words[i - 1] === '{}')) args.push(words[i++])
        if (i >= words.length || !args.length) throw new FindError(`missing argument to \`${w}'`)
        const batch = words[i] === '+'
        i++
        hasAction = true
        return { op: 'action', name: '-exec', args, batch }
      }
      default:
        if (w?.startsWith('-')) throw new FindError(`unknown predicate \`${w}'`)
        throw new FindError(`paths must precede expression: \`${w}'`)
    }
  }
  const and = (): Expr => {
    let l = primary()
    while (i < words.length && words[i] !== '-o' && words[i] !== '-or' && words[i] !== ')') {
      const op = words[i] === '-a' || words[i] === '-and' ? words[i++] : '-a'
      l = { op: 'and', l, r: operand(op) }
    }
    return l
  }
  const or = (): Expr => {
    let l = and()
    while (words[i] === '-o' || words[i] === '-or') {
      const op = words[i++]
      if (i >= words.length) throw new FindError(`expected an expression after '${op}'`)
      l = { op: 'or', l, r: and() }
    }
    return l
  }
  const expr = words.length ? or() : null
  if (i < words.length) throw new FindError(`paths must precede expression: \`${words[i]}'`)
  return { expr, maxdepth, mindepth, hasAction }
}

/** findutils 4.8.0's usage() (find/util.c), as RHEL 9's find prints it (recorded: tests/fixtures/tools/options.json). */
const HELP = "Usage: %s [-H] [-L] [-P] [-Olevel] [-D debugopts] [path...] [expression]\n\ndefault path is the current directory; default expression is -print\nexpression may consist of: operators, options, tests, and actions:\noperators (decreasing precedence; -and is implicit where no others are given):\n      ( EXPR )   ! EXPR   -not EXPR   EXPR1 -a EXPR2   EXPR1 -and EXPR2\n      EXPR1 -o EXPR2   EXPR1 -or EXPR2   EXPR1 , EXPR2\npositional options (always true): -daystart -follow -regextype\n\nnormal options (always true, specified before other expressions):\n      -depth --help -maxdepth LEVELS -mindepth LEVELS -mount -noleaf\n      --version -xdev -ignore_readdir_race -noignore_readdir_race\ntests (N can be +N or -N or N): -amin N -anewer FILE -atime N -cmin N\n      -cnewer FILE -ctime N -empty -false -fstype TYPE -gid N -group NAME\n      -ilname PATTERN -iname PATTERN -inum N -iwholename PATTERN -iregex PATTERN\n      -links N -lname PATTERN -mmin N -mtime N -name PATTERN -newer FILE\n      -nouser -nogroup -path PATTERN -perm [-/]MODE -regex PATTERN\n      -readable -writable -executable\n      -wholename PATTERN -size N[bcwkMG] -true -type [bcdpflsD] -uid N\n      -used N -user NAME -xtype [bcdpfls]      -context CONTEXT\n\nactions: -delete -print0 -printf FORMAT -fprintf FILE FORMAT -print \n      -fprint0 FILE -fprint FILE -ls -fls FILE -prune -quit\n      -exec COMMAND ; -exec COMMAND {} + -ok COMMAND ;\n      -execdir COMMAND ; -execdir COMMAND {} + -okdir COMMAND ;\n\nValid arguments for -D:\nexec, opt, rates, search, stat, time, tree, all, help\nUse '-D help' for a description of the options, or see find(1)\n\nPlease see also the documentation at http://www.gnu.org/software/findutils/.\nYou can report (and track progress on fixing) bugs in the \"find\"\nprogram via the GNU findutils bug-reporting page at\nhttps://savannah.gnu.org/bugs/?group=findutils or, if\nyou have no web access, by sending email to <bug-findutils@gnu.org>.\n"

/** RHEL 9 builds findutils 4.8.0 with SELinux (findutils.spec: --with-selinux), which the
 *  features line names after LEAF_OPTIMISATION (find/util.c); Debian's 4.9.0 lacks it. */
const VERSION = `find (GNU findutils) 4.8.0
Copyright (C) 2021 Free Software Foundation, Inc.
License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.
This is free software: you are free to change and redistribute it.
There is NO WARRANTY, to the extent permitted by law.

Written by Eric B. Decker, James Youngman, and Kevin Dalley.
Features enabled: D_TYPE O_NOFOLLOW(enabled) LEAF_OPTIMISATION SELINUX FTS(FTS_CWDFD) CBO(level=2) 
`

export const find: CommandDef = {
  name: 'find',
  path: '/usr/bin/find',
  rpm: 'findutils',
  summary: 'search for files in a directory hierarchy',
  completions: ['-name', '-iname', '-path', '-type', '-empty', '-newer', '-size', '-perm', '-mtime', '-mmin', '-maxdepth', '-mindepth', '-print', '-print0', '-prune', '-delete', '-exec', '-not', '-o', '-a'],
  *run(ctx) {
    const prog = ctx.argv[0]
    const args = ctx.argv.slice(1)
    // -help/--help and -version/--version are primaries that answer at once, wherever the
    // expression begins.
    const first = args.find((w) => w.startsWith('-') && w.length > 1)
    if (first === '--help' || first === '-help') {
      ctx.out(HELP.replace('%s', prog))
      return 0
    }
    if (first === '--version' || first === '-version') {
      ctx.out(VERSION)
      return 0
    }
    let k = 0
    while (k < args.length && !(args[k].startsWith('-') && args[k].length > 1) && args[k] !== '(' && args[k] !== '!') k++
    const starts = k ? args.slice(0, k) : ['.']
    let parsed: ReturnType<typeof parseExpr>
    try {
      parsed = parseExpr(ctx, args.slice(k))
    } catch (e) {
      if (!(e instanceof FindError)) throw e
      ctx.err(`${prog}: ${e.message}\n`)
      return 1
    }
    const { expr, maxdepth, mindepth, hasAction } = parsed
    const fs = ctx.host.fs
    let status = 0
    const batches = new Map<Expr, string[]>()
    const deletions: Visit[] = []
    const run = function* (e: Expr | null, v: Visit): Proc<boolean> {
      if (!e) return true
      switch (e.op) {
        case 'and':
          return (yield* run(e.l, v)) && (yield* run(e.r, v))
        case 'or':
          return (yield* run(e.l, v)) || (yield* run(e.r, v))
        case 'not':
          return !(yield* run(e.e, v))
        case 'test':
          return e.test(v)
        case 'action':
          if (e.name === '-print') ctx.out(v.shown + '\n')
          else if (e.name === '-print0') ctx.out(v.shown + '\0')
          else if (e.name === '-delete') deletions.push(v)
          else if (e.batch) batches.set(e, [...(batches.get(e) ?? []), v.shown])
          else {
            const r = yield* runChild(ctx, e.args!.map((a) => a.replaceAll('{}', v.shown)), '')
            return r === 0
          }
          return true
      }
    }
    const walk = function* (v: Visit): Proc<void> {
      if (v.depth >= mindepth) {
        const hit = yield* run(expr, v)
        if (hit && !hasAction) ctx.out(v.shown + '\n')
      }
      if (v.node.type !== 'dir' || v.depth >= maxdepth || v.pruned) return
      for (const name of fs.list(v.path) ?? []) {
        const path = join(v.path, name)
        // find -P, the default: a symlink met in the walk is visited, not followed.
        const node = fs.lstat(path)
        if (node) yield* walk({ shown: join(v.shown, name), path, node, depth: v.depth + 1 })
      }
    }
    for (const s of starts) {
      const path = abs(ctx, s)
      const node = fs.stat(path)
      if (!node) {
        ctx.err(`${prog}: ‘${s}’: No such file or directory\n`)
        status = 1
        continue
      }
      yield* walk({ shown: s, path, node, depth: 0 })
    }
    for (const [e, files] of batches) {
      if (e.op !== 'action') continue
      const at = e.args!.indexOf('{}')
      const r = yield* runChild(ctx, [...e.args!.slice(0, at), ...files, ...e.args!.slice(at + 1)], '')
      if (r !== 0) status = 1
    }
    for (const v of deletions.reverse()) {
      if (fs.isMounted(v.path) || (v.node.type === 'dir' && fs.list(v.path)?.length)) {
        ctx.err(`${prog}: cannot delete ‘${v.shown}’: ${fs.isMounted(v.path) ? 'Operation not permitted' : 'Directory not empty'}\n`)
        status = 1
      } else fs.remove(v.path)
    }
    return status
  },
}
