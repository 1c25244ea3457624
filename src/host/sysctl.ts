// The sysctl tree of a RHEL 9 (kernel 5.14) host: the keys the labs touch with the kernel's defaults,
// per-interface `net.ipv4.conf.<if>.*` directories that come and go with interfaces, and
// `net.ipv4.vs.*` once ip_vs is loaded. Values are kept as the text the kernel prints; writes are
// validated like the kernel's proc handlers (integers, ranges) so bad values fail as they do there.

import { table } from '../sim/table.ts'

export type SysctlWrite = 'ok' | 'enoent' | 'einval'

interface Key {
  value: string
  /** The value as a number, kept beside the text: the packet path reads these constantly. */
  num?: number
  /** Accepted range for integer keys; undefined for free text. */
  range?: [number, number]
}

/** A representative slice of a stock RHEL 9 host's keys outside net.ipv4.conf (sysctl -a prints ~1000). */
const GLOBAL_KEYS = table<string | [string, number, number]>({
  'abi.vsyscall32': '1',
  'crypto.fips_enabled': '0',
  'dev.tty.ldisc_autoload': '1',
  'fs.file-max': '9223372036854775807',
  'fs.inotify.max_user_watches': '59603',
  'fs.protected_fifos': '1',
  'fs.protected_hardlinks': '1',
  'fs.protected_regular': '1',
  'fs.protected_symlinks': '1',
  'fs.suid_dumpable': '2',
  'kernel.core_pattern': '|/usr/lib/systemd/systemd-coredump %P %u %g %s %t %c %h',
  'kernel.core_pipe_limit': '16',
  'kernel.core_uses_pid': '1',
  'kernel.domainname': '(none)',
  'kernel.hostname': 'localhost',
  'kernel.kptr_restrict': '1',
  'kernel.osrelease': '5.14.0-427.13.1.el9_4.x86_64',
  'kernel.ostype': 'Linux',
  'kernel.panic': '0',
  'kernel.pid_max': '4194304',
  'kernel.printk': '4\t4\t1\t7',
  'kernel.randomize_va_space': '2',
  'kernel.sysrq': '16',
  'kernel.yama.ptrace_scope': '0',
  'net.core.default_qdisc': 'fq_codel',
  'net.core.netdev_max_backlog': '1000',
  'net.core.optmem_max': '81920',
  'net.core.rmem_default': '212992',
  'net.core.rmem_max': '212992',
  'net.core.somaxconn': '4096',
  'net.core.wmem_default': '212992',
  'net.core.wmem_max': '212992',
  'net.ipv4.icmp_echo_ignore_all': ['0', 0, 1],
  'net.ipv4.icmp_echo_ignore_broadcasts': ['1', 0, 1],
  'net.ipv4.icmp_ratelimit': '1000',
  'net.ipv4.ip_default_ttl': ['64', 1, 255],
  'net.ipv4.ip_forward': ['0', 0, 1],
  'net.ipv4.ip_forward_update_priority': ['1', 0, 1],
  'net.ipv4.ip_forward_use_pmtu': ['0', 0, 1],
  'net.ipv4.ip_local_port_range': '32768\t60999',
  'net.ipv4.ip_nonlocal_bind': ['0', 0, 1],
  'net.ipv4.neigh.default.gc_thresh1': '128',
  'net.ipv4.neigh.default.gc_thresh2': '512',
  'net.ipv4.neigh.default.gc_thresh3': '1024',
  'net.ipv4.ping_group_range': '0\t2147483647',
  'net.ipv4.tcp_fin_timeout': '60',
  'net.ipv4.tcp_keepalive_time': '7200',
  'net.ipv4.tcp_retries2': '15',
  'net.ipv4.tcp_syn_retries': ['6', 1, 127],
  'net.ipv4.tcp_synack_retries': ['5', 0, 255],
  'net.ipv4.tcp_timestamps': '1',
  'net.ipv4.tcp_tw_reuse': '2',
  'net.ipv4.udp_mem': '185064\t246752\t370128',
  'vm.overcommit_memory': '0',
  'vm.swappiness': '60',
})

/** Per-interface IPv4 keys with kernel defaults; RHEL's sysctl.d sets rp_filter = 1 on default and interfaces. */
const CONF_KEYS = table<[string, number, number]>({
  accept_local: ['0', 0, 1],
  accept_redirects: ['1', 0, 1],
  accept_source_route: ['0', 0, 1],
  arp_accept: ['0', 0, 2],
  arp_announce: ['0', 0, 2],
  arp_evict_nocarrier: ['1', 0, 1],
  arp_filter: ['0', 0, 1],
  arp_ignore: ['0', 0, 8],
  arp_notify: ['0', 0, 1],
  bootp_relay: ['0', 0, 1],
  disable_policy: ['0', 0, 1],
  disable_xfrm: ['0', 0, 1],
  drop_gratuitous_arp: ['0', 0, 1],
  drop_unicast_in_l2_multicast: ['0', 0, 1],
  forwarding: ['0', 0, 1],
  log_martians: ['0', 0, 1],
  mc_forwarding: ['0', 0, 0],
  medium_id: ['0', -1, 2147483647],
  promote_secondaries: ['1', 0, 1],
  proxy_arp: ['0', 0, 1],
  proxy_arp_pvlan: ['0', 0, 1],
  route_localnet: ['0', 0, 1],
  rp_filter: ['1', 0, 2],
  secure_redirects: ['1', 0, 1],
  send_redirects: ['1', 0, 1],
  shared_media: ['1', 0, 1],
  src_valid_mark: ['0', 0, 1],
  tag: ['0', 0, 2147483647],
})

export const VS_KEYS = table<string>({
  am_droprate: '10',
  amemthresh: '1024',
  backup_only: '0',
  cache_bypass: '0',
  conn_reuse_mode: '1',
  conntrack: '0',
  drop_entry: '0',
  drop_packet: '0',
  expire_nodest_conn: '0',
  expire_quiescent_template: '0',
  ignore_tunneled: '0',
  nat_icmp_send: '0',
  pmtu_disc: '1',
  run_estimation: '1',
  schedule_icmp: '0',
  secure_tcp: '0',
  sloppy_sctp: '0',
  sloppy_tcp: '0',
  snat_reroute: '1',
  sync_persist_mode: '0',
  sync_ports: '1',
  sync_qlen_max: '15234',
  sync_refresh_period: '0',
  sync_retries: '0',
  sync_sock_size: '0',
  sync_threshold: '3\t50',
  sync_version: '1',
})

/**
 * Keys a scheduler module registers under net.ipv4.vs when it loads (ip_vs_lblc.c and
 * ip_vs_lblcr.c's sysctl tables): 24*60*60*HZ jiffies, shown in seconds by proc_dointvec_jiffies.
 */
export const MODULE_VS_KEYS = table<Readonly<Record<string, string>>>({
  ip_vs_lblc: { lblc_expiration: '86400' },
  ip_vs_lblcr: { lblcr_expiration: '86400' },
})

export class Sysctl {
  private keys = new Map<string, Key>()
  /** The same Key objects by interface and name, so the packet path needs no string building. */
  private confs = new Map<string, Map<string, Key>>()
  /** Called after a successful write, e.g. so ip_forward can flip every interface's forwarding key. */
  onWrite: (key: string, value: string) => void = () => {}

  constructor() {
    this.reset([])
  }

  /** Kernel defaults again, as after a reboot, for the given interfaces. */
  reset(ifNames: string[]): void {
    this.keys.clear()
    this.confs.clear()
    for (const [k, v] of Object.entries(GLOBAL_KEYS)) {
      if (Array.isArray(v)) this.keys.set(k, { value: v[0], range: [v[1], v[2]] })
      else this.keys.set(k, { value: v })
    }
    this.addConf('all')
    this.addConf('default')
    this.keys.get('net.ipv4.conf.all.rp_filter')!.value = '0'
    for (const name of ifNames) this.addConf(name)
  }

  addConf(ifName: string): void {
    const conf = new Map<string, Key>()
    for (const [k, [v, lo, hi]] of Object.entries(CONF_KEYS)) {
      const inherited = this.keys.get(`net.ipv4.conf.default.${k}`)?.value
      const value = ifName === 'all' || ifName === 'default' ? v : (inherited ?? v)
      const key: Key = { value, range: [lo, hi] }
      this.keys.set(`net.ipv4.conf.${ifName}.${k}`, key)
      conf.set(k, key)
    }
    this.confs.set(ifName, conf)
  }

  removeConf(ifName: string): void {
    for (const k of Object.keys(CONF_KEYS)) this.keys.delete(`net.ipv4.conf.${ifName}.${k}`)
    this.confs.delete(ifName)
  }

  addVs(): void {
    for (const [k, v] of Object.entries(VS_KEYS)) if (!this.keys.has(`net.ipv4.vs.${k}`)) this.keys.set(`net.ipv4.vs.${k}`, { value: v })
  }

  removeVs(): void {
    for (const k of Object.keys(VS_KEYS)) this.keys.delete(`net.ipv4.vs.${k}`)
  }

  /** The keys module `mod` registers when it loads, if any. */
  addModuleKeys(mod: string): void {
    const own = Object.hasOwn(MODULE_VS_KEYS, mod) ? MODULE_VS_KEYS[mod] : undefined
    for (const [k, v] of Object.entries(own ?? {})) if (!this.keys.has(`net.ipv4.vs.${k}`)) this.keys.set(`net.ipv4.vs.${k}`, { value: v })
  }

  removeModuleKeys(mod: string): void {
    const own = Object.hasOwn(MODULE_VS_KEYS, mod) ? MODULE_VS_KEYS[mod] : undefined
    for (const k of Object.keys(own ?? {})) this.keys.delete(`net.ipv4.vs.${k}`)
  }

  has(key: string): boolean {
    return this.keys.has(key)
  }

  get(key: string): string | undefined {
    return this.keys.get(key)?.value
  }

  int(key: string): number {
    const k = this.keys.get(key)
    if (!k) return 0
    k.num ??= Number(k.value)
    return k.num
  }

  /** Effective per-interface value where the kernel takes the maximum of `all` and the interface. */
  confMax(ifName: string, name: string): number {
    const all = this.confs.get('all')?.get(name)
    const own = this.confs.get(ifName)?.get(name)
    const a = all ? (all.num ??= Number(all.value)) : 0
    const b = own ? (own.num ??= Number(own.value)) : 0
    return a > b ? a : b
  }

  set(key: string, raw: string): SysctlWrite {
    const k = this.keys.get(key)
    if (!k) return 'enoent'
    const value = raw.trim().replace(/\s+/g, '\t')
    if (k.range) {
      if (!/^-?\d+$/.test(value)) return 'einval'
      const n = Number(value)
      if (n < k.range[0] || n > k.range[1]) return 'einval'
      k.value = String(n)
    } else {
      k.value = value
    }
    k.num = undefined
    this.onWrite(key, k.value)
    return 'ok'
  }

  /** Every key sorted component by component, as `sysctl -a` walks /proc/sys. */
  all(): string[] {
    return [...this.keys.keys()].sort(compareKeys)
  }
}

function compareKeys(a: string, b: string): number {
  const pa = a.split('.')
  const pb = b.split('.')
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    if (pa[i] !== pb[i]) return pa[i] < pb[i] ? -1 : 1
  }
  return pa.length - pb.length
}

export interface ConfLine {
  lineNo: number
  key?: string
  value?: string
  invalid?: boolean
}

/** Lines of a sysctl.conf as procps reads them: `#`/`;` comments, `key = value`, blanks stripped. */
export function parseSysctlConf(text: string): ConfLine[] {
  const out: ConfLine[] = []
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim()
    if (line.length < 2 || line.startsWith('#') || line.startsWith(';')) return
    const eq = line.indexOf('=')
    if (eq < 0) {
      out.push({ lineNo: i + 1, invalid: true })
      return
    }
    out.push({ lineNo: i + 1, key: line.slice(0, eq).trim().replace(/\//g, '.'), value: line.slice(eq + 1).trim() })
  })
  return out
}
