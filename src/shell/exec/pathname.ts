// Pathname expansion as bash 5.1's glob.c walks it: the pattern split at `/`, each segment with a
// pattern character matched against the names of the directories reached so far, a plain segment
// taken as it stands, the names found existing at the end. A leading `.` is matched only by a
// pattern that starts with one (then `.` and `..` are names too: 5.2's globskipdots is not in 5.1),
// unless dotglob; nocaseglob ignores case; with globstar a segment `**` is any depth of
// directories below (not through symbolic links), `**` at the end every name there too.

import { normalizePath } from '../../host/fs.ts'
import type { Proc } from '../../sim/task.ts'
import type { ExpandEnv } from '../expand.ts'

/** A segment with an unescaped pattern character (with extglob, a group opener too). */
function magic(seg: string, extended: boolean): boolean {
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i]
    if (c === '\\') i++
    else if (c === '*' || c === '?' || c === '[') return true
    else if (extended && (c === '+' || c === '@' || c === '!') && seg[i + 1] === '(') return true
  }
  return false
}

/** The names `pattern` (backslash-escaped where quoted) matches, sorted as bash sorts them; [] if none. */
export function* pathnames(pattern: string, env: ExpandEnv): Proc<string[]> {
  const extended = env.shopt('extglob')
  const nocase = env.shopt('nocaseglob')
  const dotglob = env.shopt('dotglob')
  const globstar = env.shopt('globstar')
  const at = (p: string) => normalizePath(env.cwd, p.replace(/\/$/, '') || '/')
  const join = (base: string, name: string) => (base === '' ? name : base === '/' ? `/${name}` : `${base}/${name}`)
  const hidden = (name: string) => name.startsWith('.') && !dotglob
  /** Every name below `base` (directories only, or all), depth first, hidden ones only with dotglob. */
  const below = (base: string, dirsOnly: boolean, out: string[]) => {
    for (const name of env.fs.list(at(base || '.')) ?? []) {
      if (hidden(name)) continue
      const path = join(base, name)
      const dir = env.fs.lstat(at(path))?.type === 'dir'
      if (dir || !dirsOnly) out.push(path)
      if (dir) below(path, dirsOnly, out)
    }
    return out
  }
  const segments = pattern.split('/')
  const absolute = pattern.startsWith('/')
  let paths = [absolute ? '/' : '']
  for (let i = absolute ? 1 : 0; i < segments.length; i++) {
    const seg = segments[i]
    const last = i === segments.length - 1
    if (seg === '' && last) {
      // A trailing `/`: directories only, and `**/` found no directory at depth zero at the top.
      paths = paths.filter((p) => p !== '' && env.fs.isDir(at(p))).map((p) => (p.endsWith('/') ? p : `${p}/`))
      break
    }
    const next: string[] = []
    if (globstar && seg === '**') {
      for (const base of paths) {
        // Depth zero: `d/**` names `d/` itself; before another segment, the base stands for it.
        if (!last) next.push(base)
        else if (base !== '') next.push(base === '/' ? '/' : `${base}/`)
        below(base, !last, next)
      }
      paths = next
      continue
    }
    if (!magic(seg, extended)) {
      const lit = seg.replace(/\\(.)/g, '$1')
      for (const base of paths) next.push(join(base, lit))
    } else {
      const re = yield* env.pattern(seg, extended, nocase)
      const dotted = seg.startsWith('.') || seg.startsWith('\\.')
      for (const base of paths) {
        const names = env.fs.list(at(base || '.')) ?? []
        for (const name of dotted ? ['.', '..', ...names] : names) {
          if (name.startsWith('.') && !dotted && !dotglob) continue
          if (re.test(name)) next.push(join(base, name))
        }
      }
    }
    paths = last ? next : next.filter((p) => env.fs.isDir(at(p)))
  }
  return paths.filter((p) => env.fs.exists(at(p))).sort(collate)
}

/** en_US.UTF-8 orders names ignoring case and punctuation first, as ls and globs show them. */
function collate(a: string, b: string): number {
  const ka = a.toLowerCase().replace(/[^a-z0-9]/g, '')
  const kb = b.toLowerCase().replace(/[^a-z0-9]/g, '')
  return ka < kb ? -1 : ka > kb ? 1 : a < b ? -1 : a > b ? 1 : 0
}
