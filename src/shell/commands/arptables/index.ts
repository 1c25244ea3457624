// arptables (arptables-nft from iptables-nft 1.8.10): filter table, INPUT and OUTPUT chains, -A -I
// -D -F -L, -s/-d, -j DROP|ACCEPT|mangle --mangle-ip-s; arptables-save and arptables-restore in
// their nft formats (rhel9-system.md §5).

import { ctimeDate } from '../../../host/clock.ts'
import { formatIp, formatPrefix, parseCidr, parseIp } from '../../../net/addr.ts'
import type { ArpRule } from '../../../host/netfilter/arptables.ts'
import type { CommandContext, CommandDef } from '../types.ts'
import { table } from '../../../sim/table.ts'

const LONG_COMMANDS = table<string>({ '--append': '-A', '--insert': '-I', '--delete': '-D', '--flush': '-F', '--list': '-L' })
const PREFIX = 'arptables v1.8.10 (nf_tables): '
const TRY = "Try `arptables -h' or 'arptables --help' for more information.\n"

export function ruleText(r: ArpRule): string {
  let s = `-j ${r.target}`
  if (r.src) s += ` -s ${formatPrefix(r.src)}`
  if (r.dst) s += ` -d ${formatPrefix(r.dst)}`
  if (r.mangleIpS !== undefined) s += ` --mangle-ip-s ${formatIp(r.mangleIpS)}`
  return s
}

/** Applies one arptables command line to the host; returns the exit status. */
export function arptablesLine(ctx: CommandContext, args: string[]): number {
  const fw = ctx.host.netfilter.arptables
  const fail = (msg: string, code = 2) => {
    ctx.err(code === 2 ? `${PREFIX}${msg}\n${TRY}` : `${msg}\n`)
    return code
  }
  let cmd: string | null = null
  let chain: string | undefined
  let verbose = false
  let lineNumbers = false
  const rule: Partial<ArpRule> = {}
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    const need = () => (i + 1 < args.length ? args[++i] : null)
    if (['-A', '-I', '-D', '-F', '-L', '--append', '--insert', '--delete', '--flush', '--list'].includes(a)) {
      cmd = a.length === 2 ? a : LONG_COMMANDS[a]
      if (i + 1 < args.length && !args[i + 1].startsWith('-')) chain = args[++i]
    } else if (/^-[nvL]+$/.test(a)) {
      if (a.includes('L')) cmd = '-L'
      if (a.includes('v')) verbose = true
    } else if (a === '--line-numbers') lineNumbers = true
    else if (a === '-V' || a === '--version') {
      ctx.out('arptables v1.8.10 (nf_tables)\n')
      return 0
    } else if (a === '-s' || a === '-d' || a === '--source-ip' || a === '--destination-ip') {
      const v = need()
      const c = v ? parseCidr(v) : null
      if (!c) return fail(v === null ? `option "${a}" requires an argument` : `host/network \`${v}' not found`)
      if (a === '-s' || a === '--source-ip') rule.src = c
      else rule.dst = c
    } else if (a === '-j') {
      const t = need()
      if (t !== 'DROP' && t !== 'ACCEPT' && t !== 'mangle') return fail(`Chain '${t ?? ''}' does not exist`)
      rule.target = t
    } else if (a === '--mangle-ip-s') {
      if (rule.target !== 'mangle') return fail(`unknown option "${a}"`)
      const v = need()
      const ip = v ? parseIp(v) : null
      if (ip === null) return fail(`host/network \`${v ?? ''}' not found`)
      rule.mangleIpS = ip
    } else if (a === '-i' || a === '-o') need()
    else return fail(`unknown option "${a}"`)
  }
  if (chain && chain !== 'INPUT' && chain !== 'OUTPUT') return fail('arptables: No chain/target/match by that name.', 1)
  switch (cmd) {
    case '-A':
    case '-I': {
      const list = fw.chains[chain as 'INPUT' | 'OUTPUT']
      if (!list) return fail(`option "${cmd}" requires an argument`)
      const r = { target: 'ACCEPT', ...rule } as ArpRule
      if (cmd === '-A') list.push(r)
      else list.unshift(r)
      fw.touch(chain as 'INPUT' | 'OUTPUT')
      return 0
    }
    case '-D': {
      const list = fw.chains[chain as 'INPUT' | 'OUTPUT']
      const i = list ? list.findIndex((r) => ruleText(r) === ruleText({ target: 'ACCEPT', ...rule } as ArpRule)) : -1
      if (i < 0) return fail('arptables: Bad rule (does a matching rule exist in that chain?).', 1)
      list.splice(i, 1)
      return 0
    }
    case '-F':
      for (const c of chain ? [chain as 'INPUT'] : (['INPUT', 'OUTPUT'] as const)) fw.chains[c] = []
      return 0
    case '-L': {
      const blocks = (chain ? [chain as 'INPUT'] : (['INPUT', 'OUTPUT'] as const)).map((c) => {
        const head = verbose ? `Chain ${c} (policy ACCEPT 0 packets, 0 bytes)` : `Chain ${c} (policy ACCEPT)`
        const rules = fw.chains[c].map((r, i) => `${lineNumbers ? `${i + 1} ` : ''}${verbose ? ruleText(r).replace(/^(-j \S+)/, '$1 -i any -o any') + ' , pcnt=0 -- bcnt=0 ' : ruleText(r)}`)
        return [head, ...rules].join('\n')
      })
      ctx.out(blocks.join('\n\n') + '\n')
      return 0
    }
    default:
      return fail('no command specified')
  }
}

export const arptables: CommandDef = {
  name: 'arptables',
  path: '/usr/sbin/arptables',
  summary: 'ARP table administration (nft-based)',
  completions: ['-A', '-D', '-F', '-L', 'INPUT', 'OUTPUT', '-j', 'DROP', 'mangle', '--mangle-ip-s', '-s', '-d'],
  run: (ctx) => arptablesLine(ctx, ctx.argv.slice(1)),
}

export const arptablesSave: CommandDef = {
  name: 'arptables-save',
  path: '/usr/sbin/arptables-save',
  summary: 'dump arptables rules to stdout',
  run(ctx) {
    const me = ctx.argv[0].slice(ctx.argv[0].lastIndexOf('/') + 1)
    const when = ctimeDate(ctx.host.wall())
    const fw = ctx.host.netfilter.arptables
    const lines = [`# Generated by ${me} v1.8.10 (nf_tables) on ${when}`, '*filter', ':INPUT ACCEPT', ':OUTPUT ACCEPT']
    for (const c of ['INPUT', 'OUTPUT'] as const) for (const r of fw.chains[c]) lines.push(`-A ${c} ${ruleText(r)}`)
    lines.push(`# Completed on ${when}`)
    ctx.out(lines.join('\n') + '\n')
    return 0
  },
}

export const arptablesRestore: CommandDef = {
  name: 'arptables-restore',
  path: '/usr/sbin/arptables-restore',
  summary: 'restore arptables rules from stdin',
  *run(ctx) {
    const input = yield* ctx.stdin.readAll()
    ctx.host.netfilter.arptables.clear()
    let lineNo = 0
    for (const line of input.split('\n')) {
      lineNo++
      const t = line.trim()
      if (!t || t.startsWith('#') || t.startsWith('*') || t.startsWith(':') || t === 'COMMIT') continue
      const code = arptablesLine(ctx, t.split(/\s+/))
      if (code) {
        ctx.err(`arptables-restore: line ${lineNo} failed\n`)
        return 1
      }
    }
    return 0
  },
}
