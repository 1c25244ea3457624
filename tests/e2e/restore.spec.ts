// A long saved session restored on reload: its replay's output is parsed before the terminal is
// drawn (Terminal.svelte), at the size the session's terminal had, so what shows is the same as
// typed live; the timeline holds every restored command, and the lab goes on from there.

import { expect, test, type Page } from '@playwright/test'

interface W {
  lvsLab: {
    terminal(host: string): string
    run(host: string, command: string): Promise<{ stdout: string; exitCode: number }>
    timeline(): { commands: { seq: number; host: string; line: string }[] }
  }
}

const terminal = (page: Page, host: string) => page.evaluate((h) => (window as unknown as W).lvsLab?.terminal(h) ?? '', host)

/** `n` commands typed one key at a time on lvs, and one line as wide as 150 characters. */
function longSession(n: number) {
  const keys: { t: number; host: string; data: string }[] = []
  let t = 1_000_000
  const type = (line: string) => {
    for (const data of line) keys.push({ t: (t += 50_000), host: 'lvs', data })
    keys.push({ t: (t += 50_000), host: 'lvs', data: '\r' })
  }
  for (let i = 0; i < n; i++) type(`echo line-${i}`)
  type(`echo ${'w'.repeat(150)}`)
  return { version: 1, lab: 'nat', seed: 1, keys, sizes: [{ at: 0, host: 'lvs', cols: 100, rows: 30 }] }
}

test('a long saved session comes back to its last output, wide lines whole, every command on the timeline, and goes on', async ({ page }) => {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto('/')
  await page.evaluate((s) => {
    localStorage.clear()
    localStorage.setItem('lvs-lab.lab-session.nat', s)
  }, JSON.stringify(longSession(3000)))
  await page.reload()
  const wide = 'w'.repeat(150)
  await expect.poll(() => terminal(page, 'lvs'), { timeout: 30_000 }).toMatch(new RegExp(`\\[root@lvs ~\\]# echo ${wide}\n${wide}\n\\[root@lvs ~\\]# ?$`))
  const text = await terminal(page, 'lvs')
  // The scrollback keeps the last 5,000 rows: the end of the replay, each line as typed live, the
  // wide ones (wrapped at the session's 100 columns, then at the pane's) whole.
  expect(text).toContain(`[root@lvs ~]# echo line-2999\nline-2999\n[root@lvs ~]# echo ${wide}\n`)
  expect(text).toContain('[root@lvs ~]# echo line-1000\nline-1000\n[root@lvs ~]# echo line-1001\n')
  const commands = await page.evaluate(() => (window as unknown as W).lvsLab.timeline().commands)
  expect(commands).toHaveLength(3001)
  expect(commands.at(-2)).toMatchObject({ host: 'lvs', line: 'echo line-2999' })
  // The terminal takes keys at once, and the shell goes on with the session's history.
  await page.locator('.term[data-host="lvs"] .xterm-helper-textarea').focus()
  await page.keyboard.press('ArrowUp')
  await page.keyboard.press('ArrowUp')
  await page.keyboard.type(' | tail -c 4')
  await page.keyboard.press('Enter')
  await expect.poll(() => terminal(page, 'lvs')).toMatch(/\n\[root@lvs ~\]# echo line-2999 \| tail -c 4\n999\n\[root@lvs ~\]# ?$/)
  expect(errors).toEqual([])
})
