// reboot: the machine goes down (units stop as at shutdown) and boots again; the terminal's
// session ends the way an ssh session does when the remote host closes it.

import type { CommandDef } from '../types.ts'
import { ExitShell } from '../../interp.ts'

export class Reboot extends ExitShell {}

export const reboot: CommandDef = {
  name: 'reboot',
  path: '/usr/sbin/reboot',
  summary: 'reboot the machine',
  run(ctx) {
    ctx.host.reboot()
    throw new Reboot(0)
  },
}
