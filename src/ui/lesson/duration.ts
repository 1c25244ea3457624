// Virtual time spent on a lesson (microseconds), as the finish screen says it: hours and minutes,
// minutes and seconds, or seconds, whichever is the largest unit that is not zero.

import type { MessageKey } from '../i18n/messages.ts'

export function duration(us: number, t: (key: MessageKey, params: Record<string, number>) => string): string {
  const total = Math.max(0, Math.round(us / 1e6))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  if (h) return t('lesson.duration.h', { h, m })
  if (m) return t('lesson.duration.m', { m, s })
  return t('lesson.duration.s', { s })
}
