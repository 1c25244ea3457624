// `--help` and `--version` for every command of the registry: each must have an expectation,
// either recorded from the real program (a tests/fixtures/tools case whose argv is exactly
// `NAME --help` or `NAME --version`, which the differential test holds the lab to), or pinned
// here by hand with the reason, or be listed as a known gap with what is wrong. A new command,
// or a recorded case for a listed gap, fails this table until it is brought up to date.

import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { COMMANDS } from '../../src/shell/commands/index.ts'
import { natLab } from './helpers.ts'

type Flag = '--help' | '--version'
const FLAGS: Flag[] = ['--help', '--version']

const DIR = new URL('../fixtures/tools/', import.meta.url)
const recorded = new Set<string>()
for (const f of readdirSync(DIR).filter((f) => f.endsWith('.json')))
  for (const c of (JSON.parse(readFileSync(new URL(f, DIR), 'utf8')) as { cases: { argv: string[] }[] }).cases) if (c.argv.length === 2 && FLAGS.includes(c.argv[1] as Flag)) recorded.add(c.argv.join(' '))

interface Pinned {
  stdout: string
  stderr: string
  status: number
  why: string
}

const WHICH_USAGE = `Usage: /usr/bin/which [options] [--] COMMAND [...]
Write the full path of COMMAND(s) to standard output.

  --version, -[vV] Print version and exit successfully.
  --help,          Print this help and exit successfully.
  --skip-dot       Skip directories in PATH that start with a dot.
  --skip-tilde     Skip directories in PATH that start with a tilde.
  --show-dot       Don't expand a dot to current directory in output.
  --show-tilde     Output a tilde for HOME directory for non-root.
  --tty-only       Stop processing options on the right if not on tty.
  --all, -a        Print all matches in PATH, not just the first
  --read-alias, -i Read list of aliases from stdin.
  --skip-alias     Ignore option --read-alias; don't read stdin.
  --read-functions Read shell functions from stdin.
  --skip-functions Ignore option --read-functions; don't read stdin.

Recommended use is to write the output of (alias; declare -f) to standard
input, so that which can show aliases and shell functions. See which(1) for
examples.

If the options --read-alias and/or --read-functions are specified then the
output can be a full alias or function definition, optionally followed by
the full path of each command used inside of those.

Report bugs to <which-bugs@gnu.org>.
`
const WHICH_VERSION = `GNU which v2.21, Copyright (C) 1999 - 2015 Carlo Wood.
GNU which comes with ABSOLUTELY NO WARRANTY;
This program is free software; your freedom to use, change
and distribute this program is protected by the GPL.
`

/** Expectations set by hand, where the program is not on the recording machine or is not the one
 *  that runs: the reason says how the text is known. */
const PINNED: Record<string, Pinned> = {
  'true --help': { stdout: '', stderr: '', status: 0, why: "bash's builtin true runs, not /usr/bin/true, and ignores its arguments (bash 5.1 builtins/true.def)" },
  'true --version': { stdout: '', stderr: '', status: 0, why: "bash's builtin true runs and ignores its arguments" },
  'false --help': { stdout: '', stderr: '', status: 1, why: "bash's builtin false runs, not /usr/bin/false, and ignores its arguments" },
  'false --version': { stdout: '', stderr: '', status: 1, why: "bash's builtin false runs and ignores its arguments" },
  // GNU which 2.21 (RHEL 9's which-2.21-29.el9) has no Debian package to record: its print_usage()
  // and print_version() as which.c writes them (usage on stdout for --help, status 0). On RHEL 9
  // bash's profile aliases which to `(alias; declare -f) | /usr/bin/which --tty-only ...`, so the
  // program name in the Usage line is the path the alias runs.
  'which --help': { stdout: WHICH_USAGE, stderr: '', status: 0, why: "GNU which 2.21's print_usage(stdout) from which.c, run through RHEL 9's which alias" },
  'which --version': { stdout: WHICH_VERSION, stderr: '', status: 0, why: "GNU which 2.21's print_version() from which.c" },
  'why --help': {
    stdout:
      "Usage: why [OPTION]... [N]\nExplain the last N (default 10) packets this host dropped or had rewritten,\nand the scheduling choices its IPVS made, each with the rule that decided, as\nthe lab's packet trace recorded them.\n\n  -a, --all      every host's records, not only this host's\n      --help     display this help and exit\n      --version  output version information and exit\n\nwhy is LVS Lab's own command; a real Linux host does not have it.\n",
    stderr: '',
    status: 0,
    why: "LVS Lab's own command: its help is the lab's, laid out as a GNU tool's from its declaration",
  },
  'why --version': { stdout: 'why (LVS Lab) 0.1.0\n', stderr: '', status: 0, why: "LVS Lab's own command: the lab's name and package version" },
}

const NOT_INSTALLED_HERE = 'the real program is not on the recording machine; its text in the lab is unverified'

/** Known gaps: what is wrong, for both flags unless a flag is named. */
const GAPS: Record<string, string> = {
  ab: NOT_INSTALLED_HERE,
  arp: "net-tools' arp: the RHEL 9 root has bullseye's net-tools snapshot (not RHEL 9's 2.10); its usage on stderr is not matched yet",
  arptables: 'arptables-nft --help prints its usage; the lab says "unknown option"',
  'arptables-restore': 'arptables-nft-restore --help prints its usage; the lab prints nothing',
  'arptables-save': 'arptables-nft-save --help prints its usage; the lab saves the table instead',
  'column --help': "util-linux 2.37.4's column (RHEL 9's) is not available to record; the lab prints 2.38.1's text, recorded by hand from this machine's column",
  conntrack: NOT_INSTALLED_HERE,
  nft: "nftables 1.0.9's --help/--version are in the lab but not recorded against Debian's nft",
  curl: "curl 7.76.1's --help (the short list) and --version are not in the lab; the root has bullseye's 7.74.0, not RHEL 9's release",
  dnf: NOT_INSTALLED_HERE,
  'firewall-cmd': NOT_INSTALLED_HERE,
  hostnamectl: "systemd 252's text is in the lab but not recorded (systemd-hostnamed is not on the recording machine)",
  ifconfig: "net-tools' ifconfig --help prints usage on stderr; the root's net-tools is bullseye's snapshot, not RHEL 9's 2.10; not matched yet",
  ip: "iproute2 ip: `Option \"--help\" is unknown`; 6.2's text (RHEL 9) differs from Debian's; not recorded",
  iptables: 'iptables-nft 1.8.10 --help prints its usage; the lab says unknown option',
  ipvsadm: NOT_INSTALLED_HERE,
  'ipvsadm-restore': NOT_INSTALLED_HERE,
  'ipvsadm-save': NOT_INSTALLED_HERE,
  journalctl: "systemd 252's text is in the lab but not recorded",
  'less --help':
    "less 590's --help writes its help screen (help.c, made from less.hlp) to a stdout that is not a terminal; bullseye's 551 text is recorded in the root, but 590's, which lists the options 552-590 added, was not found to pin by hand; the lab says `There is no help option`",
  lsmod: NOT_INSTALLED_HERE,
  modprobe: NOT_INSTALLED_HERE,
  nano: NOT_INSTALLED_HERE,
  nc: NOT_INSTALLED_HERE,
  ncat: NOT_INSTALLED_HERE,
  netstat: "net-tools' netstat --help prints usage on stderr; the root's net-tools is bullseye's snapshot, not RHEL 9's 2.10; not matched yet",
  nmcli: NOT_INSTALLED_HERE,
  reboot: "systemd's reboot --help prints its usage; the lab reboots",
  rmmod: NOT_INSTALLED_HERE,
  route: "net-tools' route --help prints usage on stderr; the root's net-tools is bullseye's snapshot, not RHEL 9's 2.10; not matched yet",
  rpm: NOT_INSTALLED_HERE,
  ss: 'iproute2 ss --help prints its usage; the lab lists sockets',
  systemctl: "systemd 252 systemctl --help prints its usage; the lab says unrecognized option",
  telnet: NOT_INSTALLED_HERE,
  'vi --version':
    "RHEL 9's vi is vim-minimal, a small build whose --version lists RHEL's own configure choices (features, vimrc paths, flags); no listing of it was found to pin, and bullseye's vim.tiny is Debian's build; the lab says `Output is not to a terminal`",
  wget: NOT_INSTALLED_HERE,
  yum: NOT_INSTALLED_HERE,
}

const gapFor = (name: string, flag: Flag) => GAPS[`${name} ${flag}`] ?? GAPS[name]

const lab = natLab()

describe('--help and --version of every command', () => {
  const rows = Object.keys(COMMANDS).flatMap((name) => FLAGS.map((flag) => [`${name} ${flag}`, name, flag] as const))

  it.each(rows)('%s has an expectation', (key, name, flag) => {
    const have = [recorded.has(key) && 'recorded', key in PINNED && 'pinned', gapFor(name, flag) !== undefined && 'gap'].filter(Boolean)
    // A gap that has since been recorded or pinned must leave the list.
    expect(have.length === 1 ? 'one' : have.join('+') || 'none').toBe('one')
  })

  it.each(Object.entries(PINNED))('%s as pinned', (key, p) => {
    const r = lab.run('client', key)
    expect({ stdout: r.stdout, stderr: r.stderr, status: r.exitCode }).toEqual({ stdout: p.stdout, stderr: p.stderr, status: p.status })
  })

  it('lists no gap for a command the registry does not have', () => {
    const names = new Set(Object.keys(COMMANDS))
    expect(Object.keys(GAPS).filter((k) => !names.has(k.split(' ')[0]))).toEqual([])
  })
})
