// A process's open files as Linux shows them in /proc/self/fd, which /dev/fd links to: one
// symbolic link per open descriptor, named by its number, pointing at what it is open on (a file's
// path, `/dev/pts/0` for the terminal, `pipe:[INODE]` for a pipe, a here-document included, as
// bash 5.1 makes small ones), 64 bytes long as procfs reports them. Which process reads the
// directory decides what it holds: the running program's table (its fds after redirections and
// `exec`, and the substitutions open in its shell), plus the directory itself, which the reader
// has open at the lowest free number while it lists it (`ls /dev/fd` shows 0 1 2 3).

import type { Mount } from '../../host/fs.ts'
import type { Host } from '../../host/host.ts'
import type { Fd } from '../session.ts'
import { EMPTY_INPUT, NULL_OUTPUT, type Input } from '../stream.ts'
import { innermost } from './jobs.ts'
import type { ProcSub } from './procsub.ts'

/** One process's descriptor table, as the interpreter wired it for a program. */
export interface FdView {
  pid: number
  fds: readonly (Fd | null | undefined)[]
  subs: readonly ProcSub[]
  /** The terminal its tty descriptors are (`pts/0`), and the terminal's input. */
  tty: string | null
  terminal: Input | null
}

/** Programs running (their generators, or the view itself while one starts) to their tables. */
export const FD_VIEWS = new WeakMap<object, FdView>()

/** The shell that runs a builtin on each host, for /dev/fd read by the shell itself (`source`, `[ -e ]`). */
const SHELLS = new WeakMap<Host, () => FdView>()

export function shellReading(host: Host, view: () => FdView): void {
  SHELLS.set(host, view)
}

/** What each descriptor opened on a path is open on (redirections to and from files). */
const NAMES = new WeakMap<object, string>([
  [EMPTY_INPUT, '/dev/null'],
  [NULL_OUTPUT, '/dev/null'],
])

export function nameFd(f: object, path: string): void {
  NAMES.set(f, path)
}

/** pipefs inode numbers, given out per host in the order the pipes are first looked at. */
const FIRST_PIPE_INODE = 28341

class FdDir implements Mount {
  constructor(private readonly host: Host) {}

  private readonly inodes = new WeakMap<object, number>()
  private nextInode = FIRST_PIPE_INODE
  /** The directory's own descriptor while a process lists it. */
  private dirFd: { view: FdView; fd: number } | null = null

  private inode(f: object): number {
    let n = this.inodes.get(f)
    if (n === undefined) this.inodes.set(f, (n = this.nextInode++))
    return n
  }

  private targets(v: FdView): Map<number, string> {
    const m = new Map<number, string>()
    for (let i = 0; i < v.fds.length; i++) {
      const f = v.fds[i]
      if (!f) continue
      const name = NAMES.get(f)
      m.set(i, name ?? (('tty' in f && f.tty) || f === v.terminal ? `/dev/${v.tty ?? 'console'}` : `pipe:[${this.inode(f)}]`))
    }
    for (const s of v.subs) if (!s.closed && !m.has(s.fd)) m.set(s.fd, `pipe:[${this.inode(s)}]`)
    if (this.dirFd?.view === v && !m.has(this.dirFd.fd)) m.set(this.dirFd.fd, `/proc/${v.pid}/fd`)
    return m
  }

  /** The reading process's table: the running program's, else the shell's that runs a builtin. */
  private current(): FdView | null {
    return innermost(FD_VIEWS) ?? SHELLS.get(this.host)?.() ?? null
  }

  private target(rel: string): string | null {
    const v = this.current()
    if (!v || !/^\d+$/.test(rel)) return null
    return this.targets(v).get(Number(rel)) ?? null
  }

  list(rel: string): string[] | null {
    if (rel !== '') return null
    const v = this.current()
    if (!v) return []
    const open = this.targets(v)
    // opendir(3) takes the lowest free descriptor, and keeps it while the names are read.
    let fd = 0
    while (open.has(fd)) fd++
    this.dirFd = { view: v, fd }
    open.set(fd, '')
    return [...open.keys()].map(String).sort()
  }

  isDir(rel: string): boolean {
    return rel === ''
  }

  link(rel: string): string | null {
    return this.target(rel)
  }

  read(rel: string): string | null {
    const t = this.target(rel)
    if (t === null) return null
    // A descriptor open on a file reads as the file; a pipe or the terminal read as a plain file
    // has nothing in it (programs read a `<(cmd)` through openInput).
    const file = t.startsWith('/') && !t.startsWith('/dev/') && !t.startsWith('/proc/') ? this.host.fs.read(t) : ''
    return typeof file === 'string' ? file : ''
  }

  /** A write through the path goes where the descriptor does: a `>(cmd)`'s pipe, a pipe or terminal the process writes, a file. */
  write(rel: string, content: string): 'ok' | 'enoent' | 'einval' {
    const v = this.current()
    const t = this.target(rel)
    if (!v || t === null) return 'enoent'
    const n = Number(rel)
    const sub = v.subs.find((s) => !s.closed && s.fd === n)
    const out = sub ? sub.output : v.fds[n]
    if (out && 'write' in out) out.write(content)
    else if (t.startsWith('/') && !t.startsWith('/dev/') && !t.startsWith('/proc/')) return this.host.fs.write(t, content) ? 'einval' : 'ok'
    else return 'einval'
    return 'ok'
  }
}

const DIRS = new WeakMap<Host, FdDir>()

/** Mounts a host's /proc/self/fd and links /dev/fd (and /dev/stdin, stdout, stderr) to it, once. */
export function mountFdDir(host: Host): void {
  if (DIRS.has(host)) return
  const dir = new FdDir(host)
  DIRS.set(host, dir)
  host.fs.mount('/proc/self/fd', dir)
  const links: [string, string][] = [['/dev/fd', '/proc/self/fd'], ['/dev/stdin', '/proc/self/fd/0'], ['/dev/stdout', '/proc/self/fd/1'], ['/dev/stderr', '/proc/self/fd/2']]
  for (const [path, target] of links) if (!host.fs.lstat(path)) host.fs.symlink(target, path)
}
