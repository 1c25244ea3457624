// df (GNU coreutils 8.32): the lab VM's mounted file systems (sysinfo/machine.ts) in 1K blocks,
// -h powers of 1024, -H of 1000, -T with their types, -t/-x to choose types; FILE operands
// show the file system holding each one.

import { coreutilsFooter, coreutilsVersion, defineArgs, parseArgs } from '../../args/index.ts'
import { abs, quoteaf } from '../files.ts'
import { mounts, type Mount } from '../sysinfo/machine.ts'
import type { CommandDef } from '../types.ts'

const ARGS = defineArgs({
  usageStatus: 1,
  options: {
    all: { short: 'a', long: 'all', help: 'include pseudo, duplicate, inaccessible file systems' },
    blockSize: { short: 'B', long: 'block-size', arg: 'required', argName: 'SIZE', column: 25, help: "scale sizes by SIZE before printing them; e.g.,\n  '-BM' prints sizes in units of 1,048,576 bytes;\n  see SIZE format below", unsimulated: true },
    human: { short: 'h', long: 'human-readable', help: 'print sizes in powers of 1024 (e.g., 1023M)' },
    si: { short: 'H', long: 'si', help: 'print sizes in powers of 1000 (e.g., 1.1G)' },
    inodes: { short: 'i', long: 'inodes', help: 'list inode information instead of block usage', unsimulated: true },
    k: { short: 'k', help: 'like --block-size=1K' },
    local: { short: 'l', long: 'local', help: 'limit listing to local file systems' },
    // The lab's file systems have nothing to flush: syncing first or not changes no figure.
    noSync: { long: 'no-sync', help: 'do not invoke sync before getting usage info (default)' },
    output: { long: 'output', arg: 'optional', argName: 'FIELD_LIST', column: 29, help: 'use the output format defined by FIELD_LIST,\n  or print all fields if FIELD_LIST is omitted.', unsimulated: true },
    portability: { short: 'P', long: 'portability', help: 'use the POSIX output format' },
    sync: { long: 'sync', help: 'invoke sync before getting usage info' },
    total: { long: 'total', help: 'elide all entries insignificant to available space,\n  and produce a grand total', unsimulated: true },
    type: { short: 't', long: 'type', arg: 'required', argName: 'TYPE', list: true, help: 'limit listing to file systems of type TYPE' },
    printType: { short: 'T', long: 'print-type', help: 'print file system type' },
    exclude: { short: 'x', long: 'exclude-type', arg: 'required', argName: 'TYPE', list: true, column: 28, help: 'limit listing to file systems not of type TYPE' },
    v: { short: 'v', help: '(ignored)' },
  },
  help: {
    usage: ['Usage: %s [OPTION]... [FILE]...'],
    intro: 'Show information about the file system on which each FILE resides,\nor all file systems by default.\n\nMandatory arguments to long options are mandatory for short options too.\n',
    column: 24,
    outro: "\nDisplay values are in units of the first available SIZE from --block-size,\nand the DF_BLOCK_SIZE, BLOCK_SIZE and BLOCKSIZE environment variables.\nOtherwise, units default to 1024 bytes (or 512 if POSIXLY_CORRECT is set).\n\nThe SIZE argument is an integer and optional unit (example: 10K is 10*1024).\nUnits are K,M,G,T,P,E,Z,Y (powers of 1024) or KB,MB,... (powers of 1000).\nBinary prefixes can be used, too: KiB=K, MiB=M, and so on.\n\nFIELD_LIST is a comma-separated list of columns to be included.  Valid\nfield names are: 'source', 'fstype', 'itotal', 'iused', 'iavail', 'ipcent',\n'size', 'used', 'avail', 'pcent', 'file' and 'target' (see info page).\n" + coreutilsFooter('df'),
  },
  version: coreutilsVersion('df', 'Torbjorn Granlund, David MacKenzie, and Paul Eggert'),
})

/** df -h: one decimal below 10, rounded up, as df's human_ceiling does. */
function human(kb: number, base: number): string {
  if (kb === 0) return '0'
  let v = kb * 1024
  const units = ['', 'K', 'M', 'G', 'T', 'P']
  let i = 0
  while (v >= base && i < units.length - 1) {
    v /= base
    i++
  }
  const s = v < 10 && i > 0 ? (Math.ceil(v * 10) / 10).toFixed(1) : String(Math.ceil(v))
  return s + units[i]
}

export const df: CommandDef = {
  name: 'df',
  path: '/usr/bin/df',
  rpm: 'coreutils',
  summary: 'report file system disk space usage',
  args: ARGS,
  run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    const o = a.opts
    const prog = ctx.argv[0]
    let list = mounts(ctx.host).filter((m) => (!o.type.length || o.type.includes(m.type)) && !o.exclude.includes(m.type))
    let status = 0
    if (a.operands.length) {
      const picked: Mount[] = []
      for (const op of a.operands) {
        const path = abs(ctx, op)
        if (!ctx.host.fs.exists(path)) {
          ctx.err(`${prog}: ${quoteaf(op)}: No such file or directory\n`)
          status = 1
          continue
        }
        const m = [...list].sort((x, y) => y.mount.length - x.mount.length).find((x) => path === x.mount || path.startsWith(x.mount === '/' ? '/' : x.mount + '/'))
        if (m) picked.push(m)
      }
      list = picked
    }
    if (!list.length) {
      if (!status) ctx.err(`${prog}: no file systems processed\n`)
      return 1
    }
    const size = (kb: number) => (o.human ? human(kb, 1024) : o.si ? human(kb, 1000) : String(kb))
    const header = ['Filesystem', ...(o.printType ? ['Type'] : []), o.human || o.si ? 'Size' : '1K-blocks', 'Used', o.human || o.si ? 'Avail' : 'Available', 'Use%', 'Mounted on']
    const rows = list.map((m) => [m.fs, ...(o.printType ? [m.type] : []), size(m.kb), size(m.used), size(m.kb - m.used), m.used ? `${Math.ceil((m.used * 100) / m.kb)}%` : '0%', m.mount])
    const all = [header, ...rows]
    const typed = o.printType ? 1 : 0
    // df gives the size columns at least five places, whatever their header.
    const widths = header.map((_, i) => Math.max(i > typed && i < header.length - 2 ? 5 : 0, ...all.map((r) => r[i].length)))
    for (const r of all) ctx.out(r.map((c, i) => (i === r.length - 1 ? c : i <= typed ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' ') + '\n')
    return status
  },
}
