// The details area in the page: the inspector's layers in TUN, DR and FULLNAT (the outer header
// around the untouched inner packet; only the destination MAC changing, named; both addresses
// changing and the TOA option), the live connection table counting down and selecting, and the
// session's pcap and a host's file downloaded, the pcap read by the real tshark.

import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { splitScript } from '../../src/lab/script.ts'

interface Automation {
  load(id: string): Promise<void>
  run(host: string, command: string): Promise<{ stdout: string; exitCode: number }>
  terminal(host: string): string
}

const lvsLab = (page: Page) => ({
  load: (id: string) => page.evaluate((x) => (window as unknown as { lvsLab: Automation }).lvsLab.load(x), id),
  run: (host: string, command: string) => page.evaluate(([h, c]) => (window as unknown as { lvsLab: Automation }).lvsLab.run(h, c), [host, command] as const),
})

/** Loads the lab and types its lesson's solution (all but its closing requests) through the automation surface. */
async function solved(page: Page, id: string): Promise<void> {
  await lvsLab(page).load(id)
  let host = ''
  for (const c of splitScript(readFileSync(`lessons/${id}/solution.script`, 'utf8'))) {
    host = c.host ?? host
    const line = c.lines.join('\n')
    if (host === 'client' && line.includes('curl')) continue
    await lvsLab(page).run(host, line)
  }
}

/** Sends one request, lets the picture catch up, and selects the log line matching `line`. */
async function inspect(page: Page, url: string, line: RegExp): Promise<void> {
  await lvsLab(page).run('client', `curl -s ${url}`)
  await page.locator('button.live').click()
  await page.locator('.log li.wire button').filter({ hasText: line }).first().click()
  await expect(page.locator('[data-testid=inspector] .layer').first()).toBeVisible()
}

const layer = (page: Page, id: string) => page.locator(`[data-testid=inspector] [data-layer="${id}"]`)
const field = (page: Page, key: string) => page.locator(`[data-testid=inspector] [data-field="${key}"]`)
const cause = (page: Page, key: string) => page.locator(`[data-testid=inspector] [data-cause="${key}"]`)

test.use({ viewport: { width: 1440, height: 900 } })

test.beforeEach(async ({ page }) => {
  await page.goto('/')
  await page.evaluate(() => localStorage.clear())
  await page.reload()
  await expect.poll(() => page.evaluate(() => (window as unknown as { lvsLab?: Automation }).lvsLab?.terminal('lvs') ?? '')).toContain('[root@lvs ~]# ')
})

test('TUN: the outer IPv4 header (protocol 4) around the untouched inner packet', async ({ page }) => {
  await solved(page, 'tun')
  await inspect(page, '192.168.0.100', /lvs-tun\.eth0 → rs\d on .*192\.168\.0\.100 > 192\.168\.0\.\d0: IP 192\.168\.0\.111\.\d+ > 192\.168\.0\.100\.80: Flags \[S\]/)
  await expect(layer(page, 'ip1').locator('summary')).toContainText('IPv4 (outer)')
  await expect(layer(page, 'ip1').locator('summary')).toContainText('added by lvs-tun: IPVS TUN: packet encapsulated in IPIP 192.168.0.100 -> 192.168.0.')
  await expect(field(page, 'ip1/proto#0')).toContainText('IPIP (4)')
  await expect(field(page, 'ip1/src#0')).toHaveText(/192\.168\.0\.100$/)
  await expect(field(page, 'ip1/dst#0')).toHaveText(/192\.168\.0\.[12]0$/)
  await expect(layer(page, 'ip0').locator('summary')).toContainText('IPv4 (inner)')
  await expect(field(page, 'ip0/src#0')).toContainText('192.168.0.111')
  await expect(field(page, 'ip0/dst#0')).toContainText('192.168.0.100')
  // The inner packet keeps its addresses and ports: nothing there is highlighted as rewritten.
  await expect(page.locator('[data-testid=inspector] [data-layer="ip0"] [data-field].changed, [data-testid=inspector] [data-layer="tcp0"] [data-field].changed')).toHaveCount(0)
  await expect(field(page, 'ip0/ttl#0')).toHaveClass(/hop/)
  // Hovering a field lights its bytes in the hex view: the outer protocol is the byte at 14 + 9.
  await field(page, 'ip1/proto#0').hover()
  await expect(page.locator('.hex .b.lit')).toHaveCount(1)
  await expect(page.locator('.hex .b.lit')).toHaveAttribute('data-offset', '23')
  await expect(page.locator('.hex .b.lit')).toHaveText('04')
  await page.locator('.details').screenshot({ path: 'test-results/inspector-tun.png' })
})

test('DR: only the destination MAC changes at the director, and it is named', async ({ page }) => {
  await solved(page, 'dr')
  await inspect(page, '192.168.0.220', /dr-lvs\.eth0 → RS\d on .*192\.168\.0\.220\.80: Flags \[S\]/)
  const dst = field(page, 'eth/dst#0')
  await expect(dst).toHaveClass(/changed/)
  await expect(dst).toContainText(/\(RS[12]\.eth0\)/)
  await expect(cause(page, 'eth/dst#0')).toContainText(/destination MAC: RS[12]\.eth0, the neighbour entry for 192\.168\.0\.[12]0/)
  await expect(field(page, 'eth/src#0')).toContainText('(dr-lvs.eth0)')
  // The IP packet is as it arrived (TTL and checksum aside, shown as forwarding): no rewrite.
  await expect(page.locator('[data-testid=inspector] [data-layer="ip0"] [data-field].changed, [data-testid=inspector] [data-layer="tcp0"] [data-field].changed')).toHaveCount(0)
  await expect(page.locator('[data-testid=inspector] .decisions')).toContainText('IPVS DR')
  await expect(page.locator('[data-testid=inspector] .decisions')).toContainText(/dr-lvs sent it out eth0 to the next hop 192\.168\.0\.[12]0/)
  await page.locator('.details').screenshot({ path: 'test-results/inspector-dr.png' })
})

test('FULLNAT: source and destination rewritten, the TOA option carrying the client', async ({ page }) => {
  await solved(page, 'fullnat')
  await inspect(page, '172.25.254.200', /fnat\.eth1 → RS\d on .*192\.168\.0\.200\.\d+ > 192\.168\.0\.\d0\.80: Flags \[\.\], /)
  await expect(field(page, 'ip0/src#0')).toHaveClass(/changed/)
  await expect(cause(page, 'ip0/src#0')).toContainText('src 172.25.254.111 → 192.168.0.200: FULLNAT: 172.25.254.111:')
  await expect(field(page, 'ip0/dst#0')).toHaveClass(/changed/)
  await expect(cause(page, 'ip0/dst#0')).toContainText(/dst 172\.25\.254\.200 → 192\.168\.0\.[12]0/)
  await expect(field(page, 'tcp0/TOA#0')).toContainText(/172\.25\.254\.111:\d+/)
  await page.locator('.details').screenshot({ path: 'test-results/inspector-fullnat.png' })
})

test('the connection table counts down on the virtual clock and selects the packets of an entry', async ({ page }) => {
  await solved(page, 'nat')
  await lvsLab(page).run('client', 'curl -s 172.25.254.200')
  await page.locator('button.live').click()
  await page.getByRole('tab', { name: 'Connections' }).click()
  const row = page.locator('[data-testid=conns] tbody tr').first()
  await expect(row).toContainText('TIME_WAIT')
  const expire = async () => {
    const [m, s] = (await row.locator('.expire').innerText()).split(':').map(Number)
    return m * 60 + s
  }
  const first = await expire()
  await expect.poll(expire, { timeout: 5000 }).toBeLessThanOrEqual(first - 2)
  await row.click()
  await expect(row).toHaveClass(/chosen/)
  await expect(page.locator('.log li.selected')).toHaveCount(1)
  await expect(page.locator('.log li.selected')).toContainText(/client\.eth0 → lvs .*172\.25\.254\.111\.\d+ > 172\.25\.254\.200\.80: Flags \[S\]/)
  await page.locator('.details').screenshot({ path: 'test-results/conns-nat.png' })
  // The reverse: a packet of that connection selected in the log marks its entry.
  await page.getByRole('tab', { name: 'Connections' }).click()
  await page.locator('.log li.wire button').filter({ hasText: /lvs\.eth0 → client .*172\.25\.254\.200\.80 > 172\.25\.254\.111/ }).last().click()
  await page.getByRole('tab', { name: 'Connections' }).click()
  await expect(page.locator('[data-testid=conns] tbody tr.mine')).toHaveCount(1)
})

test('a host file and the session as pcap download; tshark reads the pcap', async ({ page }, info) => {
  await solved(page, 'nat')
  await lvsLab(page).run('lvs', 'ipvsadm-save -n > /etc/sysconfig/ipvsadm')
  await lvsLab(page).run('client', 'curl -s 172.25.254.200')
  await page.getByRole('tab', { name: 'Files' }).click()
  await page.locator('.details').getByLabel('Host').selectOption('lvs')
  await page.getByLabel('Path').fill('/etc/sysconfig/ipvsadm')
  const rules = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Download' }).click()
  const saved = await rules
  expect(saved.suggestedFilename()).toBe('lvs-ipvsadm')
  expect(readFileSync((await saved.path())!, 'utf8')).toBe('-A -t 172.25.254.200:80 -s rr\n-a -t 172.25.254.200:80 -r 192.168.0.10:80 -m -w 1\n-a -t 172.25.254.200:80 -r 192.168.0.20:80 -m -w 1\n')
  await page.getByLabel('Path').fill('/no/such')
  await page.getByRole('button', { name: 'Download' }).click()
  await expect(page.locator('[data-testid=files] .error')).toHaveText('Cannot read /no/such: ENOENT')

  const pcap = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export the session as pcap' }).click()
  const file = await pcap
  expect(file.suggestedFilename()).toBe('lvs-lab-nat.pcap')
  const path = info.outputPath('session.pcap')
  await file.saveAs(path)
  const tshark = spawnSync('tshark', ['-v'], { encoding: 'utf8' })
  test.skip(tshark.error !== undefined, 'tshark is not installed (.ci/run installs it)')
  const read = spawnSync('tshark', ['-r', path, '-Y', 'http.request', '-T', 'fields', '-e', 'frame.encap_type', '-e', 'sll.pkttype', '-e', 'ip.src', '-e', 'ip.dst', '-e', 'http.request.uri'], { encoding: 'utf8' })
  expect(read.status).toBe(0)
  expect(read.stderr.replace(/^Running as user "root".*(\n|$)/m, '')).toBe('')
  // The `-i any` form (encapsulation 210, Linux cooked v2), each frame once as its sender sent it
  // (packet type 4, outgoing): client to VIP, then the director to the real server after NAT.
  expect(read.stdout).toMatch(/^210\t4\t172\.25\.254\.111\t172\.25\.254\.200\t\/\n210\t4\t172\.25\.254\.111\t192\.168\.0\.[12]0\t\/\n$/)

  const segment = page.waitForEvent('download')
  await page.getByLabel('Capture').selectOption('private')
  await page.getByRole('button', { name: 'Export the session as pcap' }).click()
  const one = await segment
  expect(one.suggestedFilename()).toBe('lvs-lab-nat-private.pcap')
  await one.saveAs(info.outputPath('private.pcap'))
  const eth = spawnSync('tshark', ['-r', info.outputPath('private.pcap'), '-Y', 'http.request', '-T', 'fields', '-e', 'frame.encap_type', '-e', 'ip.dst'], { encoding: 'utf8' })
  expect(eth.stdout).toMatch(/^1\t192\.168\.0\.[12]0\n$/)
  await page.screenshot({ path: 'test-results/files-nat.png' })
})

test('the scheduler card follows the newest decision, keeps a history, and holds a pinned one', async ({ page }) => {
  await solved(page, 'nat')
  await lvsLab(page).run('lvs', 'ipvsadm -E -t 172.25.254.200:80 -s wrr')
  await lvsLab(page).run('lvs', 'ipvsadm -e -t 172.25.254.200:80 -r 192.168.0.10:80 -m -w 3')
  for (let i = 0; i < 3; i++) await lvsLab(page).run('client', 'curl -s 172.25.254.200')
  await page.locator('button.live').click()
  await page.getByRole('tab', { name: 'Scheduler' }).click()
  const card = page.locator('[data-testid=scheduler] .card')
  await expect(card).toHaveAttribute('data-kind', 'wrr')
  await expect(card).toContainText(/cw \(current weight\) = \d, mw \(where cw restarts\) = 3, di \(gcd of the weights\) = 1/)
  await expect(card).toContainText(/This round so far \(\d picks\):/)
  // The compared column: each server's weight against cw, worded by the page from the engine's numbers.
  await expect(card.locator('tbody td').filter({ hasText: /^weight [13] [≥<] cw \d$/ })).toHaveCount(2)
  const history = page.locator('[data-testid=scheduler] .history button')
  await expect(history).toHaveCount(3)
  const newest = await history.first().innerText()
  await history.last().click()
  await expect(page.getByRole('button', { name: 'Follow the newest' })).toBeVisible()
  await expect(history.last()).toHaveClass(/current/)
  await lvsLab(page).run('lvs', 'ipvsadm -E -t 172.25.254.200:80 -s wlc')
  await lvsLab(page).run('client', 'curl -s 172.25.254.200')
  await page.locator('button.live').click()
  await expect(history).toHaveCount(4)
  await expect(card).toHaveAttribute('data-kind', 'wrr')
  await page.getByRole('button', { name: 'Follow the newest' }).click()
  await expect(card).toHaveAttribute('data-kind', 'least')
  await expect(card).toContainText('cost = 256 × ActiveConn + InActConn; the smallest cost / weight wins')
  await expect(history.nth(1)).toHaveText(newest)
  await page.locator('.details').screenshot({ path: 'test-results/sched-nat.png' })
})
