// `select`'s menu and question (execute_cmd.c select_query, print_select_list). The menu goes to
// stderr in columns, filled top to bottom: each entry `N) word`, as wide as the longest plus the
// number's width and four, across $COLUMNS (80 when unset), padded to the next column with tabs
// where a tab stop fits and spaces after it. Then $PS3 (`#? `) and one line read into REPLY as
// `read` reads it: an empty line shows the menu again, a number in range picks that word, anything
// else picks nothing (the body still runs, with the variable empty); end of input ends the loop.

import type { Proc } from '../../sim/task.ts'
import { read } from '../builtins/read.ts'
import type { Shell } from '../interp.ts'
import type { Io } from './io.ts'

const TAB = 8

function digits(n: number): number {
  return String(n).length
}

/** The menu's text, as print_select_list lays it out for `columns`. */
export function selectMenu(items: string[], columns: number): string {
  const indices = digits(items.length)
  const width = Math.max(...items.map((w) => [...w].length)) + indices + 2 + 2
  let cols = Math.floor(columns / width) || 1
  let rows = Math.ceil(items.length / cols)
  cols = Math.ceil(items.length / rows)
  if (rows === 1) {
    rows = cols
    cols = 1
  }
  const firstIndices = digits(rows)
  let out = ''
  for (let row = 0; row < rows; row++) {
    let pos = 0
    for (let i = row; ; i += rows) {
      const len = pos === 0 ? firstIndices : indices
      out += `${String(i + 1).padStart(len)}) ${items[i]}`
      if (i + rows >= items.length) break
      out += padding(pos + len + 2 + [...items[i]].length, pos + width)
      pos += width
    }
    out += '\n'
  }
  return out
}

/** Tabs to each tab stop before `to`, then spaces, as bash's indent() moves the cursor. */
function padding(from: number, to: number): string {
  let out = ''
  while (from < to) {
    if (Math.floor(to / TAB) > Math.floor(from / TAB)) {
      out += '\t'
      from += TAB - (from % TAB)
    } else {
      out += ' '
      from++
    }
  }
  return out
}

/** Asks once (the menu first if `menu`): the word chosen, '' for none, null at end of input. */
export function* selectQuery(sh: Shell, items: string[], io: Io, menu: boolean): Proc<string | null> {
  for (;;) {
    if (menu) io.err(selectMenu(items, columnsOf(sh.session.get('COLUMNS'))))
    io.err(sh.session.get('PS3') ?? '#? ')
    if ((yield* read(sh, ['read'], io)) !== 0) {
      io.out('\n')
      return null
    }
    const reply = sh.session.get('REPLY') ?? ''
    if (reply === '') {
      menu = true
      continue
    }
    // legal_number: optional blanks around an optionally signed decimal number.
    const m = /^\s*([-+]?\d+)\s*$/.exec(reply)
    if (!m) return ''
    const n = Number(m[1])
    return n >= 1 && n <= items.length ? items[n - 1] : ''
  }
}

function columnsOf(value: string | undefined): number {
  const n = Number.parseInt(value ?? '', 10)
  return Number.isFinite(n) && n > 0 ? n : 80
}
