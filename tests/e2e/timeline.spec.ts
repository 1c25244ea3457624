// The timeline and the picture in the page: each lab built from its tutorial and photographed at
// 1440×900 (cards never overlap, labels stay off the cards, client → director → real servers left
// to right); twenty curls in the NAT lab stepped forward and back with the picture and the
// inspector checked at each step; the log filtered to ARP; a thousand curls played as a flow and
// one request opened from it. Screenshots go to test-results/ to be looked at.

import { mkdirSync, readFileSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { splitScript } from '../../src/lab/script.ts'

interface Rec {
  type: string
  id: number
  uid: number
  fromHost?: string
  toHost?: string[]
  host?: string
  frame?: { payload: { kind: string; payload?: { kind: string; flags?: { syn?: boolean; ack?: boolean } } } }
  conn: { proto: string; caddr: string; cport: number; vaddr: string; vport: number } | null
  command: number | null
}

interface View {
  records: Rec[]
  cursor: number
  playing: boolean
  live: boolean
  flow: boolean
  selected: number | null
  selectedConn: Rec['conn']
  commands: { seq: number; line: string; firstId: number; lastId: number | null }[]
}

interface Automation {
  load(id: string): Promise<void>
  run(host: string, command: string): Promise<{ stdout: string; exitCode: number }>
  terminal(host: string): string
  timeline(): View
  seek(index: number): void
  step(n: number): void
  play(): void
  pause(): void
  select(uid: number): void
}

const lvs = (page: Page) => ({
  timeline: () => page.evaluate(() => (window as unknown as { lvsLab: Automation }).lvsLab.timeline()),
  /** The timeline without its records: cheap to ask for often, whatever the session's size. */
  where: () =>
    page.evaluate(() => {
      const v = (window as unknown as { lvsLab: Automation }).lvsLab.timeline()
      return { flow: v.flow, cursor: v.cursor, length: v.records.length, playing: v.playing, live: v.live }
    }),
  step: (n: number) => page.evaluate((k) => (window as unknown as { lvsLab: Automation }).lvsLab.step(k), n),
  seek: (i: number) => page.evaluate((k) => (window as unknown as { lvsLab: Automation }).lvsLab.seek(k), i),
  select: (uid: number) => page.evaluate((k) => (window as unknown as { lvsLab: Automation }).lvsLab.select(k), uid),
  pause: () => page.evaluate(() => (window as unknown as { lvsLab: Automation }).lvsLab.pause()),
  run: (host: string, command: string) => page.evaluate(([h, c]) => (window as unknown as { lvsLab: Automation }).lvsLab.run(h, c), [host, command] as const),
  load: (id: string) => page.evaluate((k) => (window as unknown as { lvsLab: Automation }).lvsLab.load(k), id),
  terminal: (host: string) => page.evaluate((h) => (window as unknown as { lvsLab: Automation }).lvsLab.terminal(h), host),
})

const VIP: Record<string, string> = { nat: '172.25.254.200', dr: '192.168.0.220', tun: '192.168.0.100', 'tun-routed': '192.168.0.100', fullnat: '172.25.254.200' }
const DIRECTOR: Record<string, string> = { nat: 'lvs', dr: 'dr-lvs', tun: 'lvs-tun', 'tun-routed': 'lvs-tun', fullnat: 'fnat' }

/** Runs a lab's tutorial through the automation surface, command by command, as its prompts say. */
async function solve(page: Page, lab: string): Promise<void> {
  const script = readFileSync(new URL(`../../lessons/${lab}/tutorial.script`, import.meta.url), 'utf8')
  let host = 'client'
  for (const c of splitScript(script)) {
    host = c.host ?? host
    await lvs(page).run(host, c.lines.join('\n'))
  }
  if (lab === 'nat') for (const rs of ['RS1', 'RS2']) await lvs(page).run(rs, 'systemctl start httpd')
}

/** Types a command line into a host's terminal, as a learner would. */
async function typeIn(page: Page, host: string, line: string): Promise<void> {
  await page.getByRole('tab', { name: host, exact: true }).click()
  await page.locator(`.term[data-host="${host}"] .xterm`).click()
  await page.keyboard.type(line)
  await page.keyboard.press('Enter')
}

const isWire = (r: Rec) => r.type === 'wire'
const isSyn = (r: Rec) => isWire(r) && r.frame?.payload.payload?.kind === 'tcp' && !!r.frame.payload.payload.flags?.syn && !r.frame.payload.payload.flags.ack

type Box = { name: string; x: number; y: number; width: number; height: number }
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height

async function boxes(page: Page, selector: string): Promise<Box[]> {
  return page.locator(selector).evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect()
      return { name: (e.closest('[data-host]') as HTMLElement | null)?.dataset.host ?? e.textContent ?? '', x: r.x, y: r.y, width: r.width, height: r.height }
    }),
  )
}

test.beforeEach(async ({ page }) => {
  mkdirSync('test-results', { recursive: true })
  await page.setViewportSize({ width: 1440, height: 900 })
  await page.goto('/')
  await page.evaluate(() => localStorage.clear())
  await page.reload()
  await expect.poll(() => lvs(page).terminal('lvs').catch(() => '')).toContain('[root@lvs ~]# ')
})

for (const lab of ['nat', 'dr', 'tun', 'tun-routed', 'fullnat']) {
  test(`${lab}: the picture shows the lab's state, laid out left to right, nothing overlapping`, async ({ page }) => {
    await lvs(page).load(lab)
    await solve(page, lab)
    for (let i = 0; i < 3; i++) expect((await lvs(page).run('client', `curl -s -m 2 ${VIP[lab]}`)).exitCode).toBe(0)
    const view = await lvs(page).timeline()
    // The director forwarding a request: the envelope stands on its link.
    const forward = view.records.map((r) => isWire(r) && r.fromHost === DIRECTOR[lab]).lastIndexOf(true)
    await lvs(page).seek(forward)
    const picture = page.locator('svg.topology')
    await expect(picture.locator(`.envelope[data-id="${view.records[forward].id}"]`)).toBeVisible()
    await expect(picture.locator(`[data-host="${DIRECTOR[lab]}"]`)).toContainText(VIP[lab])
    await expect(picture.locator(`[data-host="${DIRECTOR[lab]}"]`)).toContainText(/ w1 A\d+ I\d+ \d+%/)
    await expect(picture.locator('.line.vip').first()).toContainText('VIP')

    const cards = await boxes(page, 'svg.topology g.host > rect.card')
    for (let i = 0; i < cards.length; i++) for (let j = i + 1; j < cards.length; j++) expect(overlaps(cards[i], cards[j]), `${cards[i].name} and ${cards[j].name}`).toBe(false)
    for (const label of await boxes(page, 'svg.topology .ifname, svg.topology .cidr')) for (const c of cards) expect(overlaps(label, c), `label ${label.name} on ${c.name}`).toBe(false)
    const x = (name: string) => cards.find((c) => c.name === name)!.x
    const rs = cards.filter((c) => /^rs\d$/i.test(c.name))
    expect(rs.length).toBe(2)
    expect(x('client')).toBeLessThan(x(DIRECTOR[lab]))
    for (const r of rs) expect(x(DIRECTOR[lab])).toBeLessThan(r.x)

    // Asked for, the cards show MACs, routes, sysctls and ARP caches, still without overlapping.
    for (const layer of ['MACs', 'routes', 'sysctls', 'ARP caches']) await page.getByRole('checkbox', { name: layer }).check()
    await expect(picture.locator(`[data-host="${DIRECTOR[lab]}"]`)).toContainText('ip_forward=')
    await expect(picture.locator(`[data-host="${DIRECTOR[lab]}"]`)).toContainText('REACHABLE')
    const big = await boxes(page, 'svg.topology g.host > rect.card')
    for (let i = 0; i < big.length; i++) for (let j = i + 1; j < big.length; j++) expect(overlaps(big[i], big[j]), `${big[i].name} and ${big[j].name}`).toBe(false)
    await page.screenshot({ path: `test-results/picture-${lab}-layers.png` })
    for (const layer of ['MACs', 'routes', 'sysctls', 'ARP caches']) await page.getByRole('checkbox', { name: layer }).uncheck()
    await page.screenshot({ path: `test-results/picture-${lab}.png` })
  })
}

test('DR with a firewall-mark service: the VIP is marked and the card names the mangle rule behind FWM 666', async ({ page }) => {
  await lvs(page).load('dr')
  await solve(page, 'dr')
  const script = readFileSync(new URL('../../lessons/dr-fwmark/solution.script', import.meta.url), 'utf8')
  for (const c of splitScript(script)) await lvs(page).run(c.host ?? 'client', c.lines.join('\n'))
  const card = page.locator('svg.topology [data-host="dr-lvs"]')
  await expect(card).toContainText('FWM 666 rr -p')
  await expect(card).toContainText('← mangle PREROUTING -d 192.168.0.220/32')
  await expect(card).toContainText('-p tcp -m multiport --dports 80,443')
  await expect(card.locator('.line.vip', { hasText: '192.168.0.220/24' })).toHaveText('eth0 192.168.0.220/24 VIP')
  const cards = await boxes(page, 'svg.topology g.host > rect.card')
  for (let i = 0; i < cards.length; i++) for (let j = i + 1; j < cards.length; j++) expect(overlaps(cards[i], cards[j]), `${cards[i].name} and ${cards[j].name}`).toBe(false)
  await page.screenshot({ path: 'test-results/picture-dr-fwmark.png' })
})

test('twenty curls in the NAT lab: one request stepped forward and back, picture and inspector at each step', async ({ page }) => {
  test.setTimeout(180_000)
  await solve(page, 'nat')
  await typeIn(page, 'client', 'for i in {1..20}; do curl -s 172.25.254.200; done')
  await expect.poll(async () => ((await lvs(page).terminal('client')).match(/RS[12] - 192\.168\.0\.[12]0/g) ?? []).length, { timeout: 20_000 }).toBe(20)
  await expect.poll(async () => (await lvs(page).timeline()).records.filter(isSyn).length).toBeGreaterThanOrEqual(20 + 2)
  const view = await lvs(page).timeline()
  const loop = view.commands[view.commands.length - 1]
  expect(loop.line).toBe('for i in {1..20}; do curl -s 172.25.254.200; done')
  const syns = view.records.filter((r) => isSyn(r) && r.fromHost === 'client' && r.command === loop.seq)
  expect(syns.length).toBe(20)

  // Open the seventh request and follow only its connection.
  await lvs(page).select(syns[6].uid)
  let v = await lvs(page).timeline()
  expect(v.playing).toBe(false)
  expect(v.records[v.cursor].uid).toBe(syns[6].uid)
  expect(v.selectedConn).toEqual(syns[6].conn)
  await page.getByRole('checkbox', { name: 'selected connection only' }).check()
  const own = v.records.map((r, i) => ({ r, i })).filter(({ r }) => r.conn && JSON.stringify(r.conn) === JSON.stringify(syns[6].conn))
  expect(own.length).toBeGreaterThan(20)

  const check = async (at: { r: Rec; i: number }) => {
    const now = await lvs(page).timeline()
    expect(now.cursor).toBe(at.i)
    expect(now.selected).toBe(at.r.id)
    const inspector = page.locator('section.inspector')
    if (at.r.type === 'wire') {
      await expect(page.locator(`svg.topology .envelope[data-id="${at.r.id}"]`)).toBeVisible()
      await expect(page.locator(`svg.topology g.host[data-host="${at.r.fromHost}"]`)).toHaveClass(/active/)
      await expect(inspector).toContainText(`${at.r.fromHost}.`)
      await expect(inspector).toContainText(at.r.toHost!.join(', '))
    } else {
      await expect(page.locator(`svg.topology g.host[data-host="${at.r.host}"]`)).toHaveClass(/active/)
      if (at.r.type === 'rewrite') await expect(inspector).toContainText('IPVS NAT')
      if (at.r.type === 'sched') await expect(page.locator('section.sched')).toContainText('rr')
    }
    await expect(page.locator(`.log li[data-id="${at.r.id}"]`)).toHaveClass(/current/)
  }

  // Deliveries and the netfilter verdicts that let a packet pass are the inspector's, not steps.
  const visibleOwn = own.filter(({ r }) => r.type !== 'deliver' && r.type !== 'verdict')
  await check(visibleOwn[0])
  const forward = page.getByRole('button', { name: 'Step forward one event' })
  const back = page.getByRole('button', { name: 'Step back one event' })
  for (const at of visibleOwn.slice(1)) {
    await forward.click()
    await check(at)
  }
  await page.screenshot({ path: 'test-results/timeline-nat-stepped.png' })
  for (const at of visibleOwn.slice(0, -1).reverse()) {
    await back.click()
    await check(at)
  }

  // Unfiltered, every event of the twenty requests is reached stepping forward, then back.
  await page.getByRole('button', { name: 'show everything' }).click()
  const records = (await lvs(page).timeline()).records
  const events = records.map((r, i) => ({ r, i })).filter(({ r }) => r.type !== 'deliver' && r.type !== 'verdict' && r.command === loop.seq)
  await lvs(page).seek(events[0].i)
  const walk = (n: number, dir: number) =>
    page.evaluate(
      ([k, d]) => {
        const lab = (window as unknown as { lvsLab: Automation & { timeline(): { cursor: number } } }).lvsLab
        const seen: number[] = []
        for (let i = 0; i < k; i++) {
          lab.step(d)
          seen.push(lab.timeline().cursor)
        }
        return seen
      },
      [n, dir] as const,
    )
  expect(await walk(events.length - 1, 1)).toEqual(events.slice(1).map((e) => e.i))
  expect(await walk(events.length - 1, -1)).toEqual(events.slice(0, -1).reverse().map((e) => e.i))
})

test('the event log filtered to ARP lists exactly the ARP frames, and does not jump while read', async ({ page }) => {
  await solve(page, 'nat')
  await lvs(page).run('lvs', 'ip neigh flush all')
  await lvs(page).run('client', 'ip neigh flush all')
  await lvs(page).run('client', 'curl -s 172.25.254.200')
  await lvs(page).pause()
  await page.locator('[data-proto="ARP"]').click()
  const view = await lvs(page).timeline()
  const arp = view.records.filter((r) => isWire(r) && r.frame?.payload.kind === 'arp')
  expect(arp.length).toBeGreaterThanOrEqual(4)
  const rows = page.locator('.log li[data-id]')
  await expect(rows).toHaveCount(arp.length)
  for (const text of await rows.allTextContents()) expect(text).toMatch(/ARP, (Request who-has|Reply) /)
  await expect(page.locator('.log h2')).toContainText(`${arp.length} of`)

  // Scrolled up, the log stays put while new events arrive below.
  await page.locator('[data-proto="ARP"]').click()
  await lvs(page).run('client', 'for i in {1..5}; do curl -s 172.25.254.200; done')
  const log = page.locator('.log ol')
  await log.evaluate((e) => (e.scrollTop = 0))
  await page.waitForTimeout(100)
  const firstRow = await page.locator('.log li[data-id]').first().getAttribute('data-id')
  await lvs(page).run('client', 'for i in {1..5}; do curl -s 172.25.254.200; done')
  await page.waitForTimeout(300)
  expect(await log.evaluate((e) => e.scrollTop)).toBe(0)
  expect(await page.locator('.log li[data-id]').first().getAttribute('data-id')).toBe(firstRow)
  await expect(page.getByRole('button', { name: 'Newest ↓' })).toBeVisible()
})

test('a thousand curls play as a flow view in seconds, and any one of them can be opened', async ({ page }) => {
  test.setTimeout(180_000)
  await solve(page, 'nat')
  await typeIn(page, 'client', 'for i in {1..1000}; do curl -s 172.25.254.200 > /dev/null; done; echo done-$((6*7))')
  await expect.poll(() => lvs(page).terminal('client'), { timeout: 60_000 }).toContain('done-42')
  expect((await lvs(page).where()).flow).toBe(true)
  await expect(page.locator('svg.topology .rate').first()).toBeVisible()
  await expect(page.locator('svg.topology [data-host="lvs"]')).toContainText(/\/s \d+%/)
  await expect(page.locator('.caption')).toContainText('Flow view')
  await page.screenshot({ path: 'test-results/timeline-nat-flow.png' })
  // The sweep reaches the newest within seconds.
  await expect.poll(async () => {
    const v = await lvs(page).where()
    return v.cursor === v.length - 1
  }, { timeout: 10_000 }).toBe(true)

  // Read in the page: forty thousand records are too many to copy out at every check.
  const picked = await page.evaluate(() => {
    const v = (window as unknown as { lvsLab: Automation }).lvsLab.timeline()
    const syns = v.records.filter((r) => r.type === 'wire' && r.fromHost === 'client' && r.frame?.payload.payload?.kind === 'tcp' && r.frame.payload.payload.flags?.syn && !r.frame.payload.payload.flags.ack)
    return { count: syns.length, uid: syns[500].uid, conn: syns[500].conn, lost: document.querySelectorAll('.log .note').length }
  })
  expect(picked.count).toBeGreaterThanOrEqual(1000)
  expect(picked.lost).toBe(0)
  await lvs(page).select(picked.uid)
  const opened = await page.evaluate(() => {
    const v = (window as unknown as { lvsLab: Automation }).lvsLab.timeline()
    return { flow: v.flow, cursor: v.cursor, id: v.records[v.cursor].id, uid: v.records[v.cursor].uid }
  })
  expect(opened.flow).toBe(false)
  expect(opened.uid).toBe(picked.uid)
  await expect(page.locator(`svg.topology .envelope[data-id="${opened.id}"]`)).toBeVisible()
  await expect(page.locator('section.inspector')).toContainText('client.eth0')
  await page.getByRole('button', { name: 'Next event of the selected connection' }).click()
  const next = await page.evaluate(() => {
    const v = (window as unknown as { lvsLab: Automation }).lvsLab.timeline()
    return { cursor: v.cursor, conn: v.records[v.cursor].conn }
  })
  expect(next.cursor).toBeGreaterThan(opened.cursor)
  expect(next.conn).toEqual(picked.conn)
  await page.screenshot({ path: 'test-results/timeline-nat-flow-opened.png' })
})
