// The world as the picture shows it: per host its interfaces with MACs and addresses (a VIP
// marked: an IPVS service's address anywhere in the lab, one a firewall-mark service's MARK rule
// matches as its single destination, or one held on lo besides loopback's),
// the default route, the sysctls the labs turn, the neighbour cache, and on a director its
// virtual services with each real server's ActiveConn/InActConn (the `ipvsadm -Ln` columns) and
// its share of the connections so far; a firewall-mark service with the mangle rules that mark
// its packets (IPVS looks it up by the mark alone, so those rules are what it serves). Built from live objects on every poll: a few loops per
// host, no copies of tables, so the UI can ask after each trace batch.

import { directorOf } from '../ipvs/index.ts'
import { svcLabel } from '../ipvs/director.ts'
import { FWD_NAME } from '../ipvs/types.ts'
import { formatIp } from '../net/addr.ts'
import { ruleSave } from '../host/netfilter/iptables.ts'
import type { Host } from '../host/host.ts'
import type { IptRule } from '../host/netfilter/iptables.ts'
import type { Lab } from '../lab/lab.ts'
import type { HostStateView, LabStateView, ServiceStateView } from './protocol.ts'

const LOOPBACK = 0x7f000001

/** Which interfaces' ARP and reverse-path sysctls matter: all, lo, and the host's own devices. */
function sysctls(host: Host): { key: string; value: string }[] {
  const devs = ['all', ...host.ip.ifaces.map((i) => i.name)]
  const keys = ['net.ipv4.ip_forward']
  for (const dev of devs) if (dev === 'all' || dev === 'lo' || host.ip.iface(dev)?.kind === 'ether') keys.push(`net.ipv4.conf.${dev}.arp_ignore`, `net.ipv4.conf.${dev}.arp_announce`)
  for (const dev of devs) if (dev !== 'lo') keys.push(`net.ipv4.conf.${dev}.rp_filter`)
  return keys.flatMap((key) => {
    const value = host.sysctl.get(key)
    return value === undefined ? [] : [{ key, value }]
  })
}

/**
 * The mangle rules that set a firewall-mark service's mark, where a mark IPVS reads can be set:
 * PREROUTING for packets that arrive, OUTPUT for the director's own (ip_vs_in_hook runs after both).
 */
const MARK_CHAINS = ['PREROUTING', 'OUTPUT'] as const

function marking(host: Host, fwmark: number): { chain: string; rule: IptRule }[] {
  const ipt = host.netfilter.iptables
  return MARK_CHAINS.flatMap((chain) => ipt.chain('mangle', chain).filter((r) => r.target === 'MARK' && r.mark === fwmark).map((rule) => ({ chain, rule })))
}

/** What a MARK rule matches, as `iptables -t mangle -S` writes it, without `-A CHAIN` and the target. */
function matchText(chain: string, rule: IptRule): string {
  const spec = ruleSave(rule, chain)
  return spec.slice(`-A ${chain}`.length, spec.lastIndexOf(' -j ')).trim()
}

function services(host: Host): ServiceStateView[] {
  const d = directorOf(host)
  if (!d) return []
  return d.services.map((svc) => {
    const total = svc.dests.reduce((n, dest) => n + dest.stats.counters.conns, 0)
    return {
      svc: svcLabel(svc),
      scheduler: svc.scheduler,
      persistent: svc.persistent,
      ...(svc.fwmark ? { marks: marking(host, svc.fwmark).map(({ chain, rule }) => ({ chain, match: matchText(chain, rule) })) } : {}),
      // ipvsadm lists the destinations oldest first; the kernel keeps them newest first.
      dests: [...svc.dests].reverse().map((dest) => {
        const conns = dest.stats.counters.conns
        return { addr: `${formatIp(dest.addr)}:${dest.port}`, fwd: FWD_NAME[dest.fwd], weight: dest.weight, activeConns: dest.activeConns, inactConns: dest.inactConns, conns, share: total ? conns / total : 0 }
      }),
    }
  })
}

function hostView(host: Host, serviceAddrs: ReadonlySet<number>): HostStateView {
  const def = host.ip.routes.sorted().find((r) => r.dst.plen === 0 && r.type !== 'local')
  return {
    name: host.hostname,
    ifaces: host.ip.ifaces.map((i) => ({
      name: i.name,
      mac: i.mac,
      up: i.up,
      addrs: i.addrs.map((a) => ({ cidr: `${formatIp(a.ip)}/${a.plen}`, vip: serviceAddrs.has(a.ip) || (i.kind === 'loopback' && a.ip !== LOOPBACK) })),
    })),
    defaultRoute: def ? { via: def.via === undefined ? null : formatIp(def.via), dev: def.dev } : null,
    sysctls: sysctls(host),
    neigh: [...host.ip.neigh.values()].map((n) => ({ ip: formatIp(n.ip), dev: n.dev, mac: n.mac, state: n.state })),
    services: services(host),
  }
}

export function stateView(lab: Lab): LabStateView {
  const serviceAddrs = new Set<number>()
  for (const h of lab.hosts) {
    for (const svc of directorOf(h)?.services ?? []) {
      if (!svc.fwmark) serviceAddrs.add(svc.addr)
      // A mark rule for one destination address names the VIP the mark stands for.
      else for (const { rule } of marking(h, svc.fwmark)) if (rule.dst?.plen === 32) serviceAddrs.add(rule.dst.addr)
    }
  }
  return { t: lab.engine.now, hosts: lab.hosts.map((h) => hostView(h, serviceAddrs)) }
}
