// Which host each side-by-side terminal pane shows. The host in front (typed into, or brought
// forward by the solution player) is always in a pane: where it already is, or in the pane used
// last; the other panes keep their hosts, and empty ones take the hosts a class watches most
// (the client first, then the director, the real servers, the router).

export interface PaneHost {
  name: string
  role: 'client' | 'director' | 'real-server' | 'router'
}

export interface Panes {
  hosts: string[]
  /** The pane of the host in front. */
  active: number
}

const INTEREST = ['client', 'director', 'real-server', 'router'] as const

export function arrangePanes(prev: readonly string[], all: readonly PaneHost[], count: number, front: string, lastPane: number): Panes {
  const names = all.map((h) => h.name)
  const n = Math.max(1, Math.min(count, names.length))
  const hosts = prev.filter((h, i) => names.includes(h) && prev.indexOf(h) === i).slice(0, n)
  let active = hosts.indexOf(front)
  if (active < 0 && names.includes(front)) {
    if (hosts.length < n) active = hosts.push(front) - 1
    else {
      active = Math.max(0, Math.min(lastPane, n - 1))
      hosts[active] = front
    }
  }
  const byInterest = [...all].sort((a, b) => INTEREST.indexOf(a.role) - INTEREST.indexOf(b.role)).map((h) => h.name)
  for (const h of byInterest) if (hosts.length < n && !hosts.includes(h)) hosts.push(h)
  return { hosts, active: Math.max(0, active) }
}

/** Pane `index` is set to `host`; if another pane showed it, the two swap. */
export function choosePane(prev: readonly string[], index: number, host: string): string[] {
  const hosts = [...prev]
  const at = hosts.indexOf(host)
  if (at >= 0 && at !== index) hosts[at] = hosts[index]
  hosts[index] = host
  return hosts
}
