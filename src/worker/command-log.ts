// Which command line was running when each trace record was made: a command opens a mark at the
// next trace id when its line is entered, and the mark closes at the last id once its terminal
// is idle again (or its run() returns). The timeline draws each mark and, for a packet, finds
// the command of the host the packet started from.

import type { CommandMark } from './protocol.ts'

export class CommandLog {
  private seq = 0
  /** Marks still open, by host: a terminal runs one foreground command at a time. */
  private readonly open = new Map<string, CommandMark>()

  constructor(private readonly emit: (mark: CommandMark) => void) {}

  /** A line was entered on `host` at virtual time t; records from nextId on may be its. */
  started(host: string, line: string, t: number, nextId: number): void {
    this.close(host, nextId - 1)
    const mark: CommandMark = { seq: ++this.seq, host, line, t, firstId: nextId, lastId: null }
    this.open.set(host, mark)
    this.emit({ ...mark })
  }

  /** Closes the marks of hosts whose terminals are idle; `lastId` is the trace's newest id. */
  settle(idle: (host: string) => boolean, lastId: number): void {
    for (const host of [...this.open.keys()]) if (idle(host)) this.close(host, lastId)
  }

  close(host: string, lastId: number): void {
    const mark = this.open.get(host)
    if (!mark) return
    this.open.delete(host)
    this.emit({ ...mark, lastId: Math.max(mark.firstId - 1, lastId) })
  }
}
