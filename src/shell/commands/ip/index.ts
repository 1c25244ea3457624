// ip (iproute2 6.2): addr, route, link and neigh with their show/add/del/set forms and prefix
// abbreviations, printed as print_linkinfo / print_addrinfo / print_route do (every route and
// neighbour line ends with a space, IPv6 address lines too), with iproute2's messages and exit
// codes on a 5.14 kernel (rhel9-network.md §1).

import { formatIp, formatPrefix, networkOf, parseCidr, parseIp, type Ip } from '../../../net/addr.ts'
import type { Iface } from '../../../host/iface.ts'
import type { Route } from '../../../host/routes.ts'
import type { CommandContext, CommandDef } from '../types.ts'

const OBJECTS = ['address', 'addrlabel', 'link', 'route', 'rule', 'neighbor', 'neighbour', 'ntable', 'tunnel', 'maddress', 'mroute', 'monitor', 'netns', 'fou']

function matchObject(word: string): string | null {
  return OBJECTS.find((o) => o.startsWith(word)) ?? null
}

/** A stable-privacy-looking IPv6 link-local address, fixed per host and interface. */
function linkLocal(host: string, ifname: string): string {
  let h = 2166136261
  for (const c of `${host}/${ifname}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0
  const words: string[] = []
  for (let i = 0; i < 4; i++) {
    h = Math.imul(h ^ (h >>> 13), 0x5bd1e995) >>> 0
    words.push((h & 0xffff).toString(16))
  }
  return `fe80::${words.join(':')}`
}

function flags(i: Iface): string {
  const f: string[] = []
  if (i.kind === 'loopback') f.push('LOOPBACK')
  if (i.kind === 'ether') f.push('BROADCAST', 'MULTICAST')
  if (i.kind === 'ipip') f.push('NOARP')
  if (i.up) f.push('UP', 'LOWER_UP')
  return f.join(',')
}

function linkLines(i: Iface, mode: boolean, family: 4 | 6 | 0): string[] {
  const name = i.kind === 'ipip' ? `${i.name}@NONE` : i.name
  const linkType = i.name.startsWith('gre') ? 'gre' : 'ipip'
  const qdisc = i.kind === 'ether' ? 'fq_codel' : i.kind === 'ipip' ? (i.up ? 'noqueue' : 'noop') : 'noqueue'
  const state = i.kind === 'ether' ? (i.up ? 'UP' : 'DOWN') : i.kind === 'ipip' && !i.up ? 'DOWN' : 'UNKNOWN'
  const out = [`${i.index}: ${name}: <${flags(i)}> mtu ${i.mtu} qdisc ${qdisc} state ${state}${mode ? ' mode DEFAULT' : ''} group default qlen 1000`]
  if (family === 0) {
    if (i.kind === 'loopback') out.push('    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00')
    else if (i.kind === 'ipip') out.push(`    link/${linkType} 0.0.0.0 brd 0.0.0.0`)
    else out.push(`    link/ether ${i.mac} brd ff:ff:ff:ff:ff:ff`)
  }
  return out
}

function addrLines(ctx: CommandContext, i: Iface, family: 4 | 6 | 0): string[] {
  const out: string[] = []
  if (family !== 6) {
    for (const a of i.addrs) {
      const parts = [`inet ${formatIp(a.ip)}/${a.plen}`]
      if (a.brd !== undefined) parts.push(`brd ${formatIp(a.brd)}`)
      parts.push(`scope ${a.scope}`)
      if (a.secondary) parts.push('secondary')
      if (a.noprefixroute) parts.push('noprefixroute')
      parts.push(i.name)
      out.push(`    ${parts.join(' ')}`, '       valid_lft forever preferred_lft forever')
    }
  }
  if (family !== 4) {
    if (i.kind === 'loopback') out.push('    inet6 ::1/128 scope host ', '       valid_lft forever preferred_lft forever')
    else if (i.kind === 'ether' && i.up && ctx.host.nm.active.has(i.name)) out.push(`    inet6 ${linkLocal(ctx.host.hostname, i.name)}/64 scope link noprefixroute `, '       valid_lft forever preferred_lft forever')
  }
  return out
}

function addr(ctx: CommandContext, args: string[], family: 4 | 6 | 0): number {
  const sub = args[0] ?? 'show'
  const ip = ctx.host.ip
  if ('show'.startsWith(sub) || 'list'.startsWith(sub) || sub === 'dev') {
    const rest = sub === 'dev' ? args : args.slice(1)
    const devName = rest[0] === 'dev' ? rest[1] : rest[0]
    const ifaces = devName ? ip.ifaces.filter((i) => i.name === devName) : ip.ifaces
    if (devName && !ifaces.length) {
      ctx.err(`Device "${devName}" does not exist.\n`)
      return 1
    }
    for (const i of ifaces) {
      const a = addrLines(ctx, i, family)
      if (family !== 0 && !a.length) continue
      ctx.out([...linkLines(i, false, family), ...a].join('\n') + '\n')
    }
    return 0
  }
  if ('add'.startsWith(sub) || 'delete'.startsWith(sub)) {
    const adding = 'add'.startsWith(sub)
    let local: string | undefined
    let dev: string | undefined
    for (let k = 1; k < args.length; k++) {
      if (args[k] === 'dev') dev = args[++k]
      else if (['brd', 'broadcast', 'scope', 'label', 'valid_lft', 'preferred_lft'].includes(args[k])) k++
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
      iface.addAddress({ ip: cidr.addr, plen: cidr.plen, scope: cidr.addr >>> 24 === 127 ? 'host' : 'global', noprefixroute: false, owner: 'manual' })
      const added = iface.addrs.find((a) => a.ip === cidr.addr && a.plen === cidr.plen)!
      if (!added.secondary && cidr.plen < 32 && iface.kind !== 'loopback') ip.routes.add({ dst: { addr: networkOf(cidr.addr, cidr.plen), plen: cidr.plen }, dev, proto: 'kernel', scope: 'link', src: cidr.addr, owner: 'kernel' })
      return 0
    }
    if (!local.includes('/')) {
      ctx.err(`Warning: Executing wildcard deletion to stay compatible with old scripts.\n         Explicitly specify the prefix length (${local}/32) to avoid this warning.\n         This special behaviour is likely to disappear in further releases,\n         fix your scripts!\n`)
      const a = iface.addrs.find((x) => x.ip === cidr.addr)
      if (!a) {
        ctx.err('RTNETLINK answers: Cannot assign requested address\n')
        return 2
      }
      iface.removeAddress(a.ip, a.plen)
    } else if (!iface.removeAddress(cidr.addr, cidr.plen)) {
      ctx.err('RTNETLINK answers: Cannot assign requested address\n')
      return 2
    }
    ip.routes.removeWhere((r) => r.dev === dev && r.src === cidr.addr && r.owner === 'kernel')
    return 0
  }
  if ('flush'.startsWith(sub)) {
    const dev = args[1] === 'dev' ? args[2] : args[1]
    const iface = dev ? ip.iface(dev) : undefined
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

export function routeLine(r: Route): string {
  const parts = [r.dst.plen === 0 ? 'default' : formatPrefix(r.dst)]
  if (r.via !== undefined) parts.push(`via ${formatIp(r.via)}`)
  parts.push(`dev ${r.dev}`)
  if (r.proto !== 'boot') parts.push(`proto ${r.proto}`)
  if (r.scope !== 'global') parts.push(`scope ${r.scope}`)
  if (r.src !== undefined) parts.push(`src ${formatIp(r.src)}`)
  if (r.metric !== undefined) parts.push(`metric ${r.metric}`)
  return parts.join(' ') + ' '
}

function route(ctx: CommandContext, args: string[]): number {
  const sub = args[0] ?? 'show'
  const ip = ctx.host.ip
  if ('show'.startsWith(sub) || 'list'.startsWith(sub)) {
    for (const r of ip.routes.sorted()) if (ip.isUp(r.dev)) ctx.out(routeLine(r) + '\n')
    return 0
  }
  if ('get'.startsWith(sub) && args[1]) {
    const dst = parseIp(args[1])
    const r = dst === null ? null : ip.route(dst)
    if (dst === null || !r) {
      ctx.err('RTNETLINK answers: Network is unreachable\n')
      return 2
    }
    ctx.out(`${formatIp(dst)} ${r.via !== undefined ? `via ${formatIp(r.via)} ` : ''}dev ${r.dev} src ${formatIp(ip.sourceFor(dst)!)} uid 0 \n    cache \n`)
    return 0
  }
  const adding = 'add'.startsWith(sub) || sub === 'replace'
  if (adding || 'delete'.startsWith(sub)) {
    let target: string | undefined
    let via: Ip | undefined
    let dev: string | undefined
    let metric: number | undefined
    for (let k = 1; k < args.length; k++) {
      if (args[k] === 'via') via = parseIp(args[++k]) ?? undefined
      else if (args[k] === 'dev') dev = args[++k]
      else if (args[k] === 'metric' || args[k] === 'priority') metric = Number(args[++k])
      else if (args[k] === 'proto' || args[k] === 'scope' || args[k] === 'src' || args[k] === 'table') k++
      else target = args[k]
    }
    const dst = target === 'default' ? { addr: 0, plen: 0 } : target ? parseCidr(target) : null
    if (!dst) {
      ctx.err(`Error: any valid prefix is expected rather than "${target ?? ''}".\n`)
      return 1
    }
    if (dev && !ip.iface(dev)) {
      ctx.err(`Cannot find device "${dev}"\n`)
      return 1
    }
    if (!adding) {
      const n = ip.routes.removeWhere((r) => r.dst.addr === dst.addr && r.dst.plen === dst.plen && (via === undefined || r.via === via) && (!dev || r.dev === dev))
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
    if (!ip.routes.add({ dst, via, dev: outDev, proto: 'boot', scope: via === undefined ? 'link' : 'global', metric, owner: 'manual' })) {
      ctx.err('RTNETLINK answers: File exists\n')
      return 2
    }
    return 0
  }
  ctx.err(`Command "${sub}" is unknown, try "ip route help".\n`)
  return 255
}

function link(ctx: CommandContext, args: string[]): number {
  const sub = args[0] ?? 'show'
  const ip = ctx.host.ip
  if ('show'.startsWith(sub) || 'list'.startsWith(sub)) {
    const devName = args[1] === 'dev' ? args[2] : args[1]
    const ifaces = devName ? ip.ifaces.filter((i) => i.name === devName) : ip.ifaces
    if (devName && !ifaces.length) {
      ctx.err(`Device "${devName}" does not exist.\n`)
      return 1
    }
    for (const i of ifaces) ctx.out(linkLines(i, true, 0).join('\n') + '\n')
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

function run(ctx: CommandContext): number {
  const args = [...ctx.argv.slice(1)]
  let family: 4 | 6 | 0 = 0
  while (args[0]?.startsWith('-')) {
    const opt = args.shift()!
    if (opt === '-4') family = 4
    else if (opt === '-6') family = 6
    else if (opt !== '-c' && opt !== '-color' && opt !== '-d' && opt !== '-s') {
      ctx.err(`Option "${opt}" is unknown, try "ip -help".\n`)
      return 255
    }
  }
  const word = args.shift()
  if (!word) {
    ctx.err('Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\nwhere  OBJECT := { address | link | neighbor | route | rule | tunnel }\n')
    return 255
  }
  const obj = matchObject(word)
  switch (obj) {
    case 'address':
      return addr(ctx, args, family)
    case 'route':
      return route(ctx, args)
    case 'link':
      return link(ctx, args)
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
