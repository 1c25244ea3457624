// The main routing table: longest prefix wins, then the lowest metric, over routes whose device is
// up. Connected routes come from addresses (proto kernel), gateways from NetworkManager (proto
// static, metric 100) or `ip route add` (no proto shown, no metric).

import { inPrefix, type Cidr, type Ip } from '../net/addr.ts'

export interface Route {
  dst: Cidr
  via?: Ip
  dev: string
  proto: 'kernel' | 'static' | 'boot'
  scope: 'link' | 'global'
  src?: Ip
  metric?: number
  owner: 'nm' | 'manual' | 'kernel'
}

export class RouteTable {
  routes: Route[] = []
  /** Bumped on every change so lookups can be cached. */
  version = 0

  clear(): void {
    this.routes = []
    this.version++
  }

  add(route: Route): boolean {
    const dup = this.routes.some((r) => r.dst.addr === route.dst.addr && r.dst.plen === route.dst.plen && (r.metric ?? 0) === (route.metric ?? 0) && r.dev === route.dev)
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

  lookup(dst: Ip, isUp: (dev: string) => boolean): Route | null {
    let best: Route | null = null
    for (const r of this.routes) {
      if (!inPrefix(dst, r.dst) || !isUp(r.dev)) continue
      if (!best || r.dst.plen > best.dst.plen || (r.dst.plen === best.dst.plen && (r.metric ?? 0) < (best.metric ?? 0))) best = r
    }
    return best
  }

  /** `ip route` order: by destination (default first), then metric. */
  sorted(): Route[] {
    return [...this.routes].sort((a, b) => a.dst.addr - b.dst.addr || a.dst.plen - b.dst.plen || (a.metric ?? 0) - (b.metric ?? 0))
  }
}
