// ss (iproute2 6.2) for TCP: -t -l -a -n -p -s -H -4 -6 and `state`/`exclude` filters, with the
// column layout of misc/ss.c: every column as wide as its widest cell, compact when piped,
// spread to the terminal width on a tty (rhel9-network.md §6.1); Netid shown when more than one
// socket table is asked for, State hidden when one state is. Sockets come from host/socktab.ts.
// Measured against iproute2 6.1 in network namespaces (tests/fixtures/netns).

import { formatIp } from '../../../net/addr.ts'
import { Names } from '../../../host/names.ts'
import { tcpSockets, type SockEntry } from '../../../host/socktab.ts'
import type { TcpState } from '../../../host/tcp.ts'
import { table } from '../../../sim/table.ts'
import { defineArgs, parseArgs } from '../../args/index.ts'
import type { CommandContext, CommandDef } from '../types.ts'

const STATE: Record<TcpState | 'LISTEN', string> = { SYN_SENT: 'SYN-SENT', SYN_RECV: 'SYN-RECV', ESTABLISHED: 'ESTAB', FIN_WAIT1: 'FIN-WAIT-1', FIN_WAIT2: 'FIN-WAIT-2', CLOSING: 'CLOSING', TIME_WAIT: 'TIME-WAIT', CLOSE_WAIT: 'CLOSE-WAIT', LAST_ACK: 'LAST-ACK', CLOSED: 'UNCONN', LISTEN: 'LISTEN' }

/** The state filter words (ss.c sstate_namel and the groups of its usage). */
const STATE_WORDS = table<(TcpState | 'LISTEN')[]>({
  established: ['ESTABLISHED'],
  'syn-sent': ['SYN_SENT'],
  'syn-recv': ['SYN_RECV'],
  'fin-wait-1': ['FIN_WAIT1'],
  'fin-wait-2': ['FIN_WAIT2'],
  'time-wait': ['TIME_WAIT'],
  closed: ['CLOSED'],
  'close-wait': ['CLOSE_WAIT'],
  'last-ack': ['LAST_ACK'],
  listening: ['LISTEN'],
  closing: ['CLOSING'],
  all: ['ESTABLISHED', 'SYN_SENT', 'SYN_RECV', 'FIN_WAIT1', 'FIN_WAIT2', 'TIME_WAIT', 'CLOSED', 'CLOSE_WAIT', 'LAST_ACK', 'LISTEN', 'CLOSING'],
  connected: ['ESTABLISHED', 'SYN_SENT', 'SYN_RECV', 'FIN_WAIT1', 'FIN_WAIT2', 'TIME_WAIT', 'CLOSE_WAIT', 'LAST_ACK', 'CLOSING'],
  synchronized: ['ESTABLISHED', 'SYN_RECV', 'FIN_WAIT1', 'FIN_WAIT2', 'TIME_WAIT', 'CLOSE_WAIT', 'LAST_ACK', 'CLOSING'],
  bucket: ['SYN_RECV', 'TIME_WAIT'],
  big: ['ESTABLISHED', 'SYN_SENT', 'FIN_WAIT1', 'FIN_WAIT2', 'CLOSED', 'CLOSE_WAIT', 'LAST_ACK', 'LISTEN', 'CLOSING'],
})

const USAGE = `Usage: ss [ OPTIONS ]
       ss [ OPTIONS ] [ FILTER ]
   -h, --help          this message
   -V, --version       output version information
   -n, --numeric       don't resolve service names
   -r, --resolve       resolve host names
   -a, --all           display all sockets
   -l, --listening     display listening sockets
   -o, --options       show timer information
   -e, --extended      show detailed socket information
   -m, --memory        show socket memory usage
   -p, --processes     show process using socket
   -T, --threads       show thread using socket
   -i, --info          show internal TCP information
       --tipcinfo      show internal tipc socket information
   -s, --summary       show socket usage summary
       --tos           show tos and priority information
       --cgroup        show cgroup information
   -b, --bpf           show bpf filter socket information
   -E, --events        continually display sockets as they are destroyed
   -Z, --context       display task SELinux security contexts
   -z, --contexts      display task and socket SELinux security contexts
   -N, --net           switch to the specified network namespace name

   -4, --ipv4          display only IP version 4 sockets
   -6, --ipv6          display only IP version 6 sockets
   -0, --packet        display PACKET sockets
   -t, --tcp           display only TCP sockets
   -M, --mptcp         display only MPTCP sockets
   -S, --sctp          display only SCTP sockets
   -u, --udp           display only UDP sockets
   -d, --dccp          display only DCCP sockets
   -w, --raw           display only RAW sockets
   -x, --unix          display only Unix domain sockets
       --tipc          display only TIPC sockets
       --vsock         display only vsock sockets
       --xdp           display only XDP sockets
   -f, --family=FAMILY display sockets of type FAMILY
       FAMILY := {inet|inet6|link|unix|netlink|vsock|tipc|xdp|help}

   -K, --kill          forcibly close sockets, display what was closed
   -H, --no-header     Suppress header line
   -O, --oneline       socket's data printed on a single line
       --inet-sockopt  show various inet socket options

   -A, --query=QUERY, --socket=QUERY
       QUERY := {all|inet|tcp|mptcp|udp|raw|unix|unix_dgram|unix_stream|unix_seqpacket|packet|packet_raw|packet_dgram|netlink|dccp|sctp|vsock_stream|vsock_dgram|tipc|xdp}[,QUERY]

   -D, --diag=FILE     Dump raw information about TCP sockets to FILE
   -F, --filter=FILE   read filter information from FILE
       FILTER := [ state STATE-FILTER ] [ EXPRESSION ]
       STATE-FILTER := {all|connected|synchronized|bucket|big|TCP-STATES}
         TCP-STATES := {established|syn-sent|syn-recv|fin-wait-{1,2}|time-wait|closed|close-wait|last-ack|listening|closing}
          connected := {established|syn-sent|syn-recv|fin-wait-{1,2}|time-wait|close-wait|last-ack|closing}
       synchronized := {established|syn-recv|fin-wait-{1,2}|time-wait|close-wait|last-ack|closing}
             bucket := {syn-recv|time-wait}
                big := {established|syn-sent|fin-wait-{1,2}|closed|close-wait|last-ack|listening|closing}
`

const no = { unsimulated: true } as const
const ARGS = defineArgs({
  usageStatus: 255,
  tryHelp: () => USAGE,
  options: {
    help: { short: 'h', long: 'help' },
    version: { short: 'V', long: 'version' },
    numeric: { short: 'n', long: 'numeric' },
    resolve: { short: 'r', long: 'resolve', ...no },
    all: { short: 'a', long: 'all' },
    listening: { short: 'l', long: 'listening' },
    options: { short: 'o', long: 'options', ...no },
    extended: { short: 'e', long: 'extended', ...no },
    memory: { short: 'm', long: 'memory', ...no },
    processes: { short: 'p', long: 'processes' },
    threads: { short: 'T', long: 'threads', ...no },
    info: { short: 'i', long: 'info', ...no },
    tipcinfo: { long: 'tipcinfo', ...no },
    summary: { short: 's', long: 'summary' },
    tos: { long: 'tos', ...no },
    cgroup: { long: 'cgroup', ...no },
    bpf: { short: 'b', long: 'bpf', ...no },
    events: { short: 'E', long: 'events', ...no },
    context: { short: 'Z', long: 'context', ...no },
    contexts: { short: 'z', long: 'contexts', ...no },
    net: { short: 'N', long: 'net', arg: 'required', ...no },
    ipv4: { short: '4', long: 'ipv4' },
    ipv6: { short: '6', long: 'ipv6' },
    packet: { short: '0', long: 'packet', ...no },
    tcp: { short: 't', long: 'tcp' },
    mptcp: { short: 'M', long: 'mptcp', ...no },
    sctp: { short: 'S', long: 'sctp', ...no },
    udp: { short: 'u', long: 'udp', ...no },
    dccp: { short: 'd', long: 'dccp', ...no },
    raw: { short: 'w', long: 'raw', ...no },
    unix: { short: 'x', long: 'unix', ...no },
    tipc: { long: 'tipc', ...no },
    vsock: { long: 'vsock', ...no },
    xdp: { long: 'xdp', ...no },
    family: { short: 'f', long: 'family', arg: 'required', ...no },
    kill: { short: 'K', long: 'kill', ...no },
    noHeader: { short: 'H', long: 'no-header' },
    oneline: { short: 'O', long: 'oneline', ...no },
    inetSockopt: { long: 'inet-sockopt', ...no },
    query: { short: 'A', long: ['query', 'socket'], arg: 'required', ...no },
    diag: { short: 'D', long: 'diag', arg: 'required', ...no },
    filter: { short: 'F', long: 'filter', arg: 'required', ...no },
  },
})

/** `state X` / `exclude X` words; anything else in the filter is not modelled. */
function stateFilter(ctx: CommandContext, words: string[]): Set<TcpState | 'LISTEN'> | null | number {
  if (!words.length) return null
  const set = new Set<TcpState | 'LISTEN'>()
  for (let k = 0; k < words.length; k += 2) {
    const [kw, name] = [words[k], words[k + 1]]
    const states = name === undefined ? undefined : STATE_WORDS[name.toLowerCase()]
    if ((kw !== 'state' && kw !== 'exclude' && kw !== 'excl') || !states) {
      ctx.err(kw === 'state' || kw === 'exclude' ? `ss: wrong state name: ${name ?? ''}\n` : `ss: filter expressions other than "state" are not simulated in LVS Lab\n`)
      return kw === 'state' || kw === 'exclude' ? 255 : 1
    }
    // An exclude first starts from every state, as ss's default mask does.
    if (kw !== 'state' && !set.size && k === 0) for (const s of STATE_WORDS.all) set.add(s)
    for (const s of states) kw === 'state' ? set.add(s) : set.delete(s)
  }
  return set
}

function run(ctx: CommandContext): number {
  const a = parseArgs(ctx, ARGS)
  if (typeof a === 'number') return a
  const o = a.opts
  if (o.help) {
    ctx.out(USAGE)
    return 0
  }
  if (o.version) {
    ctx.out('ss utility, iproute2-6.2.0\n')
    return 0
  }
  const socks = tcpSockets(ctx.host)
  if (o.summary) {
    ctx.out(summary(socks))
    return 0
  }
  const filter = stateFilter(ctx, a.operands)
  if (typeof filter === 'number') return filter
  // ss's default: the connected states; -l listening (and unconnected) ones; -a every one.
  const wanted = filter ?? new Set<TcpState | 'LISTEN'>(o.all ? STATE_WORDS.all : o.listening ? ['LISTEN', 'CLOSED'] : STATE_WORDS.connected)
  const names = new Names(ctx.host.fs)
  const port = (p: number) => (p === 0 ? '*' : o.numeric ? String(p) : (names.service(p, 'tcp') ?? String(p)))
  const rows = socks.filter((s) => wanted.has(s.state) && !(s.state === 'SYN_RECV' && filter === null && !o.all) && (!o.ipv4 || s.family === 4) && (!o.ipv6 || s.family === 6))
  const showNetid = !o.tcp
  const showState = wanted.size > 1
  const header = ['Netid', 'State', 'Recv-Q', 'Send-Q', 'Local Address:', 'Port', 'Peer Address:', 'Port', 'Process']
  // The queue cells are printed "%-6d" before the column pads them.
  const queue = (n: number) => String(n).padEnd(6)
  const table = rows.map((s) => ['tcp', STATE[s.state], queue(0), queue(s.state === 'LISTEN' ? s.backlog : 0), `${address(s, s.local)}:`, port(s.localPort), `${address(s, s.remote)}:`, s.state === 'LISTEN' ? '*' : port(s.remotePort), o.processes && s.users.length ? ` users:(${s.users.map((u) => `("${u.comm}",pid=${u.pid},fd=${u.fd})`).join(',')})` : ''])
  const shown = [showNetid, showState, true, true, true, true, true, true, true]
  const delim = [0, 1, 1, 1, 1, 0, 1, 0, 0]
  const right = [false, false, false, false, true, false, true, false, false]
  const cols = header.map((_, i) => i).filter((i) => shown[i])
  // The first visible column has no delimiter before it.
  const lead = (i: number) => (i === cols[0] ? 0 : delim[i])
  // Without the header (-H) its words do not count towards the widths.
  const w = new Map(cols.map((i) => [i, Math.max(o.noHeader ? 0 : header[i].length, ...table.map((r) => r[i].length)) + lead(i)]))
  if (ctx.tty && ctx.term) {
    const spare = ctx.term.cols - [...w.values()].reduce((x, y) => x + y, 0)
    if (spare > 0) {
      const each = Math.floor(spare / cols.length)
      let extra = spare - each * cols.length
      for (const i of [...cols].reverse()) {
        w.set(i, w.get(i)! + each + (extra > 0 ? 1 : 0))
        if (extra > 0) extra--
      }
    }
  }
  const render = (cells: string[]) =>
    cols
      .map((i) => {
        const width = w.get(i)! - lead(i)
        return (lead(i) ? ' ' : '') + (right[i] ? cells[i].padStart(width) : cells[i].padEnd(width))
      })
      .join('') + '\n'
  if (!o.noHeader) ctx.out(render(header))
  for (const r of table) ctx.out(render(r))
  return 0
}

/** ss's address cell: `*` or `0.0.0.0`/`[::]` for a wildcard, IPv4-mapped in brackets on AF_INET6. */
function address(s: SockEntry, ip: number | null): string {
  if (ip === null) return s.family === 4 ? '0.0.0.0' : s.v6only ? '[::]' : '*'
  return s.family === 6 ? `[::ffff:${formatIp(ip)}]` : formatIp(ip)
}

/**
 * `ss -s` (print_summary): the socket count, the TCP line from /proc/net/sockstat and snmp (every
 * socket here is hashed, so none is counted closed), and the transport table, `%-9d` columns.
 * The lab models only TCP sockets, so RAW, UDP and FRAG are 0 and the total is the TCP sockets
 * (a RHEL 9 host also counts its daemons' unix sockets there).
 */
function summary(socks: SockEntry[]): string {
  const tw = socks.filter((s) => s.state === 'TIME_WAIT').length
  const live = socks.filter((s) => s.state !== 'TIME_WAIT' && s.state !== 'CLOSED')
  const v4 = live.filter((s) => s.family === 4).length
  const v6 = live.length - v4
  const estab = socks.filter((s) => s.state === 'ESTABLISHED').length
  const row = (name: string, total: number, ip: number, ip6: number) => `${name}\t  ${String(total).padEnd(9)} ${String(ip).padEnd(9)} ${String(ip6).padEnd(9)}\n`
  return (
    `Total: ${live.length}\n` +
    `TCP:   ${live.length} (estab ${estab}, closed 0, orphaned 0, timewait ${tw})\n\n` +
    'Transport Total     IP        IPv6\n' +
    row('RAW', 0, 0, 0) +
    row('UDP', 0, 0, 0) +
    row('TCP', live.length, v4, v6) +
    row('INET', live.length, v4, v6) +
    row('FRAG', 0, 0, 0) +
    '\n'
  )
}

export const ss: CommandDef = {
  name: 'ss',
  path: '/usr/sbin/ss',
  summary: 'another utility to investigate sockets',
  completions: ['-t', '-n', '-l', '-a', '-p', '-s', '-tn', '-tln', '-tan', '-tlnp', 'state', 'established', 'listening', 'time-wait'],
  run,
}
