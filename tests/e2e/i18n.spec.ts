// The page in Traditional Chinese as a browser set to zh-TW first meets it: the document says
// lang="zh-Hant" before the interface is drawn, the engine's names (lab, roles, networks, the
// inspector's fields, the log's segments) come in the tutorial's terms, and CJK text renders with
// real glyphs (Noto CJK, which .ci/run installs), not the boxes of a missing font. A screenshot of
// the NAT lab mid-request goes to artifacts/i18n-zh-Hant.png to be looked at.

import { mkdirSync } from 'node:fs'
import { solutionCommands } from './solution.ts'
import { expect, test } from '@playwright/test'

interface Automation {
  run(host: string, command: string): Promise<{ stdout: string; exitCode: number }>
  terminal(host: string): string
}

const lab = (page: import('@playwright/test').Page) => ({
  run: (host: string, command: string) => page.evaluate(([h, c]) => (window as unknown as { lvsLab: Automation }).lvsLab.run(h, c), [host, command]),
})

test.use({ locale: 'zh-TW', viewport: { width: 1440, height: 900 } })

test('a zh-TW browser gets 繁體 from the first paint, in the tutorial’s terms, with CJK glyphs', async ({ page }) => {
  // What <html lang> says at the moment the interface first appears in the document.
  await page.addInitScript(() => {
    new MutationObserver((_m, observer) => {
      const app = document.getElementById('app')
      if (app?.firstElementChild) {
        ;(window as unknown as { langAtMount: string }).langAtMount = document.documentElement.lang
        observer.disconnect()
      }
    }).observe(document, { childList: true, subtree: true })
  })
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto('/')
  await expect(page.locator('header h1')).toContainText('LVS 實驗室')
  expect(await page.evaluate(() => [(window as unknown as { langAtMount: string }).langAtMount, document.documentElement.lang, document.title])).toEqual(['zh-Hant', 'zh-Hant', 'LVS 實驗室'])

  // The engine's names, in the catalogue's words.
  await expect(page.getByLabel('實驗').locator('option:checked')).toHaveText('LVS-NAT')
  await expect(page.locator('.topology .line.name')).toHaveText(['client · 用戶端', 'lvs · 調度器', 'RS1 · 真實伺服器', 'RS2 · 真實伺服器'])
  // Each network's title is its name over its CIDR.
  await expect(page.locator('.topology .cidr tspan')).toHaveText(['公網', '172.25.254.0/24', '私網', '192.168.0.0/24'])

  for (const s of solutionCommands('lessons/nat/solution.script')) await lab(page).run(s.host, s.command)
  expect((await lab(page).run('client', 'curl -s 172.25.254.200')).stdout).toMatch(/^RS[12] - /)
  await expect(page.getByRole('tab', { name: '調度算法' })).toBeVisible()
  const wire = page.locator('.log li.wire button', { hasText: /（公網）：.*Flags \[S\]/ }).first()
  await expect(wire).toBeVisible()
  await wire.click()
  await expect(page.locator('[data-testid=inspector] .where').first()).toContainText('公網')
  // Layer titles and field names in the catalogue's words; protocol abbreviations stay.
  const inspector = page.locator('[data-testid=inspector]')
  await expect(inspector.locator('.ltitle').first()).toHaveText('乙太網路 II')
  await expect(inspector.locator('.chip .name').first()).toHaveText('目的 MAC')
  await expect(inspector.locator('.chip .name', { hasText: '目的地址' })).toHaveCount(1)
  await expect(inspector.locator('.chip .name', { hasText: '來源連接埠' })).toHaveCount(1)
  await expect(inspector.locator('.chip .name', { hasText: /^(dst|src|ttl|version)$/ })).toHaveCount(0)

  // Two different characters drawn in the page's font must not draw the same: a missing font
  // draws every character as the same box.
  const glyphs = await page.evaluate(() => {
    const font = getComputedStyle(document.body).fontFamily
    const draw = (ch: string) => {
      const c = document.createElement('canvas')
      c.width = c.height = 48
      const g = c.getContext('2d')!
      g.font = `40px ${font}`
      g.fillText(ch, 2, 40)
      return Array.from(g.getImageData(0, 0, 48, 48).data).join(',')
    }
    const [a, b, box] = [draw('調'), draw('度'), draw('\u{10FFFD}')]
    return { differ: a !== b, inked: a.split(',').some((v) => v !== '0'), notBox: a !== box && b !== box }
  })
  expect(glyphs).toEqual({ differ: true, inked: true, notBox: true })

  mkdirSync('artifacts', { recursive: true })
  await page.screenshot({ path: 'artifacts/i18n-zh-Hant.png' })
  expect(errors).toEqual([])
})

test('the language switch keeps lang in step, and English comes back', async ({ page }) => {
  await page.goto('/')
  await expect(page.locator('header h1')).toContainText('LVS 實驗室')
  // A locale's catalogue is fetched when it is first chosen: once its words are on screen, lang says it.
  await page.getByLabel('語言').selectOption('zh-Hans')
  await expect(page.locator('.topology .line.name').first()).toHaveText('client · 客户端')
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-Hans')
  await page.getByLabel('语言').selectOption('en')
  await expect(page.locator('.topology .line.name')).toHaveText(['client · client', 'lvs · director', 'RS1 · real server', 'RS2 · real server'])
  expect(await page.evaluate(() => [document.documentElement.lang, document.title])).toEqual(['en', 'LVS Lab'])
  await page.reload()
  await expect(page.locator('header h1')).toContainText('LVS Lab')
})
