// What the coreutils commands share: resolving paths against the working directory, opening an
// operand (`-` is stdin) as a stream, and the three ways GNU quotes a name in a message (quotef
// for `cat: NAME: error`, quoteaf for `cannot access 'NAME'`, quote for a value, which in a UTF-8
// locale uses curly quotes: `invalid number: ‘x’`).

import { FS_ERROR_TEXT, normalizePath, type FsError, type FsFail } from '../../host/fs.ts'
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
  const r = readFile(ctx, op)
  return typeof r === 'string' ? textInput(r) : r.error
}
