// route (net-tools 2.0): the main table as /proc/net/route lists it, printed by rprint_fib()
// (lib/inet_gr.c: "%-15s %-15s %-15s %-5s %-6d %-2d %7d %s"), and `route add|del` as
// INET_setroute() (lib/inet_sr.c) builds the rtentry and the kernel's ip_rt_ioctl() accepts it: a
// device written `lo:0` is the device lo with that alias's address as the preferred source, and
// must exist (SIOCADDRT: No such device). Names resolve from /etc/hosts without -n; the default
// gateway is `_gateway` as nss-myhostname answers on RHEL 9.

import { formatIp, inPrefix, maskOf, networkOf, parseIp, type Cidr, type Ip } from '../../../net/addr.ts'
import { Names } from '../../../host/names.ts'
import { defineArgs, parseArgs } from '../../args/index.ts'
import type { CommandContext, CommandDef } from '../types.ts'
import { labelOf, maskLength, routeTable, splitLabel } from '../net-tools.ts'

const E_USAGE = 4
const E_OPTERR = 3
const E_LOOKUP = 6
const E_SOCK = 7

const USAGE = `Usage: route [-nNvee] [-FC] [<AF>]           List kernel routing tables
       route [-v] [-FC] {add|del|flush} ...  Modify routing table for AF.

       route {-h|--help} [<AF>]              Detailed usage syntax for specified AF.
       route {-V|--version}                  Display version/author and exit.

        -v, --verbose            be verbose
        -n, --numeric            don't resolve names
        -e, --extend             display other/more information
        -F, --fib                display Forwarding Information Base (default)
        -C, --cache              display routing cache instead of FIB

  <AF>=Use -4, -6, '-A <af>' or '--<af>'; default: inet
  List of possible address families (which support routing):
    inet (DARPA Internet) inet6 (IPv6) ax25 (AMPR AX.25) 
    netrom (AMPR NET/ROM) ipx (Novell IPX) ddp (Appletalk DDP) 
    x25 (CCITT X.25) 
`

const INET_USAGE = `Usage: inet_route [-vF] del {-host|-net} Target[/prefix] [gw Gw] [metric M] [[dev] If]
       inet_route [-vF] add {-host|-net} Target[/prefix] [gw Gw] [metric M]
                              [netmask N] [mss Mss] [window W] [irtt I]
                              [mod] [dyn] [reinstate] [[dev] If]
       inet_route [-vF] add {-host|-net} Target[/prefix] [metric M] reject
       inet_route [-FC] flush      NOT supported
`

/** INET_setroute(): the target, then keywords, a bare last word being the device. */
function edit(ctx: CommandContext, adding: boolean, args: string[]): number {
  const usage = () => {
    ctx.err(INET_USAGE)
    return E_USAGE
  }
  let kind: 'net' | 'host' | null = null
  if (args[0] === '#net' || args[0] === '#host') kind = args.shift() === '#net' ? 'net' : 'host'
  const targetText = args.shift()
  if (targetText === undefined) return usage()
  const ip = ctx.host.ip
  const names = new Names(ctx.host.fs)
  const lookup = (t: string): Ip | null => (t === 'default' ? 0 : (parseIp(t) ?? names.host(t)))
  let [addrText, prefixText] = targetText.split('/')
  let mask: Ip | null = null
  if (prefixText !== undefined) {
    const n = Number(prefixText)
    if (!/^\d+$/.test(prefixText) || n > 32) return usage()
    mask = maskOf(n)
  }
  const target = lookup(addrText)
  if (target === null) {
    ctx.err(`${addrText}: Unknown host\n`)
    return 1
  }
  // A bare address is a host unless -net said otherwise or it names the default route.
  const isNet = kind === 'net' || (kind === null && addrText === 'default')
  let via: Ip | undefined
  let metric: number | undefined
  let dev: string | undefined
  while (args.length) {
    const w = args.shift()!
    if (w === 'metric') {
      const v = args.shift()
      if (v === undefined || !/^\d/.test(v)) return usage()
      metric = parseInt(v, 10)
    } else if (w === 'netmask') {
      const v = args.shift()
      if (v === undefined || mask !== null) return usage()
      const m = lookup(v)
      if (m === null) {
        ctx.err(`${v}: Unknown host\n`)
        return E_LOOKUP
      }
      mask = m
    } else if (w === 'gw' || w === 'gateway') {
      const v = args.shift()
      if (v === undefined || via !== undefined) return usage()
      const g = lookup(v)
      if (g === null) {
        ctx.err(`${v}: Unknown host\n`)
        return E_LOOKUP
      }
      via = g
    } else if (w === 'dev' || w === 'device') {
      const v = args.shift()
      if (dev !== undefined || v === undefined) return usage()
      dev = v
    } else if (['mod', 'dyn', 'reinstate', 'reject'].includes(w) || ['mss', 'mtu', 'window', 'irtt'].includes(w)) {
      ctx.err(`route: ${w} is not modelled in this lab\n`)
      return E_OPTERR
    } else if (dev === undefined) {
      dev = w
      if (args.length) return usage()
    } else return usage()
  }
  if (mask !== null) {
    const inv = ~mask >>> 0
    if (!isNet && inv !== 0) {
      ctx.err(`route: netmask ${inv.toString(16).padStart(8, '0')} doesn't make sense with host route\n`)
      ctx.err(USAGE)
      return E_USAGE
    }
    if (maskLength(mask) === null) {
      ctx.err(`route: bogus netmask ${formatIp(mask)}\n`)
      ctx.err(USAGE)
      return E_USAGE
    }
    if (target & inv) {
      ctx.err('route: netmask doesn\'t match route address\n')
      ctx.err(USAGE)
      return E_USAGE
    }
  }
  const plen = isNet ? (mask !== null ? maskLength(mask)! : 0) : 32
  const dst: Cidr = { addr: networkOf(target, plen), plen }
  const call = adding ? 'SIOCADDRT' : 'SIOCDELRT'
  const fail = (text: string) => {
    ctx.err(`${call}: ${text}\n`)
    return E_SOCK
  }
  // The kernel's bad_mask(): a network without a netmask is 0.0.0.0/0, so any other address fails.
  if (dst.addr !== target) return fail('Invalid argument')
  let outDev: string | undefined
  let src: Ip | undefined
  if (dev !== undefined) {
    const { dev: base, alias } = splitLabel(dev)
    const iface = ip.iface(base)
    if (!iface) return fail('No such device')
    if (alias) {
      const a = iface.addrs.find((x) => labelOf(x, iface) === dev)
      if (!a) return fail('No such device')
      src = a.ip
    }
    outDev = base
  }
  if (!adding) {
    // fib_table_delete() removes the first route that matches what was given, not every one.
    const victim = ip.routes.sorted().find((r) => r.dst.addr === dst.addr && r.dst.plen === dst.plen && (via === undefined || r.via === via) && (outDev === undefined || r.dev === outDev) && (metric === undefined || (r.metric ?? 0) === metric))
    if (!victim) return fail('No such process')
    ip.routes.removeWhere((r) => r === victim)
    return 0
  }
  if (via !== undefined) {
    const hop = ip.routes.routes.find((r) => r.via === undefined && r.dst.plen > 0 && ip.isUp(r.dev) && inPrefix(via!, r.dst) && (outDev === undefined || r.dev === outDev))
    if (!hop) return fail('Network is unreachable')
    outDev ??= hop.dev
  }
  if (outDev === undefined) return fail('No such device')
  if (!ip.routes.add({ dst, via, dev: outDev, proto: 'boot', scope: via === undefined ? 'link' : 'global', src, metric: metric ? metric : undefined, owner: 'manual' })) return fail('File exists')
  return 0
}

/** route.c's getopt_long table ("A:eCFhnN64Vv?"); every usage error ends in the usage text, status 4. */
const ARGS = defineArgs({
  usageStatus: E_USAGE,
  tryHelp: () => USAGE,
  longOrder: ['inet', 'inet6', 'extend', 'verbose', 'version', 'numeric', 'symbolic', 'protocol', 'cache', 'fib', 'help'],
  options: {
    protocol: { short: 'A', long: 'protocol', arg: 'required' },
    extend: { short: 'e', long: 'extend' },
    cache: { short: 'C', long: 'cache' },
    fib: { short: 'F', long: 'fib' },
    help: { short: 'h', long: 'help' },
    question: { short: '?' },
    numeric: { short: 'n', long: 'numeric' },
    symbolic: { short: 'N', long: 'symbolic' },
    inet: { short: '4', long: 'inet' },
    inet6: { short: '6', long: 'inet6' },
    version: { short: 'V', long: 'version' },
    verbose: { short: 'v', long: 'verbose' },
  },
})

function run(ctx: CommandContext): number {
  // "getopts and -net wont work": route renames these two words before getopt sees them.
  const argv = ctx.argv.map((w, i) => (i > 0 && w === '-net' ? '#net' : i > 0 && w === '-host' ? '#host' : w))
  const a = parseArgs({ ...ctx, argv }, ARGS)
  if (typeof a === 'number') return a
  const o = a.opts
  if (o.version) {
    ctx.err('net-tools 2.10-alpha\n')
    return 5
  }
  if (o.help || o.question) {
    ctx.err(USAGE)
    return E_USAGE
  }
  if (o.cache) {
    ctx.err('route: the routing cache is not modelled in this lab\n')
    return 1
  }
  if (o.inet6 || (o.protocol !== undefined && o.protocol !== 'inet')) {
    ctx.err('route: only the inet address family is modelled in this lab\n')
    return 1
  }
  const rest = a.operands
  if (!rest.length) {
    // opt_e & FLAG_EXT: 1 by default, -e gives the MSS layout, -ee both.
    ctx.out(routeTable(ctx, o.numeric, Math.min(3, 1 + a.count('extend')) as 1 | 2 | 3))
    return 0
  }
  const verb = rest.shift()!
  if (verb === 'add' || verb === 'del' || verb === 'delete') {
    if (!rest.length) {
      ctx.err(INET_USAGE)
      return E_USAGE
    }
    return edit(ctx, verb === 'add', rest)
  }
  if (verb === 'flush') {
    ctx.err("Flushing `inet' routing table not supported\n" + INET_USAGE)
    return E_USAGE
  }
  ctx.err(USAGE)
  return E_USAGE
}

export const route: CommandDef = {
  name: 'route',
  path: '/usr/sbin/route',
  summary: 'show / manipulate the IP routing table',
  pkg: 'net-tools',
  args: ARGS,
  completions: ['add', 'del', '-host', '-net', 'netmask', 'gw', 'dev', 'metric'],
  run,
}
