// Every string of the page's own interface is translated: in 简体 and 繁體, with every panel opened
// (lesson list and a lesson, the inspector's tabs after traffic, sharing, presenter mode and its
// menu, the shortcut list, a demo reel, the small-screen tabs and key row), every control, heading,
// label, tab, option and banner either carries Chinese or is a name the tools themselves use (a
// host, an interface, a protocol, a key, a lab's own short name, a path), or English in the
// language menu. Simulated tools'
// output (terminals, tcpdump lines, check findings quoting a tool) is not UI text and is left out.

import { expect, test, type Page } from '@playwright/test'
import { runSolution, type W } from './page-helpers.ts'

/**
 * The inspector's words that are not the wire's: every English word left once the values as the
 * bytes hold them (addresses, numbers, hex, tcpdump's flag notation), the tools' and protocols'
 * own names (hosts, interfaces, IPv4, IPIP, iptables chains, ip neigh's lladdr…) and the packet's own text are taken
 * out. The hop's title line is tcpdump's own output and the hex view the bytes, so neither counts.
 */
function inspectorEnglish(): string[] {
  const OWN = new Set(['IPv4', 'IPIP', 'TCP', 'UDP', 'ICMP', 'GRE', 'GUE', 'ARP', 'Ethernet', 'II', 'MAC', 'IP', 'TTL', 'TOS', 'NOP', 'MSS', 'SACK', 'TOA', 'DF', 'MF', 'IPVS', 'NAT', 'TUN', 'DR', 'FULLNAT', 'val', 'ecr', 'lladdr', 'iptables', 'firewalld', 'filter', 'nat', 'mangle', 'raw', 'PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING', 'ACCEPT', 'public', 'lo', 'ct', 'state', 'established', 'related', 'rr', 'wrr', 'wlc', 'lc'])
  const HOST = /^(?:client|luyou|lvs|lvs-tun|dr-lvs|fnat|rs\d|RS\d|eth\d|tunl0)$/
  const out = new Set<string>()
  const root = document.querySelector('[data-testid=inspector]')!
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.parentElement?.closest('.title, .hex, code')) continue
    const text = n.textContent!.replace(/\b(?:[0-9a-f]{2}:){5}[0-9a-f]{2}\b|\b\d+(?:\.\d+){3}(?::\d+)?(?:\/\d+)?\b|0x[0-9a-f]+|\[[SFRP.]*\]|\[none\]/gi, ' ')
    for (const word of text.match(/[A-Za-z][\w-]*/g) ?? []) if (!OWN.has(word) && !HOST.test(word) && !/^\d/.test(word)) out.add(`${word} in "${n.textContent!.trim().slice(0, 80)}"`)
  }
  return [...out]
}

/** Names that are the same in every language: hosts, interfaces, protocols, keys, lab names, symbols. */
const TECHNICAL = /^(?:English|\/[\w./-]+|[A-Z]{2,}[\w/-]*(?:（[A-Z]+）)?|(?:lvs|client|luyou|dr-lvs|fnat|lvs-tun|rs\d|RS\d)(?:,\s*\w+)*|eth\d|lo|tunl0|sysctl|Esc|Tab|Ctrl-[A-Z]|A[−+]|Shift\+Tab|\d+(?:\.\d+)*(?:px|×|%)?|[«»✕⇤⇥◀▶▷⏸…?↑↓←→+−| ]+)$/

/** The visible UI text with English words and no Chinese, outside terminals and tools' output. */
function untranslated(): string[] {
  const CJK = /[\u3400-\u9fff]/
  const out = new Set<string>()
  const shown = (el: Element) => {
    const r = el.getBoundingClientRect()
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden'
  }
  const ui = 'button, label, h1, h2, h3, h4, summary, option, th, [role=tab], [role=alert], [role=status], legend, dt, .notice, .failed, p'
  const tool = '.xterm, code, kbd, pre, .found, .expected, .events, .caption, svg, .hex, .legend, .command, [data-tool]'
  for (const el of document.querySelectorAll(ui)) {
    if (el.closest(tool) || (el.tagName !== 'OPTION' && !shown(el))) continue
    const text = (el as HTMLElement).innerText?.trim() ?? el.textContent!.trim()
    if (!text || CJK.test(text) || !/[A-Za-z]{3,}/.test(text)) continue
    out.add(`${el.tagName.toLowerCase()}: ${text.slice(0, 120)}`)
  }
  for (const el of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
    if (el.closest(tool)) continue
    for (const a of ['aria-label', 'title', 'placeholder']) {
      const v = el.getAttribute(a)?.trim()
      if (v && !CJK.test(v) && /[A-Za-z]{3,}/.test(v)) out.add(`@${a}: ${v.slice(0, 120)}`)
    }
  }
  return [...out]
}

async function sweep(page: Page, seen: Map<string, string>, where: string): Promise<void> {
  for (const s of await page.evaluate(untranslated)) {
    const text = s.slice(s.indexOf(': ') + 2)
    if (!TECHNICAL.test(text) && !seen.has(s)) seen.set(s, where)
  }
}

for (const locale of ['zh-Hant', 'zh-Hans'] as const) {
  test(`every panel in ${locale} is in Chinese, save the tools' own names`, async ({ page }) => {
    test.setTimeout(180_000)
    await page.setViewportSize({ width: 1440, height: 900 })
    await page.goto('/')
    await page.evaluate((l) => {
      localStorage.clear()
      localStorage.setItem('lvs-lab.locale', l)
    }, locale)
    await page.goto('/')
    await page.locator('header select').nth(1).selectOption(locale)
    await expect(page.locator('html')).toHaveAttribute('lang', locale)
    const seen = new Map<string, string>()
    await sweep(page, seen, 'fresh')
    await runSolution(page, 'nat')
    await expect(page.locator('svg.topology .line.svc')).toHaveCount(1)
    await sweep(page, seen, 'after the NAT solution')
    for (const tab of await page.locator('.details [role=tab]').all()) {
      await tab.click()
      await sweep(page, seen, `inspector tab ${await tab.innerText()}`)
    }
    await page.evaluate(() => (window as unknown as W).lvsLab.openLesson('nat'))
    await expect(page.locator('.lesson-area h2').first()).toBeVisible()
    await sweep(page, seen, 'lesson open')
    await page.goto('/?present=1')
    // The terminal takes typing focus once its lab is up; the shortcuts are for the page, so wait
    // for that before moving focus off it (else a late focus would take the `?` as typing).
    await page.waitForFunction(() => !!document.activeElement?.closest('.xterm'))
    await page.locator('.presenter-menu summary').click()
    await sweep(page, seen, 'presenter menu')
    await page.locator('h1').click()
    await page.keyboard.press('?')
    await expect(page.getByRole('dialog')).toBeVisible()
    await sweep(page, seen, 'shortcut list')
    await page.keyboard.press('Escape')
    await page.goto('/?demo=nat&speed=8')
    await expect(page.locator('section.demo h2')).toBeVisible()
    await sweep(page, seen, 'demo reel')
    await page.setViewportSize({ width: 390, height: 844 })
    await page.goto('/')
    for (const tab of await page.locator('.views [role=tab]').all()) {
      await tab.click()
      await sweep(page, seen, 'small screen')
    }
    expect([...seen].map(([s, where]) => `${where}: ${s}`)).toEqual([])
  })
}

test('the inspector in 繁體 on a NAT, a TUN and a FULLNAT hop: no English explanation left', async ({ page }) => {
  test.setTimeout(180_000)
  await page.setViewportSize({ width: 1440, height: 900 })
  await page.goto('/')
  await page.evaluate(() => {
    localStorage.clear()
    localStorage.setItem('lvs-lab.locale', 'zh-Hant')
  })
  await page.goto('/')
  await page.locator('header select').nth(1).selectOption('zh-Hant')
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hant')
  const left: string[] = []
  for (const [lab, vip, director] of [
    ['nat', '172.25.254.200', 'lvs'],
    ['tun', '192.168.0.100', 'lvs-tun'],
    ['fullnat', '172.25.254.200', 'fnat'],
  ] as const) {
    await page.evaluate((id) => (window as unknown as W).lvsLab.load(id), lab)
    await runSolution(page, lab)
    await page.evaluate((v) => (window as unknown as W).lvsLab.run('client', `curl -s -m 2 ${v}`), vip)
    // The director's forwarding of the request's first data segment: its rewrites, the tunnel's outer header, the TOA option.
    await page.evaluate((d) => {
      const l = (window as unknown as W).lvsLab as unknown as { timeline(): { records: { type: string; fromHost?: string; toHost?: string[] }[] }; seek(i: number): void; pause(): void }
      const records = l.timeline().records
      const at = records.map((r) => r.type === 'wire' && r.fromHost === d && !r.toHost?.includes('client')).lastIndexOf(true)
      l.pause()
      l.seek(at)
    }, director)
    await page.locator('svg.topology .envelope').first().click()
    await expect(page.locator('[data-testid=inspector] .layer').first()).toBeVisible()
    left.push(...(await page.evaluate(inspectorEnglish)).map((s) => `${lab}: ${s}`))
  }
  expect(left).toEqual([])
})
