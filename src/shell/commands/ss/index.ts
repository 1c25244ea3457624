// ss (iproute2 6.2) for TCP: -t -u -l -n -a -p, with the column layout of misc/ss.c: every
// column as wide as its widest cell, compact when piped, spread to the terminal width on a tty
// (rhel9-network.md §6.1). Sockets come from the host's TCP stack and its listeners.

import { formatIp } from '../../../net/addr.ts'
import { Names } from '../../../host/names.ts'
import type { TcpState } from '../../../host/tcp.ts'
import type { CommandDef } from '../types.ts'

const STATE: Record<TcpState, string> = { SYN_SENT: 'SYN-SENT', SYN_RECV: 'SYN-RECV', ESTABLISHED: 'ESTAB', FIN_WAIT1: 'FIN-WAIT-1', FIN_WAIT2: 'FIN-WAIT-2', CLOSING: 'CLOSING', TIME_WAIT: 'TIME-WAIT', CLOSE_WAIT: 'CLOSE-WAIT', LAST_ACK: 'LAST-ACK', CLOSED: 'UNCONN' }

export const ss: CommandDef = {
  name: 'ss',
  path: '/usr/sbin/ss',
  summary: 'another utility to investigate sockets',
  completions: ['-t', '-n', '-l', '-a', '-p', '-tn', '-tln', '-tan'],
  run(ctx) {
    const flags = new Set(ctx.argv.slice(1).filter((a) => a.startsWith('-')).flatMap((a) => [...a.slice(1)]))
    const listening = flags.has('l')
    const all = flags.has('a')
    const numeric = flags.has('n')
    const names = new Names(ctx.host.fs)
    const port = (p: number) => (p === 0 ? '*' : numeric ? String(p) : (names.service(p, 'tcp') ?? String(p)))
    const rows: string[][] = []
    if (listening || all) {
      if (ctx.host.systemd.isActive('sshd')) rows.push(['LISTEN', '0', '128', '0.0.0.0:', '22', '0.0.0.0:', '*'])
      for (const p of ctx.host.tcp.listening()) rows.push(['LISTEN', '0', '511', '*:', port(p), '*:', '*'])
      if (ctx.host.systemd.isActive('sshd')) rows.push(['LISTEN', '0', '128', '[::]:', '22', '[::]:', '*'])
    }
    if (!listening) {
      for (const s of ctx.host.tcp.connections()) {
        if (!all && (s.state === 'CLOSED' || s.state === 'SYN_RECV')) continue
        rows.push([STATE[s.state], '0', '0', `${formatIp(s.localIp)}:`, port(s.localPort), `${formatIp(s.remoteIp)}:`, port(s.remotePort)])
      }
    }
    const header = ['State', 'Recv-Q', 'Send-Q', 'Local Address:', 'Port', 'Peer Address:', 'Port', 'Process']
    const table = rows.map((r) => [...r, ''])
    const delim = [0, 1, 1, 1, 0, 1, 0, 0]
    const right = [false, false, false, true, false, true, false, false]
    const w = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)) + delim[i])
    if (ctx.tty && ctx.term) {
      const spare = ctx.term.cols - w.reduce((a, b) => a + b, 0)
      if (spare > 0) {
        const each = Math.floor(spare / w.length)
        let extra = spare - each * w.length
        for (let i = w.length - 1; i >= 0; i--) {
          w[i] += each + (extra > 0 ? 1 : 0)
          if (extra > 0) extra--
        }
      }
    }
    const render = (cells: string[]) =>
      cells
        .map((c, i) => {
          const width = w[i] - delim[i]
          return (delim[i] ? ' ' : '') + (right[i] ? c.padStart(width) : c.padEnd(width))
        })
        .join('') + '\n'
    ctx.out(render(header).replace(/ +\n$/, ctx.tty ? (m) => m : () => '\n'))
    for (const r of table) ctx.out(render(r))
    return 0
  },
}
