// Colours of the picture: one per connection (in the order the timeline first saw them, so the
// same session always paints the same way), and fixed ones for traffic that is no connection.

import type { ConnTuple, TraceRecord } from '../../worker/protocol.ts'
import { connKey } from '../state/flows.ts'

const PALETTE = ['#4493f8', '#3fb950', '#db6d28', '#a371f7', '#2ea3a3', '#e3b341', '#f778ba', '#8ddb8c', '#79c0ff', '#ffa198']
export const ARP_COLOUR = '#d4a72c'
export const ICMP_COLOUR = '#db61a2'
export const OTHER_COLOUR = '#8b949e'

/** A connection's colour by its place among the connections seen. */
export function connColour(conn: ConnTuple, order: ReadonlyMap<string, number>): string {
  return PALETTE[(order.get(connKey(conn)) ?? 0) % PALETTE.length]
}

export function recordColour(r: TraceRecord, conn: ConnTuple | null, order: ReadonlyMap<string, number>): string {
  if (conn) return connColour(conn, order)
  const frame = r.type === 'wire' ? r.frame : r.type === 'drop' ? r.packet : null
  if (frame?.kind === 'eth' && frame.payload.kind === 'arp') return ARP_COLOUR
  const ip = frame?.kind === 'eth' ? frame.payload : frame
  if (ip?.kind === 'ipv4' && ip.payload.kind === 'icmp') return ICMP_COLOUR
  return OTHER_COLOUR
}
