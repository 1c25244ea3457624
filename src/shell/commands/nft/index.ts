// nft (nftables 1.0.9, RHEL 9.4+): `list ruleset`, `list tables`, `list table [FAMILY] NAME`,
// `list chain [FAMILY] TABLE CHAIN` over what firewalld, iptables-nft and arptables-nft put into
// the kernel (host/netfilter/nft.ts), and `flush ruleset`, which deletes every table (firewalld
// keeps running with no rules until `firewall-cmd --reload`, as on a real host). Errors print as
// nft's do: the message, the command line, and carets under the word that failed. Changing rules
// with nft itself is not modelled: the labs do it through firewall-cmd, iptables and arptables.

import { arptablesTable, firewalldTable, formatTable, iptablesTable, type NftTable } from '../../../host/netfilter/nft.ts'
import type { IptTable } from '../../../host/netfilter/iptables.ts'
import type { Host } from '../../../host/host.ts'
import type { CommandContext, CommandDef } from '../types.ts'

const VERSION = 'nftables v1.0.9 (Old Doc Yak #3)\n'
const FAMILIES = ['ip', 'ip6', 'inet', 'arp', 'bridge', 'netdev']

const USAGE = `Usage: nft [ options ] [ cmds... ]

Options (general):
  -h, --help                      Show this help
  -v, --version                   Show version information
  -V                              Show extended version information

Options (ruleset input handling):
  -f, --file <filename>           Read input from <filename>
  -D, --define <name=value>       Define variable, e.g. --define foo=1.2.3.4
  -i, --interactive               Read input from interactive CLI
  -I, --includepath <directory>   Add <directory> to the paths searched for include files. Default is: /etc
  -c, --check                     Check commands validity without actually applying the changes.
  -o, --optimize                  Optimize ruleset

Options (ruleset list formatting):
  -a, --handle                    Output rule handle.
  -s, --stateless                 Omit stateful information of ruleset.
  -t, --terse                     Omit contents of sets.
  -S, --service                   Translate ports to service names as described in /etc/services.
  -N, --reversedns                Translate IP addresses to names.
  -u, --guid                      Print UID/GID as defined in /etc/passwd and /etc/group.
  -n, --numeric                   Print fully numerical output.
  -y, --numeric-priority          Print chain priority numerically.
  -p, --numeric-protocol          Print layer 4 protocols numerically.
  -T, --numeric-time              Print time values numerically.

Options (command output formatting):
  -e, --echo                      Echo what has been added, inserted or replaced.
  -j, --json                      Format output in JSON
  -d, --debug <level [,level...]> Specify debugging level (scanner, parser, eval, netlink, mnl, proto-ctx, segtree, all)
`

/** Every table of the host, in creation order. */
function tables(host: Host): NftTable[] {
  const nf = host.netfilter
  const ifaces = host.ip.ifaces.filter((i) => i.kind !== 'loopback').map((i) => i.name).sort()
  return nf.tables.map((key) => {
    const [family, name] = key.split(' ')
    if (family === 'inet') return firewalldTable(nf.firewalld, ifaces)
    if (family === 'arp') return arptablesTable(nf.arptables)
    return iptablesTable(nf.iptables, name as IptTable)
  })
}

/** nft's error form: the message, the command as it parsed it, carets under the word at `at`. */
function error(ctx: CommandContext, message: string, words: string[], at: number): number {
  const line = words.join(' ')
  const start = words.slice(0, at).join(' ').length + (at ? 1 : 0)
  ctx.err(`Error: ${message}\n${line}\n${' '.repeat(start)}${'^'.repeat(Math.max(1, words[at]?.length ?? 1))}\n`)
  return 1
}

/** A table on stdout; a table iptables-nft or arptables-nft made, with rules, first warns on stderr. */
function print(ctx: CommandContext, t: NftTable): void {
  if (t.foreign && t.chains.some((c) => c.rules.length)) ctx.err(`# Warning: table ${t.family} ${t.name} is managed by iptables-nft, do not touch!\n`)
  ctx.out(formatTable(t))
}

function list(ctx: CommandContext, words: string[]): number {
  const all = tables(ctx.host)
  const what = words[1]
  if (what === 'ruleset') {
    for (const t of all) print(ctx, t)
    return 0
  }
  if (what === 'tables') {
    ctx.out(all.map((t) => `table ${t.family} ${t.name}\n`).join(''))
    return 0
  }
  if (what === 'table' || what === 'chain') {
    const family = FAMILIES.includes(words[2]) ? words[2] : 'ip'
    const at = FAMILIES.includes(words[2]) ? 3 : 2
    const name = words[at]
    if (name === undefined) return error(ctx, 'syntax error, unexpected end of file', words, words.length)
    const table = all.find((t) => t.family === family && t.name === name)
    if (!table) {
      const near = all.find((t) => t.name === name)
      return error(ctx, `No such file or directory${near ? `; did you mean table ‘${near.name}’ in family ${near.family}?` : ''}`, words, at)
    }
    if (what === 'table') {
      print(ctx, table)
      return 0
    }
    const chainName = words[at + 1]
    if (chainName === undefined) return error(ctx, 'syntax error, unexpected end of file', words, words.length)
    const chain = table.chains.find((c) => c.name === chainName)
    if (!chain) return error(ctx, 'No such file or directory', words, at + 1)
    print(ctx, { ...table, chains: [chain] })
    return 0
  }
  return error(ctx, `syntax error, unexpected ${what === undefined ? 'end of file' : `string`}`, words, what === undefined ? words.length : 1)
}

/** `flush ruleset`: every table goes; firewalld's comes back with its next reload. */
function flushRuleset(host: Host): void {
  const nf = host.netfilter
  nf.arptables.clear()
  nf.iptables.clear()
  nf.firewalld.unload()
}

function run(ctx: CommandContext): number {
  const args = ctx.argv.slice(1)
  const words: string[] = []
  for (const a of args) {
    if (a === '-v' || a === '--version') {
      ctx.out(VERSION)
      return 0
    }
    if (a === '-h' || a === '--help') {
      ctx.out(USAGE)
      return 0
    }
    if (a.startsWith('-') && words.length === 0) {
      ctx.err(`nft: option ${a} is not modelled in this lab\n`)
      return 1
    }
    words.push(...a.split(/\s+/).filter(Boolean))
  }
  if (!words.length) {
    ctx.err(`${USAGE}`)
    return 1
  }
  if (words[0] === 'list') return list(ctx, words)
  if (words[0] === 'flush' && words[1] === 'ruleset' && words.length === 2) {
    flushRuleset(ctx.host)
    return 0
  }
  if (['add', 'create', 'insert', 'replace', 'delete', 'destroy', 'flush', 'reset', 'rename', 'monitor', 'describe', 'import', 'export'].includes(words[0])) {
    ctx.err(`nft: ${words[0]} is not modelled in this lab (firewall-cmd, iptables and arptables change the rules here)\n`)
    return 1
  }
  return error(ctx, 'syntax error, unexpected string', words, 0)
}

export const nft: CommandDef = {
  name: 'nft',
  path: '/usr/sbin/nft',
  summary: 'Administration tool of the nftables framework for packet filtering and classification',
  rpm: 'nftables',
  completions: ['list', 'ruleset', 'tables', 'table', 'chain', 'inet', 'firewalld', 'flush'],
  run,
}
