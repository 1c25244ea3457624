// `dnf provides` (dnf 4.14 commands/__init__.py ProvidesCommand, output.py matchcallback): every
// package, installed (`Repo        : @System`) and in a repository, that provides the name (its
// own name with its version, or an explicit Provides:) or owns the file; a bare word is also tried
// as */bin/WORD and */sbin/WORD. Each match block ends with a blank line.

import { CATALOGUE, evr, nevra, type Package } from '../../../host/packages.ts'
import { filesOf } from '../../../host/pkgfiles.ts'
import type { CommandContext } from '../types.ts'

interface Match {
  pkg: Package
  repo: string
  what: string
}

function matchesFor(pkg: Package, term: string): string | null {
  if (pkg.name === term) return `Provide    : ${pkg.name} = ${evr(pkg).replace(/^\d+:/, (e) => e)}`
  if (pkg.provides?.includes(term)) return `Provide    : ${term}`
  const files = filesOf(pkg.name)
  const path = term.startsWith('/') ? files.find((f) => f === term.replace(/^\/(s?bin)\//, '/usr/$1/')) : files.find((f) => f === `/usr/bin/${term}` || f === `/usr/sbin/${term}`)
  return path ? `Filename    : ${path}` : null
}

export function provides(ctx: CommandContext, terms: string[], metadata: string): number {
  ctx.err(metadata)
  const found: Match[] = []
  for (const term of terms) {
    for (const p of ctx.host.installed.values()) {
      const what = matchesFor(p, term)
      if (what) found.push({ pkg: p, repo: '@System', what })
    }
    for (const p of CATALOGUE) {
      const what = matchesFor(p, term)
      if (what) found.push({ pkg: p, repo: p.repo, what })
    }
  }
  if (!found.length) {
    ctx.err('Error: No matches found. If searching for a file, try specifying the full path or using a wildcard prefix ("*/") at the beginning.\n')
    return 1
  }
  for (const m of found) ctx.out(`${nevra(m.pkg, true)} : ${m.pkg.summary}\nRepo        : ${m.repo}\nMatched from:\n${m.what}\n\n`)
  return 0
}
