// dnf 4.14's layouts (rhel9-system.md §2): format_number, the transaction table whose spare width
// is shared equally with the remainder given to Version, download lines, rpm transaction lines and
// the Installed:/Removed: column list.

import { evr, nevra, type Package } from '../../../host/packages.ts'

export function formatNumber(n: number): string {
  const symbols = [' ', 'k', 'M', 'G']
  let depth = 0
  let v = n
  while (v > 999 && depth < symbols.length - 1) {
    depth++
    v /= 1024
  }
  if (depth === 0 && Number.isInteger(v)) return `${v} ${symbols[0]}`
  return v < 9.95 ? `${v.toFixed(1)} ${symbols[depth]}` : `${Math.round(v)} ${symbols[depth]}`
}

export function rule(cols: number, ch = '='): string {
  return ch.repeat(cols)
}

export interface Section {
  title: string
  pkgs: Package[]
  /** `@appstream` for installed packages, `appstream` for repository ones. */
  installed: boolean
}

export function transactionTable(sections: Section[], cols: number, sizeOf: (p: Package) => number): string[] {
  const all = sections.flatMap((s) => s.pkgs.map((p) => ({ p, repo: s.installed ? `@${p.repo}` : p.repo })))
  const content = [Math.max(...all.map((x) => x.p.name.length)), Math.max(...all.map((x) => x.p.arch.length)), Math.max(...all.map((x) => evr(x.p).length)), Math.max(...all.map((x) => x.repo.length))]
  const avail = cols - 11
  const spare = Math.max(0, avail - content.reduce((a, b) => a + b, 0))
  const share = Math.floor(spare / 4)
  const w = content.map((c, i) => c + share + (i === 2 ? spare - share * 4 : 0))
  const head = ` ${'Package'.padEnd(w[0])} ${(w[1] >= 12 ? 'Architecture' : 'Arch').padEnd(w[1])} ${'Version'.padEnd(w[2])} ${(w[3] >= 10 ? 'Repository' : 'Repo').padEnd(w[3])} ${'Size'.padStart(5)}`
  const out = [rule(cols), head, rule(cols)]
  for (const s of sections) {
    if (!s.pkgs.length) continue
    out.push(s.title)
    for (const p of [...s.pkgs].sort((a, b) => a.name.localeCompare(b.name))) {
      const repo = s.installed ? `@${p.repo}` : p.repo
      out.push(` ${p.name.padEnd(w[0])} ${p.arch.padEnd(w[1])} ${evr(p).padEnd(w[2])} ${repo.padEnd(w[3])} ${formatNumber(sizeOf(p)).padStart(5)}`)
    }
  }
  return out
}

export function rpmLine(action: string, what: string, i: number, n: number, cols: number): string {
  const digits = String(n).length
  const width = cols - (2 * digits + 27) + 1
  return `  ${action.padEnd(17)}: ${what.padEnd(width)}   ${`${i}/${n}`.padStart(2 * digits + 1)} `
}

export function downloadLine(name: string, size: number, cols: number, prefix: string): string {
  const field = (prefix + name).slice(0, cols - 33).padEnd(cols - 33)
  const rate = formatNumber(size * 7)
  return `${field} ${rate.padStart(5)}B/s | ${formatNumber(size).padStart(5)}B ${'00:00'.padStart(9)}    `
}

/** The `Installed:` list: as many columns (8..2) as fit, one blank between, spare width shared equally. */
export function columns(items: string[], cols: number): string[] {
  const width = cols - 2
  for (let n = Math.min(8, items.length); n >= 1; n--) {
    const rows = Math.ceil(items.length / n)
    const w = Array.from({ length: n }, (_, c) => Math.max(0, ...items.filter((_x, i) => i % n === c).map((s) => s.length)))
    const sum = w.reduce((a, b) => a + b, 0) + (n - 1)
    if (sum > width && n > 1) continue
    const extra = Math.floor((width - sum) / n)
    const out: string[] = []
    for (let r = 0; r < rows; r++) {
      out.push('  ' + items.slice(r * n, r * n + n).map((s, c) => s.padEnd(w[c] + extra)).join(' '))
    }
    return out
  }
  return items.map((s) => '  ' + s)
}

export function installedNames(pkgs: Package[]): string[] {
  return [...pkgs].sort((a, b) => a.name.localeCompare(b.name)).map((p) => nevra(p, true))
}
