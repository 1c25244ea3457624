// Restoring a saved session, the figures of issue 11: the worker's replay of 5,000 commands and of
// a 100,000-character paste (createApi().load, as the worker runs it), and in headless Chromium a
// reload of the NAT lab with 5,000 saved commands until the last one's output shows in the
// terminal (worker replay, the batch crossing to the page, the terminal writing it).

import { performance } from 'node:perf_hooks'
import type { Browser } from '@playwright/test'
import { createApi } from '../src/worker/api.ts'
import type { KeyEvent, SavedSession } from '../src/worker/protocol.ts'

/** 5,000 commands as a learner types them: one key per chunk, a tenth of a second apart. */
export function commandsSession(n = 5000): SavedSession {
  const keys: KeyEvent[] = []
  let t = 1_000_000
  for (let i = 0; i < n; i++) {
    for (const data of `echo ${i}`) keys.push({ t: (t += 100_000), host: 'lvs', data })
    keys.push({ t: (t += 100_000), host: 'lvs', data: '\r' })
  }
  return { version: 1, lab: 'nat', seed: 1, keys }
}

const pasteSession = (chars: number): SavedSession => ({ version: 1, lab: 'nat', seed: 1, keys: [{ t: 1_000_000, host: 'lvs', data: `echo ${'x'.repeat(chars)}\r` }] })

function loadMs(session: SavedSession): number {
  const api = createApi()
  api.subscribe(() => {})
  const start = performance.now()
  api.load('nat', session)
  return performance.now() - start
}

export function workerRestore(): { commandsMs: number; pasteMs: number } {
  loadMs(commandsSession(500))
  return { commandsMs: loadMs(commandsSession()), pasteMs: loadMs(pasteSession(100_000)) }
}

/** Median of 3 reloads of `base` with the 5,000-command session saved, until its last output shows. */
export async function browserRestore(browser: Browser, base: string): Promise<number> {
  const page = await browser.newPage()
  try {
    await page.goto(base)
    await page.evaluate((s) => localStorage.setItem('lvs-lab.lab-session.nat', s), JSON.stringify(commandsSession()))
    const times: number[] = []
    for (let i = 0; i < 3; i++) {
      const start = performance.now()
      await page.reload()
      await page.waitForFunction(() => (window as unknown as { lvsLab?: { terminal(h: string): string } }).lvsLab?.terminal('lvs').trimEnd().endsWith('echo 4999\n4999\n[root@lvs ~]#'), null, { polling: 20, timeout: 60_000 })
      times.push(performance.now() - start)
    }
    times.sort((a, b) => a - b)
    return times[1]
  } finally {
    await page.close()
  }
}
