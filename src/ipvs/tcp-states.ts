// The IPVS TCP state machine (ip_vs_proto_tcp.c): three tables chosen by direction, INPUT for
// client->server, OUTPUT for server->client (seen only under NAT) and INPUT-ONLY for connections
// that never see replies (DR/TUN). An event is rst, else syn, else fin, else ack. Timeouts are the
// kernel defaults in seconds; `ipvsadm --set` changes ESTABLISHED, FIN_WAIT and UDP.

import type { TcpSegment } from '../net/packet.ts'
import { table } from '../sim/table.ts'

export type TcpConnState = 'NONE' | 'ESTABLISHED' | 'SYN_SENT' | 'SYN_RECV' | 'FIN_WAIT' | 'TIME_WAIT' | 'CLOSE' | 'CLOSE_WAIT' | 'LAST_ACK' | 'LISTEN' | 'SYNACK'

const ORDER: TcpConnState[] = ['NONE', 'ESTABLISHED', 'SYN_SENT', 'SYN_RECV', 'FIN_WAIT', 'TIME_WAIT', 'CLOSE', 'CLOSE_WAIT', 'LAST_ACK', 'LISTEN', 'SYNACK']
const ABBR = table<TcpConnState>({ NO: 'NONE', ES: 'ESTABLISHED', SS: 'SYN_SENT', SR: 'SYN_RECV', FW: 'FIN_WAIT', TW: 'TIME_WAIT', CL: 'CLOSE', CW: 'CLOSE_WAIT', LA: 'LAST_ACK', LI: 'LISTEN', SA: 'SYNACK' })

function row(text: string): TcpConnState[] {
  return text.trim().split(/\s+/).map((a) => ABBR[a])
}

type Table = Record<'syn' | 'fin' | 'ack' | 'rst', TcpConnState[]>

const INPUT: Table = {
  syn: row('SR ES ES SR SR SR SR SR SR SR SR'),
  fin: row('CL CW SS TW TW TW CL CW LA LI TW'),
  ack: row('ES ES SS ES FW TW CL CW CL LI ES'),
  rst: row('CL CL CL SR CL CL CL CL LA LI SR'),
}
const OUTPUT: Table = {
  syn: row('SS ES SS SR SS SS SS SS SS LI SR'),
  fin: row('TW FW SS TW FW TW CL TW LA LI TW'),
  ack: row('ES ES SS ES FW TW CL CW LA ES ES'),
  rst: row('CL CL SS CL CL TW CL CL CL CL CL'),
}
const INPUT_ONLY: Table = {
  syn: row('SR ES ES SR SR SR SR SR SR SR SR'),
  fin: row('CL FW SS TW FW TW CL CW LA LI TW'),
  ack: row('ES ES SS ES FW TW CL CW CL LI ES'),
  rst: row('CL CL CL SR CL CL CL CL LA LI CL'),
}

export const TCP_TIMEOUTS: Record<TcpConnState, number> = {
  NONE: 2,
  ESTABLISHED: 900,
  SYN_SENT: 120,
  SYN_RECV: 60,
  FIN_WAIT: 120,
  TIME_WAIT: 120,
  CLOSE: 10,
  CLOSE_WAIT: 60,
  LAST_ACK: 30,
  LISTEN: 120,
  SYNACK: 120,
}

export const UDP_TIMEOUT = 300

export function isActiveState(s: TcpConnState): boolean {
  return s === 'ESTABLISHED' || s === 'SYN_SENT' || s === 'SYN_RECV' || s === 'SYNACK'
}

export type Direction = 'input' | 'output' | 'input-only'

export function tcpTransition(state: TcpConnState, seg: TcpSegment, dir: Direction): TcpConnState {
  const f = seg.flags
  const event = f.rst ? 'rst' : f.syn ? 'syn' : f.fin ? 'fin' : f.ack ? 'ack' : null
  if (!event) return 'CLOSE'
  const table = dir === 'input' ? INPUT : dir === 'output' ? OUTPUT : INPUT_ONLY
  return table[event][ORDER.indexOf(state)]
}
