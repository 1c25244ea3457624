// Which package owns which file, for `rpm -qf` and `dnf provides`: the programs and configuration
// files of the packages the lab installs (the paths their RHEL 9 RPMs list; /bin and /sbin are the
// usrmerge symlinks to /usr/bin and /usr/sbin, so both spellings resolve).

const OWNERS: [string, string[]][] = [
  ['httpd-core', ['/usr/sbin/httpd', '/etc/httpd/conf/httpd.conf', '/etc/httpd/conf.d/welcome.conf']],
  ['httpd-tools', ['/usr/bin/ab', '/usr/bin/htpasswd', '/usr/bin/htdigest', '/usr/bin/logresolve']],
  ['httpd-filesystem', ['/var/www/html', '/var/www/cgi-bin', '/etc/httpd/conf.d']],
  ['mod_ssl', ['/etc/httpd/conf.d/ssl.conf']],
  ['ipvsadm', ['/usr/sbin/ipvsadm', '/usr/sbin/ipvsadm-save', '/usr/sbin/ipvsadm-restore', '/etc/sysconfig/ipvsadm-config', '/usr/lib/systemd/system/ipvsadm.service']],
  ['net-tools', ['/usr/sbin/ifconfig', '/usr/sbin/route', '/usr/bin/netstat', '/usr/sbin/arp']],
  ['nmap-ncat', ['/usr/bin/ncat', '/usr/bin/nc']],
  ['tcpdump', ['/usr/sbin/tcpdump']],
  ['wget', ['/usr/bin/wget']],
  ['telnet', ['/usr/bin/telnet']],
  ['curl', ['/usr/bin/curl']],
  ['iproute', ['/usr/sbin/ip', '/usr/sbin/ss']],
  ['iptables-nft', ['/usr/sbin/iptables-nft', '/usr/sbin/arptables-nft']],
  ['procps-ng', ['/usr/sbin/sysctl', '/usr/bin/ps', '/usr/bin/free', '/usr/bin/watch']],
  ['kmod', ['/usr/sbin/modprobe', '/usr/sbin/lsmod', '/usr/sbin/rmmod']],
  ['NetworkManager', ['/usr/bin/nmcli', '/usr/sbin/NetworkManager']],
  ['firewalld', ['/usr/bin/firewall-cmd', '/usr/sbin/firewalld']],
  ['vim-enhanced', ['/usr/bin/vim']],
  ['keepalived', ['/usr/sbin/keepalived', '/etc/keepalived/keepalived.conf']],
]

const BY_PATH = new Map<string, string>(OWNERS.flatMap(([pkg, files]) => files.map((f) => [f, pkg] as [string, string])))

/** The package that owns a path, after the usrmerge symlinks. */
export function ownerOf(path: string): string | undefined {
  const real = path.replace(/^\/(s?bin)\//, '/usr/$1/')
  return BY_PATH.get(real)
}

export function filesOf(pkg: string): string[] {
  return OWNERS.find(([p]) => p === pkg)?.[1] ?? []
}
