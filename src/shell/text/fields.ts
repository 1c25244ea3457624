// Field splitting, shared by the tools that cut lines into fields: awk's (runs of blanks by
// default, a single character literally, anything longer as an extended regex), cut's (one
// delimiter character, every occurrence a boundary), and sort's (-k: a field is a run of blanks
// followed by non-blanks, the blanks belonging to the field they precede, unless -t names the
// separator).

import { compile } from './regex.ts'

export function splitAwk(line: string, fs: string): string[] {
  if (fs === ' ') {
    const t = line.replace(/^[ \t\n]+|[ \t\n]+$/g, '')
    return t ? t.split(/[ \t\n]+/) : []
  }
  if (line === '') return []
  if (fs.length === 1 && fs !== '\\') return line.split(fs)
  const re = compile(fs, { extended: true, global: true })
  return 'error' in re ? [line] : line.split(re)
}

export function splitDelim(line: string, delim: string): string[] {
  return line.split(delim)
}

/** sort's fields as [start, end) offsets into the line. */
export function sortFields(line: string, tab: string | undefined): [number, number][] {
  const out: [number, number][] = []
  if (tab !== undefined) {
    let start = 0
    for (;;) {
      const at = line.indexOf(tab, start)
      if (at < 0) {
        out.push([start, line.length])
        return out
      }
      out.push([start, at])
      start = at + tab.length
    }
  }
  let i = 0
  while (i < line.length) {
    const start = i
    while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++
    while (i < line.length && line[i] !== ' ' && line[i] !== '\t') i++
    out.push([start, i])
  }
  return out
}
