// IPVS state predicates: a virtual service (TCP/UDP addr:port or fwmark, scheduler, persistence,
// netmask, flags) and a real server in it (address, method, weight), read from the host's director
// as `ipvsadm -Ln` would list it. A host that never loaded ip_vs has no services.

import { formatIp, parseIp } from '../../net/addr.ts'
import { directorOf } from '../../ipvs/index.ts'
import { svcLabel } from '../../ipvs/director.ts'
import { FWD_NAME, type Dest, type FwdMethod, type Service, type SvcKey } from '../../ipvs/types.ts'
import type { Host } from '../../host/host.ts'
import { serviceFlags, svcName } from '../../shell/commands/ipvsadm/format.ts'
import type { DestCheck, ServiceCheck } from '../lessons/schema.ts'
import { same, say, type LocalText, type Outcome } from './text.ts'

/** Numeric listing: no name lookups. */
const NUMERIC = { hostName: () => null, service: () => null }

/** A service's line exactly as `ipvsadm -Ln` prints it: `TCP  172.25.254.200:80 wrr persistent 360`. */
const describe = (s: Service): string => `${svcName(s, true, NUMERIC)} ${s.scheduler}${serviceFlags(s)}`

function keyOf(c: { proto?: 'tcp' | 'udp'; addr?: string; fwmark?: number }): SvcKey {
  if (c.fwmark !== undefined) return { fwmark: c.fwmark, proto: 'tcp', addr: 0, port: 0 }
  const [ip, port] = c.addr!.split(':')
  return { fwmark: 0, proto: c.proto!, addr: parseIp(ip)!, port: Number(port) }
}

/** `tcp 172.25.254.200:80` / `fwmark 66` as the schema takes a service reference. */
function refKey(ref: string): SvcKey {
  const [proto, rest] = ref.split(' ')
  return proto === 'fwmark' ? keyOf({ fwmark: Number(rest) }) : keyOf({ proto: proto as 'tcp' | 'udp', addr: rest })
}

const services = (host: Host): Service[] => directorOf(host)?.services ?? []

const noServices = (name: string): LocalText =>
  say({ en: '{host} has no IPVS virtual services (ipvsadm -Ln lists none)', 'zh-Hans': '{host} 没有任何 IPVS 虚拟服务（ipvsadm -Ln 是空的）', 'zh-Hant': '{host} 沒有任何 IPVS 虛擬服務（ipvsadm -Ln 是空的）' }, { host: name })

function listed(name: string, list: Service[]): LocalText {
  if (!list.length) return noServices(name)
  return say({ en: '{host} has: {list}', 'zh-Hans': '{host} 上有：{list}', 'zh-Hant': '{host} 上有：{list}' }, { host: name, list: list.map(describe).join('; ') })
}

export function serviceCheck(host: Host, c: ServiceCheck): Outcome {
  const key = keyOf(c)
  const label = svcLabel(key)
  const svc = directorOf(host)?.findService(key)
  if (c.absent) {
    return {
      passed: !svc,
      expected: say({ en: '{host} has no IPVS service {svc}', 'zh-Hans': '{host} 上没有 IPVS 服务 {svc}', 'zh-Hant': '{host} 上沒有 IPVS 服務 {svc}' }, { host: c.host, svc: label }),
      found: svc ? same(`ipvsadm -Ln: ${describe(svc)}`) : listed(c.host, services(host)),
    }
  }
  const wants: string[] = []
  if (c.scheduler !== undefined) wants.push(c.scheduler)
  if (c.flags?.length) wants.push(`(${c.flags.join(',')})`)
  if (c.persistent === true) wants.push('persistent')
  else if (typeof c.persistent === 'number') wants.push(`persistent ${c.persistent}`)
  if (c.netmask !== undefined) wants.push(`mask ${c.netmask}`)
  const notPersistent = c.persistent === false ? { en: ', not persistent', 'zh-Hans': '，不持久', 'zh-Hant': '，不持久' } : { en: '', 'zh-Hans': '', 'zh-Hant': '' }
  const expected = say(
    { en: '{host} has the IPVS service {svc}{notp}', 'zh-Hans': '{host} 上有 IPVS 服务 {svc}{notp}', 'zh-Hant': '{host} 上有 IPVS 服務 {svc}{notp}' },
    { host: c.host, svc: [label, ...wants].join(' '), notp: notPersistent },
  )
  if (!svc) {
    return {
      passed: false,
      expected,
      found: services(host).length
        ? say({ en: 'no service {svc}; {host} has: {list}', 'zh-Hans': '没有服务 {svc}；{host} 上有：{list}', 'zh-Hant': '沒有服務 {svc}；{host} 上有：{list}' }, { svc: label, host: c.host, list: services(host).map(describe).join('; ') })
        : noServices(c.host),
    }
  }
  const ok =
    (c.scheduler === undefined || svc.scheduler === c.scheduler) &&
    (c.persistent === undefined || (c.persistent === true ? svc.persistent : c.persistent === false ? !svc.persistent : svc.persistent && svc.timeout === c.persistent)) &&
    (c.netmask === undefined || (svc.persistent && svc.netmask === parseIp(c.netmask))) &&
    (c.flags === undefined || c.flags.every((f) => svc.schedFlags.includes(f)))
  return { passed: ok, expected, found: same(`ipvsadm -Ln: ${describe(svc)}`) }
}

const METHOD_NAME: Record<FwdMethod, string> = FWD_NAME

function describeDest(d: Dest): string {
  return `${formatIp(d.addr)}:${d.port} ${METHOD_NAME[d.fwd]} weight ${d.weight}`
}

export function destCheck(host: Host, c: DestCheck): Outcome {
  const key = refKey(c.service)
  const label = svcLabel(key)
  const svc = directorOf(host)?.findService(key)
  const [ip, port] = c.addr.split(':')
  const addr = parseIp(ip)!
  const match = (d: Dest) => d.addr === addr && (port === undefined || d.port === Number(port))
  const dest = svc?.dests.find(match)
  const what = [c.addr, c.method && METHOD_NAME[c.method], c.weight !== undefined && `weight ${c.weight}`].filter(Boolean).join(' ')
  const present = svc
    ? svc.dests.length
      ? say({ en: '{svc} has real servers: {list}', 'zh-Hans': '{svc} 的真实服务器：{list}', 'zh-Hant': '{svc} 的真實伺服器：{list}' }, { svc: label, list: svc.dests.map((d) => describeDest(d)).join('; ') })
      : say({ en: '{svc} has no real servers', 'zh-Hans': '{svc} 没有真实服务器', 'zh-Hant': '{svc} 沒有真實伺服器' }, { svc: label })
    : say({ en: '{host} has no IPVS service {svc}', 'zh-Hans': '{host} 上没有 IPVS 服务 {svc}', 'zh-Hant': '{host} 上沒有 IPVS 服務 {svc}' }, { host: c.host, svc: label })
  if (c.absent) {
    return {
      passed: !dest,
      expected: say({ en: "{host}'s service {svc} has no real server {addr}", 'zh-Hans': '{host} 的服务 {svc} 中没有真实服务器 {addr}', 'zh-Hant': '{host} 的服務 {svc} 中沒有真實伺服器 {addr}' }, { host: c.host, svc: label, addr: c.addr }),
      found: present,
    }
  }
  const ok = !!dest && (c.method === undefined || dest.fwd === c.method) && (c.weight === undefined || dest.weight === c.weight)
  return {
    passed: ok,
    expected: say({ en: "{host}'s service {svc} has the real server {what}", 'zh-Hans': '{host} 的服务 {svc} 中有真实服务器 {what}', 'zh-Hant': '{host} 的服務 {svc} 中有真實伺服器 {what}' }, { host: c.host, svc: label, what }),
    found: present,
  }
}
