// `npm run bench`: speed and size, headless. HTTP requests per second through the NAT lab with the
// trace off and on, a learner's curl loop as `lvs-lab run` runs it, scheduler decisions per second
// over 1,000 real servers, the production bundle's gzip size, and the time from navigation to the
// first prompt in headless Chromium.
// Budgets (issue targets) are printed beside each figure; the exit code is 1 if one is missed.

import { execSync } from 'node:child_process'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { performance } from 'node:perf_hooks'
import { chromium } from '@playwright/test'
import { preview } from 'vite'
import { Engine } from '../src/sim/engine.ts'
import { SCHEDULERS } from '../src/ipvs/schedulers/index.ts'
import { Stats } from '../src/ipvs/stats.ts'
import type { Dest, Service } from '../src/ipvs/types.ts'
import { workingNat } from '../tests/unit/helpers.ts'
import { readFileSync as readScript } from 'node:fs'
import { runTranscript } from '../src/cli/transcript.ts'
import { Lab } from '../src/lab/lab.ts'
import { parseIp } from '../src/net/addr.ts'
import { lessonFigures, predictFigure } from './lessons.ts'
import { browserRestore, workerRestore } from './restore.ts'

/** A whole `ab -n 1000 -c 10` run as a learner types it: 1003 connections over the director. */
function abWallTime(): number {
  const lab = workingNat()
  lab.run('client', 'dnf install -y httpd-tools')
  const start = performance.now()
  const r = lab.run('client', 'ab -n 1000 -c 10 http://172.25.254.200/')
  if (r.exitCode !== 0 || !r.stdout.includes('Complete requests:      1000')) throw new Error('bench ab run failed')
  return performance.now() - start
}

const results: { name: string; value: number; unit: string; budget?: string; ok: boolean }[] = []

function report(name: string, value: number, unit: string, budget?: { min?: number; max?: number }): void {
  const ok = (budget?.min === undefined || value >= budget.min) && (budget?.max === undefined || value <= budget.max)
  const text = budget ? (budget.min !== undefined ? `>= ${budget.min}` : `<= ${budget.max}`) : undefined
  results.push({ name, value, unit, budget: text, ok })
  console.log(`${name.padEnd(46)} ${value.toFixed(value < 100 ? 2 : 0).padStart(12)} ${unit.padEnd(10)} ${text ? `budget ${text} ${unit} ${ok ? 'ok' : 'MISSED'}` : ''}`)
}

const VIP = ((172 << 24) | (25 << 16) | (254 << 8) | 200) >>> 0

/**
 * Requests through the director at the socket level: connect, GET, read the whole response, close,
 * each a full TCP exchange client -> director -> real server and back (about 20 frames on the wires).
 * The first WARMUP requests are not timed: the figure is the steady rate of a session that has been
 * running a while, not the JIT compiling the engine (which the first-prompt figure already covers).
 */
const WARMUP = 1000

function httpRate(trace: boolean, lab: Lab = workingNat(), vip = VIP, n = 5000): number {
  lab.engine.trace.enabled = trace
  const client = lab.host('client')!
  let start = performance.now()
  for (let i = -WARMUP; i < n; i++) {
    if (i === 0) start = performance.now()
    const sock = client.tcp.connect(vip, 80)
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
function complete(received: string): boolean {
  const end = received.indexOf('\r\n\r\n')
  if (end < 0) return false
  const len = /Content-Length: (\d+)/.exec(received.slice(0, end))
  return !!len && received.length - end - 4 >= Number(len[1])
}

/** The same through the shell: `curl -s` in a bash loop, as a learner would type it. */
function curlLoopRate(): number {
  const lab = workingNat()
  lab.engine.trace.enabled = false
  const n = 2000
  const start = performance.now()
  const r = lab.run('client', `for i in {1..${n}}; do curl -s 172.25.254.200 > /dev/null; done`)
  if (r.exitCode !== 0) throw new Error(`bench requests failed: ${r.output}`)
  return n / ((performance.now() - start) / 1000)
}

/**
 * What `lvs-lab run` does with a learner's 5,000-request loop: the lab booted with the trace off,
 * the NAT solution typed, and the loop's session text (every response body) built as the CLI
 * prints it. Timed after a 1,000-request warm-up, as the socket-level figure is.
 */
function cliLoopRate(): number {
  const lab = Lab.create('nat', { trace: false })
  runTranscript(lab, readScript('lessons/nat/solution.script', 'utf8') + '[root@RS1 ~]# systemctl start httpd\n[root@RS2 ~]# systemctl start httpd\n')
  runTranscript(lab, '[root@client ~]# for i in {1..1000}; do curl -s 172.25.254.200; done\n')
  const n = 5000
  const start = performance.now()
  const { text } = runTranscript(lab, `[root@client ~]# for i in {1..${n}}; do curl -s 172.25.254.200; done\n`)
  const rate = n / ((performance.now() - start) / 1000)
  if (text.split('\n').filter((l) => /^RS[12] - /.test(l)).length !== n) throw new Error('bench: the lvs-lab run loop did not get every response')
  return rate
}

function schedulerRate(name: string): number {
  const sched = SCHEDULERS[name]
  const svc: Service = { fwmark: 0, proto: 'tcp', addr: 1, port: 80, scheduler: name, schedData: null, persistent: false, timeout: 0, netmask: 0xffffffff, ops: false, pe: null, schedFlags: [], dests: [], stats: new Stats(), laddrs: [], laddrCursor: 0 }
  sched.initService?.(svc)
  for (let i = 0; i < 1000; i++) {
    const d: Dest = { addr: 0x0a000000 + i, port: 80, fwd: 'masq', weight: 1 + (i % 7), uThreshold: 0, lThreshold: 0, activeConns: i % 13, inactConns: i % 29, persistConns: 0, overloaded: false, available: true, tunType: 'ipip', tunPort: 0, tunFlags: null, stats: new Stats() }
    svc.dests.unshift(d)
    sched.addDest?.(svc, d)
  }
  const engine = new Engine(3)
  let caddr = 0
  const ctx = { rng: engine.rng, get caddr() { return caddr }, cport: 0, daddr: 0x0a000001, now: 0, explain: () => {} }
  const n = 20_000
  const start = performance.now()
  for (let i = 0; i < n; i++) {
    caddr = 0xc0a80000 + i
    sched.schedule(svc, ctx)
  }
  return n / ((performance.now() - start) / 1000)
}

function bundleGzip(): number {
  execSync('npx vite build --logLevel error', { stdio: 'inherit' })
  let total = 0
  const walk = (dir: string) => {
    for (const f of readdirSync(dir)) {
      const p = `${dir}/${f}`
      if (statSync(p).isDirectory()) walk(p)
      else if (/\.(js|css|html)$/.test(f)) total += gzipSync(readFileSync(p), { level: 9 }).length
    }
  }
  walk('dist')
  return total / 1024
}

async function firstPrompt(): Promise<{ prompt: number; restore: number }> {
  const server = await preview({ preview: { port: 4175, host: '127.0.0.1', strictPort: true }, logLevel: 'error' })
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--disable-gpu'] })
  try {
    const times: number[] = []
    for (let i = 0; i < 5; i++) {
      const page = await browser.newPage()
      const start = performance.now()
      await page.goto('http://127.0.0.1:4175/')
      await page.waitForFunction(() => (window as unknown as { lvsLab?: { terminal(h: string): string } }).lvsLab?.terminal('lvs').includes('[root@lvs ~]#'), null, { polling: 10, timeout: 10_000 })
      times.push(performance.now() - start)
      await page.close()
    }
    times.sort((a, b) => a - b)
    return { prompt: times[Math.floor(times.length / 2)], restore: await browserRestore(browser, 'http://127.0.0.1:4175/') }
  } finally {
    await browser.close()
    server.httpServer.close()
  }
}

report('HTTP requests/s through NAT (trace off)', httpRate(false), 'req/s', { min: 10_000 })
report('HTTP requests/s through NAT (trace on)', httpRate(true), 'req/s')
report('curl in a bash loop through NAT (trace off)', curlLoopRate(), 'req/s')
report('lvs-lab run: 5,000-curl loop through NAT', cliLoopRate(), 'req/s', { min: 10_000 })
report('ab -n 1000 -c 10 through NAT (trace on), wall time', abWallTime(), 'ms', { max: 5000 })
for (const [id, vip] of [['dr', '192.168.0.220'], ['tun', '192.168.0.100'], ['tun-routed', '192.168.0.100'], ['fullnat', '172.25.254.200']] as const) {
  const lab = Lab.create(id)
  runTranscript(lab, readScript(`lessons/${id}/tutorial.script`, 'utf8'))
  report(`HTTP requests/s through ${id} (trace off)`, httpRate(false, lab, parseIp(vip)!, 3000), 'req/s')
}
for (const name of Object.keys(SCHEDULERS)) report(`scheduler ${name}: decisions/s over 1,000 servers`, schedulerRate(name), 'dec/s')
const lessons = lessonFigures()
report('NAT lesson: state checks after a command', lessons.stateMs, 'ms', { max: 50 })
report('NAT lesson: a probe (copy + 8 requests)', lessons.probeMs, 'ms', { max: 300 })
report('grading 100 NAT submissions by replay', lessons.grade100s, 's', { max: 60 })
const predict = predictFigure()
report('DR prediction: the question (copy + held SYN)', predict.questionMs, 'ms', { max: 300 })
report('DR prediction: the answer graded', predict.answerMs, 'ms', { max: 50 })
report('production bundle, gzip', bundleGzip(), 'KB', { max: 250 })
const restore = workerRestore()
report('restore 5,000 typed commands (worker replay)', restore.commandsMs, 'ms', { max: 1000 })
report('restore a 100,000-character paste (worker replay)', restore.pasteMs, 'ms', { max: 1000 })
const page = await firstPrompt()
report('navigation to first prompt (median of 5)', page.prompt, 'ms', { max: 1000 })
report('reload restoring 5,000 commands, to the last output', page.restore, 'ms', { max: 1000 })
process.exit(results.every((r) => r.ok) ? 0 : 1)
