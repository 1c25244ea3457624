// systemctl (systemd 252): start/stop/restart/reload, enable/disable with --now, status,
// is-active/is-enabled/is-failed, with RHEL 9's wording and exit statuses (rhel9-system.md §1).

import type { UnitDef } from '../../../host/systemd.ts'
import { parseArgs } from '../../args/index.ts'
import { systemdArgs } from '../systemd-cli.ts'
import type { CommandContext, CommandDef } from '../types.ts'
import { HELP } from './help.ts'

const VERBS = ['start', 'stop', 'restart', 'reload', 'try-restart', 'enable', 'disable', 'status', 'is-active', 'is-enabled', 'is-failed', 'daemon-reload', 'mask', 'unmask']

function unitName(name: string): string {
  return name.includes('.') ? name : `${name}.service`
}

/** The options the lab models; every other option systemctl's help lists is known and refused. */
const ARGS = systemdArgs(HELP, {
  now: { long: 'now' },
  quiet: { short: 'q', long: 'quiet' },
  noPager: { long: 'no-pager' },
  full: { short: 'l', long: 'full' },
  noBlock: { long: 'no-block' },
})

function run(ctx: CommandContext): number {
  const parsed = parseArgs(ctx, ARGS)
  if (typeof parsed === 'number') return parsed
  const now = parsed.opts.now
  const quiet = parsed.opts.quiet
  const words = parsed.operands
  const verb = words.shift()
  if (!verb) {
    ctx.out(`  UNIT                        LOAD   ACTIVE SUB     DESCRIPTION\n`)
    for (const name of ['firewalld', 'httpd', 'ipvsadm', 'NetworkManager', 'sshd']) {
      const def = ctx.host.systemd.resolve(name)
      if (!def) continue
      const st = ctx.host.systemd.state(def)
      if (st.active === 'inactive') continue
      const sub = st.active === 'failed' ? 'failed' : def.type === 'oneshot' ? 'exited' : 'running'
      ctx.out(`  ${`${name}.service`.padEnd(27)} loaded ${st.active.padEnd(6)} ${sub.padEnd(7)} ${def.description}\n`)
    }
    return 0
  }
  if (!VERBS.includes(verb)) {
    ctx.err(`Unknown command verb ${verb}.\n`)
    return 1
  }
  const sd = ctx.host.systemd
  if (verb === 'daemon-reload') return 0
  if (!words.length) {
    if (verb === 'status') {
      ctx.out(`● ${ctx.host.hostname.toLowerCase()}\n    State: running\n    Units: 241 loaded (incl. loaded aliases)\n     Jobs: 0 queued\n   Failed: 0 units\n  systemd: 252-32.el9_4\n`)
      return 0
    }
    ctx.err(`Too few arguments.\n`)
    return 1
  }
  switch (verb) {
    case 'start':
    case 'stop':
    case 'restart':
    case 'try-restart':
    case 'reload': {
      for (const w of words) {
        const def = sd.resolve(w)
        if (!def) {
          ctx.err(verb === 'stop' ? `Failed to stop ${unitName(w)}: Unit ${unitName(w)} not loaded.\n` : `Failed to ${verb} ${unitName(w)}: Unit ${unitName(w)} not found.\n`)
          return 5
        }
        const st = sd.state(def)
        if (verb === 'reload') {
          if (st.active !== 'active') {
            ctx.err(`${def.name}.service is not active, cannot reload.\n`)
            return 1
          }
          sd.log(def.name, 'systemd', `Reloading ${def.description}...`)
          sd.log(def.name, 'systemd', `Reloaded ${def.description}.`)
          continue
        }
        if (verb === 'stop') {
          sd.stop(def)
          continue
        }
        if (verb === 'restart' || verb === 'try-restart') {
          if (verb === 'try-restart' && st.active !== 'active') continue
          sd.stop(def)
        }
        if (!sd.start(def)) return startFailed(ctx, def)
      }
      return 0
    }
    case 'enable':
    case 'disable': {
      const defs: UnitDef[] = []
      for (const w of words) {
        const def = sd.resolve(w)
        if (!def) {
          ctx.err(`Failed to ${verb} unit: Unit file ${unitName(w)} does not exist.\n`)
          return 1
        }
        defs.push(def)
      }
      for (const def of defs) for (const line of verb === 'enable' ? sd.enable(def) : sd.disable(def)) ctx.err(line + '\n')
      if (now) {
        for (const def of defs) {
          if (verb === 'disable') sd.stop(def)
          else if (!sd.start(def)) return startFailed(ctx, def)
        }
      }
      return 0
    }
    case 'status': {
      let code = 0
      let first = true
      for (const w of words) {
        const def = sd.resolve(w)
        if (!def) {
          ctx.err(`Unit ${unitName(w)} could not be found.\n`)
          code = 4
          continue
        }
        if (!first) ctx.out('\n')
        first = false
        const s = sd.status(def)
        ctx.out(s.text)
        if (s.code) code = code || s.code
      }
      return code
    }
    case 'is-active':
    case 'is-failed': {
      let any = false
      for (const w of words) {
        const def = sd.resolve(w)
        const state = def ? sd.state(def).active : 'inactive'
        if (!quiet) ctx.out(state + '\n')
        if ((verb === 'is-active' && state === 'active') || (verb === 'is-failed' && state === 'failed')) any = true
      }
      return any ? 0 : verb === 'is-active' ? 3 : 1
    }
    case 'is-enabled': {
      let any = false
      for (const w of words) {
        const def = sd.resolve(w)
        if (!def) {
          ctx.err(`Failed to get unit file state for ${unitName(w)}: No such file or directory\n`)
          return 1
        }
        const enabled = sd.state(def).enabled
        if (!quiet) ctx.out((enabled ? 'enabled' : 'disabled') + '\n')
        if (enabled) any = true
      }
      return any ? 0 : 1
    }
    default:
      ctx.err(`Unknown command verb ${verb}.\n`)
      return 1
  }
}

function startFailed(ctx: CommandContext, def: UnitDef): number {
  ctx.err(`Job for ${def.name}.service failed because the control process exited with error code.\nSee "systemctl status ${def.name}.service" and "journalctl -xeu ${def.name}.service" for details.\n`)
  return 1
}

export const systemctl: CommandDef = {
  name: 'systemctl',
  path: '/usr/bin/systemctl',
  summary: 'Control the systemd system and service manager',
  completions: [...VERBS, 'firewalld', 'httpd', 'ipvsadm', 'NetworkManager'],
  args: ARGS,
  run,
}
