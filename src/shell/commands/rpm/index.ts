// rpm 4.16 queries (RHEL 9): `-q NAME…` prints each installed package's NEVRA or `package NAME is
// not installed` (exit status = how many were missing), `-qa [PATTERN]` every installed package
// in the order they were installed, `-qf FILE…` the package owning a file (looked up as written,
// then with its directory's symbolic links resolved, so /bin/ls is /usr/bin/ls), `-ql` a package's
// files where the lab has its whole list. The database holds the packages host/packages.ts names
// (a real minimal host lists some 350) and host/pkgfiles.ts says who owns what.

import { basename, dirname, normalizePath } from '../../../host/fs.ts'
import { nevra, type Package } from '../../../host/packages.ts'
import { filesOf, isComplete, ownersOf } from '../../../host/pkgfiles.ts'
import { globRegex } from '../../text/glob.ts'
import type { CommandContext, CommandDef } from '../types.ts'

/** The installed packages owning the path as written, or else with its directory resolved. */
function ownedBy(ctx: CommandContext, path: string): Package[] {
  const abs = normalizePath('/', path)
  const installed = (names: string[]) => names.flatMap((n) => ctx.host.installed.get(n) ?? [])
  const direct = installed(ownersOf(abs))
  if (direct.length) return direct
  const dir = ctx.host.fs.resolve(dirname(abs))
  return dir.startsWith('/') ? installed(ownersOf(normalizePath(dir, basename(abs)))) : []
}

function run(ctx: CommandContext): number {
  const args = ctx.argv.slice(1)
  let query = false
  let all = false
  let file = false
  let list = false
  const operands: string[] = []
  for (const a of args) {
    if (a === '--version') {
      ctx.out('RPM version 4.16.1.3\n')
      return 0
    }
    if (a === '--query') query = true
    else if (a === '--all') all = true
    else if (a === '--file') file = true
    else if (a === '--list') list = true
    else if (/^-[a-zA-Z]+$/.test(a)) {
      for (const c of a.slice(1)) {
        if (c === 'q') query = true
        else if (c === 'a') all = true
        else if (c === 'f') file = true
        else if (c === 'l') list = true
        else {
          ctx.err(c === 'i' ? `rpm: -${c}: the package headers are not modelled in this lab (only -q, -qa, -qf, -ql)\n` : `rpm: -${c}: unknown option\n`)
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
  let missing = 0
  const show = (p: Package): void => {
    if (!list) return ctx.out(nevra(p) + '\n')
    if (!isComplete(p.name)) {
      ctx.err(`rpm: the file list of ${p.name} is not modelled in this lab\n`)
      missing++
    } else ctx.out(filesOf(p.name).join('\n') + '\n')
  }
  if (all) {
    const pats = operands.map((o) => globRegex(o))
    for (const p of installed) if (!pats.length || pats.some((re) => re.test(p.name))) show(p)
    return missing
  }
  if (!operands.length) {
    ctx.err(file ? 'rpm: no arguments given for query\n' : 'rpm: no arguments given for query\n')
    return 1
  }
  for (const name of operands) {
    if (file) {
      const path = name.startsWith('/') ? name : `${ctx.session.cwd}/${name}`
      const owners = ownedBy(ctx, path)
      if (owners.length) owners.forEach(show)
      else if (!ctx.host.fs.lstat(path)) {
        ctx.err(`error: file ${path}: No such file or directory\n`)
        missing++
      } else {
        ctx.out(`file ${path} is not owned by any package\n`)
        missing++
      }
      continue
    }
    const pkg = ctx.host.installed.get(name) ?? installed.find((p) => nevra(p) === name || `${p.name}-${p.version}` === name)
    if (pkg) show(pkg)
    else {
      ctx.out(`package ${name} is not installed\n`)
      missing++
    }
  }
  return missing
}

export const rpm: CommandDef = { name: 'rpm', path: '/usr/bin/rpm', rpm: 'rpm', summary: 'RPM package manager (queries)', completions: ['-q', '-qa', '-qf', '-ql'], run }
