// Names Object.prototype already has (`constructor`, `toString`, `__proto__`…) typed everywhere a
// learner types a name: as every command and builtin, after every option a command completes, and
// as every service, zone, protocol, table, chain, unit, package, sysctl, scheduler, interface and
// file name. The cases come from the registries, so a new command or option is covered without
// touching this file. Then traffic must still flow, nothing may leave an `internal` record, and a
// reload of the typed session must bring the same terminals back.

import { describe, expect, it } from 'vitest'
import { FIREWALLD_SERVICES } from '../../src/host/netfilter/firewalld.ts'
import { CHAINS } from '../../src/host/netfilter/iptables.ts'
import { CATALOGUE } from '../../src/host/packages.ts'
import { Lab } from '../../src/lab/lab.ts'
import { LABS } from '../../src/lab/labs/index.ts'
import { SCHEDULERS } from '../../src/ipvs/schedulers/index.ts'
import { BUILTINS } from '../../src/shell/builtins/index.ts'
import { COMMANDS } from '../../src/shell/commands/index.ts'
import { createApi } from '../../src/worker/api.ts'
import type { SavedSession } from '../../src/worker/protocol.ts'

const KEYS = ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf']
const VIP = '172.25.254.200'
/** Text that only a JavaScript value leaking into output produces. */
const LEAKS = /undefined|NaN|\[object |function \w*\(|native code|internal error/

/** The NAT lab's solution, with firewalld left running on the real servers so every SYN meets its service table. */
const SETUP: [string, string][] = [
  ...['rs1', 'rs2'].flatMap((rs, i): [string, string][] => [
    [rs, 'firewall-cmd --add-service=http'],
    [rs, 'dnf install -y httpd tcpdump'],
    [rs, `echo ${rs.toUpperCase()} - 192.168.0.${10 * (i + 1)} > /var/www/html/index.html`],
    [rs, 'systemctl enable --now httpd'],
    [rs, 'nmcli connection modify eth0 ipv4.gateway 192.168.0.100'],
    [rs, 'nmcli connection up eth0'],
  ]),
  ['lvs', 'systemctl disable --now firewalld'],
  ['lvs', 'sysctl -w net.ipv4.ip_forward=1'],
  ['lvs', 'dnf install -y ipvsadm tcpdump'],
  ['lvs', `ipvsadm -A -t ${VIP}:80 -s rr`],
  ['lvs', `ipvsadm -a -t ${VIP}:80 -r 192.168.0.10:80 -m`],
  ['lvs', `ipvsadm -a -t ${VIP}:80 -r 192.168.0.20:80 -m`],
]

/** Whatever the names removed or broke (`ipvsadm -C constructor` does clear), the lab's own commands bring it back. */
const RESTORE: [string, string][] = [...SETUP, ['lvs', `ipvsadm -E -t ${VIP}:80 -s rr`], ['rs1', 'systemctl restart httpd'], ['rs2', 'systemctl restart httpd']]

/** Commands that end the host's session or rename it: typed with a name, they still do what they do. */
const DISRUPTIVE = new Set(['reboot', 'hostname', 'exit', 'logout'])

function casesFor(key: string): string[] {
  const lines = new Set<string>([key, `${key} ${key}`, `${key}=1`, `echo $${key} \${${key}}`, `export ${key}=1`, `unset ${key}`, `type ${key}`, `help ${key}`, `cd ${key}`])
  for (const name of [...BUILTINS.keys(), ...Object.keys(COMMANDS)]) {
    if (DISRUPTIVE.has(name)) continue
    lines.add(`${name} ${key}`)
    for (const c of COMMANDS[name]?.completions ?? []) {
      if (c.endsWith('=')) lines.add(`${name} ${c}${key}`)
      else {
        lines.add(`${name} ${c} ${key}`)
        if (c.startsWith('--')) lines.add(`${name} ${c}=${key}`)
      }
    }
  }
  for (const zone of [key, 'public']) {
    for (const s of [key, ...FIREWALLD_SERVICES.keys()]) {
      lines.add(`firewall-cmd --zone=${zone} --add-service=${s}`)
      lines.add(`firewall-cmd --zone=${zone} --query-service=${s}`)
    }
    lines.add(`firewall-cmd --zone=${zone} --add-protocol=${key}`)
    lines.add(`firewall-cmd --zone=${zone} --add-port=${key}/tcp`)
    lines.add(`firewall-cmd --permanent --zone=${zone} --add-service=${key}`)
    lines.add(`firewall-cmd --zone=${zone} --list-all`)
  }
  lines.add(`firewall-cmd --add-port=80/${key}`)
  for (const table of [key, ...Object.keys(CHAINS)]) {
    lines.add(`iptables -t ${table} -L`)
    lines.add(`iptables -t ${table} -L ${key}`)
    lines.add(`iptables -t ${table} -A ${key} -j ACCEPT`)
    for (const chain of CHAINS[table as keyof typeof CHAINS] ?? []) {
      lines.add(`iptables -t ${table} -A ${chain} -p ${key} -j ACCEPT`)
      lines.add(`iptables -t ${table} -A ${chain} -j ${key}`)
    }
  }
  lines.add(`arptables -A ${key} -j DROP`)
  lines.add(`arptables -A INPUT -d ${key} -j DROP`)
  for (const verb of ['start', 'stop', 'status', 'enable', 'disable', 'is-active', 'mask']) {
    lines.add(`systemctl ${verb} ${key}`)
    lines.add(`systemctl ${verb} ${key}.service`)
  }
  for (const verb of ['install -y', 'remove -y', 'search', 'list', 'info']) lines.add(`dnf ${verb} ${key}`)
  lines.add(`dnf install -y ${CATALOGUE[0].name} ${key}`)
  for (const k of [key, `net.ipv4.${key}`, `net.ipv4.conf.${key}.arp_ignore`, `net.ipv4.conf.all.${key}`, `net.ipv4.vs.${key}`]) {
    lines.add(`sysctl ${k}`)
    lines.add(`sysctl -w ${k}=1`)
    lines.add(`echo ${k}=1 > /etc/sysctl.d/${key}.conf`)
  }
  lines.add('sysctl -p')
  lines.add('sysctl --system')
  for (const s of [key, ...Object.keys(SCHEDULERS)]) lines.add(`ipvsadm -E -t ${VIP}:80 -s ${s === 'none' ? 'rr' : s}`)
  lines.add(`ipvsadm -E -t ${VIP}:80 -s rr`)
  lines.add(`ipvsadm -A -t ${VIP}:81 -s ${key}`)
  lines.add(`ipvsadm -A -t ${VIP}:82 --pe ${key}`)
  lines.add(`ipvsadm -A -t ${key}:80`)
  lines.add(`ipvsadm -a -t ${VIP}:80 -r ${key}`)
  lines.add(`ipvsadm -A -f ${key}`)
  lines.add(`ipvsadm --start-daemon ${key}`)
  lines.add(`ipvsadm --set ${key} ${key} ${key}`)
  for (const d of [`/root/${key}`, `/etc/${key}`, `/proc/${key}`, `/${key}/${key}`, key]) {
    lines.add(`touch ${d}`)
    lines.add(`echo x > ${d}`)
    lines.add(`cat ${d}`)
    lines.add(`ls -l ${d}`)
    lines.add(`chmod 600 ${d}`)
    lines.add(`cp /etc/hosts ${d}`)
    lines.add(`grep x ${d}`)
    lines.add(`wc ${d}`)
  }
  lines.add(`mkdir -p /root/${key}/${key}`)
  lines.add(`mv /root/${key} /root/${key}.old`)
  lines.add(`rm -rf /root/${key}.old`)
  lines.add(`echo x > /etc/NetworkManager/system-connections/${key}.nmconnection`)
  lines.add('nmcli connection reload')
  for (const verb of ['up', 'down', 'show']) lines.add(`nmcli connection ${verb} ${key}`)
  lines.add(`nmcli connection modify ${key} ipv4.addresses 1.2.3.4/24`)
  lines.add(`ip link set ${key} up`)
  lines.add(`ip addr add 10.9.9.9/32 dev ${key}`)
  lines.add(`ip route add 10.9.9.0/24 dev ${key}`)
  lines.add(`ip neigh show dev ${key}`)
  lines.add(`modprobe ${key}`)
  lines.add(`rmmod ${key}`)
  lines.add(`ping -c 1 ${key}`)
  lines.add(`ping -c 1 -i ${key} 127.0.0.1`)
  lines.add(`curl -s -m 1 http://${key}/`)
  lines.add(`curl -s -m 1 http://${VIP}/${key}`)
  lines.add(`curl -s -m 1 'http://${VIP}/%zz${key}'`)
  lines.add(`tcpdump -c 1 -i ${key}`)
  lines.add(`tcpdump -c 1 ${key}`)
  lines.add(`watch -n ${key} true`)
  lines.add(`sleep ${key}`)
  return [...lines]
}

const lab0 = Lab.create('nat')
const HOSTS = lab0.hosts.map((h) => h.hostname)

function internals(lab: Lab): string[] {
  return lab.engine.trace.since(0).flatMap((r) => (r.type === 'internal' ? [r.reason.text] : []))
}

function traffic(lab: Lab): string[] {
  const bodies: string[] = []
  for (let i = 0; i < 4; i++) {
    bodies.push(lab.run('client', `curl -s -m 2 ${VIP}`).stdout)
    lab.idle(1_000_000)
  }
  return bodies
}

describe('names from Object.prototype', () => {
  it('generates the cases from the registries', () => {
    const n = casesFor('constructor').length
    // Every registered command and builtin appears as a command name and with each of its completions.
    expect(n).toBeGreaterThan(Object.keys(COMMANDS).length + BUILTINS.size)
    expect(casesFor('constructor')).toContain('firewall-cmd --add-service=constructor')
    expect(casesFor('toString')).toContain('ipvsadm -s toString')
  })

  it('Lab.create and the worker refuse them as lab ids', () => {
    for (const key of KEYS) {
      expect(() => Lab.create(key)).toThrow(`unknown lab ${key}`)
      expect(() => createApi().load(key)).toThrow(`unknown lab ${key}`)
      expect(Object.hasOwn(LABS, key)).toBe(false)
    }
  })

  it('fail as the real tools fail', () => {
    const lab = Lab.create('nat')
    lab.run('lvs', 'dnf install -y ipvsadm')
    for (const key of KEYS) {
      expect(lab.run('lvs', `ipvsadm -A -t ${VIP}:80 -s ${key}`)).toMatchObject({ output: 'Scheduler or persistence engine not found\n', exitCode: 255 })
      expect(lab.run('lvs', key)).toMatchObject({ output: `-bash: ${key}: command not found\n`, exitCode: 127 })
      expect(lab.run('rs1', `firewall-cmd --add-service=${key}`)).toMatchObject({ output: `Error: INVALID_SERVICE: ${key}\n`, exitCode: 101 })
      expect(lab.run('lvs', `iptables -t ${key} -L`)).toMatchObject({ output: `iptables v1.8.10 (nf_tables): table '${key}' does not exist\nPerhaps iptables or your kernel needs to be upgraded.\n`, exitCode: 3 })
      expect(lab.run('lvs', `ping -c 1 -i ${key} 127.0.0.1`)).toMatchObject({ output: `ping: bad timing interval: ${key}\n`, exitCode: 2 })
    }
    expect(lab.run('lvs', 'ipvsadm -Ln').stdout).not.toMatch(/constructor|toString/)
    expect(internals(lab)).toEqual([])
  })

  it('typed on every host in every place, leave the lab working and leak no JavaScript into the output', () => {
    const lab = Lab.create('nat')
    for (const [host, line] of SETUP) lab.run(host, line)
    expect(traffic(lab)).toEqual(['RS2 - 192.168.0.20\n', 'RS1 - 192.168.0.10\n', 'RS2 - 192.168.0.20\n', 'RS1 - 192.168.0.10\n'])
    const leaks: string[] = []
    for (const key of KEYS) {
      for (const line of casesFor(key)) {
        for (const host of HOSTS) {
          const r = lab.run(host, line)
          if (LEAKS.test(r.output)) leaks.push(`${host}: ${line}: ${r.output.slice(0, 200)}`)
        }
      }
      // Poisoned tables show up when packets cross them: send some after every key.
      lab.run('client', `curl -s -m 1 ${VIP}`)
    }
    expect(leaks).toEqual([])
    expect(internals(lab)).toEqual([])
    expect(lab.engine.faults).toBe(0)
    for (const [host, line] of RESTORE) lab.run(host, line)
    expect(traffic(lab).sort()).toEqual(['RS1 - 192.168.0.10\n', 'RS1 - 192.168.0.10\n', 'RS2 - 192.168.0.20\n', 'RS2 - 192.168.0.20\n'])
    expect(internals(lab)).toEqual([])
  }, 120_000)

  it('typed into the terminals, come back unchanged after a reload', () => {
    const api = createApi()
    const out = new Map<string, string>()
    let session: SavedSession | null = null
    api.subscribe((events) => {
      for (const e of events) {
        if (e.type === 'output') out.set(e.host, (out.get(e.host) ?? '') + e.data)
        if (e.type === 'saved') session = e.session
        if (e.type === 'skipped') throw new Error(`skipped ${e.command}`)
      }
    })
    api.load('nat')
    const lab = api.current()!
    const type = (host: string, line: string) => {
      api.keys(host, `${line}\r`)
      lab.engine.advanceTo(lab.engine.now + 3_000_000)
      // Anything still running (watch, tcpdump, an editor) is left the way a learner would leave it.
      api.keys(host, line.startsWith('vi') ? '\x1b:q!\r' : '\x03')
      lab.engine.advanceTo(lab.engine.now + 100_000)
      api.flush()
    }
    for (const [host, line] of SETUP) type(host, line)
    for (const key of KEYS) for (const line of casesFor(key).filter((_, i) => i % 3 === 0)) type(HOSTS[line.length % HOSTS.length], line)
    for (const [host, line] of RESTORE) type(host, line)
    type('client', `curl -s -m 2 ${VIP}`)
    expect(out.get('client')).toMatch(/RS[12] - 192\.168\.0\.[12]0\r\n\[root@client ~\]# \^C\r\n\[root@client ~\]# $/)
    expect(internals(lab)).toEqual([])
    const again = createApi()
    const second = new Map<string, string>()
    again.subscribe((events) => {
      for (const e of events) {
        if (e.type === 'output') second.set(e.host, (second.get(e.host) ?? '') + e.data)
        if (e.type === 'skipped') throw new Error(`skipped ${e.command}`)
      }
    })
    again.load('nat', session)
    again.flush()
    for (const h of HOSTS) expect(second.get(h)).toBe(out.get(h))
    expect(internals(again.current()!)).toEqual([])
  }, 120_000)
})
