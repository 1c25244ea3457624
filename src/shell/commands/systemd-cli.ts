// What systemd 252's command-line tools (systemctl, journalctl, hostnamectl, reboot) share: the
// `--version` text of RHEL 9.4's build, and a spec declaring every option the tool's own --help
// lists. The tools parse with getopt_long and print glibc's message alone (no Try line), status 1.

import { withListed } from '../args/listed.ts'
import type { ArgSpec, Options } from '../args/index.ts'

/** RHEL 9.4's systemd-252-32.el9_4: its version and the features it was built with, as a RHEL 9
 *  systemd 252 logs them at boot (`systemd 252-53.el9 running in system mode (+PAM … )`, the same
 *  build options): no AppArmor, iptables, QRencode or BPF framework; GnuTLS and xkbcommon on. */
export const SYSTEMD_VERSION =
  'systemd 252 (252-32.el9_4)\n+PAM +AUDIT +SELINUX -APPARMOR +IMA +SMACK +SECCOMP +GCRYPT +GNUTLS +OPENSSL +ACL +BLKID +CURL +ELFUTILS +FIDO2 +IDN2 -IDN -IPTC +KMOD +LIBCRYPTSETUP +LIBFDISK +PCRE2 -PWQUALITY +P11KIT -QRENCODE +TPM2 +BZIP2 +LZ4 +XZ +ZLIB +ZSTD -BPF_FRAMEWORK +XKBCOMMON +UTMP +SYSVINIT default-hierarchy=unified\n'

/** A systemd tool's spec: the options the lab models, then the rest its help lists (unsimulated).
 *  With `version`, the parser answers `-h`/`--help` and `--version` itself. */
export function systemdArgs<O extends Options>(help: string, modelled: O, version = true): ArgSpec<O> {
  return {
    usageStatus: 1,
    tryHelp: () => '',
    options: withListed(help, modelled, version ? ['-h', 'help', 'version'] : []),
    help: { usage: [], raw: help },
    ...(version ? { version: SYSTEMD_VERSION, helpShort: 'h' } : {}),
  }
}
