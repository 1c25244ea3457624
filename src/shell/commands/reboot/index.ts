// reboot: the machine goes down (units stop as at shutdown) and boots again; the terminal's
// session ends the way an ssh session does when the remote host closes it. systemd 252's reboot
// is systemctl in halt mode: getopt_long over the options its help lists, no --version.

import { helpText, parseArgs } from '../../args/index.ts'
import { systemdArgs } from '../systemd-cli.ts'
import type { CommandDef } from '../types.ts'
import { ExitShell } from '../../interp.ts'
import { HELP } from './help.ts'

export class Reboot extends ExitShell {}

/** Only --help is modelled; the halt, power-off and wtmp options are known and refused. */
const ARGS = systemdArgs(HELP, { help: { long: 'help' } }, false)

export const reboot: CommandDef = {
  name: 'reboot',
  path: '/usr/sbin/reboot',
  summary: 'reboot the machine',
  args: ARGS,
  run(ctx) {
    const parsed = parseArgs(ctx, ARGS)
    if (typeof parsed === 'number') return parsed
    if (parsed.opts.help) {
      ctx.out(helpText(ARGS, ctx.argv[0]))
      return 0
    }
    ctx.host.reboot()
    throw new Reboot(0)
  },
}
