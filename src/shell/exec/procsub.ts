// Process substitution's /dev/fd/N (subst.c process_substitute): `<(cmd)` is a pipe cmd writes
// and the command reads by name, `>(cmd)` one the command writes and cmd reads. bash hands out fds
// from 63 down, the highest free one in the process that expands the word; the pipe closes when
// the command that expanded it is done. Each process has its own: a substitution is open in the
// shell that made it and in every process forked from that shell while it is open (Session.subs),
// so `cat <(echo <(true))` prints /dev/fd/63 (the inner one is opened in the outer one's process,
// where 63 is free) and `diff <(a) <(b)` gets 63 and 62. The shell's own redirections
// (`< <(cmd)`, `> >(cmd)`) take the pipe itself, so a `while read` loop runs as the lines arrive,
// and so does every program, which opens its operands through commands/files.ts's openInput (or
// readPath here): `head -1 <(yes)` ends at once, `sort <(cmd)` waits for cmd to close the pipe.
// Whoever opens the path first gets the pipe; a later open finds it empty, as a drained pipe is.
// What /dev/fd lists is exec/fdtable.ts's.

import type { FsFail } from '../../host/fs.ts'
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
  closed: boolean
  close(): void
}

/** The highest free fd from 63 down in a process with `subs` open (null when all are: EMFILE). */
function freeFd(subs: readonly ProcSub[]): number | null {
  for (let fd = FIRST_FD; fd >= LOWEST_FD; fd--) if (!subs.some((s) => s.fd === fd && !s.closed)) return fd
  return null
}

/** Opens a substitution's pipe end at the process's next free /dev/fd/N and adds it to `subs`; null when none is free. */
export function openProcSub(subs: ProcSub[], end: { input: Input } | { output: Output }, onClose: () => void): ProcSub | null {
  const fd = freeFd(subs)
  if (fd === null) return null
  const sub: ProcSub = {
    fd,
    path: `/dev/fd/${fd}`,
    input: 'input' in end ? end.input : null,
    output: 'output' in end ? end.output : null,
    closed: false,
    close() {
      if (sub.closed) return
      sub.closed = true
      onClose()
    },
  }
  subs.push(sub)
  return sub
}

/** The open substitution a path names (`/dev/fd/63`, `/proc/self/fd/63`) among a process's. */
export function procSubAt(subs: readonly ProcSub[], path: string): ProcSub | null {
  if (!subs.length) return null
  const m = /^\/(?:dev|proc\/self)\/fd\/(\d+)$/.exec(path)
  if (!m) return null
  for (let i = subs.length - 1; i >= 0; i--) if (!subs[i].closed && String(subs[i].fd) === m[1]) return subs[i]
  return null
}

/** A `<(cmd)` opened by its path, as the pipe (once; null when the path is none or it was opened). */
export function procSubInput(subs: readonly ProcSub[], path: string): Input | null {
  const sub = procSubAt(subs, path)
  const input = sub?.input ?? null
  if (sub) sub.input = null
  return input
}

/** A file read whole by the shell itself (`source`, `bash FILE`): a `<(cmd)` waits for cmd's end. */
export function* readPath(host: Host, subs: readonly ProcSub[], path: string): Proc<string | FsFail> {
  const pipe = procSubInput(subs, path)
  return pipe ? yield* pipe.readAll() : host.fs.read(path)
}
