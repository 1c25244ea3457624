// One transmitter per forwarding method; the record's type makes a new method fail the type check
// until it has one.

import type { FwdMethod } from '../types.ts'
import type { Director } from '../director.ts'
import { droute } from './droute.ts'
import { fullnatFor } from './fullnat.ts'
import { masq } from './masq.ts'
import { tunnel } from './tunnel.ts'
import type { Xmit } from './xmit.ts'

/** The transmitters of one director (FULLNAT needs the director's connection table). */
export function xmitTable(director: () => Director): Record<FwdMethod, Xmit> {
  return { masq, droute, tunnel, fullnat: fullnatFor(director) } satisfies Record<FwdMethod, Xmit>
}
