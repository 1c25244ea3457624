// tcpdump 4.99 on a host's interface: live lines as frames cross it, in tcpdump's format (relative
// TCP sequence numbers after the handshake, Linux 5.14's TCP options, names from /etc/hosts and
// /etc/services unless -n), -i/-n/-nn/-e/-c/-v and a filter expression; Ctrl-C or -c ends it with
// the three counter lines (rhel9-network.md §5). Needs the tcpdump package.

import { formatIp, type Ip } from '../../../net/addr.ts'
import { ICMP, ipLength, type EthernetFrame, type Ipv4Packet } from '../../../net/packet.ts'
import { tcpFlagString } from '../../../net/format.ts'
import { Names } from '../../../host/names.ts'
import { Interrupt, Signal, wait, type Proc } from '../../../sim/task.ts'
import type { CommandContext, CommandDef } from '../types.ts'
import { compileFilter } from './filter.ts'

interface Opts {
  iface?: string
  numeric: boolean
  link: boolean
  count: number
  filter: string[]
}

function parse(argv: string[]): Opts | string {
  const o: Opts = { numeric: false, link: false, count: Infinity, filter: [] }
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]
    if (a === '-i') o.iface = argv[++i]
    else if (a.startsWith('-i') && a.length > 2) o.iface = a.slice(2)
    else if (a === '-c') o.count = Number(argv[++i])
    else if (/^-[nevlSq]+$/.test(a)) {
      if (a.includes('n')) o.numeric = true
      if (a.includes('e')) o.link = true
    } else if (a.startsWith('-')) return `tcpdump: invalid option -- '${a.slice(1, 2)}'`
    else o.filter.push(a)
  }
  return o
}

function clock(epochSeconds: number, us: number): string {
  const d = new Date((epochSeconds + 8 * 3600) * 1000)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${String(us % 1_000_000).padStart(6, '0')}`
}

class Printer {
  /** Initial sequence number of each direction, from its SYN or SYN/ACK (tcpdump's relative numbers). */
  private isn = new Map<string, number>()

  constructor(
    private readonly ctx: CommandContext,
    private readonly o: Opts,
    private readonly names: Names,
  ) {}

  private host(ip: Ip): string {
    return this.o.numeric ? formatIp(ip) : (this.names.hostName(ip) ?? formatIp(ip))
  }

  private port(port: number, proto: string): string {
    return this.o.numeric ? String(port) : (this.names.service(port, proto) ?? String(port))
  }

  private ts(now: number, peer: boolean): number {
    return (Math.floor(now / 1000) + (peer ? 1681692777 : 3061525512)) >>> 0
  }

  private tcp(p: Ipv4Packet): string {
    const t = p.payload
    if (t.kind !== 'tcp') return ''
    const key = `${p.src}:${t.sport}>${p.dst}:${t.dport}`
    const rev = `${p.dst}:${t.dport}>${p.src}:${t.sport}`
    const len = ipLength(p) - 20 - (t.flags.syn ? 40 : 32) - (t.toa ? 8 : 0)
    let seq = t.seq
    let ack = t.ack
    if (t.flags.syn) {
      this.isn.set(key, t.seq)
      if (t.flags.ack) this.isn.set(rev, t.ack - 1)
    } else {
      const own = this.isn.get(key)
      const peer = this.isn.get(rev)
      if (own !== undefined) seq = (t.seq - own) >>> 0
      if (peer !== undefined) ack = (t.ack - peer) >>> 0
    }
    const now = this.ctx.engine.now
    const opts = t.flags.syn ? `[mss 1460,sackOK,TS val ${this.ts(now, !!t.flags.ack)} ecr ${t.flags.ack ? this.ts(now, false) : 0},nop,wscale 7]` : `[nop,nop,TS val ${this.ts(now, false)} ecr ${this.ts(now, true)}]`
    let s = `${this.host(p.src)}.${this.port(t.sport, 'tcp')} > ${this.host(p.dst)}.${this.port(t.dport, 'tcp')}: Flags [${tcpFlagString(t)}]`
    if (t.flags.syn || t.flags.fin || t.flags.rst || len > 0) s += `, seq ${seq}${len > 0 ? `:${seq + len}` : ''}`
    if (t.flags.ack) s += `, ack ${ack}`
    s += `, win ${t.window}`
    if (!t.flags.rst) s += `, options ${opts}`
    s += `, length ${len}`
    if (len > 0 && (t.sport === 80 || t.dport === 80 || t.sport === 8080 || t.dport === 8080)) s += /^(GET|HEAD|POST|PUT|DELETE|OPTIONS) |^HTTP\/\d\.\d \d{3}/.test(t.data) ? `: HTTP: ${t.data.split('\r\n')[0]}` : ': HTTP'
    return s
  }

  private ipLine(p: Ipv4Packet): string {
    const l4 = p.payload
    if (l4.kind === 'tcp') return this.tcp(p)
    if (l4.kind === 'udp') return `${this.host(p.src)}.${this.port(l4.sport, 'udp')} > ${this.host(p.dst)}.${this.port(l4.dport, 'udp')}: UDP, length ${ipLength(p) - 28}`
    if (l4.kind === 'ipv4') return `${this.host(p.src)} > ${this.host(p.dst)}: ${this.o.link ? '' : 'IP '}${this.ipLine(l4)}`
    const m = l4
    const len = ipLength(p) - 20
    if (m.type === ICMP.ECHO_REQUEST || m.type === ICMP.ECHO_REPLY) return `${this.host(p.src)} > ${this.host(p.dst)}: ICMP echo ${m.type === ICMP.ECHO_REQUEST ? 'request' : 'reply'}, id ${m.id}, seq ${m.seq}, length ${len}`
    const o = m.original
    const ol4 = o?.payload
    const text: Record<number, string> = {
      [ICMP.PORT_UNREACH]: `${o ? this.host(o.dst) : ''} ${ol4?.kind ?? 'ip'} port ${ol4 && (ol4.kind === 'tcp' || ol4.kind === 'udp') ? this.port(ol4.dport, ol4.kind) : ''} unreachable`,
      [ICMP.HOST_UNREACH]: `host ${o ? this.host(o.dst) : ''} unreachable`,
      [ICMP.NET_UNREACH]: `net ${o ? this.host(o.dst) : ''} unreachable`,
      [ICMP.PROTO_UNREACH]: `${o ? this.host(o.dst) : ''} protocol ${o?.proto} unreachable`,
      [ICMP.ADMIN_PROHIBITED]: `host ${o ? this.host(o.dst) : ''} unreachable - admin prohibited filter`,
    }
    return `${this.host(p.src)} > ${this.host(p.dst)}: ICMP ${m.type === ICMP.TIME_EXCEEDED ? 'time exceeded in-transit' : (text[m.code] ?? 'unreachable')}, length ${len}`
  }

  line(frame: EthernetFrame, prefix: string): string {
    const p = frame.payload
    const mac = (m: string) => (this.o.numeric ? m : m === 'ff:ff:ff:ff:ff:ff' ? 'Broadcast' : `${m} (oui Unknown)`)
    if (p.kind === 'arp') {
      const body = p.op === 'request' ? `Request who-has ${this.host(p.tpa)} tell ${this.host(p.spa)}, length 28` : `Reply ${this.host(p.spa)} is-at ${p.sha}, length 28`
      return this.o.link ? `${prefix}${mac(frame.src)} > ${mac(frame.dst)}, ethertype ARP (0x0806), length 42: ${body}` : `${prefix}ARP, ${body}`
    }
    const body = this.ipLine(p)
    return this.o.link ? `${prefix}${mac(frame.src)} > ${mac(frame.dst)}, ethertype IPv4 (0x0800), length ${14 + ipLength(p)}: ${body}` : `${prefix}IP ${body}`
  }
}

function* run(ctx: CommandContext): Proc<number> {
  const o = parse(ctx.argv)
  if (typeof o === 'string') {
    ctx.err(o + '\n')
    return 1
  }
  const ip = ctx.host.ip
  const any = o.iface === 'any'
  const ifaces = any ? ip.ifaces : [o.iface ? ip.iface(o.iface) : ip.ifaces.find((i) => i.up && i.kind !== 'loopback')].filter((i) => !!i)
  if (!ifaces.length) {
    ctx.err(`tcpdump: ${o.iface}: No such device exists\n(SIOCGIFHWADDR: No such device)\n`)
    return 1
  }
  const names = new Names(ctx.host.fs)
  const filter = compileFilter(o.filter, (n) => names.host(n))
  if (typeof filter === 'string') {
    ctx.err(`tcpdump: ${filter}\n`)
    return 1
  }
  ctx.err(`dropped privs to tcpdump\ntcpdump: verbose output suppressed, use -v[v]... for full protocol decode\nlistening on ${any ? 'any' : ifaces[0]!.name}, link-type ${any ? 'LINUX_SLL2 (Linux cooked v2)' : ifaces[0]!.kind === 'ipip' ? 'RAW (Raw IP)' : 'EN10MB (Ethernet)'}, snapshot length 262144 bytes\n`)
  const printer = new Printer(ctx, o, names)
  let captured = 0
  let seen = 0
  let done = new Signal<void>()
  const tap = (name: string) => (dir: 'In' | 'Out', frame: EthernetFrame) => {
    seen++
    if (captured >= o.count || !filter(frame)) return
    captured++
    const prefix = `${clock(ctx.host.wall(), ctx.engine.now)} ${any ? `${name.padEnd(5)} ${(frame.dst === 'ff:ff:ff:ff:ff:ff' ? 'B' : dir).padEnd(3)} ` : ''}`
    ctx.out(printer.line(frame, prefix) + '\n')
    if (captured >= o.count) done.fire()
  }
  const taps = ifaces.map((i) => [i!, tap(i!.name)] as const)
  for (const [i, t] of taps) i.taps.add(t)
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`
  try {
    if (o.count === Infinity) done = new Signal<void>()
    yield* wait(done)
  } catch (e) {
    if (!(e instanceof Interrupt)) throw e
  } finally {
    for (const [i, t] of taps) i.taps.delete(t)
  }
  ctx.err(`${plural(captured, 'packet')} captured\n${plural(Math.max(seen, captured), 'packet')} received by filter\n0 packets dropped by kernel\n`)
  return 0
}

export const tcpdump: CommandDef = {
  name: 'tcpdump',
  path: '/usr/sbin/tcpdump',
  summary: 'dump traffic on a network',
  pkg: 'tcpdump',
  completions: ['-i', '-n', '-nn', '-e', '-c', 'host', 'port', 'tcp', 'udp', 'icmp', 'arp', 'and', 'or', 'not'],
  run,
}
