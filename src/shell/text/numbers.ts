// Counts as coreutils reads them (xdectoumax with a multiplier suffix): `5`, `2k` (×1024), `1kB`
// (×1000), `1KiB`, `b` (×512), up to 2^64−1; beyond that "Value too large for defined data
// type". Counts past what a double holds exactly are as good as infinite for a file.

export type Count = { value: number } | { error: 'invalid' | 'too-large' }

const POWERS: Record<string, number> = { k: 1, K: 1, m: 2, M: 2, G: 3, g: 3, T: 4, t: 4, P: 5, p: 5, E: 6, e: 6, Z: 7, z: 7, Y: 8, y: 8 }

export function parseCount(s: string, suffixes = true): Count {
  const m = /^\s*\+?(\d+)(.*)$/.exec(s)
  if (!m) return { error: 'invalid' }
  let mult = 1
  const suf = m[2]
  if (suf) {
    if (!suffixes) return { error: 'invalid' }
    const sm = /^(b|([kKmMgGtTpPeEzZyY])(B|iB)?)$/.exec(suf)
    if (!sm) return { error: 'invalid' }
    if (sm[1] === 'b') mult = 512
    else mult = (sm[3] === 'B' ? 1000 : 1024) ** POWERS[sm[2]]
  }
  const n = BigInt(m[1]) * BigInt(mult)
  if (n > 0xffffffffffffffffn) return { error: 'too-large' }
  return { value: n > BigInt(Number.MAX_SAFE_INTEGER) ? Infinity : Number(n) }
}
