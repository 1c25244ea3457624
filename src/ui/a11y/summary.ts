// What the live region says about a batch of trace records. A screen reader cannot follow every
// frame (a curl is a dozen of them, a loop thousands), so the region gets one sentence per
// quiet moment: how many records of each kind, and the last drop and the last scheduling
// decision in words, since those are what a learner acts on. The event log keeps every record.

import type { TraceRecord } from '../../worker/protocol.ts'
import type { Locale, MessageKey } from '../i18n/messages.ts'
import { localizeReason } from '../i18n/reasons.ts'

type T = (key: MessageKey, params?: Record<string, string | number>) => string

const KINDS = ['wire', 'rewrite', 'sched', 'drop', 'note', 'internal'] as const
const KEY: Record<(typeof KINDS)[number], MessageKey> = { wire: 'a11y.wire', rewrite: 'a11y.rewrite', sched: 'a11y.sched', drop: 'a11y.drop', note: 'a11y.note', internal: 'a11y.internal' }

/** One sentence for the records, or '' when none of them is worth a word (deliveries only). */
export function summarise(records: readonly TraceRecord[], t: T, locale: Locale): string {
  const counts = new Map<string, number>()
  let lastDrop: Extract<TraceRecord, { type: 'drop' }> | null = null
  let lastSched: Extract<TraceRecord, { type: 'sched' }> | null = null
  for (const r of records) {
    if (r.type === 'deliver' || r.type === 'verdict') continue
    counts.set(r.type, (counts.get(r.type) ?? 0) + 1)
    if (r.type === 'drop') lastDrop = r
    if (r.type === 'sched') lastSched = r
  }
  const total = [...counts.values()].reduce((a, b) => a + b, 0)
  if (!total) return ''
  const list = KINDS.filter((k) => counts.has(k)).map((k) => t(KEY[k], { n: counts.get(k)! }))
  if (lastSched) list.push(t('a11y.lastSched', { svc: lastSched.decision.svc, dest: lastSched.decision.chosen ?? '-' }))
  if (lastDrop) list.push(t('a11y.lastDrop', { host: lastDrop.host, reason: localizeReason(lastDrop.reason, locale) }))
  const sep = locale === 'en' ? '; ' : '；'
  return t('a11y.summary', { n: total, list: list.join(sep) })
}

/**
 * Rate limiting: records gather while they keep coming; the sentence is said once they pause for
 * `quietMs`, or every `maxMs` during a long flood. The clock and the timer are given (the page
 * passes the real ones, tests a fake).
 */
export class Announcer {
  private pending: TraceRecord[] = []
  private timer: unknown = null
  private firstAt = 0

  constructor(
    private readonly say: (records: TraceRecord[]) => void,
    private readonly clock: { now(): number; after(ms: number, f: () => void): unknown; cancel(handle: unknown): void },
    private readonly quietMs = 1500,
    private readonly maxMs = 6000,
  ) {}

  add(records: readonly TraceRecord[]): void {
    if (!records.length) return
    if (!this.pending.length) this.firstAt = this.clock.now()
    this.pending.push(...records)
    if (this.timer !== null) this.clock.cancel(this.timer)
    const waited = this.clock.now() - this.firstAt
    this.timer = this.clock.after(Math.max(0, Math.min(this.quietMs, this.maxMs - waited)), () => this.flush())
  }

  flush(): void {
    if (this.timer !== null) this.clock.cancel(this.timer)
    this.timer = null
    const records = this.pending
    this.pending = []
    if (records.length) this.say(records)
  }

  clear(): void {
    if (this.timer !== null) this.clock.cancel(this.timer)
    this.timer = null
    this.pending = []
  }
}
