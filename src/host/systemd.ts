// systemd 252 as the labs meet it: unit files that packages bring, enablement as symlinks in
// /etc/systemd/system, active/sub states, a per-boot journal, and the exact lines systemctl prints
// (rhel9-system.md §1). What a unit does when it starts or stops is supplied by the host.

import { journalDate, systemdDate, systemdSpan } from './clock.ts'

export interface UnitDef {
  name: string
  description: string
  fragment: string
  docs: string[]
  preset: 'enabled' | 'disabled'
  type: 'notify' | 'oneshot' | 'dbus'
  /** Symlinks `enable` creates, in the order systemctl prints them. */
  links: string[]
  /** The package that ships the unit file; null for units of the base system. */
  pkg: string | null
  exec?: string
  process?: { comm: string; cmdline: string; children: number }
  tasks?: number
  memory?: string
}

export interface StartResult {
  ok: boolean
  /** Journal lines the service itself writes: [ident, message]. */
  log?: [string, string][]
  status?: string
}

export interface UnitEffects {
  start(): StartResult
  stop(): void
}

export interface UnitState {
  enabled: boolean
  active: 'active' | 'inactive' | 'failed'
  since: number | null
  mainPid: number
  statusText?: string
}

export interface JournalLine {
  epoch: number
  ident: string
  pid: number
  msg: string
  unit: string
}

const SYSTEM = '/etc/systemd/system'

export const UNITS: UnitDef[] = [
  {
    name: 'firewalld',
    description: 'firewalld - dynamic firewall daemon',
    fragment: '/usr/lib/systemd/system/firewalld.service',
    docs: ['man:firewalld(1)'],
    preset: 'enabled',
    type: 'dbus',
    links: [`${SYSTEM}/dbus-org.fedoraproject.FirewallD1.service`, `${SYSTEM}/multi-user.target.wants/firewalld.service`],
    pkg: null,
    process: { comm: 'firewalld', cmdline: '/usr/bin/python3 -s /usr/sbin/firewalld --nofork --nopid', children: 0 },
    tasks: 2,
    memory: '41.8M',
  },
  {
    name: 'httpd',
    description: 'The Apache HTTP Server',
    fragment: '/usr/lib/systemd/system/httpd.service',
    docs: ['man:httpd.service(8)'],
    preset: 'disabled',
    type: 'notify',
    links: [`${SYSTEM}/multi-user.target.wants/httpd.service`],
    pkg: 'httpd',
    process: { comm: 'httpd', cmdline: '/usr/sbin/httpd -DFOREGROUND', children: 4 },
    tasks: 213,
    memory: '22.9M',
  },
  {
    name: 'ipvsadm',
    description: 'Initialise the Linux Virtual Server',
    fragment: '/usr/lib/systemd/system/ipvsadm.service',
    docs: [],
    preset: 'disabled',
    type: 'oneshot',
    links: [`${SYSTEM}/multi-user.target.wants/ipvsadm.service`],
    pkg: 'ipvsadm',
    exec: 'ExecStart=/bin/bash -c exec /sbin/ipvsadm-restore < /etc/sysconfig/ipvsadm',
  },
  {
    name: 'arptables',
    description: 'Automates a packet filtering firewall with arptables',
    fragment: '/usr/lib/systemd/system/arptables.service',
    docs: [],
    preset: 'disabled',
    type: 'oneshot',
    links: [`${SYSTEM}/multi-user.target.wants/arptables.service`],
    pkg: 'iptables-nft-services',
    exec: 'ExecStart=/usr/libexec/arptables-helper start',
  },
  {
    name: 'NetworkManager',
    description: 'Network Manager',
    fragment: '/usr/lib/systemd/system/NetworkManager.service',
    docs: ['man:NetworkManager(8)'],
    preset: 'enabled',
    type: 'dbus',
    links: [
      `${SYSTEM}/dbus-org.freedesktop.nm-dispatcher.service`,
      `${SYSTEM}/multi-user.target.wants/NetworkManager.service`,
      `${SYSTEM}/network-online.target.wants/NetworkManager-wait-online.service`,
    ],
    pkg: null,
    process: { comm: 'NetworkManager', cmdline: '/usr/sbin/NetworkManager --no-daemon', children: 0 },
    tasks: 3,
    memory: '10.2M',
  },
  {
    name: 'sshd',
    description: 'OpenSSH server daemon',
    fragment: '/usr/lib/systemd/system/sshd.service',
    docs: ['man:sshd(8)', 'man:sshd_config(5)'],
    preset: 'enabled',
    type: 'notify',
    links: [`${SYSTEM}/multi-user.target.wants/sshd.service`],
    pkg: null,
    process: { comm: 'sshd', cmdline: 'sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups', children: 0 },
    tasks: 1,
    memory: '5.6M',
  },
]

export class Systemd {
  readonly states = new Map<string, UnitState>()
  journal: JournalLine[] = []
  /** Every line also goes to the host's journal (journalctl reads it across boots). */
  onLog: (line: JournalLine) => void = () => {}
  private pid = 700

  constructor(
    private readonly hostName: () => string,
    private readonly now: () => number,
    private readonly installed: (pkg: string) => boolean,
    private readonly effects: (unit: string) => UnitEffects | undefined,
  ) {
    for (const u of UNITS) this.states.set(u.name, { enabled: false, active: 'inactive', since: null, mainPid: 0 })
  }

  /** `httpd` and `httpd.service` name the same unit; other suffixes are not ours. */
  resolve(name: string): UnitDef | undefined {
    const base = name.endsWith('.service') ? name.slice(0, -8) : name
    const def = UNITS.find((u) => u.name === base)
    if (!def) return undefined
    if (def.pkg && !this.installed(def.pkg)) return undefined
    return def
  }

  state(def: UnitDef): UnitState {
    return this.states.get(def.name)!
  }

  nextPid(): number {
    this.pid += this.pid < 1400 ? 37 : 11
    return this.pid
  }

  log(unit: string, ident: string, msg: string, pid = 1): void {
    const line = { epoch: this.now(), ident, pid, msg, unit }
    this.journal.push(line)
    this.onLog(line)
  }

  enable(def: UnitDef): string[] {
    const st = this.state(def)
    if (st.enabled) return []
    st.enabled = true
    return def.links.map((l) => `Created symlink ${l} → ${def.fragment}.`)
  }

  disable(def: UnitDef): string[] {
    const st = this.state(def)
    if (!st.enabled) return []
    st.enabled = false
    return [...def.links].reverse().map((l) => `Removed "${l}".`)
  }

  /** Starts the unit; returns false when its process failed. */
  start(def: UnitDef): boolean {
    const st = this.state(def)
    if (st.active === 'active') return true
    const fx = this.effects(def.name)
    this.log(def.name, 'systemd', `Starting ${def.description}...`)
    const pid = this.nextPid()
    const result = fx ? fx.start() : { ok: true }
    st.since = this.now()
    st.mainPid = pid
    for (const [ident, msg] of result.log ?? []) this.log(def.name, ident, msg, pid)
    if (!result.ok) {
      st.active = 'failed'
      this.log(def.name, 'systemd', `${def.name}.service: Main process exited, code=exited, status=1/FAILURE`)
      this.log(def.name, 'systemd', `${def.name}.service: Failed with result 'exit-code'.`)
      this.log(def.name, 'systemd', `Failed to start ${def.description}.`)
      return false
    }
    st.active = 'active'
    st.statusText = result.status
    this.log(def.name, 'systemd', `${def.type === 'oneshot' ? 'Finished' : 'Started'} ${def.description}.`)
    return true
  }

  stop(def: UnitDef): void {
    const st = this.state(def)
    if (st.active === 'failed') {
      st.active = 'inactive'
      return
    }
    if (st.active !== 'active') return
    this.log(def.name, 'systemd', `Stopping ${def.description}...`)
    this.effects(def.name)?.stop()
    st.active = 'inactive'
    this.log(def.name, 'systemd', `${def.name}.service: Deactivated successfully.`)
    this.log(def.name, 'systemd', `Stopped ${def.description}.`)
    if (def.type !== 'oneshot') this.log(def.name, 'systemd', `${def.name}.service: Consumed ${def.name === 'httpd' ? '1.411s' : '627ms'} CPU time.`)
  }

  isActive(name: string): boolean {
    return this.states.get(name)?.active === 'active'
  }

  /** The whole `systemctl status` text and its exit code. */
  status(def: UnitDef): { text: string; code: number } {
    const st = this.state(def)
    const lines: string[] = []
    const glyph = st.active === 'active' ? '●' : st.active === 'failed' ? '×' : '○'
    lines.push(`${glyph} ${def.name}.service - ${def.description}`)
    lines.push(`     Loaded: loaded (${def.fragment}; ${st.enabled ? 'enabled' : 'disabled'}; preset: ${def.preset})`)
    const now = this.now()
    const ago = (t: number) => `${systemdDate(t)}; ${systemdSpan(Math.max(0, now - t))} ago`
    if (st.active === 'active') {
      lines.push(`     Active: active (${def.type === 'oneshot' ? 'exited' : 'running'}) since ${ago(st.since!)}`)
    } else if (st.active === 'failed') {
      lines.push(`     Active: failed (Result: exit-code) since ${ago(st.since!)}`)
    } else {
      lines.push(`     Active: inactive (dead)`)
    }
    for (const d of def.docs) lines.push(d === def.docs[0] ? `       Docs: ${d}` : `             ${d}`)
    if (st.active === 'failed' && def.exec) {
      lines.push(`    Process: ${st.mainPid} ${def.exec} (code=exited, status=1/FAILURE)`)
      lines.push(`   Main PID: ${st.mainPid} (code=exited, status=1/FAILURE)`)
      lines.push(`        CPU: 3ms`)
    } else if (st.active === 'active' && def.type === 'oneshot') {
      lines.push(`    Process: ${st.mainPid} ${def.exec} (code=exited, status=0/SUCCESS)`)
      lines.push(`   Main PID: ${st.mainPid} (code=exited, status=0/SUCCESS)`)
      lines.push(`        CPU: 3ms`)
    } else if (st.active === 'active' && def.process) {
      lines.push(`   Main PID: ${st.mainPid} (${def.process.comm})`)
      if (st.statusText) lines.push(`     Status: "${st.statusText}"`)
      lines.push(`      Tasks: ${def.tasks} (limit: 10884)`)
      lines.push(`     Memory: ${def.memory}`)
      lines.push(`        CPU: ${def.name === 'httpd' ? '140ms' : '627ms'}`)
      lines.push(`     CGroup: /system.slice/${def.name}.service`)
      const pids = [st.mainPid, ...Array.from({ length: def.process.children }, (_, i) => st.mainPid + 1 + i)]
      const width = Math.max(...pids.map((p) => String(p).length))
      pids.forEach((p, i) => {
        const branch = i === pids.length - 1 ? '└─' : '├─'
        lines.push(`             ${branch}${String(p).padStart(width, ' ')} ${def.process!.cmdline}`)
      })
    }
    const journal = this.journal.filter((j) => j.unit === def.name).slice(-10)
    if (journal.length) {
      lines.push('')
      for (const j of journal) lines.push(`${journalDate(j.epoch)} ${this.hostName()} ${j.ident}[${j.pid}]: ${j.msg}`)
    }
    return { text: lines.join('\n') + '\n', code: st.active === 'active' ? 0 : 3 }
  }

  /** A new boot: the journal starts empty and nothing is loaded. */
  reset(): void {
    this.journal = []
    for (const st of this.states.values()) {
      st.active = 'inactive'
      st.since = null
    }
  }
}
