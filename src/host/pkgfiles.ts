// Which package owns which path: the one table behind `rpm -qf`, `rpm -ql`, `dnf provides`, the
// symbolic links a host lays for its programs, and the README's command list. Paths are the ones
// the RHEL 9 RPMs list (after usrmerge: /bin and /sbin are links to /usr/bin and /usr/sbin, so a
// program's path is always under /usr). `A -> B` is a symbolic link A holding B as written.
// A package lists its programs and the configuration files the lab has; only those marked
// `complete` list every file of the RPM, which is what `rpm -ql` needs.

import { FILESYSTEM_DIRS, USRMERGE } from './base.ts'

interface Owner {
  pkg: string
  paths: string[]
  /** The whole payload of the RPM, so `rpm -ql` can print it. */
  complete?: boolean
}

const bin = (...names: string[]) => names.map((n) => `/usr/bin/${n}`)
const sbin = (...names: string[]) => names.map((n) => `/usr/sbin/${n}`)

const OWNERS: Owner[] = [
  { pkg: 'filesystem', paths: ['/', ...FILESYSTEM_DIRS.map(([d]) => d), ...USRMERGE.map(([path, target]) => `${path} -> ${target}`)] },
  { pkg: 'bash', paths: [...bin('bash'), '/usr/bin/sh -> bash'] },
  {
    pkg: 'coreutils',
    paths: bin('base64', 'basename', 'cat', 'chmod', 'comm', 'cp', 'cut', 'date', 'df', 'dirname', 'du', 'env', 'expand', 'false', 'fold', 'head', 'id', 'join', 'ln', 'ls', 'md5sum', 'mkdir', 'mv', 'nl', 'od', 'paste', 'readlink', 'realpath', 'rm', 'seq', 'sha1sum', 'sha224sum', 'sha256sum', 'sha384sum', 'sha512sum', 'sleep', 'sort', 'stat', 'tac', 'tail', 'tee', 'timeout', 'touch', 'tr', 'true', 'truncate', 'uname', 'uniq', 'wc', 'whoami', 'yes'),
  },
  { pkg: 'gawk', paths: [...bin('gawk'), '/usr/bin/awk -> gawk'] },
  { pkg: 'grep', paths: bin('grep') },
  { pkg: 'sed', paths: bin('sed') },
  { pkg: 'findutils', paths: bin('find', 'xargs') },
  { pkg: 'diffutils', paths: bin('diff') },
  { pkg: 'which', paths: bin('which') },
  { pkg: 'hostname', paths: bin('hostname') },
  { pkg: 'less', paths: bin('less') },
  { pkg: 'util-linux', paths: bin('column', 'more', 'rev') },
  { pkg: 'util-linux-core', paths: bin('dmesg') },
  { pkg: 'ncurses', paths: bin('clear') },
  { pkg: 'vim-minimal', paths: bin('vi') },
  { pkg: 'vim-enhanced', paths: bin('vim') },
  { pkg: 'vim-common', paths: bin('xxd') },
  { pkg: 'iputils', paths: [...bin('ping'), ...sbin('arping')] },
  { pkg: 'procps-ng', paths: [...bin('free', 'pgrep', 'pkill', 'ps', 'uptime', 'watch'), ...sbin('sysctl')] },
  { pkg: 'iproute', paths: sbin('ip', 'ss') },
  // reboot is systemctl under another name: systemctl looks at argv[0].
  { pkg: 'systemd', paths: [...bin('systemctl', 'journalctl', 'hostnamectl'), '/usr/sbin/reboot -> ../bin/systemctl'] },
  // /usr/bin/dnf and /usr/bin/yum are links to dnf-3, a Python script the lab does not have: here
  // they are programs of their own.
  { pkg: 'dnf', paths: bin('dnf') },
  { pkg: 'yum', paths: bin('yum') },
  { pkg: 'rpm', paths: bin('rpm') },
  { pkg: 'curl', paths: bin('curl') },
  { pkg: 'NetworkManager', paths: [...bin('nmcli'), ...sbin('NetworkManager')] },
  { pkg: 'firewalld', paths: [...bin('firewall-cmd'), ...sbin('firewalld')] },
  // The iptables and arptables names are alternatives(8) links (/etc/alternatives/…) to the -nft
  // programs, which the package owns as %ghost files; the lab has them as programs of their own.
  { pkg: 'iptables-nft', paths: sbin('iptables', 'arptables', 'arptables-save', 'arptables-restore', 'iptables-nft', 'arptables-nft') },
  { pkg: 'nftables', paths: sbin('nft') },
  // kmod's commands are links to /usr/bin/kmod, which the lab does not run by that name.
  { pkg: 'kmod', paths: sbin('lsmod', 'modprobe', 'rmmod') },
  { pkg: 'httpd-core', paths: ['/usr/sbin/httpd', '/etc/httpd/conf/httpd.conf', '/etc/httpd/conf.d/welcome.conf'] },
  { pkg: 'httpd-tools', paths: bin('ab', 'htdbm', 'htdigest', 'htpasswd', 'httxt2dbm', 'logresolve') },
  { pkg: 'httpd-filesystem', paths: ['/var/www/html', '/var/www/cgi-bin', '/etc/httpd/conf.d'] },
  { pkg: 'mod_ssl', paths: ['/etc/httpd/conf.d/ssl.conf'] },
  // rpm -ql of ipvsadm-1.31 (Rocky 8's build, the same spec's %files as el9's 1.31-6), without its
  // /usr/lib/.build-id entries, whose hash names differ per build and cannot be known here.
  {
    pkg: 'ipvsadm',
    complete: true,
    paths: [
      '/etc/sysconfig/ipvsadm-config',
      '/usr/lib/systemd/system/ipvsadm.service',
      ...sbin('ipvsadm', 'ipvsadm-restore', 'ipvsadm-save'),
      '/usr/share/doc/ipvsadm',
      '/usr/share/doc/ipvsadm/MAINTAINERS',
      '/usr/share/doc/ipvsadm/README',
      '/usr/share/man/man8/ipvsadm-restore.8.gz',
      '/usr/share/man/man8/ipvsadm-save.8.gz',
      '/usr/share/man/man8/ipvsadm.8.gz',
    ],
  },
  // The FULLNAT lab's director: DPVS brings its own ipvsadm family in place of the RPM's.
  { pkg: 'dpvs', paths: sbin('ipvsadm', 'ipvsadm-restore', 'ipvsadm-save') },
  { pkg: 'net-tools', paths: [...sbin('ifconfig', 'route', 'arp'), ...bin('netstat')] },
  { pkg: 'nmap-ncat', paths: [...bin('ncat'), '/usr/bin/nc -> ncat'] },
  { pkg: 'tcpdump', paths: sbin('tcpdump') },
  { pkg: 'conntrack-tools', paths: sbin('conntrack') },
  { pkg: 'wget', paths: bin('wget') },
  { pkg: 'telnet', paths: bin('telnet') },
  { pkg: 'nano', paths: bin('nano') },
  { pkg: 'keepalived', paths: ['/usr/sbin/keepalived', '/etc/keepalived/keepalived.conf'] },
]

/** The part of an entry before ` -> `: the path itself. */
const pathOf = (entry: string) => entry.split(' -> ')[0]

const BY_PATH = new Map<string, string[]>()
const LINKS = new Map<string, string>()
for (const o of OWNERS) {
  for (const entry of o.paths) {
    const [path, target] = entry.split(' -> ')
    BY_PATH.set(path, [...(BY_PATH.get(path) ?? []), o.pkg])
    if (target) LINKS.set(path, target)
  }
}

/** The packages that own a path (the FULLNAT director's ipvsadm has two), first the RPM's. */
export function ownersOf(path: string): string[] {
  return BY_PATH.get(path) ?? []
}

/** The first owner, the one the README groups a command under. */
export function ownerOf(path: string): string | undefined {
  return BY_PATH.get(path)?.[0]
}

/** The paths a package owns that the lab knows (every file of it where `isComplete`). */
export function filesOf(pkg: string): string[] {
  return OWNERS.find((o) => o.pkg === pkg)?.paths.map(pathOf) ?? []
}

/** Does the table hold the package's whole payload (`rpm -ql` can list it)? */
export function isComplete(pkg: string): boolean {
  return OWNERS.some((o) => o.pkg === pkg && o.complete)
}

/** The target a program's path holds where the RPM installs it as a symbolic link. */
export function linkTarget(path: string): string | undefined {
  return LINKS.get(path)
}
