// The routing tables and the rules that choose between them (fib_rules.c, fib_trie.c): the main
// table and any numbered one keep routes; in each, the longest prefix wins, then the lowest
// metric, over routes whose device is up. Connected routes come from addresses (proto kernel),
// gateways from NetworkManager (proto static, metric 100) or `ip route add` (no proto shown, no
// metric). The local table is the host's own addresses (the stack derives it). The rules are
// walked by priority; a fwmark rule sends marked packets to another table.

import { inPrefix, type Cidr, type Ip } from '../net/addr.ts'

export interface Route {
  dst: Cidr
  via?: Ip
  dev: string
  proto: 'kernel' | 'static' | 'boot'
  scope: 'link' | 'global' | 'host'
  src?: Ip
  metric?: number
  owner: 'nm' | 'manual' | 'kernel'
  /** RTN_LOCAL: `ip route add local 0/0 dev lo table 100` delivers what it matches locally. */
  type?: 'local'
  /** RT_TABLE_MAIN (254) when absent. */
  table?: number
}

export const RT_TABLE = { DEFAULT: 253, MAIN: 254, LOCAL: 255 } as const

/** /etc/iproute2/rt_tables. */
export function tableName(id: number): string {
  return id === RT_TABLE.LOCAL ? 'local' : id === RT_TABLE.MAIN ? 'main' : id === RT_TABLE.DEFAULT ? 'default' : String(id)
}

export function parseTable(word: string): number | null {
  if (word === 'local') return RT_TABLE.LOCAL
  if (word === 'main') return RT_TABLE.MAIN
  if (word === 'default') return RT_TABLE.DEFAULT
  const n = Number(word)
  return /^\d+$/.test(word) && n > 0 && n < 2 ** 32 ? n : null
}

/** A policy routing rule (`ip rule`). */
export interface Rule {
  pref: number
  fwmark?: number
  fwmask?: number
  table: number
  /** FRA_PROTOCOL: the kernel's own rules say `kernel`; `ip rule add` without `protocol` leaves it unspec. */
  proto?: 'kernel'
}

/** The three rules every IPv4 host starts with (fib_default_rules_init). */
export function defaultRules(): Rule[] {
  return [
    { pref: 0, table: RT_TABLE.LOCAL, proto: 'kernel' },
    { pref: 32766, table: RT_TABLE.MAIN, proto: 'kernel' },
    { pref: 32767, table: RT_TABLE.DEFAULT, proto: 'kernel' },
  ]
}

export class RouteTable {
  routes: Route[] = []
  rules: Rule[] = defaultRules()
  /** Bumped on every change so lookups can be cached. */
  version = 0

  clear(): void {
    this.routes = []
    this.rules = defaultRules()
    this.rulesChanged()
  }

  /** Are there rules beyond the default three (then lookups walk them)? Kept on every rule change. */
  policy = false

  private rulesChanged(): void {
    const base = defaultRules()
    this.policy = this.rules.length !== base.length || this.rules.some((r, i) => r.fwmark !== undefined || r.table !== base[i].table || r.pref !== base[i].pref)
    this.version++
  }

  /** fib_nl_newrule: without a preference the rule goes just before the first non-zero one. */
  addRule(rule: Omit<Rule, 'pref'> & { pref?: number }): void {
    const pref = rule.pref ?? Math.max(0, (this.rules.find((r) => r.pref > 0)?.pref ?? 1) - 1)
    const i = this.rules.findIndex((r) => r.pref > pref)
    this.rules.splice(i < 0 ? this.rules.length : i, 0, { ...rule, pref })
    this.rulesChanged()
  }

  deleteRule(match: (r: Rule) => boolean): boolean {
    const i = this.rules.findIndex(match)
    if (i < 0) return false
    this.rules.splice(i, 1)
    this.rulesChanged()
    return true
  }

  add(route: Route): boolean {
    const dup = this.routes.some((r) => (r.table ?? 254) === (route.table ?? 254) && r.dst.addr === route.dst.addr && r.dst.plen === route.dst.plen && (r.metric ?? 0) === (route.metric ?? 0) && r.dev === route.dev)
    if (dup) return false
    this.routes.push(route)
    this.version++
    return true
  }

  removeWhere(pred: (r: Route) => boolean): number {
    const before = this.routes.length
    this.routes = this.routes.filter((r) => !pred(r))
    this.version++
    return before - this.routes.length
  }

  lookup(dst: Ip, isUp: (dev: string) => boolean, table: number = RT_TABLE.MAIN): Route | null {
    let best: Route | null = null
    for (const r of this.routes) {
      if ((r.table ?? RT_TABLE.MAIN) !== table || !inPrefix(dst, r.dst) || !isUp(r.dev)) continue
      if (!best || r.dst.plen > best.dst.plen || (r.dst.plen === best.dst.plen && (r.metric ?? 0) < (best.metric ?? 0))) best = r
    }
    return best
  }

  /** `ip route` order: by destination (default first), then metric. */
  sorted(table: number = RT_TABLE.MAIN): Route[] {
    return this.routes.filter((r) => (r.table ?? RT_TABLE.MAIN) === table).sort((a, b) => a.dst.addr - b.dst.addr || a.dst.plen - b.dst.plen || (a.metric ?? 0) - (b.metric ?? 0))
  }
}
