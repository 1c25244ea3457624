// One simulated Rocky 9 machine: its interfaces and IPv4 stack, TCP, firewalld, systemd units,
// NetworkManager, installed packages, kernel modules and file system, and what a boot does with
// them (sysctl.d and sysctl.conf, modules-load.d, keyfiles, enabled units). Everything set only at
// runtime is lost on reboot; everything in a file comes back.

import { macFromIndex } from '../net/addr.ts'
import { PROTO_ICMP } from '../net/packet.ts'
import type { Engine } from '../sim/engine.ts'
import type { Segment } from '../sim/segment.ts'
import { Signal } from '../sim/task.ts'
import { laySkeleton, syncPrograms, type Program } from './base.ts'
import { wallSeconds } from './clock.ts'
import { IPVSADM_CONFIG, OS_RELEASE, PROTOCOLS, SERVICES, SSL_CONF, SYSCTL_CONF, WELCOME_CONF } from './files.ts'
import { FileSystem, type Mount } from './fs.ts'
import { Httpd } from './httpd.ts'
import { Ipv4Stack } from './ipv4.ts'
import { Journal, MODULE_MESSAGES } from './journal.ts'
import type { Netfilter } from './netfilter/index.ts'
import { procArp, procDev, procIfInet6, procNetMount, procRoute, procTcp, procTcp6, type ProcFile } from './procnet.ts'
import { tcpSockets } from './socktab.ts'
import { KEYFILE_DIR, NetworkManager } from './nm.ts'
import { BASE_PACKAGES, findPackage, type Package } from './packages.ts'
import { linkTarget } from './pkgfiles.ts'
import { ProcessTable } from './procs.ts'
import { Systemd, type StartResult, type UnitEffects } from './systemd.ts'
import { Sysctl, parseSysctlConf } from './sysctl.ts'
import { TcpStack } from './tcp.ts'
import { UdpStack } from './udp.ts'

export interface IfaceSpec {
  name: string
  segment: Segment
  /** Contents of the interface's keyfile (mode 0600), as the machine was installed. */
  keyfile: string
}

export interface HostSpec {
  /** Host name as the prompt shows it (`lvs`, `RS1`). */
  hostname: string
  /** Extra names that select this host in scripts (`rs1`, `luyou`, `router`). */
  aliases: string[]
  ifaces: IfaceSpec[]
  hosts: string
  macBase: number
  /** The director runs DPVS (FULLNAT lab): its ipvsadm is DPVS's, present from the start. */
  dpvs?: boolean
  /** The programs the shell can run, each with the package it needs: their files go in /usr. */
  programs?: readonly Program[]
}

export interface ExecResult {
  stdout: string
  stderr: string
  code: number
}

/** Hooks a kernel module's owner (IPVS) installs on its host. */
export interface DirectorHooks {
  /** ipvsadm.service ExecStop: save then clear. */
  onBoot(): void
}

export interface EchoReply {
  src: number
  seq: number
  ttl: number
  at: number
}

export class Host {
  readonly fs = new FileSystem()
  readonly sysctl = new Sysctl()
  readonly ip: Ipv4Stack
  readonly tcp: TcpStack
  readonly udp: UdpStack
  readonly systemd: Systemd
  readonly procs: ProcessTable
  readonly nm: NetworkManager
  readonly httpd: Httpd
  readonly installed = new Map<string, Package>()
  /** When each package went in (seconds of the wall clock): `rpm -qi`'s Install Date, `rpm -qa --last`. */
  readonly installedAt = new Map<string, number>()
  /** journald's store and the kernel ring buffer. */
  readonly journal = new Journal(() => this.engine.now)
  /** Generated /proc/net files by name; modules add theirs when they load (ip_vs). */
  readonly procNet = new Map<string, ProcFile>()
  /** Loaded kernel modules, most recent first (as /proc/modules lists them). */
  modules: string[] = []
  /** Runs a shell command line on this host (installed by the shell layer; used by unit ExecStart). */
  exec: (line: string) => ExecResult = () => ({ stdout: '', stderr: '', code: 127 })
  director: DirectorHooks | null = null
  /** ICMP traffic for ping sockets. */
  echoReplies: EchoReply[] = []
  icmpErrors: { from: number; type: number; code: number; seq?: number; at: number }[] = []
  private icmpWaiters: Signal<void> = new Signal()
  bootCount = 0
  bootedAt = 0
  private provided: Set<string> | null = null

  constructor(
    readonly engine: Engine,
    readonly spec: HostSpec,
  ) {
    this.fs.clock = () => this.wall()
    this.ip = new Ipv4Stack(spec.hostname, engine, this.sysctl)
    this.tcp = new TcpStack(this.ip)
    this.udp = new UdpStack(this.ip)
    this.ip.icmpInput = (pkt, msg) => {
      if (msg.type === 0) this.echoReplies.push({ src: pkt.src, seq: msg.seq ?? 0, ttl: pkt.ttl, at: this.engine.now })
      else {
        this.tcp.icmpError(msg)
        this.udp.icmpError(msg)
        const inner = msg.original?.payload
        this.icmpErrors.push({ from: pkt.src, type: msg.type, code: msg.code, seq: inner?.kind === 'icmp' ? inner.seq : undefined, at: this.engine.now })
      }
      const w = this.icmpWaiters
      this.icmpWaiters = new Signal()
      w.fire()
    }
    this.ip.localError = (pkt, err) => {
      if (pkt.proto === PROTO_ICMP && pkt.payload.kind === 'icmp') {
        this.icmpErrors.push({ from: pkt.src, type: 3, code: 1, seq: pkt.payload.seq, at: this.engine.now })
        const w = this.icmpWaiters
        this.icmpWaiters = new Signal()
        w.fire()
      }
      this.tcp.netError(pkt, err)
    }
    this.httpd = new Httpd(this.tcp, this.fs, () => this.wall(), () => this.installed.has('mod_ssl'), () => this.modules.includes('toa'), (us, fn) => this.engine.after(us, fn))
    this.systemd = new Systemd(() => this.hostname, () => this.wall(), (p) => this.installed.has(p), (u) => this.unitEffects(u))
    this.procs = new ProcessTable(() => this.wall(), () => wallSeconds(this.bootedAt), this.systemd)
    this.systemd.onLog = (l) => this.journal.unit(l.unit, l.ident, l.pid, l.msg)
    this.nm = new NetworkManager(this.fs, this.ip, () => this.randomUuid(), () => this.wall())
    for (const p of BASE_PACKAGES) this.installed.set(p.name, p)
    for (const p of BASE_PACKAGES) this.installedAt.set(p.name, this.wall())
    if (spec.dpvs) this.installed.set('dpvs', { name: 'dpvs', arch: 'x86_64', version: '1.9.5-1', repo: 'anaconda', size: 0, installedSize: 0, summary: 'DPVS, a DPDK-based layer-4 load balancer (with its own ipvsadm)', provides: ['ipvsadm'] })
    this.ip.addIface('lo', 'loopback', '00:00:00:00:00:00', 65536)
    spec.ifaces.forEach((s, i) => {
      const iface = this.ip.addIface(s.name, 'ether', macFromIndex(spec.macBase + i), 1500)
      iface.segment = s.segment
      s.segment.attach(iface)
    })
    this.layFiles()
    for (const name of ['firewalld', 'NetworkManager', 'sshd']) this.systemd.state(this.systemd.resolve(name)!).enabled = true
  }

  /** Conntrack, iptables, arptables and firewalld, and the hooks they run at (netfilter/). */
  get netfilter(): Netfilter {
    return this.ip.nf
  }

  get hostname(): string {
    return this.spec.hostname
  }

  /** Names that select this host (case-insensitive). */
  matches(name: string): boolean {
    const n = name.toLowerCase()
    return this.spec.hostname.toLowerCase() === n || this.spec.aliases.some((a) => a.toLowerCase() === n)
  }

  wall(): number {
    return wallSeconds(this.engine.now)
  }

  randomUuid(): string {
    const hex = Array.from({ length: 4 }, () => this.engine.rng.nextU32().toString(16).padStart(8, '0')).join('')
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`
  }

  /** A teaching note for the event log: what the lab explains beside the terminal. */
  note(code: string, text: string, params?: Record<string, string | number>): void {
    this.engine.trace.add({ type: 'note', t: this.engine.now, uid: 0, host: this.hostname, reason: { code, text, params } })
  }

  /** Fires on the next ICMP message addressed to a local socket (ping waits on it). */
  nextIcmp(): Signal<void> {
    return this.icmpWaiters
  }

  private layFiles(): void {
    const fs = this.fs
    laySkeleton(fs)
    this.syncPrograms(true)
    for (const d of ['/var/log', '/var/lib', '/usr/lib/systemd/system', '/etc/sysctl.d', '/etc/sysconfig', '/etc/modules-load.d', '/etc/systemd/system/multi-user.target.wants', KEYFILE_DIR]) fs.mkdirp(d)
    fs.write('/etc/hostname', `${this.spec.hostname.toLowerCase()}\n`, 0o644)
    fs.write('/etc/hosts', this.spec.hosts, 0o644)
    fs.write('/etc/services', SERVICES, 0o644)
    fs.write('/etc/protocols', PROTOCOLS, 0o644)
    fs.write('/etc/sysctl.conf', SYSCTL_CONF, 0o644)
    fs.write('/etc/os-release', OS_RELEASE, 0o644)
    fs.write('/etc/redhat-release', 'Rocky Linux release 9.4 (Blue Onyx)\n', 0o644)
    fs.write('/root/anaconda-ks.cfg', '#version=RHEL9\n# Use text install\ntext\n', 0o600)
    for (const s of this.spec.ifaces) fs.write(`${KEYFILE_DIR}/${s.name}.nmconnection`, s.keyfile, 0o600)
    const sysctl = this.sysctl
    const proc: Mount = {
      read: (rel) => {
        const key = rel.replace(/\//g, '.')
        const v = sysctl.get(key)
        return v === undefined ? null : `${v}\n`
      },
      write: (rel, content) => sysctl.set(rel.replace(/\//g, '.'), content.trim()),
      list: (rel) => {
        const prefix = rel ? rel.replace(/\//g, '.') + '.' : ''
        const names = new Set<string>()
        for (const k of sysctl.all()) if (k.startsWith(prefix)) names.add(k.slice(prefix.length).split('.')[0])
        return names.size ? [...names].sort() : null
      },
      isDir: (rel) => {
        const prefix = rel.replace(/\//g, '.') + '.'
        return sysctl.all().some((k) => k.startsWith(prefix))
      },
    }
    fs.mount('/proc/sys', proc)
    this.procNet.set('route', () => procRoute(this.ip))
    this.procNet.set('dev', () => procDev(this.ip))
    this.procNet.set('arp', () => procArp(this.ip))
    this.procNet.set('if_inet6', () => procIfInet6(this.ip, this.hostname, (dev) => this.nm.active.has(dev)))
    this.procNet.set('tcp', () => procTcp(tcpSockets(this)))
    this.procNet.set('tcp6', () => procTcp6(tcpSockets(this)))
    fs.mount('/proc/net', procNetMount(this.procNet))
  }

  // ---- packages ------------------------------------------------------------------------------

  /** After an install or removal only the programs that need a package can change. */
  private syncPrograms(all = false): void {
    const programs = this.spec.programs ?? []
    syncPrograms(this.fs, all ? programs : programs.filter((p) => p.pkg), (p) => this.isInstalled(p), linkTarget)
  }

  install(pkg: Package): void {
    this.installed.set(pkg.name, pkg)
    this.installedAt.set(pkg.name, this.wall())
    this.provided = null
    this.syncPrograms()
    const fs = this.fs
    if (pkg.name === 'httpd-filesystem') {
      fs.mkdirp('/var/www/html')
      fs.mkdirp('/var/www/cgi-bin')
      fs.mkdirp('/etc/httpd/conf.d')
      fs.mkdirp('/etc/httpd/conf')
      fs.mkdirp('/var/log/httpd')
      fs.chmod('/var/log/httpd', 0o700)
    }
    if (pkg.name === 'httpd-core') {
      fs.write('/etc/httpd/conf/httpd.conf', '#\n# This is the main Apache HTTP server configuration file.\n#\nServerRoot "/etc/httpd"\nListen 80\nInclude conf.modules.d/*.conf\nUser apache\nGroup apache\nServerAdmin root@localhost\nDocumentRoot "/var/www/html"\n<IfModule dir_module>\n    DirectoryIndex index.html\n</IfModule>\nErrorLog "logs/error_log"\nLogLevel warn\nCustomLog "logs/access_log" combined\nAddDefaultCharset UTF-8\nIncludeOptional conf.d/*.conf\n', 0o644)
      fs.write('/etc/httpd/conf.d/welcome.conf', WELCOME_CONF, 0o644)
    }
    if (pkg.name === 'mod_ssl') fs.write('/etc/httpd/conf.d/ssl.conf', SSL_CONF, 0o644)
    if (pkg.name === 'ipvsadm') fs.write('/etc/sysconfig/ipvsadm-config', IPVSADM_CONFIG, 0o600)
    // %config(noreplace): a file the learner already saved stays, the package's goes beside it.
    if (pkg.name === 'iptables-nft-services') fs.write(fs.exists('/etc/sysconfig/arptables') ? '/etc/sysconfig/arptables.rpmnew' : '/etc/sysconfig/arptables', '# Configure prior to use\n', 0o600)
  }

  remove(pkg: Package): void {
    const unit = this.systemd.resolve(pkg.name)
    if (unit) {
      this.systemd.stop(unit)
      this.systemd.disable(unit)
    }
    this.installed.delete(pkg.name)
    this.installedAt.delete(pkg.name)
    this.provided = null
    this.syncPrograms()
    if (pkg.name === 'ipvsadm') this.fs.remove('/etc/sysconfig/ipvsadm-config')
  }

  isInstalled(name: string): boolean {
    if (this.installed.has(name)) return true
    // What the installed packages provide besides their names, gathered again after a change.
    this.provided ??= new Set([...this.installed.values()].flatMap((p) => p.provides ?? []))
    return this.provided.has(name)
  }

  pkg(name: string): Package | undefined {
    return findPackage(name)
  }

  // ---- units ---------------------------------------------------------------------------------

  private unitEffects(unit: string): UnitEffects | undefined {
    switch (unit) {
      case 'firewalld':
        return { start: () => (this.netfilter.firewalld.start(), { ok: true }), stop: () => this.netfilter.firewalld.stop() }
      case 'httpd':
        return {
          start: (): StartResult => {
            const ports = this.httpd.start()
            const list = ports.map((p) => `port ${p}`).join(', ')
            return { ok: true, log: [['httpd', `Server configured, listening on: ${list}`]], status: `Started, listening on: ${list}` }
          },
          stop: () => this.httpd.stop(),
        }
      case 'ipvsadm':
        return {
          start: (): StartResult => {
            const r = this.exec('ipvsadm-restore < /etc/sysconfig/ipvsadm')
            const lines = (r.stderr + r.stdout).split('\n').filter(Boolean)
            return { ok: r.code === 0, log: lines.map((l) => ['bash', l.replace(/^-bash: /, '/bin/bash: line 1: ')] as [string, string]) }
          },
          stop: () => {
            this.exec('ipvsadm-save -n > /etc/sysconfig/ipvsadm')
            this.exec('ipvsadm -C')
          },
        }
      case 'arptables':
        // arptables-helper: start restores the saved file, stop flushes the rules.
        return {
          start: (): StartResult => {
            const r = this.exec('arptables-restore < /etc/sysconfig/arptables')
            const lines = (r.stderr + r.stdout).split('\n').filter(Boolean)
            return { ok: r.code === 0, log: lines.map((l) => ['arptables-helper', l] as [string, string]) }
          },
          stop: () => {
            this.exec('arptables -F')
          },
        }
      default:
        return undefined
    }
  }

  // ---- boot ----------------------------------------------------------------------------------

  /** Applies sysctl.d and sysctl.conf as systemd-sysctl does at boot. */
  private applySysctlFiles(): void {
    const files = (this.fs.list('/etc/sysctl.d') ?? []).filter((f) => f.endsWith('.conf')).map((f) => `/etc/sysctl.d/${f}`)
    for (const path of [...files, '/etc/sysctl.conf']) {
      const text = this.fs.read(path)
      if (typeof text !== 'string') continue
      for (const l of parseSysctlConf(text)) if (l.key && l.value !== undefined) this.sysctl.set(l.key, l.value)
    }
  }

  loadModule(name: string): void {
    if (this.modules.includes(name)) return
    if (name === 'ip_gre' && !this.modules.includes('gre')) for (const m of MODULE_MESSAGES.get('gre')!) this.journal.kernel(m)
    for (const m of MODULE_MESSAGES.get(name) ?? []) this.journal.kernel(m)
    if (name === 'ipip') {
      for (const dep of ['tunnel4', 'ip_tunnel']) if (!this.modules.includes(dep)) this.modules.unshift(dep)
      if (!this.ip.iface('tunl0')) this.ip.addIface('tunl0', 'ipip', '0.0.0.0', 1480)
      this.ip.ipipLoaded = true
    }
    if (name === 'ip_gre') {
      for (const dep of ['gre', 'ip_tunnel']) if (!this.modules.includes(dep)) this.modules.unshift(dep)
      if (!this.ip.iface('gre0')) this.ip.addIface('gre0', 'ipip', '0.0.0.0', 1476)
      this.ip.greLoaded = true
    }
    this.modules.unshift(name)
    this.sysctl.addModuleKeys(name)
  }

  unloadModule(name: string): void {
    this.modules = this.modules.filter((m) => m !== name)
    this.sysctl.removeModuleKeys(name)
    if (name === 'ip_vs') for (const f of [...this.procNet.keys()]) if (f.startsWith('ip_vs')) this.procNet.delete(f)
    if (name === 'ip_gre') {
      this.modules = this.modules.filter((m) => m !== 'gre')
      this.ip.removeIface('gre0')
      this.ip.greLoaded = false
    }
    if (name === 'ipip') {
      this.modules = this.modules.filter((m) => m !== 'tunnel4' && m !== 'ip_tunnel')
      this.ip.removeIface('tunl0')
      this.ip.ipipLoaded = false
    }
  }

  boot(): void {
    this.bootCount++
    this.bootedAt = this.engine.now
    this.journal.newBoot()
    this.systemd.reset()
    this.procs.reset()
    this.netfilter.reset()
    for (const i of [...this.ip.ifaces]) if (i.kind === 'ipip') this.ip.removeIface(i.name)
    this.ip.ipipLoaded = false
    this.ip.greLoaded = false
    this.ip.fouPorts.clear()
    this.modules = ['nft_ct', 'nf_tables', 'nf_conntrack', 'nf_defrag_ipv6', 'nf_defrag_ipv4', 'libcrc32c', 'xfs']
    for (const i of this.ip.ifaces) {
      i.addrs = i.kind === 'loopback' ? [{ ip: 0x7f000001, plen: 8, scope: 'host', noprefixroute: false, secondary: false, owner: 'manual' }] : []
      i.up = true
    }
    this.ip.routes.clear()
    this.ip.flushNeighbours()
    this.tcp.reset()
    this.udp.reset()
    this.sysctl.reset(this.ip.ifaces.map((i) => i.name))
    this.director?.onBoot()
    for (const f of this.fs.list('/etc/modules-load.d') ?? []) {
      const text = this.fs.read(`/etc/modules-load.d/${f}`)
      if (typeof text !== 'string') continue
      for (const line of text.split('\n')) {
        const m = line.trim()
        if (m && !m.startsWith('#') && !m.startsWith(';') && ['ipip', 'ip_vs'].includes(m)) this.loadModule(m)
      }
    }
    this.applySysctlFiles()
    this.nm.boot()
    for (const name of ['firewalld', 'NetworkManager', 'sshd', 'httpd', 'ipvsadm', 'arptables']) {
      const def = this.systemd.resolve(name)
      if (def && this.systemd.state(def).enabled) this.systemd.start(def)
    }
  }

  /** `reboot`: units stop as at shutdown (ipvsadm saves its table), then the machine boots again. */
  reboot(): void {
    for (const name of ['ipvsadm', 'httpd', 'firewalld']) {
      const def = this.systemd.resolve(name)
      if (def) this.systemd.stop(def)
    }
    this.boot()
  }
}
