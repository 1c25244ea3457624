// What the coreutils commands share: resolving paths against the working directory, reading
// operands or stdin, and GNU's `cmd: 'path': message` error style.

import { FS_ERROR_TEXT, normalizePath, type FsError } from '../../host/fs.ts'
import type { Proc } from '../../sim/task.ts'
import type { CommandContext } from './types.ts'

export function abs(ctx: CommandContext, path: string): string {
  return normalizePath(ctx.session.cwd, path)
}

export function errText(e: FsError): string {
  return FS_ERROR_TEXT[e]
}

/** Splits `-abc` style flags from operands; `--` ends options. */
export function flagsAndOperands(args: string[], valued: string[] = []): { flags: Set<string>; values: Map<string, string>; operands: string[] } {
  const flags = new Set<string>()
  const values = new Map<string, string>()
  const operands: string[] = []
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    if (a === '--') {
      operands.push(...args.slice(i + 1))
      break
    }
    if (a.startsWith('--') && a.length > 2) {
      const [k, v] = a.slice(2).split('=')
      flags.add(k)
      if (v !== undefined) values.set(k, v)
    } else if (a.startsWith('-') && a.length > 1 && !/^-\d+$/.test(a)) {
      for (let j = 1; j < a.length; j++) {
        const f = a[j]
        if (valued.includes(f)) {
          values.set(f, a.slice(j + 1) || args[++i] || '')
          break
        }
        flags.add(f)
      }
    } else if (/^-\d+$/.test(a)) values.set('n', a.slice(1))
    else operands.push(a)
  }
  return { flags, values, operands }
}

/** Contents of each operand (or stdin when none, or for `-`); errors are reported GNU-style. */
export function* readInputs(ctx: CommandContext, name: string, operands: string[]): Proc<{ texts: { name: string; text: string }[]; status: number }> {
  if (!operands.length) return { texts: [{ name: '-', text: yield* ctx.stdin.readAll() }], status: 0 }
  const texts: { name: string; text: string }[] = []
  let status = 0
  for (const op of operands) {
    if (op === '-') {
      texts.push({ name: '-', text: yield* ctx.stdin.readAll() })
      continue
    }
    const r = ctx.host.fs.read(abs(ctx, op))
    if (typeof r !== 'string') {
      ctx.err(`${name}: ${op}: ${errText(r.error)}\n`)
      status = 1
      continue
    }
    texts.push({ name: op, text: r })
  }
  return { texts, status }
}
