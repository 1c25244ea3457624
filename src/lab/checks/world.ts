// The learner's world as the checks see it: the lab as it stands, for state predicates, and a way
// to make a copy of it, for probes and after-reboot checks, which must never touch the world
// itself. The engine is deterministic, so a copy is a fresh Lab with the same seed that replays
// what built the original (the lesson's setup, then the keystrokes or the transcript); whoever
// owns the world (the worker, the grader) supplies that replay.

import { CHAINS, type IptTable } from '../../host/netfilter/iptables.ts'
import { directorOf } from '../../ipvs/index.ts'
import { ruleText as arpRuleText } from '../../shell/commands/arptables/index.ts'
import { save as iptSave } from '../../shell/commands/iptables/index.ts'
import { SECOND } from '../../sim/engine.ts'
import type { Lab } from '../lab.ts'

export interface World {
  readonly lab: Lab
  /** A new Lab in the same state as `lab`. */
  copy(): Lab
}

/** How long a rebooted copy runs before its checks: units start, NetworkManager brings links up. */
export const BOOT_SETTLE = 5 * SECOND

/** A copy whose machines were all rebooted (units stopped as at shutdown, then booted). */
export function rebootedCopy(world: World): Lab {
  const lab = world.copy()
  for (const h of lab.hosts) h.reboot()
  lab.idle(BOOT_SETTLE)
  return lab
}

/**
 * What traffic through a lab depends on, as one string: each host's addresses and links, routes,
 * sysctls, modules, units, packages, firewall and ARP rules, IPVS services with their real servers,
 * and the pages httpd serves. Equal fingerprints mean a probe would find the same as before
 * (connection tables and caches aside), so the worker can keep a probe's result across commands
 * that only look (`ls`, `ipvsadm -Ln`, `cat`).
 */
export function fingerprint(lab: Lab): string {
  return JSON.stringify(
    lab.hosts.map((h) => {
      const nf = h.netfilter
      const fw = nf.firewalld
      const zone = (z: typeof fw.runtime) => [[...z.services].sort(), [...z.ports].sort(), [...z.protocols].sort(), z.masquerade]
      const tables = (Object.keys(CHAINS) as IptTable[]).filter((t) => nf.iptables.hasRules(t))
      const rules = tables.map((t) => CHAINS[t].map((c) => nf.iptables.chain(t, c).map((r) => iptSave(r, c))))
      const pages = h.fs.list('/var/www/html') ?? []
      return [
        h.ip.ifaces.map((i) => [i.name, i.up, i.addrs.map((a) => [a.ip, a.plen])]),
        h.ip.routes.routes.map((r) => [r.dst.addr, r.dst.plen, r.via, r.dev, r.metric]),
        h.sysctl.all().map((k) => h.sysctl.get(k)),
        h.modules,
        [...h.systemd.states].map(([name, st]) => [name, st.active, st.enabled]),
        [...h.installed.keys()].sort(),
        [fw.running, zone(fw.runtime), rules, nf.arptables.chains.INPUT.map(arpRuleText), nf.arptables.chains.OUTPUT.map(arpRuleText)],
        (directorOf(h)?.services ?? []).map((s) => [s.fwmark, s.proto, s.addr, s.port, s.scheduler, s.persistent, s.timeout, s.netmask, s.schedFlags, s.laddrs.map((l) => l.addr), s.dests.map((d) => [d.addr, d.port, d.fwd, d.weight, d.uThreshold, d.lThreshold])]),
        pages.map((f) => [f, h.fs.read(`/var/www/html/${f}`)]),
      ]
    }),
  )
}
