// rpm queries (-q, -qa with a glob and --last, -qf through the usrmerge symlinks, -qi, -ql/-qc/-qd/-qs,
// --queryformat, and the refusals for what the lab has no data for), `dnf provides` (a name, an
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
  // -qi where the header of that very build was published (sed), and the refusal elsewhere;
  // -qc/-qd/-qs from the file flags, --queryformat's tags, widths and errors (rpm 4.16.1.2 checked
  // with a test package: a format error is reported and the query still exits 0), --last.
  ["lvs", "rpm -qi sed", "Name        : sed\nVersion     : 4.8\nRelease     : 9.el9\nArchitecture: x86_64\nInstall Date: Tue 11 Jun 2024 10:10:14 AM CST\nGroup       : Unspecified\nSize        : 813607\nLicense     : GPLv3+\nSignature   : RSA/SHA256, Mon 16 May 2022 03:50:13 PM CST, Key ID 702d426d350d275d\nSource RPM  : sed-4.8-9.el9.src.rpm\nBuild Date  : Mon 16 May 2022 03:46:39 PM CST\nBuild Host  : pb-ef2feffd-aa41-475a-9367-0b507424fa4b-b-x86-64\nPackager    : Rocky Linux Build System (Peridot) <releng@rockylinux.org>\nVendor      : Rocky Enterprise Software Foundation\nURL         : http://sed.sourceforge.net/\nSummary     : A GNU stream text editor\nDescription :\nThe sed (Stream EDitor) editor is a stream or batch (non-interactive)\neditor.  Sed takes text as input, performs an operation or set of\noperations on the text and outputs the modified text.  The operations\nthat sed performs (substitutions, deletions, insertions, etc.) can be\nspecified in a script file or from the command line.\n", "", 0],
  ["lvs", "rpm -qi ipvsadm", "", "rpm: the header of ipvsadm-1.31-6.el9.x86_64 is not in this lab: no published rpm -qi of this build was found (rpm -q, -ql and --queryformat's NAME, VERSION, RELEASE, ARCH, SUMMARY work)\n", 1],
  ["lvs", "rpm -qi nosuch", "package nosuch is not installed\n", "", 1],
  ["lvs", "rpm -qil sed", "Name        : sed\nVersion     : 4.8\nRelease     : 9.el9\nArchitecture: x86_64\nInstall Date: Tue 11 Jun 2024 10:10:14 AM CST\nGroup       : Unspecified\nSize        : 813607\nLicense     : GPLv3+\nSignature   : RSA/SHA256, Mon 16 May 2022 03:50:13 PM CST, Key ID 702d426d350d275d\nSource RPM  : sed-4.8-9.el9.src.rpm\nBuild Date  : Mon 16 May 2022 03:46:39 PM CST\nBuild Host  : pb-ef2feffd-aa41-475a-9367-0b507424fa4b-b-x86-64\nPackager    : Rocky Linux Build System (Peridot) <releng@rockylinux.org>\nVendor      : Rocky Enterprise Software Foundation\nURL         : http://sed.sourceforge.net/\nSummary     : A GNU stream text editor\nDescription :\nThe sed (Stream EDitor) editor is a stream or batch (non-interactive)\neditor.  Sed takes text as input, performs an operation or set of\noperations on the text and outputs the modified text.  The operations\nthat sed performs (substitutions, deletions, insertions, etc.) can be\nspecified in a script file or from the command line.\n", "rpm: the file list of sed-4.8-9.el9.x86_64 is not in this lab (only ipvsadm's is)\n", 1],
  ["lvs", "rpm -qc ipvsadm", "/etc/sysconfig/ipvsadm-config\n", "", 0],
  ["lvs", "rpm -qd ipvsadm", "/usr/share/doc/ipvsadm/MAINTAINERS\n/usr/share/doc/ipvsadm/README\n/usr/share/man/man8/ipvsadm-restore.8.gz\n/usr/share/man/man8/ipvsadm-save.8.gz\n/usr/share/man/man8/ipvsadm.8.gz\n", "", 0],
  ["lvs", "rpm -qcd ipvsadm", "/etc/sysconfig/ipvsadm-config\n/usr/share/doc/ipvsadm/MAINTAINERS\n/usr/share/doc/ipvsadm/README\n/usr/share/man/man8/ipvsadm-restore.8.gz\n/usr/share/man/man8/ipvsadm-save.8.gz\n/usr/share/man/man8/ipvsadm.8.gz\n", "", 0],
  ["lvs", "rpm -qs ipvsadm", "normal        /etc/sysconfig/ipvsadm-config\nnormal        /usr/lib/systemd/system/ipvsadm.service\nnormal        /usr/sbin/ipvsadm\nnormal        /usr/sbin/ipvsadm-restore\nnormal        /usr/sbin/ipvsadm-save\nnormal        /usr/share/doc/ipvsadm\nnormal        /usr/share/doc/ipvsadm/MAINTAINERS\nnormal        /usr/share/doc/ipvsadm/README\nnormal        /usr/share/man/man8/ipvsadm-restore.8.gz\nnormal        /usr/share/man/man8/ipvsadm-save.8.gz\nnormal        /usr/share/man/man8/ipvsadm.8.gz\n", "", 0],
  ["lvs", "rpm -ql bash", "", "rpm: the file list of bash-5.1.8-9.el9.x86_64 is not in this lab (only ipvsadm's is)\n", 1],
  ["lvs", "rpm -q --qf \"%{NAME}-%{VERSION}\\n\" ipvsadm sed", "ipvsadm-1.31\nsed-4.8\n", "", 0],
  ["lvs", "rpm -q --queryformat=\"%-10{name}|%10{release}|%{arch}|%{epoch}|%{epochnum}\\n\" ipvsadm", "ipvsadm   |     6.el9|x86_64|(none)|0\n", "", 0],
  ["lvs", "rpm -q --qf \"%{NEVRA} %{NVR}\\n\" nftables", "nftables-1:1.0.9-1.el9.x86_64 nftables-1.0.9-1.el9\n", "", 0],
  ["lvs", "rpm -q --qf \"%{BUILDHOST} %{BUILDTIME:date} %{SIZE}\\n\" sed", "pb-ef2feffd-aa41-475a-9367-0b507424fa4b-b-x86-64 Mon 16 May 2022 03:46:39 PM CST 813607\n", "", 0],
  ["lvs", "rpm -q --qf \"%{BUILDHOST}\\n\" ipvsadm", "", "rpm: the BUILDHOST tag of ipvsadm-1.31-6.el9.x86_64 is not in this lab (its header is not: no published rpm -qi of this build was found)\n", 1],
  ["lvs", "rpm -q --qf \"%{FOO}\\n\" sed", "", "error: incorrect format: unknown tag: \"FOO\"\n", 0],
  ["lvs", "rpm -q --qf \"%{NAME\" sed", "", "error: incorrect format: missing } after %{\n", 0],
  ["lvs", "rpm -q --qf \"%{}\" sed", "", "error: incorrect format: empty tag name\n", 0],
  ["lvs", "rpm -q --qf \"[%{FILENAMES}\\n]\" ipvsadm", "", "rpm: arrays ([...]) in --queryformat are not modelled in this lab\n", 1],
  ["lvs", "rpm -qa --last | head -3", "ipvsadm-1.31-6.el9.x86_64                     Tue 11 Jun 2024 10:10:15 AM CST\nyum-4.14.0-9.el9.noarch                       Tue 11 Jun 2024 10:10:14 AM CST\nwhich-2.21-29.el9.x86_64                      Tue 11 Jun 2024 10:10:14 AM CST\n", "", 0],
  ["lvs", "rpm -V ipvsadm", "", "rpm: verifying files against the package's digests is not modelled in this lab (it keeps no digests, sizes or modes from the RPMs)\n", 1],
  ["lvs", "rpm -V nosuch", "package nosuch is not installed\n", "", 1],
  ["lvs", "rpm -e ipvsadm", "", "rpm: erasing packages with rpm is not modelled in this lab; dnf remove is\n", 1],
  ["lvs", "rpm -q --changelog bash", "", "rpm: option '--changelog' is not modelled in this lab\n", 1],
  ["lvs", "rpm -qf /etc/sysconfig/ipvsadm-config", "ipvsadm-1.31-6.el9.x86_64\n", "", 0],
  ["lvs", "rpm -qa --qf \"%{NAME}\\n\" \"ipvs*\"", "ipvsadm\n", "", 0],
  ["lvs", "rpm -ivh x.rpm", "", "rpm: installing packages from .rpm files with rpm is not modelled in this lab; dnf install is\n", 1],
  ["lvs", "rpm -q", "", "rpm: no arguments given for query\n", 1],
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
