// Who is hooked where, in one table: every netfilter hook of a host with its point and priority,
// as the kernel orders them (NF_IP_PRI_*, firewalld's nftables.py offsets of +10, and ip_vs_core.c's
// ip_vs_ops4). A point's hooks run from the lowest priority up. This table is why, for example,
// firewalld's INPUT filter rejects a request before IPVS sees it, why an iptables mangle MARK is
// set before IPVS looks a firewall-mark service up, and why masquerade (source NAT, 100 and up)
// comes after IPVS on the FORWARD path and never touches a packet IPVS has left untracked.

import type { Ipv4Packet } from '../../net/packet.ts'
import type { NatBinding } from './conntrack.ts'
import { NF_IP_PRI, type HookOps, type PacketMeta, type Verdict } from './hooks.ts'
import type { IptTable } from './iptables.ts'
import type { Netfilter } from './index.ts'

/** How IPVS hooks into the stack (ip_vs_core.c): registered when the first service is added. */
export interface IpvsHooks {
  /** ip_vs_in_hook: schedule a request and transmit it (stolen), or let it pass. */
  request(pkt: Ipv4Packet, meta: PacketMeta): Verdict
  /** ip_vs_out_hook: a NAT reply gets the virtual address back (rewrite), or passes. */
  reply(pkt: Ipv4Packet, meta: PacketMeta): Verdict
  /** ip_vs_forward_icmp: ICMP errors about IPVS connections. */
  forwardIcmp(pkt: Ipv4Packet, meta: PacketMeta): Verdict
}

type Chain = (pkt: Ipv4Packet, meta: PacketMeta) => NatBinding | null

/**
 * What makes the kernel register a hook: conntrack's and NAT's hooks exist only while something
 * uses them (nf_ct_netns_get from firewalld's ct rules, a nat chain, an iptables state match),
 * firewalld's chains while firewalld runs, an iptables-nft base chain once it has a rule.
 */
export type Need = 'conntrack' | 'nat' | 'firewalld' | { table: IptTable; chain: string }

export interface WiredHook extends HookOps {
  needs: Need
}

/** The hooks every host has: conntrack, iptables' tables and firewalld's `inet firewalld` chains. */
export function netfilterHooks(nf: Netfilter): WiredHook[] {
  const { conntrack: ct, iptables: ipt, firewalld: fw } = nf
  const natDst = (chains: Chain[]) => (p: Ipv4Packet, m: PacketMeta) => ct.nat(p, m, 'dst', chains)
  const natSrc = (chains: Chain[]) => (p: Ipv4Packet, m: PacketMeta) => ct.nat(p, m, 'src', chains)
  const ipt4 = (table: IptTable, chain: string) => ({ hook: ipt.hook(table, chain), needs: { table, chain } })
  return [
    { name: 'iptables raw PREROUTING', point: 'PRE_ROUTING', priority: NF_IP_PRI.RAW, ...ipt4('raw', 'PREROUTING') },
    { name: 'conntrack', point: 'PRE_ROUTING', priority: NF_IP_PRI.CONNTRACK, hook: ct.inbound, needs: 'conntrack' },
    { name: 'iptables mangle PREROUTING', point: 'PRE_ROUTING', priority: NF_IP_PRI.MANGLE, ...ipt4('mangle', 'PREROUTING') },
    { name: 'nat (destination): iptables nat PREROUTING', point: 'PRE_ROUTING', priority: NF_IP_PRI.NAT_DST, hook: natDst([ipt.natChain('PREROUTING')]), needs: 'nat' },

    { name: 'iptables mangle INPUT', point: 'LOCAL_IN', priority: NF_IP_PRI.MANGLE, ...ipt4('mangle', 'INPUT') },
    { name: 'iptables filter INPUT', point: 'LOCAL_IN', priority: NF_IP_PRI.FILTER, ...ipt4('filter', 'INPUT') },
    { name: 'firewalld filter_INPUT', point: 'LOCAL_IN', priority: NF_IP_PRI.FILTER + 10, hook: fw.input, needs: 'firewalld' },
    { name: 'nat (source): iptables nat INPUT', point: 'LOCAL_IN', priority: NF_IP_PRI.NAT_SRC, hook: natSrc([ipt.natChain('INPUT')]), needs: 'nat' },
    { name: 'conntrack confirm', point: 'LOCAL_IN', priority: NF_IP_PRI.CONNTRACK_CONFIRM, hook: ct.confirm, needs: 'conntrack' },

    { name: 'iptables mangle FORWARD', point: 'FORWARD', priority: NF_IP_PRI.MANGLE, ...ipt4('mangle', 'FORWARD') },
    { name: 'iptables filter FORWARD', point: 'FORWARD', priority: NF_IP_PRI.FILTER, ...ipt4('filter', 'FORWARD') },
    { name: 'firewalld filter_FORWARD', point: 'FORWARD', priority: NF_IP_PRI.FILTER + 10, hook: fw.forward, needs: 'firewalld' },

    { name: 'iptables raw OUTPUT', point: 'LOCAL_OUT', priority: NF_IP_PRI.RAW, ...ipt4('raw', 'OUTPUT') },
    { name: 'conntrack', point: 'LOCAL_OUT', priority: NF_IP_PRI.CONNTRACK, hook: ct.inbound, needs: 'conntrack' },
    { name: 'iptables mangle OUTPUT', point: 'LOCAL_OUT', priority: NF_IP_PRI.MANGLE, ...ipt4('mangle', 'OUTPUT') },
    { name: 'nat (destination): iptables nat OUTPUT', point: 'LOCAL_OUT', priority: NF_IP_PRI.NAT_DST, hook: natDst([ipt.natChain('OUTPUT')]), needs: 'nat' },
    { name: 'iptables filter OUTPUT', point: 'LOCAL_OUT', priority: NF_IP_PRI.FILTER, ...ipt4('filter', 'OUTPUT') },

    { name: 'iptables mangle POSTROUTING', point: 'POST_ROUTING', priority: NF_IP_PRI.MANGLE, ...ipt4('mangle', 'POSTROUTING') },
    // One nat hook asks the nat chains in their priority order (iptables nat at 100, firewalld's
    // nat_POSTROUTING at 110); the first binding wins and none is a null binding (nf_nat_inet_fn).
    { name: 'nat (source): iptables nat POSTROUTING, firewalld nat_POSTROUTING', point: 'POST_ROUTING', priority: NF_IP_PRI.NAT_SRC, hook: natSrc([ipt.natChain('POSTROUTING'), fw.masquerade]), needs: 'nat' },
    { name: 'conntrack confirm', point: 'POST_ROUTING', priority: NF_IP_PRI.CONNTRACK_CONFIRM, hook: ct.confirm, needs: 'conntrack' },
  ]
}

/** ip_vs_ops4, with each priority's reason as ip_vs_core.c gives it. */
export function ipvsHooks(ipvs: IpvsHooks): HookOps[] {
  return [
    // After packet filtering, change source only for VS/NAT (replies to the director's own clients).
    { name: 'ipvs reply (ip_vs_out_hook)', point: 'LOCAL_IN', priority: NF_IP_PRI.NAT_SRC - 2, hook: (p, m) => ipvs.reply(p, m) },
    // After packet filtering, forward the request through VS/DR, VS/TUN or VS/NAT.
    { name: 'ipvs request (ip_vs_in_hook)', point: 'LOCAL_IN', priority: NF_IP_PRI.NAT_SRC - 1, hook: (p, m) => ipvs.request(p, m) },
    // Before ip_vs_in, change source only for VS/NAT (a real server on the director itself).
    { name: 'ipvs reply (ip_vs_out_hook)', point: 'LOCAL_OUT', priority: NF_IP_PRI.NAT_DST + 1, hook: (p, m) => ipvs.reply(p, m) },
    // After mangle, schedule and forward local requests (curl VIP on the director).
    { name: 'ipvs request (ip_vs_in_hook)', point: 'LOCAL_OUT', priority: NF_IP_PRI.NAT_DST + 2, hook: (p, m) => ipvs.request(p, m) },
    // After packet filtering (but before ip_vs_out_icmp), ICMP errors for IPVS connections.
    { name: 'ipvs ICMP (ip_vs_forward_icmp)', point: 'FORWARD', priority: 99, hook: (p, m) => ipvs.forwardIcmp(p, m) },
    // After packet filtering, change source only for VS/NAT (replies from the real servers).
    { name: 'ipvs reply (ip_vs_out_hook)', point: 'FORWARD', priority: NF_IP_PRI.NAT_SRC, hook: (p, m) => ipvs.reply(p, m) },
  ]
}
