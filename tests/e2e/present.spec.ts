// Presenter mode as a class sees it: the DR lab mid-request at 1280×720 and 1920×1080 with the
// terminal type at 24 px or more, the picture and two terminals on screen (screenshots under
// test-results/); the shortcuts; the size kept; and a demo reel that captions, pauses where the
// author marked, and lets the presenter take over.

import { expect, test, type Page } from '@playwright/test'
import { freshPage, runSolution, terminal, typeCommand, waitFor, type W } from './page-helpers.ts'

/** The type size a host card's name is drawn at on screen (its 11px times the drawing's scale). */
const cardNamePx = (page: Page, host: string) =>
  page.evaluate((h) => {
    const name = document.querySelector<SVGTextElement>(`svg.topology .host[data-host="${h}"] text.name`)!
    return parseFloat(getComputedStyle(name).fontSize) * name.getScreenCTM()!.a
  }, host)

const fontOf = (page: Page, host: string) => page.evaluate((h) => parseFloat(getComputedStyle(document.querySelector(`.term[data-host="${h}"] .xterm-rows`)!).fontSize), host)

async function onScreen(page: Page, selector: string): Promise<void> {
  const box = await page.locator(selector).boundingBox()
  const vp = page.viewportSize()!
  expect(box, selector).not.toBeNull()
  expect(box!.width).toBeGreaterThan(200)
  expect(box!.height).toBeGreaterThan(150)
  expect(box!.x).toBeGreaterThanOrEqual(0)
  expect(box!.y + box!.height).toBeLessThanOrEqual(vp.height + 1)
  expect(box!.x + box!.width).toBeLessThanOrEqual(vp.width + 1)
}

for (const [width, height] of [
  [1280, 720],
  [1920, 1080],
] as const) {
  test(`presenter mode at ${width}×${height}: the DR lab mid-request reads from the back of the room`, async ({ page }) => {
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.setViewportSize({ width, height })
    await freshPage(page, '/?present=1')
    await page.evaluate(() => (window as unknown as W).lvsLab.load('dr'))
    await waitFor(page, 'dr-lvs', '[root@dr-lvs ~]#')
    const last = await runSolution(page, 'dr', 1)
    expect(last[0].host).toBe('client')
    const menu = page.locator('summary', { hasText: 'Presenter controls' })
    await menu.click()
    await page.getByRole('checkbox', { name: 'Slow motion' }).check()
    await menu.click()
    // The solution's own traffic is history: the class watches the request from here.
    await page.evaluate(() => {
      const lvs = (window as unknown as W).lvsLab as unknown as { timeline(): { records: unknown[] }; seek(i: number): void; play(): void }
      lvs.seek(lvs.timeline().records.length - 1)
      lvs.play()
    })
    await page.locator('.tabs [data-pane="2"]', { hasText: 'client' }).click()
    await typeCommand(page, 'client', 'curl 192.168.0.220')
    await waitFor(page, 'client', /RS[12] - 192\.168\.0\.[12]0/)
    // Mid-request: the request's frames are still crossing the picture in slow motion.
    await expect(page.locator('svg.topology .envelope').first()).toBeVisible()
    expect(await page.evaluate(() => (window as unknown as W).lvsLab.timeline().speed)).toBe(0.25)
    await page.screenshot({ path: `test-results/present-dr-${width}x${height}.png` })

    // The picture grows with the type: twice at 1920×1080, as far as the height allows at 1280×720.
    const drawn = await cardNamePx(page, 'dr-lvs')
    expect(drawn).toBeGreaterThanOrEqual(width === 1920 ? 21 : 14)
    expect(await cardNamePx(page, 'RS2')).toBeCloseTo(drawn, 5)
    expect(await fontOf(page, 'client')).toBeGreaterThanOrEqual(24)
    expect(await fontOf(page, 'dr-lvs')).toBeGreaterThanOrEqual(24)
    await expect(page.locator('.term:not(.hidden)')).toHaveCount(2)
    await onScreen(page, '.term[data-host="client"]')
    await onScreen(page, '.term[data-host="dr-lvs"]')
    await onScreen(page, 'svg.topology')
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('contrast')
    expect(errors).toEqual([])
  })
}

test('the presenter sizes the type, and the size is kept; F and ? work outside the terminals', async ({ page }) => {
  await freshPage(page)
  expect(await fontOf(page, 'lvs')).toBe(14)
  // Out of the terminal (Esc, then Tab), then F turns presenter mode on.
  await page.keyboard.press('Escape')
  await page.keyboard.press('Tab')
  await expect(page.locator('.xterm-helper-textarea:focus')).toHaveCount(0)
  await page.locator('h1').click()
  await page.keyboard.press('f')
  await expect(page.getByRole('button', { name: 'Presenter mode' })).toHaveAttribute('aria-pressed', 'true')
  expect(page.url()).toContain('present=1')
  expect(await fontOf(page, 'lvs')).toBe(28)
  await page.locator('summary', { hasText: 'Presenter controls' }).click()
  await page.getByRole('button', { name: /Larger type/ }).click()
  await page.getByRole('button', { name: /Larger type/ }).click()
  await expect.poll(() => fontOf(page, 'lvs')).toBe(36)
  // A click on a control gives typing back to the terminal.
  await expect(page.locator('.term[data-host="lvs"] .xterm-helper-textarea')).toBeFocused()
  await page.locator('h1').click()
  await page.keyboard.press('?')
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible()
  await expect(page.getByRole('dialog')).toContainText('Esc, then Tab')
  await page.keyboard.press('Escape')
  await expect(page.getByRole('dialog')).toBeHidden()
  await page.reload()
  await waitFor(page, 'lvs', '[root@lvs ~]#')
  expect(await fontOf(page, 'lvs')).toBe(36)
  await page.locator('h1').click()
  await page.keyboard.press('F')
  await expect.poll(() => fontOf(page, 'lvs')).toBe(14)
  expect(page.url()).not.toContain('present=1')
})

test('freeze and ask stops before the scheduler’s pick and the rewrite; Space goes on, the arrows step', async ({ page }) => {
  await freshPage(page, '/?present=1')
  await runSolution(page, 'nat', 1)
  await page.locator('summary', { hasText: 'Presenter controls' }).click()
  await page.getByRole('checkbox', { name: 'Freeze and ask' }).check()
  await page.locator('summary', { hasText: 'Presenter controls' }).click()
  await page.locator('.tabs [data-pane="2"]', { hasText: 'client' }).click()
  await typeCommand(page, 'client', 'curl 172.25.254.200')
  const banner = page.locator('p.frozen')
  await expect(banner).toHaveText('Frozen before: a scheduling decision at lvs. What will happen? Press Space to go on.')
  const view = () => page.evaluate(() => (window as unknown as W).lvsLab.timeline())
  const at = async () => {
    const v = await view()
    return { playing: v.playing, next: v.records[v.cursor + 1]?.type, here: v.records[v.cursor]?.type }
  }
  expect(await at()).toMatchObject({ playing: false, next: 'sched' })
  // Space is the presenter's once the keyboard is out of the terminal.
  await page.locator('h1').click()
  await page.keyboard.press(' ')
  await expect(banner).toHaveText('Frozen before: a rewrite at lvs. What will happen? Press Space to go on.')
  expect(await at()).toMatchObject({ playing: false, here: 'sched', next: 'rewrite' })
  const cursor = (await view()).cursor
  await page.keyboard.press('ArrowRight')
  expect((await view()).cursor).toBeGreaterThan(cursor)
  expect((await view()).records[(await view()).cursor].type).toBe('rewrite')
  await page.keyboard.press('ArrowLeft')
  expect((await view()).cursor).toBe(cursor)
})

test('a demo reel captions each step, pauses where the author marked, and can be taken over', async ({ page }) => {
  await page.goto('/')
  await page.evaluate(() => localStorage.clear())
  await page.goto('/?demo=nat&speed=8')
  const bar = page.getByRole('region', { name: 'Demo reel' })
  await expect(bar.getByRole('heading')).toHaveText('Demo: LVS-NAT: Stop the firewalls')
  await expect(bar).toContainText('firewalld runs on every machine')
  await waitFor(page, 'lvs', 'systemctl disable --now firewalld')
  await expect(bar.getByRole('heading')).toHaveText('Demo: LVS-NAT: Start the web servers', { timeout: 20_000 })

  // Space pauses between two keys, wherever the reel is; Space again goes on.
  await page.keyboard.press(' ')
  await expect(bar.getByRole('status')).toHaveText('Paused. Press Space or Continue to go on.')
  const frozen = await terminal(page, 'RS1') + (await terminal(page, 'RS2'))
  await page.waitForTimeout(800)
  expect(await terminal(page, 'RS1') + (await terminal(page, 'RS2'))).toBe(frozen)
  await page.keyboard.press(' ')
  await expect(bar.getByRole('status')).toHaveText(/Playing: line \d+ of 21/)

  // The author's #pause before the first request: the reel holds there.
  await expect(bar.getByRole('heading')).toHaveText('Demo: LVS-NAT: Build the virtual service', { timeout: 40_000 })
  await expect(bar.getByRole('status')).toHaveText('Paused. Press Space or Continue to go on.', { timeout: 20_000 })
  await expect(bar.getByRole('status')).toHaveText('Paused. Press Space or Continue to go on.')
  expect(await terminal(page, 'lvs')).toContain('ipvsadm -a -t 172.25.254.200:80 -r 192.168.0.20:80 -m')
  expect(await terminal(page, 'client')).not.toContain('curl')

  // The presenter takes over by typing: the reel stops and the keys are theirs.
  await page.getByRole('tab', { name: 'client', exact: true }).click()
  await page.keyboard.type('ipvsadm -Ln | wc -l')
  await expect(bar.getByRole('status')).toHaveText('You have the keyboard: the demo stopped here and the lab is yours.')
  await page.keyboard.press('Enter')
  await waitFor(page, 'client', /ipvsadm -Ln \| wc -l\n-bash: ipvsadm: command not found\n0\n\[root@client ~\]# ?$/)
  await page.waitForTimeout(1000)
  expect(await terminal(page, 'client')).not.toContain('curl 172.25.254.200')
  await expect.poll(() => page.evaluate(() => (window as unknown as W).lvsLab.progress().lesson)).toBe('nat')
})

test('?demo=session replays the lab’s saved session command by command, sets the saved copy aside, and can be taken over', async ({ page }) => {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await freshPage(page)
  await page.locator('.term[data-host="lvs"] .xterm-helper-textarea').focus()
  await typeCommand(page, 'lvs', 'echo first-$((6*7))')
  await typeCommand(page, 'lvs', 'hostname')
  await typeCommand(page, 'lvs', 'echo third')
  await page.waitForTimeout(600)
  await page.goto('/?demo=session&speed=4')
  const bar = page.getByRole('region', { name: 'Demo reel' })
  await expect(bar.getByRole('heading')).toHaveText('Demo: your session of LVS-NAT')
  await expect(page.getByText('The demo replays your session of LVS-NAT in a fresh lab. Your saved copy was set aside, as it was: bring it back at any time.')).toBeVisible()
  // A fresh world: the keys come again, one command after another, with their output.
  await waitFor(page, 'lvs', /echo first-\$\(\(6\*7\)\)\nfirst-42\n/)
  await expect(bar.getByRole('status')).toHaveText(/Playing: line [12] of 3/)
  // Taken over between two commands: the reel stops, the keys are the presenter's.
  await page.keyboard.type('echo mine')
  await expect(bar.getByRole('status')).toHaveText('You have the keyboard: the demo stopped here and the lab is yours.')
  await page.keyboard.press('Enter')
  await waitFor(page, 'lvs', /\nmine\n\[root@lvs ~\]# ?$/)
  await page.waitForTimeout(2500)
  expect(await terminal(page, 'lvs')).not.toContain('echo third')
  // The saved copy comes back as it was.
  await page.getByRole('button', { name: 'Bring mine back' }).click()
  await waitFor(page, 'lvs', /echo third\nthird\n\[root@lvs ~\]# ?$/)
  expect(await terminal(page, 'lvs')).not.toContain('mine')
  expect(errors).toEqual([])
})

test('?demo=session of a lesson’s session plays it in the lesson’s world, with the lesson’s captions where its commands are the lesson’s and the author’s pause', async ({ page }) => {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await freshPage(page)
  await page.goto('/?lesson=nat')
  await expect.poll(() => page.evaluate(() => (window as unknown as Partial<W>).lvsLab?.progress().lesson ?? null), { timeout: 20_000 }).toBe('nat')
  await page.locator('.term[data-host="lvs"] .xterm-helper-textarea').focus()
  for (const line of ['hostname', 'systemctl disable --now firewalld', 'echo net.ipv4.ip_forward=1 >> /etc/sysctl.conf', 'sysctl -p']) await typeCommand(page, 'lvs', line)
  // The learner tries a request before building the service: the lesson's last step, after its pause.
  await page.getByRole('tab', { name: 'client', exact: true }).click()
  await page.locator('.term[data-host="client"] .xterm-helper-textarea').focus()
  await typeCommand(page, 'client', 'curl 172.25.254.200')
  await page.waitForTimeout(600)
  // The page opens the lesson it had open, and plays its session in a fresh copy of its world.
  await page.goto('/?demo=session&speed=4')
  const bar = page.getByRole('region', { name: 'Demo reel' })
  await expect(page.getByText('The demo replays your session of LVS-NAT in a fresh lab. Your saved copy was set aside, as it was: bring it back at any time.')).toBeVisible()
  await expect(bar.getByRole('heading')).toHaveText('Demo: your session of LVS-NAT: Stop the firewalls', { timeout: 20_000 })
  await expect(bar).toContainText('firewalld runs on every machine')
  await waitFor(page, 'lvs', /\[root@lvs ~\]# hostname\nlvs\n/)
  await expect(bar.getByRole('heading')).toHaveText('Demo: your session of LVS-NAT: Let the director forward', { timeout: 20_000 })
  // The author's #pause before the first request: the session's curl waits for the presenter, under its step's caption.
  await expect(bar.getByRole('heading')).toHaveText('Demo: your session of LVS-NAT: Build the virtual service', { timeout: 30_000 })
  await expect(bar.getByRole('status')).toHaveText('Paused. Press Space or Continue to go on.', { timeout: 30_000 })
  expect(await terminal(page, 'client')).not.toContain('curl')
  expect(await page.evaluate(() => (window as unknown as W).lvsLab.progress().lesson)).toBe('nat')
  await bar.getByRole('button', { name: 'Continue' }).click()
  await expect(bar.getByRole('status')).toHaveText('The demo is over: the lab stays as the session left it.', { timeout: 20_000 })
  await waitFor(page, 'client', /curl 172\.25\.254\.200\ncurl: \(7\) Failed to connect/)
  // The learner's own copy comes back, with the lesson.
  await page.getByRole('button', { name: 'Bring mine back' }).click()
  await page.getByRole('tab', { name: 'lvs', exact: true }).click()
  await waitFor(page, 'lvs', /\[root@lvs ~\]# sysctl -p\nnet\.ipv4\.ip_forward = 1\n\[root@lvs ~\]# ?$/)
  expect(await page.evaluate(() => (window as unknown as W).lvsLab.progress().lesson)).toBe('nat')
  expect(errors).toEqual([])
})

test('?demo=session with a share link plays the shared session; a lab with nothing typed says so', async ({ page }) => {
  await freshPage(page)
  await page.locator('.term[data-host="lvs"] .xterm-helper-textarea').focus()
  await typeCommand(page, 'lvs', 'echo shared-one')
  const link = await page.evaluate(() => (window as unknown as { lvsLab: { shareLink(): Promise<string> } }).lvsLab.shareLink())
  await page.evaluate(() => localStorage.clear())
  await page.goto(`/?demo=session&speed=4${new URL(link).hash}`)
  const bar = page.getByRole('region', { name: 'Demo reel' })
  await expect(bar.getByRole('heading')).toHaveText('Demo: your session of LVS-NAT')
  await waitFor(page, 'lvs', /echo shared-one\nshared-one\n/)
  await expect(bar.getByRole('status')).toHaveText('The demo is over: the lab stays as the session left it.')
  // Cleared again as the page goes, after the page's own save on pagehide (listeners run in order).
  await page.evaluate(() => {
    localStorage.clear()
    addEventListener('pagehide', () => localStorage.clear())
  })
  await page.goto('/?demo=session')
  await expect(bar.getByRole('alert')).toHaveText('There is no saved session of this lab to play as a demo.')
})
