// The NAT lesson in the page as a learner meets it: the welcome on a fresh page, `?lesson=nat`,
// the solution's lines typed into the terminals, the checks turning, a hint, a reload that keeps
// the progress, the finish screen, and a submission that `lvs-lab grade` passes. Screenshots at
// 1440×900 go to artifacts/ to be looked at.

import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync } from 'node:fs'
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'

interface ShownStep {
  id: string
  done: boolean
  checks: { id: string; passed: boolean | null; expected: string; found: string }[]
}

/** The part of window.lvsLab these tests use (nat.spec.ts declares the lab part on Window). */
interface LessonAutomation {
  terminal(host: string): string
  progress(): { lesson: string | null; complete: boolean; steps: ShownStep[] }
  submission(): Promise<string>
}

/** The solution as (host, line) pairs: a prompt names the host, a here-document runs to its word. */
function solution(path: string): { host: string; lines: string[] }[] {
  const out: { host: string; lines: string[] }[] = []
  let until: string | null = null
  for (const raw of readFileSync(path, 'utf8').split('\n')) {
    if (until !== null) {
      out[out.length - 1].lines.push(raw)
      if (raw.trim() === until) until = null
      continue
    }
    const m = /^\[[^@\]]+@([^ \]]+)[^\]]*\][#$] ?(.*)$/.exec(raw)
    if (!m) continue
    out.push({ host: m[1], lines: [m[2]] })
    until = /<<-?\s*['"]?(\w+)/.exec(m[2])?.[1] ?? null
  }
  return out
}

const STEPS = solution('lessons/nat/solution.script')

const terminal = (page: Page, host: string) => page.evaluate((h) => (window as unknown as { lvsLab?: LessonAutomation }).lvsLab?.terminal(h) ?? '', host)
const progress = (page: Page) => page.evaluate(() => (window as unknown as { lvsLab: LessonAutomation }).lvsLab.progress())
const submission = async (page: Page) => JSON.parse(await page.evaluate(() => (window as unknown as { lvsLab: LessonAutomation }).lvsLab.submission()))
const passed = (steps: ShownStep[]) => steps.flatMap((s) => s.checks.filter((c) => c.passed).map((c) => c.id))

async function openTerminal(page: Page, host: string): Promise<string> {
  const tab = page.getByRole('tab', { name: new RegExp(`^${host}$`, 'i') })
  const name = (await tab.textContent())!.trim()
  await tab.click()
  await page.locator(`.term[data-host="${name}"] .xterm`).click()
  return name
}

/** Types one command (and its here-document) as a person would, waiting for the prompt after each line. */
async function typeCommand(page: Page, host: string, lines: string[]): Promise<void> {
  for (const line of lines) {
    await page.keyboard.type(line)
    await page.keyboard.press('Enter')
    await expect.poll(async () => (await terminal(page, host)).split('\n').at(-1), { timeout: 30_000 }).toMatch(/^(\[[^\]]+\]# |> )$/)
  }
}

async function typeSteps(page: Page, steps: typeof STEPS): Promise<void> {
  let current = ''
  let name = ''
  for (const s of steps) {
    if (s.host !== current) {
      name = await openTerminal(page, s.host)
      current = s.host
    }
    await typeCommand(page, name, s.lines)
  }
}

/** What axe finds wrong in the lesson panel: rule id and the first offending element. */
async function axe(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).include('aside.lesson').analyze()
  return r.violations.map((v) => `${v.id}: ${v.nodes[0]?.html ?? ''}`)
}

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync('artifacts', { recursive: true })
  await page.screenshot({ path: `artifacts/${name}.png` })
}

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  await page.goto('/')
  await page.evaluate(() => localStorage.clear())
})

test('a newcomer is invited to start with the NAT lesson, and the panel fits beside the lab', async ({ page }) => {
  await page.reload()
  const panel = page.getByRole('complementary', { name: 'Lesson' })
  await expect(panel.getByRole('heading', { name: 'New here? Start with a lesson' })).toBeVisible()
  await expect(panel.getByRole('button', { name: /Start the LVS-NAT lesson/ })).toBeVisible()
  await expect.poll(() => terminal(page, 'lvs')).toContain('[root@lvs ~]# ')
  await shot(page, 'lesson-fresh-1440')
  expect(await axe(page)).toEqual([])
  for (const [width, height] of [[1440, 900], [1280, 800]]) {
    await page.setViewportSize({ width, height })
    const box = await page.evaluate(() => {
      const r = (s: string) => document.querySelector(s)!.getBoundingClientRect()
      return { panel: r('aside.lesson'), terms: r('section.terminals'), side: r('section.side'), scroll: document.documentElement.scrollWidth, inner: innerWidth }
    })
    expect(box.scroll).toBeLessThanOrEqual(box.inner)
    expect(box.panel.right).toBeLessThanOrEqual(box.terms.left + 1)
    expect(box.terms.right).toBeLessThanOrEqual(box.side.left + 1)
    expect(box.terms.width).toBeGreaterThan(440)
    expect(box.side.width).toBeGreaterThan(400)
  }
  await shot(page, 'lesson-fresh-1280')
  // Folded, the panel leaves a rail and the terminals take the room.
  await page.getByRole('button', { name: 'Hide the lesson panel' }).click()
  await expect(page.locator('aside.lesson.collapsed')).toBeVisible()
  await expect(page.locator(`.term[data-host="lvs"] .xterm-helper-textarea`)).toBeFocused()
  await page.getByRole('button', { name: /^Show the lesson panel/ }).focus()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { name: 'New here? Start with a lesson' })).toBeVisible()
  await page.getByRole('button', { name: /Start the LVS-NAT lesson/ }).click()
  await expect(page).toHaveURL(/\?lesson=nat$/)
  await expect(panel.getByRole('heading', { name: 'LVS-NAT', level: 2 })).toBeVisible()
})

test('the NAT lesson: typed, checked, a hint, a reload, finished, submitted and graded', async ({ page }, info) => {
  test.setTimeout(300_000)
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto('/?lesson=nat')
  const panel = page.getByRole('complementary', { name: 'Lesson' })
  await expect(panel.getByRole('heading', { name: 'LVS-NAT', level: 2 })).toBeVisible()
  await expect.poll(() => terminal(page, 'lvs')).toContain('[root@lvs ~]# ')
  const before = await progress(page)
  expect(before.lesson).toBe('nat')
  expect(before.complete).toBe(false)

  // The first command turns its check in the step being worked on, before the learner's eyes.
  const first = panel.locator('li.check[data-check="lvs-firewalld"]')
  await expect(first).toHaveClass(/\bfailed\b/)
  await expect(first).toContainText('Found:')
  expect(STEPS[0]).toEqual({ host: 'lvs', lines: ['systemctl disable --now firewalld'] })
  await typeSteps(page, STEPS.slice(0, 1))
  await expect(first).toHaveClass(/\bpassed\b/)
  await expect(first).toBeVisible()

  // The first half of the solution: more checks turn, the lesson is not complete yet.
  const half = Math.floor(STEPS.length / 2)
  await typeSteps(page, STEPS.slice(1, half))
  await expect.poll(async () => passed((await progress(page)).steps).length, { timeout: 10_000 }).toBeGreaterThan(0)
  const mid = await progress(page)
  expect(mid.complete).toBe(false)
  const turned = passed(mid.steps)
  await expect(panel.locator('li.step.done .tick').first()).toBeVisible()

  // Opening another step with the mouse leaves the keyboard with the terminal.
  await panel.locator('li.step summary').last().click()
  await expect(page.locator('.term:not(.hidden) .xterm-helper-textarea')).toBeFocused()

  // A hint in the step being worked on.
  const current = panel.locator('li.step.current')
  await current.getByRole('button', { name: /^Show a hint \(1 of \d\)$/ }).click()
  await expect(current.locator('.hint')).toHaveCount(1)
  await shot(page, 'lesson-mid-hint-1440')
  expect(await axe(page)).toEqual([])
  await page.setViewportSize({ width: 1280, height: 800 })
  await shot(page, 'lesson-mid-hint-1280')
  await page.setViewportSize({ width: 1440, height: 900 })

  // A reload replays the lesson: the same checks hold, the hint is still open.
  await page.waitForTimeout(600)
  await page.reload()
  await expect(panel.getByRole('heading', { name: 'LVS-NAT', level: 2 })).toBeVisible()
  await expect.poll(async () => passed((await progress(page)).steps), { timeout: 20_000 }).toEqual(turned)
  await expect(current.locator('.hint')).toBeVisible()

  // The rest, and the finish screen.
  await typeSteps(page, STEPS.slice(half))
  const check = panel.getByRole('button', { name: 'Check', exact: true })
  if (await check.isVisible()) await check.click()
  await expect(panel.getByRole('heading', { name: 'Lesson complete' })).toBeVisible({ timeout: 30_000 })
  expect((await progress(page)).complete).toBe(true)
  await expect(panel.locator('[data-figure="hints"]')).toHaveText('1')
  await expect(panel.locator('[data-figure="commands"]')).toContainText('(the solution uses')
  await shot(page, 'lesson-finish-1440')
  expect(await axe(page)).toEqual([])

  // The submission the page exports is the file lvsLab.submission() describes, and it grades.
  const download = page.waitForEvent('download')
  await panel.getByRole('button', { name: 'Export submission' }).click()
  const file = info.outputPath('nat-submission.json')
  await (await download).saveAs(file)
  const text = readFileSync(file, 'utf8')
  expect(JSON.parse(text)).toMatchObject({ format: 'lvs-lab-submission', lesson: 'nat', help: { hints: 1, solution: false }, exam: false })
  expect((await submission(page)).keys).toEqual(JSON.parse(text).keys)
  const graded = execFileSync('node', ['bin/lvs-lab.mjs', 'grade', '--lesson', 'nat', file], { encoding: 'utf8' })
  expect(graded).toContain('✓')
  expect(graded).not.toContain('✗')

  // The same screen in Traditional Chinese.
  await page.getByLabel('Language').selectOption('zh-Hant')
  const zh = page.getByRole('complementary', { name: '課程' })
  await expect(zh.getByRole('heading', { name: '課程完成' })).toBeVisible()
  await shot(page, 'lesson-finish-zh-Hant-1440')
  await zh.getByRole('button', { name: '回顧各個步驟' }).click()
  await shot(page, 'lesson-zh-Hant-1440')
  expect(errors).toEqual([])
})

test('an exam link hides hints and the solution and says so', async ({ page }) => {
  await page.goto('/?lesson=nat&exam=1')
  const panel = page.getByRole('complementary', { name: 'Lesson' })
  await expect(panel.getByRole('note')).toContainText('Exam: hints and the solution are hidden')
  await expect(panel.getByRole('button', { name: /Show a hint/ })).toHaveCount(0)
  await expect(panel.getByRole('button', { name: 'Show the solution' })).toHaveCount(0)
  expect((await submission(page)).exam).toBe(true)

  await page.goto('/?lesson=no-such-lesson')
  await expect(page.getByRole('complementary', { name: 'Lesson' }).getByRole('status')).toHaveText(/There is no lesson called “no-such-lesson”\./)
  await expect.poll(() => terminal(page, 'lvs')).toContain('[root@lvs ~]# ')
})

test('the solution, once confirmed, is typed into the terminals and the lesson counts as done with help', async ({ page }) => {
  test.setTimeout(180_000)
  await page.goto('/?lesson=nat')
  const panel = page.getByRole('complementary', { name: 'Lesson' })
  await expect.poll(() => terminal(page, 'lvs')).toContain('[root@lvs ~]# ')
  await panel.getByRole('button', { name: 'Show the solution' }).click()
  await expect(panel.getByRole('alertdialog')).toContainText('counts as done with help')
  await panel.getByRole('button', { name: 'Keep trying' }).click()
  await expect(panel.getByRole('alertdialog')).toHaveCount(0)
  await panel.getByRole('button', { name: 'Show the solution' }).click()
  await panel.getByRole('button', { name: 'Type the solution' }).click()
  await expect(panel.getByRole('status').filter({ hasText: 'Typing the solution' })).toBeVisible()
  await expect(panel.getByRole('heading', { name: 'Lesson complete' })).toBeVisible({ timeout: 120_000 })
  await expect(panel).toContainText('Solved with the solution shown.')
  await expect.poll(() => terminal(page, 'client')).toContain('[root@client ~]# curl 172.25.254.200')
  expect(await terminal(page, 'RS1')).toContain('address1=192.168.0.10/24,192.168.0.100')
  expect((await submission(page)).help).toEqual({ hints: 0, solution: true })
  await panel.getByRole('button', { name: '← All lessons' }).click()
  await expect(panel.locator('button.pick[data-lesson="nat"]')).toContainText('Done with help')
})

test('progress survives a crashed worker, and travels as a file to another browser', async ({ page }) => {
  await page.goto('/?lesson=nat')
  const panel = page.getByRole('complementary', { name: 'Lesson' })
  await expect.poll(() => terminal(page, 'lvs')).toContain('[root@lvs ~]# ')
  await openTerminal(page, 'lvs')
  await typeCommand(page, 'lvs', ['systemctl disable --now firewalld'])
  await expect(panel.locator('li.check[data-check="lvs-firewalld"]')).toHaveClass(/\bpassed\b/)
  await panel.getByRole('button', { name: /^Show a hint/ }).first().click()
  const [worker] = page.workers()
  await worker.evaluate(() => void setTimeout(() => { throw new Error('injected engine bug') }))
  await page.getByRole('alert').getByRole('button', { name: 'Reload' }).click()
  await expect(panel.locator('li.check[data-check="lvs-firewalld"]')).toHaveClass(/\bpassed\b/, { timeout: 15_000 })
  await expect(panel.locator('.hint')).toHaveCount(1)

  await panel.getByRole('button', { name: '← All lessons' }).click()
  await expect(panel.locator('button.pick[data-lesson="nat"]')).toContainText('In progress')
  const download = page.waitForEvent('download')
  await panel.getByRole('button', { name: 'Export progress' }).click()
  const file = await (await download).path()

  await page.evaluate(() => localStorage.clear())
  await page.goto('/')
  await expect(panel.locator('button.pick[data-lesson="nat"]')).toContainText('Not started')
  const chooser = page.waitForEvent('filechooser')
  await panel.getByRole('button', { name: 'Import progress' }).click()
  await (await chooser).setFiles(file)
  await expect(panel.getByRole('status')).toContainText('Progress imported: LVS-NAT.')
  await expect(panel.locator('button.pick[data-lesson="nat"]')).toContainText('In progress')
  await panel.locator('button.pick[data-lesson="nat"]').click()
  await expect(panel.locator('li.check[data-check="lvs-firewalld"]')).toHaveClass(/\bpassed\b/)
  await expect(panel.locator('.hint')).toHaveCount(1)

  // Reset forgets it all and starts the lesson's world again.
  page.once('dialog', (d) => void d.accept())
  await panel.getByRole('button', { name: 'Reset this lesson' }).click()
  await expect(panel.locator('li.check[data-check="lvs-firewalld"]')).toHaveClass(/\bfailed\b/)
  await expect(panel.locator('.hint')).toHaveCount(0)
})
