// How bash shows a variable: its attribute letters in declare's order (`${v@a}`, `declare -ir`),
// and the assignment that recreates it (declare -p, `${a[@]@A}`). Values are double-quoted; an
// associative array's key is quoted only when it holds a shell metacharacter, as bash's
// print_assoc_assignment asks sh_contains_shell_metas. An associative array lists its keys in
// the order of bash's hash table (hashlib.c): by FNV-1 bucket among 1024, newest first in a bucket.

import { bucketOf } from '../exec/hash.ts'
import type { Var } from '../session.ts'

/** ASSOC_HASH_BUCKETS in assoc.h. */
const ASSOC_BUCKETS = 1024

/** An associative array's entries in bash's order (the Map keeps them in insertion order). */
export function assocEntries(m: ReadonlyMap<string, string>): [string, string][] {
  return [...m].map((e, i) => ({ e, i, b: bucketOf(e[0], ASSOC_BUCKETS) })).sort((x, y) => x.b - y.b || y.i - x.i).map((x) => x.e)
}

/** declare's letters for a variable's attributes: a A i l/u r x. */
export function attributeLetters(v: Var): string {
  let flags = ''
  if (v.array) flags += 'a'
  if (v.assoc) flags += 'A'
  if (v.integer) flags += 'i'
  if (v.letterCase) flags += v.letterCase === 'lower' ? 'l' : 'u'
  if (v.readonly) flags += 'r'
  if (v.exported) flags += 'x'
  return flags
}

export function doubleQuote(v: string): string {
  return `"${v.replace(/(["\\$`])/g, '\\$1')}"`
}

function assocKey(k: string): string {
  return /[ \t\n'"\\|&;()<>!{}*[?\]^$`]|^[~#]|[=:]~/.test(k) ? doubleQuote(k) : k
}

/** `declare -x NAME="v"`, `declare -a a=([0]="x")`, `declare -A m=([k]="v" )` as declare -p prints them. */
export function declaration(name: string, v: Var): string {
  const flags = attributeLetters(v)
  const f = flags ? `-${flags}` : '--'
  if (v.array) return `declare ${f} ${name}=(${[...v.array].map(([k, x]) => `[${k}]=${doubleQuote(x)}`).join(' ')})`
  if (v.assoc) return `declare ${f} ${name}=(${assocEntries(v.assoc).map(([k, x]) => `[${assocKey(k)}]=${doubleQuote(x)} `).join('')})`
  return v.value === undefined ? `declare ${f} ${name}` : `declare ${f} ${name}=${doubleQuote(v.value)}`
}
