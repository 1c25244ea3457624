// ip (iproute2 6.2): addr, route, rule, link, tunnel and neigh with their show/add/del/set forms
// and prefix abbreviations, printed as print_linkinfo / print_addrinfo / print_route / print_rule
// do (every route, rule and neighbour line ends with a space, IPv6 address lines too), -s link
// statistics as print_stats64 sizes its columns, -br as the brief forms, with iproute2's
// messages and exit codes on a 5.14 kernel (rhel9-network.md §1).

import { broadcastOf, formatIp, formatPrefix, networkOf, parseCidr, parseIp, type Ip } from '../../../net/addr.ts'
import type { Iface } from '../../../host/iface.ts'
import { inet6Of, type Inet6Addr } from '../../../host/inet6.ts'
import { parseTable, RT_TABLE, tableName, type Route } from '../../../host/routes.ts'
import { globRegex } from '../../text/glob.ts'
import type { CommandContext, CommandDef } from '../types.ts'

const OBJECTS = ['address', 'addrlabel', 'link', 'route', 'rule', 'neighbor', 'neighbour', 'ntable', 'tunnel', 'maddress', 'mroute', 'monitor', 'netns', 'fou', 'help']

/** The device's IPv6 address as this host shows it (host/inet6.ts). */
export function inet6(ctx: CommandContext, i: Iface): Inet6Addr | null {
  return inet6Of(i, ctx.host.hostname, (dev) => ctx.host.nm.active.has(dev))
}

function matchObject(word: string): string | null {
  return OBJECTS.find((o) => o.startsWith(word)) ?? null
}


function flags(i: Iface): string {
  const f: string[] = []
  if (i.kind === 'loopback') f.push('LOOPBACK')
  if (i.kind === 'ether') f.push('BROADCAST', 'MULTICAST')
  if (i.kind === 'ipip') f.push('NOARP')
  if (i.promiscuity > 0) f.push('PROMISC')
  if (i.up) f.push('UP', 'LOWER_UP')
  return f.join(',')
}

function linkLines(i: Iface, mode: boolean, family: 4 | 6 | 0, details = false): string[] {
  const name = i.kind === 'ipip' ? `${i.name}@NONE` : i.name
  const linkType = i.name.startsWith('gre') ? 'gre' : 'ipip'
  const qdisc = i.kind === 'ether' ? 'fq_codel' : i.kind === 'ipip' ? (i.up ? 'noqueue' : 'noop') : 'noqueue'
  const state = operState(i)
  const out = [`${i.index}: ${name}: <${flags(i)}> mtu ${i.mtu} qdisc ${qdisc} state ${state}${mode ? ' mode DEFAULT' : ''} group default qlen 1000`]
  if (family === 0 || details) {
    const link = i.kind === 'loopback' ? '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00' : i.kind === 'ipip' ? `    link/${linkType} 0.0.0.0 brd 0.0.0.0` : `    link/ether ${i.mac} brd ff:ff:ff:ff:ff:ff`
    if (!details) out.push(link)
    else out.push(...detailLines(i, link, mode, linkType))
  }
  return out
}

/**
 * `-d`: print_linkinfo's details as a RHEL 9 kernel (5.14.0-427) sends them: promiscuity, the MTU
 * range, the link kind's own line for tunnels, addrgenmode (link listings only), queues and the
 * GSO/TSO/GRO limits, and a virtio NIC's parent bus. That kernel has no IFLA_ALLMULTI or
 * IFLA_GSO_IPV4_MAX_SIZE (a RHEL 9 worker's `ip -s -d link` shows neither), so the
 * `allmulti` and `gso_ipv4_max_size` a newer kernel adds are absent. NetworkManager sets
 * addrgenmode none on the devices it manages (it makes the IPv6 link-local address itself).
 */
function detailLines(i: Iface, link: string, withAddrgen: boolean, linkType: string): string[] {
  const limits = (tso: number) => `numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535 tso_max_size ${tso} tso_max_segs 65535 gro_max_size 65536 `
  const promisc = ` promiscuity ${i.promiscuity} `
  if (i.kind === 'loopback') return [`${link}${promisc}minmtu 0 maxmtu 0 ${withAddrgen ? 'addrgenmode eui64 ' : ''}${limits(524280)}`]
  if (i.kind === 'ipip') return [`${link}${promisc}minmtu 0 maxmtu 0 `, `    ${linkType === 'gre' ? 'gre' : 'ipip any'} remote any local any ttl inherit nopmtudisc ${withAddrgen ? 'addrgenmode eui64 ' : ''}${limits(65536)}`]
  return [`${link}${promisc}minmtu 68 maxmtu 65535 ${withAddrgen ? 'addrgenmode none ' : ''}${limits(65536)}parentbus virtio parentdev virtio${i.index - 2} `]
}

function addrLines(ctx: CommandContext, i: Iface, family: 4 | 6 | 0, label?: string): string[] {
  const out: string[] = []
  if (family !== 6) {
    for (const a of i.addrs) {
      if (label !== undefined && !globRegex(label).test(a.label ?? i.name)) continue
      const parts = [`inet ${formatIp(a.ip)}/${a.plen}`]
      if (a.brd !== undefined) parts.push(`brd ${formatIp(a.brd)}`)
      parts.push(`scope ${a.scope}`)
      if (a.secondary) parts.push('secondary')
      if (a.noprefixroute) parts.push('noprefixroute')
      parts.push(a.label ?? i.name)
      out.push(`    ${parts.join(' ')}`, '       valid_lft forever preferred_lft forever')
    }
  }
  const v6 = family !== 4 && inet6(ctx, i)
  if (v6) out.push(`    inet6 ${v6.text}/${v6.plen} scope ${v6.scope} ${v6.noprefixroute ? 'noprefixroute ' : ''}`, '       valid_lft forever preferred_lft forever')
  return out
}

function addr(ctx: CommandContext, args: string[], family: 4 | 6 | 0, opts: Opts): number {
  const sub = args[0] ?? 'show'
  const ip = ctx.host.ip
  if ('show'.startsWith(sub) || 'list'.startsWith(sub) || sub === 'dev') {
    const rest = sub === 'dev' ? args : args.slice(1)
    let devName: string | undefined
    let label: string | undefined
    for (let k = 0; k < rest.length; k++) {
      if (rest[k] === 'label') label = rest[++k]
      else if (rest[k] === 'dev') devName = rest[++k]
      else devName ??= rest[k]
    }
    const ifaces = devName ? ip.ifaces.filter((i) => i.name === devName) : ip.ifaces
    if (devName && !ifaces.length) {
      ctx.err(`Device "${devName}" does not exist.\n`)
      return 1
    }
    for (const i of ifaces) {
      // ipaddr_list: with a label only the IPv4 addresses that carry it, and no link line.
      const a = addrLines(ctx, i, label ? 4 : family, label)
      if ((family !== 0 || label) && !a.length) continue
      if (opts.brief) ctx.out(brief(ctx, i, 'addr', family) + '\n')
      else ctx.out([...(label ? [] : linkLines(i, false, family, opts.details)), ...(opts.stats ? statsLines(i) : []), ...a].join('\n') + '\n')
    }
    return 0
  }
  if ('add'.startsWith(sub) || 'delete'.startsWith(sub)) {
    const adding = 'add'.startsWith(sub)
    let local: string | undefined
    let dev: string | undefined
    let brd: string | undefined
    let scope: 'global' | 'host' | 'link' | undefined
    let label: string | undefined
    let noprefixroute = false
    for (let k = 1; k < args.length; k++) {
      if (args[k] === 'dev') dev = args[++k]
      else if (args[k] === 'brd' || args[k] === 'broadcast') brd = args[++k]
      else if (args[k] === 'label') label = args[++k]
      else if (args[k] === 'noprefixroute') noprefixroute = true
      else if (args[k] === 'scope') {
        const v = args[++k] ?? ''
        const named = v === 'global' || v === 'host' || v === 'link' ? v : v === '0' ? 'global' : v === '254' ? 'host' : v === '253' ? 'link' : null
        if (!named) {
          ctx.err(`Error: argument "${v}" is wrong: invalid scope value.\n`)
          return 255
        }
        scope = named
      } else if (args[k] === 'valid_lft' || args[k] === 'preferred_lft') k++
      else if (args[k] === 'local') local = args[++k]
      else if (local === undefined) local = args[k]
      else {
        ctx.err(`Error: either "local" is duplicate, or "${args[k]}" is a garbage.\n`)
        return 255
      }
    }
    if (!local) {
      ctx.err('Not enough information: "local" argument is required.\n')
      return 1
    }
    const cidr = parseCidr(local)
    if (!cidr) {
      ctx.err(`Error: ${family === 4 ? 'inet' : 'any valid'} prefix is expected rather than "${local}".\n`)
      return 1
    }
    if (!dev) {
      ctx.err('Not enough information: "dev" argument is required.\n')
      return 1
    }
    const iface = ip.iface(dev)
    if (!iface) {
      ctx.err(`Cannot find device "${dev}"\n`)
      return 1
    }
    if (adding) {
      if (iface.addrs.some((a) => a.ip === cidr.addr && a.plen === cidr.plen)) {
        ctx.err('RTNETLINK answers: File exists\n')
        return 2
      }
      // `brd +` and `brd -` set the host part to ones or zeros (ipaddr_modify); no brd, none.
      let broadcast: Ip | undefined
      if (brd === '+' || brd === '-') broadcast = cidr.plen < 31 ? (brd === '+' ? broadcastOf(cidr.addr, cidr.plen) : networkOf(cidr.addr, cidr.plen)) : undefined
      else if (brd !== undefined) {
        const b = parseIp(brd)
        if (b === null) {
          ctx.err(`Error: inet address is expected rather than "${brd}".\n`)
          return 1
        }
        broadcast = b
      }
      iface.addAddress({ ip: cidr.addr, plen: cidr.plen, brd: broadcast, scope: scope ?? (cidr.addr >>> 24 === 127 ? 'host' : 'global'), noprefixroute, owner: 'manual', label: label !== undefined && label !== dev ? label : undefined })
      ip.addPrefixRoute(iface, iface.addrs.find((a) => a.ip === cidr.addr && a.plen === cidr.plen)!)
      return 0
    }
    if (!local.includes('/')) {
      ctx.err(`Warning: Executing wildcard deletion to stay compatible with old scripts.\n         Explicitly specify the prefix length (${local}/32) to avoid this warning.\n         This special behaviour is likely to disappear in further releases,\n         fix your scripts!\n`)
      const a = iface.addrs.find((x) => x.ip === cidr.addr)
      if (!a) {
        ctx.err('RTNETLINK answers: Cannot assign requested address\n')
        return 2
      }
      ip.deleteAddress(iface, a.ip, a.plen)
    } else if (!ip.deleteAddress(iface, cidr.addr, cidr.plen)) {
      ctx.err('RTNETLINK answers: Cannot assign requested address\n')
      return 2
    }
    return 0
  }
  if ('flush'.startsWith(sub)) {
    const dev = args[1] === 'dev' ? args[2] : args[1]
    if (dev === undefined) {
      // ipaddr_list_flush_or_save refuses to flush every address of every interface.
      ctx.err('Flush requires arguments.\n')
      return 255
    }
    const iface = ip.iface(dev)
    if (!iface) {
      ctx.err(`Device "${dev}" does not exist.\n`)
      return 1
    }
    iface.addrs = iface.kind === 'loopback' ? iface.addrs.filter((a) => a.ip === 0x7f000001) : []
    ip.routes.removeWhere((r) => r.dev === dev && r.proto === 'kernel')
    return 0
  }
  ctx.err(`Command "${sub}" is unknown, try "ip address help".\n`)
  return 255
}

/** What `ip route show` filters on; a filtered-on field is not printed (print_route). */
interface RouteFilter {
  dev?: string
  proto?: string
  scope?: string
  /** Print the table (a `table all` listing). */
  table: boolean
  details: boolean
}

/**
 * print_route: the type (with -d `unicast` too), destination, gateway, device, table unless main,
 * protocol unless boot, scope unless global (-d prints both always), source, metric; a field the
 * listing is filtered on is left out.
 */
export function routeLine(r: Pick<Route, 'dst' | 'via' | 'dev' | 'proto' | 'scope' | 'src' | 'metric' | 'table'> & { type?: string }, f: RouteFilter = { table: false, details: false }): string {
  const parts: string[] = r.type ? [r.type] : f.details ? ['unicast'] : []
  parts.push(r.dst.plen === 0 ? 'default' : formatPrefix(r.dst))
  if (r.via !== undefined) parts.push(`via ${formatIp(r.via)}`)
  if (f.dev === undefined) parts.push(`dev ${r.dev}`)
  if (f.table && ((r.table ?? RT_TABLE.MAIN) !== RT_TABLE.MAIN || f.details)) parts.push(`table ${tableName(r.table ?? RT_TABLE.MAIN)}`)
  if ((r.proto !== 'boot' || f.details) && f.proto === undefined) parts.push(`proto ${r.proto}`)
  if ((r.scope !== 'global' || f.details) && f.scope === undefined) parts.push(`scope ${r.scope}`)
  if (r.src !== undefined) parts.push(`src ${formatIp(r.src)}`)
  if (r.metric !== undefined) parts.push(`metric ${r.metric}`)
  return parts.join(' ') + ' '
}

function route(ctx: CommandContext, args: string[], opts: Opts): number {
  const sub = args[0] ?? 'show'
  const ip = ctx.host.ip
  if ('show'.startsWith(sub) || 'list'.startsWith(sub)) {
    let word = 'main'
    const f: RouteFilter = { table: false, details: opts.details }
    for (let k = 1; k < args.length; k++) {
      const [a, v] = [args[k], args[k + 1]]
      if (v === undefined) break
      if (a === 'table') word = v
      else if (a === 'dev' || a === 'oif') f.dev = v
      else if (a === 'proto' || a === 'protocol') f.proto = v
      else if (a === 'scope') f.scope = v
      else continue
      k++
    }
    if (f.dev !== undefined && !ip.iface(f.dev)) {
      ctx.err(`Cannot find device "${f.dev}"\n`)
      return 1
    }
    const all = word === 'all' || word === '0'
    const table = all ? 0 : parseTable(word)
    if (table === null) {
      ctx.err(`Error: argument "${word}" is wrong: table id value is invalid\n\n`)
      return 255
    }
    f.table = all
    const wanted = (r: { dev: string; proto: string; scope: string }) => (f.dev === undefined || r.dev === f.dev) && (f.proto === undefined || r.proto === f.proto) && (f.scope === undefined || r.scope === f.scope)
    // The kernel dumps its tables by their slot in a 256-entry hash: by id modulo 256, so table 100
    // comes before main (254) and local (255).
    const ids = all ? [...new Set([RT_TABLE.MAIN, ...ip.routes.routes.map((r) => r.table ?? RT_TABLE.MAIN)])].sort((a, b) => (a % 256) - (b % 256) || a - b) : [table]
    for (const id of ids) if (id !== RT_TABLE.LOCAL) for (const r of ip.routes.sorted(id)) if (ip.isUp(r.dev) && wanted(r)) ctx.out(routeLine(r, f) + '\n')
    if (all || table === RT_TABLE.LOCAL) for (const l of ip.localRoutes()) if (wanted({ ...l, proto: 'kernel' })) ctx.out(routeLine({ ...l, proto: 'kernel', table: RT_TABLE.LOCAL }, f) + '\n')
    return 0
  }
  if ('get'.startsWith(sub) && args[1]) {
    const dst = parseIp(args[1])
    const m = args.indexOf('mark')
    const mark = m >= 0 ? Number(args[m + 1]) || 0 : 0
    if (dst === null) {
      // get_prefix() in iproute_get: a word that is no address ends ip before any request.
      ctx.err(`Error: any valid prefix is expected rather than "${args[1]}".\n`)
      return 1
    }
    const r = ip.resolve(dst, mark)
    if (!r) {
      ctx.err('RTNETLINK answers: Network is unreachable\n')
      return 2
    }
    const marked = mark ? ` mark ${mark >= 16 ? `0x${mark.toString(16)}` : mark}` : ''
    if (r === 'local') {
      // ip_route_output_key for a local address: the loopback device, the local table, and the
      // preferred source of the local entry as source; RTCF_LOCAL (plus RTCF_BROADCAST for a
      // broadcast address). RHEL 9's kernel reports the table it found the route in (RTA_TABLE),
      // so `table local` is printed.
      const brd = ip.localRoutes().find((l) => l.type === 'broadcast' && l.dst.addr === dst)
      const src = brd ? brd.src : ip.localSource(dst)
      ctx.out(`${brd ? 'broadcast' : 'local'} ${formatIp(dst)} dev ${brd ? brd.dev : 'lo'} table local src ${formatIp(src)}${marked} uid 0 \n    cache <local${brd ? ',brd' : ''}> \n`)
      return 0
    }
    const table = (r.table ?? RT_TABLE.MAIN) !== RT_TABLE.MAIN || opts.details ? ` table ${tableName(r.table ?? RT_TABLE.MAIN)}` : ''
    ctx.out(`${opts.details ? 'unicast ' : ''}${formatIp(dst)} ${r.via !== undefined ? `via ${formatIp(r.via)} ` : ''}dev ${r.dev}${table} src ${formatIp(ip.sourceFor(dst)!)}${marked} uid 0 \n    cache \n`)
    return 0
  }
  const adding = 'add'.startsWith(sub) || sub === 'replace'
  if (adding || 'delete'.startsWith(sub)) {
    let target: string | undefined
    let via: Ip | undefined
    let dev: string | undefined
    let metric: number | undefined
    let table: number = RT_TABLE.MAIN
    let type: 'local' | undefined
    for (let k = 1; k < args.length; k++) {
      if (args[k] === 'via') via = parseIp(args[++k]) ?? undefined
      else if (args[k] === 'dev') dev = args[++k]
      else if (args[k] === 'metric' || args[k] === 'priority') {
        // iproute2's get_u32 then invarg(): the message carries its own newline, hence the blank line.
        const v = args[++k] ?? ''
        if (!/^\d+$/.test(v) || Number(v) > 0xffffffff) {
          ctx.err(`Error: argument "${v}" is wrong: "metric" value is invalid\n\n`)
          return 255
        }
        metric = Number(v)
      } else if (args[k] === 'table') {
        const id = parseTable(args[++k] ?? '')
        if (id === null) {
          ctx.err(`Error: argument "${args[k] ?? ''}" is wrong: "table" value is invalid\n\n`)
          return 255
        }
        table = id
      } else if (args[k] === 'proto' || args[k] === 'scope' || args[k] === 'src') k++
      else if (args[k] === 'local' && target === undefined) type = 'local'
      else if (args[k] === 'unicast' && target === undefined) type = undefined
      else target = args[k]
    }
    const dst = target === 'default' || target === '0/0' ? { addr: 0, plen: 0 } : target ? parseCidr(target) : null
    if (!dst) {
      ctx.err(`Error: any valid prefix is expected rather than "${target ?? ''}".\n`)
      return 1
    }
    if (dev && !ip.iface(dev)) {
      ctx.err(`Cannot find device "${dev}"\n`)
      return 1
    }
    if (!adding) {
      const n = ip.routes.removeWhere((r) => (r.table ?? RT_TABLE.MAIN) === table && r.dst.addr === dst.addr && r.dst.plen === dst.plen && (via === undefined || r.via === via) && (!dev || r.dev === dev))
      if (!n) {
        ctx.err('RTNETLINK answers: No such process\n')
        return 2
      }
      return 0
    }
    if (networkOf(dst.addr, dst.plen) !== dst.addr) {
      ctx.err('Error: Invalid prefix for given prefix length.\n')
      return 2
    }
    let outDev = dev
    if (via !== undefined) {
      const nh = ip.routes.routes.find((r) => r.via === undefined && ip.isUp(r.dev) && networkOf(via!, r.dst.plen) === r.dst.addr && r.dst.plen > 0)
      if (!nh) {
        ctx.err('Error: Nexthop has invalid gateway.\n')
        return 2
      }
      outDev ??= nh.dev
    }
    if (!outDev) {
      ctx.err('Error: Device for nexthop is not up.\n')
      return 2
    }
    const route: Route = { dst, via, dev: outDev, proto: 'boot', scope: type === 'local' ? 'host' : via === undefined ? 'link' : 'global', metric, owner: 'manual' }
    if (type) route.type = type
    if (table !== RT_TABLE.MAIN) route.table = table
    if (!ip.routes.add(route)) {
      ctx.err('RTNETLINK answers: File exists\n')
      return 2
    }
    return 0
  }
  ctx.err(`Command "${sub}" is unknown, try "ip route help".\n`)
  return 255
}

function link(ctx: CommandContext, args: string[], opts: Opts): number {
  const sub = args[0] ?? 'show'
  const ip = ctx.host.ip
  if ('show'.startsWith(sub) || 'list'.startsWith(sub)) {
    const devName = args[1] === 'dev' ? args[2] : args[1]
    const ifaces = devName ? ip.ifaces.filter((i) => i.name === devName) : ip.ifaces
    if (devName && !ifaces.length) {
      ctx.err(`Device "${devName}" does not exist.\n`)
      return 1
    }
    for (const i of ifaces) ctx.out((opts.brief ? brief(ctx, i, 'link', 0) : [...linkLines(i, true, 0, opts.details), ...(opts.stats ? statsLines(i) : [])].join('\n')) + '\n')
    return 0
  }
  if ('set'.startsWith(sub)) {
    const rest = args.slice(1)
    const devName = rest[0] === 'dev' ? rest[1] : rest[0]
    const iface = devName ? ip.iface(devName) : undefined
    if (!iface) {
      ctx.err(`Cannot find device "${devName ?? ''}"\n`)
      return 1
    }
    if (rest.includes('up')) iface.up = true
    if (rest.includes('down')) {
      iface.up = false
      ip.flushNeighbours(iface.name)
    }
    return 0
  }
  ctx.err(`Command "${sub}" is unknown, try "ip link help".\n`)
  return 255
}

/** `ip rule [show]`, `ip rule add|del [fwmark M[/MASK]] [pref|priority P] table T` (print_rule). */
function rule(ctx: CommandContext, args: string[], opts: Opts): number {
  const sub = args[0] ?? 'show'
  const routes = ctx.host.ip.routes
  const mark = (r: { fwmark?: number; fwmask?: number }) => (r.fwmark === undefined ? '' : r.fwmask !== undefined && r.fwmask !== 0xffffffff ? `fwmark 0x${r.fwmark.toString(16)}/0x${r.fwmask.toString(16)} ` : `fwmark 0x${r.fwmark.toString(16)} `)
  if ('show'.startsWith(sub) || 'list'.startsWith(sub)) {
    // print_rule ends a rule at its table (no trailing space); -d adds the rule's protocol: the
    // kernel's three are `kernel`, one `ip rule add` made without `protocol` is `unspec`.
    for (const r of routes.rules) ctx.out(`${r.pref}:\tfrom all ${mark(r)}lookup ${tableName(r.table)}${opts.details ? ` proto ${r.proto ?? 'unspec'}` : ''}\n`)
    return 0
  }
  const adding = 'add'.startsWith(sub)
  if (!adding && !'delete'.startsWith(sub)) {
    ctx.err(`Command "${sub}" is unknown, try "ip rule help".\n`)
    return 255
  }
  let fwmark: number | undefined
  let fwmask: number | undefined
  let pref: number | undefined
  let table: number | undefined
  for (let k = 1; k < args.length; k++) {
    const a = args[k]
    const v = args[k + 1]
    if (a === 'fwmark' && v !== undefined) {
      const [m, mask] = v.split('/')
      fwmark = Number(m)
      if (mask !== undefined) fwmask = Number(mask)
      if (!Number.isInteger(fwmark) || (mask !== undefined && !Number.isInteger(fwmask))) {
        ctx.err(`Error: argument "${v}" is wrong: fwmark value is invalid\n\n`)
        return 255
      }
      k++
    } else if ((a === 'pref' || a === 'priority' || a === 'preference' || a === 'order') && v !== undefined) {
      pref = Number(v)
      k++
    } else if ((a === 'table' || a === 'lookup') && v !== undefined) {
      const id = parseTable(v)
      if (id === null) {
        ctx.err(`Error: argument "${v}" is wrong: invalid table ID\n\n`)
        return 255
      }
      table = id
      k++
    } else if (a === 'from' || a === 'to') {
      if (v !== 'all' && v !== '0/0') {
        ctx.err('Error: LVS Lab models fwmark rules only ("from all").\n')
        return 255
      }
      k++
    } else {
      ctx.err(`Error: argument "${a}" is wrong: Failed to parse rule type\n\n`)
      return 255
    }
  }
  if (adding) {
    routes.addRule({ pref, fwmark, fwmask, table: table ?? RT_TABLE.MAIN })
    return 0
  }
  const ok = routes.deleteRule((r) => (pref === undefined || r.pref === pref) && (fwmark === undefined || r.fwmark === fwmark) && (table === undefined || r.table === table) && (pref !== undefined || fwmark !== undefined || table !== undefined))
  if (!ok) {
    ctx.err('RTNETLINK answers: No such file or directory\n')
    return 2
  }
  return 0
}

/** `ip tunnel show`: the fallback devices ipip and ip_gre create (print_tunnel). */
function tunnel(ctx: CommandContext, args: string[]): number {
  const sub = args[0] ?? 'show'
  if (!('show'.startsWith(sub) || 'list'.startsWith(sub))) {
    ctx.err(`Command "${sub}" is unknown, try "ip tunnel help".\n`)
    return 255
  }
  for (const i of ctx.host.ip.ifaces) {
    if (i.kind !== 'ipip') continue
    ctx.out(`${i.name}: ${i.name.startsWith('gre') ? 'gre' : 'any'}/ip remote any local any ttl inherit nopmtudisc\n`)
  }
  return 0
}

/**
 * print_stats64: every column as wide as its widest number or its title, the bytes column at
 * least as wide as "*X errors:"; titles and numbers each followed by a space.
 */
function statsLines(i: Iface): string[] {
  const st = i.stats
  const rx = [st.rxBytes, st.rxPackets, 0, st.rxDropped, 0, 0]
  const tx = [st.txBytes, st.txPackets, 0, st.txDropped, 0, 0]
  const cols = ['*X errors:', 'packets', 'errors', 'dropped', 'heartbt', 'overrun', 'compressed'].map((t) => t.length)
  for (const row of [rx, tx]) row.forEach((v, k) => (cols[k] = Math.max(cols[k], String(v).length)))
  const title = (dir: string, names: string[]) => `    ${dir}: ${'bytes'.padStart(cols[0] - 4)} ${names.map((n, k) => n.padStart(cols[k + 1])).join(' ')} ${''.padStart(cols[6])}`
  const nums = (row: number[]) => `    ${row.map((v, k) => `${String(v).padStart(cols[k])} `).join('')}`
  return [title('RX', ['packets', 'errors', 'dropped', 'missed', 'mcast']), nums(rx), title('TX', ['packets', 'errors', 'dropped', 'carrier', 'collsns']), nums(tx)]
}

function operState(i: Iface): string {
  return i.kind === 'ether' ? (i.up ? 'UP' : 'DOWN') : i.kind === 'ipip' && !i.up ? 'DOWN' : 'UNKNOWN'
}

/** `ip -br link` / `ip -br addr`: name (%-16s), operstate (%-14s), then the address or the addresses. */
function brief(ctx: CommandContext, i: Iface, what: 'link' | 'addr', family: 4 | 6 | 0): string {
  const name = i.kind === 'ipip' ? `${i.name}@NONE` : i.name
  let s = `${name.padEnd(16)} ${operState(i).padEnd(14)} `
  if (what === 'link') return `${s}${i.kind === 'ipip' ? '0.0.0.0' : i.mac} <${flags(i)}> `
  if (family !== 6) for (const a of i.addrs) s += `${formatIp(a.ip)}/${a.plen} `
  const v6 = family !== 4 && inet6(ctx, i)
  if (v6) s += `${v6.text}/${v6.plen} `
  return s
}

/** `ip fou add|del port P [gue]`, `ip fou show`: the foo-over-UDP receive ports. */
function fou(ctx: CommandContext, args: string[]): number {
  const sub = args[0] ?? 'show'
  const ports = ctx.host.ip.fouPorts
  if ('show'.startsWith(sub) || 'list'.startsWith(sub)) {
    for (const p of [...ports].sort((a, b) => a - b)) ctx.out(`port ${p} gue\n`)
    return 0
  }
  const i = args.indexOf('port')
  const port = i >= 0 ? Number(args[i + 1]) : NaN
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    ctx.err('fou: missing port\n')
    return 255
  }
  if ('add'.startsWith(sub)) {
    if (!args.includes('gue') && !args.includes('ipproto')) {
      ctx.err('fou: must set ipproto or gue\n')
      return 255
    }
    if (ports.has(port)) {
      ctx.err('RTNETLINK answers: Address already in use\n')
      return 2
    }
    if (!ctx.host.modules.includes('fou')) ctx.host.loadModule('fou')
    ports.add(port)
    return 0
  }
  if ('delete'.startsWith(sub)) {
    if (!ports.delete(port)) {
      ctx.err('RTNETLINK answers: No such file or directory\n')
      return 2
    }
    return 0
  }
  ctx.err(`Command "${sub}" is unknown, try "ip fou help".\n`)
  return 255
}

function neigh(ctx: CommandContext, args: string[]): number {
  const sub = args[0] ?? 'show'
  if ('flush'.startsWith(sub)) {
    ctx.host.ip.flushNeighbours(args[1] === 'dev' ? args[2] : undefined)
    return 0
  }
  const devFilter = args[1] === 'dev' ? args[2] : undefined
  for (const n of ctx.host.ip.neigh.values()) {
    if (devFilter && n.dev !== devFilter) continue
    const parts = [formatIp(n.ip)]
    if (!devFilter) parts.push(`dev ${n.dev}`)
    if (n.mac && n.state !== 'FAILED') parts.push(`lladdr ${n.mac}`)
    parts.push(n.state)
    ctx.out(parts.join(' ') + ' \n')
  }
  return 0
}

/** ip.c usage(): on stderr, exit(-1). iproute2 6.1's text (recorded), taken for 6.2's. */
function usage(ctx: CommandContext): number {
  ctx.err(`Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }
       ip [ -force ] -batch filename
where  OBJECT := { address | addrlabel | amt | fou | help | ila | ioam | l2tp |
                   link | macsec | maddress | monitor | mptcp | mroute | mrule |
                   neighbor | neighbour | netconf | netns | nexthop | ntable |
                   ntbl | route | rule | sr | tap | tcpmetrics |
                   token | tunnel | tuntap | vrf | xfrm }
       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -r[esolve] |
                    -h[uman-readable] | -iec | -j[son] | -p[retty] |
                    -f[amily] { inet | inet6 | mpls | bridge | link } |
                    -4 | -6 | -M | -B | -0 |
                    -l[oops] { maximum-addr-flush-attempts } | -br[ief] |
                    -o[neline] | -t[imestamp] | -ts[hort] | -b[atch] [filename] |
                    -rc[vbuf] [size] | -n[etns] name | -N[umeric] | -a[ll] |
                    -c[olor]}
`)
  return 255
}

interface Opts {
  stats: boolean
  brief: boolean
  details: boolean
}

function run(ctx: CommandContext): number {
  const args = [...ctx.argv.slice(1)]
  let family: 4 | 6 | 0 = 0
  const opts: Opts = { stats: false, brief: false, details: false }
  // -h/-iec only change how -s prints large counters, which the lab does not shorten.
  let human = false
  while (args[0]?.startsWith('-') && args[0] !== '-') {
    // ip.c's main loop: `--x` is read as `-x`, and each word is matched as a prefix of the
    // option names in the order they are tried (so `-h` is -human-readable, `-s` -stats).
    let opt = args.shift()!
    if (opt[1] === '-') opt = opt.slice(1)
    const is = (...names: string[]) => names.some((n) => n.startsWith(opt))
    const unsimulated = () => {
      ctx.err(`ip: option "${opt}" is not simulated in LVS Lab\n`)
      return 255
    }
    if (is('-loops')) return unsimulated()
    else if (is('-family')) {
      const fam = args.shift()
      if (fam !== 'inet' && fam !== 'inet6' && fam !== 'link') return unsimulated()
      family = fam === 'inet' ? 4 : fam === 'inet6' ? 6 : 0
    } else if (opt === '-4') family = 4
    else if (opt === '-6') family = 6
    else if (opt === '-0' || opt === '-M' || opt === '-B') family = 0
    else if (is('-human', '-human-readable', '-iec')) human = true
    else if (is('-stats', '-statistics')) opts.stats = true
    else if (is('-details')) opts.details = true
    else if (is('-resolve', '-oneline')) return unsimulated()
    else if (is('-timestamp', '-tshort')) continue
    else if (is('-Version')) {
      // RHEL 9.4's iproute 6.2.0 is built with its libbpf 1.3.0 (the library version is not confirmed).
      ctx.out('ip utility, iproute2-6.2.0, libbpf 1.3.0\n')
      return 0
    } else if (is('-force')) continue
    else if (is('-batch')) return unsimulated()
    else if (is('-brief')) opts.brief = true
    else if (is('-json', '-pretty', '-rcvbuf')) return unsimulated()
    else if (opt === '-c' || is('-color')) continue
    else if (is('-help')) return usage(ctx)
    else if (is('-netns')) return unsimulated()
    else if (is('-Numeric', '-all')) continue
    else {
      ctx.err(`Option "${opt}" is unknown, try "ip -help".\n`)
      return 255
    }
  }
  if (human && opts.stats) {
    ctx.err('ip: option "-human-readable" is not simulated in LVS Lab\n')
    return 255
  }
  const word = args.shift()
  if (!word) return usage(ctx)
  const obj = matchObject(word)
  switch (obj) {
    case 'help':
      return usage(ctx)
    case 'address':
      return addr(ctx, args, family, opts)
    case 'route':
      return route(ctx, args, opts)
    case 'rule':
      return rule(ctx, args, opts)
    case 'tunnel':
      return tunnel(ctx, args)
    case 'link':
      return link(ctx, args, opts)
    case 'neighbor':
    case 'neighbour':
      return neigh(ctx, args)
    case 'fou':
      return fou(ctx, args)
    default:
      ctx.err(`Object "${word}" is unknown, try "ip help".\n`)
      return 1
  }
}

export const ip: CommandDef = {
  name: 'ip',
  path: '/usr/sbin/ip',
  summary: 'show / manipulate routing, devices and addresses',
  completions: ['addr', 'route', 'link', 'neigh', 'show', 'add', 'del', 'set', 'dev', 'up', 'down'],
  run,
}
