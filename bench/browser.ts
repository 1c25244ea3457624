// The page's budgets, measured on the production build (dist/, served by `vite preview`) in headless
// Debian Chromium: the time from navigation to the first prompt (and that it comes with only the
// files bench/first-prompt.ts counts), frame times while a burst of packets animates, and the time
// from a key's dispatch to its echo drawn in the terminal while packets animate.
// Everything goes through stable hooks only: window.lvsLab, the terminal's `data-host` element and
// its `data-rendered` frame counter, so a new picture (the timeline) does not break these figures.

import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { chromium, type Browser, type Page } from '@playwright/test'
import { preview } from 'vite'
import { splitScript } from '../src/lab/script.ts'
import { firstPromptFiles } from './first-prompt.ts'

interface Lab {
  lvsLab: {
    run(host: string, command: string): Promise<{ stdout: string; exitCode: number }>
    terminal(host: string): string
    trace(): Promise<{ type: string }[]>
  }
}

const promptShown = (page: Page, host: string) =>
  page.waitForFunction((h) => (window as unknown as Lab).lvsLab?.terminal(h).includes(`[root@${h} ~]#`), host, { polling: 10, timeout: 20_000 })

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]
}

export interface BrowserFigures {
  firstPromptMs: number
  /** The first prompt came with every file outside firstPromptFiles() held back. */
  firstPromptAlone: boolean
  /** Main-thread CPU per frame, p95 (ms). */
  frameWorkP95: number
  /** requestAnimationFrame intervals, p95 (ms): on a busy machine they carry its waiting too. */
  frameIntervalP95: number
  framesDropped: number
  frames: number
  packets: number
  keyWrittenP95: number
  keyDrawnP95: number
  keys: number
}

/** The NAT lab made to serve, through window.lvsLab as a teacher's script would. */
async function servingNat(page: Page): Promise<void> {
  for (const c of splitScript(readFileSync('lessons/nat/solution.script', 'utf8'))) {
    if (c.host === null || /^curl /.test(c.lines[0])) continue
    const r = await page.evaluate(([h, l]) => (window as unknown as Lab).lvsLab.run(h, l), [c.host, c.lines.join('\n')] as const)
    if (r.exitCode !== 0) throw new Error(`bench: ${c.lines[0]} failed on ${c.host}`)
  }
}

/** rAF deltas over `ms`, in the page. */
const frameDeltas = (page: Page, ms: number) =>
  page.evaluate(
    (ms) =>
      new Promise<number[]>((resolve) => {
        const deltas: number[] = []
        let last = -1
        const end = performance.now() + ms
        const frame = (t: number) => {
          if (last >= 0) deltas.push(t - last)
          last = t
          if (t < end) requestAnimationFrame(frame)
          else resolve(deltas)
        }
        requestAnimationFrame(frame)
      }),
    ms,
  )

/**
 * Types `text` into a host's terminal one key at a time and times each key from its keydown to
 * its echo: in the terminal's buffer (the first `data-written` change after which the text shows)
 * and on the screen (the first `data-rendered` frame after that). Drawing waits for the next frame,
 * so the second figure carries up to one frame interval (16.7 ms) of waiting by construction.
 */
async function keyEchoTimes(page: Page, host: string, text: string): Promise<{ written: number[]; drawn: number[] }> {
  await page.evaluate((host) => {
    const w = window as unknown as { __key?: { t0: number; want: string; written?: number }; __keys: { written: number[]; drawn: number[] } } & Lab
    w.__keys = { written: [], drawn: [] }
    document.addEventListener('keydown', () => w.__key && (w.__key.t0 = performance.now()), { capture: true })
    const el = document.querySelector(`.term[data-host="${host}"]`)!
    new MutationObserver((changes) => {
      const k = w.__key
      if (!k || k.t0 < 0) return
      for (const c of changes) {
        if (c.attributeName === 'data-written' && k.written === undefined && w.lvsLab.terminal(host).endsWith(k.want)) k.written = performance.now() - k.t0
        else if (c.attributeName === 'data-rendered' && k.written !== undefined) {
          w.__keys.written.push(k.written)
          w.__keys.drawn.push(performance.now() - k.t0)
          w.__key = undefined
          return
        }
      }
    }).observe(el, { attributes: true, attributeFilter: ['data-written', 'data-rendered'] })
  }, host)
  let typed = await page.evaluate((h) => (window as unknown as Lab).lvsLab.terminal(h), host)
  for (const ch of text) {
    typed += ch
    await page.evaluate((want) => ((window as unknown as { __key?: object }).__key = { t0: -1, want }), typed)
    await page.keyboard.press(ch === ' ' ? 'Space' : ch)
    await page.waitForFunction(() => (window as unknown as { __key?: object }).__key === undefined, null, { polling: 5, timeout: 5000 })
  }
  return page.evaluate(() => (window as unknown as { __keys: { written: number[]; drawn: number[] } }).__keys)
}

/**
 * The main thread's CPU time per frame over `ms`, from Chromium's trace: every task's thread time
 * (tdur, so time the thread spent descheduled on a busy machine does not count) summed between
 * one BeginMainFrame and the next. Also the rAF intervals of the same window.
 */
async function frameWork(browser: Browser, page: Page, ms: number): Promise<{ work: number[]; intervals: number[] }> {
  await browser.startTracing(page, { categories: ['toplevel', 'cc', 'devtools.timeline'] })
  const intervals = await frameDeltas(page, ms)
  const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: { name: string; ph: string; pid: number; tid: number; ts: number; tdur?: number; args?: { name?: string } }[] }
  const events = trace.traceEvents
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && events.some((f) => f.pid === e.pid && f.name === 'ProxyMain::BeginMainFrame'))
  if (!main) return { work: [], intervals }
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X')
  const frames = onMain.filter((e) => e.name === 'ProxyMain::BeginMainFrame').map((e) => e.ts).sort((a, b) => a - b)
  const work = frames.slice(0, -1).map(() => 0)
  for (const t of onMain) {
    if (t.name !== 'ThreadControllerImpl::RunTask' || t.tdur === undefined) continue
    // The frame interval the task started in (tasks before the first frame are left out).
    let lo = 0
    let hi = frames.length - 1
    if (t.ts < frames[0] || t.ts >= frames[hi]) continue
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1
      if (frames[mid] <= t.ts) lo = mid
      else hi = mid
    }
    work[lo] += t.tdur / 1000
  }
  return { work, intervals }
}

export async function browserFigures(port: number): Promise<BrowserFigures> {
  const server = await preview({ preview: { port, host: '127.0.0.1', strictPort: true }, logLevel: 'error' })
  const browser: Browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--disable-gpu'] })
  // tsx compiles the functions sent to page.evaluate with esbuild's keepNames, which calls __name.
  const newPage = async (options?: Parameters<Browser['newPage']>[0]) => {
    const page = await browser.newPage(options)
    await page.addInitScript('globalThis.__name = (f) => f')
    return page
  }
  const base = `http://127.0.0.1:${port}/`
  try {
    const times: number[] = []
    for (let i = 0; i < 5; i++) {
      const page = await newPage()
      const start = performance.now()
      await page.goto(base)
      await promptShown(page, 'lvs')
      times.push(performance.now() - start)
      await page.close()
    }

    // The same with every file the first prompt should not need held back (never answered).
    const files = firstPromptFiles('dist')
    const alone = await newPage()
    await alone.route(/\/assets\/.*\.(js|css)$/, (route) => (files.has(new URL(route.request().url()).pathname.split('/').pop()!) ? route.continue() : undefined))
    const firstPromptAlone = await alone
      .goto(base)
      .then(() => promptShown(alone, 'lvs'))
      .then(
        () => true,
        () => false,
      )
    await alone.close()

    const page = await newPage({ viewport: { width: 1440, height: 900 } })
    await page.goto(base)
    await promptShown(page, 'lvs')
    await servingNat(page)
    const hops = () => page.evaluate(async () => (await (window as unknown as Lab).lvsLab.trace()).filter((r) => r.type === 'wire').length)
    const before = await hops()
    // Twenty requests at once: about 200 hops (ARP, the handshakes, the rewrites, the replies) to animate.
    await page.evaluate(() => (window as unknown as Lab).lvsLab.run('client', 'for i in {1..20}; do curl -s 172.25.254.200 >/dev/null; done'))
    const packets = (await hops()) - before
    const { work, intervals } = await frameWork(browser, page, 3000)
    await page.locator('.term[data-host="lvs"]').click()
    const keys = await keyEchoTimes(page, 'lvs', 'echo the quick brown fox jumps over the lazy dog')
    await page.close()
    return {
      firstPromptMs: quantile(times, 0.5),
      firstPromptAlone,
      frameWorkP95: quantile(work, 0.95),
      frameIntervalP95: quantile(intervals, 0.95),
      framesDropped: intervals.filter((d) => d > 1.5 * (1000 / 60)).length,
      frames: intervals.length,
      packets,
      keyWrittenP95: quantile(keys.written, 0.95),
      keyDrawnP95: quantile(keys.drawn, 0.95),
      keys: keys.written.length,
    }
  } finally {
    await browser.close()
    server.httpServer.close()
  }
}
