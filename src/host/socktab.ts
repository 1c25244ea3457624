// The host's TCP sockets as the tools that list them see them (ss, netstat, /proc/net/tcp and
// tcp6): sshd's two listening sockets (0.0.0.0:22, and [::]:22 with IPV6_V6ONLY, backlog 128, on
// descriptors 3 and 4), every other listener as Apache opens `Listen 80`, one dual-stack socket
// ([::]:80, backlog 511) shared by httpd's parent and workers on descriptor 4 up, and the TCP
// stack's connections; one a dual-stack listener accepted is an AF_INET6 socket whose addresses
// are IPv4-mapped (::ffff:a.b.c.d), as the kernel hands it to httpd.

import type { Ip } from '../net/addr.ts'
import type { Host } from './host.ts'
import type { TcpState } from './tcp.ts'

export interface SockUser {
  comm: string
  pid: number
  fd: number
}

export interface SockEntry {
  family: 4 | 6
  /** null for the wildcard address. */
  local: Ip | null
  localPort: number
  remote: Ip | null
  remotePort: number
  state: TcpState | 'LISTEN'
  /** A listener's backlog (ss shows it as Send-Q). */
  backlog: number
  /** An AF_INET6 listener that takes IPv6 only ([::]:22), not IPv4 too (*:80). */
  v6only: boolean
  /** The processes holding the socket, highest PID first (as ss lists them). */
  users: SockUser[]
  /** A fixed socket inode per entry, for /proc/net/tcp. */
  inode: number
  /** TIME-WAIT: clock ticks (USER_HZ 100) until the socket goes. */
  timeWaitTicks: number
}

const SSHD_BACKLOG = 128
const HTTPD_BACKLOG = 511
const INODE_BASE = 21000

export function tcpSockets(host: Host): SockEntry[] {
  const procs = host.procs.list()
  const byComm = (comm: string) =>
    procs
      .filter((p) => p.comm === comm && !p.tty)
      .sort((a, b) => b.pid - a.pid)
  const out: Omit<SockEntry, 'inode'>[] = []
  const now = host.engine.now
  const sshd = host.systemd.isActive('sshd') ? byComm('sshd').filter((p) => p.ppid === 1) : []
  const listen = (family: 4 | 6, port: number, backlog: number, v6only: boolean, users: SockUser[]) => out.push({ family, local: null, localPort: port, remote: null, remotePort: 0, state: 'LISTEN', backlog, v6only, users, timeWaitTicks: 0 })
  if (sshd.length) listen(4, 22, SSHD_BACKLOG, false, sshd.map((p) => ({ comm: 'sshd', pid: p.pid, fd: 3 })))
  const listeners = host.tcp.listening()
  const httpd = host.systemd.isActive('httpd') ? byComm('httpd') : []
  let fd = 4
  for (const port of listeners) {
    const users = host.httpd.listensOn(port) ? httpd.map((p) => ({ comm: 'httpd', pid: p.pid, fd })) : []
    if (users.length) fd++
    listen(6, port, HTTPD_BACKLOG, false, users)
  }
  if (sshd.length) listen(6, 22, SSHD_BACKLOG, true, sshd.map((p) => ({ comm: 'sshd', pid: p.pid, fd: 4 })))
  const accepting = new Set(listeners)
  for (const s of host.tcp.connections()) {
    const family = accepting.has(s.localPort) ? 6 : 4
    const timeWaitTicks = s.state === 'TIME_WAIT' ? Math.max(0, Math.ceil((s.timeWaitEnds - now) / 10_000)) : 0
    out.push({ family, local: s.localIp, localPort: s.localPort, remote: s.remoteIp, remotePort: s.remotePort, state: s.state, backlog: 0, v6only: false, users: [], timeWaitTicks })
  }
  return out.map((e, k) => ({ ...e, inode: INODE_BASE + k }))
}
