// Line reading for the filters: a stream (shell/stream.ts) read one line at a time, with `\n` or
// NUL (`-z`) as the delimiter, and whether the last line had one, which the GNU tools preserve
// (`head` of a file without a final newline prints none). Bytes are counted in UTF-8, as the
// lab's files are text: `wc -c`, `head -c` and `cut -b` count what the real file would hold.

import { bytesToFileText, fileTextToBytes } from '../../net/octets.ts'
import type { Proc } from '../../sim/task.ts'
import type { Input } from '../stream.ts'

export interface Line {
  /** The line without its delimiter. */
  text: string
  /** Did the delimiter follow (false only for a last line without one)? */
  ended: boolean
}

/** Reads `input` line by line; `\n` uses the stream's own readLine, another delimiter buffers reads. */
export class LineReader {
  private buf = ''
  private eof = false

  constructor(
    private readonly input: Input,
    readonly delim = '\n',
  ) {}

  *next(): Proc<Line | null> {
    if (this.delim === '\n') {
      const l = yield* this.input.readLine()
      if (l === null) return null
      return l.endsWith('\n') ? { text: l.slice(0, -1), ended: true } : { text: l, ended: false }
    }
    for (;;) {
      const at = this.buf.indexOf(this.delim)
      if (at >= 0) {
        const text = this.buf.slice(0, at)
        this.buf = this.buf.slice(at + 1)
        return { text, ended: true }
      }
      if (this.eof) {
        if (!this.buf) return null
        const text = this.buf
        this.buf = ''
        return { text, ended: false }
      }
      const chunk = yield* this.input.read()
      if (chunk === null) this.eof = true
      else this.buf += chunk
    }
  }
}

/** A whole text as lines (for tools that must see everything first: sort, tac, tail). */
export function splitLines(text: string, delim = '\n'): Line[] {
  if (!text) return []
  const parts = text.split(delim)
  const ended = parts[parts.length - 1] === ''
  if (ended) parts.pop()
  return parts.map((t, i) => ({ text: t, ended: i < parts.length - 1 || ended }))
}

const encoder = new TextEncoder()
const strict = new TextDecoder('utf-8', { fatal: true })

/**
 * An octet that is not part of valid UTF-8 (`printf '\\xff'`) stays one octet: it is kept as the
 * lone surrogate U+DC80 + (octet − 0x80), as Python's surrogateescape does, which no decoded text
 * holds, so it counts as one byte and turns back into that octet (`| xxd` shows `ff`).
 */
const ESCAPED_LOW = 0xdc80
const isEscaped = (c: number) => c >= ESCAPED_LOW && c <= 0xdcff

/**
 * A file or stream holds either text or octets (a pcap written by `tcpdump -w`, `head -c` of one,
 * `base64 -d` of binary data): octets are kept one character per octet (U+0000..U+00FF). The two
 * are told apart by what UTF-8 text never holds: a NUL with no character above U+00FF is octets.
 */
function isOctets(s: string): boolean {
  if (s.indexOf('\0') < 0) return false
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) return false
  return true
}

export function byteLength(s: string): number {
  if (isOctets(s)) return s.length
  let n = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x80) n++
    else if (c < 0x800) n += 2
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4
      i++
    } else n += isEscaped(c) ? 1 : 3
  }
  return n
}

export function toBytes(s: string): Uint8Array {
  if (isOctets(s)) return fileTextToBytes(s)
  if (!/[\udc80-\udcff]/.test(s)) return encoder.encode(s)
  const out: number[] = []
  let from = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdbff) i++
    else if (isEscaped(c)) {
      for (const b of encoder.encode(s.slice(from, i))) out.push(b)
      out.push(c - ESCAPED_LOW + 0x80)
      from = i + 1
    }
  }
  for (const b of encoder.encode(s.slice(from))) out.push(b)
  return Uint8Array.from(out)
}

/** UTF-8 with every octet of an invalid sequence kept as its escape (see ESCAPED_LOW). */
function decodeEscaping(b: Uint8Array): string {
  let out = ''
  let i = 0
  while (i < b.length) {
    const c = b[i]
    const n = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0
    if (n === 1) {
      out += String.fromCharCode(c)
      i++
      continue
    }
    if (n > 1 && i + n <= b.length) {
      try {
        out += strict.decode(b.subarray(i, i + n))
        i += n
        continue
      } catch {
        // not a whole character: the lead octet stands alone
      }
    }
    out += String.fromCharCode(ESCAPED_LOW + c - 0x80)
    i++
  }
  return out
}

/** Octets as text when they are UTF-8 without a NUL, else one character per octet (see isOctets). */
export function fromBytes(b: Uint8Array): string {
  if (b.indexOf(0) < 0) {
    try {
      return strict.decode(b)
    } catch {
      return decodeEscaping(b)
    }
  }
  return bytesToFileText(b)
}
