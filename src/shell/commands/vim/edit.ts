// Typing into a buffer of lines at a cursor, the part of editing vim's insert mode and nano share:
// a printable key or Tab goes in at the cursor, Enter splits the line, Backspace deletes the
// character before the cursor or joins the line to the one above.

export interface Cursor {
  lines: string[]
  row: number
  col: number
}

/** Applies a typed key to the buffer; false when the key is not one that types. */
export function typeKey(b: Cursor, k: string): boolean {
  const line = b.lines[b.row]
  if (k === '\r' || k === '\n') {
    b.lines[b.row] = line.slice(0, b.col)
    b.lines.splice(b.row + 1, 0, line.slice(b.col))
    b.row++
    b.col = 0
  } else if (k === '\x7f' || k === '\b') {
    if (b.col > 0) {
      b.lines[b.row] = line.slice(0, b.col - 1) + line.slice(b.col)
      b.col--
    } else if (b.row > 0) {
      const prev = b.lines[b.row - 1]
      b.lines[b.row - 1] = prev + line
      b.lines.splice(b.row, 1)
      b.row--
      b.col = prev.length
    } else return false
  } else if ((k.length === 1 && k >= ' ' && k !== '\x7f') || k === '\t') {
    b.lines[b.row] = line.slice(0, b.col) + k + line.slice(b.col)
    b.col++
  } else return false
  return true
}
