// A netfilter verdict that let a packet pass, in the reader's language: which hook at which
// point accepted it (an iptables chain's rule by its number, or the chain's policy, with the mark
// a mangle rule left; a firewalld chain by the line that accepts), from the trace's facts.

import type { MessageKey } from '../i18n/messages.ts'
import type { Decision } from './hop.ts'

type T = (key: MessageKey, params?: Record<string, string | number>) => string

const FIREWALLD: Record<'ct' | 'lo' | 'rich' | 'icmp' | 'port' | 'protocol' | 'forward', MessageKey> = {
  ct: 'inspect.pass.fw.ct',
  lo: 'inspect.pass.fw.lo',
  rich: 'inspect.pass.fw.rich',
  icmp: 'inspect.pass.fw.icmp',
  port: 'inspect.pass.fw.port',
  protocol: 'inspect.pass.fw.protocol',
  forward: 'inspect.pass.fw.forward',
}

export function passedText(d: Extract<Decision, { kind: 'verdict' }>, t: T): string {
  const p = d.passed
  const at = { host: d.host, point: d.point }
  if (p.by === 'firewalld') return t(FIREWALLD[p.why], { ...at, chain: p.chain })
  const chain = { ...at, table: p.table, chain: p.chain, rule: p.rule }
  const text = t(p.rule ? 'inspect.pass.ipt' : 'inspect.pass.iptPolicy', chain)
  return p.mark && p.table === 'mangle' ? `${text}${t('inspect.pass.mark', { mark: `0x${p.mark.toString(16)}`, decimal: p.mark })}` : text
}
