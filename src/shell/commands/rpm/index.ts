// rpm 4.16 queries (RHEL 9): `-q NAME…` prints each installed package's NEVRA or `package NAME is
// not installed` (exit status = how many were missing), `-qa [PATTERN]` every installed package in
// the order they were installed (`--last`: newest first, with the date), `-qf FILE…` the package
// owning a file (looked up as written, then with its directory's symbolic links resolved, so
// /bin/ls is /usr/bin/ls), `-ql`/`-qc`/`-qd`/`-qs` a package's files where the lab has its whole
// list, `-qi` the header rpmpopt's --info alias prints where the lab has the real one, and
// `--queryformat`. The database holds the packages host/packages.ts names (a real minimal host
// lists some 350), host/pkgfiles.ts says who owns what, host/rpmheaders.ts holds the headers.
// Installing, erasing and verifying are refused: dnf installs here, and the lab keeps no digests.

import { basename, dirname, normalizePath } from '../../../host/fs.ts'
import { nevra, type Package } from '../../../host/packages.ts'
import { filesOf, flaggedFiles, isComplete, ownersOf } from '../../../host/pkgfiles.ts'
import { HEADERS, QUERY_TAGS } from '../../../host/rpmheaders.ts'
import { strftime } from '../../text/date.ts'
import { globRegex } from '../../text/glob.ts'
import type { CommandContext, CommandDef } from '../types.ts'
import { RPM_HELP, RPM_USAGE } from './help.ts'
import { parseRpm, type RpmArgs } from './options.ts'
import { FormatError, queryformat, type TagValue } from './qf.ts'

/** The installed packages owning the path as written, or else with its directory resolved. */
function ownedBy(ctx: CommandContext, path: string): Package[] {
  const abs = normalizePath('/', path)
  const installed = (names: string[]) => names.flatMap((n) => ctx.host.installed.get(n) ?? [])
  const direct = installed(ownersOf(abs))
  if (direct.length) return direct
  const dir = ctx.host.fs.resolve(dirname(abs))
  return dir.startsWith('/') ? installed(ownersOf(normalizePath(dir, basename(abs)))) : []
}

const installTime = (ctx: CommandContext, p: Package) => ctx.host.installedAt.get(p.name) ?? ctx.host.fs.lstat('/')?.mtime ?? 0

/** `httpd`'s version field is `2.4.57-5.el9`: VERSION and RELEASE are its halves. */
function versionRelease(p: Package): [string, string] {
  const dash = p.version.lastIndexOf('-')
  return [p.version.slice(0, dash), p.version.slice(dash + 1)]
}

/** A tag's value, or a FormatError naming what the lab does not hold. */
function tagValue(ctx: CommandContext, p: Package, name: string): TagValue {
  const [version, release] = versionRelease(p)
  const h = HEADERS.get(p.name)
  const epoch = p.epoch ? `${p.epoch}:` : ''
  switch (name) {
    case 'NAME': return p.name
    case 'VERSION': return version
    case 'RELEASE': return release
    case 'EPOCH': return p.epoch ?? null
    case 'EPOCHNUM': return p.epoch ?? 0
    case 'ARCH': return p.arch
    case 'NVRA': return nevra(p)
    case 'NEVRA': return `${p.name}-${epoch}${p.version}.${p.arch}`
    case 'NVR': return `${p.name}-${p.version}`
    case 'NEVR': return `${p.name}-${epoch}${p.version}`
    case 'SUMMARY': return p.summary
    case 'INSTALLTIME': return installTime(ctx, p)
  }
  if (h) {
    switch (name) {
      case 'GROUP': return h.group
      case 'SIZE':
      case 'LONGSIZE':
        return h.size
      case 'LICENSE': return h.license
      case 'SOURCERPM': return h.sourceRpm
      case 'BUILDTIME': return h.buildTime
      case 'BUILDHOST': return h.buildHost
      case 'PACKAGER': return h.packager
      case 'VENDOR': return h.vendor
      case 'URL': return h.url
      case 'DESCRIPTION': return h.description
    }
  }
  throw new FormatError(`the ${name} tag of ${nevra(p)} is not in this lab${h ? '' : ' (its header is not: no published rpm -qi of this build was found)'}`)
}

/** rpmpopt's --info alias, as rpm 4.16 prints it (Epoch, DistTag, Relocations, Bug URL only when set). */
function info(ctx: CommandContext, p: Package): string | null {
  const h = HEADERS.get(p.name)
  if (!h) return null
  const [version, release] = versionRelease(p)
  const date = (t: number) => strftime('%c', t)
  const sig = h.signature ? `${h.signature.algorithm}, ${date(h.signature.time)}, Key ID ${h.signature.keyId}` : '(none)'
  return [
    `Name        : ${p.name}`,
    ...(p.epoch ? [`Epoch       : ${p.epoch}`] : []),
    `Version     : ${version}`,
    `Release     : ${release}`,
    `Architecture: ${p.arch}`,
    `Install Date: ${date(installTime(ctx, p))}`,
    `Group       : ${h.group}`,
    `Size        : ${h.size}`,
    `License     : ${h.license}`,
    `Signature   : ${sig}`,
    `Source RPM  : ${h.sourceRpm}`,
    `Build Date  : ${date(h.buildTime)}`,
    `Build Host  : ${h.buildHost}`,
    `Packager    : ${h.packager}`,
    `Vendor      : ${h.vendor}`,
    `URL         : ${h.url}`,
    `Summary     : ${p.summary}`,
    'Description :',
    h.description,
  ].join('\n') + '\n'
}

const wantsFiles = (a: RpmArgs) => a.list || a.config || a.doc || a.state

/** One package's query output; false when part of it is not in the lab (a failure, as rpm counts). */
function show(ctx: CommandContext, a: RpmArgs, p: Package): boolean {
  let ok = true
  if (a.queryformat !== null) {
    try {
      ctx.out(queryformat(a.queryformat, (name) => tagValue(ctx, p, name)))
    } catch (e) {
      if (!(e instanceof FormatError)) throw e
      if (e.message.startsWith('incorrect format')) ctx.err(`error: ${e.message}\n`)
      else {
        ctx.err(`rpm: ${e.message}\n`)
        ok = false
      }
    }
  } else if (a.info) {
    const text = info(ctx, p)
    if (text) ctx.out(text)
    else {
      ctx.err(`rpm: the header of ${nevra(p)} is not in this lab: no published rpm -qi of this build was found (rpm -q, -ql and --queryformat's NAME, VERSION, RELEASE, ARCH, SUMMARY work)\n`)
      ok = false
    }
  } else if (!wantsFiles(a)) ctx.out(nevra(p) + '\n')
  if (!wantsFiles(a)) return ok
  if (!isComplete(p.name)) {
    ctx.err(`rpm: the file list of ${nevra(p)} is not in this lab (only ipvsadm's is)\n`)
    return false
  }
  // -c and -d together select either kind; -l alone every file (lib/query.c showQueryPackage).
  let files = filesOf(p.name)
  if (a.config || a.doc) {
    const picked = new Set([...(a.config ? flaggedFiles(p.name, 'config') : []), ...(a.doc ? flaggedFiles(p.name, 'doc') : [])])
    files = files.filter((f) => picked.has(f))
  }
  for (const f of files) ctx.out(a.state ? `${'normal'.padEnd(14)}${f}\n` : `${f}\n`)
  return ok
}

function query(ctx: CommandContext, a: RpmArgs): number {
  const installed = [...ctx.host.installed.values()]
  if (a.all) {
    const pats = a.operands.map((o) => globRegex(o))
    const list = installed.filter((p) => !pats.length || pats.some((re) => re.test(p.name)))
    if (a.last && a.queryformat === null && !a.info && !wantsFiles(a)) return last(ctx, list)
    return list.filter((p) => !show(ctx, a, p)).length
  }
  if (!a.operands.length) {
    ctx.err('rpm: no arguments given for query\n')
    return 1
  }
  let missing = 0
  for (const name of a.operands) {
    if (a.file) {
      const path = name.startsWith('/') ? name : `${ctx.session.cwd}/${name}`
      const owners = ownedBy(ctx, path)
      if (owners.length) owners.forEach((p) => show(ctx, a, p) || missing++)
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
    if (!pkg) {
      ctx.out(`package ${name} is not installed\n`)
      missing++
    } else if (!show(ctx, a, pkg)) missing++
  }
  return missing
}

/**
 * rpmpopt's --last: `%{INSTALLTIME} %{NVRA} %{INSTALLTIME:date}` piped through `sort -r -n`, the
 * time dropped, and the name padded to 45 (`%-45s %-s`). Packages installed in the same second
 * come in reverse byte order of their names, as sort's last-resort comparison leaves them.
 */
function last(ctx: CommandContext, list: Package[]): number {
  const rows = list.map((p) => ({ t: installTime(ctx, p), n: nevra(p) }))
  rows.sort((x, y) => y.t - x.t || (x.n < y.n ? 1 : x.n > y.n ? -1 : 0))
  for (const r of rows) ctx.out(`${r.n.padEnd(45)} ${strftime('%c', r.t)}\n`)
  return 0
}

function run(ctx: CommandContext): number {
  const parsed = parseRpm(ctx.argv.slice(1))
  if (!parsed.ok) {
    ctx.err(parsed.text)
    return 1
  }
  const a = parsed.args
  switch (a.mode) {
    case 'help':
      ctx.out(RPM_HELP)
      return 0
    case 'version':
      ctx.out('RPM version 4.16.1.3\n')
      return 0
    case 'querytags':
      ctx.out([...QUERY_TAGS].join('\n') + '\n')
      return 0
    case 'query':
      return query(ctx, a)
    case 'verify': {
      if (!a.operands.length && !a.all) {
        ctx.err('rpm: no arguments given for verify\n')
        return 1
      }
      const missing = a.operands.filter((n) => !ctx.host.installed.has(n))
      for (const n of missing) ctx.out(`package ${n} is not installed\n`)
      if (missing.length === a.operands.length && !a.all) return missing.length
      ctx.err("rpm: verifying files against the package's digests is not modelled in this lab (it keeps no digests, sizes or modes from the RPMs)\n")
      return 1
    }
    case 'install':
    case 'erase':
      if (!a.operands.length) {
        ctx.err(`rpm: no packages given for ${a.mode}\n`)
        return 1
      }
      ctx.err(`rpm: ${a.mode === 'install' ? 'installing packages from .rpm files' : 'erasing packages'} with rpm is not modelled in this lab; dnf ${a.mode === 'install' ? 'install' : 'remove'} is\n`)
      return 1
    default:
      ctx.err(RPM_USAGE)
      return 1
  }
}

export const rpm: CommandDef = { name: 'rpm', path: '/usr/bin/rpm', rpm: 'rpm', summary: 'RPM package manager (queries)', completions: ['-q', '-qa', '-qf', '-ql', '-qi', '-qc', '-qd', '--queryformat', '--last'], run }
