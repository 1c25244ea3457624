// The scheduler registry: a literal table, as ip_vs_sched.c's list is filled by one line per module.
// Names not here fail the way the kernel fails: `Scheduler or persistence engine not found`.

import { dh } from './dh.ts'
import { fo } from './fo.ts'
import { lblc } from './lblc.ts'
import { lblcr } from './lblcr.ts'
import { lc } from './lc.ts'
import { mh } from './mh.ts'
import { none } from './none.ts'
import { nq } from './nq.ts'
import { ovf } from './ovf.ts'
import { rr } from './rr.ts'
import type { Scheduler } from './scheduler.ts'
import { table } from '../../sim/table.ts'
import { sed } from './sed.ts'
import { sh } from './sh.ts'
import { twos } from './twos.ts'
import { wlc } from './wlc.ts'
import { wrr } from './wrr.ts'

export const SCHEDULERS = table<Scheduler>({ rr, wrr, lc, wlc, lblc, lblcr, dh, sh, sed, nq, fo, ovf, mh, twos, none })

/** Names tutorials use that mainline never had, with what they meant and the nearest kernel scheduler. */
export const NOT_IN_MAINLINE = table<{ meaning: string; nearest: string }>({
  lt: { meaning: 'least time: the server with the lowest measured response time', nearest: 'sed or nq' },
  wlt: { meaning: 'weighted least time: response time divided by weight', nearest: 'sed' },
  wrt: { meaning: 'weighted response time: weights derived from measured response times', nearest: 'wrr with weights set by a health checker (ipvsadm -e … -w N)' },
})

export type { Scheduler }
