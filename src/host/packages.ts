// The RHEL 9 / Rocky 9 packages the labs install, with the NEVRAs, repositories and sizes of the
// reference transcripts (rhel9-system.md §2). `provides` lets `dnf install arptables` resolve to
// iptables-nft as libdnf does; `summary` feeds `dnf search`.

export interface Package {
  name: string
  arch: 'x86_64' | 'noarch'
  epoch?: number
  version: string
  repo: 'baseos' | 'appstream' | 'anaconda'
  size: number
  installedSize: number
  summary: string
  requires?: string[]
  weak?: string[]
  provides?: string[]
  /** The header fields `dnf info` shows, where the real package's values are known (spec files and
   *  published `rpm -qi`/`yum info` of the same package); absent where they are not. */
  info?: { url: string; license: string; description: string; source?: string }
}

const IPVSADM_DESCRIPTION = `ipvsadm is used to setup, maintain, and inspect the virtual server
table in the Linux kernel. The Linux Virtual Server can be used to
build scalable network services based on a cluster of two or more
nodes. The active node of the cluster redirects service requests to a
collection of server hosts that will actually perform the
services. Supported Features include:
  - two transport layer (layer-4) protocols (TCP and UDP)
  - three packet-forwarding methods (NAT, tunneling, and direct routing)
  - eight load balancing algorithms (round robin, weighted round robin,
    least-connection, weighted least-connection, locality-based
    least-connection, locality-based least-connection with
    replication, destination-hashing, and source-hashing)`

const k = 1024
const M = 1024 * 1024

export const CATALOGUE: Package[] = [
  { name: 'httpd', arch: 'x86_64', version: '2.4.57-5.el9', repo: 'appstream', size: 46 * k, installedSize: 59 * k, summary: 'Apache HTTP Server', info: { url: 'https://httpd.apache.org/', license: 'ASL 2.0', description: 'The Apache HTTP Server is a powerful, efficient, and extensible\nweb server.' }, requires: ['apr', 'apr-util', 'apr-util-bdb', 'httpd-core', 'httpd-filesystem', 'httpd-tools', 'mailcap', 'rocky-logos-httpd'], weak: ['apr-util-openssl', 'mod_http2', 'mod_lua'] },
  { name: 'apr', arch: 'x86_64', version: '1.7.0-12.el9_3', repo: 'appstream', size: 122 * k, installedSize: 289 * k, summary: 'Apache Portable Runtime library' },
  { name: 'apr-util', arch: 'x86_64', version: '1.6.1-23.el9', repo: 'appstream', size: 94 * k, installedSize: 211 * k, summary: 'Apache Portable Runtime Utility library' },
  { name: 'apr-util-bdb', arch: 'x86_64', version: '1.6.1-23.el9', repo: 'appstream', size: 12 * k, installedSize: 15 * k, summary: 'APR utility library Berkeley DB driver' },
  { name: 'apr-util-openssl', arch: 'x86_64', version: '1.6.1-23.el9', repo: 'appstream', size: 14 * k, installedSize: 23 * k, summary: 'APR utility library OpenSSL crypto support' },
  { name: 'httpd-core', arch: 'x86_64', version: '2.4.57-5.el9', repo: 'appstream', size: 1.4 * M, installedSize: 4.6 * M, summary: 'httpd minimal core' },
  { name: 'httpd-filesystem', arch: 'noarch', version: '2.4.57-5.el9', repo: 'appstream', size: 13 * k, installedSize: 400, summary: 'The basic directory layout for the Apache HTTP Server' },
  { name: 'httpd-tools', arch: 'x86_64', version: '2.4.57-5.el9', repo: 'appstream', size: 80 * k, installedSize: 198 * k, summary: 'Tools for use with the Apache HTTP Server' },
  { name: 'mailcap', arch: 'noarch', version: '2.1.49-5.el9', repo: 'baseos', size: 32 * k, installedSize: 78 * k, summary: 'Helper application and MIME type associations for file types' },
  { name: 'rocky-logos-httpd', arch: 'noarch', version: '90.15-2.el9', repo: 'appstream', size: 24 * k, installedSize: 31 * k, summary: 'Rocky Linux related icons and pictures used by httpd' },
  { name: 'mod_http2', arch: 'x86_64', version: '1.15.19-5.el9', repo: 'appstream', size: 148 * k, installedSize: 385 * k, summary: 'module implementing HTTP/2 for Apache 2' },
  { name: 'mod_lua', arch: 'x86_64', version: '2.4.57-5.el9', repo: 'appstream', size: 60 * k, installedSize: 142 * k, summary: 'Lua scripting support for the Apache HTTP Server' },
  { name: 'mod_ssl', arch: 'x86_64', epoch: 1, version: '2.4.57-5.el9', repo: 'appstream', size: 110 * k, installedSize: 266 * k, summary: 'SSL/TLS module for the Apache HTTP Server', requires: ['sscg', 'httpd'] },
  { name: 'sscg', arch: 'x86_64', version: '3.0.0-7.el9', repo: 'appstream', size: 46 * k, installedSize: 48 * k, summary: 'Simple SSL certificate generator' },
  { name: 'ipvsadm', arch: 'x86_64', version: '1.31-6.el9', repo: 'appstream', size: 54 * k, installedSize: 92 * k, summary: 'Utility to administer the Linux Virtual Server', info: { url: 'https://kernel.org/pub/linux/utils/kernel/ipvsadm/', license: 'GPLv2+', description: IPVSADM_DESCRIPTION } },
  // Ships arptables.service (and iptables/ip6tables/ebtables units); not installed by default, so the
  // tutorial's `arptables-save > /etc/sysconfig/arptables` alone does not survive a reboot.
  { name: 'iptables-nft-services', arch: 'noarch', version: '1.8.10-4.el9_4', repo: 'appstream', size: 24 * k, installedSize: 27 * k, summary: 'iptables and ip6tables services for iptables' },
  // Sizes as dnf reports them for conntrack-tools-1.4.7-2.el9 and its libraries (not re-measured).
  { name: 'conntrack-tools', arch: 'x86_64', version: '1.4.7-2.el9', repo: 'appstream', size: 235 * k, installedSize: 665 * k, summary: 'Manipulate netfilter connection tracking table and run High Availability', requires: ['libnetfilter_cthelper', 'libnetfilter_cttimeout', 'libnetfilter_queue'] },
  { name: 'libnetfilter_cthelper', arch: 'x86_64', version: '1.0.0-22.el9', repo: 'appstream', size: 23 * k, installedSize: 37 * k, summary: 'User-space infrastructure for connection tracking helpers' },
  { name: 'libnetfilter_cttimeout', arch: 'x86_64', version: '1.0.0-19.el9', repo: 'appstream', size: 23 * k, installedSize: 37 * k, summary: 'Timeout policy tuning for Netfilter/conntrack' },
  { name: 'libnetfilter_queue', arch: 'x86_64', version: '1.0.5-1.el9', repo: 'appstream', size: 28 * k, installedSize: 57 * k, summary: 'Netfilter queue userspace library' },
  { name: 'keepalived', arch: 'x86_64', version: '2.2.8-3.el9', repo: 'appstream', size: 551 * k, installedSize: 1.6 * M, summary: 'High Availability monitor built upon LVS, VRRP and service pollers' },
  { name: 'tcpdump', arch: 'x86_64', epoch: 14, version: '4.99.0-9.el9', repo: 'appstream', size: 542 * k, installedSize: 1.4 * M, summary: 'A network traffic monitoring tool', info: { url: 'http://www.tcpdump.org', license: 'BSD with advertising', description: 'Tcpdump is a command-line tool for monitoring network traffic.\nTcpdump can capture and display the packet headers on a particular\nnetwork interface or on all interfaces.  Tcpdump can display all of\nthe packet headers, or just the ones that match particular criteria.\n\nInstall tcpdump if you need a program to monitor network traffic.' }, requires: ['libpcap'] },
  { name: 'net-tools', arch: 'x86_64', version: '2.0-0.62.20160912git.el9', repo: 'baseos', size: 300 * k, installedSize: 950 * k, summary: 'Basic networking tools' },
  // The client tools the load and debugging exercises install (sizes from the el9 repodata as
  // dnf prints them, rounded; [unconfirmed] to the kilobyte).
  { name: 'nmap-ncat', arch: 'x86_64', epoch: 3, version: '7.92-1.el9', repo: 'appstream', size: 223 * k, installedSize: 484 * k, summary: "Nmap's Netcat replacement", provides: ['nc', 'ncat'] },
  { name: 'wget', arch: 'x86_64', version: '1.21.1-7.el9', repo: 'appstream', size: 768 * k, installedSize: 3.0 * M, summary: 'A utility for retrieving files using the HTTP or FTP protocols' },
  { name: 'telnet', arch: 'x86_64', epoch: 1, version: '0.17-85.el9', repo: 'appstream', size: 63 * k, installedSize: 117 * k, summary: 'The client program for the Telnet remote login protocol' },
  // nano is not in a minimal install; version as el9 BaseOS ships it, sizes [unconfirmed].
  { name: 'nano', arch: 'x86_64', version: '5.6.1-5.el9', repo: 'baseos', size: 691 * k, installedSize: 2.7 * M, summary: 'A small text editor', info: { url: 'https://www.nano-editor.org', license: 'GPLv3+', description: 'GNU nano is a small and friendly text editor.' } },
  { name: 'libpcap', arch: 'x86_64', epoch: 14, version: '1.10.0-4.el9', repo: 'baseos', size: 172 * k, installedSize: 395 * k, summary: 'A system-independent interface for user-level packet capture' },
]

/**
 * The rpm database of a lab host as installed (Rocky 9.4 with the updates of June 2024), in the
 * order anaconda's transaction installs them, which is the order `rpm -qa` lists: the packages that
 * own the programs and files the lab has, and the base libraries and release files under them.
 * A real minimal install has some 350; the rest are left out rather than given versions that
 * could not be checked. Each NEVRA is the one RHEL/Rocky 9.4 shipped, as found in at least one
 * published `rpm -qa`, dnf transaction, errata list (`dnf updateinfo` of 11 Jun 2024) or SBOM of
 * a 9.4 host, and, unless marked [one source], a second of those or the same version in both 9.3
 * and 9.5 listings (a package unchanged across the minor releases). [one source]: filesystem (a
 * RHEL 9.4 image's list; 9.5 ships 3.16-5.el9), and glibc (RHSA-2024:3339), libnghttp2, pam,
 * openssl-libs and less (the errata list). dnf and yum are built from the one dnf source package,
 * so they share a NEVRA. Summaries are the spec files' (nftables.spec keeps upstream's spelling).
 * One package a line, as `rpm -qa` would print it with the epoch dnf adds: `NAME-[EPOCH:]VERSION-
 * RELEASE.ARCH  Summary`.
 */
const IMAGE = `
setup-2.13.7-10.el9.noarch  A set of system configuration and setup files
filesystem-3.16-2.el9.x86_64  The basic directory layout for a Linux system
ncurses-base-6.2-10.20210508.el9.noarch  Descriptions of common terminals
glibc-common-2.34-100.el9_4.2.x86_64  Common binaries and locale data for glibc
glibc-2.34-100.el9_4.2.x86_64  The GNU libc libraries
bash-5.1.8-9.el9.x86_64  The GNU Bourne Again shell
ncurses-libs-6.2-10.20210508.el9.x86_64  Ncurses libraries
openssl-libs-1:3.0.7-27.el9.x86_64  A general purpose cryptography library with TLS implementation
coreutils-common-8.32-35.el9.x86_64  coreutils common optional components
grep-3.6-5.el9.x86_64  Pattern matching utilities
sed-4.8-9.el9.x86_64  A GNU stream text editor
gawk-5.1.0-6.el9.x86_64  The GNU version of the AWK text processing utility
libxml2-2.9.13-6.el9_4.x86_64  Library providing XML and HTML support
file-libs-5.39-16.el9.x86_64  Libraries for applications using libmagic
gnutls-3.8.3-4.el9_4.x86_64  A TLS protocol implementation
libnghttp2-1.43.0-5.el9_4.3.x86_64  A library implementing the HTTP/2 protocol
coreutils-8.32-35.el9.x86_64  A set of basic GNU tools commonly used in shell scripts
findutils-1:4.8.0-6.el9.x86_64  The GNU versions of find utilities (find and xargs)
diffutils-3.7-12.el9.x86_64  GNU collection of diff utilities
pam-1.5.1-19.el9.x86_64  An extensible library which provides authentication for applications
util-linux-core-2.37.4-18.el9.x86_64  The most essential utilities from the util-linux suite.
systemd-libs-252-32.el9_4.x86_64  systemd libraries
systemd-rpm-macros-252-32.el9_4.noarch  Macros that define paths and scriptlets related to systemd
systemd-pam-252-32.el9_4.x86_64  systemd PAM module
systemd-252-32.el9_4.x86_64  System and Service Manager
systemd-udev-252-32.el9_4.x86_64  Rule-based device node and kernel event manager
util-linux-2.37.4-18.el9.x86_64  A collection of basic system utilities
kmod-28-9.el9.x86_64  Linux kernel module management utilities
iproute-6.2.0-6.el9_4.x86_64  Advanced IP routing and network device configuration tools
iputils-20210202-9.el9.x86_64  Network monitoring tools including ping
procps-ng-3.3.17-14.el9.x86_64  System and process monitoring utilities
hostname-3.23-6.el9.x86_64  Utility to set/show the host name or domain name
which-2.21-29.el9.x86_64  Displays where a particular program in your path is located
less-590-4.el9_4.x86_64  A text file browser similar to more, but better
file-5.39-16.el9.x86_64  Utility for determining file types
ncurses-6.2-10.20210508.el9.x86_64  Ncurses support utilities
vim-minimal-2:8.2.2637-20.el9_1.x86_64  A minimal version of the VIM editor
curl-7.76.1-29.el9_4.x86_64  A utility for getting files from remote servers (FTP, HTTP, and others)
rpm-4.16.1.3-29.el9.x86_64  The RPM package management system
dnf-4.14.0-9.el9.noarch  Package manager
yum-4.14.0-9.el9.noarch  Package manager
nftables-1:1.0.9-1.el9.x86_64  Netfilter Tables userspace utillites
iptables-nft-1.8.10-4.el9_4.x86_64  nftables compatibility for iptables, arptables and ebtables
firewalld-1.3.4-1.el9.noarch  A firewall daemon with D-Bus interface providing a dynamic firewall
NetworkManager-1:1.46.0-8.el9_4.x86_64  Network connection manager and user applications
openssh-8.7p1-38.el9.x86_64  An open source implementation of SSH protocol version 2
openssh-clients-8.7p1-38.el9.x86_64  An open source SSH client applications
openssh-server-8.7p1-38.el9.x86_64  An open source SSH server daemon
vim-filesystem-2:8.2.2637-20.el9_1.noarch  VIM filesystem layout
vim-common-2:8.2.2637-20.el9_1.x86_64  The common files needed by any version of the VIM editor
vim-enhanced-2:8.2.2637-20.el9_1.x86_64  A version of the VIM editor which includes recent enhancements
kernel-modules-core-5.14.0-427.13.1.el9_4.x86_64  Core kernel modules to match the core kernel
kernel-core-5.14.0-427.13.1.el9_4.x86_64  The Linux kernel
kernel-modules-5.14.0-427.13.1.el9_4.x86_64  kernel modules to match the core kernel
kernel-5.14.0-427.13.1.el9_4.x86_64  The Linux kernel, based on version 5.14.0, heavily modified with backports
rocky-gpg-keys-9.4-1.7.el9.noarch  Rocky RPM keys
rocky-release-9.4-1.7.el9.noarch  Rocky Linux release files
rocky-repos-9.4-1.7.el9.noarch  Rocky Linux Package Repositories
`

/** iptables-nft answers for the names of the tools it replaces (`dnf install arptables`). */
const BASE_PROVIDES: Record<string, string[]> = { 'iptables-nft': ['arptables', 'ebtables', 'iptables'] }

export const BASE_PACKAGES: Package[] = IMAGE.split('\n').flatMap((line): Package[] => {
  const m = /^(\S+)-(?:(\d+):)?([^-\s]+-[^-\s]+)\.(x86_64|noarch)  (.*)$/.exec(line)
  if (!m) return []
  const [, name, epoch, version, arch, summary] = m
  const provides = BASE_PROVIDES[name]
  return [{ name, arch: arch as Package['arch'], ...(epoch ? { epoch: Number(epoch) } : {}), version, repo: 'anaconda', size: 0, installedSize: 0, summary, ...(provides ? { provides } : {}) }]
})

export function findPackage(name: string): Package | undefined {
  return CATALOGUE.find((p) => p.name === name) ?? BASE_PACKAGES.find((p) => p.name === name)
}

export function evr(p: Package): string {
  return p.epoch ? `${p.epoch}:${p.version}` : p.version
}

/** `httpd-2.4.57-5.el9.x86_64`; rpm's transaction lines add the epoch (`mod_ssl-1:2.4.57-5.el9.x86_64`). */
export function nevra(p: Package, withEpoch = false): string {
  return `${p.name}-${withEpoch ? evr(p) : p.version}.${p.arch}`
}
