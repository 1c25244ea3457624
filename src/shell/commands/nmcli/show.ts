// What nmcli shows: `general status`, `device status`, `device show [DEV]`, `connection show
// [--active] [ID...]`, each through the one printer (print.ts) with nmcli's field tables
// (fields.ts), its default fields and errors (general.c show_nm_status; devices.c
// do_devices_status, do_device_show, show_device_info; connections.c do_connections_show).
// Values are NetworkManager's view of the lab's host: its profiles and active connections
// (host/nm.ts), the interfaces, addresses and routes of the IPv4 stack.

import { formatCidr, formatIp } from '../../../net/addr.ts'
import type { Profile } from '../../../host/nm.ts'
import type { Iface } from '../../../host/iface.ts'
import { RT_TABLE } from '../../../host/routes.ts'
import { strftime } from '../../text/date.ts'
import { linkLocal } from '../../../host/inet6.ts'
import type { CommandContext } from '../types.ts'
import { CON_ACTIVE_GROUPS, CON_SHOW, CON_SHOW_COMMON, DEVICE_SECTIONS, DEVICE_SECTIONS_COMMON, DEVICE_STATUS, DEVICE_STATUS_COMMON, GENERAL_STATUS, GENERAL_STATUS_ALL, GENERAL_STATUS_COMMON } from './fields.ts'
import { FieldError, printTable, selectFields, type Field, type NmcConfig, type Value } from './print.ts'

const DBUS = '/org/freedesktop/NetworkManager'

/** `-f common` or none gives the command's default list, `-f all` every field. */
function chosen(cfg: NmcConfig, common: string | null): string | null {
  if (cfg.fields === null || cfg.fields.toLowerCase() === 'common') return common
  if (cfg.fields.toLowerCase() === 'all') return null
  return cfg.fields
}

const bool = (b: boolean) => (b ? 'yes' : 'no')

// ---- general status --------------------------------------------------------------------------

export function generalStatus(ctx: CommandContext, cfg: NmcConfig): number {
  const list = cfg.fields === null || cfg.fields.toLowerCase() === 'common' ? GENERAL_STATUS_COMMON : cfg.fields.toLowerCase() === 'all' ? GENERAL_STATUS_ALL : cfg.fields
  // The lab's NetworkManager runs no connectivity check and has no radios: values as a RHEL 9
  // server VM reports them. VERSION is the daemon's upstream version [derived].
  const values = new Map([['RUNNING', 'running'], ['VERSION', '1.46.0'], ['STATE', 'connected'], ['STARTUP', 'started'], ['CONNECTIVITY', 'limited'], ['NETWORKING', 'enabled'], ['WIFI-HW', 'missing'], ['WIFI', 'enabled'], ['WWAN-HW', 'missing'], ['WWAN', 'enabled']])
  try {
    ctx.out(printTable(cfg, 'NetworkManager status', GENERAL_STATUS, list, [null], (_, [name]) => values.get(name) ?? null))
  } catch (e) {
    if (!(e instanceof FieldError)) throw e
    ctx.err(`Error: only these fields are allowed: ${GENERAL_STATUS_ALL}\n`)
    return 2
  }
  return 0
}

// ---- devices ---------------------------------------------------------------------------------

interface Device {
  iface: Iface
  type: string
  nmType: string
  state: string
  code: number
  profile: Profile | null
  path: number | null
}

/** Every interface as NetworkManager lists it (devices.c compare_devices: by state, then name). */
export function devices(ctx: CommandContext): Device[] {
  const nm = ctx.host.nm
  const list = ctx.host.ip.ifaces.map((iface): Device => {
    const active = nm.active.get(iface.name)
    const [type, nmType] = iface.kind === 'loopback' ? ['loopback', 'NMDeviceLoopback'] : iface.kind === 'ipip' ? ['iptunnel', 'NMDeviceIPTunnel'] : ['ethernet', 'NMDeviceEthernet']
    const base = { iface, type, nmType, profile: active?.profile ?? null, path: active?.path ?? null }
    if (active) return { ...base, state: active.profile.external ? 'connected (externally)' : 'connected', code: 100 }
    if (iface.kind === 'ipip') return { ...base, state: 'unmanaged', code: 10 }
    return { ...base, state: 'disconnected', code: 30 }
  })
  const rank = (d: Device) => (d.state === 'connected' ? 0 : d.code === 100 ? 1 : d.state === 'disconnected' ? 2 : 3)
  return list.sort((a, b) => rank(a) - rank(b) || a.iface.name.localeCompare(b.iface.name))
}

export function deviceStatus(ctx: CommandContext, cfg: NmcConfig, args: string[]): number {
  if (args.length) {
    ctx.err(`Error: invalid extra argument '${args[0]}'.\n`)
    return 2
  }
  const value = (d: Device, [name]: string[]): Value => {
    switch (name) {
      case 'DEVICE': return d.iface.name
      case 'TYPE': return d.type
      case 'STATE': return d.state
      case 'DBUS-PATH': return `${DBUS}/Devices/${d.iface.index}`
      case 'CONNECTION': return d.profile?.id ?? null
      case 'CON-UUID': return d.profile?.uuid ?? null
      case 'CON-PATH': return d.path === null ? null : `${DBUS}/ActiveConnection/${d.path}`
    }
    return null
  }
  try {
    ctx.out(printTable(cfg, 'Status of devices', DEVICE_STATUS, chosen(cfg, DEVICE_STATUS_COMMON), devices(ctx), value))
  } catch (e) {
    if (!(e instanceof FieldError)) throw e
    ctx.err(`Error: 'device status': ${e.message}\n`)
    return 2
  }
  return 0
}

/** NetworkManager's IPv4/IPv6 configuration of a device: the addresses and main-table routes the
 *  kernel has on it (NM mirrors the platform), the DNS servers of its active profile. */
function ipValue(ctx: CommandContext, d: Device, family: 'IP4' | 'IP6', name: string): Value {
  const { iface } = d
  if (family === 'IP4') {
    const routes = ctx.host.ip.routes.routes.filter((r) => r.dev === iface.name && (r.table ?? RT_TABLE.MAIN) === RT_TABLE.MAIN && r.type !== 'local')
    switch (name) {
      case 'ADDRESS': return iface.addrs.map((a) => `${formatIp(a.ip)}/${a.plen}`)
      case 'GATEWAY': {
        const gw = routes.find((r) => r.dst.plen === 0 && r.via !== undefined)
        return gw ? formatIp(gw.via!) : null
      }
      case 'ROUTE': return routes.map((r) => `dst = ${formatCidr(r.dst)}, nh = ${r.via !== undefined ? formatIp(r.via) : '0.0.0.0'}, mt = ${r.metric ?? 0}`)
      case 'DNS': return (d.profile?.dns ?? []).map(formatIp)
    }
    return []
  }
  // IPv6 is not simulated beyond what `ip addr` shows: ::1 on lo, a link-local address on an
  // active Ethernet, each with the kernel's prefix route (metric 256 on lo, 1024 for fe80::/64).
  const ether = iface.kind === 'ether' && iface.up && d.profile !== null
  switch (name) {
    case 'ADDRESS': return iface.kind === 'loopback' ? ['::1/128'] : ether ? [`${linkLocal(ctx.host.hostname, iface.name)}/64`] : []
    case 'GATEWAY': return null
    case 'ROUTE': return iface.kind === 'loopback' ? ['dst = ::1/128, nh = ::, mt = 256'] : ether ? ['dst = fe80::/64, nh = ::, mt = 1024'] : []
  }
  return []
}

function generalValue(d: Device, name: string): Value {
  const { iface } = d
  switch (name) {
    case 'DEVICE':
    case 'IP-IFACE':
      return iface.name
    case 'TYPE': return d.type
    case 'NM-TYPE': return d.nmType
    case 'DBUS-PATH': return `${DBUS}/Devices/${iface.index}`
    // NetworkManager prints the kernel's link address in capitals; tunl0's is four zero bytes.
    case 'HWADDR': return iface.kind === 'ipip' ? '00:00:00:00' : iface.mac.toUpperCase()
    case 'MTU': return String(iface.mtu)
    case 'STATE': return `${d.code} (${d.state})`
    case 'REASON': return '0 (No reason given)'
    case 'IS-SOFTWARE': return bool(iface.kind === 'ipip')
    case 'NM-MANAGED': return bool(d.code !== 10)
    case 'AUTOCONNECT': return 'yes'
    case 'FIRMWARE-MISSING':
    case 'NM-PLUGIN-MISSING':
      return 'no'
    case 'CONNECTION': return d.profile?.id ?? null
    case 'CON-UUID': return d.profile?.uuid ?? null
    case 'CON-PATH': return d.path === null ? null : `${DBUS}/ActiveConnection/${d.path}`
    case 'METERED': return d.state === 'connected' && iface.kind === 'ether' ? 'no (guessed)' : 'unknown'
  }
  return null
}

function sectionValue(ctx: CommandContext, d: Device, [group, name]: string[]): Value {
  const up = d.iface.up
  switch (group) {
    case 'GENERAL': return generalValue(d, name)
    case 'INTERFACE-FLAGS': return bool(name === 'PROMISC' ? d.iface.promiscuity > 0 : up)
    case 'WIRED-PROPERTIES': return name === 'CARRIER' ? (up ? 'on' : 'off') : []
    case 'IP4':
    case 'IP6':
      return ipValue(ctx, d, group, name)
  }
  return null
}

/** The sections a device has: wired properties only on Ethernet, no Wi-Fi, bond or DHCP here. */
function hasSection(d: Device, section: string): boolean {
  if (section === 'WIRED-PROPERTIES') return d.type === 'ethernet'
  return ['GENERAL', 'CAPABILITIES', 'INTERFACE-FLAGS', 'IP4', 'IP6', 'CONNECTIONS'].includes(section)
}

/** A main header alone, as print_required_fields prints it in pretty mode. */
function mainHeader(cfg: NmcConfig, header: string): string {
  if (cfg.print !== 'pretty') return ''
  const hw = header.length + 4
  const tw = cfg.multiline ? Math.max(hw, 79) : hw
  const line = '='.repeat(cfg.multiline ? 79 : tw)
  return `${line}\n${header.padStart(Math.floor((tw + header.length) / 2))}\n${line}\n`
}

/** Sections one at a time (show_device_info), a blank line between them in a table. */
function printSections<T>(cfg: NmcConfig, groups: Field[], sel: { field: Field; sub: string | null }[], target: T, has: (section: string) => boolean, get: (t: T, path: string[]) => Value): string {
  let out = ''
  let was = false
  for (const s of sel) {
    if (cfg.print !== 'terse' && !cfg.multiline && was) out += '\n'
    was = false
    if (!has(s.field.name)) continue
    const one = groups.filter((g) => g === s.field)
    out += printTable(cfg, null, one, s.sub === null ? s.field.name : `${s.field.name}.${s.sub}`, [target], get)
    was = true
  }
  return out
}

export function deviceShow(ctx: CommandContext, cfg: NmcConfig, args: string[]): number {
  if (!cfg.modeSet) cfg = { ...cfg, multiline: true }
  let list = devices(ctx)
  if (args.length) {
    const d = list.find((x) => x.iface.name === args[0])
    if (!d) {
      ctx.err(`Error: Device '${args[0]}' not found.\n`)
      return 10
    }
    if (args.length > 1) {
      ctx.err(`Error: invalid extra argument '${args[1]}'.\n`)
      return 2
    }
    list = [d]
  }
  let sel
  try {
    sel = selectFields(DEVICE_SECTIONS, chosen(cfg, DEVICE_SECTIONS_COMMON), true)
  } catch (e) {
    if (!(e instanceof FieldError)) throw e
    ctx.err(`Error: 'device show': ${e.message}\n`)
    return 2
  }
  const parts: string[] = []
  for (const d of list) {
    try {
      parts.push(mainHeader(cfg, `Device details (${d.iface.name})`) + printSections(cfg, DEVICE_SECTIONS, sel, d, (s) => hasSection(d, s), (t, path) => sectionValue(ctx, t, path)))
    } catch (e) {
      if (!(e instanceof FieldError)) throw e
      ctx.out(parts.join('\n'))
      ctx.err(`Error: 'device show': ${e.message}\n`)
      return 2
    }
  }
  ctx.out(parts.join('\n'))
  return 0
}

// ---- connections -----------------------------------------------------------------------------

/** Active profiles first (own before external, the default route's first), then by name (connections.c). */
export function sortedProfiles(ctx: CommandContext): Profile[] {
  const nm = ctx.host.nm
  const active = nm.profiles.filter((p) => nm.deviceOf(p))
  const inactive = nm.profiles.filter((p) => !nm.deviceOf(p))
  const hasDefault = (p: Profile) => p.gateway !== null
  active.sort((a, b) => Number(a.external) - Number(b.external) || Number(hasDefault(b)) - Number(hasDefault(a)) || a.id.localeCompare(b.id))
  inactive.sort((a, b) => a.id.localeCompare(b.id))
  return [...active, ...inactive]
}

/** The D-Bus path of a profile: NetworkManager numbers them as it loads them [derived]. */
const settingsPath = (ctx: CommandContext, p: Profile) => `${DBUS}/Settings/${ctx.host.nm.profiles.indexOf(p) + 1}`

function conValue(ctx: CommandContext, cfg: NmcConfig, p: Profile, name: string): Value {
  const nm = ctx.host.nm
  const dev = nm.deviceOf(p)
  const path = nm.activePath(p)
  switch (name) {
    case 'NAME': return p.id
    case 'UUID': return p.uuid
    // A table for people says "ethernet"; terse output gives the setting's name.
    case 'TYPE': return p.type === 'loopback' ? 'loopback' : cfg.print === 'terse' ? '802-3-ethernet' : 'ethernet'
    case 'TIMESTAMP': return String(p.timestamp ?? 0)
    case 'TIMESTAMP-REAL': return p.timestamp ? strftime('%c', p.timestamp) : 'never'
    case 'AUTOCONNECT': return 'yes'
    case 'AUTOCONNECT-PRIORITY': return '0'
    case 'READONLY': return 'no'
    case 'DBUS-PATH': return settingsPath(ctx, p)
    case 'ACTIVE': return bool(dev !== null)
    case 'DEVICE': return dev
    case 'STATE': return dev ? 'activated' : null
    case 'ACTIVE-PATH': return path === null ? null : `${DBUS}/ActiveConnection/${path}`
    case 'SLAVE': return null
    // An externally activated profile (lo) lives in memory only [derived: no keyfile].
    case 'FILENAME': return p.path
  }
  return null
}

export function connectionList(ctx: CommandContext, cfg: NmcConfig, activeOnly: boolean): number {
  const nm = ctx.host.nm
  const list = sortedProfiles(ctx).filter((p) => !activeOnly || nm.deviceOf(p))
  try {
    ctx.out(printTable(cfg, activeOnly ? 'NetworkManager active profiles' : 'NetworkManager connection profiles', CON_SHOW, chosen(cfg, CON_SHOW_COMMON), list, (p, [name]) => conValue(ctx, cfg, p, name)))
  } catch (e) {
    if (!(e instanceof FieldError)) throw e
    ctx.err(`Error: 'connection show': ${e.message}\n`)
    return 2
  }
  return 0
}

/** The properties of a profile the lab models, setting by setting, in nm-meta-setting-desc.c's
 *  order; the real listing has many more (802-3-ethernet, proxy, every ipv4/ipv6 property). */
const PROFILE_SETTINGS: Field[] = [
  { name: 'connection', header: 'name', nested: ['id', 'uuid', 'stable-id', 'type', 'interface-name', 'autoconnect', 'autoconnect-priority', 'timestamp', 'zone'].map((name) => ({ name })) },
  { name: 'ipv4', header: 'name', nested: ['method', 'dns', 'dns-search', 'addresses', 'gateway', 'routes', 'route-metric'].map((name) => ({ name })) },
  { name: 'ipv6', header: 'name', nested: ['method', 'addr-gen-mode'].map((name) => ({ name })) },
]

function profileValue(p: Profile, [setting, name]: string[]): Value {
  switch (`${setting}.${name}`) {
    case 'connection.id': return p.id
    case 'connection.uuid': return p.uuid
    case 'connection.type': return p.type === 'loopback' ? 'loopback' : '802-3-ethernet'
    case 'connection.interface-name': return p.ifname || null
    case 'connection.autoconnect': return 'yes'
    case 'connection.autoconnect-priority': return '0'
    case 'connection.timestamp': return String(p.timestamp ?? 0)
    case 'ipv4.method': return p.method
    case 'ipv4.dns': return p.dns.length ? p.dns.map(formatIp).join(',') : null
    case 'ipv4.addresses': return p.addresses.length ? p.addresses.map(formatCidr).join(', ') : null
    case 'ipv4.gateway': return p.gateway !== null ? formatIp(p.gateway) : null
    case 'ipv4.route-metric': return '-1'
    case 'ipv6.method': return 'auto'
    case 'ipv6.addr-gen-mode': return 'default'
  }
  return null
}

function activeValue(ctx: CommandContext, p: Profile, dev: Device, [group, name]: string[]): Value {
  if (group === 'IP4' || group === 'IP6') return ipValue(ctx, dev, group, name)
  const path = ctx.host.nm.activePath(p)
  switch (name) {
    case 'NAME': return p.id
    case 'UUID': return p.uuid
    case 'DEVICES':
    case 'IP-IFACE':
      return dev.iface.name
    case 'STATE': return 'activated'
    case 'DEFAULT': return bool(p.gateway !== null)
    case 'DEFAULT6':
    case 'VPN':
      return 'no'
    case 'DBUS-PATH': return `${DBUS}/ActiveConnection/${path}`
    case 'CON-PATH': return settingsPath(ctx, p)
  }
  return null
}

/**
 * `-f` for one profile: setting names and `setting.property` for the profile, GENERAL, IP4…
 * for its activation, or `profile`/`active` alone (connections.c split_required_fields_for_con_show).
 * What the lab does not model, or cannot tell from a real name, is refused, not guessed.
 */
function splitDetailFields(list: string | null): { profile: Part; active: Part } {
  if (list === null || /^(all|common)$/i.test(list)) return { profile: null, active: null }
  const profile: string[] = []
  const active: string[] = []
  let groupProfile = false
  let groupActive = false
  for (const raw of list.split(',')) {
    const item = raw.trim()
    if (!item) continue
    const [head, sub] = item.split('.', 2)
    const setting = PROFILE_SETTINGS.find((s) => s.name === head.toLowerCase())
    if (setting && (sub === undefined || setting.nested!.some((f) => f.name === sub.toLowerCase()))) profile.push(item)
    else if (CON_ACTIVE_GROUPS.some((g) => g.name === head.toUpperCase())) active.push(item)
    else if (/^profile$/i.test(item)) groupProfile = true
    else if (/^active$/i.test(item)) groupActive = true
    else throw new FieldError(`field '${item}' is not simulated in LVS Lab (only the connection.*, ipv4.* and ipv6.* properties the lab models, and GENERAL, IP4, IP6)`)
  }
  if (groupProfile && profile.length) throw new FieldError("'profile' has to be alone")
  if (groupActive && active.length) throw new FieldError("'active' has to be alone")
  const part = (all: boolean, list: string[]): Part => (all ? null : list.length ? list.join(',') : false)
  return { profile: part(groupProfile, profile), active: part(groupActive, active) }
}

/** What to print of one part of `connection show ID`: all of it (null), these fields, or nothing. */
type Part = string | null | false

export function connectionDetails(ctx: CommandContext, cfg: NmcConfig, p: Profile): number {
  if (!cfg.modeSet) cfg = { ...cfg, multiline: true }
  const devName = ctx.host.nm.deviceOf(p)
  const dev = devName ? devices(ctx).find((d) => d.iface.name === devName) : undefined
  let out = ''
  try {
    const split = splitDetailFields(cfg.fields)
    if (split.profile !== false) {
      out += mainHeader(cfg, `Connection profile details (${p.id})`)
      out += printSections(cfg, PROFILE_SETTINGS, selectFields(PROFILE_SETTINGS, split.profile, false), p, () => true, profileValue)
    }
    if (dev && split.active !== false) {
      // A table leaves a blank line between groups, the profile's last and the activation's first.
      if (out && cfg.print !== 'terse' && !cfg.multiline) out += '\n'
      out += mainHeader(cfg, `Active connection details (${p.id})`)
      out += printSections(cfg, CON_ACTIVE_GROUPS, selectFields(CON_ACTIVE_GROUPS, split.active, false), p, (s) => ['GENERAL', 'IP4', 'IP6'].includes(s), (t, path) => activeValue(ctx, t, dev, path))
    }
  } catch (e) {
    if (!(e instanceof FieldError)) throw e
    ctx.err(`Error: ${e.message}.\n`)
    return 2
  }
  ctx.out(out)
  return 0
}
