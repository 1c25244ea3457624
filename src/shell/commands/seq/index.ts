// seq (GNU coreutils 8.32): FIRST, INCREMENT and LAST (defaults 1 and 1), each value computed as
// FIRST + i × INCREMENT rather than by repeated addition; printed with as many decimals as FIRST
// or INCREMENT has, padded to equal width by -w, joined by -s, or through a printf -f format.
// A negative number ends the options (`seq -5 -1`), as seq checks before calling getopt.

import { coreutilsFooter, coreutilsVersion, defineArgs, parseArgs, usageError } from '../../args/index.ts'
import { formatNumber, parseDirective } from '../../text/printf.ts'
import { quote } from '../files.ts'
import type { CommandDef } from '../types.ts'

const ARGS = defineArgs({
  usageStatus: 1,
  options: {
    format: { short: 'f', long: 'format', arg: 'required', argName: 'FORMAT', help: 'use printf style floating-point FORMAT' },
    separator: { short: 's', long: 'separator', arg: 'required', argName: 'STRING', help: 'use STRING to separate numbers (default: \\n)' },
    width: { short: 'w', long: 'equal-width', help: 'equalize width by padding with leading zeroes' },
  },
  help: {
    usage: ['Usage: %s [OPTION]... LAST', '  or:  %s [OPTION]... FIRST LAST', '  or:  %s [OPTION]... FIRST INCREMENT LAST'],
    intro: 'Print numbers from FIRST to LAST, in steps of INCREMENT.\n\nMandatory arguments to long options are mandatory for short options too.\n',
    outro:
      "\nIf FIRST or INCREMENT is omitted, it defaults to 1.  That is, an\nomitted INCREMENT defaults to 1 even when LAST is smaller than FIRST.\nThe sequence of numbers ends when the sum of the current number and\nINCREMENT would become greater than LAST.\nFIRST, INCREMENT, and LAST are interpreted as floating point values.\nINCREMENT is usually positive if FIRST is smaller than LAST, and\nINCREMENT is usually negative if FIRST is greater than LAST.\nINCREMENT must not be 0; none of FIRST, INCREMENT and LAST may be NaN.\nFORMAT must be suitable for printing one argument of type 'double';\nit defaults to %.PRECf if FIRST, INCREMENT, and LAST are all fixed point\ndecimal numbers with maximum precision PREC, and to %g otherwise.\n" +
      coreutilsFooter('seq'),
  },
  version: coreutilsVersion('seq', 'Ulrich Drepper'),
})

/** The lab's bound on one sequence (the real seq would print until killed). */
const LIMIT = 1_000_000

const NUMBER = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$|^\s*[+-]?(?:inf|infinity|nan)$/i

/** Decimals shown for an operand: those after the point, less a negative exponent's digits. */
function precision(s: string): number {
  const m = /\.(\d*)(?:[eE]([+-]?\d+))?$/.exec(s.trim()) ?? /(?:[eE]([+-]?\d+))$/.exec(s.trim())
  if (!m) return 0
  const frac = s.includes('.') ? (m[1] ?? '').length : 0
  const exp = Number((s.includes('.') ? m[2] : m[1]) ?? 0)
  return Math.max(0, frac - exp)
}

export const seq: CommandDef = {
  name: 'seq',
  path: '/usr/bin/seq',
  rpm: 'coreutils',
  summary: 'print a sequence of numbers',
  args: ARGS,
  run(ctx) {
    const cut = ctx.argv.findIndex((w, i) => i > 0 && /^-[.\d]/.test(w))
    const head = cut < 0 ? ctx.argv : ctx.argv.slice(0, cut)
    const a = parseArgs({ ...ctx, argv: head }, ARGS)
    if (typeof a === 'number') return a
    const operands = [...a.operands, ...(cut < 0 ? [] : ctx.argv.slice(cut))]
    if (!operands.length) return usageError(ctx, ARGS, 'missing operand')
    if (operands.length > 3) return usageError(ctx, ARGS, `extra operand ${quote(operands[3])}`)
    for (const op of operands) if (!NUMBER.test(op)) return usageError(ctx, ARGS, `invalid floating point argument: ${quote(op)}`)
    // seq.c's scan_arg refuses a NaN after strtold has read it (8.32 as today's).
    for (const op of operands) if (/nan$/i.test(op.trim())) return usageError(ctx, ARGS, `invalid ${quote('not-a-number')} argument: ${quote(op)}`)
    const [firstS, stepS, lastS] = operands.length === 1 ? ['1', '1', operands[0]] : operands.length === 2 ? [operands[0], '1', operands[1]] : operands
    const first = Number(firstS)
    const step = Number(stepS)
    const last = Number(lastS)
    if (step === 0) return usageError(ctx, ARGS, `invalid Zero increment value: ${quote(stepS)}`)
    const prog = ctx.argv[0]
    let fmt: ((x: number) => string) | undefined
    if (a.opts.format !== undefined) {
      const f = a.opts.format
      const at = f.replace(/%%/g, '\0\0').indexOf('%')
      const parsed = at < 0 ? null : parseDirective(f.slice(at + 1))
      if (at < 0) {
        ctx.err(`${prog}: format ${quote(f)} has no % directive\n`)
        return 1
      }
      if (!parsed || !'eEfFgGaA'.includes(parsed.d.conv)) {
        const conv = parsed ? parsed.d.conv : f.slice(at + 1, at + 2)
        ctx.err(`${prog}: format ${quote(f)} has unknown %${conv} directive\n`)
        return 1
      }
      const before = f.slice(0, at).replaceAll('%%', '%')
      const after = f.slice(at + 1 + parsed.length).replaceAll('%%', '%')
      fmt = (x) => before + formatNumber(parsed.d, x) + after
    }
    const prec = Math.max(precision(firstS), precision(stepS))
    const plain = (x: number) => (prec ? x.toFixed(prec) : Number.isInteger(x) && Math.abs(x) < 1e21 ? x.toFixed(0) : String(x))
    const values: number[] = []
    for (let i = 0; ; i++) {
      const x = first + i * step
      if (step > 0 ? x > last : x < last) break
      if (values.length === LIMIT) {
        ctx.err(`${prog}: the lab stops a sequence at ${LIMIT} numbers\n`)
        break
      }
      values.push(x)
    }
    let texts = values.map(fmt ?? plain)
    if (a.opts.width && !fmt) {
      const w = Math.max(plain(first).length, plain(last).length)
      texts = texts.map((t) => (t.startsWith('-') ? '-' + t.slice(1).padStart(w - 1, '0') : t.padStart(w, '0')))
    }
    if (texts.length) ctx.out(texts.join(a.opts.separator ?? '\n') + '\n')
    return 0
  },
}
