// The inspector's header and field names in the reader's language. net/dissect.ts names layers and
// fields as tcpdump does (`dst`, `ttl`, `IPv4 (outer)`); each has a catalogue key by the kind of
// header it is in (the layer id without its encapsulation level), so the same field reads the same
// in an outer, inner or quoted header. A name without a key shows as the dissector wrote it.
// Values keep the bytes' own notation; the note beside a value (what a length counts, a type's
// keyword, ARP's operation, ICMP's message) is worded in the reader's language.

import { CATALOGUE, type MessageKey } from '../i18n/messages.ts'
import type { WireField, WireNote } from '../../worker/protocol.ts'

type T = (key: MessageKey, params?: Record<string, string | number>) => string

const has = (key: string): key is MessageKey => Object.hasOwn(CATALOGUE.en, key)

/** The kind of header a layer id names: `ip1` → ip, `tcp0.data` → data, `icmp0.quoted` → ip. */
export function headerKind(layerId: string): string {
  if (layerId.endsWith('.quoted')) return 'ip'
  if (layerId.endsWith('.data')) return 'data'
  return layerId.replace(/\d+$/, '')
}

/** The dissector's layer titles (net/dissect.ts), each to its key. */
const TITLES: Record<string, MessageKey> = {
  __proto__: null as never,
  'Ethernet II': 'wire.layer.eth',
  ARP: 'wire.layer.arp',
  IPv4: 'wire.layer.ip',
  'IPv4 (outer)': 'wire.layer.ipOuter',
  'IPv4 (inner)': 'wire.layer.ipInner',
  'IPv4 (quoted)': 'wire.layer.ipQuoted',
  GRE: 'wire.layer.gre',
  UDP: 'wire.layer.udp',
  GUE: 'wire.layer.gue',
  TCP: 'wire.layer.tcp',
  ICMP: 'wire.layer.icmp',
  Data: 'wire.layer.data',
}

export function layerTitle(title: string, t: T): string {
  const key = TITLES[title]
  return key ? t(key) : title
}

export function wireFieldName(layerId: string, name: string, t: T): string {
  const kind = headerKind(layerId)
  const option = /^option (\d+)$/.exec(name)
  if (option && kind === 'tcp') return t('wire.field.tcp.option', { kind: option[1] })
  const key = `wire.field.${kind}.${name}`
  return has(key) ? t(key) : name
}

type IcmpType = NonNullable<Extract<WireNote, { say: 'icmpType' }>['type']>
const ICMP: Record<IcmpType, MessageKey> = {
  echoReply: 'wire.note.icmp.echoReply',
  unreachable: 'wire.note.icmp.unreachable',
  quench: 'wire.note.icmp.quench',
  redirect: 'wire.note.icmp.redirect',
  echoRequest: 'wire.note.icmp.echoRequest',
  timeExceeded: 'wire.note.icmp.timeExceeded',
  parameter: 'wire.note.icmp.parameter',
}
const IP_FLAGS: MessageKey[] = ['wire.note.ip.none', 'wire.note.ip.mf', 'wire.note.ip.df', 'wire.note.ip.dfmf']

/**
 * A field's value as the inspector shows it: `text` in the reader's language around the wire
 * value, and `payload`, a packet's own bytes read as text (shown as they are, never translated).
 */
export function wireValue(f: Pick<WireField, 'value' | 'note'>, t: T): { text: string; payload: string } {
  const n = f.note
  const value = f.value
  if (!n) return { text: value, payload: '' }
  switch (n.say) {
    case 'words':
      return { text: t('wire.note.words', { value, words: n.words }), payload: '' }
    case 'named':
      return { text: t('wire.note.named', { value, name: n.name }), payload: '' }
    case 'unknown':
      return { text: t('wire.note.unknown', { value }), payload: '' }
    case 'arpOp':
      return { text: t(n.op === 'request' ? 'wire.note.arp.request' : n.op === 'reply' ? 'wire.note.arp.reply' : 'wire.note.unknown', { value }), payload: '' }
    case 'ipFlags':
      return { text: t(IP_FLAGS[(n.df ? 2 : 0) + (n.mf ? 1 : 0)], { value }), payload: '' }
    case 'version':
      return { text: t('wire.note.version', { value, version: n.version }), payload: '' }
    case 'gue':
      return { text: t('wire.note.gue', { value, version: n.version, c: n.c, hlen: n.hlen }), payload: '' }
    case 'icmpType':
      return { text: n.type ? t(ICMP[n.type], { value }) : value, payload: '' }
    case 'bytes':
      return n.line ? { text: t('wire.note.bytesText', { value }), payload: n.line } : { text: t('wire.note.bytes', { value }), payload: '' }
  }
}
