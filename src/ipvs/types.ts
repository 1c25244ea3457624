// The director's objects, named as in include/net/ip_vs.h: a virtual service (svc) by protocol,
// address and port or by firewall mark; its real servers (dests), newest first as the kernel's
// list_add_rcu leaves them; and the counters behind `ipvsadm -L --stats/--rate`.

import type { Ip } from '../net/addr.ts'
import type { Stats } from './stats.ts'

export type SvcProto = 'tcp' | 'udp' | 'sctp'
export type FwdMethod = 'masq' | 'droute' | 'tunnel' | 'fullnat'

export interface SvcKey {
  fwmark: number
  proto: SvcProto
  addr: Ip
  port: number
}

export interface Dest {
  addr: Ip
  port: number
  fwd: FwdMethod
  weight: number
  uThreshold: number
  lThreshold: number
  activeConns: number
  inactConns: number
  persistConns: number
  overloaded: boolean
  available: boolean
  tunType: 'ipip' | 'gue' | 'gre'
  tunPort: number
  tunFlags: 'nocsum' | 'csum' | 'remcsum' | null
  stats: Stats
}

export interface Service extends SvcKey {
  scheduler: string
  schedData: unknown
  persistent: boolean
  timeout: number
  netmask: Ip
  ops: boolean
  pe: string | null
  schedFlags: string[]
  /** Newest first. */
  dests: Dest[]
  stats: Stats
  /** FULLNAT local addresses (DPVS `--add-laddr`), used round robin. */
  laddrs: LocalAddr[]
  laddrCursor: number
}

export interface LocalAddr {
  addr: Ip
  ifname: string
  conns: number
}

export const FWD_NAME: Record<FwdMethod, string> = { masq: 'Masq', droute: 'Route', tunnel: 'Tunnel', fullnat: 'FullNat' }
export const FWD_FLAG: Record<FwdMethod, string> = { masq: '-m', droute: '-g', tunnel: '-i', fullnat: '-b' }
