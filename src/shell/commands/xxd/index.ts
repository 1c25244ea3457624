// xxd (vim-common 8.2 on RHEL 9): a hex dump, `00000000: 6865 6c6c  hello` with -c bytes per
// line and -g bytes per group, -p plain hex, -i a C array, -u upper case, -l/-s length and start,
// -r to turn a (plain, -p) dump back into bytes. xxd reads its own options, not getopt's: a name
// may be spelled out (`-cols 8`, `-postscript`) and a value glued (`-c8`); an unknown option
// prints the usage and exits 1.

import { fromBytes, toBytes } from '../../text/lines.ts'
import { abs, errText, readInput } from '../files.ts'
import type { CommandDef } from '../types.ts'

/** exit_with_usage() of vim 8.2.2637's xxd.c, on stderr with status 1 (recorded from 8.2.2434's,
 *  the same text: tests/fixtures/cases/usage.ts says why). */
const USAGE = `Usage:
       %s [options] [infile [outfile]]
    or
       %s -r [-s [-]offset] [-c cols] [-ps] [infile [outfile]]
Options:
    -a          toggle autoskip: A single '*' replaces nul-lines. Default off.
    -b          binary digit dump (incompatible with -ps,-i,-r). Default hex.
    -C          capitalize variable names in C include file style (-i).
    -c cols     format <cols> octets per line. Default 16 (-i: 12, -ps: 30).
    -E          show characters in EBCDIC. Default ASCII.
    -e          little-endian dump (incompatible with -ps,-i,-r).
    -g          number of octets per group in normal output. Default 2 (-e: 4).
    -h          print this summary.
    -i          output in C include file style.
    -l len      stop after <len> octets.
    -o off      add <off> to the displayed file position.
    -ps         output in postscript plain hexdump style.
    -r          reverse operation: convert (or patch) hexdump into binary.
    -r -s off   revert with <off> added to file positions found in hexdump.
    -d          show offset in decimal instead of hex.
    -s [+][-]seek  start at <seek> bytes abs. (or +: rel.) infile offset.
    -u          use upper case hex letters.
    -v          show version: "xxd V1.10 27oct98 by Juergen Weigert".
`

/** Option names as xxd matches them: any spelling that starts with the key (`-p`, `-ps`, `-plain`). */
const FLAGS: [RegExp, string][] = [
  [/^-(p|ps|postscript|plain)$/, 'plain'],
  [/^-(i|include)$/, 'include'],
  [/^-(u|uppercase)$/, 'upper'],
  [/^-(r|revert)$/, 'revert'],
  [/^-(b|bits)$/, 'bits'],
  [/^-(a|autoskip)$/, 'autoskip'],
  // xxd compares only the first two characters of these: `-hx` is -h, `-verbose` is -v.
  [/^-h/, 'help'],
  [/^-v/, 'version'],
]
/** Options xxd has that the lab does not model: -C, -E, -e, -d. */
const UNSIMULATED = /^-(C|E|e|d)/

const VALUED: [RegExp, string][] = [
  [/^-(c|cols)(.*)$/, 'cols'],
  [/^-(g|groupsize)(.*)$/, 'group'],
  [/^-(l|len)(.*)$/, 'len'],
  [/^-(s|seek)(.*)$/, 'seek'],
  [/^-(o)(.*)$/, 'offset'],
]

export const xxd: CommandDef = {
  name: 'xxd',
  path: '/usr/bin/xxd',
  rpm: 'vim-common',
  summary: 'make a hex dump or do the reverse',
  completions: ['-p', '-i', '-u', '-r', '-b', '-a', '-c', '-g', '-l', '-s', '-o', '-h', '-v'],
  *run(ctx) {
    const prog = ctx.argv[0]
    const flags = new Set<string>()
    const vals = new Map<string, number>()
    const files: string[] = []
    const args = ctx.argv.slice(1)
    for (let i = 0; i < args.length; i++) {
      // A word starting with `--` and more is read without its first dash (`--help` is -help).
      const w = args[i].length > 2 && args[i].startsWith('--') ? args[i].slice(1) : args[i]
      if (!w.startsWith('-') || w === '-' || files.length) {
        files.push(args[i])
        continue
      }
      if (UNSIMULATED.test(w)) {
        ctx.err(`${prog}: option '${args[i]}' is not simulated in LVS Lab\n`)
        return 1
      }
      const f = FLAGS.find(([re]) => re.test(w))
      if (f) {
        flags.add(f[1])
        continue
      }
      const v = VALUED.map(([re, k]) => [re.exec(w), k] as const).find(([m]) => m)
      if (v && v[0]) {
        const raw = v[0][2] || args[++i]
        if (raw === undefined || !/^[+-]?(0x[0-9a-f]+|\d+)$/i.test(raw)) {
          ctx.err(USAGE.replaceAll('%s', prog))
          return 1
        }
        vals.set(v[1], Number(raw.replace(/^\+/, '')))
        continue
      }
      ctx.err(USAGE.replaceAll('%s', prog))
      return 1
    }
    if (flags.has('help')) {
      ctx.err(USAGE.replaceAll('%s', prog))
      return 1
    }
    // RHEL 9's 8.2.2637 predates the October 2021 version string ("xxd 2021-10-22 ...").
    if (flags.has('version')) {
      ctx.err('xxd V1.10 27oct98 by Juergen Weigert\n')
      return 0
    }
    const [inName = '-', outName] = files
    const text = yield* readInput(ctx, inName)
    if (typeof text !== 'string') {
      ctx.err(`${prog}: ${inName}: ${errText(text.error)}\n`)
      return 2
    }
    let out = ''
    if (flags.has('revert')) {
      const hex = flags.has('plain') ? text.replace(/[^0-9a-fA-F]/g, '') : text.split('\n').map((l) => l.replace(/^[0-9a-fA-F]+:\s?/, '').split(/  /)[0].replace(/[^0-9a-fA-F]/g, '')).join('')
      const bytes = new Uint8Array(Math.floor(hex.length / 2))
      for (let k = 0; k < bytes.length; k++) bytes[k] = parseInt(hex.slice(2 * k, 2 * k + 2), 16)
      out = fromBytes(bytes)
    } else {
      let bytes = toBytes(text)
      const seek = vals.get('seek') ?? 0
      bytes = bytes.slice(seek < 0 ? Math.max(0, bytes.length + seek) : seek)
      if (vals.has('len')) bytes = bytes.slice(0, vals.get('len'))
      const h = (b: number) => b.toString(16).padStart(2, '0')
      const hx = flags.has('upper') ? (b: number) => h(b).toUpperCase() : h
      if (flags.has('plain')) {
        const cols = vals.get('cols') || 30
        for (let k = 0; k < bytes.length; k += cols) out += [...bytes.slice(k, k + cols)].map(hx).join('') + '\n'
      } else if (flags.has('include')) {
        const cols = vals.get('cols') || 12
        const name = inName === '-' ? '' : inName.replace(/[^A-Za-z0-9]/g, '_').replace(/^(\d)/, '__$1')
        const rows: string[] = []
        for (let k = 0; k < bytes.length; k += cols) rows.push('  ' + [...bytes.slice(k, k + cols)].map((b) => `0x${hx(b)}`).join(', '))
        out = name ? `unsigned char ${name}[] = {\n${rows.join(',\n')}\n};\nunsigned int ${name}_len = ${bytes.length};\n` : rows.join(',\n') + '\n'
      } else {
        const cols = vals.get('cols') || (flags.has('bits') ? 6 : 16)
        const group = vals.get('group') ?? (flags.has('bits') ? 1 : 2)
        const cell = (b: number) => (flags.has('bits') ? b.toString(2).padStart(8, '0') : hx(b))
        const width = (flags.has('bits') ? 8 : 2) * cols + (group ? Math.ceil(cols / group) : 0)
        const base = seek > 0 ? seek : 0
        for (let k = 0; k < bytes.length; k += cols) {
          const chunk = [...bytes.slice(k, k + cols)]
          let hexPart = ''
          chunk.forEach((b, j) => (hexPart += cell(b) + (group && (j + 1) % group === 0 ? ' ' : '')))
          const ascii = chunk.map((b) => (b >= 32 && b < 127 ? String.fromCharCode(b) : '.')).join('')
          out += `${(base + (vals.get('offset') ?? 0) + k).toString(16).padStart(8, '0')}: ${hexPart.padEnd(width)} ${ascii}\n`
        }
      }
    }
    if (outName !== undefined && outName !== '-') {
      const e = ctx.host.fs.write(abs(ctx, outName), out)
      if (e) {
        ctx.err(`${prog}: ${outName}: ${errText(e)}\n`)
        return 3
      }
      return 0
    }
    ctx.out(out)
    return 0
  },
}
