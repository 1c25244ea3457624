// Octets through the shell: printf's and echo -e's \NNN and \xHH escapes write octets, so a
// character's UTF-8 bytes written one escape at a time are that character to every tool after.
// The expected outputs were printed by this machine's bash 5.2 and coreutils 9.1 (LC_ALL=C.UTF-8)
// for the same lines.

import { describe, expect, it } from 'vitest'
import { Lab } from '../../src/lab/lab.ts'

const REAL: [string, string][] = [
  ["printf 'caf\\xc3\\xa9\\n' | wc -c", "6\n"],
  ["printf 'caf\\xc3\\xa9\\n'", "caf\u00e9\n"],
  ["echo -e '\\0303\\0251x' | od -c", "0000000 303 251   x  \\n\n0000004\n"],
  ["printf '\\303\\251\\n' | od -An -tx1", " c3 a9 0a\n"],
  ["printf 'a\\0b' | od -c", "0000000   a  \\0   b\n0000003\n"],
  ["printf '%s\\xe4\\xb8\\xad\\n' x | wc -m", "3\n"],
]

describe('escapes that write octets', () => {
  const lab = Lab.create('dr')
  for (const [line, stdout] of REAL) it(line, () => expect(lab.run('rs1', line).stdout).toBe(stdout))
})

describe('an octet that is not UTF-8', () => {
  const lab = Lab.create('dr')

  it('stays one byte end to end', () => {
    expect(lab.run('rs1', "printf '\\xff' | wc -c").stdout).toBe('1\n')
    expect(lab.run('rs1', "printf '\\xff\\xfe' | xxd").stdout).toBe('00000000: fffe                                     ..\n')
    expect(lab.run('rs1', "printf 'a\\xffb' > /tmp/o; wc -c < /tmp/o; base64 /tmp/o").stdout).toBe('3\nYf9i\n')
  })

  it('round-trips through base64 -d and head -c', () => {
    expect(lab.run('rs1', "echo Yf9i | base64 -d | head -c 2 | od -An -tx1").stdout).toBe(' 61 ff\n')
  })
})
