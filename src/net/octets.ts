// Octets kept as text: a host's files and a shell's streams hold strings, so a savefile or any
// binary data is kept one character per octet (U+0000..U+00FF). Shared by the pcap reader and
// writer and by the shell's byte-counting tools (shell/text/lines.ts).

/**
 * A savefile kept in a host's file system, whose files hold text: one character per octet
 * (U+0000..U+00FF), so copying, moving and reading it back lose nothing.
 */
export function bytesToFileText(b: Uint8Array): string {
  let s = ''
  for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode(...b.subarray(i, i + 8192))
  return s
}

/** The octets of a file's text: one per character below U+0100, UTF-8 for text that has more. */
export function fileTextToBytes(s: string): Uint8Array {
  let wide = false
  for (let i = 0; i < s.length && !wide; i++) wide = s.charCodeAt(i) > 255
  if (wide) return new TextEncoder().encode(s)
  const b = new Uint8Array(s.length)
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i)
  return b
}
