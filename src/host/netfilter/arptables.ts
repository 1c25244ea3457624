// arptables-nft's filter table: INPUT and OUTPUT chains of first-match rules on the sender and
// target addresses. DROP discards the ARP packet, mangle rewrites an outgoing sender address (the
// LVS-DR trick to keep a real server from announcing the VIP), ACCEPT lets it through.

import { inPrefix, type Cidr } from '../../net/addr.ts'

export interface ArpRule {
  src?: Cidr
  dst?: Cidr
  target: 'DROP' | 'ACCEPT' | 'mangle'
  mangleIpS?: number
}

export class Arptables {
  chains: Record<'INPUT' | 'OUTPUT', ArpRule[]> = { INPUT: [], OUTPUT: [] }
  /** The chains arptables-nft has created in `table arp filter` (on the first rule of each). */
  readonly created = new Set<'INPUT' | 'OUTPUT'>()
  /** The table was created in the kernel (nft lists tables in the order they were made). */
  onCreate: () => void = () => {}

  /** A rule is going into this chain: arptables-nft creates the table and the chain if needed. */
  touch(chain: 'INPUT' | 'OUTPUT'): void {
    if (!this.created.size) this.onCreate()
    this.created.add(chain)
  }

  clear(): void {
    this.chains = { INPUT: [], OUTPUT: [] }
    this.created.clear()
  }

  /** The first rule of a chain matching sender and target address; every target ends the walk. */
  private match(chain: 'INPUT' | 'OUTPUT', spa: number, tpa: number): ArpRule | undefined {
    return this.chains[chain].find((r) => (!r.src || inPrefix(spa, r.src)) && (!r.dst || inPrefix(tpa, r.dst)))
  }

  /** INPUT: is an incoming ARP packet dropped? */
  inputDrops(spa: number, tpa: number): boolean {
    return this.match('INPUT', spa, tpa)?.target === 'DROP'
  }

  /** OUTPUT: the sender address an outgoing ARP packet leaves with (mangle), or null if dropped. */
  output(spa: number, tpa: number): number | null {
    const r = this.match('OUTPUT', spa, tpa)
    if (r?.target === 'DROP') return null
    return r?.target === 'mangle' ? (r.mangleIpS ?? spa) : spa
  }
}
