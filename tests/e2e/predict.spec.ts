// The DR "predict the rewrite" lesson in the page: the held SYN shown as it reached the director,
// the learner's answers typed into the form (with the classic mistake: DR rewrites the destination
// IP), Forward, the packet as the director sent it with each field marked; a reload keeps the
// graded answer; another packet answered right finishes the lesson. Screenshots at 1440×900 go
// to artifacts/ to be looked at.

import { mkdirSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'

interface Automation {
  progress(): { lesson: string | null; complete: boolean; steps: { id: string; checks: { id: string; passed: boolean | null; found: string }[] }[] }
}

const progress = (page: Page) => page.evaluate(() => (window as unknown as { lvsLab: Automation }).lvsLab.progress())

const ANSWERS: [string, string][] = [
  ['eth.src', 'dr-lvs'],
  ['eth.dst', 'rs2'],
  ['ip.src', 'same'],
  ['ip.dst', 'rs2'],
  ['tcp.dport', '80'],
  ['outer.proto', 'none'],
]

async function fill(page: Page, answers: [string, string][]): Promise<void> {
  for (const [field, value] of answers) await page.locator(`[data-predict="dr-syn"] [data-field="${field}"] input`).fill(value)
}

test('predict the DR rewrite: answer, see what changed and why, reload, answer again', async ({ page }) => {
  mkdirSync('artifacts', { recursive: true })
  await page.setViewportSize({ width: 1440, height: 900 })
  await page.goto('/?lesson=predict-dr')
  const form = page.locator('[data-predict="dr-syn"]')
  await expect(form.locator('[data-packet="before"]')).toBeVisible()
  await expect(form.locator('.decision')).toHaveText('Scheduler: rr chose RS2 (192.168.0.20)')
  await expect(form.locator('[data-packet="before"] caption')).toHaveText('The packet as it reached dr-lvs on eth0')
  await expect(form.locator('[data-packet="before"] tr').first()).toHaveText('Ethernetsrc52:54:00:00:00:21')
  await fill(page, ANSWERS)
  await form.locator('button[type="submit"]').scrollIntoViewIfNeeded()
  await page.screenshot({ path: 'artifacts/predict-dr-before.png' })

  await form.getByRole('button', { name: 'Forward it' }).click()
  await expect(form.locator('.score')).toHaveText('5 of 6 right')
  await expect(form.locator('[data-field="ip.dst"]')).toHaveClass(/wrong/)
  await expect(form.locator('[data-field="ip.dst"] .why')).toHaveText('DR does not touch the IP header: the destination stays the VIP, which the real server holds on lo')
  await expect(form.locator('[data-field="eth.dst"]')).toHaveClass(/right/)
  await expect(form.locator('[data-packet="after"] tr.changed')).toHaveText(['Ethernetsrc52:54:00:00:00:30← 52:54:00:00:00:21', 'Ethernetdst52:54:00:00:00:50← 52:54:00:00:00:30', 'IPv4ttl62← 63'])
  const after = await progress(page)
  expect(after.steps[0].checks[0]).toMatchObject({ id: 'dr-syn', passed: false })
  await form.locator('[data-packet="after"]').scrollIntoViewIfNeeded()
  await page.screenshot({ path: 'artifacts/predict-dr-after.png' })

  // The answer is in the saved session (written a moment after it changes) before the reload.
  await expect.poll(() => page.evaluate(() => localStorage.getItem('lvs-lab.lesson-session.predict-dr') ?? '')).toContain('"predictions"')
  await page.reload()
  await expect(form.locator('.score')).toHaveText('5 of 6 right')
  await expect(form.locator('[data-field="ip.dst"] input')).toHaveValue('rs2')

  await form.getByRole('button', { name: 'Hold another packet' }).click()
  await expect(form.getByRole('button', { name: 'Forward it' })).toBeVisible()
  await fill(page, ANSWERS.map(([f, v]) => [f, f === 'ip.dst' ? 'same' : v]))
  await form.getByRole('button', { name: 'Forward it' }).click()
  // All right: the lesson is finished, and its steps can still be looked at.
  await expect.poll(async () => (await progress(page)).complete).toBe(true)
  await page.getByRole('button', { name: 'Review the steps' }).click()
  await expect(form.locator('.score')).toHaveText('6 of 6 right · attempt 2')

  // The same answers in Traditional Chinese, with the tutorial's terms.
  await page.getByLabel('Language').selectOption('zh-Hant')
  await expect(form.locator('.score')).toHaveText('6 個中 6 個正確 · 第 2 次作答')
  await expect(form.locator('[data-field="eth.dst"] .found')).toHaveText('RS2 的 eth0（52:54:00:00:00:50）')
  await page.getByText('DR 改了什麼？').click()
  await form.locator('[data-field="ip.dst"]').scrollIntoViewIfNeeded()
  await page.screenshot({ path: 'artifacts/predict-dr-zh-Hant.png' })
})
