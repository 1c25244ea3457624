// ifconfig (net-tools 2.0-0.62.20160912git, RHEL 9): the interface list in ife_print_long()'s
// format (lib/interface.c), and the classic settings in ifconfig.c's order: an address (which
// brings the interface up), `netmask`, `broadcast`, `up`, `down`, `mtu` is refused as the driver
// would not change it here. `ifconfig lo:0 VIP netmask 255.255.255.255 up` creates the alias
// label the DR real-server scripts rely on; `ifconfig lo:0 down` deletes that address again.
// Exit status: 0, 1 for errors perror() reports, 255 when a flag could not be set (goterr |= -1).

import { formatIp, maskOf, parseIp, type Ip } from '../../../net/addr.ts'
import type { Iface } from '../../../host/iface.ts'
import { inet6 } from '../ip/index.ts'
import { resolveHost } from '../resolve.ts'
import type { CommandContext, CommandDef } from '../types.ts'
import { IFF, dotted, entries, flagWord, splitLabel, type IfEntry } from '../net-tools.ts'
import { STRERROR, setAddress, setBroadcast, setNetmask, setUp, type IoctlError } from './ioctl.ts'

/** The -s header as net-tools 2.0 prints it above ife_print_short()'s 15-column names. */
export const SHORT_HEADER = 'Iface             MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg\n'

const FLAG_NAMES: [number, string][] = [[IFF.UP, 'UP'], [IFF.BROADCAST, 'BROADCAST'], [IFF.LOOPBACK, 'LOOPBACK'], [IFF.RUNNING, 'RUNNING'], [IFF.NOARP, 'NOARP'], [IFF.MULTICAST, 'MULTICAST']]

const USAGE = `Usage:
  ifconfig [-a] [-v] [-s] <interface> [[<AF>] <address>]
  [add <address>[/<prefixlen>]]
  [del <address>[/<prefixlen>]]
  [[-]broadcast [<address>]]  [[-]pointopoint [<address>]]
  [netmask <address>]  [dstaddr <address>]  [tunnel <address>]
  [outfill <NN>] [keepalive <NN>]
  [hw <HW> <address>]  [mtu <NN>]
  [[-]trailers]  [[-]arp]  [[-]allmulti]
  [multicast]  [[-]promisc]
  [mem_start <NN>]  [io_addr <NN>]  [irq <NN>]  [media <type>]
  [txqueuelen <NN>]
  [name <newname>]
  [[-]dynamic]
  [up|down] ...

  <HW>=Hardware Type.
  List of possible hardware types:
    loop (Local Loopback) slip (Serial Line IP) cslip (VJ Serial Line IP) 
    slip6 (6-bit Serial Line IP) cslip6 (VJ 6-bit Serial Line IP) adaptive (Adaptive Serial Line IP) 
    ash (Ash) ether (Ethernet) ax25 (AMPR AX.25) 
    netrom (AMPR NET/ROM) rose (AMPR ROSE) tunnel (IPIP Tunnel) 
    ppp (Point-to-Point Protocol) hdlc ((Cisco)-HDLC) lapb (LAPB) 
    arcnet (ARCnet) dlci (Frame Relay DLCI) frad (Frame Relay Access Device) 
    sit (IPv6-in-IPv4) fddi (Fiber Distributed Data Interface) hippi (HIPPI) 
    irda (IrLAP) ec (Econet) x25 (generic X.25) 
    eui64 (Generic EUI-64) 
  <AF>=Address family. Default: inet
  List of possible address families:
    unix (UNIX Domain) inet (DARPA Internet) inet6 (IPv6) 
    ax25 (AMPR AX.25) netrom (AMPR NET/ROM) rose (AMPR ROSE) 
    ipx (Novell IPX) ddp (Appletalk DDP) ec (Econet) 
    ash (Ash) x25 (CCITT X.25) 
`

/** ife_unit(): the byte count in tenths of the largest binary unit below it. */
function unit(bytes: number): string {
  const units: [number, string][] = [[1024 ** 4, 'TiB'], [1024 ** 3, 'GiB'], [1024 ** 2, 'MiB'], [1024, 'KiB']]
  for (const [size, name] of units) {
    if (bytes > size) {
      const tenths = Math.floor((bytes * 10) / size)
      return `${Math.floor(tenths / 10)}.${tenths % 10} ${name}`
    }
  }
  return `${bytes}.0 B`
}

function hardware(i: Iface): string {
  if (i.kind === 'loopback') return 'loop  txqueuelen 1000  (Local Loopback)'
  if (i.kind === 'ether') return `ether ${i.mac}  txqueuelen 1000  (Ethernet)`
  if (i.name.startsWith('gre')) return 'unspec 00-00-00-00-00-00-00-00-00-00-00-00-00-00-00-00  txqueuelen 1000  (UNSPEC)'
  return 'tunnel   txqueuelen 1000  (IPIP Tunnel)'
}

function describe(ctx: CommandContext, e: IfEntry): string {
  const i = e.iface
  const word = flagWord(i)
  const names = FLAG_NAMES.filter(([bit]) => word & bit).map(([, n]) => n)
  const lines = [`${e.name}: flags=${word}<${names.join(',')}>  mtu ${i.mtu}`]
  if (e.addr) {
    const a = e.addr
    let line = `        inet ${formatIp(a.ip)}  netmask ${dotted(a.plen)}`
    if (word & IFF.BROADCAST) line += `  broadcast ${formatIp(a.brd ?? 0)}`
    lines.push(line)
  }
  if (!e.alias) {
    const v6 = inet6(ctx, i)
    if (v6) lines.push(`        inet6 ${v6.text}  prefixlen ${v6.plen}  scopeid ${v6.scope === 'host' ? '0x10<host>' : '0x20<link>'}`)
  }
  lines.push(`        ${hardware(i)}`)
  if (!e.alias) {
    const s = i.stats
    lines.push(`        RX packets ${s.rxPackets}  bytes ${s.rxBytes} (${unit(s.rxBytes)})`)
    lines.push(`        RX errors 0  dropped ${s.rxDropped}  overruns 0  frame 0`)
    lines.push(`        TX packets ${s.txPackets}  bytes ${s.txBytes} (${unit(s.txBytes)})`)
    lines.push(`        TX errors 0  dropped ${s.txDropped} overruns 0  carrier 0  collisions 0`)
  }
  return lines.join('\n') + '\n\n'
}

/** ife_print_short(): `-s`, one line per interface, the flags as letters. */
export function brief(e: IfEntry): string {
  const i = e.iface
  const word = flagWord(i)
  const letters = ([[IFF.BROADCAST, 'B'], [IFF.LOOPBACK, 'L'], [IFF.MULTICAST, 'M'], [IFF.NOARP, 'O'], [IFF.RUNNING, 'R'], [IFF.UP, 'U']] as [number, string][])
    .filter(([bit]) => word & bit)
    .map(([, l]) => l)
    .join('')
  const name = e.name.slice(0, 15).padEnd(15)
  if (e.alias) return `${name} ${String(i.mtu).padStart(5)} ${'     - no statistics available -'.padEnd(56)}${letters}\n`
  const s = i.stats
  return `${name} ${String(i.mtu).padStart(5)} ${String(s.rxPackets).padStart(8)} ${'0'.padStart(6)} ${String(s.rxDropped).padStart(6)} ${'0'.padEnd(6)} ${String(s.txPackets).padStart(8)} ${'0'.padStart(6)} ${String(s.txDropped).padStart(6)} ${'0'.padStart(6)} ${letters}\n`
}

function show(ctx: CommandContext, name: string | null, all: boolean, short: boolean): number {
  const list = entries(ctx.host.ip)
  const print = (e: IfEntry) => ctx.out(short ? brief(e) : describe(ctx, e))
  if (short) ctx.out(SHORT_HEADER)
  if (name === null) {
    for (const e of list) if (all || e.iface.up) print(e)
    return 0
  }
  const e = list.find((x) => x.name === name)
  if (e) {
    print(e)
    return 0
  }
  // An alias that does not exist still answers SIOCGIFFLAGS (the kernel strips the label) but has
  // no address, so ifconfig prints the device's flags and hardware only.
  const { dev, alias } = splitLabel(name)
  const parent = ctx.host.ip.iface(dev)
  if (alias && parent) {
    print({ name, iface: parent, addr: undefined, alias: true })
    return 0
  }
  ctx.err(`${name}: error fetching interface information: Device not found\n`)
  return 1
}

function run(ctx: CommandContext): number {
  const args = ctx.argv.slice(1)
  let all = false
  let short = false
  let verbose = false
  while (args.length && args[0].startsWith('-')) {
    const a = args.shift()!
    if (a === '-a') all = true
    else if (a === '-s') short = true
    else if (a === '-v') verbose = true
    else if (a === '-V' || a === '-version' || a === '--version') {
      ctx.out('net-tools 2.10-alpha\n')
      return 5
    } else if (['-?', '-h', '-help', '--help'].includes(a)) {
      ctx.err(USAGE)
      return 4
    } else {
      ctx.err(`ifconfig: option \`${a}' not recognised.\nifconfig: \`--help' gives usage information.\n`)
      return 1
    }
  }
  if (!args.length) return show(ctx, null, all, short)
  const name = args.shift()!
  if (!args.length) return show(ctx, name, all, short)
  if (args[0] === 'inet') args.shift()
  const ip = ctx.host.ip
  let goterr = 0
  let pendingMask: Ip | null = null
  let didNetmask = false
  const usage = () => {
    ctx.err(USAGE)
    return 3
  }
  const perror = (call: string, e: IoctlError | null) => {
    if (!e) return
    ctx.err(`${call}: ${STRERROR[e]}\n`)
    goterr = 1
  }
  /** set_flag()/clr_flag(): SIOCGIFFLAGS first (fails only for a missing device), then SIOCSIFFLAGS. */
  const flag = (up: boolean) => {
    if (!ip.iface(splitLabel(name).dev)) {
      ctx.err(`${name}: ERROR while getting interface flags: No such device\n`)
      goterr = -1
      return
    }
    const e = setUp(ip, name, up)
    if (e) {
      ctx.err(`SIOCSIFFLAGS: ${STRERROR[e]}\n`)
      goterr = -1
    }
  }
  const resolve = (host: string): Ip | null => parseIp(host) ?? resolveHost(ctx, host)
  for (let k = 0; k < args.length; k++) {
    const word = args[k]
    if (word === 'up') flag(true)
    else if (word === 'down') flag(false)
    else if (word === 'netmask' || word === 'broadcast') {
      const value = args[k + 1]
      if (value === undefined) {
        if (word === 'netmask') return usage()
        continue
      }
      if (word === 'netmask' && didNetmask) return usage()
      k++
      const addr = resolve(value)
      if (addr === null) {
        ctx.err(`${value}: Unknown host\n`)
        goterr = 1
        continue
      }
      if (word === 'netmask') {
        didNetmask = true
        perror('SIOCSIFNETMASK', setNetmask(ip, name, addr))
      } else perror('SIOCSIFBRDADDR', setBroadcast(ip, name, addr))
    } else if (word === 'mtu') {
      if (args[k + 1] === undefined) return usage()
      k++
      ctx.err('SIOCSIFMTU: Operation not supported\n')
      goterr = 1
    } else {
      const m = /^([^/]+)(?:\/(\d+))?$/.exec(word)
      if (m?.[2] !== undefined) {
        const plen = Number(m[2])
        if (plen > 32) return usage()
        if (didNetmask) return usage()
        pendingMask = maskOf(plen)
      }
      const addr = m ? resolve(m[1]) : null
      if (addr === null) {
        ctx.err(`${m?.[1] ?? word}: Unknown host\nifconfig: \`--help' gives usage information.\n`)
        return 1
      }
      const e = setAddress(ip, name, addr)
      perror('SIOCSIFADDR', e)
      if (!(splitLabel(name).alias && addr === 0)) flag(true)
    }
  }
  if (pendingMask !== null) perror('SIOCSIFNETMASK', setNetmask(ip, name, pendingMask))
  if (verbose && goterr) ctx.err(`WARNING: at least one error occured. (${goterr})\n`)
  return goterr & 255
}

export const ifconfig: CommandDef = {
  name: 'ifconfig',
  path: '/usr/sbin/ifconfig',
  summary: 'configure a network interface',
  pkg: 'net-tools',
  completions: ['-a', '-s', 'up', 'down', 'netmask', 'broadcast'],
  run,
}
