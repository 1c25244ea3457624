// pgrep and pkill (procps-ng 3.3.17): processes whose name (or, with -f, whole command line)
// matches an extended regular expression; pgrep prints their PIDs (-l with the name, -a with the
// command line), pkill sends them a signal (TERM by default). Neither matches itself. Exit status
// 0 when something matched, 1 when nothing did, 2 on a usage error.

import { signalNumber } from '../../../host/procs.ts'
import type { CommandContext, CommandDef } from '../types.ts'

function run(ctx: CommandContext, kill: boolean): number {
  const name = kill ? 'pkill' : 'pgrep'
  let full = false
  let exact = false
  let list: 'pid' | 'name' | 'args' = 'pid'
  let sig = 15
  let pattern: string | null = null
  const args = ctx.argv.slice(1)
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    if (a.startsWith('-') && a.length > 1 && pattern === null) {
      const sigName = a.slice(1)
      if (kill && signalNumber(sigName) !== null) {
        sig = signalNumber(sigName)!
        continue
      }
      for (const f of a.slice(1)) {
        if (f === 'f') full = true
        else if (f === 'x') exact = true
        else if (f === 'l' && !kill) list = 'name'
        else if (f === 'a' && !kill) list = 'args'
        else {
          ctx.err(`${name}: invalid option -- '${f}'\nUsage:\n ${name} [options] <pattern>\n\nFor more details see pgrep(1).\n`)
          return 2
        }
      }
      continue
    }
    if (pattern !== null) {
      ctx.err(`${name}: only one pattern can be provided\nTry \`${name} --help' for more information.\n`)
      return 2
    }
    pattern = a
  }
  if (pattern === null) {
    ctx.err(`${name}: no matching criteria specified\nTry \`${name} --help' for more information.\n`)
    return 2
  }
  let re: RegExp
  try {
    re = new RegExp(exact ? `^(?:${pattern})$` : pattern)
  } catch {
    ctx.err(`${name}: cannot compile regular expression '${pattern}'\n`)
    return 2
  }
  const self = ctx.host.procs.list().find((p) => p.args === ctx.argv.join(' ') && (p.comm === name))
  const matches = ctx.host.procs.list().filter((p) => p !== self && !p.kernel && re.test(full ? p.args : p.comm))
  for (const p of matches) {
    if (kill) p.signal?.(sig)
    else ctx.out(list === 'pid' ? `${p.pid}\n` : list === 'name' ? `${p.pid} ${p.comm}\n` : `${p.pid} ${p.args}\n`)
  }
  return matches.length ? 0 : 1
}

export const pgrep: CommandDef = { name: 'pgrep', path: '/usr/bin/pgrep', summary: 'look up processes by name', run: (ctx) => run(ctx, false) }
export const pkill: CommandDef = { name: 'pkill', path: '/usr/bin/pkill', summary: 'signal processes by name', run: (ctx) => run(ctx, true) }
