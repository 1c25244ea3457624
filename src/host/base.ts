// The base system of a RHEL 9 host on disk: the top-level directories with the modes the
// `filesystem` package gives them (dr-xr-xr-x for /, /boot, /proc, /sys and the library
// directories, 1777 for /tmp and /var/tmp, 550 for /root), the usrmerge links, and a file for every
// program the host can run, laid when its package is installed and gone when it is removed.

import type { FileSystem } from './fs.ts'

/** A program the host can run: its path, and the package that must be installed for it to exist. */
export interface Program {
  path: string
  pkg?: string
}

/**
 * What a program file holds. RHEL's binaries cannot be shipped, so each is the 64-byte header of
 * an x86-64 ELF executable (class ELF64, little-endian, SysV ABI, type ET_DYN as every PIE in RHEL
 * 9 is, machine EM_X86_64, version 1, and the header, program and section header entry sizes): what
 * `head -c4 | xxd` or `file` look at. Its size (64 bytes) is the lab's, not the real program's,
 * which differs per program and build and is not known here.
 */
export const ELF_STUB = String.fromCharCode(
  ...[0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
  ...[3, 0, 0x3e, 0, 1, 0, 0, 0],
  ...new Array<number>(28).fill(0),
  ...[64, 0, 56, 0, 0, 0, 64, 0, 0, 0, 0, 0],
)

/** The directories the `filesystem` package owns that a learner meets, with their modes. */
export const FILESYSTEM_DIRS: [string, number][] = [
  ['/afs', 0o755],
  ['/boot', 0o555],
  ['/dev', 0o755],
  ['/etc', 0o755],
  ['/home', 0o755],
  ['/media', 0o755],
  ['/mnt', 0o755],
  ['/opt', 0o755],
  ['/proc', 0o555],
  ['/root', 0o550],
  ['/run', 0o755],
  ['/srv', 0o755],
  ['/sys', 0o555],
  ['/tmp', 0o1777],
  ['/usr', 0o755],
  ['/usr/bin', 0o755],
  ['/usr/lib', 0o555],
  ['/usr/lib64', 0o555],
  ['/usr/libexec', 0o755],
  ['/usr/local', 0o755],
  ['/usr/local/bin', 0o755],
  ['/usr/local/sbin', 0o755],
  ['/usr/sbin', 0o755],
  ['/usr/share', 0o755],
  ['/var', 0o755],
  ['/var/tmp', 0o1777],
]

/** usrmerge: the old top-level directories are relative links into /usr. */
export const USRMERGE: [string, string][] = [
  ['/bin', 'usr/bin'],
  ['/sbin', 'usr/sbin'],
  ['/lib', 'usr/lib'],
  ['/lib64', 'usr/lib64'],
]

/** Lays the skeleton on a fresh file system; its times are the file system's clock (install time). */
export function laySkeleton(fs: FileSystem): void {
  fs.utime('/', fs.clock())
  for (const [path, mode] of FILESYSTEM_DIRS) fs.mkdir(path, mode)
  for (const [path, target] of USRMERGE) fs.symlink(target, path)
}

/**
 * Brings the program files in line with what is installed: a program whose package is there gets
 * its file (or, where `linkTarget` names one, the symbolic link the RPM has in its place), one
 * whose package went loses it. A file the learner put at such a path is left alone.
 */
export function syncPrograms(fs: FileSystem, programs: readonly Program[], installed: (pkg: string) => boolean, linkTarget: (path: string) => string | undefined): void {
  for (const p of programs) {
    const present = !p.pkg || installed(p.pkg)
    const node = fs.lstat(p.path)
    const target = linkTarget(p.path)
    if (present && !node) {
      if (target) fs.symlink(target, p.path)
      else fs.write(p.path, ELF_STUB, 0o755)
    } else if (!present && node && (node.type === 'link' ? node.target === target : node.type === 'file' && node.content === ELF_STUB)) fs.remove(p.path)
  }
}
