// Where a command name lives: the search of $PATH that bash's hash/execve and GNU `which` both make.
// Each directory of PATH in order (an empty entry is the working directory) is tried for DIR/NAME:
// a program the registry installs there, or an executable regular file (a learner's script).

import type { Host } from '../../host/host.ts'
import { normalizePath } from '../../host/fs.ts'
import type { CommandDef } from '../commands/types.ts'

/**
 * The registry's programs by installed path, in registry order, built once per registry: every
 * command line searches PATH, so a scan of the whole registry per directory tried cost a fifth of
 * a `curl` loop's time.
 */
const BY_PATH = new WeakMap<Record<string, CommandDef>, Map<string, CommandDef[]>>()

function byPath(commands: Record<string, CommandDef>): Map<string, CommandDef[]> {
  let index = BY_PATH.get(commands)
  if (!index) {
    index = new Map()
    for (const d of Object.values(commands)) {
      const list = index.get(d.path)
      if (list) list.push(d)
      else index.set(d.path, [d])
    }
    BY_PATH.set(commands, index)
  }
  return index
}

/** The registry program installed at an absolute path; RHEL's /bin and /sbin are /usr's. */
export function programAt(commands: Record<string, CommandDef>, host: Host, path: string): CommandDef | null {
  const merged = path.startsWith('/bin/') || path.startsWith('/sbin/') ? `/usr${path}` : path
  for (const d of byPath(commands).get(merged) ?? []) if (!d.pkg || host.isInstalled(d.pkg)) return d
  return null
}

/** The shells the interpreter itself is (bash; sh is its link). */
export const SHELL_PATHS = new Set(['/usr/bin/bash', '/usr/bin/sh'])

/** Is there something execve would run at the absolute path? */
export function executableAt(commands: Record<string, CommandDef>, host: Host, path: string): boolean {
  if (programAt(commands, host, path) || SHELL_PATHS.has(path.replace(/^\/bin\//, '/usr/bin/'))) return true
  const node = host.fs.stat(path)
  return node?.type === 'file' && (node.mode & 0o111) !== 0
}

/** Every DIR/NAME of PATH that is executable, in PATH order (bash runs the first). */
export function searchPath(commands: Record<string, CommandDef>, host: Host, cwd: string, path: string, name: string): string[] {
  const found: string[] = []
  for (const dir of path.split(':')) {
    const candidate = normalizePath(cwd, `${dir || '.'}/${name}`)
    if (executableAt(commands, host, candidate)) found.push(candidate)
  }
  return found
}

/** The DIR/NAME bash runs: the first executable one in PATH order, or undefined. */
export function firstInPath(commands: Record<string, CommandDef>, host: Host, cwd: string, path: string, name: string): string | undefined {
  for (const dir of path.split(':')) {
    const candidate = normalizePath(cwd, `${dir || '.'}/${name}`)
    if (executableAt(commands, host, candidate)) return candidate
  }
  return undefined
}
