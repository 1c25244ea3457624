// rpm 4.16 queries (RHEL 9): `-q NAME…` prints each installed package's NEVRA or `package NAME is
// not installed` (exit status = how many were missing), `-qa [PATTERN]` every installed package
// in the order they were installed, `-qf FILE…` the package owning a file. The rpm database holds
// only the packages the lab models (a real minimal host lists some four hundred).

import { nevra } from '../../../host/packages.ts'
import { ownerOf } from '../../../host/pkgfiles.ts'
import { globRegex } from '../../text/glob.ts'
import type { CommandContext, CommandDef } from '../types.ts'

function run(ctx: CommandContext): number {
  const args = ctx.argv.slice(1)
  let query = false
  let all = false
  let file = false
  const operands: string[] = []
  for (const a of args) {
    if (a === '--version') {
      ctx.out('RPM version 4.16.1.3\n')
      return 0
    }
    if (a === '--query') query = true
    else if (a === '--all') all = true
    else if (a === '--file') file = true
    else if (/^-[a-zA-Z]+$/.test(a)) {
      for (const c of a.slice(1)) {
        if (c === 'q') query = true
        else if (c === 'a') all = true
        else if (c === 'f') file = true
        else {
          ctx.err(c === 'i' || c === 'l' ? `rpm: -${c}: the package headers are not modelled in this lab (only -q, -qa, -qf)\n` : `rpm: -${c}: unknown option\n`)
          return 1
        }
      }
    } else if (a.startsWith('-')) {
      ctx.err(`rpm: ${a}: unknown option\n`)
      return 1
    } else operands.push(a)
  }
  if (!query) {
    ctx.err('rpm: no operation specified\n')
    return 1
  }
  const installed = [...ctx.host.installed.values()]
  if (all) {
    const pats = operands.map((o) => globRegex(o))
    for (const p of installed) if (!pats.length || pats.some((re) => re.test(p.name))) ctx.out(nevra(p) + '\n')
    return 0
  }
  if (!operands.length) {
    ctx.err(file ? 'rpm: no arguments given for query\n' : 'rpm: no arguments given for query\n')
    return 1
  }
  let missing = 0
  for (const name of operands) {
    if (file) {
      const path = name.startsWith('/') ? name : `${ctx.session.cwd}/${name}`
      const owner = ownerOf(path)
      const pkg = owner ? ctx.host.installed.get(owner) : undefined
      if (pkg) ctx.out(nevra(pkg) + '\n')
      else if (!ctx.host.fs.exists(path)) {
        ctx.err(`error: file ${path}: No such file or directory\n`)
        missing++
      } else {
        ctx.out(`file ${path} is not owned by any package\n`)
        missing++
      }
      continue
    }
    const pkg = ctx.host.installed.get(name) ?? installed.find((p) => nevra(p) === name || `${p.name}-${p.version}` === name)
    if (pkg) ctx.out(nevra(pkg) + '\n')
    else {
      ctx.out(`package ${name} is not installed\n`)
      missing++
    }
  }
  return missing
}

export const rpm: CommandDef = { name: 'rpm', path: '/usr/bin/rpm', rpm: 'rpm', summary: 'RPM package manager (queries)', completions: ['-q', '-qa', '-qf'], run }
