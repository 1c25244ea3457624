// nmcli 1.46: the global options (options.ts), `general status`, `device status|show`,
// `connection show|reload|up|down|add|modify|delete`, the usage texts, and NetworkManager's error
// texts and exit codes (rhel9-network.md §2; src/nmcli/nmcli.h: 2 bad input, 4 activation
// failed, 10 not found). Tables and listings go through print.ts, the way nmc_print does.

import { parseCidr, parseIp } from '../../../net/addr.ts'
import { writeKeyfile, type Profile } from '../../../host/nm.ts'
import type { CommandContext, CommandDef } from '../types.ts'
import { isGlobalArg, isOption, matches, parseGlobal } from './options.ts'
import type { NmcConfig } from './print.ts'
import { connectionDetails, connectionList, deviceShow, deviceStatus, generalStatus } from './show.ts'
import { USAGE } from './usage.ts'

const abbrev = (word: string | undefined, full: string, min = 1) => !!word && word.length >= min && full.startsWith(word)

function modify(ctx: CommandContext, p: Profile, args: string[]): number {
  if (args.length % 2) {
    ctx.err(`Error: value for '${args[args.length - 1]}' is missing.\n`)
    return 2
  }
  for (let i = 0; i < args.length; i += 2) {
    const raw = args[i]
    const append = raw.startsWith('+')
    const prop = raw.replace(/^[+-]/, '')
    const value = args[i + 1]
    switch (prop) {
      case 'ipv4.addresses':
      case 'ipv4.address': {
        const list = []
        for (const item of value.split(/[,\s]+/).filter(Boolean)) {
          const [a, plen] = item.split('/')
          if (parseIp(a) === null) {
            ctx.err(`Error: failed to modify ipv4.addresses: invalid IP address: Invalid IPv4 address '${a}'.\n`)
            return 2
          }
          if (plen !== undefined && !(Number(plen) >= 0 && Number(plen) <= 32)) {
            ctx.err(`Error: failed to modify ipv4.addresses: invalid prefix '${plen}'; <0-32> allowed.\n`)
            return 2
          }
          list.push(parseCidr(item)!)
        }
        p.addresses = append ? [...p.addresses, ...list] : list
        break
      }
      case 'ipv4.gateway': {
        if (value === '') {
          p.gateway = null
          break
        }
        const gw = parseIp(value)
        if (gw === null) {
          ctx.err(`Error: failed to modify ipv4.gateway: invalid gateway address '${value}'.\n`)
          return 2
        }
        p.gateway = gw
        break
      }
      case 'ipv4.method':
        if (!['auto', 'manual', 'disabled', 'link-local', 'shared'].includes(value)) {
          ctx.err(`Error: failed to modify ipv4.method: '${value}' not among [auto, link-local, manual, shared, disabled].\n`)
          return 2
        }
        p.method = value
        break
      case 'ipv4.dns':
        p.dns = value.split(/[,\s]+/).map((x) => parseIp(x)).filter((x): x is number => x !== null)
        break
      default:
        ctx.err(`Error: invalid or not allowed setting '${prop.split('.')[0]}': '${prop.split('.')[0]}' not among [connection, 802-3-ethernet (ethernet), ipv4, ipv6, proxy].\n`)
        return 2
    }
  }
  if (p.gateway !== null && !p.addresses.length) {
    ctx.err(`Error: Failed to modify connection '${p.id}': ipv4.gateway: gateway cannot be set if there are no addresses configured\n`)
    return 1
  }
  const path = p.path ?? `/etc/NetworkManager/system-connections/${p.id}.nmconnection`
  p.path = path
  ctx.host.fs.write(path, writeKeyfile(p), 0o600)
  return 0
}

/** `nmcli connection add type ethernet|loopback con-name NAME ifname DEV [ipv4.* VALUE]...` */
function add(ctx: CommandContext, args: string[]): number {
  const nm = ctx.host.nm
  let type = ''
  let name = ''
  let ifname = ''
  const props: string[] = []
  for (let i = 0; i < args.length; i += 2) {
    const [k, v] = [args[i], args[i + 1]]
    if (v === undefined) {
      ctx.err(`Error: value for '${k}' is missing.\n`)
      return 2
    }
    if (k === 'type') type = v === 'loopback' ? 'loopback' : v === 'ethernet' || v === '802-3-ethernet' ? 'ethernet' : `!${v}`
    else if (k === 'con-name') name = v
    else if (k === 'ifname') ifname = v
    else props.push(k, v)
  }
  if (!type) {
    ctx.err("Error: argument 'type' is required.\n")
    return 2
  }
  if (type.startsWith('!')) {
    ctx.err(`Error: invalid or not allowed setting '${type.slice(1)}'.\n`)
    return 2
  }
  const id = name || (type === 'loopback' ? 'loopback' : `${type}-${ifname}`)
  const profile: Profile = { id, uuid: ctx.host.randomUuid(), type: type as Profile['type'], ifname: ifname || (type === 'loopback' ? 'lo' : ''), path: `/etc/NetworkManager/system-connections/${id}.nmconnection`, method: 'auto', addresses: [], gateway: null, dns: [], extra: new Map([['connection', new Map([['interface-name', ifname]])]]), timestamp: null, external: false }
  if (props.length) {
    const code = modify(ctx, profile, props)
    if (code) return code
    if (profile.addresses.length && profile.method === 'auto') profile.method = 'manual'
  }
  ctx.host.fs.write(profile.path!, writeKeyfile(profile), 0o600)
  nm.profiles.push(profile)
  ctx.out(`Connection '${id}' (${profile.uuid}) successfully added.\n`)
  // autoconnect: NetworkManager activates the new profile when its device is free (or only assumed).
  const current = nm.active.get(profile.ifname)
  if (ctx.host.ip.iface(profile.ifname) && (!current || current.profile.external)) nm.up(profile)
  return 0
}

/** nmc_arg_is_help: `help`, `-help`, `--help`, or a prefix of them. */
const isHelp = (word: string | undefined) => !!word && (matches(word, 'help') || (word[0] === '-' && matches(word.slice(1), 'help')) || (word.startsWith('--') && matches(word.slice(2), 'help')))

/** `connection show [--active] [id|uuid|path|apath] ID...`: the list, or each profile's details. */
function connectionShow(ctx: CommandContext, cfg: NmcConfig, args: string[]): number {
  let activeOnly = false
  const ids: string[] = []
  for (let i = 0; i < args.length; i++) {
    // The command's own --active is tried before the global -a/--ask (utils.c next_arg).
    if (isOption(args[i], 'active')) activeOnly = true
    else if (isGlobalArg(args[i])) continue
    else if (['id', 'uuid', 'path', 'apath'].includes(args[i]) && i + 1 < args.length) ids.push(args[++i])
    else ids.push(args[i])
  }
  if (!ids.length) return connectionList(ctx, cfg, activeOnly)
  const nm = ctx.host.nm
  let status = 0
  let first = true
  for (const id of ids) {
    const p = nm.find(id)
    if (!p || (activeOnly && !nm.deviceOf(p))) {
      ctx.err(`Error: ${id} - no such connection profile.\n`)
      return 10
    }
    if (!first) ctx.out('\n')
    first = false
    status = connectionDetails(ctx, cfg, p)
    if (status) return status
  }
  return status
}

const CONNECTION_HELP: [string, string, number][] = [
  ['show', USAGE.CONNECTION_SHOW, 1],
  ['up', USAGE.CONNECTION_UP, 1],
  ['down', USAGE.CONNECTION_DOWN, 1],
  ['add', USAGE.CONNECTION_ADD, 1],
  ['modify', USAGE.CONNECTION_MODIFY, 3],
  ['reload', USAGE.CONNECTION_RELOAD, 3],
  ['delete', USAGE.CONNECTION_DELETE, 1],
]

function connection(ctx: CommandContext, cfg: NmcConfig, all: string[]): number {
  const nm = ctx.host.nm
  // -a/--ask and -s/--show-secrets may stand between any two words (utils.c next_arg).
  const at = all.findIndex((a) => !isGlobalArg(a))
  const sub = at < 0 ? undefined : all[at]
  const rest = at < 0 ? [] : all.slice(at + 1)
  if (isHelp(sub)) return usage(ctx, USAGE.CONNECTION)
  const help = CONNECTION_HELP.find(([name, , min]) => abbrev(sub, name, min))
  if (help && isHelp(rest.find((a) => !isGlobalArg(a)))) return usage(ctx, help[1])
  if (!sub || abbrev(sub, 'show')) return connectionShow(ctx, cfg, rest)
  const args = [sub, ...rest.filter((a) => !isGlobalArg(a))]
  if (abbrev(sub, 'reload', 3)) {
    for (const problem of nm.reload()) ctx.host.note('nm.keyfile', `NetworkManager did not load ${problem}. nmcli says nothing about it (only the journal does); a keyfile must be owned by root with mode 600: chmod 600 the file, then nmcli connection reload.`, { problem })
    return 0
  }
  const target = args[1] === 'id' || args[1] === 'uuid' ? args[2] : args[1]
  if (abbrev(sub, 'up')) {
    if (!target) {
      ctx.err('Error: neither a valid connection nor device given.\n')
      return 10
    }
    const p = nm.find(target)
    if (!p) {
      ctx.err(`Error: unknown connection '${target}'.\n`)
      return 10
    }
    const r = nm.up(p)
    if (typeof r === 'string') {
      ctx.err(`Error: ${r}\nHint: use 'journalctl -xe NM_CONNECTION=${p.uuid} + NM_DEVICE=${p.ifname}' to get more details.\n`)
      return 4
    }
    ctx.out(`Connection successfully activated (D-Bus active path: /org/freedesktop/NetworkManager/ActiveConnection/${r})\n`)
    return 0
  }
  if (abbrev(sub, 'down')) {
    if (!target) {
      ctx.err('Error: No connection specified.\n')
      return 2
    }
    const p = nm.find(target)
    const path = p ? nm.down(p) : null
    if (path === null) {
      ctx.err(`Error: '${target}' is not an active connection.\nError: no active connection provided.\n`)
      return 10
    }
    ctx.out(`Connection '${p!.id}' successfully deactivated (D-Bus active path: /org/freedesktop/NetworkManager/ActiveConnection/${path})\n`)
    return 0
  }
  if (abbrev(sub, 'add')) return add(ctx, args.slice(1))
  if (abbrev(sub, 'delete')) {
    if (!target) {
      ctx.err('Error: No connection specified.\n')
      return 2
    }
    const p = nm.find(target)
    if (!p || p.external) {
      ctx.err(`Error: unknown connection '${target}'.\nError: cannot delete unknown connection(s): '${target}'.\n`)
      return 10
    }
    nm.down(p)
    if (p.path) ctx.host.fs.remove(p.path)
    nm.profiles = nm.profiles.filter((x) => x !== p)
    ctx.out(`Connection '${p.id}' (${p.uuid}) successfully deleted.\n`)
    return 0
  }
  if (abbrev(sub, 'modify', 3)) {
    if (!target) {
      ctx.err('Error: No connection specified.\n')
      return 2
    }
    const p = nm.find(target)
    if (!p) {
      ctx.err(`Error: unknown connection '${target}'.\n`)
      return 10
    }
    return modify(ctx, p, args.slice(args[1] === 'id' || args[1] === 'uuid' ? 3 : 2))
  }
  ctx.err(`Error: argument '${sub}' not understood. Try passing --help instead.\n`)
  return 2
}

function device(ctx: CommandContext, cfg: NmcConfig, all: string[]): number {
  const args = all.filter((a) => !isGlobalArg(a))
  const sub = args[0]
  if (isHelp(sub)) return usage(ctx, USAGE.DEVICE)
  if (!sub || abbrev(sub, 'status')) return isHelp(args[1]) ? usage(ctx, USAGE.DEVICE_STATUS) : deviceStatus(ctx, cfg, args.slice(1))
  if (abbrev(sub, 'show')) return isHelp(args[1]) ? usage(ctx, USAGE.DEVICE_SHOW) : deviceShow(ctx, cfg, args.slice(1))
  ctx.err(`Error: argument '${sub}' not understood. Try passing --help instead.\n`)
  return 2
}

function general(ctx: CommandContext, cfg: NmcConfig, all: string[]): number {
  const args = all.filter((a) => !isGlobalArg(a))
  const sub = args[0]
  if (isHelp(sub)) return usage(ctx, USAGE.GENERAL)
  if (!sub || abbrev(sub, 'status')) return isHelp(args[1]) ? usage(ctx, USAGE.GENERAL_STATUS) : generalStatus(ctx, cfg)
  ctx.err(`Error: argument '${sub}' not understood. Try passing --help instead.\n`)
  return 2
}

/** nmcli prints every usage text on stderr and exits 0. */
function usage(ctx: CommandContext, text: string): number {
  ctx.err(text)
  return 0
}

function run(ctx: CommandContext): number {
  const parsed = parseGlobal(ctx.argv.slice(1))
  if (parsed.kind === 'version') {
    // NetworkManager.spec builds with -Ddist_version=%{version}-%{release}: the RPM's full release.
    ctx.out('nmcli tool, version 1.46.0-8.el9_4\n')
    return 0
  }
  if (parsed.kind === 'help') return usage(ctx, USAGE.NMCLI)
  if (parsed.kind === 'error') {
    ctx.err(parsed.text + '\n')
    return 2
  }
  const { cfg, args } = parsed
  const obj = args[0]
  if (isHelp(obj)) return usage(ctx, USAGE.NMCLI)
  if (!obj || abbrev(obj, 'general')) return general(ctx, cfg, args.slice(1))
  if (abbrev(obj, 'connection')) return connection(ctx, cfg, args.slice(1))
  if (abbrev(obj, 'device')) return device(ctx, cfg, args.slice(1))
  ctx.err(`Error: argument '${obj}' not understood. Try passing --help instead.\n`)
  return 2
}

export const nmcli: CommandDef = {
  name: 'nmcli',
  path: '/usr/bin/nmcli',
  summary: 'command-line tool for controlling NetworkManager',
  completions: ['connection', 'device', 'show', 'reload', 'up', 'down', 'modify', 'status', 'ipv4.addresses', 'ipv4.gateway', 'ipv4.method'],
  run,
}
