// A lesson's version: a hash of the files that define it (not the wrong/ test submissions), so a
// submission names exactly which text and checks it was made for. FNV-1a 64 over each file's name
// and content (UTF-16 code units), in name order: small, pure, the same in Node and the browser.

const OFFSET = 0xcbf29ce484222325n
const PRIME = 0x100000001b3n
const MASK = (1n << 64n) - 1n

export function lessonVersion(files: Record<string, string>): string {
  let h = OFFSET
  const feed = (s: string) => {
    for (let i = 0; i < s.length; i++) h = ((h ^ BigInt(s.charCodeAt(i))) * PRIME) & MASK
    h = ((h ^ 0n) * PRIME) & MASK
  }
  for (const name of Object.keys(files).sort()) {
    feed(name)
    feed(files[name])
  }
  return h.toString(16).padStart(16, '0').slice(0, 12)
}
