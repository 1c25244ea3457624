// A host's file system: an in-memory tree of directories and regular files with modes and mtimes.
// Paths are resolved like the kernel does for the shell (`.`, `..`, repeated slashes). `/proc/sys` is
// served by the sysctl tree through a mount hook, so `cat /proc/sys/net/ipv4/ip_forward` works.

export interface FileNode {
  type: 'file'
  content: string
  mode: number
  mtime: number
}

export interface DirNode {
  type: 'dir'
  mode: number
  mtime: number
}

export type Node = FileNode | DirNode

export interface Mount {
  read(rel: string): string | null
  write(rel: string, content: string): 'ok' | 'enoent' | 'einval'
  list(rel: string): string[] | null
  isDir(rel: string): boolean
}

export type FsError = 'ENOENT' | 'ENOTDIR' | 'EISDIR' | 'EEXIST' | 'EINVAL' | 'ENOTEMPTY'

/** A failed read: never confused with file content, which is always a string. */
export interface FsFail {
  error: FsError
}

export const FS_ERROR_TEXT: Record<FsError, string> = {
  ENOENT: 'No such file or directory',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  EEXIST: 'File exists',
  EINVAL: 'Invalid argument',
  ENOTEMPTY: 'Directory not empty',
}

export function normalizePath(cwd: string, path: string): string {
  const parts = (path.startsWith('/') ? path : `${cwd}/${path}`).split('/')
  const out: string[] = []
  for (const p of parts) {
    if (!p || p === '.') continue
    if (p === '..') out.pop()
    else out.push(p)
  }
  return '/' + out.join('/')
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/')
  return i <= 0 ? '/' : path.slice(0, i)
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1)
}

export class FileSystem {
  private nodes = new Map<string, Node>([['/', { type: 'dir', mode: 0o555, mtime: 0 }]])
  private mounts = new Map<string, Mount>()
  /** Seconds since the epoch, supplied by the host's virtual clock. */
  clock: () => number = () => 0
  umask = 0o022

  mount(path: string, m: Mount): void {
    this.mounts.set(path, m)
    this.mkdirp(path)
  }

  private mountOf(path: string): [Mount, string] | null {
    for (const [mp, m] of this.mounts) {
      if (path === mp) return [m, '']
      if (path.startsWith(mp + '/')) return [m, path.slice(mp.length + 1)]
    }
    return null
  }

  /** Is the path served by a mount (/proc/sys), where opening for writing must not truncate? */
  isMounted(path: string): boolean {
    return this.mountOf(path) !== null
  }

  stat(path: string): Node | null {
    const mounted = this.mountOf(path)
    if (mounted) {
      const [m, rel] = mounted
      if (rel === '' || m.isDir(rel)) return { type: 'dir', mode: 0o555, mtime: 0 }
      const c = m.read(rel)
      return c === null ? null : { type: 'file', content: c, mode: 0o644, mtime: this.clock() }
    }
    return this.nodes.get(path) ?? null
  }

  exists(path: string): boolean {
    return this.stat(path) !== null
  }

  isDir(path: string): boolean {
    return this.stat(path)?.type === 'dir'
  }

  read(path: string): string | FsFail {
    const mounted = this.mountOf(path)
    if (mounted && mounted[1] !== '' && !mounted[0].isDir(mounted[1])) return mounted[0].read(mounted[1]) ?? { error: 'ENOENT' }
    const parentErr = this.checkParent(path)
    if (parentErr) return { error: parentErr }
    const n = this.stat(path)
    if (!n) return { error: 'ENOENT' }
    if (n.type === 'dir') return { error: 'EISDIR' }
    return n.content
  }

  /** Creates or truncates like `>`; an existing file keeps its mode. */
  write(path: string, content: string, mode?: number): FsError | null {
    const mounted = this.mountOf(path)
    if (mounted) {
      const r = mounted[0].write(mounted[1], content)
      return r === 'ok' ? null : r === 'enoent' ? 'ENOENT' : 'EINVAL'
    }
    const parentErr = this.checkParent(path)
    if (parentErr) return parentErr
    const existing = this.nodes.get(path)
    if (existing?.type === 'dir') return 'EISDIR'
    const finalMode = existing ? existing.mode : (mode ?? 0o666 & ~this.umask)
    this.nodes.set(path, { type: 'file', content, mode: finalMode, mtime: this.clock() })
    this.touchDir(dirname(path))
    return null
  }

  append(path: string, content: string): FsError | null {
    // A log that grows by a line per request (httpd's access_log) is extended in place.
    const node = this.nodes.get(path)
    if (node?.type === 'file' && !this.mountOf(path)) {
      node.content += content
      node.mtime = this.clock()
      return null
    }
    const cur = this.read(path)
    if (typeof cur !== 'string') return cur.error === 'ENOENT' ? this.write(path, content) : cur.error
    return this.write(path, cur + content)
  }

  mkdir(path: string, mode = 0o755): FsError | null {
    if (this.exists(path)) return 'EEXIST'
    const parentErr = this.checkParent(path)
    if (parentErr) return parentErr
    this.nodes.set(path, { type: 'dir', mode, mtime: this.clock() })
    return null
  }

  mkdirp(path: string, mode = 0o755): void {
    let cur = ''
    for (const part of path.split('/').filter(Boolean)) {
      cur += '/' + part
      if (!this.nodes.has(cur)) this.nodes.set(cur, { type: 'dir', mode, mtime: this.clock() })
    }
  }

  remove(path: string): FsError | null {
    const n = this.nodes.get(path)
    if (!n) return 'ENOENT'
    if (n.type === 'dir' && this.list(path)?.length) return 'ENOTEMPTY'
    this.nodes.delete(path)
    return null
  }

  removeTree(path: string): void {
    for (const key of [...this.nodes.keys()]) if (key === path || key.startsWith(path + '/')) this.nodes.delete(key)
  }

  chmod(path: string, mode: number): FsError | null {
    const n = this.nodes.get(path)
    if (!n) return 'ENOENT'
    n.mode = mode
    return null
  }

  /** Entry names of a directory, sorted as `ls` sorts in the C locale. */
  list(path: string): string[] | null {
    const mounted = this.mountOf(path)
    if (mounted) return mounted[0].list(mounted[1])
    const n = this.nodes.get(path)
    if (!n || n.type !== 'dir') return null
    const prefix = path === '/' ? '/' : path + '/'
    const names = new Set<string>()
    for (const key of this.nodes.keys()) {
      if (key.startsWith(prefix) && key !== path) {
        const rest = key.slice(prefix.length)
        if (rest && !rest.includes('/')) names.add(rest)
      }
    }
    for (const mp of this.mounts.keys()) {
      if (mp.startsWith(prefix)) {
        const rest = mp.slice(prefix.length)
        if (rest && !rest.includes('/')) names.add(rest)
      }
    }
    return [...names].sort()
  }

  private checkParent(path: string): FsError | null {
    const parent = dirname(path)
    const n = this.stat(parent)
    if (!n) return 'ENOENT'
    if (n.type !== 'dir') return 'ENOTDIR'
    return null
  }

  private touchDir(path: string): void {
    const n = this.nodes.get(path)
    if (n) n.mtime = this.clock()
  }
}
