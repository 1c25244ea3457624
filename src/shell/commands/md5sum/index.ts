// md5sum, sha1sum and sha224sum/sha256sum/sha384sum/sha512sum (GNU coreutils 8.32): the digest
// of each file or stdin as `HASH  NAME` (`--tag`: `MD5 (NAME) = HASH`), or with -c the check of a
// list of such lines: `NAME: OK` or
// `NAME: FAILED` and a closing warning, status 1 when any line fails.

import { coreutilsFooter, coreutilsVersion, defineArgs, parseArgs } from '../../args/index.ts'
import { md5, sha1, sha224, sha256, sha384, sha512 } from '../../text/digest.ts'
import { splitLines, toBytes } from '../../text/lines.ts'
import { errText, quoteaf, quotef, readInput } from '../files.ts'
import type { CommandContext, CommandDef } from '../types.ts'

function checksum(name: string, tag: string, hash: (b: Uint8Array) => string, bits: number, standard: string, node: string): CommandDef {
  const ARGS = defineArgs({
    usageStatus: 1,
    options: {
      binary: { short: 'b', long: 'binary', help: 'read in binary mode' },
      check: { short: 'c', long: 'check', help: `read ${tag} sums from the FILEs and check them` },
      tag: { long: 'tag', help: 'create a BSD-style checksum' },
      text: { short: 't', long: 'text', help: 'read in text mode (default)' },
      zero: { short: 'z', long: 'zero', help: 'end each output line with NUL, not newline,\nand disable file name escaping' },
      ignoreMissing: { long: 'ignore-missing', before: '\nThe following five options are useful only when verifying checksums:\n', help: "don't fail or report status for missing files" },
      quiet: { long: 'quiet', help: "don't print OK for each successfully verified file" },
      status: { long: 'status', help: "don't output anything, status code shows success" },
      strict: { long: 'strict', help: 'exit non-zero for improperly formatted checksum lines' },
      warn: { short: 'w', long: 'warn', help: 'warn about improperly formatted checksum lines' },
    },
    help: {
      usage: ['Usage: %s [OPTION]... [FILE]...'],
      intro: `Print or check ${tag} (${bits}-bit) checksums.\n\nWith no FILE, or when FILE is -, read standard input.\n\n`,
      column: 23,
      beforeStandard: '\n',
      outro:
        `\nThe sums are computed as described in ${standard}.  When checking, the input\nshould be a former output of this program.  The default mode is to print a\nline with checksum, a space, a character indicating input mode ('*' for binary,\n' ' for text or where binary is insignificant), and name for each FILE.\n\nNote: There is no difference between binary mode and text mode on GNU systems.\n` +
        coreutilsFooter(name, node),
    },
    version: coreutilsVersion(name, 'Ulrich Drepper, Scott Miller, and David Madore'),
  })
  const hexLen = bits / 4
  return {
    name,
    path: `/usr/bin/${name}`,
    rpm: 'coreutils',
    summary: `compute and check ${tag} message digest`,
    args: ARGS,
    *run(ctx: CommandContext) {
      const a = parseArgs(ctx, ARGS)
      if (typeof a === 'number') return a
      const o = a.opts
      const prog = ctx.argv[0]
      let status = 0
      for (const op of a.operands.length ? a.operands : ['-']) {
        const text = yield* readInput(ctx, op)
        if (typeof text !== 'string') {
          ctx.err(`${prog}: ${quotef(op)}: ${errText(text.error)}\n`)
          status = 1
          continue
        }
        if (!o.check) {
          const h = hash(toBytes(text))
          ctx.out(o.tag ? `${tag} (${op}) = ${h}\n` : `${h}  ${op}\n`)
          continue
        }
        let failed = 0
        let missing = 0
        let lines = 0
        for (const l of splitLines(text)) {
          const m = new RegExp(`^([0-9a-fA-F]{${hexLen}}) [ *](.+)$`).exec(l.text) ?? (() => {
            const t = new RegExp(`^${tag} \\((.+)\\) = ([0-9a-fA-F]{${hexLen}})$`).exec(l.text)
            return t ? [t[0], t[2], t[1]] : null
          })()
          if (!m) continue
          lines++
          const file = m[2]
          const target = yield* readInput(ctx, file)
          if (typeof target !== 'string') {
            if (o.ignoreMissing) continue
            ctx.err(`${prog}: ${file}: ${errText(target.error)}\n`)
            if (!o.status) ctx.out(`${file}: FAILED open or read\n`)
            missing++
            continue
          }
          if (hash(toBytes(target)) === m[1].toLowerCase()) {
            if (!o.quiet && !o.status) ctx.out(`${file}: OK\n`)
          } else {
            failed++
            if (!o.status) ctx.out(`${file}: FAILED\n`)
          }
        }
        const shown = op === '-' ? 'standard input' : op
        if (!lines) {
          ctx.err(`${prog}: ${quoteaf(shown)}: no properly formatted ${tag} checksum lines found\n`)
          status = 1
          continue
        }
        if (!o.status) {
          if (missing) ctx.err(`${prog}: WARNING: ${missing} listed file${missing > 1 ? 's' : ''} could not be read\n`)
          if (failed) ctx.err(`${prog}: WARNING: ${failed} computed checksum${failed > 1 ? 's' : ''} did NOT match\n`)
        }
        if (failed || missing) status = 1
      }
      return status
    },
  }
}

export const md5sum = checksum('md5sum', 'MD5', md5, 128, 'RFC 1321', 'md5sum invocation')
export const sha1sum = checksum('sha1sum', 'SHA1', sha1, 160, 'FIPS-180-1', 'sha1sum invocation')
export const sha224sum = checksum('sha224sum', 'SHA224', sha224, 224, 'RFC 3874', 'sha2 utilities')
export const sha256sum = checksum('sha256sum', 'SHA256', sha256, 256, 'FIPS-180-2', 'sha2 utilities')
export const sha384sum = checksum('sha384sum', 'SHA384', sha384, 384, 'FIPS-180-2', 'sha2 utilities')
export const sha512sum = checksum('sha512sum', 'SHA512', sha512, 512, 'FIPS-180-2', 'sha2 utilities')
