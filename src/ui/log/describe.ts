// One line of text for each trace record: the event log's twin of every animation.

import type { TraceRecord } from '../../worker/protocol.ts'
import { formatFrame } from '../../worker/protocol.ts'
import type { Locale, MessageKey } from '../i18n/messages.ts'
import { localizeReason } from '../i18n/reasons.ts'
import { networkName } from '../i18n/names.ts'

type T = (key: MessageKey, params?: Record<string, string | number>) => string

export function describe(r: TraceRecord, t: T, locale: Locale): string | null {
  switch (r.type) {
    case 'wire':
      return t('log.wire', { from: `${r.fromHost}.${r.fromIface}`, to: r.toHost.length ? r.toHost.join(', ') : t('log.nobody'), segment: networkName(r.segment), summary: formatFrame(r.frame) })
    case 'drop':
      return t('log.drop', { host: r.host, reason: localizeReason(r.reason, locale) })
    case 'rewrite':
      return t('log.rewrite', { host: r.host, reason: localizeReason(r.reason, locale) })
    case 'sched':
      return t('log.sched', { host: r.host, svc: r.decision.svc, dest: r.decision.chosen ?? '-', scheduler: r.decision.scheduler })
    case 'note':
      return t('log.note', { text: localizeReason(r.reason, locale) })
    case 'internal':
      return t('log.internal', { text: localizeReason(r.reason, locale) })
    case 'deliver':
    case 'verdict':
      return null
  }
}

export function timestamp(us: number): string {
  return (us / 1e6).toFixed(6)
}
