// xargs (GNU findutils 4.8): build command lines from stdin's words (blanks and newlines
// separate them; quotes and backslashes protect) or lines (-I, -L, -d, -0), run each in turn
// (echo by default), at most -n words per line; -r skips an empty input, -t echoes each command
// to stderr. Status: 123 if a command failed, 124 if one exited 255, 126/127 if it could not run.

import { defineArgs, parseArgs, type Fail } from '../../args/index.ts'
import { programExists, runChild, shellQuote } from '../exec.ts'
import type { CommandDef } from '../types.ts'

const positive = (what: string) => (v: string): number | Fail =>
  !/^\d+$/.test(v) ? { fail: `invalid number "${v}" for -${what} option`, status: 1, tryHelp: true } : Number(v) < 1 ? { fail: `value ${v} for -${what} option should be >= 1`, status: 1, tryHelp: true } : Number(v)

const ARGS = defineArgs({
  usageStatus: 1,
  stopAtOperand: true,
  options: {
    null: { short: '0', long: 'null', help: 'items are separated by a null, not whitespace;\n  disables quote and backslash processing and\n  logical EOF processing' },
    argFile: { short: 'a', long: 'arg-file', arg: 'required', argName: 'FILE', help: 'read arguments from FILE, not standard input', unsimulated: true },
    delimiter: { short: 'd', long: 'delimiter', arg: 'required', argName: 'CHARACTER', help: 'items in input stream are separated by CHARACTER,\n  not by whitespace; disables quote and backslash\n  processing and logical EOF processing' },
    E: { short: 'E', arg: 'required', argName: 'END', help: 'set logical EOF string; if END occurs as a line\n  of input, the rest of the input is ignored\n  (ignored if -0 or -d was specified)', unsimulated: true },
    eof: { short: 'e', long: 'eof', arg: 'optional', argName: 'END', help: 'equivalent to -E END if END is specified;\n  otherwise, there is no end-of-file string', unsimulated: true },
    replace: { short: 'I', arg: 'required', argName: 'R', help: 'same as --replace=R' },
    // -i and --replace: -I's string, {} when none is glued on; the later of -I and -i wins.
    replaceOpt: { short: 'i', long: 'replace', arg: 'optional', argName: 'R', bare: '{}', help: 'replace R in INITIAL-ARGS with names read\n  from standard input, split at newlines;\n  if R is unspecified, assume {}' },
    maxLines: { short: 'L', long: 'max-lines', arg: 'required', argName: 'MAX-LINES', parse: positive('L'), help: 'use at most MAX-LINES non-blank input lines per\n  command line' },
    l: { short: 'l', arg: 'optional', argName: 'MAX-LINES', label: '-l[MAX-LINES]', help: 'similar to -L but defaults to at most one non-\n  blank input line if MAX-LINES is not specified', unsimulated: true },
    maxArgs: { short: 'n', long: 'max-args', arg: 'required', argName: 'MAX-ARGS', parse: positive('n'), help: 'use at most MAX-ARGS arguments per command line' },
    openTty: { short: 'o', long: 'open-tty', help: 'Reopen stdin as /dev/tty in the child process\n  before executing the command; useful to run an\n  interactive application.', unsimulated: true },
    // The lab runs the commands one after another: one of the orders -P allows.
    maxProcs: { short: 'P', long: 'max-procs', arg: 'required', argName: 'MAX-PROCS', help: 'run at most MAX-PROCS processes at a time' },
    interactive: { short: 'p', long: 'interactive', help: 'prompt before running commands', unsimulated: true },
    processSlotVar: { long: 'process-slot-var', arg: 'required', argName: 'VAR', help: 'set environment variable VAR in child processes', unsimulated: true },
    noRunIfEmpty: { short: 'r', long: 'no-run-if-empty', help: 'if there are no arguments, then do not run COMMAND;\n  if this option is not given, COMMAND will be\n  run at least once' },
    maxChars: { short: 's', long: 'max-chars', arg: 'required', argName: 'MAX-CHARS', help: 'limit length of command line to MAX-CHARS', unsimulated: true },
    showLimits: { long: 'show-limits', help: 'show limits on command-line length', unsimulated: true },
    verbose: { short: 't', long: 'verbose', help: 'print commands before executing them' },
    exit: { short: 'x', long: 'exit', help: 'exit if the size (see -s) is exceeded', unsimulated: true },
  },
  help: {
    column: 31,
    standardAligned: true,
    usage: ['Usage: %s [OPTION]... COMMAND [INITIAL-ARGS]...'],
    intro: 'Run COMMAND with arguments INITIAL-ARGS and more arguments read from input.\n\nMandatory and optional arguments to long options are also\nmandatory or optional for the corresponding short option.\n',
    outro: "\nPlease see also the documentation at http://www.gnu.org/software/findutils/.\nYou can report (and track progress on fixing) bugs in the \"xargs\"\nprogram via the GNU findutils bug-reporting page at\nhttps://savannah.gnu.org/bugs/?group=findutils or, if\nyou have no web access, by sending email to <bug-findutils@gnu.org>.\n",
  },
  version: 'xargs (GNU findutils) 4.8.0\nCopyright (C) 2021 Free Software Foundation, Inc.\nLicense GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.\nThis is free software: you are free to change and redistribute it.\nThere is NO WARRANTY, to the extent permitted by law.\n\nWritten by Eric B. Decker, James Youngman, and Kevin Dalley.\n',
})

/** Splits xargs' default input: blanks separate, quotes group, backslash escapes. */
function words(text: string, prog: string): string[] | string {
  const out: string[] = []
  let cur = ''
  let has = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1)
      const nl = text.indexOf('\n', i + 1)
      if (end < 0 || (nl >= 0 && nl < end)) return `${prog}: unmatched ${c === "'" ? 'single' : 'double'} quote; by default quotes are special to xargs unless you use the -0 option`
      cur += text.slice(i + 1, end)
      has = true
      i = end
    } else if (c === '\\' && i + 1 < text.length) {
      cur += text[++i]
      has = true
    } else if (c === ' ' || c === '\t' || c === '\n') {
      if (has) out.push(cur)
      cur = ''
      has = false
    } else {
      cur += c
      has = true
    }
  }
  if (has) out.push(cur)
  return out
}

export const xargs: CommandDef = {
  name: 'xargs',
  path: '/usr/bin/xargs',
  rpm: 'findutils',
  summary: 'build and execute command lines from standard input',
  args: ARGS,
  *run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    const o = a.opts
    const prog = ctx.argv[0]
    const replace = a.seen.filter((s) => s.key === 'replace' || s.key === 'replaceOpt').pop()?.value as string | undefined
    const command = a.operands.length ? a.operands : ['echo']
    const text = yield* ctx.stdin.readAll()
    let items: string[]
    let perLine: string[][] | null = null
    if (o.null || o.delimiter !== undefined) {
      const d = o.null ? '\0' : o.delimiter === '\\n' ? '\n' : o.delimiter === '\\t' ? '\t' : o.delimiter!
      items = text.split(d)
      if (items[items.length - 1] === '' || (d !== '\n' && items[items.length - 1] === '\n')) items.pop()
    } else if (replace !== undefined) {
      items = text.split('\n').map((l) => l.replace(/^[ \t]+/, '')).filter((l) => l !== '')
    } else {
      const w = words(text, prog)
      if (typeof w === 'string') {
        ctx.err(w + '\n')
        return 1
      }
      items = w
      if (o.maxLines) perLine = text.split('\n').filter((l) => l.trim()).map((l) => words(l, prog) as string[])
    }
    const batches: string[][] = []
    if (replace !== undefined) for (const it of items) batches.push(command.map((c) => c.replaceAll(replace!, it)))
    else if (perLine) for (let i = 0; i < perLine.length; i += o.maxLines!) batches.push([...command, ...perLine.slice(i, i + o.maxLines!).flat()])
    else if (o.maxArgs) for (let i = 0; i < items.length; i += o.maxArgs) batches.push([...command, ...items.slice(i, i + o.maxArgs)])
    else if (items.length) batches.push([...command, ...items])
    if (!batches.length && !o.noRunIfEmpty && replace === undefined) batches.push([...command])
    if (batches.length && !programExists(ctx, command[0])) {
      ctx.err(`${prog}: ${command[0]}: No such file or directory\n`)
      return 127
    }
    let status = 0
    for (const argv of batches) {
      if (o.verbose) ctx.err(argv.map((w) => (/[\s'"\\]/.test(w) ? shellQuote(w) : w)).join(' ') + '\n')
      const r = yield* runChild(ctx, argv, '')
      if (r === 255) {
        ctx.err(`${prog}: ${command[0]}: exited with status 255; aborting\n`)
        return 124
      }
      if (r === 126 || r === 127) return r
      if (r !== 0) status = 123
    }
    return status
  },
}
