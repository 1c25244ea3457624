// uname (GNU coreutils 8.32): the kernel's name, node name, release, version and machine, as a
// Rocky Linux 9.4 host's kernel reports them; -a prints them all with the processor and
// hardware platform (x86_64 on RHEL, whose coreutils fills them in) and the operating system.

import { coreutilsFooter, coreutilsVersion, defineArgs, parseArgs, usageError } from '../../args/index.ts'
import { quote } from '../files.ts'
import type { CommandDef } from '../types.ts'

export const KERNEL_RELEASE = '5.14.0-427.13.1.el9_4.x86_64'
export const KERNEL_VERSION = '#1 SMP PREEMPT_DYNAMIC Wed May 1 19:11:28 UTC 2024'

const ARGS = defineArgs({
  usageStatus: 1,
  options: {
    all: { short: 'a', long: 'all', help: 'print all information, in the following order,\n  except omit -p and -i if unknown:' },
    kernelName: { short: 's', long: 'kernel-name', help: 'print the kernel name' },
    nodename: { short: 'n', long: 'nodename', help: 'print the network node hostname' },
    kernelRelease: { short: 'r', long: 'kernel-release', help: 'print the kernel release' },
    kernelVersion: { short: 'v', long: 'kernel-version', help: 'print the kernel version' },
    machine: { short: 'm', long: 'machine', help: 'print the machine hardware name' },
    processor: { short: 'p', long: 'processor', help: 'print the processor type (non-portable)' },
    platform: { short: 'i', long: 'hardware-platform', help: 'print the hardware platform (non-portable)' },
    os: { short: 'o', long: 'operating-system', help: 'print the operating system' },
  },
  help: { usage: ['Usage: %s [OPTION]...'], intro: 'Print certain system information.  With no OPTION, same as -s.\n\n', outro: coreutilsFooter('uname') },
  version: coreutilsVersion('uname', 'David MacKenzie'),
})

export const uname: CommandDef = {
  name: 'uname',
  path: '/usr/bin/uname',
  rpm: 'coreutils',
  summary: 'print system information',
  args: ARGS,
  run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    if (a.operands.length) return usageError(ctx, ARGS, `extra operand ${quote(a.operands[0])}`)
    const o = a.opts
    const fields: [boolean, string][] = [
      [o.kernelName, 'Linux'],
      [o.nodename, ctx.host.hostname.toLowerCase()],
      [o.kernelRelease, KERNEL_RELEASE],
      [o.kernelVersion, KERNEL_VERSION],
      [o.machine, 'x86_64'],
      [o.processor, 'x86_64'],
      [o.platform, 'x86_64'],
      [o.os, 'GNU/Linux'],
    ]
    const any = fields.some(([on]) => on)
    const shown = fields.filter(([on], i) => on || o.all || (!any && i === 0)).map(([, v]) => v)
    ctx.out(shown.join(' ') + '\n')
    return 0
  },
}
