// One transmitter per forwarding method; the record's type makes a new method fail the type check
// until it has one.

import type { FwdMethod } from '../types.ts'
import { droute } from './droute.ts'
import { masq } from './masq.ts'
import { tunnel } from './tunnel.ts'
import type { Xmit } from './xmit.ts'

export const XMIT = { masq, droute, tunnel } satisfies Record<FwdMethod, Xmit>
