// Helpers the presenter, keyboard, touch and accessibility specs share: a lesson's solution split
// into the commands a person types, the visible text of a terminal, and waiting for a command's
// prompt to come back.

import { readFileSync } from 'node:fs'
import { expect, type Page } from '@playwright/test'

/** The page's (window as unknown as W).lvsLab, as far as these specs use it (cast to inside page.evaluate). */
export interface W {
  lvsLab: {
    terminal(host: string): string
    run(host: string, command: string): Promise<{ stdout: string; exitCode: number }>
    load(id: string): Promise<void>
    openLesson(id: string): Promise<void>
    progress(): { lesson: string | null; complete: boolean; steps: { id: string; done: boolean }[] }
    timeline(): { records: { type: string; id: number }[]; cursor: number; playing: boolean; speed: number }
  }
}

/** The solution's commands with their hosts (a here-document's lines stay with their command). */
export function solution(lesson: string): { host: string; line: string }[] {
  const out: { host: string; line: string }[] = []
  let heredoc: string | null = null
  for (const raw of readFileSync(new URL(`../../lessons/${lesson}/solution.script`, import.meta.url), 'utf8').split('\n')) {
    if (heredoc !== null) {
      out[out.length - 1].line += `\n${raw}`
      if (raw === heredoc) heredoc = null
      continue
    }
    const m = /^\[root@(\S+) [^\]]*\]# (.*)$/.exec(raw)
    if (!m) continue
    out.push({ host: m[1], line: m[2] })
    heredoc = /<<-?'?(\w+)'?/.exec(m[2])?.[1] ?? null
  }
  return out
}

export const terminal = (page: Page, host: string): Promise<string> => page.evaluate((h) => (window as unknown as W).lvsLab?.terminal(h) ?? '', host)

export async function waitFor(page: Page, host: string, text: string | RegExp, timeout = 20_000): Promise<void> {
  await expect.poll(() => terminal(page, host), { timeout }).toMatch(text)
}

const prompts = (text: string, host: string): number => text.split('\n').filter((l) => l.startsWith(`[root@${host} `)).length

/** Types a command (a here-document line by line) into the focused terminal and waits for the next prompt. */
export async function typeCommand(page: Page, host: string, line: string, timeout = 30_000): Promise<void> {
  const before = prompts(await terminal(page, host), host)
  for (const row of line.split('\n')) {
    await page.keyboard.type(row)
    await page.keyboard.press('Enter')
  }
  await expect.poll(async () => prompts(await terminal(page, host), host), { timeout }).toBeGreaterThan(before)
  await expect.poll(async () => /\]# ?$/.test(await terminal(page, host)), { timeout }).toBe(true)
}

/** Builds a lab's lesson solution through the automation surface (fast, no typing), all but the last `keep` commands. */
export async function runSolution(page: Page, lesson: string, keep = 0): Promise<{ host: string; line: string }[]> {
  const cmds = solution(lesson)
  for (const c of cmds.slice(0, cmds.length - keep)) await page.evaluate(({ host, line }) => (window as unknown as W).lvsLab.run(host, line), c)
  return cmds.slice(cmds.length - keep)
}

export async function freshPage(page: Page, path = '/', host = 'lvs'): Promise<void> {
  await page.goto(path)
  await page.evaluate(() => localStorage.clear())
  await page.goto(path)
  await waitFor(page, host, `[root@${host} ~]#`)
}
