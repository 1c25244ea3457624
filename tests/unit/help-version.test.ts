// `--help` and `--version` for every command of the registry: each must have an expectation,
// either recorded from the real program (a tests/fixtures/tools case whose argv is exactly
// `NAME --help` or `NAME --version`, which the differential test holds the lab to), or pinned
// here by hand with the reason, or be listed as a known gap with what is wrong. A new command,
// or a recorded case for a listed gap, fails this table until it is brought up to date.

import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { COMMANDS } from '../../src/shell/commands/index.ts'
import { HELP_ABRIDGED } from '../fixtures/cases/options.ts'
import { GAPS as NETNS_GAPS } from '../fixtures/netns-gaps.ts'
import { natLab } from './helpers.ts'

type Flag = '--help' | '--version'
const FLAGS: Flag[] = ['--help', '--version']

const DIR = new URL('../fixtures/tools/', import.meta.url)
const recorded = new Set<string>()
for (const f of readdirSync(DIR).filter((f) => f.endsWith('.json')))
  for (const c of (JSON.parse(readFileSync(new URL(f, DIR), 'utf8')) as { cases: { argv: string[] }[] }).cases) if (c.argv.length === 2 && FLAGS.includes(c.argv[1] as Flag)) recorded.add(c.argv.join(' '))
// The network tools' texts are recorded on namespaced hosts (tests/fixtures/netns, netns.test.ts),
// where a known divergence is one of that test's gaps and stays a gap here.
const NETNS = new URL('../fixtures/netns/', import.meta.url)
for (const f of readdirSync(NETNS).filter((f) => f.endsWith('.json'))) {
  const rec = JSON.parse(readFileSync(new URL(f, NETNS), 'utf8')) as { name: string; results: { command: string }[] }
  for (const r of rec.results) if (/^\S+ --(help|version)$/.test(r.command) && !NETNS_GAPS.has(`${rec.name}: ${r.command}`)) recorded.add(r.command)
}

interface Pinned {
  stdout: string
  stderr: string
  status: number
  why: string
}

/** Expectations set by hand, where the program is not on the recording machine or is not the one
 *  that runs: the reason says how the text is known. */
const PINNED: Record<string, Pinned> = {
  'true --help': { stdout: '', stderr: '', status: 0, why: "bash's builtin true runs, not /usr/bin/true, and ignores its arguments (bash 5.1 builtins/true.def)" },
  'true --version': { stdout: '', stderr: '', status: 0, why: "bash's builtin true runs and ignores its arguments" },
  'false --help': { stdout: '', stderr: '', status: 1, why: "bash's builtin false runs, not /usr/bin/false, and ignores its arguments" },
  'false --version': { stdout: '', stderr: '', status: 1, why: "bash's builtin false runs and ignores its arguments" },
}

const ABRIDGED = "the lab's usage text is abridged (options or paragraphs missing); RHEL 9's is recorded in the root but not yet matched"
const NOT_INSTALLED_HERE = 'the real program is not on the recording machine; its text in the lab is unverified'

/** Known gaps: what is wrong, for both flags unless a flag is named. */
const GAPS: Record<string, string> = {
  ...Object.fromEntries([...HELP_ABRIDGED].map((t) => [`${t} --help`, ABRIDGED])),
  'xxd --help': "xxd prints its usage on stderr with status 1 for an unknown option; the root's xxd is vim 8.2.2434's, not RHEL 9's 8.2.2637; not matched yet",
  'xxd --version': "the root's xxd (vim 8.2.2434) says 'xxd V1.10 27oct98'; RHEL 9's 8.2.2637 is not available to record",
  ab: NOT_INSTALLED_HERE,
  arping: "iputils 20210202 (RHEL 9's, in the root) arping takes no long options: `arping: unrecognized option '--help'` plus its usage; the lab's is not matched yet",
  arptables: 'arptables-nft --help prints its usage; the lab says "unknown option"',
  'arptables-restore': 'arptables-nft-restore --help prints its usage; the lab prints nothing',
  'arptables-save': 'arptables-nft-save --help prints its usage; the lab saves the table instead',
  clear: "ncurses clear: `clear: invalid option -- '-'` and its usage; the lab clears the screen",
  conntrack: NOT_INSTALLED_HERE,
  nft: "nftables 1.0.9's --help/--version are in the lab but not recorded against Debian's nft",
  curl: "curl 7.76.1's --help (the short list) and --version are not in the lab; the root has bullseye's 7.74.0, not RHEL 9's release",
  dmesg: "util-linux 2.37.4 dmesg --help prints its usage; the lab prints nothing",
  dnf: NOT_INSTALLED_HERE,
  'firewall-cmd': NOT_INSTALLED_HERE,
  hostname: 'hostname 3.23 --help/--version print usage and version; the lab prints the host name',
  hostnamectl: "systemd 252's text is in the lab but not recorded (systemd-hostnamed is not on the recording machine)",
  ifconfig: "net-tools' ifconfig --help prints usage on stderr; the root's net-tools is bullseye's snapshot, not RHEL 9's 2.10; not matched yet",
  'ip --version': "ip --version is iproute2 6.2.0 with RHEL 9.4's libbpf; Debian's 6.1 and libbpf 1.1 are not it",
  'iptables --help': 'iptables-nft 1.8.10 --help prints its usage; the lab says unknown option',
  ipvsadm: NOT_INSTALLED_HERE,
  'ipvsadm-restore': NOT_INSTALLED_HERE,
  'ipvsadm-save': NOT_INSTALLED_HERE,
  journalctl: "systemd 252's text is in the lab but not recorded",
  less: 'less 590 --help opens its help screen; not recorded',
  lsmod: NOT_INSTALLED_HERE,
  modprobe: NOT_INSTALLED_HERE,
  more: "util-linux more --help prints its usage; the lab says unrecognized option",
  nano: NOT_INSTALLED_HERE,
  nc: NOT_INSTALLED_HERE,
  ncat: NOT_INSTALLED_HERE,
  netstat: "net-tools' netstat --help prints usage on stderr; the root's net-tools is bullseye's snapshot, not RHEL 9's 2.10; not matched yet",
  nmcli: NOT_INSTALLED_HERE,
  ping: "iputils 20210202 (RHEL 9's, in the root) ping takes no long options: `ping: invalid option -- '-'` plus its usage, and -V; the lab's are not matched yet",
  ps: "procps-ng 3.3.17 (in the root) ps --help prints its short help; the lab says unsupported SysV option",
  reboot: "systemd's reboot --help prints its usage; the lab reboots",
  rmmod: NOT_INSTALLED_HERE,
  route: "net-tools' route --help prints usage on stderr; the root's net-tools is bullseye's snapshot, not RHEL 9's 2.10; not matched yet",
  rpm: NOT_INSTALLED_HERE,
  systemctl: "systemd 252 systemctl --help prints its usage; the lab says unrecognized option",
  tcpdump: "tcpdump 4.99.0 (RHEL 9's, in the root) --help/--version print version and usage; the lab's are not matched yet",
  telnet: NOT_INSTALLED_HERE,
  vi: "vim 8.2 --help prints its usage; the lab warns about the terminal",
  vim: "vim 8.2 --help prints its usage; the lab warns about the terminal",
  watch: "procps-ng 3.3.17 (in the root) watch --help prints its usage; the lab watches a command named --help",
  wget: NOT_INSTALLED_HERE,
  which: "GNU which 2.21 (RHEL 9) is not Debian's which; the lab's text is unverified",
  why: "LVS Lab's own command has no --help yet",
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
