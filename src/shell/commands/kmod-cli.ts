// What kmod 28's modprobe and rmmod share: the `--version` text of RHEL 9's build and a spec
// declaring every option the tool's --help lists. They parse with getopt_long, print glibc's
// message alone on a usage error and exit 1; `-h`/`--help` and `-V`/`--version` print and exit 0.

import { withListed } from '../args/listed.ts'
import type { ArgSpec, Options } from '../args/index.ts'

/** RHEL 9's kmod-28 is built with zstd, xz, zlib and OpenSSL (`kmod --version` on a RHEL 9 host:
 *  `+ZSTD +XZ +ZLIB +LIBCRYPTO -EXPERIMENTAL`); Debian's lacks zlib. */
export const KMOD_VERSION = 'kmod version 28\n+ZSTD +XZ +ZLIB +LIBCRYPTO -EXPERIMENTAL\n'

export function kmodArgs<O extends Options>(help: string, modelled: O): ArgSpec<O> {
  return {
    usageStatus: 1,
    tryHelp: () => '',
    options: withListed(help, modelled, ['-h', '-V', 'help', 'version']),
    help: { usage: [], raw: help },
    version: KMOD_VERSION,
    helpShort: 'h',
    versionShort: 'V',
  }
}
