// shell/args against the real getopt_long: argument lists recorded through util-linux getopt(1)
// (tests/fixtures/record-getopt.ts) parse to the same options and operands and fail with glibc's
// own first message; then the parser's own contract (values, help, popt rules, usage errors).

import { describe, expect, it } from 'vitest'
import { defineArgs, parseArgs, usageError, type ArgSpec, type OptDef } from '../../src/shell/args/index.ts'
import { getopt, getoptMessage } from '../../src/shell/args/getopt.ts'
import { helpText, optionWords } from '../../src/shell/args/help.ts'
import { popt } from '../../src/shell/args/popt.ts'
import recorded from '../fixtures/getopt.json'

/** getopt(1)'s `-o`/`-l` tables as a spec (each option its own key). */
function specOf(table: { short: string; long: string }): ArgSpec {
  const options: Record<string, OptDef> = {}
  const arg = (colons: string) => (colons === '::' ? 'optional' : colons === ':' ? 'required' : undefined)
  const short = table.short.replace(/^\+/, '')
  for (const m of short.matchAll(/(\w)(:{0,2})/g)) options[`-${m[1]}`] = { short: m[1], arg: arg(m[2]) } as OptDef
  for (const l of table.long.split(',')) {
    const m = /^([\w-]+)(:{0,2})$/.exec(l)!
    options[`--${m[1]}`] = { long: m[1], arg: arg(m[2]) } as OptDef
  }
  return { options, usageStatus: 1, stopAtOperand: table.short.startsWith('+') }
}

describe('getopt_long, as recorded from glibc', () => {
  it.each(recorded.cases.map((c) => [c.tool, c.args.join(' '), c] as const))('%s %s', (tool, _, c) => {
    const r = getopt(specOf(recorded.tables[tool as keyof typeof recorded.tables]), c.args)
    if (c.status === 0) {
      expect(r.error).toBeUndefined()
      const opts = r.tokens.filter((t) => t.kind === 'option').map((t) => ` ${t.name}${t.def.arg ? ` '${t.value ?? ''}'` : ''}`)
      const operands = r.tokens.filter((t) => t.kind === 'operand').map((t) => ` '${t.word}'`)
      expect(`${opts.join('')} --${operands.join('')}\n`).toBe(c.stdout)
    } else {
      expect(r.error).toBeDefined()
      expect(`${tool}: ${getoptMessage(r.error!)}\n`).toBe(c.stderr.split(/(?<=\n)/)[0])
    }
  })
})

const HEAD = defineArgs({
  usageStatus: 1,
  options: {
    bytes: { short: 'c', long: 'bytes', arg: 'required', argName: '[-]NUM', parse: (v) => (/^\d+$/.test(v) ? Number(v) : { fail: `invalid number of bytes: '${v}'` }), help: 'print the first NUM bytes of each file;\n  with the leading \'-\', print all but the last\n  NUM bytes of each file' },
    quiet: { short: 'q', long: ['quiet', 'silent'], help: 'never print headers giving file names' },
    expr: { short: 'e', arg: 'required', list: true, argName: 'PATTERNS' },
    color: { long: 'color', arg: 'optional', argName: 'WHEN', bare: 'always', help: 'colorize' },
  },
  help: { usage: ['Usage: %s [OPTION]... [FILE]...'], intro: 'Print the first 10 lines.\n\n', outro: '\nThe end.\n' },
  version: 'head (GNU coreutils) 8.32\n',
})

function call(spec: ArgSpec, ...argv: string[]) {
  const io = { out: '', err: '' }
  const r = parseArgs({ argv, out: (t) => (io.out += t), err: (t) => (io.err += t) }, spec)
  return { r, ...io }
}

describe('parseArgs', () => {
  it('types the values, keeps lists, order and counts', () => {
    const { r } = call(HEAD, 'head', '-qc5', 'f', '-e', 'a', '--silent', '-eb', '--col', '--', '-x')
    if (typeof r === 'number') throw new Error('usage error')
    expect(r.opts).toEqual({ bytes: 5, quiet: true, expr: ['a', 'b'], color: 'always' })
    expect(r.operands).toEqual(['f', '-x'])
    expect(r.seen.map((s) => s.name)).toEqual(['-q', '-c', '-e', '--silent', '-e', '--color'])
    expect(r.count('quiet')).toBe(2)
  })

  it('reports a bad value while parsing, before a later unknown option, with the tool status', () => {
    expect(call(HEAD, '/usr/bin/head', '-c', 'x', '-z')).toEqual({ r: 1, out: '', err: "/usr/bin/head: invalid number of bytes: 'x'\n" })
    expect(call(HEAD, 'head', '-z', '-c', 'x')).toEqual({ r: 1, out: '', err: "head: invalid option -- 'z'\nTry 'head --help' for more information.\n" })
    expect(call({ ...HEAD, usageStatus: 2 }, 'ls', '--nope').r).toBe(2)
  })

  it('answers --help and --version where it finds them, abbreviations included', () => {
    expect(call(HEAD, 'head', '--he', '-z').out).toBe(
      'Usage: head [OPTION]... [FILE]...\nPrint the first 10 lines.\n\n' +
        "  -c, --bytes=[-]NUM       print the first NUM bytes of each file;\n                             with the leading '-', print all but the last\n                             NUM bytes of each file\n" +
        '  -q, --quiet, --silent    never print headers giving file names\n' +
        '      --color[=WHEN]       colorize\n' +
        '      --help     display this help and exit\n      --version  output version information and exit\n\nThe end.\n',
    )
    expect(call(HEAD, 'head', '--vers')).toEqual({ r: 0, out: 'head (GNU coreutils) 8.32\n', err: '' })
    expect(call(HEAD, 'head', '-z', '--help')).toMatchObject({ r: 1, out: '' })
  })

  it('uses the tool’s own Try lines and usage errors', () => {
    const grep = { ...HEAD, usageStatus: 2, tryHelp: (p: string) => `Usage: ${p} [OPTION]... PATTERNS [FILE]...\nTry '${p} --help' for more information.\n` }
    expect(call(grep, 'grep', '-Q').err).toBe("grep: invalid option -- 'Q'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n")
    let err = ''
    expect(usageError({ argv: ['seq'], out: () => {}, err: (t) => (err += t) }, HEAD, 'missing operand')).toBe(1)
    expect(err).toBe("seq: missing operand\nTry 'seq --help' for more information.\n")
  })

  it('lays out headings, lone labels, own columns and a description under a long label', () => {
    const spec = defineArgs({
      usageStatus: 1,
      options: {
        a: { short: 'a', help: 'first' },
        q: { short: 'q', long: 'quiet', help: '' },
        p: { long: 'pid', arg: 'required', argName: 'PID', before: '\nHeading:\n', column: 20, help: 'own column\n  indented' },
        m: { long: 'max-unchanged-stats', arg: 'required', argName: 'N', help: '\nbelow the label' },
      },
      help: { usage: ['Usage: %s'], column: 14, beforeStandard: '\n' },
      version: 'x 1\n',
    })
    expect(helpText(spec, 'x')).toBe(
      'Usage: x\n  -a          first\n  -q, --quiet\n\nHeading:\n      --pid=PID     own column\n                      indented\n      --max-unchanged-stats=N\n              below the label\n\n' +
        '      --help     display this help and exit\n      --version  output version information and exit\n',
    )
  })

  it('knows an option the lab does not simulate, and refuses it instead of ignoring it', () => {
    const spec = defineArgs({ usageStatus: 1, options: { regex: { short: 'r', long: 'regex', unsimulated: true }, before: { short: 'b', long: 'before' } } })
    expect(call(spec, 'tac', '--reg')).toEqual({ r: 1, out: '', err: "tac: option '--regex' is not simulated in LVS Lab\n" })
    expect(call(spec, 'tac', '-br')).toEqual({ r: 1, out: '', err: "tac: option '-r' is not simulated in LVS Lab\n" })
  })

  it('lets a tool word getopt errors itself, or not at all (gawk sets opterr = 0)', () => {
    const spec = defineArgs({ usageStatus: 1, message: (e) => (e.kind === 'short-needs-arg' ? `option requires an argument -- ${e.letter}` : undefined), tryHelp: () => 'usage\n', options: { file: { short: 'f', arg: 'required' } } })
    expect(call(spec, 'gawk', '-f')).toEqual({ r: 1, out: '', err: 'gawk: option requires an argument -- f\nusage\n' })
    expect(call(spec, 'gawk', '--bogus')).toEqual({ r: 1, out: '', err: 'usage\n' })
  })

  it('derives the completion words', () => {
    expect(optionWords(HEAD)).toEqual(['--bytes', '--quiet', '--silent', '--color', '--help', '--version', '-c', '-q', '-e'])
    expect(helpText({ options: {}, usageStatus: 1 }, 'x')).toBe('')
  })
})

describe('popt (ipvsadm)', () => {
  const IPVSADM = defineArgs({
    flavour: 'popt',
    usageStatus: 255,
    options: {
      list: { short: 'L', long: 'list' },
      numeric: { short: 'n', long: 'numeric' },
      tcp: { short: 't', long: 'tcp-service', arg: 'required' },
      persistent: { short: 'p', long: 'persistent', arg: 'optional' },
    },
  })
  const tokens = (...args: string[]) => {
    const r = popt(IPVSADM, args)
    return { tokens: r.tokens.map((t) => (t.kind === 'operand' ? t.word : `${t.name}=${t.value ?? ''}`)), error: r.error }
  }

  it('bundles, glues, takes the next word, and keeps leftovers', () => {
    expect(tokens('-Ln', 'x', '-t1.2.3.4:80', '--tcp-service', '5.6.7.8:80', '--', '-n').tokens).toEqual(['-L=', '-n=', 'x', '-t=1.2.3.4:80', '--tcp-service=5.6.7.8:80', '-n'])
  })

  it('takes an optional argument only when the next word is not an option', () => {
    expect(tokens('-p', '-n').tokens).toEqual(['-p=', '-n='])
    expect(tokens('-p', '600').tokens).toEqual(['-p=600'])
    expect(tokens('--persistent=9').tokens).toEqual(['--persistent=9'])
  })

  it('wants full long names and names the word as typed', () => {
    expect(tokens('--num').error).toEqual({ word: '--num', message: 'unknown option' })
    expect(tokens('-LK').error).toEqual({ word: '-LK', message: 'unknown option' })
    expect(tokens('-L', '-t').error).toEqual({ word: '-t', message: 'missing argument' })
    // popt 1.18 drops the value of an option that takes none (recorded: `ipvsadm -L --numeric=1` lists).
    expect(tokens('--numeric=1')).toEqual({ tokens: ['--numeric='] })
    expect(tokens('-p=600').tokens).toEqual(['-p=600'])
    expect(call(IPVSADM, 'ipvsadm', '-L', '--bogus')).toEqual({ r: 255, out: '', err: '--bogus: unknown option\n' })
  })
})
