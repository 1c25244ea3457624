// A command's standard input as a stream. Commands read it with `yield*`, so a reader waits on the
// virtual clock while its writer (the previous stage of a pipeline, a terminal) is still producing;
// a command that never reads its stdin never waits for it. `textInput` serves a string already
// complete: a here-document, a redirected file, or a stage whose input was buffered.

import type { Proc } from '../sim/task.ts'

export interface Input {
  /** The next chunk as it was written, or null at end of input. */
  read(): Proc<string | null>
  /** The next line with its newline (the last may lack one), or null at end of input. */
  readLine(): Proc<string | null>
  /** Everything up to end of input. */
  readAll(): Proc<string>
}

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
