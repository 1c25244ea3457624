// A saved session as a demo reel (`?demo=session`): the keys the teacher typed, command by command.
// Each host's keys are cut after every Enter into commands; the reel types each key event as it
// was typed (a pasted block stays one event, an arrow key's escape sequence is not split), waits
// for the prompt after an Enter as a person waits, and leaves a breath between two commands.
//
// A lesson's session plays in that lesson's world, with the lesson's captions: each command is
// matched, in order, against the command lines of the lesson's reel (its solution with the
// author's #step and #pause marks). A command that is one of them brings its step's text as the
// caption, and stops first if the author put a pause before it; the others play under the caption
// there is. The line a command is matched by is what its keys leave on the line: characters, with
// Backspace and Ctrl-U applied, escape sequences (arrows) and Tab dropped, blanks squeezed.

import type { KeyEvent, ReelItem } from '../../worker/protocol.ts'
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

/** What comes before a command of a lesson's session: the step it begins (its caption), a pause. */
export interface CommandCue {
  step: string | null
  pause: boolean
}

// eslint-disable-next-line no-control-regex -- reading terminal keys is the point
const ESCAPE = /\x1b(\[[0-9;?]*[ -/]*[@-~]|O.|.)/g

/** The line a command's keys leave, as the matching reads it (see the head of this file). */
export function typedLine(keys: readonly string[]): string {
  let line = ''
  for (const ch of keys.join('').replace(ESCAPE, '')) {
    if (ch === '\r' || ch === '\n') break
    if (ch === '\x7f' || ch === '\b') line = line.slice(0, -1)
    else if (ch === '\x15') line = ''
    else if (ch >= ' ') line += ch
  }
  return squeeze(line)
}

const squeeze = (line: string): string => line.trim().replace(/\s+/g, ' ')

/**
 * The cue before each command: a command that is the next of the reel's lines (or a later one:
 * the learner may have left some out) on the same host takes that line's step, if it differs from
 * the caption shown, and a pause if one lies between the last line matched and this one.
 */
export function commandCues(commands: readonly SessionCommand[], reel: readonly ReelItem[]): CommandCue[] {
  const lines: { host: string; line: string; step: string | null; pauseBefore: number }[] = []
  let step: string | null = null
  let pauses = 0
  for (const item of reel) {
    if (item.kind === 'step') step = item.step
    else if (item.kind === 'pause') pauses++
    else lines.push({ host: item.host.toLowerCase(), line: squeeze(item.line), step, pauseBefore: pauses })
  }
  let next = 0
  let shown: string | null = null
  let pausesSeen = 0
  return commands.map((c) => {
    const typed = typedLine(c.keys)
    const host = c.host.toLowerCase()
    const at = typed ? lines.findIndex((l, i) => i >= next && l.host === host && l.line === typed) : -1
    if (at < 0) return { step: null, pause: false }
    const line = lines[at]
    next = at + 1
    const cue = { step: line.step !== shown ? line.step : null, pause: line.pauseBefore > pausesSeen }
    shown = line.step
    pausesSeen = line.pauseBefore
    return cue
  })
}

export interface KeysOptions {
  keyMs: number
  /** The breath between two commands (→ skips it). */
  gapMs: number
  promptTimeoutMs: number
  onLine(done: number, total: number): void
  /** Before command `i` (after the breath): a lesson's session shows its caption or pauses there. */
  before?(i: number): Promise<void>
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
    await o.before?.(i)
    if (control.stopped()) return false
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
