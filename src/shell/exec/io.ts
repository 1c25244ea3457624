// A process's file-descriptor table: fd 0 an Input, 1 and 2 (and any other) Outputs, as dup2(2)
// and close(2) leave them after the redirections of a command. Copies are cheap: a command's
// redirections make a new table and leave the shell's own untouched.

import type { Fd } from '../session.ts'
import { EMPTY_INPUT, type Input, type Output } from '../stream.ts'

export function isOutput(f: Fd | null | undefined): f is Output {
  return !!f && 'write' in f
}

export function isInput(f: Fd | null | undefined): f is Input {
  return !!f && 'readLine' in f
}

export class Io {
  private sinks: { out(text: string): void; err(text: string): void } | null = null

  constructor(readonly fds: (Fd | null | undefined)[]) {}

  /**
   * out and err as functions of their own (what a command's context hands it), made the first
   * time a command asks and then kept with the table: every command run on it shares them.
   */
  writers(): { out(text: string): void; err(text: string): void } {
    return (this.sinks ??= { out: (t) => this.out(t), err: (t) => this.err(t) })
  }

  static of(stdin: Input, out: Output, err: Output): Io {
    return new Io([stdin, out, err])
  }

  get stdin(): Input {
    const f = this.fds[0]
    return isInput(f) ? f : EMPTY_INPUT
  }

  get tty(): boolean {
    const f = this.fds[1]
    return isOutput(f) && f.tty
  }

  output(fd: number): Output | null {
    const f = this.fds[fd]
    return isOutput(f) ? f : null
  }

  out(text: string): void {
    const f = this.fds[1]
    if (isOutput(f)) f.write(text)
  }

  err(text: string): void {
    const f = this.fds[2]
    if (isOutput(f)) f.write(text)
  }

  with(fd: number, f: Fd | null): Io {
    const fds = [...this.fds]
    fds[fd] = f
    return new Io(fds)
  }
}
