// GNU backups, as ln, cp and mv make them (gnulib's backupfile.c and argmatch.c, coreutils 8.32):
// the CONTROL word of `--backup[=CONTROL]` or $VERSION_CONTROL (an exact word or an unambiguous
// prefix of one, `existing` when neither is given), and the name a file's backup gets: `NAME~`
// (or the -S / $SIMPLE_BACKUP_SUFFIX suffix), `NAME.~N~` one past the highest N already there,
// or, for `existing`, numbered only when a numbered backup already exists.

import type { FileSystem } from '../../host/fs.ts'
import { basename, dirname } from '../../host/fs.ts'
import type { Fail } from '../args/index.ts'

export type BackupType = 'none' | 'simple' | 'existing' | 'numbered'

/** argmatch's table: each word and what it means, in backupfile.c's order. */
const WORDS: [string, BackupType][] = [
  ['none', 'none'],
  ['off', 'none'],
  ['simple', 'simple'],
  ['never', 'simple'],
  ['existing', 'existing'],
  ['nil', 'existing'],
  ['numbered', 'numbered'],
  ['t', 'numbered'],
]

/** gnulib's quote() in a UTF-8 locale. */
const q = (s: string) => `‘${s}’`

/** argmatch_valid's list: the words of one meaning on one line. */
function validList(): string {
  let out = 'Valid arguments are:'
  let last: BackupType | null = null
  for (const [word, type] of WORDS) {
    out += type === last ? `, ${q(word)}` : `\n  - ${q(word)}`
    last = type
  }
  return out
}

/** xget_version: the backup type `--backup=VALUE` (or `$VERSION_CONTROL`) asks for. */
export function backupType(value: string | undefined, env: ReadonlyMap<string, string>): BackupType | Fail {
  const envValue = env.get('VERSION_CONTROL')
  const [context, word] = value ? ['backup type', value] : envValue ? ['$VERSION_CONTROL', envValue] : [null, null]
  if (context === null || word === null) return 'existing'
  const exact = WORDS.find(([w]) => w === word)
  if (exact) return exact[1]
  const prefixed = new Set(WORDS.filter(([w]) => w.startsWith(word)).map(([, t]) => t))
  if (prefixed.size === 1) return [...prefixed][0]
  const problem = prefixed.size ? 'ambiguous' : 'invalid'
  return { fail: `${problem} argument ${q(word)} for ${q(context)}\n${validList()}`, tryHelp: true }
}

/** The name `path`'s backup gets (find_backup_file_name); `full` is its absolute form. */
export function backupName(fs: FileSystem, path: string, full: string, type: BackupType, suffix: string): string {
  if (type === 'simple') return path + suffix
  const dir = dirname(full)
  const base = basename(full)
  let highest = 0
  for (const name of fs.list(dir) ?? []) {
    const m = /^\.~([1-9]\d*)~$/.exec(name.startsWith(base) ? name.slice(base.length) : '')
    if (m) highest = Math.max(highest, Number(m[1]))
  }
  if (type === 'existing' && !highest) return path + suffix
  return `${path}.~${highest + 1}~`
}

/** rename(2) of a file that is not a directory: `to` is replaced. */
export function renameFile(fs: FileSystem, from: string, to: string): void {
  if (fs.lstat(to)) fs.remove(to)
  fs.link(from, to)
  fs.remove(from)
}
