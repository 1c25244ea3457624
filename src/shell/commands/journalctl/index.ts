// journalctl (systemd 252): the host's journal in the short output format, `-u UNIT`, `-b [N]`,
// `-k`, `-n [N]` (a number in the next word counts too, as journalctl accepts), `-e`, `-f`, `-x`
// with the catalog's explanations, `-p`, `-t`, `-r`, `-q`, `-o short|short-precise|short-iso|cat`.
// A change of boot between two lines prints `-- Boot ID --`; no match prints `-- No entries --`.
// There is no pager, so `--no-pager` changes nothing; option errors come from getopt, status 1.

import { journalDate } from '../../../host/clock.ts'
import { wallSeconds } from '../../../host/clock.ts'
import type { JournalEntry } from '../../../host/journal.ts'
import { MS, SECOND } from '../../../sim/engine.ts'
import { wait, type Proc } from '../../../sim/task.ts'
import { parseArgs } from '../../args/index.ts'
import { systemdArgs } from '../systemd-cli.ts'
import type { CommandContext, CommandDef } from '../types.ts'
import { catalog } from './catalog.ts'
import { HELP } from './help.ts'

const PRIORITIES = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug']

/** The options the lab models; every other option journalctl's help lists is known and refused. */
const ARGS = systemdArgs(HELP, {
  unit: { short: 'u', long: 'unit', arg: 'required', list: true },
  boot: { short: 'b', long: 'boot', arg: 'optional', bare: '0' },
  dmesg: { short: 'k', long: 'dmesg' },
  lines: { short: 'n', long: 'lines', arg: 'optional', bare: '10' },
  end: { short: 'e', long: 'pager-end' },
  follow: { short: 'f', long: 'follow' },
  catalog: { short: 'x', long: 'catalog' },
  priority: { short: 'p', long: 'priority', arg: 'required' },
  ident: { short: 't', long: 'identifier', arg: 'required', list: true },
  reverse: { short: 'r', long: 'reverse' },
  quiet: { short: 'q', long: 'quiet' },
  output: { short: 'o', long: 'output', arg: 'required' },
  all: { short: 'a', long: 'all' },
  noPager: { long: 'no-pager' },
  noHostname: { long: 'no-hostname' },
})

/** A boot's 128-bit ID, made from the host and boot number (the real one is random). */
export function bootId(host: string, boot: number): string {
  let h = 2166136261
  let out = ''
  for (let round = 0; out.length < 32; round++) {
    for (const c of `${host}#${boot}#${round}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0
    out += h.toString(16).padStart(8, '0')
  }
  return out.slice(0, 32)
}

/** journalctl takes a number in the next word for -n and -b; getopt only sees glued values. */
function glueNumbers(argv: string[]): string[] {
  const out: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const w = argv[i]
    const next = argv[i + 1]
    if (i > 0 && next !== undefined && /^[+-]?\d+$/.test(next) && (w === '-n' || w === '-b' || w === '--lines' || w === '--boot')) {
      out.push(w.startsWith('--') ? `${w}=${next}` : `${w}${next}`)
      i++
    } else out.push(w)
  }
  return out
}

function wallParts(us: number) {
  const secs = wallSeconds(us)
  return { secs, frac: String(Math.floor(us % SECOND)).padStart(6, '0') }
}

export function formatEntry(e: JournalEntry, host: string, mode: string, withHost: boolean): string {
  if (mode === 'cat') return e.msg
  const { secs, frac } = wallParts(e.at)
  let stamp = journalDate(secs)
  if (mode === 'short-precise') stamp += `.${frac}`
  if (mode === 'short-iso') {
    const d = new Date((secs + 8 * 3600) * 1000).toISOString().slice(0, 19)
    stamp = `${d}+0800`
  }
  const who = e.pid === null ? e.ident : `${e.ident}[${e.pid}]`
  return `${stamp}${withHost ? ` ${host}` : ''} ${who}: ${e.msg}`
}

function* run(ctx: CommandContext): Proc<number> {
  const a = parseArgs({ ...ctx, argv: glueNumbers(ctx.argv) }, ARGS)
  if (typeof a === 'number') return a
  const o = a.opts
  const journal = ctx.host.journal
  const mode = o.output ?? 'short'
  if (!['short', 'short-precise', 'short-iso', 'cat'].includes(mode)) {
    ctx.err(`Output mode ${mode} is not modelled in this lab (short, short-precise, short-iso, cat).\n`)
    return 1
  }
  let prio = 7
  if (o.priority !== undefined) {
    const p = /^\d$/.test(o.priority) ? Number(o.priority) : PRIORITIES.indexOf(o.priority)
    if (p < 0 || p > 7) {
      ctx.err(`Failed to parse log level: ${o.priority}\n`)
      return 1
    }
    prio = p
  }
  let boot: number | null = null
  if (o.boot !== undefined || o.dmesg) {
    const n = o.boot === undefined || o.boot === '' ? 0 : Number(o.boot)
    const target = n <= 0 ? journal.boot + n : n
    if (!Number.isInteger(n) || target < 1 || target > journal.boot) {
      ctx.err('Data from the specified boot (' + (o.boot ?? '0') + ') is not available: No such boot ID in journal\n')
      return 1
    }
    boot = target
  }
  if (a.operands.length) {
    ctx.err(`Matches (${a.operands.join(' ')}) are not modelled in this lab; use -u, -t, -k or -b.\n`)
    return 1
  }
  const units = o.unit.map((u) => u.replace(/\.service$/, ''))
  const match = (e: JournalEntry) =>
    (boot === null || e.boot === boot) && (!o.dmesg || e.ident === 'kernel') && (!units.length || (e.unit !== null && units.includes(e.unit))) && (!o.ident.length || o.ident.includes(e.ident)) && e.priority <= prio
  let lines = o.lines !== undefined ? Number(o.lines) : o.end ? 1000 : o.follow ? 10 : null
  if (lines !== null && (!Number.isInteger(lines) || lines < 0)) {
    ctx.err(`Failed to parse lines '${o.lines}'.\n`)
    return 1
  }
  const host = ctx.host.hostname
  let previousBoot: number | null = null
  const print = (e: JournalEntry) => {
    if (previousBoot !== null && previousBoot !== e.boot && !o.quiet) ctx.out(`-- Boot ${bootId(host, e.boot)} --\n`)
    previousBoot = e.boot
    ctx.out(formatEntry(e, host, mode, !o.noHostname) + '\n')
    if (o.catalog && mode !== 'cat') for (const l of catalog(e) ?? []) ctx.out(`░░ ${l}\n`)
  }
  let picked = journal.entries.filter(match)
  if (lines !== null) picked = lines === 0 ? [] : picked.slice(-lines)
  if (o.reverse) picked = [...picked].reverse()
  if (!picked.length && !o.quiet && !o.follow) ctx.out('-- No entries --\n')
  for (const e of picked) print(e)
  if (!o.follow) return 0
  let seen = journal.entries.length
  for (;;) {
    yield* wait(journal.next())
    // journald hands new entries to a follower in batches, not one by one.
    yield* wait(ctx.sleep(100 * MS))
    for (const e of journal.entries.slice(seen)) if (match(e)) print(e)
    seen = journal.entries.length
  }
}

export const journalctl: CommandDef = {
  name: 'journalctl',
  path: '/usr/bin/journalctl',
  rpm: 'systemd',
  summary: 'print log entries from the systemd journal',
  args: ARGS,
  run,
}
