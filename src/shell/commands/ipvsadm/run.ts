// Carrying out a parsed ipvsadm command against the host's director, with the kernel's answers
// turned into ipvsadm's messages (ipvsadm.md §4.2) and its exit statuses; `-R` replays lines.

import type { Host } from '../../../host/host.ts'
import { Names } from '../../../host/names.ts'
import { formatIp } from '../../../net/addr.ts'
import { loadIpvs, loadSchedulerModule } from '../../../ipvs/index.ts'
import type { Director, KernelError } from '../../../ipvs/director.ts'
import type { Service, SvcKey } from '../../../ipvs/types.ts'
import { NOT_IN_MAINLINE } from '../../../ipvs/schedulers/index.ts'
import { table } from '../../../sim/table.ts'
import { DPVS_VERSION, helpText, listConnections, listConnectionsDpvs, listLaddrs, listServices, saveRules, VERSION } from './format.ts'
import { parseIpvsadm, type Parsed } from './parse.ts'

export interface Output {
  out(text: string): void
  err(text: string): void
}

const KERNEL_TEXT = table<Partial<Record<KernelError, string>>>({
  'add-service': { EEXIST: 'Service already exists', ENOENT: 'Scheduler or persistence engine not found' },
  'edit-service': { ESRCH: 'No such service', ENOENT: 'Scheduler or persistence engine not found' },
  'delete-service': { ESRCH: 'No such service' },
  zero: { ESRCH: 'No such service' },
  'add-server': { ESRCH: 'Service not defined', EEXIST: 'Destination already exists', ERANGE: 'Numerical result out of range', EINVAL: 'Invalid operation.  Possibly wrong module version, address not unicast, ...' },
  'edit-server': { ESRCH: 'Service not defined', ENOENT: 'No such destination', ERANGE: 'Numerical result out of range' },
  'delete-server': { ESRCH: 'Service not defined', ENOENT: 'No such destination' },
})

function key(p: Parsed): SvcKey {
  const s = p.svc!
  return { fwmark: s.fwmark, proto: s.kind === 'fwm' ? 'tcp' : s.kind, addr: s.addr, port: s.port }
}

/** Runs one ipvsadm invocation. `stdin` feeds -R. */
export function ipvsadm(host: Host, argv: string[], stdin: string, io: Output): number {
  const names = new Names(host.fs)
  const p = parseIpvsadm(argv, names, !!host.spec.dpvs)
  if ('fail' in p) {
    io.err(p.fail + '\n')
    return p.status
  }
  if (p.cmd === 'help') {
    io.out(helpText(p.prog))
    return 0
  }
  if (p.cmd === 'version') {
    io.out((host.spec.dpvs ? DPVS_VERSION : VERSION) + '\n')
    return 0
  }
  const dir = loadIpvs(host)
  return execute(host, dir, p, stdin, io, names)
}

function execute(host: Host, dir: Director, p: Parsed, stdin: string, io: Output, names: Names): number {
  const kernel = (e: KernelError | null): number => {
    if (!e) return 0
    io.err((KERNEL_TEXT[p.cmd]?.[e] ?? e) + '\n')
    return 255
  }
  const findSvc = (): Service | null => dir.findService(key(p)) ?? null
  switch (p.cmd) {
    case 'add-service':
    case 'edit-service': {
      const opts = { ...key(p), scheduler: p.scheduler!, persistent: p.persistent !== undefined, timeout: p.persistent ?? 0, netmask: p.netmask ?? 0xffffffff, ops: p.ops, pe: p.pe ?? null, schedFlags: p.schedFlags ?? [] }
      const e = p.cmd === 'add-service' ? dir.addService(opts) : dir.editService(opts)
      if (!e) loadSchedulerModule(host, opts.scheduler)
      const missing = NOT_IN_MAINLINE[opts.scheduler]
      if (e === 'ENOENT' && missing) {
        host.note('sched.not_mainline', `The kernel has no "${opts.scheduler}" scheduler (it logs: IPVS: Scheduler module ip_vs_${opts.scheduler} not found). The tutorial's ${opts.scheduler} means ${missing.meaning}; IPVS never times responses, so the closest mainline choice is ${missing.nearest}.`, { scheduler: opts.scheduler, nearest: missing.nearest })
      }
      return kernel(e)
    }
    case 'delete-service':
      return kernel(dir.delService(key(p)))
    case 'flush':
      dir.flush()
      return 0
    case 'add-server':
    case 'edit-server': {
      const svc = findSvc()
      if (!svc) return kernel('ESRCH')
      const s = p.server!
      const tunFlag = p.tunCsum[0]?.slice(4) as 'nocsum' | 'csum' | 'remcsum' | undefined
      if (p.fwd === 'fullnat' && p.cmd === 'add-server') host.note('fullnat.not_mainline', 'FULLNAT is not in the mainline Linux kernel: this director runs DPVS (a DPDK load balancer) with its own ipvsadm, where -b means FULLNAT. On a stock RHEL 9 ipvsadm, -b sets scheduler flags.')
      const opts = { addr: s.addr, port: s.port, fwd: p.fwd!, weight: p.weight ?? 1, uThreshold: p.uThreshold ?? 0, lThreshold: p.lThreshold ?? 0, tunType: p.tunType ?? 'ipip', tunPort: p.tunPort ?? 0, tunFlags: tunFlag ?? null }
      return kernel(p.cmd === 'add-server' ? dir.addDest(svc, opts) : dir.editDest(svc, opts))
    }
    case 'delete-server': {
      const svc = findSvc()
      if (!svc) return kernel('ESRCH')
      const s = p.server!
      const port = svc.fwmark ? s.port : s.portGiven ? s.port : svc.port
      return kernel(dir.delDest(svc, s.addr, port))
    }
    case 'zero': {
      if (p.svc) {
        const svc = findSvc()
        if (!svc) return kernel('ESRCH')
        dir.zero(svc)
      } else dir.zero()
      return 0
    }
    case 'set': {
      const [tcp, tcpfin, udp] = p.setTimeouts!
      const t = dir.conns.timeouts
      if (tcp) t.tcp = tcp
      if (tcpfin) t.tcpfin = tcpfin
      if (udp) t.udp = udp
      return 0
    }
    case 'list': {
      if (p.connection) {
        io.out(host.spec.dpvs ? listConnectionsDpvs(dir) : listConnections(dir, host.engine.now, p.numeric, names, p.format === 'persistent-conn'))
        return 0
      }
      if (p.timeoutList) {
        const t = dir.conns.timeouts
        io.out(`Timeout (tcp tcpfin udp): ${t.tcp} ${t.tcpfin} ${t.udp}\n`)
        return 0
      }
      if (p.daemonList) {
        for (const d of dir.daemons) io.out(d + '\n')
        return 0
      }
      if (p.svc) {
        const svc = findSvc()
        if (!svc) {
          io.err('No such service\n')
          return 1
        }
        io.out(listServices(dir, p, names, svc, !!host.spec.dpvs))
        return 0
      }
      io.out(listServices(dir, p, names, undefined, !!host.spec.dpvs))
      return 0
    }
    case 'save':
      io.out(saveRules(dir, p.numeric, names))
      return 0
    case 'restore':
      return restore(host, dir, p.prog, stdin, io, names)
    case 'add-laddr':
    case 'del-laddr': {
      const svc = findSvc()
      if (!svc) {
        io.err('[dpvs_setsockopt] Server error: no service\nNo such service\n')
        return 255
      }
      const e = p.cmd === 'add-laddr' ? dir.addLaddr(svc, p.laddr!, p.ifname!) : dir.delLaddr(svc, p.laddr!)
      if (e === 'EEXIST') io.err('[dpvs_setsockopt] Server error: already exist\nLocal address already exists\n')
      else if (e === 'ENOENT') io.err('[dpvs_setsockopt] Server error: not exist\nNo such Local address\n')
      else if (e === 'ENODEV') io.err('[dpvs_setsockopt] Server error: invalid parameter\nNo such device\n')
      return e ? 255 : 0
    }
    case 'get-laddr': {
      const list = p.svc ? [findSvc()].filter((x): x is Service => !!x) : dir.services.filter((s) => s.laddrs.length)
      io.out(listLaddrs(list))
      return 0
    }
    case 'start-daemon': {
      const type = p.daemonType!
      if (dir.daemons.some((d) => d.startsWith(type))) {
        io.err('Daemon has already run\n')
        return 255
      }
      const ifname = p.mcastInterface ?? 'eth0'
      const dev = host.ip.iface(ifname)
      if (!dev) {
        io.err('No such device\n')
        return 255
      }
      // start_sync_thread's defaults: the device's MTU less the IPv4 and UDP headers, group 224.0.0.81, port 8848, TTL 1.
      const maxlen = p.syncMaxlen ?? dev.mtu - 28
      dir.daemons.push(`${type} sync daemon (mcast=${ifname}, syncid=${p.syncid ?? 0}, maxlen=${maxlen}, group=${formatIp(p.mcastGroup ?? 0xe0000051)}, port=${p.mcastPort ?? 8848}, ttl=${p.mcastTtl ?? 1})`)
      return 0
    }
    case 'stop-daemon': {
      const i = dir.daemons.findIndex((d) => d.startsWith(p.daemonType!))
      if (i < 0) {
        io.err('No daemon is running\n')
        return 255
      }
      dir.daemons.splice(i, 1)
      return 0
    }
    default:
      return 0
  }
}

/** ipvsadm -R: each non-blank line is a command line; validation errors abort, kernel errors don't. */
function restore(host: Host, dir: Director, prog: string, stdin: string, io: Output, names: Names): number {
  let status = 0
  for (const line of stdin.split('\n')) {
    const words = line.split(/[ \t\r]+/).filter((w) => w && w !== 'ipvsadm')
    if (!words.length) continue
    const p = parseIpvsadm([prog, ...words], names)
    if ('fail' in p) {
      io.err(p.fail + '\n')
      return p.status
    }
    if (p.cmd === 'restore') {
      io.err(`Try \`${prog} -h' or '${prog} --help' for more information.\n`)
      return 255
    }
    status = execute(host, dir, p, '', io, names)
  }
  return status
}

