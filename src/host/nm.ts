// NetworkManager 1.46 with keyfiles in /etc/NetworkManager/system-connections: profiles are read
// as NM reads them (0600 root-owned files only, `[ipv4] method` required, `addressN=ADDR/PLEN[,GW]`,
// `gateway=`, `dns=`), a keyfile change takes effect only after `nmcli connection reload` and `up`,
// and activation installs noprefixroute addresses plus metric-100 routes (rhel9-network.md §2).

import { broadcastOf, formatCidr, formatIp, networkOf, parseCidr, parseIp, type Cidr, type Ip } from '../net/addr.ts'
import type { FileSystem } from './fs.ts'
import type { Ipv4Stack } from './ipv4.ts'
import { table } from '../sim/table.ts'

export const KEYFILE_DIR = '/etc/NetworkManager/system-connections'

/** v3 UUIDs NetworkManager derives for keyfiles without `uuid=` (rhel9-network.md §2.7). */
const PATH_UUIDS = table<string>({
  [`${KEYFILE_DIR}/eth0.nmconnection`]: '7ba00b1d-8cdd-30da-91ad-bb83ed4f7474',
  [`${KEYFILE_DIR}/eth1.nmconnection`]: '5eb4da26-5d1d-30a5-8747-80181ed055fa',
  [`${KEYFILE_DIR}/lo.nmconnection`]: 'b2baf1f3-48fa-398c-a8e1-e2e1f6a15e21',
})

export interface Profile {
  id: string
  uuid: string
  type: 'ethernet' | 'loopback'
  ifname: string
  path: string | null
  method: string
  addresses: Cidr[]
  gateway: Ip | null
  dns: Ip[]
  /** Other keys of the file, group by group, kept for rewriting. */
  extra: Map<string, Map<string, string>>
  timestamp: number | null
  external: boolean
}

type Groups = Map<string, Map<string, string>>

export function parseKeyfile(text: string): Groups {
  const groups: Groups = new Map()
  let current: Map<string, string> | null = null
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    if (!line || line.startsWith('#') || line.startsWith(';')) continue
    const g = /^\[([^\]]+)\]$/.exec(line)
    if (g) {
      current = groups.get(g[1]) ?? new Map()
      groups.set(g[1], current)
      continue
    }
    const eq = line.indexOf('=')
    if (eq < 0 || !current) continue
    current.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim())
  }
  return groups
}

export type LoadResult = { profile: Profile } | { problem: string }

export function profileFromKeyfile(path: string, text: string, mode: number): LoadResult {
  if (mode & 0o077) return { problem: `File permissions (${(0o100000 | mode).toString(8)}) are insecure` }
  const g = parseKeyfile(text)
  const con = g.get('connection')
  const ipv4 = g.get('ipv4')
  if (!con) return { problem: 'invalid connection: connection.type: property is missing' }
  const rawType = con.get('type') ?? ''
  const type = rawType === 'ethernet' || rawType === '802-3-ethernet' ? 'ethernet' : rawType === 'loopback' ? 'loopback' : null
  if (!type) return { problem: `invalid connection: connection.type: property is missing` }
  if (ipv4 && !ipv4.has('method')) return { problem: 'invalid connection: ipv4.method: property is missing' }
  const addresses: Cidr[] = []
  let gateway: Ip | null = null
  for (let i = 1; i < 100; i++) {
    const v = ipv4?.get(`address${i}`) ?? (i === 1 ? ipv4?.get('address') : undefined)
    if (!v) continue
    const [addr, gw] = v.split(',')
    const c = parseCidr(addr.trim())
    if (!c) return { problem: `invalid connection: ipv4.addresses: invalid IP address '${addr}'` }
    addresses.push(c)
    if (gw && addresses.length === 1) gateway = parseIp(gw.trim())
  }
  const gwKey = ipv4?.get('gateway')
  if (gwKey) gateway = parseIp(gwKey)
  const dns = (ipv4?.get('dns') ?? '').split(/[;,]/).map((s) => parseIp(s.trim())).filter((x): x is Ip => x !== null)
  const file = path.slice(path.lastIndexOf('/') + 1)
  const id = con.get('id') ?? file.replace(/\.nmconnection$/, '')
  const extra: Groups = new Map()
  for (const [name, kv] of g) {
    const keep = new Map([...kv].filter(([key]) => !(name === 'ipv4' && (/^address\d*$/.test(key) || key === 'gateway' || key === 'dns' || key === 'method'))))
    extra.set(name, keep)
  }
  return {
    profile: {
      id,
      uuid: con.get('uuid') ?? PATH_UUIDS[path] ?? derivedUuid(path),
      type,
      ifname: con.get('interface-name') ?? (type === 'loopback' ? 'lo' : ''),
      path,
      method: ipv4?.get('method') ?? 'auto',
      addresses,
      gateway,
      dns,
      extra,
      timestamp: con.has('timestamp') ? Number(con.get('timestamp')) : null,
      external: false,
    },
  }
}

/** Stand-in for NM's MD5-based v3 UUID on paths outside the table above: stable, well-formed. */
function derivedUuid(path: string): string {
  let h1 = 0x811c9dc5
  let h2 = 0x01000193
  for (let i = 0; i < path.length; i++) {
    h1 = Math.imul(h1 ^ path.charCodeAt(i), 16777619) >>> 0
    h2 = Math.imul(h2 + path.charCodeAt(i), 2246822519) >>> 0
  }
  const hex = (h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0')).repeat(2)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-3${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

/** The keyfile NM 1.46 writes after `nmcli connection modify` (rhel9-network.md §2.7). */
export function writeKeyfile(p: Profile): string {
  const out: string[] = []
  const con = new Map(p.extra.get('connection') ?? [])
  con.delete('id')
  con.delete('uuid')
  con.delete('type')
  if (p.timestamp !== null) con.set('timestamp', String(p.timestamp))
  out.push('[connection]', `id=${p.id}`, `uuid=${p.uuid}`, `type=${p.type}`)
  for (const key of [...con.keys()].sort()) out.push(`${key}=${con.get(key)}`)
  out.push('', p.type === 'loopback' ? '[loopback]' : '[ethernet]')
  out.push('')
  const ipv4 = new Map(p.extra.get('ipv4') ?? [])
  p.addresses.forEach((a, i) => ipv4.set(`address${i + 1}`, i === 0 && p.gateway !== null ? `${formatCidr(a)},${formatIp(p.gateway)}` : formatCidr(a)))
  if (p.dns.length) ipv4.set('dns', p.dns.map(formatIp).join(';') + ';')
  ipv4.set('method', p.method)
  out.push('[ipv4]')
  for (const key of [...ipv4.keys()].sort()) out.push(`${key}=${ipv4.get(key)}`)
  out.push('', '[ipv6]', 'addr-gen-mode=default', 'method=auto', '', '[proxy]')
  return out.join('\n') + '\n'
}

interface Active {
  profile: Profile
  path: number
}

export class NetworkManager {
  profiles: Profile[] = []
  readonly active = new Map<string, Active>()
  private activations = 0

  constructor(
    private readonly fs: FileSystem,
    private readonly ip: Ipv4Stack,
    private readonly uuid: () => string,
    private readonly now: () => number,
  ) {}

  /** Reads every keyfile again; problems go to the journal only, as `nmcli connection reload` is silent. */
  reload(): string[] {
    const problems: string[] = []
    const kept = this.profiles.filter((p) => p.external)
    const loaded: Profile[] = []
    for (const name of this.fs.list(KEYFILE_DIR) ?? []) {
      if (!name.endsWith('.nmconnection')) continue
      const path = `${KEYFILE_DIR}/${name}`
      const node = this.fs.stat(path)
      if (node?.type !== 'file') continue
      const r = profileFromKeyfile(path, node.content, node.mode)
      if ('problem' in r) problems.push(`${path}: ${r.problem}`)
      else loaded.push(r.profile)
    }
    this.profiles = [...loaded, ...kept.filter((k) => !loaded.some((l) => l.id === k.id))]
    for (const [dev, a] of this.active) {
      const fresh = this.profiles.find((p) => p.uuid === a.profile.uuid)
      if (fresh) a.profile = fresh
      else if (!a.profile.external) this.active.delete(dev)
    }
    return problems
  }

  find(idOrUuid: string): Profile | undefined {
    return this.profiles.find((p) => p.id === idOrUuid) ?? this.profiles.find((p) => p.uuid === idOrUuid)
  }

  /** Activates a profile on its device; returns the D-Bus active-connection number. */
  up(p: Profile): number | string {
    const dev = p.ifname || (p.type === 'loopback' ? 'lo' : '')
    const iface = this.ip.iface(dev)
    if (!iface) return `Connection activation failed: No suitable device found for this connection (device ${dev} not available because profile is not compatible with device (mismatching interface name)).`
    if (p.method === 'manual' && p.addresses.length === 0) return 'Connection activation failed: ipv4.method: method \'manual\' requires at least an address or a route'
    this.deconfigure(dev)
    this.configure(dev, p)
    for (const [d, a] of this.active) if (a.profile === p && d !== dev) this.active.delete(d)
    const path = ++this.activations
    this.active.set(dev, { profile: p, path })
    // Every activation stamps the profile, the externally assumed lo's too (seen on NM 1.42).
    p.timestamp = this.now()
    return path
  }

  down(p: Profile): number | null {
    for (const [dev, a] of this.active) {
      if (a.profile === p) {
        this.deconfigure(dev)
        this.active.delete(dev)
        return a.path
      }
    }
    return null
  }

  activePath(p: Profile): number | null {
    for (const a of this.active.values()) if (a.profile === p) return a.path
    return null
  }

  deviceOf(p: Profile): string | null {
    for (const [dev, a] of this.active) if (a.profile === p) return dev
    return null
  }

  private metricFor(dev: string): number {
    const ethers = this.ip.ifaces.filter((i) => i.kind === 'ether').map((i) => i.name)
    return 100 + Math.max(0, ethers.indexOf(dev))
  }

  private configure(dev: string, p: Profile): void {
    const iface = this.ip.iface(dev)!
    const metric = this.metricFor(dev)
    for (const a of p.addresses) {
      if (iface.hasAddress(a.addr)) continue
      iface.addAddress({ ip: a.addr, plen: a.plen, brd: a.plen < 31 ? broadcastOf(a.addr, a.plen) : undefined, scope: a.addr >>> 24 === 127 ? 'host' : 'global', noprefixroute: true, owner: 'nm' })
    }
    if (iface.kind === 'loopback') return
    for (const a of iface.addrs.filter((x) => x.owner === 'nm' && !x.secondary)) {
      this.ip.routes.add({ dst: { addr: networkOf(a.ip, a.plen), plen: a.plen }, dev, proto: 'kernel', scope: 'link', src: a.ip, metric, owner: 'nm' })
    }
    if (p.gateway !== null) this.ip.routes.add({ dst: { addr: 0, plen: 0 }, via: p.gateway, dev, proto: 'static', scope: 'global', metric, owner: 'nm' })
  }

  private deconfigure(dev: string): void {
    const iface = this.ip.iface(dev)
    if (!iface) return
    iface.addrs = iface.addrs.filter((a) => a.owner !== 'nm' || (iface.kind === 'loopback' && a.ip === 0x7f000001))
    this.ip.routes.removeWhere((r) => r.dev === dev && r.owner === 'nm')
    this.ip.flushNeighbours(dev)
  }

  /** At boot: read keyfiles, activate what matches a device, and assume `lo` externally. */
  boot(): void {
    this.active.clear()
    this.activations = 0
    this.profiles = []
    this.reload()
    const lo: Profile = { id: 'lo', uuid: this.uuid(), type: 'loopback', ifname: 'lo', path: null, method: 'manual', addresses: [{ addr: 0x7f000001, plen: 8 }], gateway: null, dns: [], extra: new Map(), timestamp: this.now(), external: true }
    const loFile = this.profiles.find((p) => p.ifname === 'lo')
    if (loFile) this.up(loFile)
    else {
      this.profiles.push(lo)
      this.active.set('lo', { profile: lo, path: ++this.activations })
    }
    for (const p of this.profiles) if (p.type === 'ethernet' && this.ip.iface(p.ifname) && !this.deviceOf(p)) this.up(p)
  }
}
