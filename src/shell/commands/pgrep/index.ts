// pgrep and pkill (procps-ng 3.3.17): processes whose name (or, with -f, whole command line)
// matches a POSIX extended regular expression; pgrep prints their PIDs (-l with the name, -a with the
// command line, -c their count, joined by -d's delimiter), pkill sends them a signal (TERM by
// default, `-SIG` or --signal). Neither matches itself. Exit status 0 when something matched, 1
// when nothing did, 2 on a usage error, whose usage() text goes to stderr whole.

import { signalNumber } from '../../../host/procs.ts'
import { defineArgs, helpText, parseArgs, type ArgSpec } from '../../args/index.ts'
import { compile } from '../../text/regex.ts'
import type { CommandContext, CommandDef } from '../types.ts'

const U = true as const

/** Options both tools take, after each one's own (pgrep's list and delimiter, pkill's signal). */
const SHARED = {
  count: { short: 'c', long: 'count', help: 'count of matching processes' },
  full: { short: 'f', long: 'full', help: 'use full process name to match' },
  pgroup: { short: 'g', long: 'pgroup', arg: 'required', label: '-g, --pgroup <PGID,...>', help: 'match listed process group IDs', unsimulated: U },
  group: { short: 'G', long: 'group', arg: 'required', label: '-G, --group <GID,...>', help: 'match real group IDs', unsimulated: U },
  ignoreCase: { short: 'i', long: 'ignore-case', help: 'match case insensitively' },
  newest: { short: 'n', long: 'newest', help: 'select most recently started', unsimulated: U },
  oldest: { short: 'o', long: 'oldest', help: 'select least recently started', unsimulated: U },
  older: { short: 'O', long: 'older', arg: 'required', label: '-O, --older <seconds>', help: 'select where older than seconds', unsimulated: U },
  parent: { short: 'P', long: 'parent', arg: 'required', label: '-P, --parent <PPID,...>', help: 'match only child processes of the given parent', unsimulated: U },
  session: { short: 's', long: 'session', arg: 'required', label: '-s, --session <SID,...>', help: 'match session IDs', unsimulated: U },
  terminal: { short: 't', long: 'terminal', arg: 'required', label: '-t, --terminal <tty,...>', help: 'match by controlling terminal', unsimulated: U },
  euid: { short: 'u', long: 'euid', arg: 'required', label: '-u, --euid <ID,...>', help: 'match by effective IDs', unsimulated: U },
  uid: { short: 'U', long: 'uid', arg: 'required', label: '-U, --uid <ID,...>', help: 'match by real IDs', unsimulated: U },
  exact: { short: 'x', long: 'exact', help: 'match exactly with the command name' },
  pidfile: { short: 'F', long: 'pidfile', arg: 'required', label: '-F, --pidfile <file>', help: 'read PIDs from file', unsimulated: U },
  logpidfile: { short: 'L', long: 'logpidfile', help: 'fail if PID file is not locked', unsimulated: U },
  runstates: { short: 'r', long: 'runstates', arg: 'required', label: '-r, --runstates <state>', help: 'match runstates [D,S,Z,...]', unsimulated: U },
  ns: { long: 'ns', arg: 'required', label: '--ns <PID>', help: 'match the processes that belong to the same\nnamespace as <pid>', unsimulated: U },
  nslist: { long: 'nslist', arg: 'required', label: '--nslist <ns,...>', help: 'list which namespaces will be considered for\nthe --ns option.\nAvailable namespaces: ipc, mnt, net, pid, user, uts', unsimulated: U },
  help: { short: 'h', long: 'help' },
  version: { short: 'V', long: 'version' },
} as const

/** procps-ng 3.3.17 takes an unknown --signal name as -1, which every kill(2) then refuses. */
const signalArg = (v: string): number => signalNumber(v) ?? -1

// Both print pgrep(1)'s pointer: they share one man page.
const layout = () => ({
  usage: ['', 'Usage:', ` %s [options] <pattern>`, '', 'Options:'],
  indent: 1,
  column: 27,
  standard: '\n -h, --help     display this help and exit\n -V, --version  output version information and exit\n',
  outro: '\nFor more details see pgrep(1).\n',
})

const PGREP = defineArgs({
  usageStatus: 2,
  tryHelp: (_p, help) => help(),
  options: {
    delimiter: { short: 'd', long: 'delimiter', arg: 'required', label: '-d, --delimiter <string>', help: 'specify output delimiter' },
    listName: { short: 'l', long: 'list-name', help: 'list PID and process name' },
    listFull: { short: 'a', long: 'list-full', help: 'list PID and full command line' },
    inverse: { short: 'v', long: 'inverse', help: 'negates the matching' },
    lightweight: { short: 'w', long: 'lightweight', help: 'list all TID', unsimulated: U },
    ...SHARED,
  },
  help: layout(),
})

const PKILL = defineArgs({
  usageStatus: 2,
  tryHelp: (_p, help) => help(),
  options: {
    signal: { long: 'signal', arg: 'required', parse: signalArg, label: '-<sig>, --signal <sig>', help: 'signal to send (either number or name)' },
    queue: { short: 'q', long: 'queue', arg: 'required', label: '-q, --queue <value>', help: 'integer value to be sent with the signal', unsimulated: U },
    echo: { short: 'e', long: 'echo', help: 'display what is killed' },
    ...SHARED,
  },
  help: layout(),
})

function run(ctx: CommandContext, kill: boolean): number {
  const name = kill ? 'pkill' : 'pgrep'
  // pkill takes `-SIGNAL` (a name or number) before getopt sees the arguments (signal_option()).
  let argv = ctx.argv
  let sig = 15
  if (kill) {
    const at = argv.findIndex((a, i) => i > 0 && a.startsWith('-') && signalNumber(a.slice(1)) !== null)
    if (at > 0) {
      sig = signalNumber(argv[at].slice(1))!
      argv = argv.filter((_, i) => i !== at)
    }
  }
  const spec: ArgSpec = kill ? PKILL : PGREP
  const a = parseArgs({ argv, out: (t) => ctx.out(t), err: (t) => ctx.err(t) }, spec)
  if (typeof a === 'number') return a
  const o = a.opts as Record<string, unknown>
  if (o.help) {
    ctx.out(helpText(spec, argv[0]))
    return 0
  }
  if (o.version) {
    ctx.out(`${name} from procps-ng 3.3.17\n`)
    return 0
  }
  if (typeof o.signal === 'number') sig = o.signal
  const tryLine = `Try \`${argv[0]} --help' for more information.\n`
  if (a.operands.length > 1) {
    ctx.err(`${argv[0]}: only one pattern can be provided\n${tryLine}`)
    return 2
  }
  const pattern = a.operands[0]
  if (pattern === undefined) {
    ctx.err(`${argv[0]}: no matching criteria specified\n${tryLine}`)
    return 2
  }
  // procps compiles an ERE (regcomp, -x wrapping it in ^( )$) and prints regerror's text as is,
  // without the program's name or a newline.
  const re = compile(o.exact ? `^(${pattern})$` : pattern, { extended: true, ignoreCase: Boolean(o.ignoreCase), unicode: true })
  if ('error' in re) {
    ctx.err(re.error)
    return 2
  }
  const self = ctx.host.procs.list().find((p) => p.args === ctx.argv.join(' ') && p.comm === name)
  const matches = ctx.host.procs.list().filter((p) => p !== self && !p.kernel && re.test(o.full ? p.args : p.comm) !== Boolean(o.inverse))
  if (kill) {
    for (const p of matches) {
      if (sig < 0) {
        ctx.err(`${argv[0]}: killing pid ${p.pid} failed: Invalid argument\n`)
        continue
      }
      p.signal?.(sig)
      if (o.echo) ctx.out(`${p.comm} killed (pid ${p.pid})\n`)
    }
    if (o.count) ctx.out(`${matches.length}\n`)
  } else if (o.count) ctx.out(`${matches.length}\n`)
  else if (matches.length) {
    const items = matches.map((p) => (o.listName ? `${p.pid} ${p.comm}` : o.listFull ? `${p.pid} ${p.args}` : `${p.pid}`))
    ctx.out(items.join(typeof o.delimiter === 'string' ? o.delimiter : '\n') + '\n')
  }
  return matches.length ? 0 : 1
}

export const pgrep: CommandDef = { name: 'pgrep', path: '/usr/bin/pgrep', summary: 'look up processes by name', args: PGREP, run: (ctx) => run(ctx, false) }
export const pkill: CommandDef = { name: 'pkill', path: '/usr/bin/pkill', summary: 'signal processes by name', args: PKILL, run: (ctx) => run(ctx, true) }
