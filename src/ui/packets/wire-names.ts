// The inspector's header and field names in the reader's language. net/dissect.ts names layers and
// fields as tcpdump does (`dst`, `ttl`, `IPv4 (outer)`); each has a catalogue key by the kind of
// header it is in (the layer id without its encapsulation level), so the same field reads the same
// in an outer, inner or quoted header. A name without a key shows as the dissector wrote it.

import { CATALOGUE, type MessageKey } from '../i18n/messages.ts'

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
