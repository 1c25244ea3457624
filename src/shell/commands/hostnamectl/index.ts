// hostnamectl (systemd 252 on Rocky 9.4): the host's identity as `hostnamectl status` prints it
// for a KVM guest, and `hostnamectl hostname` its name. The machine and boot IDs are derived
// from the host's name and boot count, so a reboot gives a new boot ID as on a real host.
// Changing the name is not modelled: the lab's topology names its hosts.

import { parseArgs } from '../../args/index.ts'
import { systemdArgs } from '../systemd-cli.ts'
import type { CommandContext, CommandDef } from '../types.ts'
import { KERNEL_RELEASE } from '../uname/index.ts'
import { HELP } from './help.ts'

/** No option changes what the lab's hostnamectl does: each one its help lists is known and refused. */
const ARGS = systemdArgs(HELP, {})

function hexId(seed: string): string {
  let out = ''
  let h = 2166136261
  for (let round = 0; out.length < 32; round++) {
    for (const c of `${seed}:${round}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0
    out += h.toString(16).padStart(8, '0')
  }
  return out.slice(0, 32)
}

function status(ctx: CommandContext): string {
  const rows: [string, string][] = [
    ['Static hostname', ctx.host.hostname.toLowerCase()],
    ['Icon name', 'computer-vm'],
    ['Chassis', 'vm 🖴'],
    ['Machine ID', hexId(`machine:${ctx.host.hostname}`)],
    ['Boot ID', hexId(`boot:${ctx.host.hostname}:${ctx.host.bootCount}`)],
    ['Virtualization', 'kvm'],
    ['Operating System', 'Rocky Linux 9.4 (Blue Onyx)'],
    ['CPE OS Name', 'cpe:/o:rocky:rocky:9::baseos'],
    ['Kernel', `Linux ${KERNEL_RELEASE}`],
    ['Architecture', 'x86-64'],
    ['Hardware Vendor', 'QEMU'],
    ['Hardware Model', 'Standard PC _i440FX + PIIX, 1996_'],
    ['Firmware Version', '1.16.3-2.el9'],
  ]
  return rows.map(([k, v]) => `${k.padStart(16)}: ${v}\n`).join('')
}

export const hostnamectl: CommandDef = {
  name: 'hostnamectl',
  path: '/usr/bin/hostnamectl',
  rpm: 'systemd',
  summary: 'Query the system hostname',
  completions: ['status', 'hostname'],
  args: ARGS,
  run(ctx) {
    const parsed = parseArgs(ctx, ARGS)
    if (typeof parsed === 'number') return parsed
    const verbs = parsed.operands
    const verb = verbs[0] ?? 'status'
    if (verb === 'status' && verbs.length <= 1) {
      ctx.out(status(ctx))
      return 0
    }
    if (verb === 'hostname' && verbs.length === 1) {
      ctx.out(ctx.host.hostname.toLowerCase() + '\n')
      return 0
    }
    if (verb === 'hostname' || verb === 'set-hostname') {
      ctx.err('Could not set hostname: the lab names its hosts in its topology; use this host as it is named.\n')
      return 1
    }
    ctx.err(`Unknown command verb ${verb}.\n`)
    return 1
  },
}
