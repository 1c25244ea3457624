// What the picture and the scheduler panel say, checked against the trace they draw: the legend's
// colour for each connection is the colour of that connection's envelopes (and ARP's of ARP's);
// a drop is marked on the host that dropped the packet, with the reason the trace gives, and
// nowhere else; the scheduler's history with two services, filtered to one, lists its decisions
// newest first, and the card follows the newest of them unless one is pinned.

import { readFileSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { splitScript } from '../../src/lab/script.ts'

interface Conn {
  proto: string
  caddr: string
  cport: number
  vaddr: string
  vport: number
}
interface Rec {
  type: string
  id: number
  host?: string
  fromHost?: string
  frame?: { payload: { kind: string } }
  conn: Conn | null
}
interface Lab {
  load(id: string): Promise<void>
  run(host: string, command: string): Promise<{ stdout: string; exitCode: number }>
  terminal(host: string): string
  timeline(): { records: Rec[]; cursor: number }
  seek(index: number): void
  pause(): void
}

const lab = (page: Page) => ({
  load: (id: string) => page.evaluate((x) => (window as unknown as { lvsLab: Lab }).lvsLab.load(x), id),
  run: (host: string, line: string) => page.evaluate(([h, c]) => (window as unknown as { lvsLab: Lab }).lvsLab.run(h, c), [host, line] as const),
  records: () => page.evaluate(() => (window as unknown as { lvsLab: Lab }).lvsLab.timeline().records),
  seek: (i: number) =>
    page.evaluate((k) => {
      const l = (window as unknown as { lvsLab: Lab }).lvsLab
      l.pause()
      l.seek(k)
    }, i),
})

async function solved(page: Page, id: string): Promise<void> {
  await lab(page).load(id)
  let host = ''
  for (const c of splitScript(readFileSync(`lessons/${id}/solution.script`, 'utf8'))) {
    host = c.host ?? host
    const line = c.lines.join('\n')
    if (host === 'client' && line.includes('curl')) continue
    await lab(page).run(host, line)
  }
}

/** The index of the last record `test` holds for (the tests' TypeScript target has no findLastIndex). */
const lastWhere = (records: Rec[], test: (r: Rec) => boolean) => records.map(test).lastIndexOf(true)

/** A CSS colour as the page computes it (`#4493f8` and `rgb(68, 147, 248)` alike). */
const computed = (page: Page, colour: string) =>
  page.evaluate((c) => {
    const probe = document.createElement('i')
    probe.style.color = c
    document.body.append(probe)
    const out = getComputedStyle(probe).color
    probe.remove()
    return out
  }, colour)

test.use({ viewport: { width: 1440, height: 900 } })

test.beforeEach(async ({ page }) => {
  await page.goto('/')
  await page.evaluate(() => localStorage.clear())
  await page.reload()
  await expect.poll(() => page.evaluate(() => (window as unknown as { lvsLab?: Lab }).lvsLab?.terminal('lvs') ?? '')).toContain('[root@lvs ~]# ')
})

test('the legend gives each connection the colour of its envelopes, and ARP the colour of ARP frames', async ({ page }) => {
  await solved(page, 'nat')
  for (let i = 0; i < 3; i++) await lab(page).run('client', 'curl -s 172.25.254.200')
  const records = await lab(page).records()
  const last = records.length - 1
  await lab(page).seek(last)
  // The legend lists the connections seen last, newest first, each by its client port.
  const legend = page.locator('.legend button')
  await expect(legend).toHaveCount(3)
  const entries = await legend.evaluateAll((els) => els.map((e) => ({ port: Number(e.textContent!.trim().slice(1)), colour: getComputedStyle(e.querySelector('i')!).backgroundColor })))
  const conns = [...new Map(records.filter((r) => r.conn).map((r) => [r.conn!.cport, r.conn!])).values()].slice(-3).reverse()
  expect(entries.map((e) => e.port)).toEqual(conns.map((c) => c.cport))
  expect(new Set(entries.map((e) => e.colour)).size).toBe(3)
  for (const e of entries) {
    // Two hops of the connection, each drawn in the legend's colour for it.
    const hops = records.map((r, i) => [r, i] as const).filter(([r]) => r.type === 'wire' && r.conn?.cport === e.port)
    for (const [r, i] of [hops[0], hops.at(-1)!]) {
      await lab(page).seek(i)
      const envelope = page.locator(`svg.topology .envelope[data-id="${r.id}"] rect`).first()
      await expect(envelope).toBeVisible()
      expect(await envelope.evaluate((x) => getComputedStyle(x).fill), `${r.fromHost} hop of :${e.port}`).toBe(e.colour)
    }
  }
  const arp = lastWhere(records, (r) => r.type === 'wire' && r.frame?.payload.kind === 'arp')
  expect(arp).toBeGreaterThan(0)
  await lab(page).seek(arp)
  const arpFill = await page.locator(`svg.topology .envelope[data-id="${records[arp].id}"] rect`).first().evaluate((x) => getComputedStyle(x).fill)
  const arpKey = await page.locator('.legend span', { hasText: 'ARP' }).locator('i').evaluate((x) => getComputedStyle(x).backgroundColor)
  expect(arpFill).toBe(arpKey)
  expect(arpFill).toBe(await computed(page, '#d4a72c'))
})

test('a drop is marked on the host that dropped it, with its reason, and nowhere else', async ({ page }) => {
  await solved(page, 'nat')
  // firewalld back on the director drops the request; httpd off on RS2 makes RS2 refuse.
  await lab(page).run('lvs', 'systemctl start firewalld')
  await lab(page).run('client', 'curl -s -m 1 172.25.254.200')
  let records = await lab(page).records()
  const atDirector = lastWhere(records, (r) => r.type === 'drop')
  expect(records[atDirector].host).toBe('lvs')
  await lab(page).seek(atDirector)
  const picture = page.locator('svg.topology')
  const mark = picture.locator('[data-host="lvs"] .dropmark')
  await expect(mark).toHaveCount(1)
  await expect(picture.locator('.dropmark')).toHaveCount(1)
  await expect(picture.locator('[data-host="lvs"]')).toHaveClass(/dropping/)
  const reason = (await page.locator('.picture .caption').innerText()).replace(/^DROPPED at lvs: /, '').replace(/ — .*$/s, '')
  expect(reason).toMatch(/firewalld/)
  await expect(mark.locator('title')).toHaveText(`1 dropped here: ${reason}`)

  await lab(page).run('lvs', 'systemctl stop firewalld')
  await lab(page).run('RS2', 'systemctl stop httpd')
  for (let i = 0; i < 2; i++) await lab(page).run('client', 'curl -s -m 1 172.25.254.200')
  records = await lab(page).records()
  const atServer = lastWhere(records, (r) => r.type === 'drop')
  expect(records[atServer].host).toBe('RS2')
  await lab(page).seek(atServer)
  const rs2 = picture.locator('[data-host="RS2"] .dropmark')
  await expect(rs2).toHaveCount(1)
  await expect(rs2.locator('title')).toContainText(/dropped here: RS2: nothing listens on TCP port 80/)
  // The director's drop is still recent: its mark stays, and the other hosts have none.
  await expect(picture.locator('[data-host="lvs"] .dropmark')).toHaveCount(1)
  await expect(picture.locator('.dropmark')).toHaveCount(2)
  await page.screenshot({ path: 'test-results/picture-nat-drops.png' })
})

test('the scheduler history with two services: filtered to one, newest first; the card follows its newest unless pinned', async ({ page }) => {
  await solved(page, 'nat')
  for (const line of ['ipvsadm -A -t 172.25.254.200:8080 -s wrr', 'ipvsadm -a -t 172.25.254.200:8080 -r 192.168.0.10:80 -m -w 2', 'ipvsadm -a -t 172.25.254.200:8080 -r 192.168.0.20:80 -m -w 1']) expect((await lab(page).run('lvs', line)).exitCode).toBe(0)
  for (let i = 0; i < 2; i++) {
    await lab(page).run('client', 'curl -s 172.25.254.200')
    await lab(page).run('client', 'curl -s 172.25.254.200:8080')
  }
  await page.locator('button.live').click()
  await page.getByRole('tab', { name: 'Scheduler' }).click()
  const panel = page.locator('[data-testid=scheduler]')
  const history = panel.locator('.history button')
  const card = panel.locator('.card')
  await expect(history).toHaveCount(4)
  const times = async () => (await history.locator('.t').allInnerTexts()).map((t) => Number.parseFloat(t))
  const newestFirst = (ts: number[]) => ts.every((t, i) => i === 0 || ts[i - 1] >= t)
  expect(newestFirst(await times())).toBe(true)
  await expect(history.first()).toContainText('TCP 172.25.254.200:8080 · wrr')

  await panel.getByRole('combobox').selectOption('TCP 172.25.254.200:80')
  await expect(history).toHaveCount(2)
  for (const text of await history.allInnerTexts()) expect(text).toContain('TCP 172.25.254.200:80 · rr')
  expect(newestFirst(await times())).toBe(true)
  // The card is the newest decision of the service shown.
  await expect(card).toHaveAttribute('data-kind', 'rr')
  await expect(history.first()).toHaveClass(/current/)

  // Pinned to the older one, the card holds it while new traffic arrives.
  await history.last().click()
  await expect(history.last()).toHaveClass(/current/)
  await lab(page).run('client', 'curl -s 172.25.254.200')
  await page.locator('button.live').click()
  await expect(history).toHaveCount(3)
  await expect(history.last()).toHaveClass(/current/)
  await expect(history.first()).not.toHaveClass(/current/)
  await panel.getByRole('button', { name: 'Follow the newest' }).click()
  await expect(history.first()).toHaveClass(/current/)
  await expect(panel.getByRole('button', { name: 'Follow the newest' })).toHaveCount(0)

  // Back to every service: the other service's decisions are there again, the newest on top.
  await panel.getByRole('combobox').selectOption('')
  await expect(history).toHaveCount(5)
  expect(newestFirst(await times())).toBe(true)
  await expect(history.first()).toContainText('TCP 172.25.254.200:80 · rr')
})
