// A saved session as a demo reel (`?demo=session`): the keys the teacher typed, command by command.
// Each host's keys are cut after every Enter into commands; the reel types each key event as it
// was typed (a pasted block stays one event, an arrow key's escape sequence is not split), waits
// for the prompt after an Enter as a person waits, and leaves a breath between two commands.

import type { KeyEvent } from '../../worker/protocol.ts'
import type { Typist } from '../state/solution-player.ts'
import type { ReelControl } from './play.ts'

export interface SessionCommand {
  host: string
  /** The key events of one command line, the last one holding its Enter. */
  keys: string[]
}

/** The session's keys as commands: consecutive keys of one host up to and including an Enter. */
export function sessionCommands(keys: readonly KeyEvent[]): SessionCommand[] {
  const out: SessionCommand[] = []
  let open: SessionCommand | null = null
  for (const k of keys) {
    if (!open || open.host !== k.host) {
      open = { host: k.host, keys: [] }
      out.push(open)
    }
    open.keys.push(k.data)
    if (k.data.includes('\r')) open = null
  }
  return out
}

export interface KeysOptions {
  keyMs: number
  /** The breath between two commands (→ skips it). */
  gapMs: number
  promptTimeoutMs: number
  onLine(done: number, total: number): void
}

/** Resolves to true when every command was typed, false when the reel was stopped. */
export async function playKeys(commands: readonly SessionCommand[], typist: Typist, control: ReelControl, o: KeysOptions): Promise<boolean> {
  let shown = ''
  o.onLine(0, commands.length)
  for (const [i, c] of commands.entries()) {
    if (control.stopped()) return false
    if (c.host !== shown) {
      typist.show(c.host)
      shown = c.host
    }
    if (i > 0) await control.wait(o.gapMs)
    for (const data of c.keys) {
      if (control.stopped()) return false
      if (data.includes('\r')) {
        const prompt = typist.nextPrompt(c.host, o.promptTimeoutMs)
        typist.keys(c.host, data)
        await prompt
      } else {
        typist.keys(c.host, data)
        await typist.sleep(o.keyMs)
      }
    }
    o.onLine(i + 1, commands.length)
  }
  return !control.stopped()
}
