// /proc/net of one host: files generated when read, as the kernel's seq_file handlers do. The host
// serves `route` (fib_route_seq_show: the main table, addresses as the raw __be32 printed on a
// little-endian CPU, each line padded to 127 columns), `dev` (dev_seq_show), `arp`
// (arp_seq_show), `if_inet6` (if6_seq_show) and `tcp`/`tcp6` (tcp4_seq_show, tcp6_seq_show,
// over host/socktab.ts); a module that owns other files (ip_vs) registers them when it loads and
// they vanish with it.

import { formatIp, maskOf, type Ip } from '../net/addr.ts'
import type { Mount } from './fs.ts'
import { hex128, inet6Of } from './inet6.ts'
import type { Ipv4Stack } from './ipv4.ts'
import type { SockEntry } from './socktab.ts'
import type { TcpState } from './tcp.ts'

export type ProcFile = () => string

/** A 32-bit address as %08X of its network-order bytes read little-endian (x86). */
export function leHex(ip: Ip): string {
  const b = [(ip >>> 24) & 255, (ip >>> 16) & 255, (ip >>> 8) & 255, ip & 255]
  return b.reverse().map((x) => x.toString(16).toUpperCase().padStart(2, '0')).join('')
}

const RTF_UP = 0x1
const RTF_GATEWAY = 0x2
const RTF_HOST = 0x4

export function procRoute(ip: Ipv4Stack): string {
  const lines = ['Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT']
  for (const r of ip.routes.sorted()) {
    if (!ip.isUp(r.dev)) continue
    const flags = RTF_UP | (r.via !== undefined ? RTF_GATEWAY : 0) | (r.dst.plen === 32 ? RTF_HOST : 0)
    lines.push(`${r.dev}\t${leHex(r.dst.addr)}\t${leHex(r.via ?? 0)}\t${flags.toString(16).toUpperCase().padStart(4, '0')}\t0\t0\t${r.metric ?? 0}\t${leHex(maskOf(r.dst.plen))}\t0\t0\t0`)
  }
  return lines.map((l) => l.padEnd(127) + '\n').join('')
}

export function procDev(ip: Ipv4Stack): string {
  const out = ['Inter-|   Receive                                                |  Transmit', ' face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed']
  const n = (v: number, w: number) => String(v).padStart(w)
  for (const i of ip.ifaces) {
    const s = i.stats
    out.push(`${i.name.padStart(6)}: ${n(s.rxBytes, 7)} ${n(s.rxPackets, 7)} ${n(0, 4)} ${n(s.rxDropped, 4)} ${n(0, 4)} ${n(0, 5)} ${n(0, 10)} ${n(0, 9)} ${n(s.txBytes, 8)} ${n(s.txPackets, 7)} ${n(0, 4)} ${n(s.txDropped, 4)} ${n(0, 4)} ${n(0, 5)} ${n(0, 7)} ${n(0, 10)}`)
  }
  return out.join('\n') + '\n'
}

const ATF_COM = 0x2
const ATF_PERM = 0x4

/**
 * arp_format_neigh_entry: "%-16s 0x%-10x0x%-10x%-17s     *        %s", hardware type 1 (ether),
 * flags ATF_COM for a valid entry (reachable, stale, delay, probe), with ATF_PERM for a permanent
 * one, 0 and a zero address while it is being resolved or has failed.
 */
export function procArp(ip: Ipv4Stack): string {
  let out = 'IP address       HW type     Flags       HW address            Mask     Device\n'
  for (const n of ip.neigh.values()) {
    const valid = n.mac !== null && n.state !== 'INCOMPLETE' && n.state !== 'FAILED'
    const flags = valid ? ATF_COM | (n.state === 'PERMANENT' ? ATF_PERM : 0) : 0
    out += `${formatIp(n.ip).padEnd(16)} 0x${'1'.padEnd(10)}0x${flags.toString(16).padEnd(10)}${(valid ? n.mac! : '00:00:00:00:00:00').padEnd(17)}     *        ${n.dev}\n`
  }
  return out
}

const IFA_F_PERMANENT = 0x80

/** if6_seq_show: "%pi6 %02x %02x %02x %02x %8s" (address, ifindex, prefix length, scope, flags). */
export function procIfInet6(ip: Ipv4Stack, hostname: string, managed: (dev: string) => boolean): string {
  let out = ''
  for (const i of ip.ifaces) {
    const a = inet6Of(i, hostname, managed)
    if (!a) continue
    const hex = (v: number) => v.toString(16).padStart(2, '0')
    out += `${hex128(a.text)} ${hex(i.index)} ${hex(a.plen)} ${hex(a.scope === 'host' ? 0x10 : 0x20)} ${hex(IFA_F_PERMANENT)} ${i.name.padStart(8)}\n`
  }
  return out
}

/** include/net/tcp_states.h */
const TCP_STATE: Record<TcpState | 'LISTEN', number> = { ESTABLISHED: 1, SYN_SENT: 2, SYN_RECV: 3, FIN_WAIT1: 4, FIN_WAIT2: 5, TIME_WAIT: 6, CLOSED: 7, CLOSE_WAIT: 8, LAST_ACK: 9, LISTEN: 10, CLOSING: 11 }

const hex = (v: number, w: number) => (v >>> 0).toString(16).toUpperCase().padStart(w, '0')

/** A socket's kernel address as %pK shows it to root under kptr_restrict=1: fixed per inode here. */
const sockPointer = (inode: number) => `ffff8e2c${hex(0x41000000 + inode * 0x800, 8).toLowerCase()}`

/**
 * The columns after the addresses and state, as get_tcp4_sock prints them for a full socket: the
 * queues, no timer pending, uid, inode, one reference, the pointer, then rto and ato in clock
 * ticks, quick/pingpong, snd_cwnd and ssthresh. A listener has the initial rto (1 s = 100) and
 * its fastopen queue length (0) as ssthresh; a connection on this LAN the minimum rto (200 ms +
 * the tick = 20), ato 4 and ssthresh -1 still in slow start. A TIME-WAIT socket is a bare
 * inet_timewait_sock (get_timewait4_sock): timer 3 with the ticks left of its 60 s, no uid,
 * inode or counters.
 */
function tcpTail(s: SockEntry): string {
  if (s.state === 'TIME_WAIT') return ` 00000000:00000000 03:${hex(s.timeWaitTicks, 8)} 00000000     0        0 0 3 0000000000000000`
  const uid = s.state !== 'LISTEN' && s.family === 6 ? 48 : 0
  const rest = s.state === 'LISTEN' ? '100 0 0 10 0' : '20 4 30 10 -1'
  return ` 00000000:00000000 00:00000000 00000000 ${String(uid).padStart(5)} ${String(0).padStart(8)} ${s.inode} ${s.state === 'LISTEN' ? 1 : 2} ${sockPointer(s.inode)} ${rest}`
}

/** tcp4_seq_show: every line padded to TMPSZ - 1 = 149 columns. */
export function procTcp(socks: SockEntry[]): string {
  const lines = ['  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode']
  socks
    .filter((s) => s.family === 4)
    .forEach((s, k) => lines.push(`${String(k).padStart(4)}: ${leHex(s.local ?? 0)}:${hex(s.localPort, 4)} ${leHex(s.remote ?? 0)}:${hex(s.remotePort, 4)} ${hex(TCP_STATE[s.state], 2)}${tcpTail(s)}`))
  return lines.map((l) => l.padEnd(149) + '\n').join('')
}

/** An IPv6 address as tcp6_seq_show prints it: four %08X words of the in6_addr read as u32s. */
function v6Words(ip: Ip | null): string {
  return ip === null ? '0'.repeat(32) : `0000000000000000FFFF0000${leHex(ip)}`
}

/** tcp6_seq_show: no padding; IPv4-mapped addresses for what a dual-stack listener accepted. */
export function procTcp6(socks: SockEntry[]): string {
  let out = '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n'
  socks
    .filter((s) => s.family === 6)
    .forEach((s, k) => (out += `${String(k).padStart(4)}: ${v6Words(s.local)}:${hex(s.localPort, 4)} ${v6Words(s.remote)}:${hex(s.remotePort, 4)} ${hex(TCP_STATE[s.state], 2)}${tcpTail(s)}\n`))
  return out
}

/** The mount: a flat directory of generated, read-only files. */
export function procNetMount(files: Map<string, ProcFile>): Mount {
  return {
    read: (rel) => files.get(rel)?.() ?? null,
    write: (rel) => (files.has(rel) ? 'einval' : 'enoent'),
    list: (rel) => (rel === '' ? [...files.keys()].sort() : null),
    isDir: (rel) => rel === '',
  }
}
