// Keyboard and screen readers: the NAT lab done with the keyboard alone (Esc then Tab out of a
// terminal, Shift+Tab to the host tabs, Enter back in), every control reachable in order with a
// visible focus ring, and an axe scan with no violations in each state of the page (fresh,
// mid-lesson, inspector open, presenter mode) in each of its three languages.

import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { freshPage, solution, typeCommand, waitFor, type W } from './page-helpers.ts'

const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null
    if (!el) return null
    const term = el.closest('.term') as HTMLElement | null
    return { role: el.getAttribute('role') ?? el.tagName.toLowerCase(), name: (el.getAttribute('aria-label') ?? (el as HTMLInputElement).labels?.[0]?.textContent ?? el.textContent ?? '').trim().slice(0, 40), terminal: term?.dataset.host ?? null, outline: getComputedStyle(el).outlineStyle }
  })

/** From inside a terminal to another host's terminal with the keyboard only. */
async function keyboardTo(page: Page, host: string): Promise<void> {
  await page.keyboard.press('Escape')
  await page.keyboard.press('Shift+Tab')
  for (let i = 0; i < 12; i++) {
    const f = await focused(page)
    if (f?.role === 'tab' && f.name === host) break
    await page.keyboard.press('Shift+Tab')
  }
  const f = await focused(page)
  expect(f).toMatchObject({ role: 'tab', name: host, outline: 'solid' })
  await page.keyboard.press('Enter')
  await expect.poll(async () => (await focused(page))?.terminal).toBe(host)
}

test('the NAT lab with the keyboard alone', async ({ page }) => {
  test.setTimeout(180_000)
  await freshPage(page)
  expect((await focused(page))?.terminal).toBe('lvs')
  // Tab alone stays in the terminal (bash completes with it); Esc then Tab leaves it.
  await page.keyboard.press('Tab')
  expect((await focused(page))?.terminal).toBe('lvs')
  let host = 'lvs'
  for (const c of solution('nat')) {
    const h = c.host.toLowerCase() === 'lvs' ? 'lvs' : c.host.toUpperCase() === 'RS1' || c.host.toUpperCase() === 'RS2' ? c.host.toUpperCase() : c.host
    if (h !== host) {
      await keyboardTo(page, h)
      host = h
    }
    await typeCommand(page, h, c.line)
  }
  await waitFor(page, 'client', /curl 172\.25\.254\.200\nRS[12] - 192\.168\.0\.[12]0/)
  await typeCommand(page, 'client', 'curl 172.25.254.200')
  await waitFor(page, 'client', /RS1 - 192\.168\.0\.10[\s\S]*RS2 - 192\.168\.0\.20|RS2 - 192\.168\.0\.20[\s\S]*RS1 - 192\.168\.0\.10/)
})

test('every control is reached in order by Tab, each with a visible focus ring', async ({ page }) => {
  await freshPage(page)
  await page.locator('h1').click()
  const seen: { role: string; name: string; terminal: string | null; outline: string }[] = []
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab')
    const f = (await focused(page))!
    if (f.terminal) {
      seen.push(f)
      // The way on from a terminal.
      await page.keyboard.press('Escape')
      await page.keyboard.press('Tab')
      const next = (await focused(page))!
      expect(next.terminal).toBeNull()
      seen.push(next)
      break
    }
    seen.push(f)
  }
  const names = seen.map((f) => f.terminal ?? f.name)
  for (const name of ['Restart lab', 'Screen reader mode', 'Presenter mode', 'Shortcuts ?', 'lvs', 'RS2']) expect(names.some((n) => n.startsWith(name)), name).toBe(true)
  expect(names.indexOf('Presenter mode')).toBeLessThan(names.indexOf('lvs'))
  expect(seen.at(-2)?.terminal).toBe('lvs')
  for (const f of seen.filter((f) => !f.terminal && f.role !== 'select' && f.role !== 'input')) expect(f.outline, f.name).toBe('solid')
})

async function scan(page: Page, state: string, locale: string): Promise<void> {
  const r = await new AxeBuilder({ page }).analyze()
  const found = r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)
  expect(found, `${state} in ${locale}`).toEqual([])
}

for (const [locale, language] of [
  ['en', 'English'],
  ['zh-Hans', '简体中文'],
  ['zh-Hant', '繁體中文'],
] as const) {
  test(`axe finds no violations: fresh, mid-lesson, inspector open, presenter mode (${locale})`, async ({ page }) => {
    test.setTimeout(90_000)
    await freshPage(page)
    await page.getByLabel('Language').selectOption({ label: language })
    await expect(page.locator('html')).toHaveAttribute('lang', locale)
    await scan(page, 'fresh', locale)

    await page.evaluate(() => (window as unknown as W).lvsLab.openLesson('nat'))
    await waitFor(page, 'lvs', '[root@lvs ~]#')
    await page.locator('.term[data-host="lvs"] .xterm').click()
    await typeCommand(page, 'lvs', 'systemctl disable --now firewalld')
    await expect.poll(() => page.evaluate(() => (window as unknown as W).lvsLab.progress().steps[0]?.done)).toBe(false)
    await scan(page, 'mid-lesson', locale)

    await page.getByRole('tab', { name: 'client', exact: true }).click()
    await typeCommand(page, 'client', 'curl -m 1 172.25.254.200')
    await page.locator('.log li[data-id] button').first().click()
    await expect(page.locator('.inspector .title')).toBeVisible()
    await scan(page, 'inspector open', locale)

    await page.locator('h1').click()
    await page.keyboard.press('f')
    await expect(page.locator('html')).toHaveClass(/present/)
    await scan(page, 'presenter mode', locale)
  })
}
