// more (util-linux 2.37): with stdout not a terminal it copies its input through (with the
// `::::::::::::::` header before each file when there are several); on the terminal it prints a
// screenful (rows − 1 lines) and waits at `--More--(NN%)` in standout, NN the share of the file's
// bytes shown so far (no percentage for stdin): Space the next screen, Enter/j the next line,
// q quits, and the end of the input ends it. Text that fits the screen is printed without a stop.

import { byteLength } from '../../../net/packet.ts'
import { Interrupt, wait, type Proc } from '../../../sim/task.ts'
import { operandsOf, readSources, screenRows, type Source } from '../less/pages.ts'
import { keys } from '../../keys.ts'
import type { CommandContext, CommandDef } from '../types.ts'

function header(s: Source): string {
  return `::::::::::::::\n${s.name}\n::::::::::::::\n`
}

function* page(ctx: CommandContext, src: Source, cols: number, height: number, isFile: boolean): Proc<boolean> {
  const rows = screenRows(src.text, cols, true)
  const total = byteLength(src.text)
  // Bytes up to the end of each screen row, for the percentage.
  const ends: number[] = []
  let pos = 0
  for (const line of src.text.replace(/\n$/, '').split('\n')) {
    const n = screenRows(line + '\n', cols, true).length || 1
    const lineBytes = byteLength(line) + 1
    for (let i = 0; i < n; i++) ends.push(i === n - 1 ? pos + lineBytes : pos + Math.round((lineBytes * (i + 1)) / n))
    pos += lineBytes
  }
  let shown = Math.min(rows.length, height)
  ctx.out(rows.slice(0, shown).map((r) => r + '\n').join(''))
  while (shown < rows.length) {
    const pct = isFile && total ? `(${Math.floor((Math.min(ends[shown - 1], total) * 100) / total)}%)` : ''
    ctx.out(`\x1b[7m--More--${pct}\x1b[27m`)
    let step = 0
    while (!step) {
      const chunk = yield* wait(ctx.term!.key())
      for (const k of keys(chunk)) {
        if (k === 'q' || k === 'Q') {
          ctx.out('\r\x1b[K')
          return false
        }
        if (k === ' ' || k === 'f' || k === 'z') step = height
        else if (k === '\r' || k === '\n' || k === 'j' || k === '\x1b[B') step = 1
        else if (k === 'd' || k === '\x04') step = Math.floor(height / 2)
        if (step) break
      }
    }
    ctx.out('\r\x1b[K')
    const next = Math.min(rows.length, shown + step)
    ctx.out(rows.slice(shown, next).map((r) => r + '\n').join(''))
    shown = next
  }
  return true
}

function* run(ctx: CommandContext): Proc<number> {
  const operands = operandsOf(ctx, 'more from util-linux 2.37.4\n', (a) => `${a.startsWith('--') ? `more: unrecognized option '${a}'` : `more: invalid option -- '${a[1]}'`}\nTry 'more --help' for more information.\n`)
  if (typeof operands === 'number') return operands
  const term = ctx.tty ? ctx.term : null
  if (!operands.length && ctx.stdinTty && term) {
    ctx.err("more: bad usage\nTry 'more --help' for more information.\n")
    return 1
  }
  let status = 0
  const sources = yield* readSources(ctx, operands, (op, why) => {
    ctx.err(`more: cannot open ${op}: ${why}\n`)
    status = 1
  })
  const many = operands.length > 1
  if (!term) {
    for (const s of sources) ctx.out((many ? header(s) : '') + s.text)
    return status
  }
  try {
    for (const s of sources) {
      const text = (many ? header(s) : '') + s.text
      if (!(yield* page(ctx, { name: s.name, text }, term.cols, term.rows - 1, s.name !== '-'))) break
    }
  } catch (e) {
    if (!(e instanceof Interrupt)) throw e
  }
  return status
}

export const more: CommandDef = { name: 'more', path: '/usr/bin/more', rpm: 'util-linux', summary: 'file perusal filter for crt viewing', run }
