// `dnf info` (dnf 4.14 output.py infoOutput): each matching package as `Key          : value`
// lines (keys padded to 12), installed ones under `Installed Packages` with `Repository   : @System`
// and `From repo`, the others under `Available Packages`; the description is filled to the terminal width
// (80 off a terminal) by dnf's textwrap_fill (below).

import { CATALOGUE, type Package } from '../../../host/packages.ts'
import type { CommandContext } from '../types.ts'
import { formatNumber } from './format.ts'

const field = (key: string, value: string) => `${key.padEnd(12)} : ${value}\n`

/** Where a line's text starts: its leading spaces, and for a list item (`- `, `* `, `o `, `. `)
 *  the column after the bullet and its spaces (0 when the line is not one). */
function indentAtStart(line: string): [number, number] {
  const lead = line.length - line.trimStart().length
  if (!'-*.o'.includes(line[lead] ?? 'X') || line[lead + 1] !== ' ') return [lead, 0]
  let text = lead + 1
  while (line[text] === ' ') text++
  return [lead, text]
}

/**
 * dnf's textwrap_fill: a line that fits is kept as it is; one that does not is wrapped at `width`,
 * and its last partial line runs on into the next line of the text (a reflowed paragraph) unless
 * that one starts a list item, is empty, or is a block indented by four or more. Continuation lines
 * of a list item are indented to its text.
 */
function fill(text: string, width: number, first: string, next: string): string {
  const out: string[] = []
  let indent = first
  let wrapLast = false
  let sab = 0
  let spcIndent = 0
  for (let line of text.replace(/\n+$/, '').replace(/\t/g, ' '.repeat(8)).split('\n')) {
    line = line.replace(/ +$/, '')
    const [lastSab, lastSpc] = [sab, spcIndent]
    ;[sab, spcIndent] = indentAtStart(line)
    const force = wrapLast && (spcIndent > 0 || sab === line.length || (!lastSpc && sab >= 4 && sab !== lastSab))
    if (force) {
      out.push(indent.replace(/ +$/, ''))
      indent = next
      wrapLast = false
    }
    if (sab === line.length) line = ''
    if (wrapLast) {
      line = line.trimStart()
      spcIndent = lastSpc
    }
    if ((indent + line).length <= width) {
      wrapLast = false
      out.push(indent + line)
      indent = next
      continue
    }
    wrapLast = true
    let cur = indent
    const spcs = !spcIndent && sab >= 4 ? sab : spcIndent
    for (const word of line.split(' ')) {
      if (width < (cur + word).length && cur.length > next.length) {
        out.push(cur.replace(/ +$/, ''))
        cur = next + ' '.repeat(spcs)
      }
      cur += word + ' '
    }
    indent = cur.replace(/ +$/, '') + ' '
  }
  if (wrapLast) out.push(indent.replace(/ +$/, ''))
  return out.join('\n') + '\n'
}

function block(p: Package, info: NonNullable<Package['info']>, installed: boolean, cols: number): string {
  const [version, release] = [p.version.slice(0, p.version.lastIndexOf('-')), p.version.slice(p.version.lastIndexOf('-') + 1)]
  let out = field('Name', p.name)
  if (p.epoch) out += field('Epoch', String(p.epoch))
  out += field('Version', version) + field('Release', release) + field('Architecture', p.arch)
  out += field('Size', formatNumber(installed ? p.installedSize : p.size))
  out += field('Source', `${info.source ?? p.name}-${p.version}.src.rpm`)
  out += installed ? field('Repository', '@System') + field('From repo', p.repo) : field('Repository', p.repo)
  out += field('Summary', p.summary) + field('URL', info.url) + field('License', info.license)
  return out + fill(info.description, cols, `${'Description'.padEnd(12)} : `, `${' '.repeat(12)} : `) + '\n'
}

export function info(ctx: CommandContext, names: string[], metadata: string): number {
  ctx.err(metadata)
  const cols = ctx.term?.cols ?? 80
  const installed: Package[] = []
  const available: Package[] = []
  for (const name of names.length ? names : [...ctx.host.installed.keys()]) {
    const have = ctx.host.installed.get(name)
    if (have) installed.push(have)
    else {
      const p = CATALOGUE.find((c) => c.name === name)
      if (p) available.push(p)
    }
  }
  const missing = [...installed, ...available].filter((p) => !p.info)
  if (missing.length) {
    ctx.err(`dnf info: the package headers of ${missing.map((p) => p.name).join(', ')} are not modelled in this lab\n`)
    return 1
  }
  if (!installed.length && !available.length) {
    ctx.err('Error: No matching Packages to list\n')
    return 1
  }
  if (installed.length) ctx.out('Installed Packages\n' + installed.map((p) => block(p, p.info!, true, cols)).join(''))
  if (available.length) ctx.out('Available Packages\n' + available.map((p) => block(p, p.info!, false, cols)).join(''))
  return 0
}
