// Nothing overlaps and nothing is cut off, in every lab, as a teacher sees it: at 1440×900 each
// lab mid-request with the inspector open, and presenter mode at 1280×720 and 1920×1080, every
// host card, card line, network title, interface label and rate in the picture is measured
// against every other and against the box it must stay inside (and every link against the cards
// it must not cross), and every text of the picture's
// panel, the inspector and the log against the element that clips it. Screenshots of each state go
// to test-results/ to be looked at (layout-*.png).

import { mkdirSync, readFileSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { splitScript } from '../../src/lab/script.ts'
import type { W } from './page-helpers.ts'

interface Lab {
  load(id: string): Promise<void>
  run(host: string, command: string): Promise<{ stdout: string; exitCode: number }>
  terminal(host: string): string
  timeline(): { records: { type: string; id: number; fromHost?: string; toHost?: string[] }[] }
  seek(index: number): void
  pause(): void
}
const lab = (page: Page) => ({
  load: (id: string) => page.evaluate((x) => (window as unknown as { lvsLab: Lab }).lvsLab.load(x), id),
  run: (host: string, line: string) => page.evaluate(([h, c]) => (window as unknown as { lvsLab: Lab }).lvsLab.run(h, c), [host, line] as const),
})

export const VIP: Record<string, string> = { nat: '172.25.254.200', dr: '192.168.0.220', tun: '192.168.0.100', 'tun-routed': '192.168.0.100', fullnat: '172.25.254.200' }
export const DIRECTOR: Record<string, string> = { nat: 'lvs', dr: 'dr-lvs', tun: 'lvs-tun', 'tun-routed': 'lvs-tun', fullnat: 'fnat' }

/** Builds a lab from its tutorial through the automation surface. */
async function solve(page: Page, id: string): Promise<void> {
  await lab(page).load(id)
  let host = 'client'
  for (const c of splitScript(readFileSync(new URL(`../../lessons/${id}/tutorial.script`, import.meta.url), 'utf8'))) {
    host = c.host ?? host
    await lab(page).run(host, c.lines.join('\n'))
  }
  if (id === 'nat') for (const rs of ['RS1', 'RS2']) await lab(page).run(rs, 'systemctl start httpd')
}

/** Sends one request and stops the timeline on the director forwarding it (that hop open in the inspector, if it is shown). */
async function midRequest(page: Page, id: string, inspect = true): Promise<void> {
  expect((await lab(page).run('client', `curl -s -m 2 ${VIP[id]}`)).exitCode).toBe(0)
  await page.evaluate((director) => {
    const l = (window as unknown as { lvsLab: Lab }).lvsLab
    const records = l.timeline().records
    const at = records.map((r) => r.type === 'wire' && r.fromHost === director && !r.toHost?.includes('client')).lastIndexOf(true)
    l.pause()
    l.seek(at)
  }, DIRECTOR[id])
  await expect(page.locator('svg.topology .envelope').first()).toBeVisible()
  if (!inspect) return
  await page.locator('svg.topology .envelope').first().click()
  await expect(page.locator('[data-testid=inspector] .layer').first()).toBeVisible()
}

/**
 * What overlaps or is cut off on the page now, each as a sentence naming the two things (or the
 * text and what clips it). Runs in the page.
 */
function faults(): string[] {
  const out: string[] = []
  type Box = { what: string; l: number; t: number; r: number; b: number }
  const box = (el: Element, what: string): Box => {
    const x = el.getBoundingClientRect()
    return { what, l: x.left, t: x.top, r: x.right, b: x.bottom }
  }
  // Two labels closer than half their text's height read as one ("eth0eth0"): they keep a gap.
  const gapOf = (a: Box, b: Box) => Math.min(a.b - a.t, b.b - b.t) / 2
  const hit = (a: Box, b: Box, gap = 0) => a.l < b.r + gap && b.l < a.r + gap && a.t < b.b + gap && b.t < a.b + gap
  const inside = (a: Box, c: Box, slack = 0.5) => a.l >= c.l - slack && a.r <= c.r + slack && a.t >= c.t - slack && a.b <= c.b + slack
  const name = (el: Element) => `${el.getAttribute('data-of') ?? el.closest('[data-host]')?.getAttribute('data-host') ?? ''} "${el.textContent?.trim().slice(0, 50)}"`.trim()

  const svg = document.querySelector('svg.topology')
  if (svg) {
    const canvas = box(svg.parentElement!, 'the picture')
    const cards = [...svg.querySelectorAll('g.host')].map((g) => box(g.querySelector('rect.card')!, `card ${g.getAttribute('data-host')}`))
    const labels = [...svg.querySelectorAll('text.cidr, text.ifname, text.rate')].map((t) => box(t, `${t.classList[0]} ${name(t)}`))
    for (let i = 0; i < cards.length; i++) for (let j = i + 1; j < cards.length; j++) if (hit(cards[i], cards[j], 2)) out.push(`${cards[i].what} overlaps ${cards[j].what}`)
    for (let i = 0; i < labels.length; i++) {
      for (let j = i + 1; j < labels.length; j++) if (hit(labels[i], labels[j], gapOf(labels[i], labels[j]))) out.push(`${labels[i].what} touches ${labels[j].what}`)
      for (const c of cards) if (hit(labels[i], c)) out.push(`${labels[i].what} lies on ${c.what}`)
    }
    // A link runs from its card to its bus: through another card it would read as wired to that host.
    for (const line of svg.querySelectorAll('line.link')) {
      const b = box(line, `the link of ${line.getAttribute('data-of')}`)
      for (const c of cards) if (c.what !== `card ${line.getAttribute('data-of')}` && hit({ ...b, t: b.t + 0.5, b: b.b - 0.5 }, c)) out.push(`${b.what} runs through ${c.what}`)
    }
    for (const g of svg.querySelectorAll('g.host')) {
      const card = box(g.querySelector('rect.card')!, `card ${g.getAttribute('data-host')}`)
      const mark = g.querySelector('.dropmark circle')
      const lines = [...g.querySelectorAll('text.line')]
      for (const t of lines) {
        const b = box(t, `line ${name(t)}`)
        if (!inside(b, card)) out.push(`${b.what} runs out of ${card.what}`)
        if (mark && hit(b, box(mark, 'drop mark'))) out.push(`the drop mark covers ${b.what}`)
      }
    }
    for (const t of svg.querySelectorAll('text')) {
      const b = box(t, `text ${name(t)}`)
      if (b.r > b.l && !inside(b, canvas)) out.push(`${b.what} is cut off by the picture's edge`)
    }
  }

  // HTML text the page clips: an element that hides its overflow (or ends it with an ellipsis) and
  // holds more than it shows, or a text whose glyphs leave a clipping ancestor's box.
  const clips = (el: Element) => {
    const s = getComputedStyle(el)
    return s.overflowX !== 'visible' || s.textOverflow === 'ellipsis'
  }
  for (const root of document.querySelectorAll('.picture, .details, .log')) {
    for (const el of [root, ...root.querySelectorAll('*')]) {
      if (el.closest('svg, .xterm') || !(el instanceof HTMLElement) || !el.offsetParent) continue
      const s = getComputedStyle(el)
      const scrolls = s.overflowX === 'auto' || s.overflowX === 'scroll'
      if (clips(el) && !scrolls && el.scrollWidth > el.clientWidth + 1 && el.innerText.trim()) out.push(`${el.tagName.toLowerCase()}.${el.classList[0] ?? ''} "${el.innerText.trim().slice(0, 50)}" is cut off (${el.scrollWidth} > ${el.clientWidth} px)`)
    }
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const host = n.parentElement
      if (!host || !n.textContent?.trim() || host.closest('svg, .xterm') || !host.offsetParent) continue
      const range = document.createRange()
      range.selectNodeContents(n)
      const rects = [...range.getClientRects()].filter((r) => r.width > 0)
      // The nearest ancestor that clips: along an axis it hides (not one it scrolls), the glyphs stay inside it.
      for (let a: HTMLElement | null = host; a && a !== document.body; a = a.parentElement) {
        const s = getComputedStyle(a)
        if (s.overflowX === 'visible' && s.overflowY === 'visible') continue
        const hides = (v: string) => v === 'hidden' || v === 'clip'
        const c = a.getBoundingClientRect()
        const across = hides(s.overflowX) && rects.some((r) => r.right > c.right + 1 || r.left < c.left - 1)
        const down = hides(s.overflowY) && rects.some((r) => r.bottom > c.bottom + 1 || r.top < c.top - 1)
        if (across || down) out.push(`"${n.textContent.trim().slice(0, 50)}" is cut off by ${a.tagName.toLowerCase()}.${a.classList[0] ?? ''}`)
        break
      }
    }
  }
  return [...new Set(out)]
}

test.beforeAll(() => mkdirSync('test-results', { recursive: true }))

for (const id of ['nat', 'dr', 'tun', 'tun-routed', 'fullnat']) {
  test(`${id} at 1440×900 mid-request, inspector open: nothing overlaps, nothing is cut off`, async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 })
    await page.goto('/')
    await page.evaluate(() => localStorage.clear())
    await page.reload()
    await expect.poll(() => page.evaluate(() => (window as unknown as W).lvsLab?.terminal('lvs') ?? '')).toContain('[root@lvs ~]# ')
    await solve(page, id)
    await midRequest(page, id)
    await page.screenshot({ path: `test-results/layout-${id}-1440x900.png` })
    expect(await page.evaluate(faults)).toEqual([])
    for (const layer of ['MACs', 'routes', 'sysctls', 'ARP caches']) await page.getByRole('checkbox', { name: layer }).check()
    await page.screenshot({ path: `test-results/layout-${id}-1440x900-layers.png` })
    expect(await page.evaluate(faults)).toEqual([])
  })
}

for (const [width, height] of [
  [1280, 720],
  [1920, 1080],
] as const) {
  test(`presenter mode at ${width}×${height}, DR mid-request: nothing overlaps, nothing is cut off`, async ({ page }) => {
    await page.setViewportSize({ width, height })
    await page.goto('/?present=1')
    await page.evaluate(() => localStorage.clear())
    await page.goto('/?present=1')
    await expect.poll(() => page.evaluate(() => (window as unknown as W).lvsLab?.terminal('lvs') ?? '')).toContain('[root@lvs ~]# ')
    await solve(page, 'dr')
    await midRequest(page, 'dr', false)
    await page.screenshot({ path: `test-results/layout-present-dr-${width}x${height}.png` })
    expect(await page.evaluate(faults)).toEqual([])
  })
}
