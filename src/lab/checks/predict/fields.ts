// The fields a learner predicts (schema.ts PREDICT_FIELDS): how each is read from a frame, how an
// answer is understood, and how a value is said. An answer is the value itself (a MAC, an address,
// a number), a host of the lab (`rs2`: its MAC on the frame's network, or its addresses; `lvs:eth1`
// for one interface), `same` (unchanged from the arriving packet), `new` (a port the director
// picks) or `none` (no outer header, no TOA option). Matching is on values, so any spelling of the
// right value counts.

import { formatIp, parseIp, type Ip } from '../../../net/addr.ts'
import { PROTO_GRE, PROTO_UDP, type EthernetFrame, type Ipv4Packet, type TcpSegment } from '../../../net/packet.ts'
import type { Lab } from '../../lab.ts'
import type { PredictField } from '../../lessons/schema.ts'
import { say, same, type LocalText } from '../text.ts'

/** One side of the rewrite: the frame and the client's packet inside it. */
export interface Side {
  frame: EthernetFrame & { payload: Ipv4Packet }
  /** The outer header TUN added, or null. */
  outer: Ipv4Packet | null
  inner: Ipv4Packet
  tcp: TcpSegment | null
  encap: 'ipip' | 'gre' | 'gue' | null
}

export function sideOf(frame: EthernetFrame & { payload: Ipv4Packet }): Side {
  const p = frame.payload
  let inner = p
  let encap: Side['encap'] = null
  if (p.payload.kind === 'ipv4') {
    inner = p.payload
    encap = p.proto === PROTO_GRE ? 'gre' : 'ipip'
  } else if (p.proto === PROTO_UDP && p.payload.kind === 'udp' && p.payload.gue) {
    inner = p.payload.gue
    encap = 'gue'
  }
  return { frame, outer: encap ? p : null, inner, tcp: inner.payload.kind === 'tcp' ? inner.payload : null, encap }
}

/** A field's value as a plain string (the form of `same` comparisons and of the UI's rows). */
export function readField(f: PredictField, s: Side): string {
  switch (f) {
    case 'eth.src':
      return s.frame.src
    case 'eth.dst':
      return s.frame.dst
    case 'ip.src':
      return formatIp(s.inner.src)
    case 'ip.dst':
      return formatIp(s.inner.dst)
    case 'ip.ttl':
      return String(s.inner.ttl)
    case 'tcp.sport':
      return s.tcp ? String(s.tcp.sport) : 'none'
    case 'tcp.dport':
      return s.tcp ? String(s.tcp.dport) : 'none'
    case 'tcp.toa':
      return s.tcp?.toa ? `${formatIp(s.tcp.toa.ip)}:${s.tcp.toa.port}` : 'none'
    case 'outer.src':
      return s.outer ? formatIp(s.outer.src) : 'none'
    case 'outer.dst':
      return s.outer ? formatIp(s.outer.dst) : 'none'
    case 'outer.proto':
      return s.encap ?? 'none'
  }
}

export const FIELD_LABEL: Record<PredictField, LocalText> = {
  'eth.src': { en: 'source MAC', 'zh-Hans': '源 MAC', 'zh-Hant': '來源 MAC' },
  'eth.dst': { en: 'destination MAC', 'zh-Hans': '目标 MAC', 'zh-Hant': '目的 MAC' },
  'ip.src': { en: 'source IP', 'zh-Hans': '源 IP', 'zh-Hant': '來源 IP' },
  'ip.dst': { en: 'destination IP', 'zh-Hans': '目标 IP', 'zh-Hant': '目的 IP' },
  'ip.ttl': { en: 'TTL', 'zh-Hans': 'TTL', 'zh-Hant': 'TTL' },
  'tcp.sport': { en: 'source port', 'zh-Hans': '源端口', 'zh-Hant': '來源連接埠' },
  'tcp.dport': { en: 'destination port', 'zh-Hans': '目标端口', 'zh-Hant': '目的連接埠' },
  'tcp.toa': { en: 'TOA option', 'zh-Hans': 'TOA 选项', 'zh-Hant': 'TOA 選項' },
  'outer.src': { en: 'outer source IP', 'zh-Hans': '外层源 IP', 'zh-Hant': '外層來源 IP' },
  'outer.dst': { en: 'outer destination IP', 'zh-Hans': '外层目标 IP', 'zh-Hant': '外層目的 IP' },
  'outer.proto': { en: 'outer protocol', 'zh-Hans': '外层协议', 'zh-Hant': '外層協定' },
}

// ---- the lab's names -------------------------------------------------------------------------

interface NamedIface {
  host: string
  iface: string
  mac: string
  segment: string | null
  addrs: Ip[]
}

/** Every interface of the lab with an address or a link, for naming MACs and addresses. */
export class NameBook {
  private readonly ifaces: NamedIface[] = []

  constructor(
    private readonly lab: Lab,
    /** The service's address (the arriving packet's destination), said as "the VIP". */
    readonly vip: Ip,
  ) {
    for (const h of lab.hosts) {
      for (const i of h.ip.ifaces) {
        if (i.kind !== 'ether') continue
        this.ifaces.push({ host: h.hostname, iface: i.name, mac: i.mac.toLowerCase(), segment: i.segment?.name ?? null, addrs: i.addrs.map((a) => a.ip) })
      }
    }
  }

  byMac(mac: string): NamedIface | undefined {
    return this.ifaces.find((i) => i.mac === mac.toLowerCase())
  }

  /** The host's ethernet interfaces (`rs2`, `RS2`, an alias), or null for no such host. */
  ifacesOf(name: string): NamedIface[] | null {
    const h = this.lab.host(name)
    return h ? this.ifaces.filter((i) => i.host === h.hostname) : null
  }

  ownerOf(ip: Ip): string | null {
    return this.ifaces.find((i) => i.addrs.includes(ip))?.host ?? null
  }

  /** `RS2's eth0 (52:54:00:00:00:31)` */
  mac(mac: string): LocalText {
    const i = this.byMac(mac)
    if (!i) return same(mac)
    return say({ en: "{host}'s {iface} ({mac})", 'zh-Hans': '{host} 的 {iface}（{mac}）', 'zh-Hant': '{host} 的 {iface}（{mac}）' }, { host: i.host, iface: i.iface, mac })
  }

  /** `RS2 (192.168.0.20)`: a real server by name first. */
  host(ip: Ip): LocalText {
    const owner = this.ownerOf(ip)
    return same(owner ? `${owner} (${formatIp(ip)})` : formatIp(ip))
  }

  /** `192.168.0.20 (RS2)`, `192.168.0.220 (the VIP)` */
  ip(ip: Ip): LocalText {
    if (ip === this.vip) return say({ en: '{ip} (the VIP)', 'zh-Hans': '{ip}（VIP）', 'zh-Hant': '{ip}（VIP）' }, { ip: formatIp(ip) })
    const owner = this.ownerOf(ip)
    return owner ? say({ en: '{ip} ({host})', 'zh-Hans': '{ip}（{host}）', 'zh-Hant': '{ip}（{host}）' }, { ip: formatIp(ip), host: owner }) : same(formatIp(ip))
  }
}

// ---- values said -----------------------------------------------------------------------------

const NONE: Record<'toa' | 'outer', LocalText> = {
  toa: { en: 'none (no TOA option)', 'zh-Hans': '无（没有 TOA 选项）', 'zh-Hant': '無（沒有 TOA 選項）' },
  outer: { en: 'none (no outer header)', 'zh-Hans': '无（没有外层首部）', 'zh-Hant': '無（沒有外層標頭）' },
}

const ENCAP_NAME: Record<NonNullable<Side['encap']>, string> = { ipip: 'IPIP (protocol 4)', gre: 'GRE (protocol 47)', gue: 'GUE (UDP, protocol 17)' }

/** A field's value on a side, as a learner reads it. */
export function sayValue(f: PredictField, s: Side, names: NameBook): LocalText {
  const v = readField(f, s)
  switch (f) {
    case 'eth.src':
    case 'eth.dst':
      return names.mac(v)
    case 'ip.src':
    case 'ip.dst':
      return names.ip(parseIp(v)!)
    case 'outer.src':
    case 'outer.dst':
      return v === 'none' ? NONE.outer : names.ip(parseIp(v)!)
    case 'outer.proto':
      return v === 'none' ? NONE.outer : same(ENCAP_NAME[v as NonNullable<Side['encap']>])
    case 'tcp.toa':
      return v === 'none' ? NONE.toa : say({ en: '{ip}, port {port}', 'zh-Hans': '{ip}，端口 {port}', 'zh-Hant': '{ip}，連接埠 {port}' }, { ip: names.ip(s.tcp!.toa!.ip), port: s.tcp!.toa!.port })
    default:
      return same(v)
  }
}

// ---- answers understood ----------------------------------------------------------------------

export type Answer =
  | { ok: true; said: LocalText; holds(found: string, before: string): boolean }
  | { ok: false; said: LocalText }

const MAC = /^([0-9a-f]{2})([:-][0-9a-f]{2}){5}$/i
const SAME = new Set(['same', 'unchanged'])

const ENCAP_WORDS = new Map([
  ['none', 'none'],
  ['ipip', 'ipip'],
  ['4', 'ipip'],
  ['gre', 'gre'],
  ['47', 'gre'],
  ['gue', 'gue'],
  ['udp', 'gue'],
  ['17', 'gue'],
])

const SAID_SAME: LocalText = { en: 'unchanged', 'zh-Hans': '不变', 'zh-Hant': '不變' }
const SAID_NEW: LocalText = { en: 'a new port', 'zh-Hans': '新的端口', 'zh-Hant': '新的連接埠' }

function unknown(text: string, what: LocalText): Answer {
  return { ok: false, said: say({ en: '"{text}", which is not {what}', 'zh-Hans': '"{text}"，这不是{what}', 'zh-Hant': '"{text}"，這不是{what}' }, { text, what }) }
}

const WHAT: Record<'mac' | 'ip' | 'number' | 'port' | 'toa' | 'proto', LocalText> = {
  mac: { en: 'a MAC address or a host of this lab', 'zh-Hans': 'MAC 地址或本实验的主机', 'zh-Hant': 'MAC 位址或本實驗的主機' },
  ip: { en: 'an IPv4 address or a host of this lab', 'zh-Hans': 'IPv4 地址或本实验的主机', 'zh-Hant': 'IPv4 位址或本實驗的主機' },
  number: { en: 'a number', 'zh-Hans': '数字', 'zh-Hant': '數字' },
  port: { en: 'a port number, same or new', 'zh-Hans': '端口号、same 或 new', 'zh-Hant': '連接埠號、same 或 new' },
  toa: { en: 'none, an address or ADDRESS:PORT', 'zh-Hans': 'none、地址或 地址:端口', 'zh-Hant': 'none、位址或 位址:連接埠' },
  proto: { en: 'none, ipip (4), gre (47) or gue', 'zh-Hans': 'none、ipip（4）、gre（47）或 gue', 'zh-Hant': 'none、ipip（4）、gre（47）或 gue' },
}

/** The host's interface a bare host name means for a MAC: the one on the frame's network, else its only one. */
function macOf(name: string, segment: string, names: NameBook): string | LocalText | null {
  const [host, ifname] = name.split(':')
  const ifaces = names.ifacesOf(host)
  if (!ifaces?.length) return null
  if (ifname !== undefined) return ifaces.find((i) => i.iface === ifname)?.mac ?? null
  const on = ifaces.filter((i) => i.segment === segment)
  if (on.length === 1) return on[0].mac
  if (ifaces.length === 1) return ifaces[0].mac
  return say({ en: '{host} has several interfaces: name one ({list})', 'zh-Hans': '{host} 有多个接口：请指明一个（{list}）', 'zh-Hant': '{host} 有多個介面：請指明一個（{list}）' }, { host, list: ifaces.map((i) => `${host}:${i.iface}`).join(', ') })
}

function ipsOf(name: string, names: NameBook): Ip[] | null {
  const [host, ifname] = name.split(':')
  const ifaces = names.ifacesOf(host)
  if (!ifaces) return null
  const chosen = ifname === undefined ? ifaces : ifaces.filter((i) => i.iface === ifname)
  const ips = chosen.flatMap((i) => i.addrs)
  return ips.length ? ips : null
}

function saidIps(name: string, ips: Ip[]): LocalText {
  return same(`${name} (${ips.map(formatIp).join(', ')})`)
}

/**
 * Understands the learner's answer for one field. `segment`: the network the director's frame
 * is sent on (a bare host name means that host's interface there).
 */
export function readAnswer(f: PredictField, raw: string, segment: string, names: NameBook): Answer {
  const text = raw.trim()
  const word = text.toLowerCase()
  if (!text) return { ok: false, said: { en: 'nothing', 'zh-Hans': '没有作答', 'zh-Hant': '沒有作答' } }
  if (SAME.has(word)) return { ok: true, said: SAID_SAME, holds: (found, before) => found === before }
  switch (f) {
    case 'eth.src':
    case 'eth.dst': {
      if (MAC.test(text)) {
        const mac = text.toLowerCase().replace(/-/g, ':')
        return { ok: true, said: names.mac(mac), holds: (found) => found === mac }
      }
      const mac = macOf(text, segment, names)
      if (mac === null) return unknown(text, WHAT.mac)
      if (typeof mac !== 'string') return { ok: false, said: mac }
      return { ok: true, said: names.mac(mac), holds: (found) => found === mac }
    }
    case 'ip.src':
    case 'ip.dst':
    case 'outer.src':
    case 'outer.dst': {
      if (f.startsWith('outer') && word === 'none') return { ok: true, said: NONE.outer, holds: (found) => found === 'none' }
      const ip = parseIp(text)
      if (ip !== null && /^\d+\.\d+\.\d+\.\d+$/.test(text)) return { ok: true, said: names.ip(ip), holds: (found) => found === formatIp(ip) }
      const ips = ipsOf(text, names)
      if (!ips) return unknown(text, WHAT.ip)
      const set = new Set(ips.map(formatIp))
      return { ok: true, said: ips.length === 1 ? names.ip(ips[0]) : saidIps(text, ips), holds: (found) => set.has(found) }
    }
    case 'ip.ttl': {
      if (!/^\d{1,3}$/.test(text)) return unknown(text, WHAT.number)
      return { ok: true, said: same(String(Number(text))), holds: (found) => found === String(Number(text)) }
    }
    case 'tcp.sport':
    case 'tcp.dport': {
      if (word === 'new') return { ok: true, said: SAID_NEW, holds: (found, before) => found !== before }
      if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) return unknown(text, WHAT.port)
      return { ok: true, said: same(String(Number(text))), holds: (found) => found === String(Number(text)) }
    }
    case 'tcp.toa': {
      if (word === 'none') return { ok: true, said: NONE.toa, holds: (found) => found === 'none' }
      const m = /^([^:\s]+)(?::(\d{1,5}))?$/.exec(text)
      const ip = m && /^\d+\.\d+\.\d+\.\d+$/.test(m[1]) ? parseIp(m[1]) : null
      const ips = m ? (ip !== null ? [ip] : ipsOf(m[1], names)) : null
      if (!m || !ips) return unknown(text, WHAT.toa)
      const set = new Set(ips.map(formatIp))
      const port = m[2]
      return { ok: true, said: same(text), holds: (found) => found !== 'none' && set.has(found.split(':')[0]) && (port === undefined || found.split(':')[1] === String(Number(port))) }
    }
    case 'outer.proto': {
      const encap = ENCAP_WORDS.get(word)
      if (!encap) return unknown(text, WHAT.proto)
      return { ok: true, said: encap === 'none' ? NONE.outer : same(ENCAP_NAME[encap as NonNullable<Side['encap']>]), holds: (found) => found === encap }
    }
  }
}
