// telnet (netkit 0.17) to the NAT lab's VIP: piped input sent and telnet gone before the answer
// (as the real one), refused ports, unknown hosts and services; and at a terminal, telnet and nc
// typing an HTTP request line by line, the answer printed, and telnet's Ctrl-] prompt closing it.

import { describe, expect, it } from 'vitest'
import { Tty } from '../../src/shell/tty.ts'
import { sh, workingNat } from './helpers.ts'

const lab = workingNat()
sh(lab, 'client', 'dnf install -y telnet nmap-ncat')

const CASES: [string, string, string, number][] = [
  ["printf \"GET / HTTP/1.0\\n\\n\" | telnet 172.25.254.200 80", "Trying 172.25.254.200...\nConnected to 172.25.254.200.\nEscape character is '^]'.\n", "", 0],
  ["telnet 172.25.254.200 81", "Trying 172.25.254.200...\n", "telnet: connect to address 172.25.254.200: Connection refused\n", 1],
  ["telnet nosuch 80", "", "telnet: nosuch: Name or service not known\nnosuch: Unknown host\n", 1],
  ["telnet -x", "", "telnet: invalid option -- 'x'\nUsage: telnet [-4] [-6] [-8] [-E] [-L] [-S tos] [-a] [-c] [-d] [-e char] [-l user]\n\t[-n tracefile] [-b hostalias ] [-r] [ host-name [port] ]\n", 1],
  ["telnet 172.25.254.200 nosuchsvc", "", "telnet: 172.25.254.200: Servname not supported for ai_socktype\n", 1],
]

describe('telnet', () => {
  it.each(CASES)('%s', (line, stdout, stderr, code) => {
    const r = lab.run('client', line)
    expect({ stdout: r.stdout, stderr: r.stderr, code: r.exitCode }).toEqual({ stdout, stderr, code })
  })

  it('at a terminal: telnet and nc carry typed requests; Ctrl-] then quit closes telnet', () => {
    const l = lab
    let screen = ''
    const tty = new Tty(l.host('client')!, l.shellEnv(), (d) => (screen += d))
    const step = (keys: string) => {
      tty.input(keys)
      l.idle(1_000_000)
    }
    for (const k of ['telnet 172.25.254.200 80\r', 'GET / HTTP/1.1\r', 'Host: vip\r', '\r', '\x1d', 'quit\r', 'nc 172.25.254.200 80\r', 'HEAD / HTTP/1.0\r', '\r']) step(k)
    l.idle(3_000_000)
    expect(screen).toBe("telnet 172.25.254.200 80\r\nTrying 172.25.254.200...\r\nConnected to 172.25.254.200.\r\nEscape character is '^]'.\r\nGET / HTTP/1.1\r\nHost: vip\r\n\r\nHTTP/1.1 200 OK\r\nDate: Tue, 11 Jun 2024 02:10:19 GMT\r\nServer: Apache/2.4.57 (Rocky Linux)\r\nLast-Modified: Tue, 11 Jun 2024 02:10:14 GMT\r\nETag: \"13-61a93c42c0d80\"\r\nAccept-Ranges: bytes\r\nContent-Length: 19\r\nContent-Type: text/html; charset=UTF-8\r\n\r\nRS1 - 192.168.0.10\r\n^]\r\ntelnet> quit\r\nConnection closed.\r\n[root@client ~]# nc 172.25.254.200 80\r\nHEAD / HTTP/1.0\r\n\r\nHTTP/1.1 200 OK\r\nDate: Tue, 11 Jun 2024 02:10:24 GMT\r\nServer: Apache/2.4.57 (Rocky Linux)\r\nLast-Modified: Tue, 11 Jun 2024 02:10:15 GMT\r\nETag: \"13-61a93c43b4fc0\"\r\nAccept-Ranges: bytes\r\nContent-Length: 19\r\nConnection: close\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n[root@client ~]# ")
  })
})
