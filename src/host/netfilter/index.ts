// A host's netfilter: conntrack, iptables, arptables and firewalld, and the hook table the IPv4
// stack walks at each point (wiring.ts says who is hooked where). IPVS adds its hooks when its
// first service is added and takes them away with the last, as ip_vs_register_hooks does.

import type { Engine } from '../../sim/engine.ts'
import { Arptables } from './arptables.ts'
import { Conntrack } from './conntrack.ts'
import { Firewalld } from './firewalld.ts'
import { HookTable, type HookOps, type HookSink } from './hooks.ts'
import { Iptables } from './iptables.ts'
import { ipvsHooks, netfilterHooks, type IpvsHooks } from './wiring.ts'

export class Netfilter {
  readonly conntrack: Conntrack
  readonly iptables: Iptables
  readonly arptables = new Arptables()
  readonly firewalld: Firewalld
  readonly hooks: HookTable
  private ipvsOps: HookOps[] = []
  ipvs: IpvsHooks | null = null

  constructor(engine: Engine, hostName: () => string, sink: HookSink) {
    this.conntrack = new Conntrack(engine, hostName)
    this.iptables = new Iptables(hostName)
    this.firewalld = new Firewalld(hostName)
    this.hooks = new HookTable(sink)
    for (const ops of netfilterHooks(this)) this.hooks.register(ops)
  }

  /** ip_vs_register_hooks / ip_vs_unregister_hooks. */
  setIpvs(ipvs: IpvsHooks | null): void {
    if (ipvs === this.ipvs) return
    for (const ops of this.ipvsOps) this.hooks.unregister(ops)
    this.ipvs = ipvs
    this.ipvsOps = ipvs ? ipvsHooks(ipvs) : []
    for (const ops of this.ipvsOps) this.hooks.register(ops)
  }

  /** What a reboot loses: runtime rules and every tracked connection. */
  reset(): void {
    this.iptables.clear()
    this.arptables.clear()
    this.conntrack.flush()
    this.firewalld.stop()
  }
}

