// ncat (nmap-ncat 7.92) through the NAT director: a request piped in and the answer out, -z, -v's
// messages, the errors and their statuses, UDP to a closed port, a listener on a real server, and a
// connection held open (ActiveConn 1) until Apache's request timeout closes it.

import { describe, expect, it } from 'vitest'
import { Task } from '../../src/sim/task.ts'
import { sh, workingNat } from './helpers.ts'

const lab = workingNat()
sh(lab, 'client', 'dnf install -y nmap-ncat')

const CASES: [string, string, string, number][] = [
  ["printf \"GET / HTTP/1.0\\r\\n\\r\\n\" | nc -v 172.25.254.200 80", "HTTP/1.1 200 OK\r\nDate: Tue, 11 Jun 2024 02:10:16 GMT\r\nServer: Apache/2.4.57 (Rocky Linux)\r\nLast-Modified: Tue, 11 Jun 2024 02:10:15 GMT\r\nETag: \"13-61a93c43b4fc0\"\r\nAccept-Ranges: bytes\r\nContent-Length: 19\r\nConnection: close\r\nContent-Type: text/html; charset=UTF-8\r\n\r\nRS2 - 192.168.0.20\n", "Ncat: Version 7.92 ( https://nmap.org/ncat )\nNcat: Connected to 172.25.254.200:80.\nNcat: 18 bytes sent, 285 bytes received in 0.00 seconds.\n", 0],
  ["nc -zv 172.25.254.200 80", "", "Ncat: Version 7.92 ( https://nmap.org/ncat )\nNcat: Connected to 172.25.254.200:80.\nNcat: 0 bytes sent, 0 bytes received in 0.00 seconds.\n", 0],
  ["nc -z 172.25.254.200 81", "", "Ncat: Connection refused.\n", 1],
  ["nc -v 172.25.254.200 81", "", "Ncat: Version 7.92 ( https://nmap.org/ncat )\nNcat: Connection refused.\n", 1],
  ["nc -w 2 172.25.254.99 80", "", "Ncat: TIMEOUT.\n", 1],
  ["nc nosuch 80", "", "Ncat: Could not resolve hostname \"nosuch\": Name or service not known. QUITTING.\n", 2],
  ["nc", "", "Ncat: You must specify a host to connect to. QUITTING.\n", 2],
  ["nc -Q", "", "nc: invalid option -- 'Q'\nNcat: Try `--help' or man(1) ncat for more information, usage options and help. QUITTING.\n", 2],
  ["nc 172.25.254.200 abc", "", "Ncat: Invalid port number \"abc\". QUITTING.\n", 2],
  ["echo hi | nc -u -v 172.25.254.200 53", "", "Ncat: Version 7.92 ( https://nmap.org/ncat )\nNcat: Connected to 172.25.254.200:53.\nNcat: Connection refused.\n", 1],
]

describe('ncat', () => {
  it.each(CASES)('%s', (line, stdout, stderr, code) => {
    const r = lab.run('client', line)
    expect({ stdout: r.stdout, stderr: r.stderr, code: r.exitCode }).toEqual({ stdout, stderr, code })
  })

  it('-s binds the source address, -n refuses names', () => {
    expect(lab.run('client', 'nc -zv -s 172.25.254.111 172.25.254.200 80').stderr).toBe('Ncat: Version 7.92 ( https://nmap.org/ncat )\nNcat: Connected to 172.25.254.200:80.\nNcat: 0 bytes sent, 0 bytes received in 0.00 seconds.\n')
    const r = lab.run('client', 'nc -z -s 10.1.1.1 172.25.254.200 80')
    expect([r.stderr, r.exitCode]).toEqual(['Ncat: bind to 10.1.1.1:0: Cannot assign requested address. QUITTING.\n', 2])
    const n = lab.run('client', 'nc -n -z localhost 80')
    expect([n.stderr, n.exitCode]).toEqual(['Ncat: Could not resolve hostname "localhost": Name or service not known. QUITTING.\n', 2])
  })

  it('listens (-l) for one connection and prints what it receives; a taken port is refused', () => {
    const l = workingNat()
    sh(l, 'rs1', 'dnf install -y nmap-ncat')
    sh(l, 'lvs', 'dnf install -y nmap-ncat')
    let out = ''
    const listener = new Task(l.shellFor(l.host('rs1')!).runSource('nc -lv 5000', { stdin: '', out: (t) => (out += t), err: (t) => (out += t), tty: false })).start()
    l.idle(1_000_000)
    expect(l.run('lvs', 'echo hello | nc 192.168.0.10 5000').exitCode).toBe(0)
    l.idle(1_000_000)
    expect(listener.done.value).toEqual({ ok: true, value: 0 })
    expect(out).toMatch(/^Ncat: Version 7\.92 \( https:\/\/nmap\.org\/ncat \)\nNcat: Listening on :::5000\nNcat: Listening on 0\.0\.0\.0:5000\nNcat: Connection from 192\.168\.0\.100\.\nNcat: Connection from 192\.168\.0\.100:\d+\.\nhello\n$/)
    const taken = l.run('rs1', 'nc -l 80')
    expect([taken.stderr, taken.exitCode]).toEqual(['Ncat: bind to 0.0.0.0:80: Address already in use. QUITTING.\n', 2])
  })

  it('UDP: a listener receives the datagrams a client sends', () => {
    const l = workingNat()
    sh(l, 'rs1', 'dnf install -y nmap-ncat')
    sh(l, 'lvs', 'dnf install -y nmap-ncat')
    let out = ''
    const listener = new Task(l.shellFor(l.host('rs1')!).runSource('nc -lu 5353', { stdin: '', out: (t) => (out += t), err: (t) => (out += t), tty: false })).start()
    l.idle(1_000_000)
    const r = l.run('lvs', 'printf "one\\ntwo\\n" | nc -u -w 1 192.168.0.10 5353')
    expect(r.exitCode).toBe(0)
    expect(out).toBe('one\ntwo\n')
    listener.interrupt()
  })

  it('a connection held open shows as ActiveConn until Apache closes it after 20 s', () => {
    const l = workingNat()
    sh(l, 'client', 'dnf install -y nmap-ncat')
    const held = new Task(l.shellFor(l.host('client')!).runSource('nc --recv-only 172.25.254.200 80', { stdin: '', out: () => {}, err: () => {}, tty: false })).start()
    l.idle(2_000_000)
    const active = () => l.run('lvs', 'ipvsadm -Ln').stdout.split('\n').slice(4, 6).map((x) => x.trim().split(/\s+/).slice(4, 6).join(' '))
    expect(active()).toEqual(['0 0', '1 0'])
    l.idle(20_000_000)
    expect(held.done.value).toEqual({ ok: true, value: 0 })
    expect(active()).toEqual(['0 0', '0 1'])
    expect(l.run('rs2', 'tail -1 /var/log/httpd/access_log').stdout).toMatch(/^172\.25\.254\.111 - - \[11\/Jun\/2024:10:10:\d\d \+0800\] "-" 408 - "-" "-"\n$/)
  })
})
