// ipvsadm 1.31's command line, parsed the way popt and parse_options do it (ipvsadm.md §1): the
// first option must be a command, short options bundle and take glued arguments, long options
// match exactly, -p takes an optional value, values are validated in command-line order, every
// option may appear once, leftovers are errors. Then the command/option compatibility matrix and
// the semantic checks of process_options, in that order, each with ipvsadm's text and status.

import { popt } from '../../args/popt.ts'
import type { ArgSpec } from '../../args/spec.ts'
import { parseIp, type Ip } from '../../../net/addr.ts'

export type CmdName =
  | 'add-service'
  | 'edit-service'
  | 'delete-service'
  | 'flush'
  | 'restore'
  | 'save'
  | 'add-server'
  | 'edit-server'
  | 'delete-server'
  | 'list'
  | 'zero'
  | 'set'
  | 'start-daemon'
  | 'stop-daemon'
  | 'help'
  | 'version'
  | 'add-laddr'
  | 'del-laddr'
  | 'get-laddr'

type ArgKind = 'none' | 'required' | 'optional'

interface OptDef {
  short?: string
  long: string
  /** The command it selects, for command options. */
  cmd?: CmdName
  /** The name used in error messages; undefined for options that may repeat (-6, --sort). */
  optname?: string
  arg: ArgKind
}

const OPTIONS: OptDef[] = [
  { short: 'A', long: 'add-service', cmd: 'add-service', arg: 'none' },
  { short: 'E', long: 'edit-service', cmd: 'edit-service', arg: 'none' },
  { short: 'D', long: 'delete-service', cmd: 'delete-service', arg: 'none' },
  { short: 'C', long: 'clear', cmd: 'flush', arg: 'none' },
  { short: 'R', long: 'restore', cmd: 'restore', arg: 'none' },
  { short: 'S', long: 'save', cmd: 'save', arg: 'none' },
  { short: 'a', long: 'add-server', cmd: 'add-server', arg: 'none' },
  { short: 'e', long: 'edit-server', cmd: 'edit-server', arg: 'none' },
  { short: 'd', long: 'delete-server', cmd: 'delete-server', arg: 'none' },
  { short: 'L', long: 'list', cmd: 'list', arg: 'none' },
  { short: 'l', long: 'list', cmd: 'list', arg: 'none' },
  { short: 'Z', long: 'zero', cmd: 'zero', arg: 'none' },
  { long: 'set', cmd: 'set', arg: 'none' },
  { long: 'start-daemon', cmd: 'start-daemon', arg: 'required' },
  { long: 'stop-daemon', cmd: 'stop-daemon', arg: 'required' },
  { short: 'h', long: 'help', cmd: 'help', arg: 'none' },
  { short: 'v', long: 'version', cmd: 'version', arg: 'none' },
  { short: 't', long: 'tcp-service', optname: 'service-address', arg: 'required' },
  { short: 'u', long: 'udp-service', optname: 'service-address', arg: 'required' },
  { long: 'sctp-service', optname: 'service-address', arg: 'required' },
  { short: 'f', long: 'fwmark-service', optname: 'service-address', arg: 'required' },
  { short: '6', long: 'ipv6', arg: 'none' },
  { short: 's', long: 'scheduler', optname: 'scheduler', arg: 'required' },
  { short: 'p', long: 'persistent', optname: 'persistent', arg: 'optional' },
  { short: 'M', long: 'netmask', optname: 'netmask', arg: 'required' },
  { long: 'pe', optname: 'pe', arg: 'required' },
  { short: 'b', long: 'sched-flags', optname: 'sched-flags', arg: 'required' },
  { short: 'o', long: 'ops', optname: 'ops', arg: 'none' },
  { short: 'r', long: 'real-server', optname: 'real-server', arg: 'required' },
  { short: 'g', long: 'gatewaying', optname: 'forwarding-method', arg: 'none' },
  { short: 'i', long: 'ipip', optname: 'forwarding-method', arg: 'none' },
  { short: 'm', long: 'masquerading', optname: 'forwarding-method', arg: 'none' },
  { short: 'w', long: 'weight', optname: 'weight', arg: 'required' },
  { short: 'x', long: 'u-threshold', optname: 'u-threshold', arg: 'required' },
  { short: 'y', long: 'l-threshold', optname: 'l-threshold', arg: 'required' },
  { long: 'tun-type', optname: 'tun-type', arg: 'required' },
  { long: 'tun-port', optname: 'tun-port', arg: 'required' },
  { long: 'tun-nocsum', optname: 'tun-nocsum', arg: 'none' },
  { long: 'tun-csum', optname: 'tun-csum', arg: 'none' },
  { long: 'tun-remcsum', optname: 'tun-remcsum', arg: 'none' },
  { short: 'n', long: 'numeric', optname: 'numeric', arg: 'none' },
  { short: 'c', long: 'connection', optname: 'connection', arg: 'none' },
  { long: 'timeout', optname: 'timeout', arg: 'none' },
  { long: 'daemon', optname: 'daemon', arg: 'none' },
  { long: 'stats', optname: 'stats', arg: 'none' },
  { long: 'rate', optname: 'rate', arg: 'none' },
  { long: 'thresholds', optname: 'thresholds', arg: 'none' },
  { long: 'persistent-conn', optname: 'persistent-conn', arg: 'none' },
  { long: 'tun-info', optname: 'tun-info', arg: 'none' },
  { long: 'nosort', optname: 'nosort', arg: 'none' },
  { long: 'sort', arg: 'none' },
  { short: 'X', long: 'exact', optname: 'exact', arg: 'none' },
  { long: 'syncid', optname: 'syncid', arg: 'required' },
  { long: 'sync-maxlen', optname: 'sync-maxlen', arg: 'required' },
  { long: 'mcast-interface', optname: 'mcast-interface', arg: 'required' },
  { long: 'mcast-group', optname: 'mcast-group', arg: 'required' },
  { long: 'mcast-port', optname: 'mcast-port', arg: 'required' },
  { long: 'mcast-ttl', optname: 'mcast-ttl', arg: 'required' },
]

/** DPVS's ipvsadm (ipvsadm.md §6): -b is FULLNAT, plus the local-address pool commands. */
const DPVS_OPTIONS: OptDef[] = [
  ...OPTIONS.filter((o) => o.short !== 'b' && o.long !== 'pe'),
  { short: 'b', long: 'fullnat', optname: 'forwarding-method', arg: 'none' },
  { short: 'P', long: 'add-laddr', cmd: 'add-laddr', arg: 'none' },
  { short: 'Q', long: 'del-laddr', cmd: 'del-laddr', arg: 'none' },
  { short: 'G', long: 'get-laddr', cmd: 'get-laddr', arg: 'none' },
  { short: 'z', long: 'laddr', optname: 'local-address', arg: 'required' },
  { short: 'F', long: 'ifname', optname: 'ifname', arg: 'required' },
]

/** Column order of the compatibility check (ipvsadm.md §1.4). */
const COLUMNS = ['numeric', 'connection', 'service-address', 'scheduler', 'persistent', 'netmask', 'real-server', 'forwarding-method', 'weight', 'u-threshold', 'l-threshold', 'mcast-interface', 'timeout', 'daemon', 'stats', 'rate', 'thresholds', 'persistent-conn', 'nosort', 'syncid', 'exact', 'ops', 'pe', 'sched-flags', 'mcast-group', 'mcast-port', 'mcast-ttl', 'sync-maxlen', 'tun-info', 'tun-type', 'tun-port', 'tun-nocsum', 'tun-csum', 'tun-remcsum', 'local-address', 'ifname']

const SERVER_OPTIONAL = ['forwarding-method', 'weight', 'u-threshold', 'l-threshold', 'tun-type', 'tun-port', 'tun-nocsum', 'tun-csum', 'tun-remcsum']
const MATRIX: Partial<Record<CmdName, { required: string[]; optional: string[]; oneOf?: string[] }>> = {
  'add-service': { required: ['service-address'], optional: ['scheduler', 'persistent', 'netmask', 'ops', 'pe', 'sched-flags'] },
  'edit-service': { required: ['service-address'], optional: ['scheduler', 'persistent', 'netmask', 'ops', 'pe', 'sched-flags'] },
  'delete-service': { required: ['service-address'], optional: [] },
  flush: { required: [], optional: [] },
  list: { required: [], optional: ['numeric', 'stats', 'rate', 'thresholds', 'persistent-conn', 'nosort', 'syncid', 'exact', 'tun-info'], oneOf: ['connection', 'service-address', 'timeout', 'daemon'] },
  'add-server': { required: ['service-address', 'real-server'], optional: SERVER_OPTIONAL },
  'edit-server': { required: ['service-address', 'real-server'], optional: SERVER_OPTIONAL },
  'delete-server': { required: ['service-address', 'real-server'], optional: [] },
  set: { required: [], optional: [] },
  'start-daemon': { required: [], optional: ['mcast-interface', 'syncid', 'mcast-group', 'mcast-port', 'mcast-ttl', 'sync-maxlen'] },
  'stop-daemon': { required: [], optional: ['syncid'] },
  restore: { required: [], optional: [] },
  save: { required: [], optional: ['numeric'] },
  zero: { required: [], optional: ['service-address'] },
  'add-laddr': { required: ['service-address', 'local-address', 'ifname'], optional: [] },
  'del-laddr': { required: ['service-address', 'local-address', 'ifname'], optional: [] },
  'get-laddr': { required: [], optional: ['service-address'] },
}

const TUN_CSUM = ['tun-nocsum', 'tun-csum', 'tun-remcsum'] as const

export type Fail = { fail: string; status: number }

export interface SvcArg {
  kind: 'tcp' | 'udp' | 'sctp' | 'fwm'
  addr: Ip
  port: number
  fwmark: number
}

export interface Parsed {
  cmd: CmdName
  prog: string
  svc?: SvcArg
  scheduler?: string
  persistent?: number
  netmask?: Ip
  pe?: string
  schedFlags?: string[]
  ops: boolean
  server?: { addr: Ip; port: number; portGiven: boolean }
  fwd?: 'masq' | 'droute' | 'tunnel' | 'fullnat'
  laddr?: Ip
  ifname?: string
  weight?: number
  uThreshold?: number
  lThreshold?: number
  tunType?: 'ipip' | 'gue' | 'gre'
  tunPort?: number
  tunCsum: ('tun-nocsum' | 'tun-csum' | 'tun-remcsum')[]
  numeric: boolean
  connection: boolean
  timeoutList: boolean
  daemonList: boolean
  format: 'default' | 'stats' | 'rate' | 'thresholds' | 'persistent-conn' | 'tun-info'
  nosort: boolean
  exact: boolean
  daemonType?: 'master' | 'backup'
  syncid?: number
  mcastInterface?: string
  syncMaxlen?: number
  mcastGroup?: Ip
  mcastPort?: number
  mcastTtl?: number
  setTimeouts?: [number, number, number]
  given: Set<string>
}

/** Name lookups the parser needs from the host (/etc/hosts, /etc/services). */
export interface Resolver {
  host(name: string): Ip | null
  port(name: string, proto: 'tcp' | 'udp' | 'sctp'): number | null
}

/** inet_aton: a, a.b, a.b.c or a.b.c.d, each part decimal, octal (0…) or hex (0x…). */
export function inetAton(text: string): Ip | null {
  const plain = parseIp(text)
  if (plain !== null && !/(^|\.)0\d/.test(text)) return plain
  const parts = text.split('.')
  if (parts.length > 4 || parts.some((p) => p === '')) return null
  const nums: number[] = []
  for (const p of parts) {
    let n: number
    if (/^0[xX][0-9a-fA-F]*$/.test(p)) n = parseInt(p.slice(2) || '0', 16)
    else if (/^0[0-7]*$/.test(p)) n = parseInt(p, 8)
    else if (/^[1-9][0-9]*$/.test(p)) n = parseInt(p, 10)
    else return null
    nums.push(n)
  }
  const last = nums.pop()!
  if (nums.some((n) => n > 255)) return null
  const lastMax = 2 ** (8 * (4 - nums.length)) - 1
  if (last > lastMax) return null
  let v = 0
  nums.forEach((n, i) => (v += n * 2 ** (8 * (3 - i))))
  return (v + last) >>> 0
}

function parseHostPort(text: string, proto: 'tcp' | 'udp' | 'sctp', r: Resolver): { addr: Ip; port: number; portGiven: boolean } | null {
  if (text.startsWith('[')) return null
  const colon = text.lastIndexOf(':')
  const host = colon < 0 ? text : text.slice(0, colon)
  const portText = colon < 0 ? null : text.slice(colon + 1)
  if (/^\d+$/.test(host)) return null
  const addr = inetAton(host) ?? r.host(host)
  if (addr === null) return null
  if (portText === null) return { addr, port: 0, portGiven: false }
  let port: number | null
  if (/^\d+$/.test(portText)) port = Number(portText) <= 65535 ? Number(portText) : null
  else port = r.port(portText, proto)
  if (port === null) return null
  return { addr, port, portGiven: true }
}

const specs = new WeakMap<OptDef[], ArgSpec>()

/** The table as shell/args' declaration, keyed by position, for its popt tokenizer. */
function poptSpec(options: OptDef[]): ArgSpec {
  let spec = specs.get(options)
  if (!spec) {
    spec = { flavour: 'popt', usageStatus: 255, options: Object.fromEntries(options.map((o, i) => [String(i), { short: o.short, long: o.long, ...(o.arg === 'none' ? {} : { arg: o.arg }) }])) }
    specs.set(options, spec)
  }
  return spec
}

function uint(text: string, min: number, max: number): number | null {
  if (!/^\d+$/.test(text)) return null
  const n = Number(text)
  return n >= min && n <= max ? n : null
}

const TRY_HELP = (prog: string): Fail => ({ fail: `Try \`${prog} -h' or '${prog} --help' for more information.`, status: 255 })

export function parseIpvsadm(argv: string[], r: Resolver, dpvs = false): Parsed | Fail {
  const options = dpvs ? DPVS_OPTIONS : OPTIONS
  const prog = argv[0]
  const words = argv.slice(1)
  const p: Parsed = { cmd: 'list', prog, ops: false, tunCsum: [], numeric: false, connection: false, timeoutList: false, daemonList: false, format: 'default', nosort: false, exact: false, given: new Set() }
  if (!words.length) return p
  const leftovers: string[] = []
  let sawCommand = false
  let svcProto: 'tcp' | 'udp' | 'sctp' = 'tcp'
  const fmt: string[] = []

  const apply = (opt: OptDef, word: string, value: string | undefined): Fail | null => {
    if (!sawCommand) {
      if (!opt.cmd) return TRY_HELP(prog)
      sawCommand = true
      p.cmd = opt.cmd
      if (opt.cmd === 'start-daemon' || opt.cmd === 'stop-daemon') {
        if (value !== 'master' && value !== 'backup') return { fail: opt.cmd === 'start-daemon' ? 'illegal start-daemon parameter specified' : 'illegal start_daemon specified', status: 2 }
        p.daemonType = value
      }
      return null
    }
    if (opt.cmd) return { fail: `invalid option \`${word}'`, status: 2 }
    if (opt.optname) {
      if (p.given.has(opt.optname)) return { fail: `multiple '${opt.optname}' options specified`, status: 2 }
      p.given.add(opt.optname)
    }
    const v = value ?? ''
    switch (opt.long) {
      case 'tcp-service':
      case 'udp-service':
      case 'sctp-service': {
        svcProto = opt.long === 'tcp-service' ? 'tcp' : opt.long === 'udp-service' ? 'udp' : 'sctp'
        const hp = parseHostPort(v, svcProto, r)
        if (!hp) return { fail: 'illegal virtual server address[:port] specified', status: 2 }
        p.svc = { kind: svcProto, addr: hp.addr, port: hp.port, fwmark: 0 }
        return null
      }
      case 'fwmark-service': {
        const n = uint(v, 1, 4294967295)
        if (n === null) return { fail: `invalid fwmark value \`${v}' specified`, status: 2 }
        p.svc = { kind: 'fwm', addr: 0, port: 0, fwmark: n }
        return null
      }
      case 'ipv6':
        if (p.svc?.kind !== 'fwm') return { fail: '-6 used before -f\n', status: 2 }
        return { fail: 'Operation not supported with specified address family', status: 255 }
      case 'scheduler':
        p.scheduler = v.slice(0, 15)
        return null
      case 'persistent': {
        // IPVS_SVC_PERSISTENT_TIMEOUT (libipvs.h): 6 minutes.
        if (value === undefined) p.persistent = 360
        else {
          const n = uint(v, 1, 2678400)
          if (n === null) return { fail: `invalid timeout value \`${v}' specified`, status: 2 }
          p.persistent = n
        }
        return null
      }
      case 'netmask': {
        const m = inetAton(v) ?? r.host(v)
        if (m === null) return { fail: 'illegal virtual server persistent mask specified', status: 2 }
        p.netmask = m
        return null
      }
      case 'pe':
        p.pe = v
        return null
      case 'sched-flags':
        p.schedFlags = v.split(',')
        return null
      case 'ops':
        p.ops = true
        return null
      case 'real-server': {
        const hp = parseHostPort(v, svcProto, r)
        if (!hp) return { fail: 'illegal real server address[:port] specified', status: 2 }
        p.server = { ...hp, port: hp.portGiven ? hp.port : (p.svc?.port ?? 0) }
        return null
      }
      case 'gatewaying':
        p.fwd = 'droute'
        return null
      case 'ipip':
        p.fwd = 'tunnel'
        return null
      case 'masquerading':
        p.fwd = 'masq'
        return null
      case 'fullnat':
        p.fwd = 'fullnat'
        return null
      case 'laddr': {
        const ip = inetAton(v)
        if (ip === null) return { fail: 'illegal local address', status: 2 }
        p.laddr = ip
        return null
      }
      case 'ifname':
        p.ifname = v
        return null
      case 'weight': {
        // The man page says 0-65535; the recorded 1.31 takes any int (the kernel's weight is one).
        const n = uint(v, 0, 2147483647)
        if (n === null) return { fail: 'illegal weight specified', status: 2 }
        p.weight = n
        return null
      }
      case 'u-threshold':
      case 'l-threshold': {
        const n = uint(v, 0, 2147483647)
        if (n === null) return { fail: `illegal ${opt.long === 'u-threshold' ? 'u' : 'l'}_threshold specified`, status: 2 }
        if (opt.long === 'u-threshold') p.uThreshold = n
        else p.lThreshold = n
        return null
      }
      case 'tun-type':
        if (v !== 'ipip' && v !== 'gue' && v !== 'gre') return { fail: 'illegal tunnel type specified', status: 2 }
        p.tunType = v
        return null
      case 'tun-port': {
        const n = uint(v, 1, 65535)
        if (n === null) return { fail: 'illegal tunnel port specified', status: 2 }
        p.tunPort = n
        return null
      }
      case 'tun-nocsum':
      case 'tun-csum':
      case 'tun-remcsum':
        p.tunCsum.push(opt.long)
        return null
      case 'numeric':
        p.numeric = true
        return null
      case 'connection':
        p.connection = true
        return null
      case 'timeout':
        p.timeoutList = true
        return null
      case 'daemon':
        p.daemonList = true
        return null
      case 'stats':
      case 'rate':
      case 'thresholds':
      case 'persistent-conn':
      case 'tun-info':
        fmt.push(opt.long)
        return null
      case 'nosort':
        p.nosort = true
        return null
      case 'exact':
        p.exact = true
        return null
      case 'syncid': {
        const n = uint(v, 0, 255)
        if (n === null) return { fail: 'illegal syncid specified', status: 2 }
        p.syncid = n
        return null
      }
      case 'sync-maxlen': {
        const n = uint(v, 1, 65507)
        if (n === null) return { fail: 'illegal sync-maxlen specified', status: 2 }
        p.syncMaxlen = n
        return null
      }
      case 'mcast-interface':
        p.mcastInterface = v.slice(0, 15)
        return null
      case 'mcast-group': {
        const ip = parseIp(v)
        if (ip === null) return { fail: `invalid IPv4 mcast-group \`${v}'`, status: 2 }
        p.mcastGroup = ip
        return null
      }
      case 'mcast-port': {
        const n = uint(v, 1, 65535)
        if (n === null) return { fail: 'illegal mcast-port specified', status: 2 }
        p.mcastPort = n
        return null
      }
      case 'mcast-ttl': {
        const n = uint(v, 1, 255)
        if (n === null) return { fail: 'illegal mcast-ttl specified', status: 2 }
        p.mcastTtl = n
        return null
      }
    }
    return null
  }

  const poptError = (word: string, message: string): Fail => (sawCommand ? { fail: `${word}: ${message}`, status: 255 } : TRY_HELP(prog))

  const tokens = popt(poptSpec(options), words)
  for (const t of tokens.tokens) {
    if (t.kind === 'operand') {
      leftovers.push(t.word)
      continue
    }
    const f = apply(options[Number(t.key)], t.name.startsWith('--') ? t.word : t.name, t.value)
    if (f) return f
    // parse_options prints the help or the version as soon as it meets the option.
    if (p.cmd === 'help' || p.cmd === 'version') return p
  }
  if (tokens.error) return poptError(tokens.error.word, tokens.error.message)
  if (!sawCommand) return TRY_HELP(prog)
  if (p.cmd === 'help' || p.cmd === 'version') return p

  if (p.cmd === 'set') {
    if (leftovers.length < 3) return { fail: '--set option requires 3 timeout values', status: 2 }
    const vals: number[] = []
    for (const w of leftovers.splice(0, 3)) {
      const n = uint(w, 0, 2678400)
      if (n === null) return { fail: `invalid timeout value \`${w}' specified`, status: 2 }
      vals.push(n)
    }
    p.setTimeouts = vals as [number, number, number]
  }
  if (leftovers.length) return { fail: `unexpected argument ${leftovers[0]}`, status: 2 }
  for (const f of ['stats', 'rate', 'thresholds', 'persistent-conn', 'tun-info']) {
    if (fmt.includes(f)) {
      p.format = f as Parsed['format']
      break
    }
  }

  // Compatibility matrix.
  const m = MATRIX[p.cmd]!
  let exclusive: string | null = null
  for (const col of COLUMNS) {
    const has = p.given.has(col)
    if (m.required.includes(col)) {
      if (!has) return { fail: `You need to supply the '${col}' option for the '${p.cmd}' command`, status: 2 }
      continue
    }
    if (!has) continue
    if (m.oneOf?.includes(col)) {
      if (exclusive) return { fail: `The option '${col}' conflicts with the '${exclusive}' option in the '${p.cmd}' command`, status: 2 }
      exclusive = col
      continue
    }
    if (!m.optional.includes(col)) return { fail: `Illegal '${col}' option with the '${p.cmd}' command`, status: 2 }
  }

  // Semantic checks of process_options.
  if (p.cmd === 'add-service' || p.cmd === 'edit-service') {
    p.scheduler ??= 'wlc'
    if (p.svc && p.svc.kind !== 'fwm' && p.svc.port === 0 && p.persistent === undefined) return { fail: 'Zero port specified for non-persistent service', status: 2 }
    if (p.ops && p.svc && p.svc.kind !== 'fwm' && p.svc.kind !== 'udp') return { fail: 'One-Packet Scheduling is only for UDP virtual services', status: 2 }
    if (p.schedFlags) {
      for (const f of p.schedFlags) {
        if (!['flag-1', 'flag-2', 'flag-3', 'sh-fallback', 'sh-port', 'mh-fallback', 'mh-port'].includes(f)) return { fail: `invalid scheduler flag \`${f}'`, status: 2 }
        if ((f.startsWith('sh-') && p.scheduler !== 'sh') || (f.startsWith('mh-') && p.scheduler !== 'mh')) return { fail: `incompatible scheduler flag \`${f}'`, status: 2 }
      }
    }
  }
  if (p.cmd === 'add-server' || p.cmd === 'edit-server') {
    p.fwd ??= 'droute'
    if ((p.fwd === 'droute' || p.fwd === 'tunnel') && p.svc?.kind !== 'fwm' && p.server) p.server.port = p.svc!.port
    const tunOpts = ['tun-type', 'tun-port', 'tun-nocsum', 'tun-csum', 'tun-remcsum'].filter((o) => p.given.has(o))
    if (tunOpts.length && p.fwd !== 'tunnel') return { fail: 'Tunnel options conflict with forward method', status: 2 }
    const type = p.tunType ?? 'ipip'
    const allowed: Record<string, string[]> = { ipip: [], gue: ['tun-port', 'tun-nocsum', 'tun-csum', 'tun-remcsum'], gre: ['tun-nocsum', 'tun-csum'] }
    if (type === 'gue' && !p.given.has('tun-port')) return { fail: "You need to supply the 'tun-port' option for the 'gue' tunnel type", status: 2 }
    for (const o of ['tun-port', 'tun-nocsum', 'tun-csum', 'tun-remcsum']) if (p.given.has(o) && !allowed[type].includes(o)) return { fail: `Illegal '${o}' option with the '${type}' tunnel type`, status: 2 }
    // tunnel_opt_check scans its columns in table order, not in command-line order.
    const csum = TUN_CSUM.filter((o) => p.given.has(o))
    if (csum.length > 1) return { fail: `The option '${csum[1]}' conflicts with the '${csum[0]}' option in the '${type}' tunnel type`, status: 2 }
  }
  if (p.cmd === 'list') {
    if ((p.connection || p.timeoutList || p.daemonList) && fmt.some((f) => ['stats', 'rate', 'thresholds'].includes(f))) return { fail: 'options conflicts in the list command', status: 2 }
    if ((p.timeoutList || p.daemonList) && fmt.includes('persistent-conn')) return { fail: 'options conflicts in the list command', status: 2 }
  }
  return p
}
