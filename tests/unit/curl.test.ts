// curl's common options against the NAT lab's VIP: -w write-out variables (also after a failed
// transfer: 000), -o/-O, -i, -H/-A in the request -v shows, -f, --interface, -L, `-X HEAD` waiting
// for the body Apache never sends, several URLs, and curl's option errors (exit 2).

import { describe, expect, it } from 'vitest'
import { workingNat } from './helpers.ts'

const lab = workingNat()

const CASES: [string, string, string, number][] = [
  ["curl -s -o /dev/null -w '%{http_code}\\n' 172.25.254.200", "200\n", "", 0],
  ["for i in 1 2 3 4; do curl -s -w ' %{http_code} %{remote_ip}:%{remote_port} %{size_download}\\n' 172.25.254.200; done", "RS1 - 192.168.0.10\n 200 172.25.254.200:80 19\nRS2 - 192.168.0.20\n 200 172.25.254.200:80 19\nRS1 - 192.168.0.10\n 200 172.25.254.200:80 19\nRS2 - 192.168.0.20\n 200 172.25.254.200:80 19\n", "", 0],
  ["curl -s -o /dev/null -w '%{http_code} %{content_type}\\n' 172.25.254.200/nope", "404 text/html; charset=iso-8859-1\n", "", 0],
  ["curl -s -m 1 -w '%{http_code} %{exitcode}\\n' 172.25.254.99", "000 28\n", "", 28],
  ["curl -i 172.25.254.200", "HTTP/1.1 200 OK\r\nDate: Tue, 11 Jun 2024 02:10:16 GMT\r\nServer: Apache/2.4.57 (Rocky Linux)\r\nLast-Modified: Tue, 11 Jun 2024 02:10:15 GMT\r\nETag: \"13-61a93c43b4fc0\"\r\nAccept-Ranges: bytes\r\nContent-Length: 19\r\nContent-Type: text/html; charset=UTF-8\r\n\r\nRS2 - 192.168.0.20\n", "", 0],
  ["curl -v -H 'Host: www.example.com' -A 'lab/1.0' -H 'X-Lab: 1' 172.25.254.200", "RS1 - 192.168.0.10\n", "*   Trying 172.25.254.200:80...\n* Connected to 172.25.254.200 (172.25.254.200) port 80 (#0)\n> GET / HTTP/1.1\r\n> Host: www.example.com\r\n> User-Agent: lab/1.0\r\n> Accept: */*\r\n> X-Lab: 1\r\n> \r\n* Mark bundle as not supporting multiuse\n< HTTP/1.1 200 OK\r\n< Date: Tue, 11 Jun 2024 02:10:16 GMT\r\n< Server: Apache/2.4.57 (Rocky Linux)\r\n< Last-Modified: Tue, 11 Jun 2024 02:10:14 GMT\r\n< ETag: \"13-61a93c42c0d80\"\r\n< Accept-Ranges: bytes\r\n< Content-Length: 19\r\n< Content-Type: text/html; charset=UTF-8\r\n< \r\n* Connection #0 to host 172.25.254.200 left intact\n", 0],
  ["curl -sf 172.25.254.200/nope", "", "", 22],
  ["curl -sSf 172.25.254.200/nope", "", "curl: (22) The requested URL returned error: 404\n", 22],
  ["curl -o page.html 172.25.254.200; cat page.html", "RS2 - 192.168.0.20\n", "", 0],
  ["curl -sO 172.25.254.200/index.html; cat index.html", "RS1 - 192.168.0.10\n", "", 0],
  ["curl -O 172.25.254.200", "", "curl: Remote file name has no length!\n", 23],
  ["curl --interface eth9 172.25.254.200", "", "curl: (45) Couldn't bind to 'eth9'\n", 45],
  ["curl -s --interface eth0 -o /dev/null -w '%{local_ip}\\n' 172.25.254.200", "172.25.254.111\n", "", 0],
  ["curl -sL 172.25.254.200", "RS1 - 192.168.0.10\n", "", 0],
  ["curl -X HEAD -m 10 172.25.254.200", "", "curl: (18) transfer closed with 19 bytes remaining to read\n", 18],
  ["curl --foo 172.25.254.200", "", "curl: option --foo: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n", 2],
  ["curl -s 172.25.254.200 172.25.254.200", "RS1 - 192.168.0.10\nRS2 - 192.168.0.20\n", "", 0],
  // A backslash that ends the format, or escapes anything but n/r/t, is printed as it is (curl 7.74's tool_writeout.c, run against file:///dev/null).
  ["curl -s -o /dev/null -w 'x\\' 172.25.254.200; curl -s -o /dev/null -w 'a\\qb\\t|\\n' 172.25.254.200", "x\\a\\qb\t|\n", "", 0],
  ["curl -w", "", "curl: option -w: requires parameter\ncurl: try 'curl --help' or 'curl --manual' for more information\n", 2],
]

describe('curl', () => {
  it.each(CASES)('%s', (line, stdout, stderr, code) => {
    const r = lab.run('client', line)
    expect({ stdout: r.stdout, stderr: r.stderr, code: r.exitCode }).toEqual({ stdout, stderr, code })
  })

  it('-s -o /dev/null closes its connection: the director sees it end in TIME_WAIT, not ESTABLISHED', () => {
    const l = workingNat()
    l.run('client', 'curl -s -o /dev/null 172.25.254.200')
    l.idle(1_000_000)
    expect(l.run('lvs', 'ipvsadm -Lnc').stdout.split('\n')[2]).toMatch(/^TCP \d\d:\d\d  TIME_WAIT /)
  })
})
