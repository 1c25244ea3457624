// arp (net-tools): the neighbour table in the Linux format (`arp -n`, arp_disp) or BSD style
// (`arp -a`, arp_disp_2), filtered by host (-n HOST) and device (-i); `-s HOST MAC` adds a
// permanent entry and `-d HOST` deletes one, with arp.c's messages and exit statuses (usage 3,
// errors -1 = 255). Recorded against bullseye's net-tools in tests/fixtures/netns.
// net-tools is not in a minimal RHEL 9, so the command exists only after `dnf install net-tools`.

import { formatIp, parseIp, type Ip } from '../../../net/addr.ts'
import { Names } from '../../../host/names.ts'
import { defineArgs, parseArgs } from '../../args/index.ts'
import type { CommandContext, CommandDef } from '../types.ts'

const E_OPTERR = 3
const E_FAIL = 255

const USAGE = `Usage:
  arp [-vn]  [<HW>] [-i <if>] [-a] [<hostname>]             <-Display ARP cache
  arp [-v]          [-i <if>] -d  <host> [pub]               <-Delete ARP entry
  arp [-vnD] [<HW>] [-i <if>] -f  [<filename>]            <-Add entry from file
  arp [-v]   [<HW>] [-i <if>] -s  <host> <hwaddr> [temp]            <-Add entry
  arp [-v]   [<HW>] [-i <if>] -Ds <host> <if> [netmask <nm>] pub          <-''-

        -a                       display (all) hosts in alternative (BSD) style
        -e                       display (all) hosts in default (Linux) style
        -s, --set                set a new ARP entry
        -d, --delete             delete a specified entry
        -v, --verbose            be verbose
        -n, --numeric            don't resolve names
        -i, --device             specify network interface (e.g. eth0)
        -D, --use-device         read <hwaddr> from given device
        -A, -p, --protocol       specify protocol family
        -f, --file               read new entries from file or from /etc/ethers

  <HW>=Use '-H <hw>' to specify hardware address type. Default: ether
  List of possible hardware types (which support ARP):
`

/** print_hwlist() writes the list on stderr, whichever stream the usage went to. */
const HW_LIST = `    ash (Ash) ether (Ethernet) ax25 (AMPR AX.25) 
    netrom (AMPR NET/ROM) rose (AMPR ROSE) arcnet (ARCnet) 
    dlci (Frame Relay DLCI) fddi (Fiber Distributed Data Interface) hippi (HIPPI) 
    irda (IrLAP) x25 (generic X.25) eui64 (Generic EUI-64) 
`

const VERSION = `net-tools 2.10-alpha
+I18N +SELINUX
AF: (inet) +UNIX +INET +INET6 +IPX +AX25 +NETROM +X25 +ATALK +ECONET +ROSE -BLUETOOTH
HW: (ether) +ETHER +ARC +SLIP +PPP +TUNNEL -TR +AX25 +NETROM +X25 +FR +ROSE +ASH +SIT +FDDI +HIPPI +HDLC/LAPB +EUI64 
`

const ARGS = defineArgs({
  usageStatus: E_OPTERR,
  tryHelp: () => USAGE + HW_LIST,
  options: {
    protocol: { short: 'A', long: 'protocol', arg: 'required' },
    family: { short: 'p', arg: 'required' },
    hwtype: { short: 'H', long: 'hw-type', arg: 'required' },
    bsd: { short: 'a', long: 'all' },
    linux: { short: 'e' },
    set: { short: 's', long: 'set' },
    delete: { short: 'd', long: 'delete' },
    file: { short: 'f', long: 'file' },
    verbose: { short: 'v', long: 'verbose' },
    numeric: { short: 'n', long: 'numeric' },
    device: { short: 'i', long: 'device', arg: 'required' },
    useDevice: { short: 'D', long: 'use-device' },
    symbolic: { short: 'N', long: 'symbolic' },
    help: { short: 'h', long: 'help' },
    question: { short: '?' },
    version: { short: 'V', long: 'version' },
  },
})

const MAC = /^[0-9a-fA-F]{1,2}(:[0-9a-fA-F]{1,2}){5}$/

function run(ctx: CommandContext): number {
  const a = parseArgs(ctx, ARGS)
  // On a getopt error the message, the usage and the hardware list are already out (tryHelp).
  if (typeof a === 'number') return a
  const o = a.opts
  if (o.version) {
    ctx.out(VERSION)
    return 0
  }
  if (o.help || o.question) {
    ctx.out(USAGE)
    ctx.err(HW_LIST)
    return 0
  }
  const ip = ctx.host.ip
  const host = a.operands[0]
  if (o.delete || o.set) {
    if (!host) {
      ctx.err('arp: need host name\n')
      return E_FAIL
    }
    const addr = lookup(ctx, host)
    if (addr === null) return E_FAIL
    if (o.delete) {
      if (ip.deleteNeighbour(addr, o.device)) return 0
      ctx.out(`No ARP entry for ${host}\n`)
      return E_FAIL
    }
    const mac = a.operands[1]
    if (!mac) {
      ctx.err('arp: need hardware address\n')
      return E_FAIL
    }
    if (!MAC.test(mac)) {
      ctx.err('arp: invalid hardware address\n')
      return E_FAIL
    }
    const route = ip.route(addr)
    const iface = o.device !== undefined ? ip.iface(o.device) : route ? ip.iface(route.dev) : undefined
    if (!iface) {
      ctx.err(o.device !== undefined ? `SIOCSARP: No such device\n` : 'SIOCSARP: Network is unreachable\n')
      return E_FAIL
    }
    ip.setPermanentNeighbour(iface, addr, mac.toLowerCase().replace(/(^|:)([0-9a-f])(?=:|$)/g, '$10$2'))
    return 0
  }
  let addr: Ip | null = null
  if (host) {
    addr = lookup(ctx, host)
    if (addr === null) return E_FAIL
  }
  const names = new Names(ctx.host.fs)
  const name = (v: Ip) => (o.numeric ? formatIp(v) : (names.hostName(v) ?? formatIp(v)))
  const all = [...ip.neigh.values()].filter((n) => n.state !== 'FAILED' || n.mac)
  const shown = all.filter((n) => (addr === null || n.ip === addr) && (o.device === undefined || n.dev === o.device))
  let first = true
  for (const n of shown) {
    const complete = n.mac !== null && n.state !== 'FAILED' && n.state !== 'INCOMPLETE'
    const perm = n.state === 'PERMANENT'
    if (o.bsd) {
      ctx.out(complete ? `? (${formatIp(n.ip)}) at ${n.mac} [ether]${perm ? ' PERM' : ''} on ${n.dev}\n` : `? (${formatIp(n.ip)}) at <incomplete> on ${n.dev}\n`)
      continue
    }
    if (first) ctx.out('Address                  HWtype  HWaddress           Flags Mask            Iface\n')
    first = false
    const cell = name(n.ip).slice(0, 23).padEnd(23)
    ctx.out(complete ? `${cell}  ${'ether'.padEnd(8)}${n.mac!.padEnd(20)}${(perm ? 'CM' : 'C').padEnd(6)}${''.padEnd(15)} ${n.dev}\n` : `${cell}  ${''.padEnd(8)}${'(incomplete)'.padEnd(20)}${''.padEnd(6)}${''.padEnd(15)} ${n.dev}\n`)
  }
  if (o.verbose) ctx.out(`Entries: ${all.length}\tSkipped: ${all.length - shown.length}\tFound: ${shown.length}\n`)
  if (!shown.length) {
    if (host) ctx.out(`${host} (${formatIp(addr!)}) -- no entry\n`)
    else if (o.device !== undefined || o.hwtype !== undefined) ctx.out(`arp: in ${all.length} entries no match found.\n`)
  }
  return 0
}

/** A host operand: a dotted address, else a name from /etc/hosts. */
function lookup(ctx: CommandContext, host: string): Ip | null {
  const v = parseIp(host) ?? new Names(ctx.host.fs).host(host)
  if (v === null) ctx.err(`${host}: Unknown host\n`)
  return v
}

export const arp: CommandDef = {
  name: 'arp',
  path: '/usr/sbin/arp',
  summary: 'manipulate the system ARP cache',
  pkg: 'net-tools',
  completions: ['-n', '-a', '-an', '-d', '-s', '-i', '-v'],
  run,
}
