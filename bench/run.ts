// `npm run bench`: speed and size. Headless: HTTP requests per second through every lab (bench/http.ts;
// NAT with the trace off and on), a learner's curl loop as `lvs-lab run` runs it, `ab`, scheduler
// decisions per second over 1,000 real servers, the lessons' checks and grading. The production
// build: JS+CSS to the first prompt and in all (gzip), and in headless Chromium (bench/browser.ts)
// the time to the first prompt, frame times while packets animate and keystroke-to-echo times.
// Budgets (issue targets) are printed beside each figure; the exit code is 1 if one is missed.

import { execSync } from 'node:child_process'
import { chromium } from '@playwright/test'
import { preview } from 'vite'
import { performance } from 'node:perf_hooks'
import { Engine } from '../src/sim/engine.ts'
import { SCHEDULERS } from '../src/ipvs/schedulers/index.ts'
import { Stats } from '../src/ipvs/stats.ts'
import type { Dest, Service } from '../src/ipvs/types.ts'
import { workingNat } from '../tests/unit/helpers.ts'
import { browserFigures } from './browser.ts'
import { bundleFigures } from './first-prompt.ts'
import { httpRate, LAB_VIPS, servingLab } from './http.ts'
import { cliLoop, shellLoop, type Loop } from './loops.ts'
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
  console.log(`${name.padEnd(72)} ${value.toFixed(value < 100 ? 2 : 0).padStart(12)} ${unit.padEnd(10)} ${text ? `budget ${text} ${unit} ${ok ? 'ok' : 'MISSED'}` : ''}`)
}


/** A loop's requests per second: `n` of them timed after its setup and warm-up. */
function loopRate(loop: Loop, n: number): number {
  const start = performance.now()
  const check = loop.run(n)
  const rate = n / ((performance.now() - start) / 1000)
  check()
  return rate
}

/** The same through the shell: `curl -s` in a bash loop, as a learner would type it. */
const curlLoopRate = () => loopRate(shellLoop(), 2000)

/** What `lvs-lab run` does with a learner's 5,000-request loop (bench/loops.ts). */
const cliLoopRate = () => loopRate(cliLoop(), 5000)

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

/** The reload of a 5,000-command session in headless Chromium, on the production build. */
async function pageRestore(port: number): Promise<number> {
  const server = await preview({ preview: { port, host: '127.0.0.1', strictPort: true }, logLevel: 'error' })
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--disable-gpu'] })
  try {
    return await browserRestore(browser, `http://127.0.0.1:${port}/`)
  } finally {
    await browser.close()
    server.httpServer.close()
  }
}

const USAGE = 'usage: npm run bench [-- engine|page] [--runs N]'

/**
 * `npm run bench -- engine` or `-- page` runs one half; no argument runs both. `--runs N` takes
 * every request rate N times, the rounds interleaved (each round every lab once, so a busy spell
 * of a shared machine falls on all of them alike), and prints each one's median and spread.
 */
function parseArgs(argv: string[]): { only: 'engine' | 'page' | null; runs: number } {
  let only: 'engine' | 'page' | null = null
  let runs = 1
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if ((a === 'engine' || a === 'page') && only === null) only = a
    else if (a === '--runs' && /^[1-9]\d*$/.test(argv[i + 1] ?? '')) runs = Number(argv[++i])
    else {
      console.error(USAGE)
      process.exit(2)
    }
  }
  return { only, runs }
}

const { only, runs } = parseArgs(process.argv.slice(2))

/** Each figure's samples, one per round, in the order the rounds took them. */
function rounds(figures: Record<string, () => number>): Record<string, number[]> {
  const out: Record<string, number[]> = Object.create(null)
  for (let r = 0; r < runs; r++) for (const [name, f] of Object.entries(figures)) (out[name] ??= []).push(f())
  return out
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

/** `(median of 5, 9.8k-11.2k)` after a figure taken more than once. */
function spread(xs: number[]): string {
  if (xs.length < 2) return ''
  const k = (v: number) => `${(v / 1000).toFixed(1)}k`
  return ` (median of ${xs.length}, ${k(Math.min(...xs))}-${k(Math.max(...xs))})`
}

/**
 * Issue 9's clause: no lab's requests/s may fall more than 10% below its figure before the hook
 * table and conntrack (the range three idle runs gave then). The limit is 90% of the range's middle.
 */
const OLD_RATES: Record<string, [number, number]> = { nat: [13_200, 13_600], dr: [14_400, 15_700], tun: [12_300, 13_800], 'tun-routed': [11_900, 12_500] }

if (only !== 'page') {
const rates = rounds({
  ...Object.fromEntries(LAB_VIPS.map(([id, vip]) => [id, () => httpRate(false, id === 'nat' ? workingNat() : servingLab(id), vip, id === 'nat' ? 5000 : 3000)])),
  cli: cliLoopRate,
})
report(`HTTP requests/s through NAT (trace off)${spread(rates.nat)}`, median(rates.nat), 'req/s', { min: 10_000 })
report('HTTP requests/s through NAT (trace on)', httpRate(true), 'req/s')
report('curl in a bash loop through NAT (trace off)', curlLoopRate(), 'req/s')
report(`lvs-lab run: 5,000-curl loop through NAT${spread(rates.cli)}`, median(rates.cli), 'req/s', { min: 10_000 })
report('ab -n 1000 -c 10 through NAT (trace on), wall time', abWallTime(), 'ms', { max: 5000 })
for (const [id] of LAB_VIPS.filter(([id]) => id !== 'nat')) report(`HTTP requests/s through ${id} (trace off)${spread(rates[id])}`, median(rates[id]), 'req/s')
for (const [id] of LAB_VIPS) {
  const old = OLD_RATES[id]
  if (!old) continue
  const now = median(rates[id])
  const mid = (old[0] + old[1]) / 2
  const change = ((now / mid - 1) * 100).toFixed(0).replace(/^(?!-)/, '+')
  report(`${id} against its old ${(old[0] / 1000).toFixed(1)}-${(old[1] / 1000).toFixed(1)}k (${change}%)`, now, 'req/s', { min: Math.round(mid * 0.9) })
}
for (const name of Object.keys(SCHEDULERS)) report(`scheduler ${name}: decisions/s over 1,000 servers`, schedulerRate(name), 'dec/s')
const lessons = lessonFigures()
report('NAT lesson: state checks after a command', lessons.stateMs, 'ms', { max: 50 })
report('NAT lesson: a probe (copy + 8 requests)', lessons.probeMs, 'ms', { max: 300 })
report('grading 100 NAT submissions by replay', lessons.grade100s, 's', { max: 60 })
const predict = predictFigure()
report('DR prediction: the question (copy + held SYN)', predict.questionMs, 'ms', { max: 300 })
report('DR prediction: the answer graded', predict.answerMs, 'ms', { max: 50 })
const restore = workerRestore()
report('restore 5,000 typed commands (worker replay)', restore.commandsMs, 'ms', { max: 1000 })
report('restore a 100,000-character paste (worker replay)', restore.pasteMs, 'ms', { max: 1000 })
}

if (only !== 'engine') {
execSync('npx vite build --logLevel error', { stdio: 'inherit' })
const bundle = bundleFigures('dist')
report('production JS+CSS to the first prompt, gzip', bundle.firstPrompt, 'KB', { max: 250 })
report('production JS+CSS, every chunk, gzip', bundle.all, 'KB')
const page = await browserFigures(Number(process.env.BENCH_PORT ?? 4175))
report('navigation to first prompt (median of 5)', page.firstPromptMs, 'ms', { max: 500 })
report('first prompt with the lazy chunks held back', page.firstPromptAlone ? 1 : 0, 'yes=1', { min: 1 })
report(`frame time p95 (main-thread CPU), ${page.packets} hops`, page.frameWorkP95, 'ms', { max: 16.7 })
report(`frame interval p95 (rAF), ${page.framesDropped}/${page.frames} dropped`, page.frameIntervalP95, 'ms')
report(`keystroke to echo in the terminal p95 (${page.keys})`, page.keyWrittenP95, 'ms', { max: 16 })
report('keystroke to echo drawn p95 (+ next frame)', page.keyDrawnP95, 'ms')
report('reload restoring 5,000 commands, to the last output', await pageRestore(Number(process.env.BENCH_PORT ?? 4175) + 1), 'ms', { max: 1000 })
}
process.exit(results.every((r) => r.ok) ? 0 : 1)
