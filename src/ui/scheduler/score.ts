// The scheduler card's "compared" cell: what the engine's scheduler compared for one server
// (sim/trace.ts SchedScore, numbers only) in the reader's language. A cost is named by its formula
// in ipvsadm's column names, which read the same in every language.

import { COST_FORMULA as FORMULA, type SchedScore } from '../../worker/protocol.ts'
import type { MessageKey } from '../i18n/messages.ts'

type T = (key: MessageKey, params?: Record<string, string | number>) => string

export function scoreText(s: SchedScore, t: T): string {
  switch (s.code) {
    case 'next':
      return t('sched.cmp.next')
    case 'weightCw':
      return t(s.weight >= s.cw ? 'sched.cmp.weightCwPass' : 'sched.cmp.weightCwFail', { weight: s.weight, cw: s.cw })
    case 'cost':
      return t('sched.cmp.cost', { formula: FORMULA[s.of], cost: s.cost })
    case 'costWeight':
      return t('sched.cmp.costWeight', { formula: FORMULA[s.of], cost: s.cost, weight: s.weight })
    case 'bucket':
      return t('sched.cmp.bucket', { bucket: s.bucket })
    case 'slots':
      return t('sched.cmp.slots', { n: s.slots })
    case 'cached':
      return t('sched.cmp.cached')
    case 'inSet':
      return t('sched.cmp.inSet')
    case 'weight':
      return t('sched.cmp.weight', { weight: s.weight })
    case 'activeWeight':
      return t(s.active <= s.weight ? 'sched.cmp.activeWeightRoom' : 'sched.cmp.activeWeightFull', { active: s.active, weight: s.weight })
    case 'active':
      return t('sched.cmp.active', { active: s.active })
    case 'drawn':
      return t('sched.cmp.drawn', { overhead: s.overhead, weight: s.weight })
  }
}
