// netstat (net-tools 2.0): sockets (-t -u, -l listening, -a all, -n numeric, -p PID/Program name,
// -W wide), the routing table (-r, as rprint_fib with the MSS/Window/irtt columns unless -e) and
// the interface table (-i). Rows follow tcp_do_one/udp_do_one: "%-4s  %6ld %6ld %-23s %-23s %-11s"
// and " %-20s" for the program; an address:port longer than 22 is cut unless -W. httpd listens on
// the IPv6 wildcard (tcp6 :::80) as Apache does with Listen 80; sshd on both families.

import { formatIp, type Ip } from '../../../net/addr.ts'
import { Names } from '../../../host/names.ts'
import type { TcpState } from '../../../host/tcp.ts'
import { defineArgs, parseArgs } from '../../args/index.ts'
import { SHORT_HEADER, brief } from '../ifconfig/index.ts'
import { entries, routeTable } from '../net-tools.ts'
import type { CommandContext, CommandDef } from '../types.ts'

const USAGE = `usage: netstat [-vWeenNcCF] [<Af>] -r         netstat {-V|--version|-h|--help}
       netstat [-vWnNcaeol] [<Socket> ...]
       netstat { [-vWeenNac] -i | [-cnNe] -M | -s [-6tuw] }

        -r, --route              display routing table
        -i, --interfaces         display interface table
        -g, --groups             display multicast group memberships
        -s, --statistics         display networking statistics (like SNMP)
        -M, --masquerade         display masqueraded connections

        -v, --verbose            be verbose
        -W, --wide               don't truncate IP addresses
        -n, --numeric            don't resolve names
        --numeric-hosts          don't resolve host names
        --numeric-ports          don't resolve port names
        --numeric-users          don't resolve user names
        -N, --symbolic           resolve hardware names
        -e, --extend             display other/more information
        -p, --programs           display PID/Program name for sockets
        -o, --timers             display timers
        -c, --continuous         continuous listing

        -l, --listening          display listening server sockets
        -a, --all                display all sockets (default: connected)
        -F, --fib                display Forwarding Information Base (default)
        -C, --cache              display routing cache instead of FIB
        -Z, --context            display SELinux security context for sockets

  <Socket>={-t|--tcp} {-u|--udp} {-U|--udplite} {-w|--raw} {-x|--unix}
           --ax25 --ipx --netrom
  <AF>=Use '-6|-4' or '-A <af>' or '--<af>'; default: inet
  List of possible address families (which support routing):
    inet (DARPA Internet) inet6 (IPv6) ax25 (AMPR AX.25) 
    netrom (AMPR NET/ROM) ipx (Novell IPX) ddp (Appletalk DDP) 
    x25 (CCITT X.25) 
`

const ARGS = defineArgs({
  usageStatus: 4,
  tryHelp: () => USAGE,
  options: {
    route: { short: 'r', long: 'route' },
    interfaces: { short: 'i', long: 'interfaces' },
    statistics: { short: 's', long: 'statistics' },
    tcp: { short: 't', long: 'tcp' },
    udp: { short: 'u', long: 'udp' },
    raw: { short: 'w', long: 'raw' },
    unix: { short: 'x', long: 'unix' },
    listening: { short: 'l', long: 'listening' },
    all: { short: 'a', long: 'all' },
    numeric: { short: 'n', long: 'numeric' },
    programs: { short: 'p', long: 'programs' },
    wide: { short: 'W', long: 'wide' },
    extend: { short: 'e', long: 'extend' },
    verbose: { short: 'v', long: 'verbose' },
    continuous: { short: 'c', long: 'continuous' },
    inet: { short: '4', long: 'inet' },
    help: { short: 'h', long: 'help' },
    question: { short: '?' },
    version: { short: 'V', long: 'version' },
  },
})

const STATE: Record<TcpState, string> = {
  SYN_SENT: 'SYN_SENT', SYN_RECV: 'SYN_RECV', ESTABLISHED: 'ESTABLISHED', FIN_WAIT1: 'FIN_WAIT1', FIN_WAIT2: 'FIN_WAIT2', CLOSING: 'CLOSING',
  TIME_WAIT: 'TIME_WAIT', CLOSE_WAIT: 'CLOSE_WAIT', LAST_ACK: 'LAST_ACK', CLOSED: 'CLOSE',
}

interface Row {
  proto: 'tcp' | 'tcp6' | 'udp' | 'udp6'
  local: [string, number]
  remote: [string, number]
  state: string
  prog: string
}

function sockets(ctx: CommandContext, o: { tcp: boolean; udp: boolean; listening: boolean; all: boolean; numeric: boolean; programs: boolean; wide: boolean }): string {
  const names = new Names(ctx.host.fs)
  const host = (ip: string, v6: boolean): string => {
    if (ip === '0.0.0.0' || ip === '::') return o.numeric ? (v6 ? '::' : '0.0.0.0') : v6 ? '[::]' : '0.0.0.0'
    if (o.numeric) return ip
    const n = ip.includes(':') ? null : names.hostName(ipOf(ip))
    return n ?? ip
  }
  const service = (port: number, proto: string) => (port === 0 ? '*' : o.numeric ? String(port) : (names.service(port, proto) ?? String(port)))
  const addr = ([ip, port]: [string, number], proto: string, v6: boolean): string => {
    const h = host(ip, v6)
    const s = service(port, proto)
    if (!o.wide && h.length + s.length > 22) {
      const portLen = Math.min(s.length, 22 - 4)
      return h.slice(0, 22 - portLen) + ':' + s.slice(0, portLen)
    }
    return `${h}:${s}`
  }
  const systemd = ctx.host.systemd
  const pidOf = (unit: string) => (systemd.isActive(unit) ? systemd.states.get(unit)!.mainPid : 0)
  const rows: Row[] = []
  const wantListen = o.listening || o.all
  const wantConnected = !o.listening || o.all
  if (o.tcp && wantListen) {
    const sshd = pidOf('sshd')
    if (sshd) rows.push({ proto: 'tcp', local: ['0.0.0.0', 22], remote: ['0.0.0.0', 0], state: 'LISTEN', prog: `${sshd}/sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups` })
    const httpd = pidOf('httpd')
    for (const port of ctx.host.tcp.listening()) {
      if (httpd && (port === 80 || port === 443)) rows.push({ proto: 'tcp6', local: ['::', port], remote: ['::', 0], state: 'LISTEN', prog: `${httpd}/httpd` })
      else rows.push({ proto: 'tcp', local: ['0.0.0.0', port], remote: ['0.0.0.0', 0], state: 'LISTEN', prog: '-' })
    }
    if (sshd) rows.push({ proto: 'tcp6', local: ['::', 22], remote: ['::', 0], state: 'LISTEN', prog: `${sshd}/sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups` })
  }
  if (o.tcp && wantConnected) {
    const httpd = pidOf('httpd')
    for (const s of ctx.host.tcp.connections()) {
      if (s.state === 'CLOSED') continue
      const served = httpd && (s.localPort === 80 || s.localPort === 443)
      // Apache's socket is IPv6, so its IPv4 peers show as v4-mapped addresses.
      const mapped = served ? '::ffff:' : ''
      rows.push({ proto: served ? 'tcp6' : 'tcp', local: [mapped + formatIp(s.localIp), s.localPort], remote: [mapped + formatIp(s.remoteIp), s.remotePort], state: STATE[s.state], prog: served ? `${httpd + 1}/httpd` : '-' })
    }
  }
  if (o.udp) {
    for (const s of ctx.host.udp.bound()) {
      const connected = s.remote !== null
      if (connected ? !wantConnected : !wantListen) continue
      rows.push({ proto: 'udp', local: [formatIp(s.localIp), s.localPort], remote: connected ? [formatIp(s.remote!.ip), s.remote!.port] : ['0.0.0.0', 0], state: connected ? 'ESTABLISHED' : '', prog: '-' })
    }
  }
  let out = `Active Internet connections ${o.all ? '(servers and established)' : o.listening ? '(only servers)' : '(w/o servers)'}\n`
  out += 'Proto Recv-Q Send-Q Local Address           Foreign Address         State      ' + (o.programs ? ` ${'PID/Program name'.padEnd(20)}` : '') + '\n'
  for (const r of rows) {
    const proto = r.proto.startsWith('tcp') ? 'tcp' : 'udp'
    const v6 = r.proto.endsWith('6')
    const l = addr(r.local, proto, v6)
    const f = addr(r.remote, proto, v6)
    const head = proto === 'tcp' ? `${r.proto.padEnd(4)}  ${'0'.padStart(6)} ${'0'.padStart(6)}` : `${r.proto.padEnd(5)} ${'0'.padStart(6)} ${'0'.padStart(6)}`
    out += `${head} ${l.padEnd(23)} ${f.padEnd(23)} ${r.state.padEnd(11)}` + (o.programs ? ` ${r.prog.slice(0, 19).padEnd(20)}` : '') + '\n'
  }
  return out
}

function ipOf(text: string): Ip {
  return text.split('.').reduce((a, b) => a * 256 + Number(b), 0)
}

function run(ctx: CommandContext): number {
  const a = parseArgs(ctx, ARGS)
  if (typeof a === 'number') return a
  const o = a.opts
  if (o.help || o.question) {
    ctx.err(USAGE)
    return 4
  }
  if (o.version) {
    ctx.out('net-tools 2.10-alpha\n')
    return 5
  }
  if ([o.route, o.interfaces, o.statistics].filter(Boolean).length > 1) {
    ctx.err(USAGE)
    return 4
  }
  if (o.statistics || o.continuous || o.raw || o.unix) {
    ctx.err(`netstat: ${o.statistics ? '-s (the SNMP counters)' : o.continuous ? '-c' : o.raw ? '-w (raw sockets)' : '-x (UNIX sockets)'} is not modelled in this lab\n`)
    return 1
  }
  if (o.route) {
    // netstat swaps 1 and 2 of -e's count for the table: plain -r shows the MSS/Window/irtt layout.
    const e = 1 + a.count('extend')
    ctx.out(routeTable(ctx, o.numeric, e === 1 ? 2 : e === 2 ? 1 : 3))
    return 0
  }
  if (o.interfaces) {
    ctx.out('Kernel Interface table\n' + SHORT_HEADER)
    for (const e of entries(ctx.host.ip)) if (o.all || e.iface.up) ctx.out(brief(e))
    return 0
  }
  const either = !o.tcp && !o.udp
  ctx.out(sockets(ctx, { tcp: o.tcp || either, udp: o.udp || either, listening: o.listening, all: o.all, numeric: o.numeric, programs: o.programs, wide: o.wide }))
  if (either) ctx.out(`Active UNIX domain sockets ${o.all ? '(servers and established)' : o.listening ? '(only servers)' : '(w/o servers)'}\nProto RefCnt Flags       Type       State         I-Node  ${o.programs ? ` ${'PID/Program name'.padEnd(20)}` : ''} Path\n`)
  return 0
}

export const netstat: CommandDef = { name: 'netstat', path: '/usr/bin/netstat', summary: 'print network connections, routing tables, interface statistics', pkg: 'net-tools', args: ARGS, run }
