// Process substitution's /dev/fd/N (subst.c process_substitute): `<(cmd)` is a pipe cmd writes
// and the command reads by name, `>(cmd)` one the command writes and cmd reads. bash hands out fds
// from 63 down; the pipe closes when the command that expanded the word is done. The shell's own
// redirections (`< <(cmd)`, `> >(cmd)`) take the pipe itself, so a `while read` loop runs as the
// lines arrive. A program opens files by reading them whole (host/fs.ts), so before one runs the
// shell reads each `<(cmd)` it holds to its end (cmd finishes first), and serves that text at the
// path; the programs that read their operands as streams (STREAMING_READERS, through
// commands/files.ts's openInput) get the pipe itself instead, so `head -1 <(yes)` ends at once
// and `cat <(ping -c 2 host)` prints each reply as it comes. Every shell of a host shares /dev/fd here (Linux gives each process its own), so a number
// still open is skipped: a nested substitution gets 62, where bash would reuse 63 in its child.

import type { FileSystem, Mount } from '../../host/fs.ts'
import type { Host } from '../../host/host.ts'
import type { Proc } from '../../sim/task.ts'
import type { Input, Output } from '../stream.ts'

const FIRST_FD = 63
const LOWEST_FD = 10

/** One open substitution: the pipe's end the command uses, and what it read, once drained. */
export interface ProcSub {
  fd: number
  path: string
  input: Input | null
  output: Output | null
  /** The producer's whole output, once the shell read it for a program. */
  text: string | null
  /** A program took the pipe to read as it goes: nothing is left to drain. */
  streamed: boolean
  close(): void
}

class DevFd implements Mount {
  readonly open = new Map<number, ProcSub>()

  read(rel: string): string | null {
    const sub = this.open.get(Number(rel))
    if (!sub || String(sub.fd) !== rel) return null
    return sub.text ?? ''
  }

  write(rel: string, content: string): 'ok' | 'enoent' | 'einval' {
    const sub = this.open.get(Number(rel))
    if (!sub || String(sub.fd) !== rel) return 'enoent'
    if (!sub.output) return 'einval'
    sub.output.write(content)
    return 'ok'
  }

  list(rel: string): string[] | null {
    // Only the substitutions: the lab keeps no per-process table of the other fds.
    return rel === '' ? [...this.open.keys()].sort((a, b) => a - b).map(String) : null
  }

  isDir(rel: string): boolean {
    return rel === ''
  }

  /** The highest free fd from 63 down (null when all are open: bash would fail with EMFILE). */
  freeFd(): number | null {
    for (let fd = FIRST_FD; fd >= LOWEST_FD; fd--) if (!this.open.has(fd)) return fd
    return null
  }
}

const TABLES = new WeakMap<FileSystem, DevFd>()

function table(host: Host): DevFd {
  let t = TABLES.get(host.fs)
  if (!t) {
    t = new DevFd()
    TABLES.set(host.fs, t)
    host.fs.mount('/dev/fd', t)
  }
  return t
}

/** Registers a substitution's pipe end at the next free /dev/fd/N; null when none is free. */
export function openProcSub(host: Host, end: { input: Input } | { output: Output }, onClose: () => void): ProcSub | null {
  const t = table(host)
  const fd = t.freeFd()
  if (fd === null) return null
  const sub: ProcSub = {
    fd,
    path: `/dev/fd/${fd}`,
    input: 'input' in end ? end.input : null,
    output: 'output' in end ? end.output : null,
    text: null,
    streamed: false,
    close() {
      if (t.open.get(fd) === sub) t.open.delete(fd)
      onClose()
    },
  }
  t.open.set(fd, sub)
  return sub
}

/** The open substitution a path names (`/dev/fd/63`), for the shell's redirections. */
export function procSubAt(host: Host, path: string): ProcSub | null {
  const m = /^\/dev\/fd\/(\d+)$/.exec(path)
  if (!m) return null
  const sub = TABLES.get(host.fs)?.open.get(Number(m[1]))
  return sub && String(sub.fd) === m[1] ? sub : null
}

/** Programs whose file operands all go through openInput, which streams a `<(cmd)`. */
export const STREAMING_READERS: ReadonlySet<string> = new Set(['cat', 'head', 'tac', 'cut', 'uniq'])

/** A `<(cmd)` a program opens by its path, as the pipe (once; null when the path is none or it was read). */
export function procSubInput(host: Host, path: string): Input | null {
  const sub = procSubAt(host, path)
  if (!sub?.input || sub.text !== null || sub.streamed) return null
  sub.streamed = true
  return sub.input
}

/** Reads a `<(cmd)` to its end, so a program that opens its path finds the whole text. */
export function* drainProcSub(sub: ProcSub): Proc<void> {
  if (sub.text !== null || sub.streamed || !sub.input) return
  sub.text = yield* sub.input.readAll()
}
