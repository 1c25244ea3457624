// sysctl (procps-ng 3.3.17): read keys, write `key=value` (with or without -w), -a, -p [file],
// --system, -n/-N/-q, with the messages and exit statuses of rhel9-system.md §6.

import { normalizePath } from '../../../host/fs.ts'
import { parseSysctlConf } from '../../../host/sysctl.ts'
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

function applyFile(ctx: CommandContext, path: string, flags: { n: boolean; N: boolean; q: boolean }): number {
  const text = ctx.host.fs.read(normalizePath(ctx.session.cwd, path))
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

function run(ctx: CommandContext): number {
  const flags = { n: false, N: false, q: false }
  let all = false
  let load: string | null = null
  let system = false
  let forceWrite = false
  const items: string[] = []
  const args = ctx.argv.slice(1)
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    if (a === '--system') system = true
    else if (a === '-a' || a === '-A' || a === '-X' || a === '--all') all = true
    else if (a === '-p' || a === '--load') load = args[i + 1] && !args[i + 1].startsWith('-') ? args[++i] : '/etc/sysctl.conf'
    else if (a.startsWith('-p')) load = a.slice(2)
    else if (a.startsWith('--load=')) load = a.slice(7)
    else if (/^-[nNqwe]+$/.test(a)) {
      for (const f of a.slice(1)) {
        if (f === 'n') flags.n = true
        if (f === 'N') flags.N = true
        if (f === 'q') flags.q = true
        if (f === 'w') forceWrite = true
      }
    } else if (a === '--') {
      items.push(...args.slice(i + 1))
      break
    } else if (a.startsWith('-') && a !== '-') {
      ctx.err(a.startsWith('--') ? `sysctl: unrecognized option '${a}'\n` : `sysctl: invalid option -- '${a[1]}'\n`)
      ctx.err(`\nUsage:\n sysctl [options] [variable[=value] ...]\n`)
      return 1
    } else items.push(a)
  }
  if (system) {
    const files = (ctx.host.fs.list('/etc/sysctl.d') ?? []).filter((f) => f.endsWith('.conf')).map((f) => `/etc/sysctl.d/${f}`)
    for (const f of [...files, '/etc/sysctl.conf']) ctx.out(`* Applying ${f} ...\n`)
    let status = 0
    for (const f of [...files, '/etc/sysctl.conf']) status = applyFile(ctx, f, flags) || status
    return status
  }
  if (load !== null) return applyFile(ctx, load, flags)
  if (all) {
    for (const k of ctx.host.sysctl.all()) ctx.out(display(k, ctx.host.sysctl.get(k)!, flags) + '\n')
    return 0
  }
  if (!items.length) {
    ctx.err('\nUsage:\n sysctl [options] [variable[=value] ...]\n\nOptions:\n  -a, --all            display all variables\n  -n, --values         print only values of the given variable(s)\n  -p, --load[=<file>]  read values from file\n  -w, --write          enable writing a value to variable\n      --system         read values from all system directories\n\nFor more details see sysctl(8).\n')
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
  run,
}
