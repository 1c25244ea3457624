// more (util-linux 2.37): with stdout not a terminal it copies its input through (with the
// `::::::::::::::` header before each file when there are several); on the terminal it prints a
// screenful (rows − 1 lines) and waits at `--More--(NN%)` in standout, NN the share of the file's
// bytes shown so far (no percentage for stdin): Space the next screen, Enter/j the next line,
// q quits, and the end of the input ends it. Text that fits the screen is printed without a stop.

import { byteLength } from '../../../net/packet.ts'
import { Interrupt, wait, type Proc } from '../../../sim/task.ts'
import { defineArgs, helpText, parseArgs, type Fail } from '../../args/index.ts'
import { readSources, screenRows, type Source } from '../less/pages.ts'
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

/** more.c's getopt_long ("dflcpsun:eVh"); -NUMBER and +NUMBER/+/PATTERN are taken out of argv
 *  before it, as argscan() does. Only the screen height is modelled of the paging options. */
const ARGS = defineArgs({
  usageStatus: 1,
  options: {
    silent: { short: 'd', long: 'silent', help: 'display help instead of ringing bell', unsimulated: true },
    logical: { short: 'f', long: 'logical', help: 'count logical rather than screen lines', unsimulated: true },
    noPause: { short: 'l', long: 'no-pause', help: 'suppress pause after form feed', unsimulated: true },
    printOver: { short: 'c', long: 'print-over', help: 'do not scroll, display text and clean line ends', unsimulated: true },
    cleanPrint: { short: 'p', long: 'clean-print', help: 'do not scroll, clean screen and display text', unsimulated: true },
    squeeze: { short: 's', long: 'squeeze', help: 'squeeze multiple blank lines into one', unsimulated: true },
    plain: { short: 'u', long: 'plain', help: 'suppress underlining and bold', unsimulated: true },
    lines: { short: 'n', long: 'lines', arg: 'required', label: '-n, --lines <number>', help: 'the number of lines per screenful', parse: screenful },
    // more.c's undocumented -e (exit on end of file), which more without a terminal does anyway.
    exitOnEof: { short: 'e' },
    help: { short: 'h', long: 'help' },
    version: { short: 'V', long: 'version' },
  },
  help: {
    usage: ['', 'Usage:', ' %s [options] <file>...'],
    intro: '\nA file perusal filter for CRT viewing.\n\nOptions:\n',
    indent: 1,
    column: 23,
    beforeStandard: ' -<number>             same as --lines\n +<number>             display file beginning from line number\n +/<pattern>           display file beginning from pattern match\n',
    standard: '\n -h, --help            display this help\n -V, --version         display version\n',
    outro: '\nFor more details see more(1).\n',
  },
})

/** strtos16_or_err for --lines: a number in a short's range, else `failed to parse number`. */
function screenful(v: string): number | Fail {
  const n = /^\s*[+-]?\d+$/.test(v) ? Number(v) : NaN
  return Number.isInteger(n) && n >= -32768 && n <= 32767 ? n : { fail: `failed to parse number: '${v}'` }
}

function* run(ctx: CommandContext): Proc<number> {
  const words: string[] = []
  let lines: number | undefined
  let ended = false
  for (const w of ctx.argv.slice(1)) {
    if (w === '--') ended = true
    if (!ended && /^-\d+$/.test(w)) lines = Number(w.slice(1))
    else if (!ended && w.startsWith('+')) {
      ctx.err(`more: option '${w}' is not simulated in LVS Lab\n`)
      return 1
    } else words.push(w)
  }
  const a = parseArgs({ argv: [ctx.argv[0], ...words], out: ctx.out, err: ctx.err }, ARGS)
  if (typeof a === 'number') return a
  if (a.opts.help) {
    ctx.out(helpText(ARGS, ctx.argv[0]))
    return 0
  }
  if (a.opts.version) {
    ctx.out('more from util-linux 2.37.4\n')
    return 0
  }
  lines = a.opts.lines ?? lines
  const operands = a.operands
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
      // A screenful of -n lines, or the terminal's height less the prompt line.
      const height = lines !== undefined && lines > 0 ? Math.min(lines, term.rows - 1) : term.rows - 1
      if (!(yield* page(ctx, { name: s.name, text }, term.cols, height, s.name !== '-'))) break
    }
  } catch (e) {
    if (!(e instanceof Interrupt)) throw e
  }
  return status
}

export const more: CommandDef = { name: 'more', path: '/usr/bin/more', rpm: 'util-linux', summary: 'file perusal filter for crt viewing', args: ARGS, run }
