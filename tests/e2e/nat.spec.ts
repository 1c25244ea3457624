// The NAT lab typed into the page as a learner would: terminals per host, vim on the keyfile, the
// packet picture animating the client's requests, the scheduler's decision explained.

import { expect, test, type Page } from '@playwright/test'

declare global {
  interface Window {
    lvsLab: {
      terminal(host: string): string
      run(host: string, command: string): Promise<{ stdout: string; exitCode: number }>
      labs(): Promise<{ id: string }[]>
    }
  }
}

async function openTerminal(page: Page, host: string): Promise<void> {
  await page.getByRole('tab', { name: host, exact: true }).click()
  await page.locator(`.term[data-host="${host}"] .xterm`).click()
}

async function type(page: Page, line: string): Promise<void> {
  await page.keyboard.type(line)
  await page.keyboard.press('Enter')
}

const terminal = (page: Page, host: string) => page.evaluate((h) => window.lvsLab?.terminal(h) ?? '', host)

async function waitFor(page: Page, host: string, text: string | RegExp, timeout = 15_000): Promise<void> {
  await expect.poll(() => terminal(page, host), { timeout }).toMatch(text)
}

test.beforeEach(async ({ page }) => {
  await page.goto('/')
  await page.evaluate(() => localStorage.clear())
  await page.reload()
  await waitFor(page, 'lvs', '[root@lvs ~]# ')
})

test('the NAT lab, typed step by step', async ({ page }) => {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))

  for (const [rs, ip] of [['RS1', '192.168.0.10'], ['RS2', '192.168.0.20']]) {
    await openTerminal(page, rs)
    await type(page, 'systemctl disable --now firewalld')
    await type(page, 'dnf install httpd -y')
    await waitFor(page, rs, /Complete!\n\[root@/)
    await type(page, `echo ${rs} - ${ip} > /var/www/html/index.html`)
    await type(page, 'systemctl enable --now httpd')
    await type(page, 'cd /etc/NetworkManager/system-connections/')
    await type(page, 'ls')
    await waitFor(page, rs, /\neth0\.nmconnection\n/)
    // vim: go to the address1 line, append the gateway, write and quit.
    await type(page, 'vim eth0.nmconnection')
    await page.waitForTimeout(200)
    await page.keyboard.press('G')
    await page.keyboard.press('A')
    await page.keyboard.type(',192.168.0.100')
    await page.keyboard.press('Escape')
    await page.keyboard.type(':wq')
    await page.keyboard.press('Enter')
    await type(page, 'cat eth0.nmconnection')
    await waitFor(page, rs, `address1=${ip}/24,192.168.0.100`)
    await type(page, 'nmcli connection reload')
    await type(page, 'nmcli connection up eth0')
    await waitFor(page, rs, 'Connection successfully activated')
  }

  await openTerminal(page, 'lvs')
  await type(page, 'systemctl disable --now firewalld')
  await type(page, 'sysctl -a | grep ip_forward')
  await waitFor(page, 'lvs', 'net.ipv4.ip_forward_use_pmtu = 0')
  await type(page, 'echo net.ipv4.ip_forward=1 > /etc/sysctl.conf')
  await type(page, 'sysctl -p')
  await type(page, 'dnf install ipvsadm -y')
  await waitFor(page, 'lvs', /ipvsadm[\s\S]*Complete!/)
  await type(page, 'ipvsadm -A -t 172.25.254.200:80 -s rr')
  await type(page, 'ipvsadm -a -t 172.25.254.200:80 -r 192.168.0.10:80 -m')
  await type(page, 'ipvsadm -a -t 172.25.254.200:80 -r 192.168.0.20:80 -m')
  await type(page, 'ipvsadm -Ln')
  await waitFor(page, 'lvs', '  -> 192.168.0.20:80              Masq    1      0          0')

  await openTerminal(page, 'client')
  await type(page, 'curl 172.25.254.200')
  await waitFor(page, 'client', 'RS2 - 192.168.0.20')
  await type(page, 'curl 172.25.254.200')
  await waitFor(page, 'client', 'RS1 - 192.168.0.10')

  // The picture animated the request: packets flew and the log shows them with the NAT rewrite.
  await expect(page.locator('svg.topology .envelope')).toBeVisible({ timeout: 10_000 })
  await expect(page.locator('.log li.rewrite').first()).toContainText('IPVS NAT', { timeout: 30_000 })
  await expect(page.locator('section.sched')).toContainText('rr: the server after')
  await page.locator('.log li.wire button').first().click()
  await expect(page.locator('.inspector table')).toBeVisible()

  // Ctrl-C interrupts a live view; watch leaves the alternate screen.
  await openTerminal(page, 'lvs')
  await type(page, 'watch -n1 ipvsadm -Ln')
  await page.waitForTimeout(1500)
  await page.keyboard.press('Control+C')
  await type(page, 'ipvsadm -Lnc')
  await waitFor(page, 'lvs', /TIME_WAIT +172\.25\.254\.111:\d+ +172\.25\.254\.200:80 +192\.168\.0\.(10|20):80/)

  expect((await page.evaluate(() => window.lvsLab.run('client', 'curl -s 172.25.254.200'))).exitCode).toBe(0)
  await page.screenshot({ path: 'artifacts/e2e-nat.png' })
  expect(errors).toEqual([])
})

test('a reload keeps what was typed', async ({ page }) => {
  await openTerminal(page, 'lvs')
  await type(page, 'echo survived > /root/note.txt')
  await type(page, 'cat /root/note.txt')
  await waitFor(page, 'lvs', /cat \/root\/note\.txt\nsurvived/)
  await page.waitForTimeout(500)
  await page.reload()
  await waitFor(page, 'lvs', /cat \/root\/note\.txt\nsurvived/)
  expect((await page.evaluate(() => window.lvsLab.run('lvs', 'cat /root/note.txt'))).stdout).toBe('survived\n')
})

test('the interface switches to Traditional Chinese', async ({ page }) => {
  await page.getByLabel('Language').selectOption('zh-Hant')
  await expect(page.locator('header h1')).toContainText('LVS 實驗室')
  await expect(page.locator('section.sched h2')).toHaveText('調度決策')
})

test('after one visit the lab loads offline', async ({ page, context }) => {
  await page.evaluate(() => navigator.serviceWorker.ready)
  await page.reload()
  await waitFor(page, 'lvs', '[root@lvs ~]# ')
  await context.setOffline(true)
  await page.reload()
  await waitFor(page, 'lvs', '[root@lvs ~]# ')
  expect((await page.evaluate(() => window.lvsLab.run('lvs', 'hostname'))).stdout).toBe('lvs\n')
  await context.setOffline(false)
})

test('switching labs and restarting give every open terminal a fresh prompt', async ({ page }) => {
  await openTerminal(page, 'client')
  await type(page, 'echo from-nat')
  await waitFor(page, 'client', /echo from-nat\nfrom-nat\n\[root@client ~\]# $/)
  await page.getByLabel('Lab').selectOption('dr')
  await openTerminal(page, 'client')
  await waitFor(page, 'client', /^\[root@client ~\]# $/)
  await type(page, 'hostname')
  await waitFor(page, 'client', /^\[root@client ~\]# hostname\nclient\n\[root@client ~\]# $/)
  page.once('dialog', (d) => void d.accept())
  await page.getByRole('button', { name: 'Restart lab' }).click()
  await waitFor(page, 'client', /^\[root@client ~\]# $/)
})

test('an internal error in the worker offers a reload that restores the session', async ({ page }) => {
  await openTerminal(page, 'lvs')
  await type(page, 'echo kept > /root/kept.txt')
  await waitFor(page, 'lvs', /echo kept > \/root\/kept\.txt\n\[root@lvs ~\]# $/)
  const [worker] = page.workers()
  await worker.evaluate(() => void setTimeout(() => { throw new Error('injected engine bug') }))
  const banner = page.getByRole('alert')
  await expect(banner).toContainText('internal error')
  await banner.getByRole('button', { name: 'Reload' }).click()
  await waitFor(page, 'lvs', /echo kept > \/root\/kept\.txt\n\[root@lvs ~\]# $/)
  expect((await page.evaluate(() => window.lvsLab.run('lvs', 'cat /root/kept.txt'))).stdout).toBe('kept\n')
})

test('a saved session that fails on replay comes back without the failing command, and a banner names it', async ({ page }) => {
  // A session saved by an older version that had a host this lab no longer has: its command cannot replay.
  const session = {
    version: 1,
    lab: 'nat',
    seed: 1,
    keys: [
      { t: 1_000_000, host: 'lvs', data: 'echo kept > /root/kept.txt\r' },
      { t: 2_000_000, host: 'ghost', data: 'hostname\r' },
      { t: 3_000_000, host: 'lvs', data: 'echo also kept\r' },
    ],
  }
  await page.evaluate((s) => localStorage.setItem('lvs-lab.session', JSON.stringify(s)), session)
  await page.reload()
  const banner = page.getByRole('alert')
  await expect(banner).toContainText('the command “hostname” on ghost failed inside the simulator, so it was skipped')
  await waitFor(page, 'lvs', /echo kept > \/root\/kept\.txt\n\[root@lvs ~\]# echo also kept\nalso kept\n\[root@lvs ~\]# $/)
  // The repaired session is what is saved now: another reload restores it without a banner.
  await openTerminal(page, 'lvs')
  await type(page, 'echo later')
  await waitFor(page, 'lvs', /echo later\nlater\n\[root@lvs ~\]# $/)
  const savedKeys = () => page.evaluate(() => (JSON.parse(localStorage.getItem('lvs-lab.session') ?? '{}').keys as { host: string; data: string }[]).map((k) => `${k.host}:${k.data}`).join(''))
  await expect.poll(savedKeys).toBe('lvs:echo kept > /root/kept.txt\rlvs:echo also kept\r' + [...'echo later\r'].map((c) => `lvs:${c}`).join(''))
  await page.reload()
  await waitFor(page, 'lvs', /also kept\n\[root@lvs ~\]# echo later\nlater\n\[root@lvs ~\]# $/)
  await expect(page.getByRole('alert')).toHaveCount(0)
  expect((await page.evaluate(() => window.lvsLab.run('lvs', 'cat /root/kept.txt'))).stdout).toBe('kept\n')
})
