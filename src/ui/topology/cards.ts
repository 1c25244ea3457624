// What a host's card in the picture says, line by line: its name and role, its addresses (a VIP
// marked), then what the user asked to see (MACs, the default route, the sysctls of the labs, the
// ARP cache), and for a director its virtual services with each real server's ActiveConn/InActConn
// and share (a firewall-mark service with the mangle rules that mark its packets), for a real
// server the director's count for it. In a flow the shares are the rates
// of the last second instead. Pure: the component draws the lines.

import type { HostStateView, ServiceStateView, TopologyHost } from '../../worker/protocol.ts'
import type { MessageKey } from '../i18n/messages.ts'
import { rate, type FlowStats } from './flow-stats.ts'

export interface Layers {
  mac: boolean
  route: boolean
  sysctl: boolean
  arp: boolean
}

export type LineKind = 'name' | 'addr' | 'vip' | 'detail' | 'svc' | 'dest' | 'count' | 'off'

export interface CardLine {
  kind: LineKind
  text: string
  /** The bar drawn behind a share, 0..1. */
  share?: number
}

type T = (key: MessageKey, params?: Record<string, string | number>) => string

export const LINE_H = 14
export const CARD_PAD = 6

const percent = (f: number) => `${Math.round(f * 100)}%`
const ipOf = (addr: string) => addr.slice(0, addr.lastIndexOf(':'))
/** `net.ipv4.conf.eth0.rp_filter` → `eth0`; ip_forward has no device. */
const devOf = (key: string) => key.split('.')[3] ?? ''

/** The director's destinations that are this host (by any of its addresses). */
function ownDests(host: HostStateView, world: readonly HostStateView[]): { svc: ServiceStateView; dest: ServiceStateView['dests'][number] }[] {
  const mine = new Set(host.ifaces.flatMap((i) => i.addrs.map((a) => a.cidr.slice(0, a.cidr.indexOf('/')))))
  return world.flatMap((h) => h.services.flatMap((svc) => svc.dests.filter((d) => mine.has(ipOf(d.addr))).map((dest) => ({ svc, dest }))))
}

export function cardLines(host: TopologyHost, state: HostStateView | null, world: readonly HostStateView[], layers: Layers, flow: FlowStats | null, t: T): CardLine[] {
  const lines: CardLine[] = [{ kind: 'name', text: `${host.name} · ${t(`role.${host.role}`)}` }]
  if (!state) {
    for (const f of host.ifaces) for (const a of f.addrs) lines.push({ kind: 'addr', text: `${f.name} ${a}` })
    return lines
  }
  for (const f of state.ifaces) {
    const shown = f.addrs.filter((a) => f.name !== 'lo' || a.vip)
    for (const a of shown) lines.push({ kind: a.vip ? 'vip' : f.up ? 'addr' : 'off', text: `${f.name} ${a.cidr}${a.vip ? ` ${t('pic.vip')}` : ''}` })
    if (layers.mac && f.name !== 'lo') lines.push({ kind: 'detail', text: `${f.name} ${f.mac}` })
  }
  if (layers.route) {
    const r = state.defaultRoute
    lines.push({ kind: 'detail', text: r ? (r.via ? t('pic.defaultVia', { via: r.via, dev: r.dev }) : t('pic.defaultDev', { dev: r.dev })) : t('pic.noRoute') })
  }
  if (layers.sysctl) lines.push(...sysctlLines(state))
  if (layers.arp) {
    if (!state.neigh.length) lines.push({ kind: 'detail', text: t('pic.neighNone') })
    for (const n of state.neigh) lines.push({ kind: 'detail', text: `${n.ip} ${n.mac ?? '-'} ${n.state}` })
  }
  if (host.role === 'director') {
    if (!state.services.length) lines.push({ kind: 'detail', text: t('pic.noServices') })
    for (const svc of state.services) {
      lines.push({ kind: 'svc', text: `${svc.svc} ${svc.scheduler}${svc.persistent ? ' -p' : ''}` })
      // A firewall-mark service serves what the mangle rules mark: say which packets those are.
      if (svc.marks && !svc.marks.length) lines.push({ kind: 'off', text: t('pic.fwmarkNone') })
      for (const text of markLines(svc.marks ?? [], t)) lines.push({ kind: 'detail', text })
      const decided = flow ? svc.dests.reduce((n, d) => n + (flow.dests.get(d.addr) ?? 0), 0) : 0
      for (const d of svc.dests) {
        const n = flow?.dests.get(d.addr) ?? 0
        const share = flow ? (decided ? n / decided : 0) : d.share
        const numbers = flow ? rate(n, flow.span) : `A${d.activeConns} I${d.inactConns}`
        lines.push({ kind: 'dest', text: `${d.addr} w${d.weight} ${numbers} ${percent(share)}`, share })
      }
    }
  }
  if (host.role === 'real-server') {
    for (const { dest } of ownDests(state, world)) {
      if (flow) {
        const n = flow.dests.get(dest.addr) ?? 0
        lines.push({ kind: 'count', text: t('pic.rsRate', { rate: rate(n, flow.span), share: percent(flow.decisions ? n / flow.decisions : 0) }), share: flow.decisions ? n / flow.decisions : 0 })
      } else lines.push({ kind: 'count', text: t('pic.rsCount', { conns: dest.conns, share: percent(dest.share) }), share: dest.share })
    }
  }
  return lines
}

/** Widest a mark rule's line may run before it wraps, in characters (about a service line's width). */
const MARK_WRAP = 40

/**
 * A firewall-mark service's mangle rules, one entry per distinct rule (`×2` when it is there twice),
 * wrapped at spaces so the card keeps the width of its other lines.
 */
function markLines(marks: readonly { chain: string; match: string }[], t: T): string[] {
  const counts = new Map<string, number>()
  for (const m of marks) {
    const text = t('pic.fwmarkRule', { chain: m.chain, match: m.match || t('pic.fwmarkAll') })
    counts.set(text, (counts.get(text) ?? 0) + 1)
  }
  const out: string[] = []
  for (const [text, n] of counts) {
    // An option stays with its argument (`-d 192.168.0.220/32`), as iptables -S reads.
    const units: string[] = []
    for (const word of `${text}${n > 1 ? ` ×${n}` : ''}`.split(' ')) {
      const last = units.length - 1
      if (last >= 0 && units[last].startsWith('-') && !units[last].includes(' ') && !word.startsWith('-')) units[last] += ` ${word}`
      else units.push(word)
    }
    let line = ''
    for (const unit of units) {
      if (line && line.length + 1 + unit.length > MARK_WRAP) {
        out.push(line)
        line = `  ${unit}`
      } else line = line ? `${line} ${unit}` : unit
    }
    out.push(line)
  }
  return out
}

/** ip_forward, then each ARP and rp_filter key as one line per name: `arp_ignore all=1 lo=1 eth0=0`. */
function sysctlLines(state: HostStateView): CardLine[] {
  const out: CardLine[] = []
  const byName = new Map<string, string[]>()
  for (const s of state.sysctls) {
    const name = s.key.slice(s.key.lastIndexOf('.') + 1)
    if (name === 'ip_forward') out.push({ kind: 'detail', text: `ip_forward=${s.value}` })
    else byName.set(name, [...(byName.get(name) ?? []), `${devOf(s.key)}=${s.value}`])
  }
  for (const [name, values] of byName) out.push({ kind: 'detail', text: `${name} ${values.join(' ')}` })
  return out
}

/** Monospace at the cards' 10px: DejaVu Sans Mono's advance is 0.602 em; the name line is bolder; CJK is square. */
const CHAR_W = 6.1
const NAME_CHAR_W = 7
const WIDE_W = 10.5

function textWidth(line: CardLine): number {
  let w = 0
  for (const c of line.text) w += c.charCodeAt(0) >= 0x2e80 ? WIDE_W : line.kind === 'name' ? NAME_CHAR_W : CHAR_W
  return w
}

export function cardSize(lines: readonly CardLine[], minWidth: number): { w: number; h: number } {
  const widest = Math.max(...lines.map(textWidth))
  return { w: Math.max(minWidth, Math.ceil(widest + CARD_PAD * 2 + 4)), h: CARD_PAD * 2 + lines.length * LINE_H + 2 }
}
