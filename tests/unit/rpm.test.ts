// rpm queries (-q, -qa with a glob, -qf through the usrmerge symlinks), `dnf provides` (a name, an
// explicit Provides:, a command's file) and `dnf repolist` on the NAT lab after the tutorial's installs.

import { describe, expect, it } from 'vitest'
import { workingNat } from './helpers.ts'

const lab = workingNat()

const CASES: [string, string, string, string, number][] = [
  ["lvs", "rpm -q httpd ipvsadm nosuch", "package httpd is not installed\nipvsadm-1.31-6.el9.x86_64\npackage nosuch is not installed\n", "", 2],
  // The image's packages in anaconda's order (host/packages.ts), then the tutorial's ipvsadm.
  ["lvs", "rpm -qa | tail -4", "rocky-gpg-keys-9.4-1.7.el9.noarch\nrocky-release-9.4-1.7.el9.noarch\nrocky-repos-9.4-1.7.el9.noarch\nipvsadm-1.31-6.el9.x86_64\n", "", 0],
  ["lvs", "rpm -qa | head -6", "setup-2.13.7-10.el9.noarch\nfilesystem-3.16-2.el9.x86_64\nncurses-base-6.2-10.20210508.el9.noarch\nglibc-common-2.34-100.el9_4.2.x86_64\nglibc-2.34-100.el9_4.2.x86_64\nbash-5.1.8-9.el9.x86_64\n", "", 0],
  // A bracket that never closes matches itself, as fnmatch does: no package has it in its name.
  ["rs1", "rpm -qa '[TW' 'httpd-[ct]*'", "httpd-tools-2.4.57-5.el9.x86_64\nhttpd-core-2.4.57-5.el9.x86_64\n", "", 0],
  ["rs1", "rpm -qa \"http*\"", "httpd-tools-2.4.57-5.el9.x86_64\nhttpd-filesystem-2.4.57-5.el9.noarch\nhttpd-core-2.4.57-5.el9.x86_64\nhttpd-2.4.57-5.el9.x86_64\n", "", 0],
  ["lvs", "rpm -qf /usr/sbin/ipvsadm /sbin/ipvsadm", "ipvsadm-1.31-6.el9.x86_64\nipvsadm-1.31-6.el9.x86_64\n", "", 0],
  ["lvs", "rpm -qf /root/anaconda-ks.cfg", "file /root/anaconda-ks.cfg is not owned by any package\n", "", 1],
  ["lvs", "rpm -qf /nosuch", "", "error: file /nosuch: No such file or directory\n", 1],
  ["lvs", "rpm -qi httpd", "", "rpm: -i: the package headers are not modelled in this lab (only -q, -qa, -qf, -ql)\n", 1],
  ["lvs", "rpm -q", "", "rpm: no arguments given for query\n", 1],
  ["lvs", "rpm", "", "rpm: no operation specified\n", 1],
  ["lvs", "rpm --version", "RPM version 4.16.1.3\n", "", 0],
  ["rs1", "dnf provides arptables", "iptables-nft-1.8.10-4.el9_4.x86_64 : nftables compatibility for iptables, arptables and ebtables\nRepo        : @System\nMatched from:\nProvide    : arptables\n\n", "Last metadata expiration check: 0:07:13 ago on Tue 11 Jun 2024 10:03:02 AM CST.\n", 0],
  ["lvs", "dnf provides ifconfig", "net-tools-2.0-0.62.20160912git.el9.x86_64 : Basic networking tools\nRepo        : baseos\nMatched from:\nFilename    : /usr/sbin/ifconfig\n\n", "Last metadata expiration check: 0:07:13 ago on Tue 11 Jun 2024 10:03:02 AM CST.\n", 0],
  ["lvs", "dnf provides /usr/bin/ab", "httpd-tools-2.4.57-5.el9.x86_64 : Tools for use with the Apache HTTP Server\nRepo        : appstream\nMatched from:\nFilename    : /usr/bin/ab\n\n", "Last metadata expiration check: 0:07:13 ago on Tue 11 Jun 2024 10:03:02 AM CST.\n", 0],
  ["rs1", "dnf provides httpd", "httpd-core-2.4.57-5.el9.x86_64 : httpd minimal core\nRepo        : @System\nMatched from:\nFilename    : /usr/sbin/httpd\n\nhttpd-2.4.57-5.el9.x86_64 : Apache HTTP Server\nRepo        : @System\nMatched from:\nProvide    : httpd = 2.4.57-5.el9\n\nhttpd-2.4.57-5.el9.x86_64 : Apache HTTP Server\nRepo        : appstream\nMatched from:\nProvide    : httpd = 2.4.57-5.el9\n\nhttpd-core-2.4.57-5.el9.x86_64 : httpd minimal core\nRepo        : appstream\nMatched from:\nFilename    : /usr/sbin/httpd\n\n", "Last metadata expiration check: 0:07:13 ago on Tue 11 Jun 2024 10:03:02 AM CST.\n", 0],
  ["lvs", "dnf provides nosuch", "", "Last metadata expiration check: 0:07:13 ago on Tue 11 Jun 2024 10:03:02 AM CST.\nError: No matches found. If searching for a file, try specifying the full path or using a wildcard prefix (\"*/\") at the beginning.\n", 1],
  ["lvs", "dnf provides", "", "Error: Command line error: the following arguments are required: dependency\n", 2],
]

describe('dnf repolist', () => {
  it('shares the spare width of 80 columns between the id and the name, both padded', () => {
    const pad = (id: string, name: string) => `${id.padEnd(31)} ${name.padEnd(48)}\n`
    expect(lab.run('lvs', 'dnf repolist').stdout).toBe(pad('repo id', 'repo name') + pad('appstream', 'Rocky Linux 9 - AppStream') + pad('baseos', 'Rocky Linux 9 - BaseOS') + pad('extras', 'Rocky Linux 9 - Extras'))
  })
})

describe('rpm and dnf provides', () => {
  it.each(CASES)('%s: %s', (host, line, stdout, stderr, code) => {
    const r = lab.run(host, line)
    expect({ stdout: r.stdout, stderr: r.stderr, code: r.exitCode }).toEqual({ stdout, stderr, code })
  })
})
