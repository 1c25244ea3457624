// Types a lesson's solution into the terminals as a person would: the host's tab comes to the
// front, the line goes in key by key, Enter, and the next line waits for the shell's prompt (a
// here-document's lines wait for its `> `). A command that never gives the prompt back (a live
// view) does not hang the player: after a while it types on, as an impatient person would.

export interface SolutionLine {
  host: string
  line: string
}

export interface Typist {
  /** Brings the host's terminal to the front. */
  show(host: string): void
  keys(host: string, data: string): void
  /** Resolves at the next prompt that host prints after this call, or after timeoutMs. */
  nextPrompt(host: string, timeoutMs: number): Promise<void>
  sleep(ms: number): Promise<void>
}

export interface PlayOptions {
  /** Pause between keys, in ms. */
  keyMs: number
  promptTimeoutMs: number
  /** Checked between keys: stop typing when it says so. */
  stopped(): boolean
  /** After each solution line: how many are done. */
  onLine?(done: number): void
}

export async function playSolution(lines: SolutionLine[], typist: Typist, o: PlayOptions): Promise<boolean> {
  let shown = ''
  for (const [i, { host, line }] of lines.entries()) {
    if (host !== shown) {
      typist.show(host)
      shown = host
      await typist.sleep(o.keyMs * 10)
    }
    for (const row of line.split('\n')) {
      for (const ch of row) {
        if (o.stopped()) return false
        typist.keys(host, ch)
        await typist.sleep(o.keyMs)
      }
      const prompt = typist.nextPrompt(host, o.promptTimeoutMs)
      typist.keys(host, '\r')
      await prompt
    }
    o.onLine?.(i + 1)
  }
  return true
}

/** The end of a shell's output that means it waits for a line: a root prompt or PS2. */
export const PROMPT_END = /(\]# |\$ |\n> |^> )$/
