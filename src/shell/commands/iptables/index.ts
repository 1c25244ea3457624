// iptables (iptables-nft 1.8.10): -t filter|nat|mangle|raw, -A -I -D -F -L -S -n -v --line-numbers,
// matches -s -d -p -i -o --dport, -m multiport --dports, -m state --state and -m conntrack
// --ctstate, targets ACCEPT DROP REJECT MARK --set-mark, SNAT --to-source, DNAT --to-destination
// and MASQUERADE; the -L/-S layouts and the error texts of rhel9-system.md §4.

import { formatPrefix, parseCidr, parseIp, type Cidr } from '../../../net/addr.ts'
import { CHAINS, formatTo, PROTO_NAME, ruleSave, STATE_ORDER, states, TABLE_TARGETS, type IptRule, type IptTable } from '../../../host/netfilter/iptables.ts'
import type { CtState } from '../../../host/netfilter/conntrack.ts'
import { Names } from '../../../host/names.ts'
import { table } from '../../../sim/table.ts'
import type { CommandContext, CommandDef } from '../types.ts'

const LONG_COMMANDS = table<string>({ '--append': '-A', '--insert': '-I', '--delete': '-D', '--flush': '-F', '--list': '-L' })
const PREFIX = 'iptables v1.8.10 (nf_tables): '
const TRY = "Try `iptables -h' or 'iptables --help' for more information.\n"
const PROTO = table<number>({ tcp: 6, udp: 17, icmp: 1, all: 0 })
const TARGETS = ['ACCEPT', 'DROP', 'REJECT', 'MARK', 'SNAT', 'DNAT', 'MASQUERADE']

function addr(c: Cidr | undefined, numeric: boolean): string {
  if (!c) return numeric ? '0.0.0.0/0' : 'anywhere'
  return formatPrefix(c)
}

function ruleText(r: IptRule, numeric: boolean, names: Names): string {
  const parts: string[] = []
  if (r.dports) {
    const ports = r.dports.map((p) => (numeric ? String(p) : (names.service(p, PROTO_NAME[r.proto ?? 6]) ?? String(p))))
    parts.push(r.dports.length > 1 ? `multiport dports ${ports.join(',')}` : `${PROTO_NAME[r.proto ?? 6]} dpt:${ports[0]}`)
  }
  if (r.ctstates) parts.push(`${r.ctMatch === 'conntrack' ? 'ctstate' : 'state'} ${states(r)}`)
  if (r.target === 'MARK') parts.push(`MARK set 0x${(r.mark ?? 0).toString(16)}`)
  if (r.target === 'REJECT') parts.push('reject-with icmp-port-unreachable')
  if (r.target === 'SNAT' || r.target === 'DNAT') parts.push(`to:${formatTo(r)}`)
  return parts.length ? ' ' + parts.join(' ') : ''
}


function fail(ctx: CommandContext, msg: string, code = 2): number {
  ctx.err(code === 2 ? `${PREFIX}${msg}\n${TRY}` : `${msg}\n`)
  return code
}

function run(ctx: CommandContext): number {
  const status = apply(ctx)
  ctx.host.netfilter.iptables.changed()
  return status
}

function apply(ctx: CommandContext): number {
  const args = ctx.argv.slice(1)
  const fw = ctx.host.netfilter.iptables
  let table: IptTable = 'filter'
  let cmd: string | null = null
  let chain: string | undefined
  let index: number | undefined
  let numeric = false
  let verbose = false
  let lineNumbers = false
  let exact = false
  const rule: Partial<IptRule> & { target?: IptRule['target'] } = {}
  let srcs: (Cidr | undefined)[] = [undefined]
  let dsts: (Cidr | undefined)[] = [undefined]
  /** The rule once for each -s and -d address pair, sources outermost (as xtables' add_entry loops). */
  const each = (): IptRule[] => srcs.flatMap((src) => dsts.map((dst) => ({ ...rule, ...(src && { src }), ...(dst && { dst }), pkts: 0, bytes: 0 }) as IptRule))
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    const need = (): string | null => (i + 1 < args.length ? args[++i] : null)
    switch (a) {
      case '-V':
      case '--version':
        ctx.out('iptables v1.8.10 (nf_tables)\n')
        return 0
      case '-t':
      case '--table': {
        const t = need()
        if (!t || !(t in CHAINS)) {
          ctx.err(`${PREFIX}table '${t ?? ''}' does not exist\nPerhaps iptables or your kernel needs to be upgraded.\n`)
          return 3
        }
        table = t as IptTable
        break
      }
      case '-A':
      case '-I':
      case '-D':
      case '-F':
      case '-L':
      case '-S':
      case '--append':
      case '--insert':
      case '--delete':
      case '--flush':
      case '--list':
        cmd = a.length === 2 ? a : LONG_COMMANDS[a]
        if (i + 1 < args.length && !args[i + 1].startsWith('-')) chain = args[++i]
        if ((cmd === '-I' || cmd === '-D') && i + 1 < args.length && /^\d+$/.test(args[i + 1])) index = Number(args[++i])
        break
      case '-n':
      case '--numeric':
        numeric = true
        break
      case '-v':
      case '--verbose':
        verbose = true
        break
      case '--line-numbers':
        lineNumbers = true
        break
      case '-x':
      case '--exact':
        exact = true
        break
      case '-s':
      case '-d': {
        const v = need()
        if (v === null) return fail(ctx, `option "${a}" requires an argument`)
        // A comma list (xtables_ipparse_multiple) makes one rule per source and destination pair.
        const list: Cidr[] = []
        for (const item of v.split(',')) {
          const c = parseCidr(item)
          if (!c) return fail(ctx, `host/network \`${item}' not found`)
          list.push(c)
        }
        if (a === '-s') srcs = list
        else dsts = list
        break
      }
      case '-p':
      case '--protocol': {
        const v = need()
        if (v === null) return fail(ctx, `option "${a}" requires an argument`)
        if (PROTO[v] === undefined) return fail(ctx, `unknown protocol "${v}" specified`)
        rule.proto = PROTO[v]
        break
      }
      case '-i':
      case '-o': {
        const v = need()
        if (v === null) return fail(ctx, `option "${a}" requires an argument`)
        if (a === '-i') rule.inIface = v
        else rule.outIface = v
        break
      }
      case '-m': {
        const m = need()
        if (!m || !['multiport', 'tcp', 'udp', 'state', 'conntrack', 'mark'].includes(m)) return fail(ctx, `Couldn't load match \`${m ?? ''}':No such file or directory`)
        if (m === 'state' || m === 'conntrack') rule.ctMatch = m
        break
      }
      case '--state':
      case '--ctstate': {
        if (rule.ctMatch !== (a === '--state' ? 'state' : 'conntrack')) return fail(ctx, `unknown option "${a}"`)
        const v = need()
        const list = (v ?? '').split(',')
        if (!v || list.some((x) => !STATE_ORDER.includes(x as CtState))) return fail(ctx, `Bad ${a === '--state' ? 'state' : 'ctstate'} "${v ?? ''}"`)
        rule.ctstates = list as CtState[]
        break
      }
      case '--to-source':
      case '--to-destination':
      case '--to': {
        const want = a === '--to-source' ? 'SNAT' : 'DNAT'
        if (rule.target !== want && !(a === '--to' && (rule.target === 'SNAT' || rule.target === 'DNAT'))) return fail(ctx, `unknown option "${a}"`)
        const v = need()
        const m = v === null ? null : /^([\d.]+)(?::(\d+))?$/.exec(v)
        const ip = m ? parseIp(m[1]) : null
        const port = m?.[2] !== undefined ? Number(m[2]) : undefined
        if (!m || ip === null || (port !== undefined && (port < 1 || port > 65535))) return fail(ctx, `Bad IP address "${v ?? ''}"`)
        rule.toAddr = ip
        if (port !== undefined) rule.toPort = port
        break
      }
      case '--dport':
      case '--dports':
      case '--destination-port': {
        const v = need()
        if (v === null) return fail(ctx, `option "${a}" requires an argument`)
        rule.dports = v.split(',').map((p) => Number(p) || new Names(ctx.host.fs).port(p, 'tcp') || 0)
        break
      }
      case '-j':
      case '--jump': {
        const t = need()
        if (!t || !TARGETS.includes(t)) return fail(ctx, `Chain '${t ?? ''}' does not exist`)
        rule.target = t as IptRule['target']
        break
      }
      case '--set-mark':
      case '--set-xmark': {
        if (rule.target !== 'MARK') return fail(ctx, `unknown option "${a}"`)
        const v = need()
        if (v === null) return fail(ctx, `option "${a}" requires an argument`)
        const n = Number(v.split('/')[0])
        if (!Number.isInteger(n) || n < 0) return fail(ctx, `Bad MARK value "${v}"`)
        rule.mark = n
        break
      }
      default:
        if (/^-[nvL]+$/.test(a)) {
          if (a.includes('L')) cmd = '-L'
          if (a.includes('n')) numeric = true
          if (a.includes('v')) verbose = true
          if (a.includes('L') && i + 1 < args.length && !args[i + 1].startsWith('-')) chain = args[++i]
          break
        }
        return fail(ctx, `unknown option "${a}"`)
    }
  }
  const chains = CHAINS[table]
  if (chain && !chains.includes(chain)) return fail(ctx, 'iptables: No chain/target/match by that name.', 1)
  const names = new Names(ctx.host.fs)
  switch (cmd) {
    case '-A':
    case '-I': {
      if (!chain) return fail(ctx, `option "${cmd}" requires an argument`)
      if (!rule.target) rule.target = 'ACCEPT'
      if (rule.target === 'MARK' && rule.mark === undefined) return fail(ctx, 'MARK target: Parameter --set-xmark is required')
      // The kernel refuses a target outside its table (xt_check_target), a NAT target outside its hooks.
      const invalid = () => fail(ctx, `${PREFIX}RULE_${cmd === '-A' ? 'APPEND' : 'INSERT'} failed (Invalid argument): rule in chain ${chain}`, 4)
      if (!TABLE_TARGETS[table].includes(rule.target)) return invalid()
      if ((rule.target === 'SNAT' || rule.target === 'DNAT') && rule.toAddr === undefined) return fail(ctx, `${rule.target}: Parameter --to-${rule.target === 'SNAT' ? 'source' : 'destination'} is required`)
      if ((rule.target === 'MASQUERADE' || rule.target === 'SNAT') && chain !== 'POSTROUTING' && chain !== 'INPUT') return invalid()
      if (rule.target === 'DNAT' && chain !== 'PREROUTING' && chain !== 'OUTPUT') return invalid()
      const list = fw.chain(table, chain)
      const at = (index ?? 1) - 1
      if (cmd === '-I' && at > list.length) return fail(ctx, 'iptables: Index of insertion too big.', 1)
      // Each inserted rule goes in at the same number, so a list ends up in reverse order.
      for (const r of each()) {
        if (cmd === '-A') list.push(r)
        else list.splice(at, 0, r)
      }
      fw.touch(table, chain)
      return 0
    }
    case '-D': {
      if (!chain) return fail(ctx, 'option "-D" requires an argument')
      const list = fw.chain(table, chain)
      if (index !== undefined) {
        // iptables-nft finds no rule at that number (ENOENT), where legacy iptables said
        // `Index of deletion too big.`.
        if (index < 1 || index > list.length) return fail(ctx, 'iptables: No chain/target/match by that name.', 1)
        list.splice(index - 1, 1)
        return 0
      }
      for (const want of each()) {
        const i = list.findIndex((r) => save(r, chain!) === save({ ...want, target: rule.target ?? 'ACCEPT' }, chain!))
        if (i < 0) return fail(ctx, 'iptables: Bad rule (does a matching rule exist in that chain?).', 1)
        list.splice(i, 1)
      }
      return 0
    }
    case '-F':
      for (const c of chain ? [chain] : chains) fw.chain(table, c).length = 0
      return 0
    case '-S': {
      const lines = (chain ? [chain] : chains).map((c) => `-P ${c} ACCEPT`)
      for (const c of chain ? [chain] : chains) for (const r of fw.chain(table, c)) lines.push(save(r, c))
      ctx.out(lines.join('\n') + '\n')
      return 0
    }
    case '-L': {
      const blocks: string[] = []
      for (const c of chain ? [chain] : chains) {
        const rules = fw.chain(table, c)
        const lines = [verbose ? `Chain ${c} (policy ACCEPT 0 packets, 0 bytes)` : `Chain ${c} (policy ACCEPT)`]
        const num = lineNumbers ? 'num  ' : ''
        const counters = exact ? '    pkts      bytes ' : ' pkts bytes '
        lines.push(verbose ? `${num}${counters}target     prot opt in     out     source               destination         ` : `${num}target     prot opt source               destination         `)
        rules.forEach((r, i) => {
          const proto = numeric ? String(r.proto ?? 0) : PROTO_NAME[r.proto ?? 0]
          const head = `${lineNumbers ? String(i + 1).padEnd(4) + ' ' : ''}${verbose ? `${counter(r.pkts, exact)}${counter(r.bytes, exact)}` : ''}${r.target.padEnd(9)}  ${proto.padEnd(4)} --  ${verbose ? `${(r.inIface ?? (numeric ? '*' : 'any')).padEnd(6)} ${(r.outIface ?? (numeric ? '*' : 'any')).padEnd(6)}  ` : ''}`
          lines.push(`${head}${addr(r.src, numeric).padEnd(20)} ${addr(r.dst, numeric).padEnd(20)}${ruleText(r, numeric, names)}`)
        })
        blocks.push(lines.join('\n'))
      }
      ctx.out(blocks.join('\n\n') + '\n')
      return 0
    }
    default:
      return fail(ctx, 'no command specified')
  }
}

/**
 * xtables_print_num: exact (-x) as %8llu; else up to 99999 as %5llu, then rounded to thousands
 * with a unit letter in %4llu (K, M, G, T), as `iptables -L -v` shortens large counters.
 */
function counter(n: number, exact: boolean): string {
  if (exact) return `${String(n).padStart(8)} `
  if (n <= 99999) return `${String(n).padStart(5)} `
  for (const unit of ['K', 'M', 'G']) {
    n = Math.floor((n + 500) / 1000)
    if (n <= 9999) return `${String(n).padStart(4)}${unit} `
  }
  return `${String(Math.floor((n + 500) / 1000)).padStart(4)}T `
}

export const iptables: CommandDef = {
  name: 'iptables',
  path: '/usr/sbin/iptables',
  summary: 'administration tool for IPv4 packet filtering and NAT (nf_tables)',
  completions: ['-t', 'mangle', 'nat', 'filter', '-A', '-I', '-D', '-F', '-L', '-S', '-n', '-v', 'PREROUTING', 'INPUT', 'FORWARD', '-j', 'MARK', '--set-mark', '-m', 'multiport', '--dports'],
  run,
}

/** `iptables -S`'s line for a rule (the checks compare rules by it). */
export const save = ruleSave
