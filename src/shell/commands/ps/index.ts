// ps (procps-ng 3.3.17, RHEL 9): the host's process table in the three forms learners type —
// plain `ps` (this terminal's processes), System V `ps -ef` / `ps -e` / `ps -f`, and BSD
// `ps aux` — with RHEL 9's column widths (PID columns are 7 wide because pid_max is 4194304).

import { TZ_OFFSET } from '../../../host/clock.ts'
import type { Process } from '../../../host/procs.ts'
import type { CommandContext, CommandDef } from '../types.ts'
import { HEAD, SECTIONS, SHORT, TAIL } from './help.ts'

/** The lab's hosts have 1.7 GiB of RAM, as the tutorial's VMs. */
const MEM_KIB = 1_790_468

function hhmm(epoch: number): string {
  const d = new Date((epoch + TZ_OFFSET) * 1000)
  return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`
}

function cpuTime(sec: number, long: boolean): string {
  const h = Math.floor(sec / 3600)
  const m = Math.floor((sec % 3600) / 60)
  const s = sec % 60
  return long ? `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}` : `${h * 60 + m}:${String(s).padStart(2, '0')}`
}

function usage(ctx: CommandContext, bsd: boolean): number {
  ctx.err(`error: ${bsd ? 'unsupported option (BSD syntax)' : 'unsupported SysV option'}\n${SHORT}`)
  return 1
}

/** `--help [SECTION]`: a section by its name or first letter, `all` of them, else the short text. */
function help(section: string | undefined): string {
  if (section === undefined) return SHORT
  if (section === 'a' || section === 'all') return HEAD + [...SECTIONS.values()].map((t) => `\n${t}`).join('') + TAIL
  for (const [name, text] of SECTIONS) if (section === name || section === name[0]) return `${HEAD}\n${text}${TAIL}`
  return SHORT
}

/** --help and --version are read before any other option (ps/parser.c's arg_check_conflicts and
 *  its first pass): --version with anything else is "exclusive". */
function standard(ctx: CommandContext): number | null {
  const args = ctx.argv.slice(1)
  if (args[0] === '--help') {
    ctx.out(help(args[1]))
    return 0
  }
  const v = args.find((a) => a === '--version' || a === '-V' || a === 'V')
  if (v === undefined) return null
  if (args.length > 1) {
    ctx.err(`error: the option is exclusive: ${v}\n${SHORT}`)
    return 1
  }
  ctx.out('ps from procps-ng 3.3.17\n')
  return 0
}

function run(ctx: CommandContext): number {
  const early = standard(ctx)
  if (early !== null) return early
  let all = false
  let full = false
  let bsd = false
  let pids: number[] | null = null
  const args = ctx.argv.slice(1)
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    if (a.startsWith('-')) {
      for (let j = 1; j < a.length; j++) {
        const f = a[j]
        if (f === 'e' || f === 'A') all = true
        else if (f === 'f' || f === 'F') full = true
        else if (f === 'p') {
          const list = a.slice(j + 1) || args[++i]
          if (!list) return usage(ctx, false)
          pids = list.split(',').map(Number)
          break
        } else return usage(ctx, false)
      }
    } else {
      for (const f of a) {
        if (f === 'a' || f === 'x') all = true
        else if (f === 'u') bsd = true
        else if (f !== 'w') return usage(ctx, true)
      }
      if (!a.includes('u')) bsd = true
    }
  }
  const self = ctx.session.tty
  let procs = ctx.host.procs.list()
  if (pids) procs = procs.filter((p) => pids!.includes(p.pid))
  else if (!all) procs = procs.filter((p) => p.tty !== null && p.tty === self)
  const lines: string[] = []
  if (bsd) {
    lines.push('USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND')
    for (const p of procs) lines.push(`${p.user.padEnd(8)} ${String(p.pid).padStart(7)} ${'0.0'.padStart(4)} ${((p.rss / MEM_KIB) * 100).toFixed(1).padStart(4)} ${String(p.vsz).padStart(6)} ${String(p.rss).padStart(5)} ${(p.tty ?? '?').padEnd(8)} ${stat(p).padEnd(4)} ${hhmm(p.start).padEnd(5)} ${cpuTime(p.cpuSeconds, false).padStart(6)} ${p.args}`)
  } else if (full) {
    lines.push('UID          PID    PPID  C STIME TTY          TIME CMD')
    for (const p of procs) lines.push(`${p.user.padEnd(8)} ${String(p.pid).padStart(7)} ${String(p.ppid).padStart(7)} ${'0'.padStart(2)} ${hhmm(p.start).padEnd(5)} ${(p.tty ?? '?').padEnd(8)} ${cpuTime(p.cpuSeconds, true).padStart(8)} ${p.args}`)
  } else {
    lines.push('    PID TTY          TIME CMD')
    for (const p of procs) lines.push(`${String(p.pid).padStart(7)} ${(p.tty ?? '?').padEnd(8)} ${cpuTime(p.cpuSeconds, true).padStart(8)} ${p.comm}`)
  }
  const width = ctx.tty ? (ctx.term?.cols ?? 80) : Infinity
  ctx.out(lines.map((l) => (l.length > width ? l.slice(0, width) : l)).join('\n') + '\n')
  return pids && !procs.length ? 1 : 0
}

function stat(p: Process): string {
  return p.stat
}

export const ps: CommandDef = { name: 'ps', path: '/usr/bin/ps', summary: 'report a snapshot of the current processes', completions: ['-ef', 'aux', '-e', '-f', '-p'], run }
