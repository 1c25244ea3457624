// tcpdump 4.99 on a host: live capture on an interface or `any` (Linux's link types: EN10MB for
// ether and lo, RAW for tunl0, cooked LINUX_SLL for gre0, LINUX_SLL2 for any), `-w FILE` writing
// a libpcap savefile into the host's file system, `-r FILE` reading one back, `-D`, and the
// printing options -n -e -v -q -S -t -x -X -A -#. Every packet is emitted to octets (net/wire.ts)
// and printed from them (print.ts), so the live lines are what `-r` of the same capture prints.
// Ctrl-C or -c ends a capture with the three counter lines (rhel9-network.md §5).

import type { EthernetFrame, Ipv4Packet } from '../../../net/packet.ts'
import { ARPHRD, bytesToFileText, concat, fileTextToBytes, LINKTYPE, macBytes, pcapHeader, pcapRecord, pcapTime, PKTTYPE, readPcap, sll, sll2, SNAPLEN } from '../../../net/pcap.ts'
import { emitFrame, emitIpv4, ETHERTYPE_IPV4, ETHERTYPE_ARP, type WireClock } from '../../../net/wire.ts'
import { EPOCH_SECONDS, TZ_OFFSET } from '../../../host/clock.ts'
import type { Iface } from '../../../host/iface.ts'
import { Names } from '../../../host/names.ts'
import { Interrupt, Signal, wait, type Proc } from '../../../sim/task.ts'
import { FS_ERROR_TEXT, type FsFail } from '../../../host/fs.ts'
import { abs, readInput } from '../files.ts'
import type { CommandContext, CommandDef } from '../types.ts'
import { compileFilter, headers } from './filter.ts'
import { PacketPrinter, type PrintOptions } from './print.ts'

/** RHEL 9's build (tcpdump-4.99.0-9.el9, libpcap-1.10.0-4.el9); pinned by hand, Debian has 4.99.3. */
const VERSION = 'tcpdump version 4.99.0\nlibpcap version 1.10.0 (with TPACKET_V3)\nOpenSSL 3.0.7 1 Nov 2022\n'
const USAGE = `Usage: tcpdump [-AbdDefhHIJKlLnNOpqStuUvxX#] [ -B size ] [ -c count ] [--count]
\t\t[ -C file_size ] [ -E algo:secret ] [ -F file ] [ -G seconds ]
\t\t[ -i interface ] [ --immediate-mode ] [ -j tstamptype ]
\t\t[ -M secret ] [ --number ] [ --print ] [ -Q in|out|inout ]
\t\t[ -r file ] [ -s snaplen ] [ -T type ] [ --version ]
\t\t[ -V file ] [ -w file ] [ -W filecount ] [ -y datalinktype ]
\t\t[ --time-stamp-precision precision ] [ --micro ] [ --nano ]
\t\t[ -z postrotate-command ] [ -Z user ] [ expression ]
`
/** Flags that take no argument, and options whose argument the lab accepts and ignores. */
const FLAGS = 'AbdDefhHIJKlLnNOpqStuUvxX#'
const WITH_ARG = 'BcCEFGijMQrsTVwWyzZ'

const LINK_NAMES: Record<number, string> = {
  [LINKTYPE.EN10MB]: 'EN10MB (Ethernet)',
  [LINKTYPE.RAW]: 'RAW (Raw IP)',
  [LINKTYPE.LINUX_SLL]: 'LINUX_SLL (Linux cooked v1)',
  [LINKTYPE.LINUX_SLL2]: 'LINUX_SLL2 (Linux cooked v2)',
}

interface Opts {
  iface?: string
  read?: string
  write?: string
  count: number
  snaplen: number
  list: boolean
  flags: Map<string, number>
  filter: string[]
  number: boolean
  print: boolean
}

function parse(argv: string[]): Opts | { error: string; usage: boolean } | 'version' | 'help' {
  const o: Opts = { count: Infinity, snaplen: SNAPLEN, list: false, flags: new Map(), filter: [], number: false, print: false }
  const option = (c: string, value: string): string | null => {
    if (c === 'i') o.iface = value
    else if (c === 'r') o.read = value
    else if (c === 'w') o.write = value
    else if (c === 'c') {
      if (!/^\d+$/.test(value) || Number(value) === 0) return `invalid packet count ${value}`
      o.count = Number(value)
    } else if (c === 's') {
      if (!/^\d+$/.test(value)) return `invalid snaplen ${value}`
      o.snaplen = Number(value) === 0 || Number(value) > SNAPLEN ? SNAPLEN : Number(value)
    }
    return null
  }
  let i = 1
  for (; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--') {
      i++
      break
    }
    if (a === '--version') return 'version'
    if (a === '--help') return 'help'
    if (a === '--number') {
      o.number = true
      continue
    }
    if (a === '--print') {
      o.print = true
      continue
    }
    if (a === '--count') {
      o.flags.set('count', 1)
      continue
    }
    if (a.startsWith('--')) return { error: `unrecognized option '${a}'`, usage: true }
    if (!a.startsWith('-') || a === '-') {
      o.filter.push(a)
      continue
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j]
      if (FLAGS.includes(c)) {
        o.flags.set(c, (o.flags.get(c) ?? 0) + 1)
        continue
      }
      if (WITH_ARG.includes(c)) {
        const value = j + 1 < a.length ? a.slice(j + 1) : argv[++i]
        if (value === undefined) return { error: `option requires an argument -- '${c}'`, usage: true }
        const bad = option(c, value)
        if (bad) return { error: bad, usage: false }
        break
      }
      return { error: `invalid option -- '${c}'`, usage: true }
    }
  }
  o.filter.push(...argv.slice(i))
  if (o.flags.has('h')) return 'help'
  if (o.flags.has('#')) o.number = true
  o.list = o.flags.has('D')
  return o
}

/** Looks each key up once: the name files are read at the first packet, as tcpdump's tables. */
function memo<K, V>(f: (k: K) => V): (k: K) => V {
  const seen = new Map<K, V>()
  return (k) => {
    if (!seen.has(k)) seen.set(k, f(k))
    return seen.get(k)!
  }
}

function printOptions(o: Opts, names: Names, ifName: (index: number) => string | null): PrintOptions {
  const n = (c: string) => o.flags.get(c) ?? 0
  const service = memo((key: string) => names.service(Number(key.slice(4)), key.slice(0, 3)))
  return {
    numeric: n('n') > 0,
    eflag: n('e') > 0,
    vflag: n('v'),
    qflag: n('q') > 0,
    Sflag: n('S') > 0,
    xflag: n('x'),
    Xflag: n('X'),
    Aflag: n('A') > 0,
    tflag: n('t'),
    number: o.number,
    tzOffset: TZ_OFFSET,
    hostName: memo((ip: number) => names.hostName(ip)),
    service: (port, proto) => service(`${proto} ${port}`),
    ifName,
  }
}

/**
 * pcap_findalldevs on Linux: up and running interfaces before down ones, loopback after the
 * others, `any` among the up ones, then libpcap's pseudo-devices (Debian's libpcap 1.10 build).
 */
function devices(ifaces: readonly Iface[]): { name: string; iface: Iface | null; text: string }[] {
  const status = (i: Iface): string => {
    if (!i.up) return '[none]'
    if (i.kind === 'loopback') return '[Up, Running, Loopback]'
    return i.kind === 'ether' ? (i.segment ? '[Up, Running, Connected]' : '[Up, Running, Disconnected]') : '[Up, Running]'
  }
  const up = ifaces.filter((i) => i.up && i.kind !== 'loopback')
  const lo = ifaces.filter((i) => i.up && i.kind === 'loopback')
  const down = ifaces.filter((i) => !i.up)
  const row = (i: Iface) => ({ name: i.name, iface: i, text: `${i.name} ${status(i)}` })
  const pseudo = (name: string, text: string) => ({ name, iface: null, text: `${name} ${text}` })
  return [
    ...up.map(row),
    pseudo('any', '(Pseudo-device that captures on all interfaces) [Up, Running]'),
    ...lo.map(row),
    ...down.map(row),
    pseudo('bluetooth-monitor', '(Bluetooth Linux Monitor) [Wireless]'),
    pseudo('nflog', '(Linux netfilter log (NFLOG) interface) [none]'),
    pseudo('nfqueue', '(Linux netfilter queue (NFQUEUE) interface) [none]'),
    pseudo('dbus-system', '(D-Bus system bus) [none]'),
    pseudo('dbus-session', '(D-Bus session bus) [none]'),
  ]
}

/** The link type Linux capture gives a device (libpcap's map_arphrd_to_dlt). */
function linktypeOf(i: Iface): number {
  if (i.kind === 'ipip') return i.name === 'gre0' ? LINKTYPE.LINUX_SLL : LINKTYPE.RAW
  return LINKTYPE.EN10MB
}

function hatypeOf(i: Iface): number {
  if (i.kind === 'loopback') return ARPHRD.LOOPBACK
  if (i.kind === 'ipip') return i.name === 'gre0' ? ARPHRD.IPGRE : ARPHRD.TUNNEL
  return ARPHRD.ETHER
}

function ipBytes(ip: number): Uint8Array {
  return Uint8Array.of(ip >>> 24, (ip >>> 16) & 255, (ip >>> 8) & 255, ip & 255)
}

/**
 * The octets a packet socket gives for one frame on `iface`, in the capture's link type. A
 * tunnel device's "link address" is the outer source (ip_tunnel_header_ops' parse).
 */
function captured(linktype: number, iface: Iface, dir: 'In' | 'Out', frame: EthernetFrame, clock: WireClock, outer?: Ipv4Packet): Uint8Array {
  if (linktype === LINKTYPE.EN10MB) return emitFrame(frame, clock)
  const payload = frame.payload.kind === 'arp' || iface.kind !== 'ipip' ? emitFrame(frame, clock).subarray(14) : emitIpv4(frame.payload, clock)
  if (linktype === LINKTYPE.RAW) return payload
  const pkttype = dir === 'Out' ? PKTTYPE.OUTGOING : frame.dst === 'ff:ff:ff:ff:ff:ff' ? PKTTYPE.BROADCAST : PKTTYPE.HOST
  const addr = iface.kind === 'ipip' ? (outer ? ipBytes(outer.src) : new Uint8Array(0)) : macBytes(frame.src)
  const protocol = frame.payload.kind === 'arp' ? ETHERTYPE_ARP : ETHERTYPE_IPV4
  const meta = { ifindex: iface.index, hatype: hatypeOf(iface), pkttype, addr }
  return linktype === LINKTYPE.LINUX_SLL ? sll(protocol, meta, payload) : sll2(protocol, meta, payload)
}

function readSaved(ctx: CommandContext, o: Opts, p: PrintOptions, text: string | FsFail): number {
  if (typeof text !== 'string') {
    ctx.err(text.error === 'EISDIR' ? 'tcpdump: error reading dump file: Is a directory\n' : `tcpdump: ${o.read}: ${FS_ERROR_TEXT[text.error]}\n`)
    return 1
  }
  const file = readPcap(fileTextToBytes(text))
  if (typeof file === 'string') {
    ctx.err(`tcpdump: ${file}\n`)
    return 1
  }
  ctx.err(`reading from file ${o.read}, link-type ${LINK_NAMES[file.linktype] ?? `#${file.linktype}`}, snapshot length ${file.snaplen}\n`)
  if (file.linktype === LINKTYPE.LINUX_SLL2) ctx.err('Warning: interface names might be incorrect\n')
  const names = new Names(ctx.host.fs)
  const filter = compileFilter(o.filter, (n) => names.host(n), (n) => names.port(n, 'tcp') ?? names.port(n, 'udp'))
  if (typeof filter === 'string') {
    ctx.err(`tcpdump: ${filter}\n`)
    return 1
  }
  const printer = new PacketPrinter(p, file.linktype)
  let shown = 0
  const out: Uint8Array[] = []
  for (const pkt of file.packets) {
    if (shown >= o.count) break
    if (!filter(headers(file.linktype, pkt.data, pkt.origLen))) continue
    shown++
    if (o.write) out.push(pcapRecord(pkt))
    if ((!o.write || o.print) && !o.flags.has('count')) ctx.out(printer.print(pkt))
  }
  if (o.write) {
    const err = ctx.host.fs.write(abs(ctx, o.write), bytesToFileText(concat([pcapHeader(file.linktype, file.snaplen), ...out])))
    if (err) {
      ctx.err(`tcpdump: ${o.write}: ${FS_ERROR_TEXT[err]}\n`)
      return 1
    }
  }
  if (o.flags.has('count')) ctx.out(`${shown} packet${shown === 1 ? '' : 's'}\n`)
  return 0
}

function* run(ctx: CommandContext): Proc<number> {
  const o = parse(ctx.argv)
  if (o === 'version') {
    ctx.out(VERSION)
    return 0
  }
  if (o === 'help') {
    ctx.out(VERSION + USAGE)
    return 0
  }
  if ('error' in o) {
    ctx.err(`tcpdump: ${o.error}\n${o.usage ? VERSION + USAGE : ''}`)
    return 1
  }
  const ip = ctx.host.ip
  if (o.list) {
    ctx.out(devices(ip.ifaces).map((d, k) => `${k + 1}.${d.text}\n`).join(''))
    return 0
  }
  const names = new Names(ctx.host.fs)
  const ifName = (index: number) => ip.ifaces.find((i) => i.index === index)?.name ?? null
  const p = printOptions(o, names, ifName)
  if (o.read !== undefined) return readSaved(ctx, o, p, yield* readInput(ctx, o.read))

  // `-i N` names the Nth device of -D's list when no interface is called N.
  if (o.iface && /^\d+$/.test(o.iface) && !ip.iface(o.iface)) {
    const d = devices(ip.ifaces)[Number(o.iface) - 1]
    if (!d) {
      ctx.err('tcpdump: Invalid adapter index\n')
      return 1
    }
    o.iface = d.name
  }
  const any = o.iface === 'any'
  const chosen = any ? null : o.iface ? ip.iface(o.iface) : ip.ifaces.find((i) => i.up && i.kind !== 'loopback')
  if (!any && !chosen) {
    ctx.err(o.iface ? `tcpdump: ${o.iface}: No such device exists\n(SIOCGIFHWADDR: No such device)\n` : 'tcpdump: no suitable device found\n')
    return 1
  }
  if (chosen && !chosen.up) {
    ctx.err(`tcpdump: ${chosen.name}: That device is not up\n`)
    return 1
  }
  const filter = compileFilter(o.filter, (n) => names.host(n), (n) => names.port(n, 'tcp') ?? names.port(n, 'udp'))
  if (typeof filter === 'string') {
    ctx.err(`tcpdump: ${filter}\n`)
    return 1
  }
  const linktype = any ? LINKTYPE.LINUX_SLL2 : linktypeOf(chosen!)
  const name = any ? 'any' : chosen!.name
  const quiet = o.write !== undefined || p.vflag > 0
  // The device is opened (and libpcap warns) before tcpdump drops root.
  let banner = linktype === LINKTYPE.LINUX_SLL ? `tcpdump: WARNING: ${name}: arptype ${ARPHRD.IPGRE} not supported by libpcap - falling back to cooked socket\n` : ''
  banner += 'dropped privs to tcpdump\n'
  if (!quiet) banner += 'tcpdump: verbose output suppressed, use -v[v]... for full protocol decode\n'
  banner += `${quiet ? 'tcpdump: ' : ''}listening on ${name}, link-type ${LINK_NAMES[linktype]}, snapshot length ${o.snaplen} bytes\n`
  ctx.err(banner)

  const path = o.write !== undefined ? abs(ctx, o.write) : null
  if (path) {
    const err = ctx.host.fs.write(path, bytesToFileText(pcapHeader(linktype, o.snaplen)))
    if (err) {
      ctx.err(`tcpdump: ${o.write}: ${FS_ERROR_TEXT[err]}\n`)
      return 1
    }
  }
  const printer = new PacketPrinter(p, linktype)
  let captured_ = 0
  let seen = 0
  const done = new Signal<void>()
  const tap = (iface: Iface) => (dir: 'In' | 'Out', frame: EthernetFrame, outer?: Ipv4Packet) => {
    if (captured_ >= o.count) return
    // libpcap drops what lo sends (it comes straight back in): each packet is seen once, as In.
    if (iface.kind === 'loopback' && dir === 'Out') return
    const clock = { now: ctx.engine.now, epoch: EPOCH_SECONDS }
    const data = captured(linktype, iface, dir, frame, clock, outer)
    seen++
    if (!filter(headers(linktype, data))) return
    captured_++
    const pkt = { ...pcapTime(clock), data: data.subarray(0, o.snaplen), origLen: data.length }
    if (path) ctx.host.fs.append(path, bytesToFileText(pcapRecord({ ...pkt, data }, o.snaplen)))
    if (!path || o.print) ctx.out(printer.print(pkt))
    if (captured_ >= o.count) done.fire()
  }
  const ifaces = any ? ip.ifaces.filter((i) => i.up) : [chosen!]
  const taps = ifaces.map((i) => [i, tap(i)] as const)
  for (const [i, t] of taps) i.taps.add(t)
  // pcap_activate puts the one device it opens in promiscuous mode unless -p; `any` never is.
  const promisc = any || o.flags.has('p') ? null : chosen!
  if (promisc) promisc.promiscuity++
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`
  try {
    yield* wait(done)
  } catch (e) {
    if (!(e instanceof Interrupt)) throw e
  } finally {
    for (const [i, t] of taps) i.taps.delete(t)
    if (promisc) promisc.promiscuity--
  }
  ctx.err(`${plural(captured_, 'packet')} captured\n${plural(Math.max(seen, captured_), 'packet')} received by filter\n0 packets dropped by kernel\n`)
  return 0
}

export const tcpdump: CommandDef = {
  name: 'tcpdump',
  path: '/usr/sbin/tcpdump',
  summary: 'dump traffic on a network',
  pkg: 'tcpdump',
  completions: ['-i', '-n', '-nn', '-e', '-c', '-v', '-vv', '-x', '-X', '-A', '-D', '-r', '-w', '-s', '-t', '-tt', '-q', 'any', 'host', 'net', 'port', 'src', 'dst', 'tcp', 'udp', 'icmp', 'arp', 'ip', 'proto', 'and', 'or', 'not'],
  run,
}
