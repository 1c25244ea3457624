// A host's netfilter: conntrack, iptables, arptables and firewalld, and the hook table the IPv4
// stack walks at each point (wiring.ts says who is hooked where). IPVS adds its hooks when its
// first service is added and takes them away with the last, as ip_vs_register_hooks does.

import type { Engine } from '../../sim/engine.ts'
import { Arptables } from './arptables.ts'
import { Conntrack } from './conntrack.ts'
import { Firewalld } from './firewalld.ts'
import { HookTable, type HookSink } from './hooks.ts'
import { Iptables } from './iptables.ts'
import { ipvsHooks, netfilterHooks, type IpvsHooks, type Need, type WiredHook } from './wiring.ts'

export class Netfilter {
  readonly conntrack: Conntrack
  readonly iptables: Iptables
  readonly arptables = new Arptables()
  readonly firewalld: Firewalld
  readonly hooks: HookTable
  private readonly wired: WiredHook[]
  ipvs: IpvsHooks | null = null
  /**
   * The nf_tables tables in the order they were created ("inet firewalld", "ip mangle",
   * "arp filter"…): `nft list ruleset` prints them in this order.
   */
  readonly tables: string[] = []

  constructor(engine: Engine, hostName: () => string, sink: HookSink) {
    this.conntrack = new Conntrack(engine, hostName)
    this.iptables = new Iptables(hostName, () => this.sync())
    this.iptables.onCreate = (t) => this.tables.push(`ip ${t}`)
    this.arptables.onCreate = () => this.tables.push('arp filter')
    this.firewalld = new Firewalld(hostName, () => this.sync())
    this.hooks = new HookTable(sink)
    this.wired = netfilterHooks(this)
    this.sync()
  }

  private dropTables(keep: (name: string) => boolean): void {
    const kept = this.tables.filter(keep)
    this.tables.length = 0
    this.tables.push(...kept)
  }

  /** ip_vs_register_hooks / ip_vs_unregister_hooks. */
  setIpvs(ipvs: IpvsHooks | null): void {
    if (ipvs === this.ipvs) return
    this.ipvs = ipvs
    this.sync()
  }

  private needed(n: Need): boolean {
    const fw = this.firewalld.active
    if (n === 'firewalld') return fw
    if (n === 'nat') return fw || this.iptables.hasRules('nat')
    if (n === 'conntrack') return fw || this.iptables.hasRules('nat') || this.iptables.usesConntrack()
    return this.iptables.chain(n.table, n.chain).length > 0
  }

  /** Registers exactly the hooks whose users exist now (called whenever a user comes or goes). */
  sync(): void {
    // firewalld makes its table when it starts and deletes it when it stops.
    const fwTable = this.tables.includes('inet firewalld')
    if (this.firewalld.active && !fwTable) this.tables.push('inet firewalld')
    if (!this.firewalld.active && fwTable) this.dropTables((t) => t !== 'inet firewalld')
    if (!this.iptables.created.size) this.dropTables((t) => !t.startsWith('ip '))
    if (!this.arptables.created.size) this.dropTables((t) => t !== 'arp filter')
    this.hooks.clear()
    for (const ops of this.wired) if (this.needed(ops.needs)) this.hooks.register(ops)
    if (this.ipvs) for (const ops of ipvsHooks(this.ipvs)) this.hooks.register(ops)
  }

  /** What a reboot loses: runtime rules and every tracked connection. */
  reset(): void {
    this.arptables.clear()
    this.iptables.clear()
    this.conntrack.flush()
    this.firewalld.stop()
  }
}

