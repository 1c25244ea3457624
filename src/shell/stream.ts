// A process's open files as the shell wires them: an Input it reads (a pipe, a file, a
// here-document, the terminal) and Outputs it writes (a pipe, a file written as the bytes come,
// the terminal). Commands read with `yield*`, so a reader waits on the virtual clock while its
// writer is still producing, and a command that never reads its stdin never waits for it.
// A Pipe is pipe(7): a buffer, a wake-up for the reader, end of file when the last writer closes,
// and EPIPE for a writer once the reader has gone, which the shell turns into SIGPIPE.

import type { Engine } from '../sim/engine.ts'
import { Signal, wait, type Proc } from '../sim/task.ts'
import { charge } from './exec/budget.ts'

export interface Input {
  /** The next chunk as it was written, or null at end of input. */
  read(): Proc<string | null>
  /** The next line with its newline (the last may lack one), or null at end of input. */
  readLine(): Proc<string | null>
  /** Everything up to end of input. */
  readAll(): Proc<string>
}

export interface Output {
  write(text: string): void
  /** Is this the terminal (colours, paging, `[ -t 1 ]`)? */
  readonly tty: boolean
}

/** Reads a string already complete: a here-document, a here-string, a redirected file. */
export function textInput(text: string): Input {
  let rest = text
  return {
    *read() {
      if (!rest) return null
      const chunk = rest
      rest = ''
      return chunk
    },
    *readLine() {
      if (!rest) return null
      const nl = rest.indexOf('\n')
      const line = nl < 0 ? rest : rest.slice(0, nl + 1)
      rest = rest.slice(line.length)
      return line
    },
    *readAll() {
      const all = rest
      rest = ''
      return all
    },
  }
}

export const EMPTY_INPUT: Input = textInput('')

export const NULL_OUTPUT: Output = { write() {}, tty: false }

export function sinkOutput(write: (text: string) => void, tty = false): Output {
  return { write, tty }
}

export class Pipe {
  private buffer = ''

  /** `engine`'s running command pays for the bytes written and not yet read. */
  constructor(private readonly engine: Engine) {}

  private waiter: Signal<void> | null = null
  private writers = 0
  private readerGone = false
  private eof = false

  /** A write end; `broken` is called (once per write) when nobody will ever read it. */
  writer(broken: () => void): Output & { close(): void } {
    this.writers++
    let open = true
    return {
      tty: false,
      write: (text) => {
        if (!open || !text) return
        if (this.readerGone) {
          broken()
          return
        }
        charge(this.engine, this.buffer.length + text.length)
        this.buffer += text
        this.wake()
      },
      close: () => {
        if (!open) return
        open = false
        if (--this.writers === 0) {
          this.eof = true
          this.wake()
        }
      },
    }
  }

  /** The reader has exited: what is buffered is dropped, writers get EPIPE from now on. */
  closeReader(): void {
    this.readerGone = true
    this.buffer = ''
  }

  private wake(): void {
    const w = this.waiter
    this.waiter = null
    w?.fire()
  }

  private *more(): Proc<boolean> {
    if (this.eof) return false
    const s = (this.waiter ??= new Signal<void>())
    yield* wait(s)
    return true
  }

  readonly input: Input = {
    read: () => this.readChunk(),
    readLine: () => this.readLineChunk(),
    readAll: () => this.readEverything(),
  }

  private *readChunk(): Proc<string | null> {
    while (!this.buffer) if (!(yield* this.more())) return null
    const chunk = this.buffer
    this.buffer = ''
    return chunk
  }

  private *readLineChunk(): Proc<string | null> {
    for (;;) {
      const nl = this.buffer.indexOf('\n')
      if (nl >= 0) {
        const line = this.buffer.slice(0, nl + 1)
        this.buffer = this.buffer.slice(nl + 1)
        return line
      }
      if (!(yield* this.more())) {
        if (!this.buffer) return null
        const last = this.buffer
        this.buffer = ''
        return last
      }
    }
  }

  private *readEverything(): Proc<string> {
    // Collect until every writer has closed.
    for (;;) if (!(yield* this.more())) break
    const all = this.buffer
    this.buffer = ''
    return all
  }
}
