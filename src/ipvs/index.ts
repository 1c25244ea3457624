// Loading ip_vs on a host: the director object, its sysctls under net.ipv4.vs, and the module list
// lsmod shows. ipvsadm loads it on first use as the genetlink family autoload does.

import type { Host } from '../host/host.ts'
import { Director } from './director.ts'
import { procIpvs, procIpvsConn, procIpvsStats } from './proc.ts'

const directors = new WeakMap<Host, Director>()

export function directorOf(host: Host): Director | undefined {
  return directors.get(host)
}

export function loadIpvs(host: Host): Director {
  let d = directors.get(host)
  if (d && host.modules.includes('ip_vs')) return d
  d ??= new Director(host)
  directors.set(host, d)
  host.loadModule('ip_vs')
  host.sysctl.addVs()
  const director = d
  host.procNet.set('ip_vs', () => procIpvs(director))
  host.procNet.set('ip_vs_conn', () => procIpvsConn(director, host.engine.now))
  host.procNet.set('ip_vs_stats', () => procIpvsStats(director))
  host.director = {
    onBoot() {
      director.reset()
      directors.delete(host)
      host.director = null
      for (const f of ['ip_vs', 'ip_vs_conn', 'ip_vs_stats']) host.procNet.delete(f)
    },
  }
  return d
}

/** ip_vs_<sched> is loaded when a service first uses it. */
export function loadSchedulerModule(host: Host, name: string): void {
  const mod = `ip_vs_${name}`
  if (!host.modules.includes(mod)) {
    host.journal.kernel(`IPVS: [${name}] scheduler registered.`)
    const i = host.modules.indexOf('ip_vs')
    host.modules.splice(Math.max(0, i), 0, mod)
    host.sysctl.addModuleKeys(mod)
  }
}
