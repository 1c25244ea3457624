// ls (GNU coreutils 8.32): names in columns or one per line when piped, -l long format with mode,
// links, owner, size and mtime, -a for dot entries, -d, and GNU's error text and status 2.

import type { Node } from '../../../host/fs.ts'
import type { CommandDef } from '../types.ts'
import { abs, flagsAndOperands } from '../files.ts'

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

function modeString(n: Node): string {
  const m = n.mode
  const bits = ['r', 'w', 'x', 'r', 'w', 'x', 'r', 'w', 'x'].map((c, i) => (m & (1 << (8 - i)) ? c : '-')).join('')
  let s = (n.type === 'dir' ? 'd' : '-') + bits
  if (m & 0o1000) s = s.slice(0, 9) + (m & 1 ? 't' : 'T')
  return s + '.'
}

function when(epoch: number): string {
  const d = new Date((epoch + 8 * 3600) * 1000)
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`
}

function size(n: Node): number {
  return n.type === 'dir' ? 4096 : new TextEncoder().encode(n.content).length
}

function long(entries: [string, Node][]): string {
  const rows = entries.map(([name, n]) => [modeString(n), n.type === 'dir' ? '2' : '1', 'root', 'root', String(size(n)), when(n.mtime), name])
  const w = [0, 1, 2, 3, 4].map((i) => Math.max(...rows.map((r) => r[i].length)))
  const total = entries.reduce((s, [, n]) => s + Math.ceil(size(n) / 4096) * 4, 0)
  return `total ${total}\n` + rows.map((r) => `${r[0]} ${r[1].padStart(w[1])} ${r[2].padEnd(w[2])} ${r[3].padEnd(w[3])} ${r[4].padStart(w[4])} ${r[5]} ${r[6]}\n`).join('')
}

function columns(names: string[], cols: number): string {
  if (!names.length) return ''
  for (let ncol = names.length; ncol >= 1; ncol--) {
    const rows = Math.ceil(names.length / ncol)
    const widths = Array.from({ length: ncol }, (_, c) => Math.max(0, ...names.slice(c * rows, c * rows + rows).map((n) => n.length)))
    if (widths.reduce((a, b) => a + b + 2, 0) - 2 > cols && ncol > 1) continue
    const out: string[] = []
    for (let r = 0; r < rows; r++) {
      const cells: string[] = []
      for (let c = 0; c < ncol; c++) {
        const n = names[c * rows + r]
        if (n !== undefined) cells.push(c === ncol - 1 || names[(c + 1) * rows + r] === undefined ? n : n.padEnd(widths[c] + 2))
      }
      out.push(cells.join(''))
    }
    return out.join('\n') + '\n'
  }
  return names.join('\n') + '\n'
}

export const ls: CommandDef = {
  name: 'ls',
  path: '/usr/bin/ls',
  summary: 'list directory contents',
  run(ctx) {
    const { flags, operands } = flagsAndOperands(ctx.argv.slice(1))
    const all = flags.has('a')
    const isLong = flags.has('l')
    const targets = operands.length ? operands : ['.']
    let status = 0
    const fs = ctx.host.fs
    const files: [string, Node][] = []
    const dirs: string[] = []
    for (const t of targets) {
      const n = fs.stat(abs(ctx, t))
      if (!n) {
        ctx.err(`ls: cannot access '${t}': No such file or directory\n`)
        status = 2
      } else if (n.type === 'dir' && !flags.has('d')) dirs.push(t)
      else files.push([t, n])
    }
    const render = (entries: [string, Node][]) => (isLong ? long(entries) : ctx.tty ? columns(entries.map((e) => e[0]), ctx.term?.cols ?? 80) : entries.map((e) => e[0] + '\n').join(''))
    if (files.length) ctx.out(isLong ? render(files).replace(/^total \d+\n/, '') : render(files))
    dirs.forEach((d, i) => {
      const path = abs(ctx, d)
      let names = fs.list(path) ?? []
      if (!all) names = names.filter((n) => !n.startsWith('.'))
      else names = ['.', '..', ...names]
      const entries: [string, Node][] = names.map((n) => [n, fs.stat(n === '.' ? path : n === '..' ? path.replace(/\/[^/]*$/, '') || '/' : `${path === '/' ? '' : path}/${n}`)!])
      if (targets.length > 1) ctx.out(`${files.length || i ? '\n' : ''}${d}:\n`)
      ctx.out(render(entries.filter((e) => e[1])))
    })
    return status
  },
}
