// Process substitution's /dev/fd/N (subst.c process_substitute): `<(cmd)` is a pipe cmd writes
// and the command reads by name, `>(cmd)` one the command writes and cmd reads. bash hands out fds
// from 63 down; the pipe closes when the command that expanded the word is done. The shell's own
// redirections (`< <(cmd)`, `> >(cmd)`) take the pipe itself, so a `while read` loop runs as the
// lines arrive, and so does every program, which opens its operands through commands/files.ts's
// openInput (or readPath here): `head -1 <(yes)` ends at once, `cat <(ping -c 2 host)` prints each
// reply as it comes, and `sort <(cmd)` waits for cmd to close the pipe. Whoever opens the path
// first gets the pipe; a later open finds it empty, as a drained pipe is. Every shell of a host
// shares /dev/fd here (Linux gives each process its own), so a number still open is skipped: a
// nested substitution gets 62, where bash would reuse 63 in its child.

import type { FileSystem, FsFail, Mount } from '../../host/fs.ts'
import type { Host } from '../../host/host.ts'
import type { Proc } from '../../sim/task.ts'
import type { Input, Output } from '../stream.ts'

const FIRST_FD = 63
const LOWEST_FD = 10

/** One open substitution: the pipe's end the command uses (`input` null once someone opened it). */
export interface ProcSub {
  fd: number
  path: string
  input: Input | null
  output: Output | null
  close(): void
}

class DevFd implements Mount {
  readonly open = new Map<number, ProcSub>()

  read(rel: string): string | null {
    const sub = this.open.get(Number(rel))
    // Read as a plain file, a pipe has nothing in it: programs read it through openInput.
    return !sub || String(sub.fd) !== rel ? null : ''
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

/** A `<(cmd)` opened by its path, as the pipe (once; null when the path is none or it was opened). */
export function procSubInput(host: Host, path: string): Input | null {
  const sub = procSubAt(host, path)
  const input = sub?.input ?? null
  if (sub) sub.input = null
  return input
}

/** A file read whole by the shell itself (`source`, `bash FILE`): a `<(cmd)` waits for cmd's end. */
export function* readPath(host: Host, path: string): Proc<string | FsFail> {
  const pipe = procSubInput(host, path)
  return pipe ? yield* pipe.readAll() : host.fs.read(path)
}
