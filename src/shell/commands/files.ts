// What the coreutils commands share: resolving paths against the working directory, opening an
// operand (`-` is stdin, a `<(cmd)` its pipe) as a stream or reading it to its end, which every
// program that reads files does through openInput, and the three ways GNU quotes a name in a message (quotef
// for `cat: NAME: error`, quoteaf for `cannot access 'NAME'`, quote for a value, which in a UTF-8
// locale uses curly quotes: `invalid number: ‘x’`).

import { FS_ERROR_TEXT, normalizePath, type AnyNode, type FsError, type FsFail } from '../../host/fs.ts'
import { byteLength, LineReader, type Line } from '../text/lines.ts'
import { procSubAt, procSubInput } from '../exec/procsub.ts'
import type { Proc } from '../../sim/task.ts'
import { textInput, type Input } from '../stream.ts'
import type { CommandContext } from './types.ts'

export function abs(ctx: CommandContext, path: string): string {
  return normalizePath(ctx.session.cwd, path)
}

export function errText(e: FsError): string {
  return FS_ERROR_TEXT[e]
}

const SAFE = /^[A-Za-z0-9_./,:+@%=^-]+$/

/** shell-escape style, always quoted: `'a b'`, `"it's"`. */
export function quoteaf(s: string): string {
  if (!s.includes("'")) return `'${s}'`
  if (!/[$`"\\!]/.test(s)) return `"${s}"`
  return `'${s.replaceAll("'", `'\\''`)}'`
}

/** shell-escape style, quoted only when needed: `a.txt`, `'a b'`. */
export function quotef(s: string): string {
  return SAFE.test(s) ? s : quoteaf(s)
}

/** locale style under en_US.UTF-8: ‘value’. */
export function quote(s: string): string {
  return `‘${s}’`
}

/** The contents of a file operand, or why it cannot be read. */
export function readFile(ctx: CommandContext, op: string): string | FsFail {
  return ctx.host.fs.read(abs(ctx, op))
}

/** An operand as a stream: `-` is stdin (once), a file its contents, or the error opening it. */
export function openInput(ctx: CommandContext, op: string): Input | FsError {
  if (op === '-') return ctx.stdin
  const pipe = procSubInput(ctx.session.subs, abs(ctx, op))
  if (pipe) return pipe
  const r = readFile(ctx, op)
  return typeof r === 'string' ? textInput(r) : r.error
}

/** Is the operand a `<(cmd)`'s pipe (not a regular file: wc pads its counts as for stdin)? */
export function isPipe(ctx: CommandContext, op: string): boolean {
  return procSubAt(ctx.session.subs, abs(ctx, op)) !== null
}

/** An operand read to its end (openInput's, so a `<(cmd)` is waited for until cmd closes it). */
export function* readInput(ctx: CommandContext, op: string): Proc<string | FsFail> {
  const input = openInput(ctx, op)
  return typeof input === 'string' ? { error: input } : yield* input.readAll()
}

/** Every operand's lines (stdin when none), as the line filters of coreutils read them: an operand
 *  that cannot be opened is reported (`PROG: NAME: error` unless the tool words it otherwise), makes
 *  the status 1, and the rest go on. */
export function* eachLine(ctx: CommandContext, operands: readonly string[], line: (l: Line) => void, message = (op: string, e: FsError) => `${quotef(op)}: ${errText(e)}`): Proc<number> {
  let status = 0
  for (const op of operands.length ? operands : ['-']) {
    const input = openInput(ctx, op)
    if (typeof input === 'string') {
      ctx.err(`${ctx.argv[0]}: ${message(op, input)}\n`)
      status = 1
      continue
    }
    const reader = new LineReader(input)
    for (let l = yield* reader.next(); l; l = yield* reader.next()) line(l)
  }
  return status
}

/** `drwxr-xr-x`, with the setuid/setgid/sticky letters, as ls -l and stat print a mode. */
export function modeString(n: AnyNode): string {
  const m = n.mode
  const bit = (on: number, c: string) => (m & on ? c : '-')
  const special = (exec: number, flag: number, set: string, unset: string, c: string) => (m & flag ? (m & exec ? set : unset) : bit(exec, c))
  return (
    (n.type === 'dir' ? 'd' : n.type === 'link' ? 'l' : '-') +
    bit(0o400, 'r') + bit(0o200, 'w') + special(0o100, 0o4000, 's', 'S', 'x') +
    bit(0o040, 'r') + bit(0o020, 'w') + special(0o010, 0o2000, 's', 'S', 'x') +
    bit(0o004, 'r') + bit(0o002, 'w') + special(0o001, 0o1000, 't', 'T', 'x')
  )
}

/** Bytes on disk as ext4 reports them: directories one 4 KiB block, files their content, a
 *  symlink the length of its target. */
export function sizeOf(n: AnyNode): number {
  return n.type === 'dir' ? 4096 : n.type === 'link' ? (n.size ?? byteLength(n.target)) : byteLength(n.content)
}

/** 1 KiB blocks allocated (4 KiB granules), as `ls -s` and the `total` line count them; a short
 *  symlink lives in its inode (ext4's fast symlink) and has none. */
export function blocksOf(n: AnyNode): number {
  return n.type === 'link' && n.target.length < 60 ? 0 : Math.ceil(sizeOf(n) / 4096) * 4
}

/** Hard links: a file has one per name, a directory two plus one per subdirectory. */
export function linksOf(ctx: CommandContext, path: string, n: AnyNode): number {
  if (n.type !== 'dir') return ctx.host.fs.links(path)
  const base = path === '/' ? '' : path
  return 2 + (ctx.host.fs.list(path) ?? []).filter((c) => ctx.host.fs.lstat(`${base}/${c}`)?.type === 'dir').length
}

export function join(dir: string, name: string): string {
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`
}

/** The lab's inode number of a path (stat %i, ls -i): one file system per host, numbers derived
 *  from the path, so they stay the same across a replay. */
export function inode(path: string): number {
  let h = 2166136261
  for (let i = 0; i < path.length; i++) h = Math.imul(h ^ path.charCodeAt(i), 16777619) >>> 0
  return 100000 + (h % 9000000)
}
