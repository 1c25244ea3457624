// nmcli 1.46: connection show|reload|up|down|modify, device status, with NetworkManager's table
// layout (every column padded one past its widest cell, the last separator chopped) and its error
// texts and exit codes (rhel9-network.md §2).

import { formatCidr, formatIp, parseCidr, parseIp } from '../../../net/addr.ts'
import { writeKeyfile, type Profile } from '../../../host/nm.ts'
import type { CommandContext, CommandDef } from '../types.ts'

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)) + 1)
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join(' ')
  return [line(headers), ...rows.map(line)].join('\n') + '\n'
}

const abbrev = (word: string | undefined, full: string, min = 1) => !!word && word.length >= min && full.startsWith(word)

function profileType(p: Profile): string {
  return p.type === 'loopback' ? 'loopback' : 'ethernet'
}

function showAll(ctx: CommandContext): number {
  const nm = ctx.host.nm
  const active = nm.profiles.filter((p) => nm.deviceOf(p))
  const inactive = nm.profiles.filter((p) => !nm.deviceOf(p))
  const hasDefault = (p: Profile) => p.gateway !== null
  active.sort((a, b) => Number(a.external) - Number(b.external) || Number(hasDefault(b)) - Number(hasDefault(a)) || a.id.localeCompare(b.id))
  inactive.sort((a, b) => a.id.localeCompare(b.id))
  const rows = [...active, ...inactive].map((p) => [p.id, p.uuid, profileType(p), nm.deviceOf(p) ?? '--'])
  ctx.out(table(['NAME', 'UUID', 'TYPE', 'DEVICE'], rows))
  return 0
}

function kv(key: string, value: string): string {
  return `${(key + ':').padEnd(40)}${value}\n`
}

function showOne(ctx: CommandContext, p: Profile): number {
  const nm = ctx.host.nm
  const dev = nm.deviceOf(p)
  let out = ''
  out += kv('connection.id', p.id)
  out += kv('connection.uuid', p.uuid)
  out += kv('connection.stable-id', '--')
  out += kv('connection.type', p.type === 'loopback' ? 'loopback' : '802-3-ethernet')
  out += kv('connection.interface-name', p.ifname || '--')
  out += kv('connection.autoconnect', 'yes')
  out += kv('connection.autoconnect-priority', '0')
  out += kv('connection.timestamp', String(p.timestamp ?? 0))
  out += kv('connection.zone', '--')
  out += kv('ipv4.method', p.method)
  out += kv('ipv4.dns', p.dns.length ? p.dns.map(formatIp).join(',') : '--')
  out += kv('ipv4.dns-search', '--')
  out += kv('ipv4.addresses', p.addresses.length ? p.addresses.map(formatCidr).join(', ') : '--')
  out += kv('ipv4.gateway', p.gateway !== null ? formatIp(p.gateway) : '--')
  out += kv('ipv4.routes', '--')
  out += kv('ipv4.route-metric', '-1')
  out += kv('ipv6.method', 'auto')
  out += kv('ipv6.addr-gen-mode', 'default')
  if (dev) {
    out += kv('GENERAL.NAME', p.id)
    out += kv('GENERAL.UUID', p.uuid)
    out += kv('GENERAL.DEVICES', dev)
    out += kv('GENERAL.IP-IFACE', dev)
    out += kv('GENERAL.STATE', 'activated')
    out += kv('GENERAL.DEFAULT', p.gateway !== null ? 'yes' : 'no')
    out += kv('GENERAL.DBUS-PATH', `/org/freedesktop/NetworkManager/ActiveConnection/${nm.activePath(p)}`)
    const iface = ctx.host.ip.iface(dev)!
    iface.addrs.forEach((a, i) => (out += kv(`IP4.ADDRESS[${i + 1}]`, `${formatIp(a.ip)}/${a.plen}`)))
    out += kv('IP4.GATEWAY', p.gateway !== null ? formatIp(p.gateway) : '--')
    p.dns.forEach((d, i) => (out += kv(`IP4.DNS[${i + 1}]`, formatIp(d))))
  }
  ctx.out(out)
  return 0
}

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

function connection(ctx: CommandContext, args: string[]): number {
  const nm = ctx.host.nm
  const sub = args[0]
  if (!sub || abbrev(sub, 'show')) {
    const id = args[1] === 'id' || args[1] === 'uuid' ? args[2] : args[1]
    if (!id) return showAll(ctx)
    const p = nm.find(id)
    if (!p) {
      ctx.err(`Error: ${id} - no such connection profile.\n`)
      return 10
    }
    return showOne(ctx, p)
  }
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

function device(ctx: CommandContext, args: string[]): number {
  const sub = args[0]
  if (sub && !abbrev(sub, 'status')) {
    ctx.err(`Error: argument '${sub}' not understood. Try passing --help instead.\n`)
    return 2
  }
  const nm = ctx.host.nm
  const rows = ctx.host.ip.ifaces.map((i) => {
    const active = nm.active.get(i.name)
    const type = i.kind === 'loopback' ? 'loopback' : i.kind === 'ipip' ? 'iptunnel' : 'ethernet'
    if (active) return [i.name, type, active.profile.external ? 'connected (externally)' : 'connected', active.profile.id]
    if (i.kind === 'ipip') return [i.name, type, 'unmanaged', '--']
    return [i.name, type, 'disconnected', '--']
  })
  const rank = (r: string[]) => (r[2] === 'connected' ? 0 : r[2].startsWith('connected') ? 1 : r[2] === 'disconnected' ? 2 : 3)
  rows.sort((a, b) => rank(a) - rank(b) || a[0].localeCompare(b[0]))
  ctx.out(table(['DEVICE', 'TYPE', 'STATE', 'CONNECTION'], rows))
  return 0
}

function run(ctx: CommandContext): number {
  const args = ctx.argv.slice(1).filter((a) => a !== '-p' && a !== '--pretty')
  const obj = args[0]
  if (!obj || abbrev(obj, 'general')) {
    ctx.out(table(['STATE', 'CONNECTIVITY', 'WIFI-HW', 'WIFI', 'WWAN-HW', 'WWAN'], [['connected', 'limited', 'missing', 'enabled', 'missing', 'enabled']]))
    return 0
  }
  if (abbrev(obj, 'connection')) return connection(ctx, args.slice(1))
  if (abbrev(obj, 'device')) return device(ctx, args.slice(1))
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
