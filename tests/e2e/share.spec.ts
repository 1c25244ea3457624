// Sessions, tabs and share links in the built page, under its Content-Security-Policy: a share link
// opened in a fresh browser rebuilds the same world (same `ipvsadm -Ln`, same next pick); damaged,
// newer, huge and junk links say so and open an empty lab; hostile commands, lesson text and a
// served page full of script and terminal queries run nothing and type nothing; each lab keeps its
// own work across switches; a second tab is read-only until it takes saving over. Every page
// records CSP violations and console errors, and the page's own code must cause none.

import { expect, test, type Browser, type Page } from '@playwright/test'
import { renderMarkdown } from '../../src/lab/lessons/markdown.ts'

interface Automation {
  terminal(host: string): string
  run(host: string, command: string): Promise<{ stdout: string; exitCode: number }>
  shareLink(): Promise<string>
  load(id: string): Promise<void>
}
const lvs = (page: Page) => page.evaluate(() => (window as unknown as { lvsLab?: Automation }).lvsLab !== undefined)

interface Watch {
  violations: string[]
  errors: string[]
  dialogs: string[]
}

/** Records what must stay empty: CSP violations, page errors, console errors, dialogs. */
async function watch(page: Page): Promise<Watch> {
  const w: Watch = { violations: [], errors: [], dialogs: [] }
  await page.addInitScript(() => {
    const seen: string[] = ((window as unknown as { __csp: string[] }).__csp = [])
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`))
  })
  page.on('pageerror', (e) => w.errors.push(e.message))
  page.on('console', (m) => m.type() === 'error' && w.errors.push(m.text()))
  page.on('dialog', (d) => {
    w.dialogs.push(d.message())
    void d.dismiss()
  })
  return w
}
const violations = (page: Page) => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)

const terminal = (page: Page, host: string) => page.evaluate((h) => (window as unknown as { lvsLab?: Automation }).lvsLab?.terminal(h) ?? '', host)
const run = (page: Page, host: string, command: string) => page.evaluate(([h, c]) => (window as unknown as { lvsLab: Automation }).lvsLab.run(h, c), [host, command] as const)

async function waitFor(page: Page, host: string, text: string | RegExp, timeout = 20_000): Promise<void> {
  await expect.poll(() => terminal(page, host), { timeout }).toMatch(text)
}

async function openTerminal(page: Page, host: string): Promise<void> {
  await page.getByRole('tab', { name: host, exact: true }).click()
  await page.locator(`.term[data-host="${host}"] .xterm`).click()
}

/** Types a line as a paste would arrive (one chunk), then Enter. */
async function type(page: Page, line: string): Promise<void> {
  await page.keyboard.insertText(line)
  await page.keyboard.press('Enter')
}

async function fresh(browser: Browser, url = '/'): Promise<{ page: Page; w: Watch; close: () => Promise<void> }> {
  const context = await browser.newContext()
  const page = await context.newPage()
  const w = await watch(page)
  await page.goto(url)
  await expect.poll(() => lvs(page)).toBe(true)
  return { page, w, close: () => context.close() }
}

const savedKeys = (page: Page, key: string) => page.evaluate((k) => (JSON.parse(localStorage.getItem(k) ?? '{"keys":[]}').keys as { host: string; data: string }[]).map((e) => e.data).join(''), key)

test('a share link opened in a fresh browser rebuilds the same world: the same ipvsadm -Ln and the same next pick', async ({ browser }) => {
  const a = await fresh(browser, '/?lesson=dr-fwmark')
  await waitFor(a.page, 'dr-lvs', '[root@dr-lvs ~]# ')
  await openTerminal(a.page, 'dr-lvs')
  await type(a.page, 'ipvsadm -e -t 192.168.0.220:80 -r 192.168.0.10:80 -g -w 3')
  await type(a.page, 'ipvsadm -E -t 192.168.0.220:80 -s wrr')
  await openTerminal(a.page, 'client')
  for (let i = 0; i < 3; i++) await type(a.page, 'curl -s 192.168.0.220')
  await waitFor(a.page, 'client', /^(\[root@client ~\]# curl -s 192\.168\.0\.220\nRS\d - [\d.]+\n){3}\[root@client ~\]# $/)
  const link = await a.page.evaluate(() => (window as unknown as { lvsLab: Automation }).lvsLab.shareLink())
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#share=1\.[A-Za-z0-9_-]+$/)
  const table = (await run(a.page, 'dr-lvs', 'ipvsadm -Ln')).stdout
  expect(table).toContain('TCP  192.168.0.220:80 wrr')
  const picks = [(await run(a.page, 'client', 'curl -s 192.168.0.220')).stdout, (await run(a.page, 'client', 'curl -s 192.168.0.220')).stdout]

  const b = await fresh(browser, link)
  await waitFor(b.page, 'dr-lvs', /ipvsadm -E -t 192\.168\.0\.220:80 -s wrr\n\[root@dr-lvs ~\]# $/)
  expect((await run(b.page, 'dr-lvs', 'ipvsadm -Ln')).stdout).toBe(table)
  expect([(await run(b.page, 'client', 'curl -s 192.168.0.220')).stdout, (await run(b.page, 'client', 'curl -s 192.168.0.220')).stdout]).toEqual(picks)
  // The lesson is open as it was, the fragment is gone (a reload restores the saved copy), and it says what happened.
  await expect(b.page.getByRole('status').filter({ hasText: 'You opened a shared session of' })).toBeVisible()
  expect(new URL(b.page.url()).hash).toBe('')
  expect(new URL(b.page.url()).searchParams.get('lesson')).toBe('dr-fwmark')
  await b.page.reload()
  await waitFor(b.page, 'dr-lvs', /ipvsadm -E -t 192\.168\.0\.220:80 -s wrr\n\[root@dr-lvs ~\]# $/)
  for (const x of [a, b]) {
    expect(await violations(x.page)).toEqual([])
    expect(x.w.errors).toEqual([])
  }
  await a.close()
  await b.close()
})

test('the Share button copies the link of the lab as it is', async ({ browser }) => {
  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] })
  const page = await context.newPage()
  await page.goto('/?lab=tun')
  await waitFor(page, 'lvs-tun', '[root@lvs-tun ~]# ')
  await openTerminal(page, 'lvs-tun')
  await type(page, 'echo shared > /root/s.txt')
  await waitFor(page, 'lvs-tun', /echo shared > \/root\/s\.txt\n\[root@lvs-tun ~\]# $/)
  await page.getByRole('button', { name: 'Share', exact: true }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Link copied' })).toBeVisible()
  const copied = await page.evaluate(() => navigator.clipboard.readText())
  expect(copied).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#share=1\.[A-Za-z0-9_-]+$/)
  const b = await fresh(browser, copied)
  await waitFor(b.page, 'lvs-tun', /echo shared > \/root\/s\.txt\n\[root@lvs-tun ~\]# $/)
  expect((await run(b.page, 'lvs-tun', 'cat /root/s.txt')).stdout).toBe('shared\n')
  await b.close()
  await context.close()
})

test('damaged, newer, huge and junk links say so and open an empty lab; saved work is untouched', async ({ browser }) => {
  const { page, w, close } = await fresh(browser)
  await waitFor(page, 'lvs', '[root@lvs ~]# ')
  await openTerminal(page, 'lvs')
  await type(page, 'echo mine > /root/mine.txt')
  await expect.poll(() => savedKeys(page, 'lvs-lab.lab-session.nat')).toBe('echo mine > /root/mine.txt\r')
  const cases: [string, string][] = [
    ['#share=1.$$$not-base64', 'This shared link could not be opened: it is damaged (not base64url)'],
    ['#share=1.AAAAAAAA', 'This shared link could not be opened: it is damaged (not deflate data)'],
    ['#share=9.AAAA', 'This shared link was made by a newer version of LVS Lab (version 9)'],
    ['#share=', 'This shared link could not be opened: it is damaged (no version)'],
    [`#share=1.${'A'.repeat(1_100_000)}`, 'This shared link is too large to open (1100009 characters)'],
  ]
  for (const [hash, message] of cases) {
    // Pasted into the address bar of the page already open, only the fragment changes; a huge one
    // is opened afresh (Chromium does not take a megabyte through location.hash).
    if (hash.length < 1000) await page.evaluate((h) => (location.hash = h), hash)
    else await page.goto(`about:blank`).then(() => page.goto(`/${hash}`))
    await expect(page.getByRole('alert')).toContainText(message)
    await waitFor(page, 'lvs', /^\[root@lvs ~\]# $/)
    expect((await run(page, 'lvs', 'ls /root/mine.txt')).exitCode).toBe(2)
    // What is typed in the empty lab is saved nowhere.
    await openTerminal(page, 'lvs')
    await type(page, 'echo scratch')
    await waitFor(page, 'lvs', /echo scratch\nscratch\n/)
    await page.waitForTimeout(300)
    expect(await savedKeys(page, 'lvs-lab.lab-session.nat')).toBe('echo mine > /root/mine.txt\r')
  }
  await page.getByRole('button', { name: 'Back to my saved work' }).click()
  await waitFor(page, 'lvs', /echo mine > \/root\/mine\.txt\n\[root@lvs ~\]# $/)
  expect(await violations(page)).toEqual([])
  expect(w.errors).toEqual([])
  expect(w.dialogs).toEqual([])
  await close()
})

test('nothing in a link or a served page runs script in the page or types into the shell', async ({ browser }) => {
  const { page, w, close } = await fresh(browser, '/?lesson=dr-fwmark')
  await waitFor(page, 'dr-lvs', '[root@dr-lvs ~]# ')
  // A served page with script, markup and the queries a terminal answers (DA1, DA2, cursor position, colour).
  await openTerminal(page, 'RS1')
  await type(page, String.raw`printf '<script>alert(1)</script><img src=x onerror=alert(2)>\033[c\033[>c\033[6n\033]11;?\007\n' > /var/www/html/index.html`)
  await openTerminal(page, 'client')
  await type(page, 'curl -s 192.168.0.220; curl -s 192.168.0.220')
  await waitFor(page, 'client', /RS2 - 192\.168\.0\.20\n<script>alert\(1\)<\/script><img src=x onerror=alert\(2\)>\n\[root@client ~\]# $/)
  await type(page, 'echo "<svg onload=alert(3)>" $((6*7))')
  await waitFor(page, 'client', /42\n\[root@client ~\]# $/)
  const key = 'lvs-lab.lesson-session.dr-fwmark'
  await expect.poll(() => savedKeys(page, key)).toContain('$((6*7))')
  // Only the typed lines are saved: no terminal answer (ESC [ ? 1 ; 2 c …) among the keys.
  expect(await savedKeys(page, key)).not.toMatch(/\x1b\[[?>]|\dc|R/)
  await page.reload()
  await openTerminal(page, 'client')
  await waitFor(page, 'client', /42\n\[root@client ~\]# $/)
  const text = await terminal(page, 'client')
  expect(text).not.toContain('1;2c')
  expect(text.match(/<script>/g)).toHaveLength(1)

  // The same through a share link, with a hostile command in it.
  const link = await page.evaluate(() => (window as unknown as { lvsLab: Automation }).lvsLab.shareLink())
  const b = await fresh(browser, link)
  await openTerminal(b.page, 'client')
  await waitFor(b.page, 'client', /42\n\[root@client ~\]# $/)
  expect(b.w.dialogs).toEqual([])
  expect(await violations(b.page)).toEqual([])
  await b.close()

  expect(w.dialogs).toEqual([])
  expect(await violations(page)).toEqual([])
  await close()
})

test('lesson text runs no script: the markdown path sanitises it, and the policy stops what a failed sanitiser would let by', async ({ browser }) => {
  const sanitised = renderMarkdown('Hostile <script>window.__pwned=1</script> [x](javascript:window.__pwned=2) <img src=x onerror=window.__pwned=3>')
  expect(sanitised).not.toMatch(/<script|javascript:|<[^>]*\bon\w+=/)
  const context = await browser.newContext({ serviceWorkers: 'block' })
  await context.route(/\/assets\/lessons-[\w-]+\.json$/, async (route) => {
    const lessons = (await (await route.fetch()).json()) as { summary: { id: string }; text: Record<string, { steps: { html: string }[] }> }[]
    const nat = lessons.find((l) => l.summary.id === 'nat')!
    nat.text.en.steps[0].html = `${sanitised}<img src=x onerror="window.__pwned=4"><a href="javascript:window.__pwned=5">go</a><script>window.__pwned=6</script>`
    await route.fulfill({ json: lessons })
  })
  const hostile = await context.newPage()
  const hw = await watch(hostile)
  await hostile.goto('/?lesson=nat')
  await expect(hostile.locator('.lesson')).toContainText('Hostile')
  await hostile.locator('.lesson a', { hasText: 'go' }).click()
  await hostile.waitForTimeout(300)
  expect(await hostile.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined()
  // The raw handler and link were blocked by the policy, and nothing else was.
  const blocked = await violations(hostile)
  expect(blocked.length).toBeGreaterThan(0)
  expect(blocked.every((v) => v.startsWith('script-src'))).toBe(true)
  expect(hw.dialogs).toEqual([])
  expect(hw.errors.filter((e) => !e.includes('Content Security Policy'))).toEqual([])
  await context.close()
})

test('each lab keeps its own work: switching asks nothing and loses nothing', async ({ browser }) => {
  const { page, w, close } = await fresh(browser)
  await waitFor(page, 'lvs', '[root@lvs ~]# ')
  await openTerminal(page, 'lvs')
  await type(page, 'echo in-nat > /root/nat.txt')
  await waitFor(page, 'lvs', /echo in-nat > \/root\/nat\.txt\n\[root@lvs ~\]# $/)
  await page.getByLabel('Lab').selectOption('dr')
  await openTerminal(page, 'dr-lvs')
  await waitFor(page, 'dr-lvs', /^\[root@dr-lvs ~\]# $/)
  await type(page, 'echo in-dr > /root/dr.txt')
  await waitFor(page, 'dr-lvs', /echo in-dr > \/root\/dr\.txt\n\[root@dr-lvs ~\]# $/)
  await page.getByLabel('Lab').selectOption('nat')
  await waitFor(page, 'lvs', /^\[root@lvs ~\]# echo in-nat > \/root\/nat\.txt\n\[root@lvs ~\]# $/)
  expect((await run(page, 'lvs', 'cat /root/nat.txt')).stdout).toBe('in-nat\n')
  expect(new URL(page.url()).searchParams.get('lab')).toBe('nat')
  await page.getByLabel('Lab').selectOption('dr')
  await waitFor(page, 'dr-lvs', /^\[root@dr-lvs ~\]# echo in-dr > \/root\/dr\.txt\n\[root@dr-lvs ~\]# $/)
  // ?lab=ID opens that lab with its own session.
  await page.goto('/?lab=nat')
  await waitFor(page, 'lvs', /echo in-nat > \/root\/nat\.txt\n\[root@lvs ~\]# $/)
  await page.goto('/?lab=nope')
  await expect(page.getByRole('alert')).toContainText('There is no lab “nope”. The NAT lab is open instead.')
  expect(w.dialogs).toEqual([])
  expect(w.errors).toEqual([])
  expect(await violations(page)).toEqual([])
  await close()
})

test('a second tab of the same lab is read-only and says so, until it takes saving over', async ({ browser }) => {
  const context = await browser.newContext()
  const first = await context.newPage()
  await first.goto('/?lab=nat')
  await waitFor(first, 'lvs', '[root@lvs ~]# ')
  await openTerminal(first, 'lvs')
  await type(first, 'echo first')
  await expect.poll(() => savedKeys(first, 'lvs-lab.lab-session.nat')).toBe('echo first\r')
  const second = await context.newPage()
  await second.goto('/?lab=nat')
  await waitFor(second, 'lvs', /echo first\nfirst\n\[root@lvs ~\]# $/)
  await expect(second.getByRole('status').filter({ hasText: 'already open in another tab' })).toBeVisible()
  await openTerminal(second, 'lvs')
  await type(second, 'echo second')
  await waitFor(second, 'lvs', /echo second\nsecond\n/)
  await second.waitForTimeout(400)
  expect(await savedKeys(second, 'lvs-lab.lab-session.nat')).toBe('echo first\r')
  // Another lab in the second tab is its own.
  await second.getByLabel('Lab').selectOption('tun')
  await expect(second.getByRole('status').filter({ hasText: 'another tab' })).toHaveCount(0)
  await second.getByLabel('Lab').selectOption('nat')
  await second.getByRole('button', { name: 'Save this tab instead' }).click()
  await expect(first.getByRole('status').filter({ hasText: 'Another tab took over saving' })).toBeVisible()
  await openTerminal(second, 'lvs')
  await type(second, 'echo taken')
  await expect.poll(() => savedKeys(second, 'lvs-lab.lab-session.nat')).toBe('echo first\recho taken\r')
  await openTerminal(first, 'lvs')
  await type(first, 'echo ignored')
  await first.waitForTimeout(400)
  expect(await savedKeys(first, 'lvs-lab.lab-session.nat')).toBe('echo first\recho taken\r')
  await context.close()
})

test('a damaged saved session is told, kept aside, and the lab starts empty', async ({ browser }) => {
  const { page, close } = await fresh(browser)
  await page.evaluate(() => localStorage.setItem('lvs-lab.lab-session.nat', '{"version":1,"lab":"nat","keys":[{"t":'))
  await page.evaluate(() => localStorage.setItem('lvs-lab.lab-session.dr', JSON.stringify({ version: 2, lab: 'dr', seed: 1, keys: [] })))
  await page.reload()
  await expect(page.getByRole('alert')).toContainText('Your saved session of LVS-NAT')
  await expect(page.getByRole('alert')).toContainText('lvs-lab.aside.lvs-lab.lab-session.nat.1')
  expect(await page.evaluate(() => localStorage.getItem('lvs-lab.aside.lvs-lab.lab-session.nat.1'))).toBe('{"version":1,"lab":"nat","keys":[{"t":')
  await page.getByLabel('Lab').selectOption('dr')
  await expect(page.getByRole('alert').filter({ hasText: 'newer version of LVS Lab (session version 2)' })).toBeVisible()
  await close()
})
