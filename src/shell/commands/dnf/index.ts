// dnf / yum 4.14 on Rocky 9: install (with dependencies and weak dependencies, the `-y` prompt),
// remove, search over names and summaries, list installed, info. Package names resolve as libdnf does:
// name, then provides, so `arptables` is iptables-nft and `arptables.x86_64` matches nothing.

import { dnfDate, EPOCH_SECONDS } from '../../../host/clock.ts'
import { CATALOGUE, evr, findPackage, nevra, type Package } from '../../../host/packages.ts'
import type { Proc } from '../../../sim/task.ts'
import { wait } from '../../../sim/task.ts'
import { mainHelp } from './help.ts'
import type { CommandContext, CommandDef } from '../types.ts'
import { info } from './info.ts'
import { provides } from './provides.ts'
import { repolist } from './repolist.ts'
import { columns, downloadLine, formatNumber, installedNames, rpmLine, rule, transactionTable } from './format.ts'

const METADATA_EPOCH = EPOCH_SECONDS - 432

/** rpm's dependency order and the download completion order of the reference transcript. */
const RPM_ORDER = ['apr', 'apr-util-bdb', 'apr-util', 'apr-util-openssl', 'httpd-tools', 'httpd-filesystem', 'rocky-logos-httpd', 'mailcap', 'httpd-core', 'mod_lua', 'httpd', 'mod_http2', 'sscg', 'mod_ssl', 'libpcap', 'tcpdump']
const DOWNLOAD_ORDER = ['mailcap', 'rocky-logos-httpd', 'httpd-tools', 'mod_lua', 'httpd', 'apr-util-openssl', 'httpd-filesystem', 'apr-util-bdb', 'apr-util', 'mod_http2', 'apr', 'httpd-core', 'sscg', 'mod_ssl', 'libpcap', 'tcpdump']

function ordered(pkgs: Package[], order: string[]): Package[] {
  const rank = (p: Package) => (order.includes(p.name) ? order.indexOf(p.name) : order.length)
  return [...pkgs].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name))
}

function metadataLine(ctx: CommandContext): string {
  const age = Math.max(0, ctx.host.wall() - METADATA_EPOCH)
  const h = Math.floor(age / 3600)
  const m = String(Math.floor((age % 3600) / 60)).padStart(2, '0')
  const s = String(age % 60).padStart(2, '0')
  const days = Math.floor(h / 24)
  const hms = days ? `${days} day${days > 1 ? 's' : ''}, ${h % 24}:${m}:${s}` : `${h}:${m}:${s}`
  return `Last metadata expiration check: ${hms} ago on ${dnfDate(METADATA_EPOCH)}.\n`
}

function* readAnswer(ctx: CommandContext): Proc<string> {
  if (!ctx.term) return ''
  let line = ''
  for (;;) {
    const key = yield* wait(ctx.term.key())
    for (const ch of key) {
      if (ch === '\r' || ch === '\n') {
        ctx.out('\n')
        return line
      }
      if (ch === '\x7f') {
        if (line) {
          line = line.slice(0, -1)
          ctx.out('\b \b')
        }
      } else if (ch >= ' ') {
        line += ch
        ctx.out(ch)
      }
    }
  }
}

function resolve(ctx: CommandContext, arg: string): { pkg?: Package; installed?: Package } {
  const byName = findPackage(arg) ?? CATALOGUE.find((p) => `${p.name}.${p.arch}` === arg)
  if (byName) return { pkg: byName }
  for (const p of ctx.host.installed.values()) if (p.provides?.includes(arg)) return { installed: p }
  return {}
}

function* install(ctx: CommandContext, names: string[], yes: boolean): Proc<number> {
  const cols = ctx.term?.cols ?? 80
  ctx.out(metadataLine(ctx))
  const missing: string[] = []
  const wanted: Package[] = []
  for (const n of names) {
    const r = resolve(ctx, n)
    if (r.installed) {
      ctx.out(`Package ${nevra(r.installed)} is already installed.\n`)
      continue
    }
    if (!r.pkg) {
      missing.push(n)
      continue
    }
    if (ctx.host.installed.has(r.pkg.name)) {
      ctx.out(`Package ${nevra(r.pkg)} is already installed.\n`)
      continue
    }
    wanted.push(r.pkg)
  }
  for (const n of missing) ctx.out(`No match for argument: ${n}\n`)
  if (missing.length) {
    if (missing.some((m) => m.startsWith('arptables'))) ctx.host.note('dnf.arptables', 'RHEL 9 has no package named arptables: the arptables command comes with iptables-nft, which is already installed, so `arptables` works as it is.')
    ctx.err(`Error: Unable to find a match: ${missing.join(' ')}\n`)
    return 1
  }
  if (!wanted.length) {
    ctx.out('Dependencies resolved.\nNothing to do.\nComplete!\n')
    return 0
  }
  const deps: Package[] = []
  const weak: Package[] = []
  const have = (name: string) => ctx.host.installed.has(name) || wanted.some((p) => p.name === name) || deps.some((p) => p.name === name) || weak.some((p) => p.name === name)
  for (const p of wanted) {
    for (const d of p.requires ?? []) if (!have(d)) deps.push(findPackage(d)!)
    for (const d of p.weak ?? []) if (!have(d)) weak.push(findPackage(d)!)
  }
  const all = [...wanted, ...deps, ...weak]
  ctx.out('Dependencies resolved.\n')
  ctx.out(
    transactionTable(
      [
        { title: 'Installing:', pkgs: wanted, installed: false },
        { title: 'Installing dependencies:', pkgs: deps, installed: false },
        { title: 'Installing weak dependencies:', pkgs: weak, installed: false },
      ],
      cols,
      (p) => p.size,
    ).join('\n') + '\n',
  )
  const total = all.reduce((s, p) => s + p.size, 0)
  const installedSize = all.reduce((s, p) => s + p.installedSize, 0)
  ctx.out(`\nTransaction Summary\n${rule(cols)}\nInstall  ${all.length} Package${all.length > 1 ? 's' : ''}\n\nTotal download size: ${formatNumber(total)}\nInstalled size: ${formatNumber(installedSize)}\n`)
  if (!yes) {
    ctx.out('Is this ok [y/N]: ')
    const answer = yield* readAnswer(ctx)
    if (!/^y(es)?$/i.test(answer.trim())) {
      ctx.out('Operation aborted.\n')
      return 1
    }
  }
  ctx.out('Downloading Packages:\n')
  yield* wait(ctx.sleep(600_000))
  const downloads = ordered(all, DOWNLOAD_ORDER)
  downloads.forEach((p, i) => ctx.out(downloadLine(`${nevra(p)}.rpm`, p.size, cols, all.length > 1 ? `(${i + 1}/${all.length}): ` : '') + '\n'))
  ctx.out(`${rule(cols, '-')}\n${'Total'.padEnd(cols - 33)} ${formatNumber(total * 3).padStart(5)}B/s | ${formatNumber(total).padStart(5)}B ${'00:01'.padStart(9)}     \n`)
  ctx.out('Running transaction check\nTransaction check succeeded.\nRunning transaction test\nTransaction test succeeded.\nRunning transaction\n')
  ctx.out(rpmLine('Preparing', '', 1, 1, cols) + '\n')
  const n = all.length
  ordered(all, RPM_ORDER).forEach((p, i) => {
    if (p.name === 'httpd-filesystem') ctx.out(rpmLine('Running scriptlet', nevra(p, true), i + 1, n, cols) + '\n')
    ctx.out(rpmLine('Installing', nevra(p, true), i + 1, n, cols) + '\n')
    if (['httpd', 'ipvsadm', 'mod_ssl'].includes(p.name)) ctx.out(rpmLine('Running scriptlet', nevra(p, true), i + 1, n, cols) + '\n')
    ctx.host.install(p)
  })
  // Packages with %post scriptlets that run when the whole transaction is in.
  for (const late of ['httpd', 'mod_http2']) {
    const p = all.find((x) => x.name === late)
    if (p && all.some((x) => x.name === 'mod_http2')) ctx.out(rpmLine('Running scriptlet', nevra(p, true), n, n, cols) + '\n')
  }
  downloads.forEach((p, i) => ctx.out(rpmLine('Verifying', nevra(p, true), i + 1, n, cols) + '\n'))
  ctx.out(`\nInstalled:\n${columns(installedNames(all), cols).join('\n')}\n\nComplete!\n`)
  return 0
}

function* remove(ctx: CommandContext, names: string[]): Proc<number> {
  const cols = ctx.term?.cols ?? 80
  const targets: Package[] = []
  for (const n of names) {
    const p = ctx.host.installed.get(n)
    if (!p || p.repo === 'anaconda') {
      ctx.out(`No match for argument: ${n}\n`)
      continue
    }
    targets.push(p)
  }
  if (!targets.length) {
    ctx.err('No packages marked for removal.\n')
    ctx.out('Dependencies resolved.\nNothing to do.\nComplete!\n')
    return 0
  }
  const deps: Package[] = []
  for (const p of targets) for (const d of [...(p.requires ?? []), ...(p.weak ?? [])]) {
    const dep = ctx.host.installed.get(d)
    if (dep && !targets.includes(dep) && !deps.includes(dep) && dep.name !== 'httpd') deps.push(dep)
  }
  const all = [...targets, ...deps]
  ctx.out('Dependencies resolved.\n')
  ctx.out(transactionTable([{ title: 'Removing:', pkgs: targets, installed: true }, { title: 'Removing unused dependencies:', pkgs: deps, installed: true }], cols, (p) => p.installedSize).join('\n') + '\n')
  const freed = all.reduce((s, p) => s + p.installedSize, 0)
  ctx.out(`\nTransaction Summary\n${rule(cols)}\nRemove  ${all.length} Package${all.length > 1 ? 's' : ''}\n\nFreed space: ${formatNumber(freed)}\n`)
  ctx.out('Running transaction check\nTransaction check succeeded.\nRunning transaction test\nTransaction test succeeded.\nRunning transaction\n')
  ctx.out(rpmLine('Preparing', '', 1, 1, cols) + '\n')
  all.forEach((p, i) => {
    ctx.out(rpmLine('Erasing', nevra(p, true), i + 1, all.length, cols) + '\n')
    ctx.host.remove(p)
  })
  all.forEach((p, i) => ctx.out(rpmLine('Verifying', nevra(p, true), i + 1, all.length, cols) + '\n'))
  ctx.out(`\nRemoved:\n${columns(installedNames(all), cols).join('\n')}\n\nComplete!\n`)
  yield* wait(ctx.sleep(200_000))
  return 0
}

function search(ctx: CommandContext, terms: string[]): number {
  const cols = ctx.term?.cols ?? 80
  ctx.err(metadataLine(ctx))
  const sections = new Map<string, Package[]>()
  const add = (title: string, p: Package) => {
    const list = sections.get(title) ?? []
    if (!list.includes(p)) list.push(p)
    sections.set(title, list)
  }
  const seen = new Set<Package>()
  for (const p of CATALOGUE) {
    const t = terms.map((x) => x.toLowerCase())
    const inName = t.every((x) => p.name.toLowerCase().includes(x))
    const inSummary = t.every((x) => p.summary.toLowerCase().includes(x))
    if (t.length === 1 && p.name === t[0]) add(`Name Exactly Matched: ${terms.join(', ')}`, p)
    else if (inName && inSummary) add(`Name & Summary Matched: ${terms.join(', ')}`, p)
    else if (inName) add(`Name Matched: ${terms.join(', ')}`, p)
    else if (inSummary) add(`Summary Matched: ${terms.join(', ')}`, p)
    else continue
    seen.add(p)
  }
  if (!seen.size) {
    ctx.err('No matches found.\n')
    return 0
  }
  const order = ['Name Exactly Matched', 'Name & Summary Matched', 'Name Matched', 'Summary Matched']
  for (const prefix of order) {
    for (const [title, pkgs] of sections) {
      if (!title.startsWith(prefix + ':')) continue
      const left = Math.floor((cols - 2 - title.length) / 2)
      ctx.out(`${'='.repeat(left)} ${title} ${'='.repeat(cols - 2 - title.length - left)}\n`)
      for (const p of pkgs.sort((a, b) => a.name.localeCompare(b.name))) ctx.out(wrapEntry(`${p.name}.${p.arch}`, p.summary, ctx.tty ? cols : Infinity))
    }
  }
  if (terms.some((t) => t.toLowerCase() === 'lvs')) ctx.host.note('dnf.search_lvs', '`dnf search lvs` finds keepalived only: ipvsadm\'s summary, "Utility to administer the Linux Virtual Server", never says "lvs". `dnf search ipvs` finds it.')
  return 0
}

function wrapEntry(name: string, summary: string, cols: number): string {
  const head = `${name} : `
  if (head.length + summary.length <= cols) return head + summary + '\n'
  const lines: string[] = []
  let cur = ''
  const width = cols - head.length
  for (const word of summary.split(' ')) {
    if (cur && cur.length + 1 + word.length > width) {
      lines.push(cur)
      cur = word
    } else cur = cur ? `${cur} ${word}` : word
  }
  lines.push(cur)
  return lines.map((l, i) => (i === 0 ? head : ' '.repeat(name.length) + ' : ') + l).join('\n') + '\n'
}

function listInstalled(ctx: CommandContext, args: string[]): number {
  const pkgs = [...ctx.host.installed.values()].filter((p) => !args.length || args.includes(p.name)).sort((a, b) => a.name.localeCompare(b.name))
  if (!pkgs.length) {
    ctx.err('Error: No matching Packages to list\n')
    return 1
  }
  ctx.out('Installed Packages\n')
  for (const p of pkgs) {
    const repo = p.repo === 'anaconda' ? '@anaconda' : `@${p.repo}`
    ctx.out(`${`${p.name}.${p.arch}`.padEnd(35)} ${evr(p).padEnd(32)} ${repo}\n`)
  }
  return 0
}

function run(ctx: CommandContext): number | Proc<number> {
  const args = ctx.argv.slice(1)
  // dnf.util.MAIN_PROG: yum when invoked as yum, else dnf.
  const prog = ctx.argv[0].replace(/.*\//, '') === 'yum' ? 'yum' : 'dnf'
  const yes = args.some((a) => a === '-y' || a === '--assumeyes')
  const words = args.filter((a) => !a.startsWith('-'))
  const verb = words.shift()
  if (verb === undefined && args.some((a) => a === '--version')) {
    ctx.out('4.14.0\n')
    return 0
  }
  switch (verb) {
    case 'install':
    case 'in':
      if (!words.length) {
        ctx.err('Error: Need to pass a list of pkgs to install\n')
        return 1
      }
      return install(ctx, words, yes)
    case 'remove':
    case 'erase':
    case 'rm':
      return remove(ctx, words)
    case 'search':
      if (!words.length) {
        ctx.err('Error: Need to pass a list of keywords to search\n')
        return 1
      }
      return search(ctx, words)
    case 'repolist':
      return repolist(ctx, words)
    case 'provides':
    case 'whatprovides':
    case 'wp':
      if (!words.length) {
        ctx.err('Error: Command line error: the following arguments are required: dependency\n')
        return 2
      }
      return provides(ctx, words, metadataLine(ctx))
    case 'info':
      return info(ctx, words, metadataLine(ctx))
    case 'list':
      if (words[0] === 'installed') return listInstalled(ctx, words.slice(1))
      return listInstalled(ctx, words)
    case undefined:
      // No command: dnf prints its help on stdout and exits 0, whatever main options came with it.
      ctx.out(mainHelp(prog))
      return 0
    default:
      ctx.err(`No such command: ${verb}. Please use /usr/bin/${prog} --help\nIt could be a ${prog.toUpperCase()} plugin command, try: "${prog} install 'dnf-command(${verb})'"\n`)
      return 1
  }
}

export const dnf: CommandDef = { name: 'dnf', path: '/usr/bin/dnf', summary: 'package manager: install, remove, search, list', completions: ['install', 'remove', 'search', 'list', 'info', '-y', 'httpd', 'ipvsadm', 'mod_ssl', 'tcpdump'], run }
export const yum: CommandDef = { ...dnf, name: 'yum', path: '/usr/bin/yum' }
