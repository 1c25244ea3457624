// Network state predicates: an address on an interface (as `ip addr` lists it) and a route (as
// `ip route` shows the main table; the local table holds one `local` route per address). A route
// on a device that is down is not shown, and does not count.

import { formatIp, formatPrefix, parseCidr, parseIp, type Cidr } from '../../net/addr.ts'
import type { Host } from '../../host/host.ts'
import { routeLine } from '../../shell/commands/ip/index.ts'
import type { AddressCheck, RouteCheck } from '../lessons/schema.ts'
import { quote, say, type Outcome } from './text.ts'

export function addressCheck(host: Host, c: AddressCheck): Outcome {
  const want = parseCidr(c.addr)!
  const [ip] = c.addr.split('/')
  const iface = host.ip.iface(c.iface)
  const has = !!iface?.addrs.some((a) => a.ip === parseIp(ip) && a.plen === want.plen)
  const shown = iface ? iface.addrs.map((a) => `${formatIp(a.ip)}/${a.plen}`).join(', ') : ''
  const found = !iface
    ? say({ en: '{host} has no interface {iface} (Device "{iface}" does not exist.)', 'zh-Hans': '{host} 没有接口 {iface}（Device "{iface}" does not exist.）', 'zh-Hant': '{host} 沒有介面 {iface}（Device "{iface}" does not exist.）' }, { host: c.host, iface: c.iface })
    : shown
      ? say({ en: 'ip addr shows on {iface}: {list}', 'zh-Hans': 'ip addr 显示 {iface} 上有：{list}', 'zh-Hant': 'ip addr 顯示 {iface} 上有：{list}' }, { iface: c.iface, list: shown })
      : say({ en: '{iface} has no IPv4 address', 'zh-Hans': '{iface} 上没有 IPv4 地址', 'zh-Hant': '{iface} 上沒有 IPv4 位址' }, { iface: c.iface })
  return {
    passed: c.absent ? !has : has,
    expected: c.absent
      ? say({ en: '{host} does not have {addr} on {iface}', 'zh-Hans': '{host} 的 {iface} 上没有 {addr}', 'zh-Hant': '{host} 的 {iface} 上沒有 {addr}' }, { host: c.host, addr: c.addr, iface: c.iface })
      : say({ en: '{host} has {addr} on {iface}', 'zh-Hans': '{host} 的 {iface} 上有 {addr}', 'zh-Hant': '{host} 的 {iface} 上有 {addr}' }, { host: c.host, addr: c.addr, iface: c.iface }),
    found,
  }
}

function target(to: string): Cidr {
  if (to === 'default') return { addr: 0, plen: 0 }
  return parseCidr(to.includes('/') ? to : `${to}/32`)!
}

export function routeCheck(host: Host, c: RouteCheck): Outcome {
  const dst = target(c.to)
  const via = c.via === undefined ? undefined : parseIp(c.via)!
  const what = [c.to === 'default' ? 'default' : c.to, c.via && `via ${c.via}`, c.dev && `dev ${c.dev}`].filter(Boolean).join(' ')
  const ip = host.ip
  let has: boolean
  let shows: string[]
  if (c.table === 'local') {
    // The local table: a `local` route for each address of an up interface.
    const locals = ip.ifaces.filter((i) => i.up).flatMap((i) => i.addrs.map((a) => ({ dev: i.name, a })))
    has = locals.some(({ dev, a }) => a.ip === dst.addr && (dst.plen === 32 || dst.plen === a.plen) && (!c.dev || dev === c.dev))
    shows = ip.localRoutes().map((l) => `${l.type} ${formatPrefix(l.dst)} dev ${l.dev} proto kernel scope ${l.scope} src ${formatIp(l.src)}`)
  } else {
    const routes = ip.routes.sorted().filter((r) => ip.isUp(r.dev))
    has = routes.some((r) => r.dst.addr === dst.addr && r.dst.plen === dst.plen && (via === undefined || r.via === via) && (!c.dev || r.dev === c.dev))
    shows = routes.map((r) => routeLine(r))
  }
  const cmd = c.table === 'local' ? 'ip route show table local' : 'ip route'
  const shown = quote(shows) || '(nothing)'
  const yes = say({ en: '{host} has a route {what}', 'zh-Hans': '{host} 有路由 {what}', 'zh-Hant': '{host} 有路由 {what}' }, { host: c.host, what })
  const no = say({ en: '{host} has no route {what}', 'zh-Hans': '{host} 没有路由 {what}', 'zh-Hant': '{host} 沒有路由 {what}' }, { host: c.host, what })
  const def = c.to === 'default'
  const yesDefault = say({ en: '{host} has a default route{via}', 'zh-Hans': '{host} 有默认路由{via}', 'zh-Hant': '{host} 有預設路由{via}' }, { host: c.host, via: viaText(c) })
  const noDefault = say({ en: '{host} has no default route{via}', 'zh-Hans': '{host} 没有默认路由{via}', 'zh-Hant': '{host} 沒有預設路由{via}' }, { host: c.host, via: viaText(c) })
  const state = has ? (def ? yesDefault : yes) : def ? noDefault : no
  return {
    passed: c.absent ? !has : has,
    expected: c.absent ? (def ? noDefault : no) : def ? yesDefault : yes,
    found: say({ en: '{state} ({cmd} shows: {shown})', 'zh-Hans': '{state}（{cmd} 显示：{shown}）', 'zh-Hant': '{state}（{cmd} 顯示：{shown}）' }, { state, cmd, shown }),
  }
}

function viaText(c: RouteCheck) {
  const parts = [c.via && ` via ${c.via}`, c.dev && ` dev ${c.dev}`].filter(Boolean).join('')
  return { en: parts, 'zh-Hans': parts, 'zh-Hant': parts }
}
