// What systemd 252's command-line tools (systemctl, journalctl, hostnamectl, reboot) share: the
// `--version` text of RHEL 9.4's build, and option declarations read from each tool's own --help
// text, so every option the real tool lists is known to the one parser. The tools parse with
// getopt_long and print glibc's message alone (no Try line), exit status 1.

import type { ArgSpec, OptDef, Options } from '../args/index.ts'

/** RHEL 9.4's systemd-252-32.el9_4: its version and the features it was built with, as a RHEL 9
 *  systemd 252 logs them at boot (`systemd 252-53.el9 running in system mode (+PAM … )`, the same
 *  build options): no AppArmor, GnuTLS and xkbcommon on, no iptables, QRencode or BPF framework. */
export const SYSTEMD_VERSION =
  'systemd 252 (252-32.el9_4)\n+PAM +AUDIT +SELINUX -APPARMOR +IMA +SMACK +SECCOMP +GCRYPT +GNUTLS +OPENSSL +ACL +BLKID +CURL +ELFUTILS +FIDO2 +IDN2 -IDN -IPTC +KMOD +LIBCRYPTSETUP +LIBFDISK +PCRE2 -PWQUALITY +P11KIT -QRENCODE +TPM2 +BZIP2 +LZ4 +XZ +ZLIB +ZSTD -BPF_FRAMEWORK +XKBCOMMON +UTMP +SYSVINIT default-hierarchy=unified\n'

/** An option line of a systemd help text: `  -t --type=TYPE  …`, `     --now  …`, `  -b --boot[=ID]`. */
const OPTION_LINE = /^ {2}(?:-([A-Za-z0-9]) ?)? *(?:--([a-z0-9-]+)(\[=|=)?)?/

/** Every option a help text lists, as declarations the lab does not model: its short letter, its
 *  long name, and whether it takes an argument (`=ARG` required, `[=ARG]` optional). */
export function listedOptions(help: string): Options {
  const out: Options = Object.create(null)
  for (const line of help.split('\n')) {
    const m = OPTION_LINE.exec(line)
    if (!m || (!m[1] && !m[2])) continue
    const def: OptDef = m[3] ? { arg: m[3] === '=' ? 'required' : 'optional', unsimulated: true } : { unsimulated: true }
    if (m[1]) def.short = m[1]
    if (m[2]) def.long = m[2]
    out[`listed ${m[2] ?? m[1]}`] = def
  }
  return out
}

/** A systemd tool's spec: the options the lab models, then the rest its help lists (unsimulated).
 *  A modelled option replaces the listed one of the same long name or letter. */
export function systemdArgs<O extends Options>(help: string, modelled: O, version = true): ArgSpec<O> {
  const taken = new Set(Object.values(modelled).flatMap((d) => [...(d.short ? [`-${d.short}`] : []), ...(typeof d.long === 'string' ? [d.long] : (d.long ?? []))]))
  const rest = Object.entries(listedOptions(help)).filter(([, d]) => !(d.short && taken.has(`-${d.short}`)) && !(typeof d.long === 'string' && taken.has(d.long)))
  // --help and --version come from the parser when the tool has a version to print.
  const standard = (d: OptDef) => version && (d.long === 'help' || d.long === 'version')
  return {
    usageStatus: 1,
    tryHelp: () => '',
    options: { ...modelled, ...Object.fromEntries(rest.filter(([, d]) => !standard(d))) } as O,
    help: { usage: [], raw: help },
    ...(version ? { version: SYSTEMD_VERSION, helpShort: 'h' } : {}),
  }
}
