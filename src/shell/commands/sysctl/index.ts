// sysctl (procps-ng 3.3.17): read keys, write `key=value` (with or without -w), -a, -p [file],
// --system, -n/-N/-q, with the messages and exit statuses of rhel9-system.md §6.

import { normalizePath, type FsFail } from '../../../host/fs.ts'
import type { Proc } from '../../../sim/task.ts'
import { readInput } from '../files.ts'
import { parseSysctlConf } from '../../../host/sysctl.ts'
import { defineArgs, helpText, parseArgs } from '../../args/index.ts'
import type { CommandContext, CommandDef } from '../types.ts'

function display(key: string, value: string, flags: { n: boolean; N: boolean }): string {
  if (flags.n) return value
  if (flags.N) return key
  return `${key} = ${value}`
}

function write(ctx: CommandContext, setting: string, flags: { n: boolean; N: boolean; q: boolean }): number {
  const eq = setting.indexOf('=')
  const key = setting.slice(0, eq).trim().replace(/\//g, '.')
  const value = setting.slice(eq + 1).trim()
  if (!key) {
    ctx.err(`sysctl: malformed setting "${setting}"\n`)
    return 255
  }
  const r = ctx.host.sysctl.set(key, value)
  if (r === 'enoent') {
    ctx.err(`sysctl: cannot stat /proc/sys/${key.replace(/\./g, '/')}: No such file or directory\n`)
    return 255
  }
  if (r === 'einval') {
    ctx.err(`sysctl: setting key "${key}": Invalid argument\n`)
    return 255
  }
  if (!flags.q) ctx.out(display(key, ctx.host.sysctl.get(key)!, flags) + '\n')
  return 0
}

type Flags = { n: boolean; N: boolean; q: boolean }

/** `-p FILE…`: each operand opened as a program opens it, so `sysctl -p <(…)` reads the pipe. */
function* applyFiles(ctx: CommandContext, files: string[], flags: Flags): Proc<number> {
  let status = 0
  for (const f of files) status = applyFile(ctx, f, yield* readInput(ctx, f), flags) || status
  return status
}

function applyFile(ctx: CommandContext, path: string, text: string | FsFail, flags: Flags): number {
  if (typeof text !== 'string') {
    ctx.err(`sysctl: cannot open "${path}": No such file or directory\n`)
    return 255
  }
  let status = 0
  for (const line of parseSysctlConf(text)) {
    if (line.invalid) {
      ctx.err(`sysctl: ${path}(${line.lineNo}): invalid syntax, continuing...\n`)
      continue
    }
    if (write(ctx, `${line.key}=${line.value}`, flags) !== 0) status = 255
  }
  return status
}

const U = true as const

const ARGS = defineArgs({
  // A getopt error: glibc's message on stderr, then the usage on stdout (see run).
  usageStatus: 0,
  tryHelp: () => '',
  options: {
    all: { short: 'a', long: 'all', help: 'display all variables' },
    A: { short: 'A', help: 'alias of -a' },
    X: { short: 'X', help: 'alias of -a' },
    deprecated: { long: 'deprecated', help: 'include deprecated parameters to listing', unsimulated: U },
    binary: { short: 'b', long: 'binary', help: 'print value without new line', unsimulated: U },
    ignore: { short: 'e', long: 'ignore', help: 'ignore unknown variables errors', unsimulated: U },
    names: { short: 'N', long: 'names', help: 'print variable names without values' },
    values: { short: 'n', long: 'values', help: 'print only values of the given variable(s)' },
    load: { short: 'p', long: 'load', arg: 'optional', label: '-p, --load[=<file>]', help: 'read values from file' },
    f: { short: 'f', arg: 'optional', label: '-f', help: 'alias of -p' },
    system: { long: 'system', help: 'read values from all system directories' },
    pattern: { short: 'r', long: 'pattern', arg: 'required', label: '-r, --pattern <expression>', help: '\nselect setting that match expression', unsimulated: U },
    quiet: { short: 'q', long: 'quiet', help: 'do not echo variable set' },
    write: { short: 'w', long: 'write', help: 'enable writing a value to variable' },
    o: { short: 'o', help: 'does nothing' },
    x: { short: 'x', help: 'does nothing' },
    d: { short: 'd', help: 'alias of -h' },
    help: { short: 'h', long: 'help' },
    version: { short: 'V', long: 'version' },
  },
  help: {
    usage: ['', 'Usage:', ' %s [options] [variable[=value] ...]', '', 'Options:'],
    column: 23,
    standard: '\n -h, --help     display this help and exit\n -V, --version  output version information and exit\n',
    outro: '\nFor more details see sysctl(8).\n',
  },
})

function run(ctx: CommandContext): number | Proc<number> {
  const a = parseArgs(ctx, ARGS)
  // procps-ng 3.3.17 answers -h (and -d) with usage on stdout and status 0; getopt's '?' too,
  // after glibc's message (sysctl.c: `case '?': Usage(stdout)`).
  if (typeof a === 'number') {
    ctx.out(helpText(ARGS, ctx.argv[0]))
    return 0
  }
  const o = a.opts
  if (o.help || o.d) {
    ctx.out(helpText(ARGS, ctx.argv[0]))
    return 0
  }
  if (o.version) {
    ctx.out('sysctl from procps-ng 3.3.17\n')
    return 0
  }
  const flags = { n: o.values, N: o.names, q: o.quiet }
  const all = o.all || o.A || o.X
  const system = o.system
  const forceWrite = o.write
  const items = a.operands
  // -p FILE... : the glued file, else each operand, else /etc/sysctl.conf.
  const preload = a.seen.some((s) => s.key === 'load' || s.key === 'f')
  const glued = o.load ?? o.f
  if (preload && !system) {
    return applyFiles(ctx, glued ? [glued] : items.length ? items : ['/etc/sysctl.conf'], flags)
  }
  if (system) {
    const files = (ctx.host.fs.list('/etc/sysctl.d') ?? []).filter((f) => f.endsWith('.conf')).map((f) => `/etc/sysctl.d/${f}`)
    for (const f of [...files, '/etc/sysctl.conf']) ctx.out(`* Applying ${f} ...\n`)
    let status = 0
    for (const f of [...files, '/etc/sysctl.conf']) status = applyFile(ctx, f, ctx.host.fs.read(normalizePath(ctx.session.cwd, f)), flags) || status
    return status
  }
  if (all) {
    for (const k of ctx.host.sysctl.all()) ctx.out(display(k, ctx.host.sysctl.get(k)!, flags) + '\n')
    return 0
  }
  if (!items.length) {
    // No argument at all gets the usage; options without a variable, this.
    ctx.err(ctx.argv.length < 2 ? helpText(ARGS, ctx.argv[0]) : `${ctx.argv[0]}: no variables specified\nTry \`${ctx.argv[0]} --help' for more information.\n`)
    return 1
  }
  let status = 0
  for (const item of items) {
    if (item.includes('=')) {
      status = write(ctx, item, flags) || status
      continue
    }
    if (forceWrite) {
      ctx.err(`sysctl: "${item}" must be of the form name=value\n`)
      status = 255
      continue
    }
    const key = item.replace(/\//g, '.')
    const v = ctx.host.sysctl.get(key)
    if (v === undefined) {
      const prefix = key + '.'
      const under = ctx.host.sysctl.all().filter((k) => k.startsWith(prefix))
      if (under.length) {
        for (const k of under) ctx.out(display(k, ctx.host.sysctl.get(k)!, flags) + '\n')
        continue
      }
      ctx.err(`sysctl: cannot stat /proc/sys/${key.replace(/\./g, '/')}: No such file or directory\n`)
      status = 255
      continue
    }
    ctx.out(display(key, v, flags) + '\n')
  }
  return status
}

export const sysctl: CommandDef = {
  name: 'sysctl',
  path: '/usr/sbin/sysctl',
  summary: 'configure kernel parameters at runtime',
  completions: ['-a', '-p', '-w', '--system', 'net.ipv4.ip_forward', 'net.ipv4.conf.all.arp_ignore', 'net.ipv4.conf.all.arp_announce'],
  args: ARGS,
  run,
}
