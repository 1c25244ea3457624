// A host's file system: an in-memory tree of directories, regular files and symbolic links with
// modes and mtimes. Paths are resolved like the kernel does for the shell (`.`, `..`, repeated
// slashes; a symlink met on the way is replaced by its target, ELOOP after 40, as namei's
// MAXSYMLINKS). A hard link is one node under two paths. `/proc/sys` is served by the sysctl tree
// through a mount hook, so `cat /proc/sys/net/ipv4/ip_forward` works.

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

/** What `stat` gives: a path's node with its symlinks followed. */
export type Node = FileNode | DirNode

export interface LinkNode {
  type: 'link'
  target: string
  mode: number
  mtime: number
  /** st_size where it is not the target's length (procfs's fd links are 64). */
  size?: number
}

/** What `lstat` gives: the node the path names itself, a symlink not followed. */
export type AnyNode = Node | LinkNode

/** The kernel's MAXSYMLINKS: more links than this in one lookup is ELOOP. */
const MAX_LINKS = 40

export interface Mount {
  read(rel: string): string | null
  write(rel: string, content: string): 'ok' | 'enoent' | 'einval'
  list(rel: string): string[] | null
  isDir(rel: string): boolean
  /** The target of an entry that is a symbolic link (procfs's /proc/self/fd/N), else null. */
  link?(rel: string): string | null
}

export type FsError = 'ENOENT' | 'ENOTDIR' | 'EISDIR' | 'EEXIST' | 'EINVAL' | 'ENOTEMPTY' | 'ELOOP' | 'EPERM'

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
  ELOOP: 'Too many levels of symbolic links',
  EPERM: 'Operation not permitted',
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
  private nodes = new Map<string, AnyNode>([['/', { type: 'dir', mode: 0o555, mtime: 0 }]])
  /** Each directory's entry names, so listing one does not scan every path of the host. */
  private children = new Map<string, Set<string>>()
  /** Set by the first symlink: until then every path is already its own resolution. */
  private linked = false
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
      // Under the mount point: its prefix, then a slash (tested without building `mp + '/'` per call).
      if (path.charCodeAt(mp.length) === 47 && path.startsWith(mp)) return [m, path.slice(mp.length + 1)]
    }
    return null
  }

  /** Is the path served by a mount (/proc/sys), where opening for writing must not truncate? */
  isMounted(path: string): boolean {
    return this.mountOf(path) !== null
  }

  /** The real path a normalized path names: every symlink on the way (and, with `followLast`,
   *  the last component's) replaced by its target. A path into a mount is not looked into. */
  resolve(path: string, followLast = true): string | FsError {
    if (!this.linked) return path
    // Every key of `nodes` is already a real path (each is stored under its resolution), so a
    // path that is one, or whose parent directory is one, has no link to replace but maybe its last.
    const n0 = this.nodes.get(path)
    if (n0 ? n0.type !== 'link' || !followLast : this.nodes.get(dirname(path))?.type === 'dir') return path
    let parts = path.split('/').filter(Boolean)
    let cur = ''
    let hops = 0
    for (let i = 0; i < parts.length; i++) {
      const next = `${cur}/${parts[i]}`
      if (this.mountOf(next)) return [next, ...parts.slice(i + 1)].join('/')
      const n = this.nodes.get(next)
      const last = i === parts.length - 1
      if (n?.type === 'link' && (followLast || !last)) {
        if (++hops > MAX_LINKS) return 'ELOOP'
        parts = [...normalizePath(cur || '/', n.target).split('/').filter(Boolean), ...parts.slice(i + 1)]
        cur = ''
        i = -1
        continue
      }
      if (!last && !n) return 'ENOENT'
      if (!last && n!.type !== 'dir') return 'ENOTDIR'
      cur = next
    }
    return cur || '/'
  }

  /** The node a path names, a symlink itself rather than what it points to. */
  lstat(path: string): AnyNode | null {
    const real = this.resolve(path, false)
    if (!real.startsWith('/')) return null
    const n = this.nodes.get(real)
    if (n) return n
    const mounted = this.mountOf(real)
    const target = mounted && mounted[1] !== '' ? (mounted[0].link?.(mounted[1]) ?? null) : null
    if (target !== null) return { type: 'link', target, mode: 0o700, mtime: this.clock(), size: 64 }
    return this.stat(real)
  }

  /** Paths that are the same node as `path` (its hard links, itself included). */
  links(path: string): number {
    const n = this.lstat(path)
    if (!n) return 0
    let count = 0
    for (const m of this.nodes.values()) if (m === n) count++
    return Math.max(count, 1)
  }

  /** `symlink(2)`: a link at `path` holding `target` as written, which need not exist. */
  symlink(target: string, path: string): FsError | null {
    if (this.lstat(path)) return 'EEXIST'
    const real = this.resolve(dirname(path))
    if (!real.startsWith('/')) return real as FsError
    const parentErr = this.checkParent(path)
    if (parentErr) return parentErr
    this.linked = true
    this.put(`${real === '/' ? '' : real}/${basename(path)}`, { type: 'link', target, mode: 0o777, mtime: this.clock() })
    this.touchDir(real)
    return null
  }

  /** `link(2)`: `path` becomes another name of the node at `existing` (a symlink not followed). */
  link(existing: string, path: string): FsError | null {
    const n = this.lstat(existing)
    if (!n) return 'ENOENT'
    if (n.type === 'dir') return 'EPERM'
    if (this.lstat(path)) return 'EEXIST'
    const real = this.resolve(dirname(path))
    if (!real.startsWith('/')) return real as FsError
    const parentErr = this.checkParent(path)
    if (parentErr) return parentErr
    this.put(`${real === '/' ? '' : real}/${basename(path)}`, n)
    this.touchDir(real)
    return null
  }

  stat(path: string): Node | null {
    const real = this.resolve(path)
    if (!real.startsWith('/')) return null
    path = real
    const mounted = this.mountOf(path)
    if (mounted) {
      const [m, rel] = mounted
      if (rel === '' || m.isDir(rel)) return { type: 'dir', mode: 0o555, mtime: 0 }
      const c = m.read(rel)
      return c === null ? null : { type: 'file', content: c, mode: 0o644, mtime: this.clock() }
    }
    const n = this.nodes.get(path)
    return n && n.type !== 'link' ? n : null
  }

  exists(path: string): boolean {
    return this.stat(path) !== null
  }

  isDir(path: string): boolean {
    return this.stat(path)?.type === 'dir'
  }

  read(path: string): string | FsFail {
    const real = this.resolve(path)
    if (!real.startsWith('/')) return { error: real as FsError }
    path = real
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
    const real = this.resolve(path)
    if (!real.startsWith('/')) return real as FsError
    path = real
    const mounted = this.mountOf(path)
    if (mounted) {
      const r = mounted[0].write(mounted[1], content)
      return r === 'ok' ? null : r === 'enoent' ? 'ENOENT' : 'EINVAL'
    }
    const parentErr = this.checkParent(path)
    if (parentErr) return parentErr
    const existing = this.nodes.get(path)
    if (existing?.type === 'dir') return 'EISDIR'
    if (existing?.type === 'file') {
      // In place, so every hard link of the file sees the new content.
      existing.content = content
      existing.mtime = this.clock()
    } else this.put(path, { type: 'file', content, mode: mode ?? 0o666 & ~this.umask, mtime: this.clock() })
    this.touchDir(dirname(path))
    return null
  }

  append(path: string, content: string): FsError | null {
    // A log that grows by a line per request (httpd's access_log) is extended in place.
    const real = this.resolve(path)
    if (!real.startsWith('/')) return real as FsError
    path = real
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
    if (this.lstat(path)) return 'EEXIST'
    const parentErr = this.checkParent(path)
    if (parentErr) return parentErr
    const real = this.resolve(path, false)
    if (!real.startsWith('/')) return real as FsError
    this.put(real, { type: 'dir', mode, mtime: this.clock() })
    return null
  }

  mkdirp(path: string, mode = 0o755): void {
    let cur = ''
    for (const part of path.split('/').filter(Boolean)) {
      cur += '/' + part
      if (this.nodes.get(cur)?.type === 'link') {
        const real = this.resolve(cur)
        if (!real.startsWith('/') || !this.isDir(real)) return
        cur = real
      } else if (!this.nodes.has(cur)) this.put(cur, { type: 'dir', mode, mtime: this.clock() })
    }
  }

  /** `unlink`/`rmdir`: the name itself goes (a symlink, not its target). */
  remove(path: string): FsError | null {
    const real = this.resolve(path, false)
    if (!real.startsWith('/')) return real as FsError
    path = real
    const n = this.nodes.get(path)
    if (!n) return 'ENOENT'
    if (n.type === 'dir' && this.list(path)?.length) return 'ENOTEMPTY'
    this.drop(path)
    return null
  }

  removeTree(path: string): void {
    const real = this.resolve(path, false)
    if (!real.startsWith('/')) return
    path = real
    for (const key of [...this.nodes.keys()]) if (key === path || key.startsWith(path + '/')) this.drop(key)
  }

  /** `utimensat(2)`: sets the modification time of what the path names. */
  utime(path: string, mtime: number): FsError | null {
    const real = this.resolve(path)
    if (!real.startsWith('/')) return real as FsError
    const n = this.nodes.get(real)
    if (!n) return 'ENOENT'
    n.mtime = mtime
    return null
  }

  chmod(path: string, mode: number): FsError | null {
    const real = this.resolve(path)
    if (!real.startsWith('/')) return real as FsError
    const n = this.nodes.get(real)
    if (!n || n.type === 'link') return 'ENOENT'
    n.mode = mode
    return null
  }

  /** Entry names of a directory, sorted as `ls` sorts in the C locale. */
  list(path: string): string[] | null {
    const real = this.resolve(path)
    if (!real.startsWith('/')) return null
    path = real
    const mounted = this.mountOf(path)
    if (mounted) return mounted[0].list(mounted[1])
    const n = this.nodes.get(path)
    if (!n || n.type !== 'dir') return null
    const prefix = path === '/' ? '/' : path + '/'
    const names = new Set<string>(this.children.get(path))
    for (const mp of this.mounts.keys()) {
      if (mp.startsWith(prefix)) {
        const rest = mp.slice(prefix.length)
        if (rest && !rest.includes('/')) names.add(rest)
      }
    }
    return [...names].sort()
  }

  private put(path: string, node: AnyNode): void {
    this.nodes.set(path, node)
    const dir = dirname(path)
    const names = this.children.get(dir)
    if (names) names.add(basename(path))
    else this.children.set(dir, new Set([basename(path)]))
  }

  private drop(path: string): void {
    this.nodes.delete(path)
    this.children.get(dirname(path))?.delete(basename(path))
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
