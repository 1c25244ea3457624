// HTTP requests per second through a lab's director at the socket level, the figure issue 9 holds
// each lab to: connect, GET, read the whole response, close, each a full TCP exchange
// client -> director -> real server and back. The first WARMUP requests are not timed: the figure
// is the steady rate of a session that has been running a while, not the JIT compiling the engine.

import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { runTranscript } from '../src/cli/transcript.ts'
import { Lab } from '../src/lab/lab.ts'
import { parseIp } from '../src/net/addr.ts'
import { workingNat } from '../tests/unit/helpers.ts'

export const WARMUP = 1000

/** The labs whose tutorial ends with a working service, and the address a client requests. */
export const LAB_VIPS = [
  ['nat', '172.25.254.200'],
  ['dr', '192.168.0.220'],
  ['tun', '192.168.0.100'],
  ['tun-routed', '192.168.0.100'],
  ['fullnat', '172.25.254.200'],
] as const

/** A lab after its tutorial, serving HTTP on its VIP. */
export function servingLab(id: string): Lab {
  if (id === 'nat') return workingNat()
  const lab = Lab.create(id)
  runTranscript(lab, readFileSync(`lessons/${id}/tutorial.script`, 'utf8'))
  return lab
}

export function httpRate(trace: boolean, lab: Lab = workingNat(), vip = '172.25.254.200', n = 5000): number {
  const addr = parseIp(vip)!
  lab.engine.trace.enabled = trace
  const client = lab.host('client')!
  let start = performance.now()
  for (let i = -WARMUP; i < n; i++) {
    if (i === 0) start = performance.now()
    const sock = client.tcp.connect(addr, 80)
    if (typeof sock === 'string') throw new Error(sock)
    lab.engine.runUntil(() => sock.state !== 'SYN_SENT', Infinity)
    sock.send('GET / HTTP/1.1\r\nHost: 172.25.254.200\r\nUser-Agent: curl/7.76.1\r\nAccept: */*\r\n\r\n')
    let seen = -1
    let done = false
    // Parse the response only when bytes arrived, not after every event.
    lab.engine.runUntil(() => done || (sock.received.length !== seen && ((seen = sock.received.length), (done = complete(sock.received)))), lab.engine.now + 10_000_000)
    if (!complete(sock.received) || !sock.received.startsWith('HTTP/1.1 200')) throw new Error(`bench request ${i} failed`)
    sock.close()
    lab.engine.advanceTo(lab.engine.now + 5000)
  }
  return n / ((performance.now() - start) / 1000)
}

/** A whole HTTP response: headers, then as many body bytes as Content-Length says. */
export function complete(received: string): boolean {
  const end = received.indexOf('\r\n\r\n')
  if (end < 0) return false
  const len = /Content-Length: (\d+)/.exec(received.slice(0, end))
  return !!len && received.length - end - 4 >= Number(len[1])
}
