// The small-screen layout at 390×844 (a phone) and 768×1024 (a portrait tablet) with touch: one view
// at a time behind tabs (terminal, picture, lesson, log), and the NAT lab done by tapping host
// tabs and the on-screen key row (Ctrl-C, ↑ to recall, Tab to complete); letters come from the
// phone's keyboard.

import { expect, test } from '@playwright/test'
import { freshPage, solution, terminal, typeCommand, waitFor } from './page-helpers.ts'

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true })

test('the NAT lab by touch at 390×844', async ({ page }) => {
  test.setTimeout(180_000)
  await freshPage(page)
  const views = page.getByRole('tablist', { name: 'Views' })
  await expect(views).toBeVisible()
  await expect(page.locator('.lesson-area')).toBeHidden()
  const keyRow = page.getByRole('toolbar', { name: 'Keys for the terminal' })
  await expect(keyRow).toBeVisible()
  for (const b of await keyRow.getByRole('button').all()) expect((await b.boundingBox())!.height).toBeGreaterThanOrEqual(44)

  let host = ''
  for (const c of solution('nat')) {
    const h = c.host.toLowerCase() === 'lvs' || c.host === 'client' ? c.host : c.host.toUpperCase()
    if (h !== host) {
      await page.getByRole('tab', { name: h, exact: true }).tap()
      await expect(page.locator(`.term[data-host="${h}"] .xterm-helper-textarea`)).toBeFocused()
      host = h
    }
    await typeCommand(page, h, c.line)
  }
  await waitFor(page, 'client', /RS[12] - 192\.168\.0\.[12]0\n\[root@client ~\]#/)

  // The key row: Ctrl-C drops a half-typed line, ↑ brings the curl back, Tab completes.
  await page.keyboard.type('ping -c 99 172.25.254.200')
  await keyRow.getByRole('button', { name: 'Ctrl-C' }).tap()
  await waitFor(page, 'client', /ping -c 99 172\.25\.254\.200\^C\n\[root@client ~\]# ?$/)
  await keyRow.getByRole('button', { name: 'Up' }).tap()
  await waitFor(page, 'client', /\[root@client ~\]# curl 172\.25\.254\.200 ?$/)
  await page.keyboard.press('Enter')
  await waitFor(page, 'client', /RS1 - 192\.168\.0\.10[\s\S]*RS2 - 192\.168\.0\.20|RS2 - 192\.168\.0\.20[\s\S]*RS1 - 192\.168\.0\.10/)
  await page.getByRole('tab', { name: 'lvs', exact: true }).tap()
  await page.keyboard.type('ipvsa')
  await keyRow.getByRole('button', { name: 'Tab' }).tap()
  // ipvsadm, ipvsadm-save and ipvsadm-restore share the prefix: bash completes it without a space.
  await expect.poll(() => terminal(page, 'lvs')).toMatch(/\]# ipvsadm$/)
  await keyRow.getByRole('button', { name: 'Ctrl-C' }).tap()
  await waitFor(page, 'lvs', /\]# ipvsadm\^C\n\[root@lvs ~\]# ?$/)

  // The other views, one at a time.
  await views.getByRole('tab', { name: 'Picture' }).tap()
  await expect(page.locator('svg.topology')).toBeVisible()
  await expect(page.locator('.terminal-area')).toBeHidden()
  await views.getByRole('tab', { name: 'Log' }).tap()
  await expect(page.locator('.log li[data-id]').first()).toBeVisible()
  await views.getByRole('tab', { name: 'Lesson' }).tap()
  await expect(page.locator('.lesson-area')).toBeVisible()
  await page.screenshot({ path: 'test-results/touch-390x844-lesson.png' })
  await views.getByRole('tab', { name: 'Terminal' }).tap()
  await expect(page.locator('.term[data-host="lvs"]')).toBeVisible()
  await page.screenshot({ path: 'test-results/touch-390x844-terminal.png' })
  // Nothing sticks out sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
})

test('the stacked layout at 768×1024 keeps every view within the screen', async ({ page }) => {
  await page.setViewportSize({ width: 768, height: 1024 })
  await freshPage(page)
  const views = page.getByRole('tablist', { name: 'Views' })
  for (const v of ['Picture', 'Lesson', 'Log', 'Terminal']) {
    await views.getByRole('tab', { name: v }).tap()
    await expect(views.getByRole('tab', { name: v })).toHaveAttribute('aria-selected', 'true')
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768)
  }
  await page.screenshot({ path: 'test-results/touch-768x1024-terminal.png' })
})
