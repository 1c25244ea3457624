// base64 (GNU coreutils 8.32): encode a file or stdin (lines wrapped at -w columns, 76 by
// default, 0 for none) or decode it (-d; -i skips non-alphabet bytes), "invalid input" on bad data.

import { coreutilsFooter, coreutilsVersion, defineArgs, parseArgs, usageError, type Fail } from '../../args/index.ts'
import { fromBytes, toBytes } from '../../text/lines.ts'
import { errText, quote, quotef, readInput } from '../files.ts'
import type { CommandDef } from '../types.ts'

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

export function encode64(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0)
    out += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63] + (i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63] : '=') + (i + 2 < bytes.length ? ALPHABET[n & 63] : '=')
  }
  return out
}

/** Decoded bytes, and whether the input was valid (GNU stops at the first bad quantum). */
export function decode64(text: string, ignoreGarbage: boolean): { bytes: Uint8Array; ok: boolean } {
  const clean = text.replace(ignoreGarbage ? /[^A-Za-z0-9+/=]/g : /\n/g, '')
  const out: number[] = []
  for (let i = 0; i < clean.length; i += 4) {
    const q = clean.slice(i, i + 4)
    const vals = [...q].map((c) => (c === '=' ? -1 : ALPHABET.indexOf(c)))
    if (vals.some((v, k) => v === -2 || (v === -1 && q[k] !== '=')) || vals.slice(0, 2).some((v) => v < 0) || (vals[2] === -1 && vals[3] !== -1 && q.length === 4)) return { bytes: Uint8Array.from(out), ok: false }
    const n = (vals[0] << 18) | (vals[1] << 12) | (Math.max(0, vals[2] ?? 0) << 6) | Math.max(0, vals[3] ?? 0)
    out.push((n >> 16) & 255)
    if (q.length > 2 && vals[2] >= 0) out.push((n >> 8) & 255)
    if (q.length > 3 && vals[3] >= 0) out.push(n & 255)
    if (q.length < 4 || vals[3] < 0) {
      if (i + 4 < clean.length || q.length < 4) return { bytes: Uint8Array.from(out), ok: false }
    }
  }
  return { bytes: Uint8Array.from(out), ok: true }
}

const ARGS = defineArgs({
  usageStatus: 1,
  options: {
    decode: { short: 'd', long: 'decode', help: 'decode data' },
    ignoreGarbage: { short: 'i', long: 'ignore-garbage', help: 'when decoding, ignore non-alphabet characters' },
    wrap: { short: 'w', long: 'wrap', arg: 'required', argName: 'COLS', parse: (v): number | Fail => (/^\d+$/.test(v) ? Number(v) : { fail: `invalid wrap size: ${quote(v)}`, status: 1 }), help: 'wrap encoded lines after COLS character (default 76).\n  Use 0 to disable line wrapping' },
  },
  help: {
    usage: ['Usage: %s [OPTION]... [FILE]'],
    column: 24,
    beforeStandard: '\n',
    intro: 'Base64 encode or decode FILE, or standard input, to standard output.\n\nWith no FILE, or when FILE is -, read standard input.\n\nMandatory arguments to long options are mandatory for short options too.\n',
    outro: '\nThe data are encoded as described for the base64 alphabet in RFC 4648.\nWhen decoding, the input may contain newlines in addition to the bytes of\nthe formal base64 alphabet.  Use --ignore-garbage to attempt to recover\nfrom any other non-alphabet bytes in the encoded stream.\n' + coreutilsFooter('base64'),
  },
  version: coreutilsVersion('base64', 'Simon Josefsson'),
})

export const base64: CommandDef = {
  name: 'base64',
  path: '/usr/bin/base64',
  rpm: 'coreutils',
  summary: 'base64 encode/decode data and print to standard output',
  args: ARGS,
  *run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    const o = a.opts
    const prog = ctx.argv[0]
    if (a.operands.length > 1) return usageError(ctx, ARGS, `extra operand ${quote(a.operands[1])}`)
    const op = a.operands[0] ?? '-'
    const text = yield* readInput(ctx, op)
    if (typeof text !== 'string') {
      ctx.err(`${prog}: ${quotef(op)}: ${errText(text.error)}\n`)
      return 1
    }
    if (o.decode) {
      const r = decode64(text, o.ignoreGarbage)
      ctx.out(fromBytes(r.bytes))
      if (!r.ok) {
        ctx.err(`${prog}: invalid input\n`)
        return 1
      }
      return 0
    }
    const enc = encode64(toBytes(text))
    const wrap = o.wrap ?? 76
    if (!enc) return 0
    ctx.out(wrap ? (enc.match(new RegExp(`.{1,${wrap}}`, 'g')) ?? []).join('\n') + '\n' : enc)
    return 0
  },
}
