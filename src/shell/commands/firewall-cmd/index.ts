// firewall-cmd (firewalld 1.x): --state, --reload, --list-all, --get-default-zone,
// --get-active-zones, --list-services, --get-zones, --add/--remove-service|port|protocol,
// --add/--remove/--query-masquerade, --add/--remove/--query/--list-rich-rule(s), runtime or
// --permanent, with firewalld's warnings, errors and exit codes (rhel9-system.md §3). `ipip` is
// protocol 94 in /etc/protocols, as on RHEL. A runtime change goes into firewalld's chains at once
// (Firewalld.apply), which is the order `nft list ruleset` shows.

import { cloneZone, FIREWALLD_SERVICES, PROTOCOLS, ZONES, type Applied, type ZoneConfig } from '../../../host/netfilter/firewalld.ts'
import { formatRich, parseRich } from '../../../host/netfilter/rich.ts'
import type { CommandContext, CommandDef } from '../types.ts'
import { HELP, OPTIONS } from './help.ts'

function listAll(ctx: CommandContext, z: ZoneConfig, active: boolean): string {
  const ifaces = active ? ctx.host.ip.ifaces.filter((i) => i.kind !== 'loopback').map((i) => i.name).sort().join(' ') : ''
  return [
    `public${active ? ' (active)' : ''}`,
    '  target: default',
    '  icmp-block-inversion: no',
    `  interfaces: ${ifaces}`,
    '  sources: ',
    `  services: ${[...z.services].sort().join(' ')}`,
    `  ports: ${[...z.ports].join(' ')}`,
    `  protocols: ${[...z.protocols].sort().join(' ')}`,
    '  forward: yes',
    `  masquerade: ${z.masquerade ? 'yes' : 'no'}`,
    '  forward-ports: ',
    '  source-ports: ',
    '  icmp-blocks: ',
    '  rich rules: ',
    ...[...z.rich.keys()].map((r) => `\t${r}`),
    '',
  ].join('\n')
}

/** The options the lab models; the rest of those the help lists are refused as not simulated. */
const MODELLED = new Set(['--state', '--permanent', '--zone', '--reload', '--complete-reload', '--runtime-to-permanent', '--list-all', '--get-default-zone', '--get-zones', '--get-active-zones', '--list-services', '--list-ports', '--list-protocols', '--query-masquerade', '--add-masquerade', '--remove-masquerade', '--add-service', '--remove-service', '--add-port', '--remove-port', '--add-protocol', '--remove-protocol', '--list-rich-rules', '--add-rich-rule', '--remove-rich-rule', '--query-rich-rule', '-h', '--help', '-V', '--version'])

const USAGE = "usage: 'firewall-cmd --help' for usage information or see firewall-cmd(1) man page\n"

/** argparse reads the whole line before firewall-cmd connects to the daemon: words it does not know
 *  are reported together (status 2), and -h prints the help then and there. */
function parse(ctx: CommandContext, args: readonly string[]): number | null {
  const name = (a: string) => (a.startsWith('--') && a.includes('=') ? a.slice(0, a.indexOf('=')) : a)
  const unknown = args.filter((a) => a.startsWith('-') && !OPTIONS.has(name(a)))
  if (unknown.length) {
    ctx.err(`${USAGE}firewall-cmd: error: unrecognized arguments: ${unknown.join(' ')}\n`)
    return 2
  }
  const unmodelled = args.find((a) => a.startsWith('-') && !MODELLED.has(name(a)))
  if (unmodelled) {
    ctx.err(`firewall-cmd: option '${name(unmodelled)}' is not simulated in LVS Lab\n`)
    return 2
  }
  if (args.some((a) => a === '-h' || a === '--help')) {
    ctx.out(HELP)
    return 0
  }
  return null
}

function run(ctx: CommandContext): number {
  const fw = ctx.host.netfilter.firewalld
  const args = ctx.argv.slice(1)
  const early = parse(ctx, args)
  if (early !== null) return early
  if (!args.length) {
    ctx.err(`State: ${fw.running ? 'running' : 'not running'}\n\nNo options specified\nusage: 'firewall-cmd --help' for usage information or see firewall-cmd(1) man page\n`)
    return 2
  }
  if (args.includes('--state')) {
    if (fw.running) {
      ctx.out('running\n')
      return 0
    }
    ctx.err('not running\n')
    return 252
  }
  if (!fw.running) {
    ctx.err('FirewallD is not running\n')
    return 252
  }
  // The version comes from the daemon's client library once connected (firewalld 1.3.4, RHEL 9.4).
  if (args.some((a) => a === '-V' || a === '--version')) {
    ctx.out('1.3.4\n')
    return 0
  }
  const permanent = args.includes('--permanent')
  const zoneArg = args.find((a) => a.startsWith('--zone='))?.slice(7)
  if (zoneArg && !ZONES.includes(zoneArg)) {
    ctx.err(`Error: INVALID_ZONE: ${zoneArg}\n`)
    return 112
  }
  const z = permanent ? fw.permanent : fw.runtime
  const where = (name: string) => (permanent ? name : `'${name}' already in 'public'`)
  /** A runtime change is applied to the chains at once; a permanent one waits for a reload. */
  const applied = (kind: Applied['kind'], value: string, add: boolean) => {
    if (!permanent) fw.apply(kind, value, add)
  }
  let status = 0
  for (const a of args) {
    if (a === '--permanent' || a.startsWith('--zone=')) continue
    const [opt, value] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, '']
    switch (opt) {
      case '--reload':
      case '--complete-reload':
        fw.reload()
        ctx.out('success\n')
        break
      case '--runtime-to-permanent':
        fw.permanent = cloneZone(fw.runtime)
        ctx.out('success\n')
        break
      case '--list-all':
        ctx.out(listAll(ctx, z, !permanent && (!zoneArg || zoneArg === 'public')))
        break
      case '--get-default-zone':
        ctx.out('public\n')
        break
      case '--get-zones':
        ctx.out(ZONES.join(' ') + '\n')
        break
      case '--get-active-zones':
        ctx.out(`public\n  interfaces: ${ctx.host.ip.ifaces.filter((i) => i.kind !== 'loopback').map((i) => i.name).sort().join(' ')}\n`)
        break
      case '--list-services':
        ctx.out([...z.services].sort().join(' ') + '\n')
        break
      case '--list-ports':
        ctx.out([...z.ports].join(' ') + '\n')
        break
      case '--list-protocols':
        ctx.out([...z.protocols].sort().join(' ') + '\n')
        break
      case '--query-masquerade':
        ctx.out(z.masquerade ? 'yes\n' : 'no\n')
        status = z.masquerade ? 0 : 1
        break
      case '--add-masquerade':
      case '--remove-masquerade': {
        const add = opt === '--add-masquerade'
        if (z.masquerade === add) ctx.err(add ? (permanent ? 'Warning: ALREADY_ENABLED: masquerade\n' : "Warning: ALREADY_ENABLED: masquerade already enabled in 'public'\n") : permanent ? 'Warning: NOT_ENABLED: masquerade\n' : "Warning: NOT_ENABLED: masquerade not enabled in 'public'\n")
        z.masquerade = add
        ctx.out('success\n')
        break
      }
      case '--add-service':
      case '--remove-service': {
        if (!FIREWALLD_SERVICES.has(value) && opt === '--add-service') {
          ctx.err(permanent ? `Error: INVALID_SERVICE: Zone 'public': '${value}' not among existing services\n` : `Error: INVALID_SERVICE: ${value}\n`)
          return 101
        }
        addRemove(ctx, z.services, value, opt.startsWith('--add'), where)
        applied('service', value, opt.startsWith('--add'))
        ctx.out('success\n')
        break
      }
      case '--add-port':
      case '--remove-port': {
        if (!/^\d+(-\d+)?\/(tcp|udp|sctp|dccp)$/.test(value)) {
          ctx.err('Error: INVALID_PORT: bad port (most likely missing protocol), correct syntax is portid[-portid]/protocol\n')
          return 102
        }
        addRemove(ctx, z.ports, value, opt.startsWith('--add'), where)
        applied('port', value, opt.startsWith('--add'))
        ctx.out('success\n')
        break
      }
      case '--add-protocol':
      case '--remove-protocol': {
        if (!PROTOCOLS.has(value) && !/^\d+$/.test(value)) {
          ctx.err(`Error: INVALID_PROTOCOL: ${value}\n`)
          return 103
        }
        addRemove(ctx, z.protocols, value, opt.startsWith('--add'), where)
        applied('protocol', value, opt.startsWith('--add'))
        if (value === 'ipip' && opt === '--add-protocol') ctx.host.note('firewalld.ipip', 'firewall-cmd --add-protocol=ipip opens IP protocol 94 ("ipip" in /etc/protocols), but LVS-TUN packets are IPIP protocol 4 ("ipencap"): they stay rejected while firewalld runs. --add-protocol=4 or --add-protocol=ipencap opens them.')
        ctx.out('success\n')
        break
      }
      case '--list-rich-rules':
        ctx.out([...z.rich.keys()].map((r) => `${r}\n`).join(''))
        break
      case '--add-rich-rule':
      case '--remove-rich-rule':
      case '--query-rich-rule': {
        const rule = parseRich(value, PROTOCOLS)
        if (typeof rule === 'string') {
          ctx.err(`Error: INVALID_RULE: ${rule}\n`)
          return 122
        }
        const text = formatRich(rule)
        if (rule.element?.kind === 'service' && !FIREWALLD_SERVICES.has(rule.element.name)) {
          ctx.err(`Error: INVALID_SERVICE: Zone 'public': '${rule.element.name}' not among existing services\n`)
          return 101
        }
        if (opt === '--query-rich-rule') {
          ctx.out(z.rich.has(text) ? 'yes\n' : 'no\n')
          status = z.rich.has(text) ? 0 : 1
          break
        }
        const add = opt === '--add-rich-rule'
        if (add && z.rich.has(text)) ctx.err(`Warning: ALREADY_ENABLED: ${where(text)}\n`)
        if (!add && !z.rich.has(text)) ctx.err(`Warning: NOT_ENABLED: ${where(text).replace('already in', 'not in')}\n`)
        if (add) z.rich.set(text, rule)
        else z.rich.delete(text)
        applied('rich', text, add)
        ctx.out('success\n')
        break
      }
      default:
        ctx.err(`${USAGE}firewall-cmd: error: unrecognized arguments: ${a}\n`)
        return 2
    }
  }
  return status
}

function addRemove(ctx: CommandContext, set: Set<string>, value: string, add: boolean, where: (n: string) => string): void {
  if (add && set.has(value)) ctx.err(`Warning: ALREADY_ENABLED: ${where(value)}\n`)
  if (!add && !set.has(value)) ctx.err(`Warning: NOT_ENABLED: ${where(value).replace('already in', 'not in')}\n`)
  if (add) set.add(value)
  else set.delete(value)
}

export const firewallCmd: CommandDef = {
  name: 'firewall-cmd',
  path: '/usr/bin/firewall-cmd',
  summary: 'firewalld command line client',
  completions: ['--state', '--reload', '--list-all', '--permanent', '--add-service=', '--add-port=', '--add-protocol=', '--add-masquerade', '--remove-service=', '--add-rich-rule=', '--list-rich-rules'],
  run,
}
