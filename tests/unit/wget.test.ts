// wget 1.21.1 against the NAT lab's VIP: the log as http.c writes it with the dot progress off a
// terminal and the bar on one, index.html.1 for a taken name, -O -, -q, -S, a 404 (exit 8), a
// refused port and an unknown host (exit 4), retries with -t/-T, and option errors (exit 2).

import { describe, expect, it } from 'vitest'
import { Tty } from '../../src/shell/tty.ts'
import { sh, workingNat } from './helpers.ts'

const lab = workingNat()
sh(lab, 'client', 'dnf install -y wget')

const CASES: [string, string, string, number][] = [
  ["wget 172.25.254.200", "", "--2024-06-11 10:10:16--  http://172.25.254.200/\nConnecting to 172.25.254.200:80... connected.\nHTTP request sent, awaiting response... 200 OK\nLength: 19 [text/html]\nSaving to: \u2018index.html\u2019\n\n     0K                                                       100% 16.9K=0s\n\n2024-06-11 10:10:16 (16.9 KB/s) - \u2018index.html\u2019 saved [19/19]\n\n", 0],
  ["wget http://172.25.254.200/; cat index.html.1", "RS1 - 192.168.0.10\n", "--2024-06-11 10:10:16--  http://172.25.254.200/\nConnecting to 172.25.254.200:80... connected.\nHTTP request sent, awaiting response... 200 OK\nLength: 19 [text/html]\nSaving to: \u2018index.html.1\u2019\n\n     0K                                                       100% 16.9K=0s\n\n2024-06-11 10:10:16 (16.9 KB/s) - \u2018index.html.1\u2019 saved [19/19]\n\n", 0],
  ["wget -q -O - 172.25.254.200", "RS2 - 192.168.0.20\n", "", 0],
  ["wget 172.25.254.200/nope", "", "--2024-06-11 10:10:16--  http://172.25.254.200/nope\nConnecting to 172.25.254.200:80... connected.\nHTTP request sent, awaiting response... 404 Not Found\n2024-06-11 10:10:16 ERROR 404: Not Found.\n\n", 8],
  ["wget 172.25.254.200:81", "", "--2024-06-11 10:10:16--  http://172.25.254.200:81/\nConnecting to 172.25.254.200:81... failed: Connection refused.\n", 4],
  ["wget nosuch", "", "--2024-06-11 10:10:16--  http://nosuch/\nResolving nosuch (nosuch)... failed: Name or service not known.\nwget: unable to resolve host address \u2018nosuch\u2019\n", 4],
  ["wget -t 2 -T 1 172.25.254.99", "", "--2024-06-11 10:10:16--  http://172.25.254.99/\nConnecting to 172.25.254.99:80... failed: Connection timed out.\nRetrying.\n\n--2024-06-11 10:10:18--  (try: 2)  http://172.25.254.99/\nConnecting to 172.25.254.99:80... failed: No route to host.\nGiving up.\n\n", 4],
  ["wget", "", "wget: missing URL\nUsage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.\n", 1],
  ["wget -S -O /dev/null 172.25.254.200", "", "--2024-06-11 10:10:19--  http://172.25.254.200/\nConnecting to 172.25.254.200:80... connected.\nHTTP request sent, awaiting response... \n  HTTP/1.1 200 OK\n  Date: Tue, 11 Jun 2024 02:10:19 GMT\n  Server: Apache/2.4.57 (Rocky Linux)\n  Last-Modified: Tue, 11 Jun 2024 02:10:15 GMT\n  ETag: \"13-61a93c43b4fc0\"\n  Accept-Ranges: bytes\n  Content-Length: 19\n  Keep-Alive: timeout=5, max=100\n  Connection: Keep-Alive\n  Content-Type: text/html; charset=UTF-8\nLength: 19 [text/html]\nSaving to: \u2018/dev/null\u2019\n\n     0K                                                       100% 16.9K=0s\n\n2024-06-11 10:10:19 (16.9 KB/s) - \u2018/dev/null\u2019 saved [19/19]\n\n", 0],
  ["wget --foo", "", "wget: unrecognized option '--foo'\nUsage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.\n", 2],
]

describe('wget', () => {
  it.each(CASES)('%s', (line, stdout, stderr, code) => {
    const r = lab.run('client', line)
    expect({ stdout: r.stdout, stderr: r.stderr, code: r.exitCode }).toEqual({ stdout, stderr, code })
  })

  it('draws the bar at a terminal', () => {
    let screen = ''
    const tty = new Tty(lab.host('client')!, lab.shellEnv(), (d) => (screen += d))
    tty.input('wget -O x.html 172.25.254.200\r')
    lab.idle(1_000_000)
    expect(screen).toBe("wget -O x.html 172.25.254.200\r\n--2024-06-11 10:10:19--  http://172.25.254.200/\r\nConnecting to 172.25.254.200:80... connected.\r\nHTTP request sent, awaiting response... 200 OK\r\nLength: 19 [text/html]\r\nSaving to: \u2018x.html\u2019\r\n\r\nx.html              100%[===================>]      19  --.-KB/s    in 0.001s  \r\n\r\n2024-06-11 10:10:19 (16.9 KB/s) - \u2018x.html\u2019 saved [19/19]\r\n\r\n[root@client ~]# ")
  })
})
