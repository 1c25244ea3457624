// ipvsadm's output, rendered from the format strings of ipvsadm.c 1.31 (ipvsadm.md §2 and §3):
// the listing in its six layouts, connections with mm:ss countdowns, timeouts, daemons, the
// save format, help and version. Names are resolved from the host's /etc/hosts and /etc/services
// unless -n, exactly where ipvsadm resolves them.

import { formatIp, type Ip } from '../../../net/addr.ts'
import { SECOND } from '../../../sim/engine.ts'
import type { Conn } from '../../../ipvs/conn.ts'
import type { Director } from '../../../ipvs/director.ts'
import type { Counters } from '../../../ipvs/stats.ts'
import { FWD_FLAG, FWD_NAME, type Dest, type Service } from '../../../ipvs/types.ts'
import type { Parsed } from './parse.ts'
import { table } from '../../../sim/table.ts'

export interface Names {
  hostName(ip: Ip): string | null
  service(port: number, proto: string): string | null
}

const pad = (s: string | number, n: number) => String(s).padEnd(n)
const rpad = (s: string | number, n: number) => String(s).padStart(n)

function addrPort(ip: Ip, port: number, proto: string, numeric: boolean, names: Names, max?: number): string {
  if (numeric) return `${formatIp(ip)}:${port}`
  const host = names.hostName(ip) ?? formatIp(ip)
  const svc = proto === 'ip' ? null : names.service(port, proto)
  // addrport_to_anyname's snprintf into a buffer of `max`: a long name loses its port too.
  const text = `${host}:${svc ?? port}`
  return max ? text.slice(0, max) : text
}

export function svcName(s: Service, numeric: boolean, names: Names): string {
  if (s.fwmark) return `FWM  ${s.fwmark}`
  const proto = s.proto.toUpperCase()
  return `${proto.padEnd(4)} ${addrPort(s.addr, s.port, s.proto, numeric, names)}`.slice(0, 33)
}

function destName(s: Service, d: Dest, numeric: boolean, names: Names): string {
  // A fwmark service has no protocol, so port_to_service leaves its servers' ports numeric.
  return addrPort(d.addr, d.port, s.fwmark ? 'ip' : s.proto, numeric, names, 28)
}

/**
 * The scheduler flags as print_sched_flags names them from the three IP_VS_SVC_F_SCHED bits, in
 * bit order: sh and mh name only their first two (a third bit set on them is not shown).
 */
export function schedFlagNames(s: Service): string[] {
  const bits = new Set<number>(s.schedFlags.map((x) => (x.endsWith('fallback') || x === 'flag-1' ? 0 : x.endsWith('port') || x === 'flag-2' ? 1 : 2)))
  const names = s.scheduler === 'sh' || s.scheduler === 'mh' ? [`${s.scheduler}-fallback`, `${s.scheduler}-port`] : ['flag-1', 'flag-2', 'flag-3']
  return names.filter((_, i) => bits.has(i))
}

export function serviceFlags(s: Service): string {
  let out = ''
  const flags = schedFlagNames(s)
  if (flags.length) out += ` (${flags.join(',')})`
  if (s.persistent) {
    out += ` persistent ${s.timeout}`
    if (s.netmask !== 0xffffffff) out += ` mask ${formatIp(s.netmask)}`
    if (s.pe) out += ` pe ${s.pe}`
  }
  if (s.ops) out += ' ops'
  return out
}

/** print_largenum: width 9, abbreviated with K/M/G/T unless --exact. */
function largenum(n: number, exact: boolean): string {
  if (exact) {
    const len = String(n).length
    return rpad(n, len <= 8 ? 9 : len + 1)
  }
  if (n < 100_000_000) return rpad(n, 9)
  if (n < 1_000_000_000) return rpad(Math.floor(n / 1000), 8) + 'K'
  if (n < 100_000_000_000) return rpad(Math.floor(n / 1_000_000), 8) + 'M'
  if (n < 100_000_000_000_000) return rpad(Math.floor(n / 1_000_000_000), 8) + 'G'
  return rpad(Math.floor(n / 1_000_000_000_000), 8) + 'T'
}

function five(c: Counters, exact: boolean): string {
  return [c.conns, c.inPkts, c.outPkts, c.inBytes, c.outBytes].map((n) => largenum(n, exact)).join('')
}

/** libipvs's comparators, including the signed 32-bit address difference quirk. */
function cmpAddr(a: Ip, b: Ip): number {
  return (a - b) | 0
}

const PROTO_ORDER = { tcp: 6, udp: 17, sctp: 132 }

export function sortedServices(d: Director, nosort: boolean): Service[] {
  if (nosort) return [...d.services]
  return [...d.services].sort((a, b) => {
    if (!!a.fwmark !== !!b.fwmark) return a.fwmark ? 1 : -1
    if (a.fwmark) return a.fwmark - b.fwmark
    return PROTO_ORDER[a.proto] - PROTO_ORDER[b.proto] || cmpAddr(a.addr, b.addr) || a.port - b.port
  })
}

export function sortedDests(s: Service, nosort: boolean): Dest[] {
  if (nosort) return [...s.dests]
  return [...s.dests].sort((a, b) => cmpAddr(a.addr, b.addr) || a.port - b.port)
}

function tunInfo(d: Dest): string {
  if (d.fwd !== 'tunnel') return 'n/a'
  const c = d.tunFlags === 'csum' ? '+c' : d.tunFlags === 'remcsum' ? 'r+c' : '-c'
  if (d.tunType === 'gue') return `gue:${d.tunPort}:${c}`
  if (d.tunType === 'gre') return `gre:${c}`
  return 'ipip'
}

export const VERSION_LINE = 'IP Virtual Server version 1.2.1 (size=4096)'
export const DPVS_VERSION_LINE = 'IP Virtual Server version 1.9.5 (size=0)'

export function listServices(dir: Director, p: Parsed, names: Names, only?: Service, dpvs = false): string {
  const out: string[] = []
  if (!only) out.push(dpvs ? DPVS_VERSION_LINE : VERSION_LINE)
  const title33 = (cols: string) => `${pad('Prot LocalAddress:Port', 33)}${cols}`
  switch (p.format) {
    case 'stats':
      out.push(title33(['Conns', 'InPkts', 'OutPkts', 'InBytes', 'OutBytes'].map((c) => ' ' + rpad(c, 8)).join('')), '  -> RemoteAddress:Port')
      break
    case 'rate':
      out.push(title33(['CPS', 'InPPS', 'OutPPS', 'InBPS', 'OutBPS'].map((c) => ' ' + rpad(c, 8)).join('')), '  -> RemoteAddress:Port')
      break
    case 'thresholds':
      out.push(`${pad('Prot LocalAddress:Port', 33)} ${pad('Uthreshold', 10)} ${pad('Lthreshold', 10)} ${pad('ActiveConn', 10)} ${pad('InActConn', 10)}`, '  -> RemoteAddress:Port')
      break
    case 'persistent-conn':
      out.push(`${pad('Prot LocalAddress:Port', 33)} ${pad('Weight', 9)} ${pad('PersistConn', 11)} ${pad('ActiveConn', 10)} ${pad('InActConn', 10)}`, '  -> RemoteAddress:Port')
      break
    case 'tun-info':
      out.push('Prot LocalAddress:Port Scheduler Flags', '  -> RemoteAddress:Port           Forward TunnelInfo    Weight ActiveConn InActConn')
      break
    default:
      out.push('Prot LocalAddress:Port Scheduler Flags', '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn')
  }
  for (const s of only ? [only] : sortedServices(dir, p.nosort)) {
    const name = svcName(s, p.numeric, names)
    if (p.format === 'stats') out.push(pad(name, 33) + five(s.stats.counters, p.exact))
    else if (p.format === 'rate') out.push(pad(name, 33) + five(s.stats.rates, p.exact))
    else out.push(`${name} ${s.scheduler}${serviceFlags(s)}`)
    for (const d of sortedDests(s, p.nosort)) {
      const dn = destName(s, d, p.numeric, names)
      switch (p.format) {
        case 'stats':
          out.push(`  -> ${pad(dn, 28)}${five(d.stats.counters, p.exact)}`)
          break
        case 'rate': {
          const r = d.stats.rates
          out.push(`  -> ${pad(dn, 28)} ${rpad(r.conns, 8)} ${rpad(r.inPkts, 8)} ${rpad(r.outPkts, 8)}${largenum(r.inBytes, p.exact)}${largenum(r.outBytes, p.exact)}`)
          break
        }
        case 'thresholds':
          out.push(`  -> ${pad(dn, 28)} ${pad(d.uThreshold, 10)} ${pad(d.lThreshold, 10)} ${pad(d.activeConns, 10)} ${pad(d.inactConns, 10)}`)
          break
        case 'persistent-conn':
          out.push(`  -> ${pad(dn, 28)} ${pad(d.weight, 9)} ${pad(d.persistConns, 11)} ${pad(d.activeConns, 10)} ${pad(d.inactConns, 10)}`)
          break
        case 'tun-info':
          out.push(`  -> ${pad(dn, 28)} ${pad(FWD_NAME[d.fwd], 7)} ${pad(tunInfo(d), 13)} ${pad(d.weight, 6)} ${pad(d.activeConns, 10)} ${pad(d.inactConns, 10)}`)
          break
        default:
          out.push(`  -> ${pad(dn, 28)} ${pad(FWD_NAME[d.fwd], 7)} ${pad(d.weight, 6)} ${pad(d.activeConns, 10)} ${pad(d.inactConns, 10)}`)
      }
    }
  }
  return out.join('\n') + '\n'
}

function mmss(remainingUs: number): string {
  const secs = Math.max(0, Math.floor(remainingUs / SECOND))
  return `${String(Math.floor(secs / 60)).padStart(2, '0')}:${String(secs % 60).padStart(2, '0')}`
}

export function listConnections(dir: Director, now: number, numeric: boolean, names: Names, persistentConn = false): string {
  // With --persistent-conn the title grows the PE columns; entries without PE data keep six.
  const title = `pro expire ${pad('state', 11)} ${pad('source', 18)} ${pad('virtual', 18)} ${persistentConn ? `${pad('destination', 18)} ${pad('pe name', 16)} pe_data` : 'destination'}`
  const out = ['IPVS connection entries', title]
  const conns: Conn[] = dir.conns.all()
  for (const c of conns) {
    const proto = c.proto.toLowerCase() === 'ip' ? 'ip' : c.proto.toLowerCase()
    const num = numeric || c.proto === 'IP'
    const ap = (ip: Ip, port: number) => (c.proto === 'IP' ? `${num ? formatIp(ip) : (names.hostName(ip) ?? formatIp(ip))}:${port}` : addrPort(ip, port, proto, num, names))
    const vaddr = ap(c.vaddr, c.vport)
    out.push(`${pad(c.proto, 3)} ${pad(mmss(c.expires - now), 6)} ${pad(c.state, 11)} ${pad(ap(c.caddr, c.cport), 18)} ${pad(vaddr, 18)} ${ap(c.daddr, c.dport)}`)
  }
  return out.join('\n') + '\n'
}

/** `ipvsadm -S`: one rule line per service and destination. */
export function saveRules(dir: Director, numeric: boolean, names: Names): string {
  const out: string[] = []
  for (const s of sortedServices(dir, false)) {
    const svc = s.fwmark ? `-f ${s.fwmark}` : `${s.proto === 'tcp' ? '-t' : s.proto === 'udp' ? '-u' : '--sctp-service'} ${numeric ? `${formatIp(s.addr)}:${s.port}` : `${names.hostName(s.addr) ?? formatIp(s.addr)}:${names.service(s.port, s.proto) ?? s.port}`}`
    let line = `-A ${svc} -s ${s.scheduler}`
    if (s.persistent) {
      line += ` -p ${s.timeout}`
      if (s.netmask !== 0xffffffff) line += ` -M ${formatIp(s.netmask)}`
    }
    // The save names a persistence engine even on a service that is not persistent.
    if (s.pe) line += ` --pe ${s.pe}`
    if (s.ops) line += ' -o'
    const flags = schedFlagNames(s)
    if (flags.length) line += ` -b ${flags.join(',')}`
    out.push(line)
    for (const d of sortedDests(s, false)) {
      const rs = numeric ? `${formatIp(d.addr)}:${d.port}` : `${names.hostName(d.addr) ?? formatIp(d.addr)}:${(s.fwmark ? null : names.service(d.port, s.proto)) ?? d.port}`
      let l = `-a ${svc} -r ${rs} ${FWD_FLAG[d.fwd]} -w ${d.weight}`
      if (d.fwd === 'tunnel') {
        l += ` --tun-type ${d.tunType}`
        if (d.tunType === 'gue') l += ` --tun-port ${d.tunPort}`
        if (d.tunType !== 'ipip') l += ` --tun-${d.tunFlags ?? 'nocsum'}`
      }
      out.push(l)
    }
  }
  return out.length ? out.join('\n') + '\n' : ''
}

export const VERSION = 'ipvsadm v1.31 2019/12/24 (compiled with popt and IPVS v1.2.1)'
export const DPVS_VERSION = 'ipvsadm v1.27 2008/5/15 (compiled with popt and IPVS v1.9.2)'

const DPVS_STATE = table<string>({ NONE: 'TCP_NONE', ESTABLISHED: 'TCP_EST', CLOSE: 'TCP_CLOSE', UDP: 'UDP_NORM' })

/** DPVS `-c`: no header, `[lcore]proto timeout state client virtual local real`. */
export function listConnectionsDpvs(dir: Director): string {
  const out: string[] = []
  for (const c of dir.conns.all()) {
    if (c.template) continue
    const ap = (ip: Ip, port: number) => `${formatIp(ip)}:${port}`
    const local = c.laddr !== undefined ? ap(c.laddr, c.lport ?? 0) : ap(c.caddr, c.cport)
    out.push(`[0]${pad(c.proto.toLowerCase(), 3)} ${pad(`${dir.conns.timeoutFor(c)}s`, 6)} ${pad(DPVS_STATE[c.state] ?? c.state, 11)} ${pad(ap(c.caddr, c.cport), 18)} ${pad(ap(c.vaddr, c.vport), 18)} ${pad(local, 18)} ${ap(c.daddr, c.dport)}`)
  }
  return out.length ? out.join('\n') + '\n' : ''
}

/** DPVS `-G`: the local address pool of each FULLNAT service. */
export function listLaddrs(services: Service[]): string {
  const out = [`${pad('VIP:VPORT', 20)} ${pad('TOTAL', 8)} ${pad('SNAT_IP', 20)} ${pad('CONFLICTS', 10)} ${pad('CONNS', 10)}`]
  for (const s of services) {
    out.push(`${pad(`${formatIp(s.addr)}:${s.port}`, 20)} ${pad(s.laddrs.length, 8)} `)
    for (const l of s.laddrs) out.push(`${pad('', 20)} ${pad('', 8)} ${pad(formatIp(l.addr), 20)} ${pad(0, 10)} ${pad(l.conns, 10)}`)
  }
  return out.join('\n') + '\n'
}

export function helpText(prog: string): string {
  return `${VERSION}
Usage:
  ${prog} -A|E virtual-service [-s scheduler] [-p [timeout]] [-M netmask] [--pe persistence_engine] [-b sched-flags]
  ${prog} -D virtual-service
  ${prog} -C
  ${prog} -R
  ${prog} -S [-n]
  ${prog} -a|e virtual-service -r server-address [options]
  ${prog} -d virtual-service -r server-address
  ${prog} -L|l [virtual-service] [options]
  ${prog} -Z [virtual-service]
  ${prog} --set tcp tcpfin udp
  ${prog} --start-daemon {master|backup} [daemon-options]
  ${prog} --stop-daemon {master|backup}
  ${prog} -h

Commands:
Either long or short options are allowed.
  --add-service     -A        add virtual service with options
  --edit-service    -E        edit virtual service with options
  --delete-service  -D        delete virtual service
  --clear           -C        clear the whole table
  --restore         -R        restore rules from stdin
  --save            -S        save rules to stdout
  --add-server      -a        add real server with options
  --edit-server     -e        edit real server with options
  --delete-server   -d        delete real server
  --list            -L|-l     list the table
  --zero            -Z        zero counters in a service or all services
  --set tcp tcpfin udp        set connection timeout values
  --start-daemon              start connection sync daemon
  --stop-daemon               stop connection sync daemon
  --help            -h        display this help message

virtual-service:
  --tcp-service|-t  service-address   service-address is host[:port]
  --udp-service|-u  service-address   service-address is host[:port]
  --sctp-service    service-address   service-address is host[:port]
  --fwmark-service|-f fwmark          fwmark is an integer greater than zero

Options:
  --ipv6         -6                   fwmark entry uses IPv6
  --scheduler    -s scheduler         one of rr|wrr|lc|wlc|lblc|lblcr|dh|sh|sed|nq|fo|ovf|mh,
                                      the default scheduler is wlc.
  --pe            engine              alternate persistence engine may be sip,
                                      not set by default.
  --persistent   -p [timeout]         persistent service
  --netmask      -M netmask           persistent granularity mask
  --real-server  -r server-address    server-address is host (and port)
  --gatewaying   -g                   gatewaying (direct routing) (default)
  --ipip         -i                   ipip encapsulation (tunneling)
  --masquerading -m                   masquerading (NAT)
  --tun-type      type                one of ipip|gue|gre,
                                      the default tunnel type is ipip.
  --tun-port      port                tunnel destination port
  --tun-nocsum                        tunnel encapsulation without checksum
  --tun-csum                          tunnel encapsulation with checksum
  --tun-remcsum                       tunnel encapsulation with remote checksum
  --weight       -w weight            capacity of real server
  --u-threshold  -x uthreshold        upper threshold of connections
  --l-threshold  -y lthreshold        lower threshold of connections
  --connection   -c                   output of current IPVS connections
  --timeout                           output of timeout (tcp tcpfin udp)
  --daemon                            output of daemon information
  --stats                             output of statistics information
  --rate                              output of rate information
  --exact                             expand numbers (display exact values)
  --thresholds                        output of thresholds information
  --persistent-conn                   output of persistent connection info
  --tun-info                          output of tunnel information
  --nosort                            disable sorting output of service/server entries
  --sort                              does nothing, for backwards compatibility
  --ops          -o                   one-packet scheduling
  --numeric      -n                   numeric output of addresses and ports
  --sched-flags  -b flags             scheduler flags (comma-separated)
Daemon Options:
  --syncid sid                        syncid for connection sync (default=255)
  --sync-maxlen length                Max sync message length (default=1472)
  --mcast-interface interface         multicast interface for connection sync
  --mcast-group address               IPv4/IPv6 group (default=224.0.0.81)
  --mcast-port port                   UDP port (default=8848)
  --mcast-ttl ttl                     Multicast TTL (default=1)
`
}
