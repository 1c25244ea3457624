// sed (GNU sed 4.8): stream editor; the script from the first operand or -e/-f, over files or
// stdin as one stream (-s or -i: each file on its own), -n quiet, -E/-r extended regexes, -i to
// edit files in place (with a backup suffix when given, `-i.bak`), -z NUL-separated lines.
// Errors name the expression and character as sed does; an unreadable file is reported and the
// others still run, with exit status 2.

import type { Proc } from '../../../sim/task.ts'
import { defineArgs, parseArgs } from '../../args/index.ts'
import { LineReader, type Line } from '../../text/lines.ts'
import { abs, errText, openInput, readInput } from '../files.ts'
import type { CommandDef } from '../types.ts'
import { parseScript, SedError, type Command } from './parse.ts'
import { runScript } from './run.ts'

const USAGE = `Usage: %s [OPTION]... {script-only-if-no-other-script} [input-file]...

  -n, --quiet, --silent
                 suppress automatic printing of pattern space
      --debug
                 annotate program execution
  -e script, --expression=script
                 add the script to the commands to be executed
  -f script-file, --file=script-file
                 add the contents of script-file to the commands to be executed
  --follow-symlinks
                 follow symlinks when processing in place
  -i[SUFFIX], --in-place[=SUFFIX]
                 edit files in place (makes backup if SUFFIX supplied)
  -l N, --line-length=N
                 specify the desired line-wrap length for the \`l' command
  --posix
                 disable all GNU extensions.
  -E, -r, --regexp-extended
                 use extended regular expressions in the script
                 (for portability use POSIX -E).
  -s, --separate
                 consider files as separate rather than as a single,
                 continuous long stream.
      --sandbox
                 operate in sandbox mode (disable e/r/w commands).
  -u, --unbuffered
                 load minimal amounts of data from the input files and flush
                 the output buffers more often
  -z, --null-data
                 separate lines by NUL characters
      --help     display this help and exit
      --version  output version information and exit

If no -e, --expression, -f, or --file option is given, then the first
non-option argument is taken as the sed script to interpret.  All
remaining arguments are names of input files; if no input files are
specified, then the standard input is read.

GNU sed home page: <https://www.gnu.org/software/sed/>.
General help using GNU software: <https://www.gnu.org/gethelp/>.
`

const ARGS = defineArgs({
  usageStatus: 1,
  tryHelp: (prog) => USAGE.replaceAll('%s', prog),
  longOrder: ['binary', 'regexp-extended', 'debug', 'in-place', 'expression', 'file', 'line-length', 'null-data', 'zero-terminated', 'quiet', 'posix', 'silent', 'sandbox', 'separate', 'unbuffered', 'version', 'help', 'follow-symlinks'],
  options: {
    quiet: { short: 'n', long: ['quiet', 'silent'] },
    debug: { long: 'debug' },
    expression: { short: 'e', long: 'expression', arg: 'required', list: true },
    file: { short: 'f', long: 'file', arg: 'required', list: true },
    followSymlinks: { long: 'follow-symlinks' },
    inPlace: { short: 'i', long: 'in-place', arg: 'optional' },
    lineLength: { short: 'l', long: 'line-length', arg: 'required', parse: (v) => (/^\d+$/.test(v) ? Number(v) : { fail: `invalid line length: ${v}`, status: 1 }) },
    posix: { long: 'posix' },
    extended: { short: 'E', long: 'regexp-extended' },
    r: { short: 'r' },
    separate: { short: 's', long: 'separate' },
    sandbox: { long: 'sandbox' },
    unbuffered: { short: 'u', long: 'unbuffered' },
    nullData: { short: 'z', long: ['null-data', 'zero-terminated'] },
  },
  // contact() adds the bug address for --help only, not under a usage error.
  help: { usage: [], raw: `${USAGE}E-mail bug reports to: <bug-sed@gnu.org>.\n` },
  // RHEL 9 builds sed with SELinux, which its host runs enforcing.
  version: 'sed (GNU sed) 4.8\nCopyright (C) 2020 Free Software Foundation, Inc.\nLicense GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.\nThis is free software: you are free to change and redistribute it.\nThere is NO WARRANTY, to the extent permitted by law.\n\nWritten by Jay Fenlason, Tom Lord, Ken Pizzini,\nPaolo Bonzini, Jim Meyering, and Assaf Gordon.\n\nThis sed program was built with SELinux support.\nSELinux is enabled on this system.\n\nGNU sed home page: <https://www.gnu.org/software/sed/>.\nGeneral help using GNU software: <https://www.gnu.org/gethelp/>.\nE-mail bug reports to: <bug-sed@gnu.org>.\n',
})

export const sed: CommandDef = {
  name: 'sed',
  path: '/usr/bin/sed',
  rpm: 'sed',
  summary: 'stream editor for filtering and transforming text',
  args: ARGS,
  *run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    const o = a.opts
    const prog = ctx.argv[0]
    const operands = [...a.operands]
    const chunks: string[] = [...o.expression]
    for (const f of o.file) {
      const r = yield* readInput(ctx, f)
      if (typeof r !== 'string') {
        ctx.err(`${prog}: couldn't open file ${f}: ${errText(r.error)}\n`)
        return 1
      }
      chunks.push(r.replace(/\n$/, ''))
    }
    if (!chunks.length) {
      const s = operands.shift()
      if (s === undefined) {
        ctx.err(USAGE.replaceAll('%s', prog))
        return 1
      }
      chunks.push(s)
    }
    let cmds: Command[]
    try {
      cmds = parseScript(chunks, o.extended || o.r)
    } catch (e) {
      if (!(e instanceof SedError)) throw e
      ctx.err(`${prog}: ${e.message}\n`)
      return e.status
    }
    const fs = ctx.host.fs
    const delim = o.nullData ? '\0' : '\n'
    const inPlace = o.inPlace !== undefined
    if (inPlace && !operands.length) {
      ctx.err(`${prog}: no input files\n`)
      return 1
    }
    let status = 0
    const written = new Map<string, string>()
    for (const c of cmds) for (const w of [c.name === 'w' || c.name === 'W' ? c.text : undefined, c.wfile]) if (w && !w.startsWith('/dev/std')) written.set(w, '')
    const rLines = new Map<string, string[]>()
    const files = operands.length ? operands : ['-']
    const groups = inPlace || o.separate ? files.map((f) => [f]) : [files]
    for (const group of groups) {
      let output = ''
      const queue = [...group]
      let reader: LineReader | null = null
      let file = '-'
      const next = function* (): Proc<(Line & { file: string }) | null> {
        for (;;) {
          if (reader) {
            const l = yield* reader.next()
            if (l) return { ...l, file }
            reader = null
          }
          const f = queue.shift()
          if (f === undefined) return null
          const input = openInput(ctx, f)
          if (typeof input === 'string') {
            ctx.err(input === 'EISDIR' ? `${prog}: couldn't edit ${f}: not a regular file\n` : `${prog}: can't read ${f}: ${errText(input)}\n`)
            status = 2
            continue
          }
          file = f
          reader = new LineReader(input, delim)
        }
      }
      const q = yield* runScript(cmds, {
        next,
        out: inPlace ? (t) => (output += t) : (t) => ctx.out(t),
        readFile: function* (name, one) {
          // sed's `r -` names a file called `-`, not stdin.
          const r = name === '/dev/stdin' ? null : yield* readInput(ctx, name === '-' ? './-' : name)
          if (typeof r !== 'string') return null
          if (!one) return r
          if (!rLines.has(name)) rLines.set(name, r.split('\n').filter((_, k, all) => k < all.length - 1 || all[k] !== ''))
          return rLines.get(name)!.shift() ?? null
        },
        writeFile: (name, text) => {
          if (name === '/dev/stdout') ctx.out(text)
          else if (name === '/dev/stderr') ctx.err(text)
          else written.set(name, (written.get(name) ?? '') + text)
        },
        quiet: o.quiet,
        delim,
        lineWrap: o.lineLength ?? 70,
      })
      if (inPlace && group[0] !== '-' && fs.exists(abs(ctx, group[0])) && !fs.isDir(abs(ctx, group[0]))) {
        const path = abs(ctx, group[0])
        if (o.inPlace) {
          const backup = o.inPlace.includes('*') ? o.inPlace.replaceAll('*', group[0].slice(group[0].lastIndexOf('/') + 1)) : group[0] + o.inPlace
          fs.write(abs(ctx, backup), fs.read(path) as string, fs.stat(path)!.mode)
        }
        fs.write(path, output)
      }
      for (const [name, text] of written) fs.write(abs(ctx, name), text)
      if (q) return q
    }
    return status
  },
}
