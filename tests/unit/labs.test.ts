// Every lab of labs.md: its solution reaches the goal headless, each misconfiguration breaks with
// the symptom a real network shows and a named reason in the trace, and a reboot keeps what was
// saved in files and loses what was set at runtime.

import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { runTranscript } from '../../src/cli/transcript.ts'
import { Lab } from '../../src/lab/lab.ts'

const lessons = new URL('../../lessons/', import.meta.url).pathname

function solved(id: string): Lab {
  const lab = Lab.create(id)
  runTranscript(lab, readFileSync(`${lessons}/${id}/tutorial.script`, 'utf8'))
  return lab
}

function dropCodes(lab: Lab, host?: string): string[] {
  return lab.engine.trace.since(0).flatMap((r) => (r.type === 'drop' && (!host || r.host === host) ? [r.reason.code] : []))
}

function bodies(lab: Lab, url: string, n: number): string[] {
  const out: string[] = []
  for (let i = 0; i < n; i++) out.push(lab.run('client', `curl -s -m 3 ${url}`).stdout.trim())
  return out
}

describe('solutions reach their goal', () => {
  it.each([
    ['nat', '172.25.254.200', ['RS2 - 192.168.0.20', 'RS1 - 192.168.0.10']],
    ['tun', '192.168.0.100', ['rs1', 'rs2']],
    ['fullnat', '172.25.254.200', ['RS1 - 192.168.0.10', 'RS2 - 192.168.0.20']],
  ])('%s: curl %s answers from both real servers', (id, vip, expected) => {
    const lab = solved(id)
    if (id === 'nat') for (const rs of ['rs1', 'rs2']) lab.run(rs, 'systemctl start httpd')
    expect(new Set(bodies(lab, vip, 4))).toEqual(new Set(expected))
  })

  it('dr: with the persistent firewall-mark service one client stays on one server', () => {
    const answers = new Set(bodies(solved('dr'), '192.168.0.220', 4))
    expect(answers.size).toBe(1)
    expect([...answers][0]).toMatch(/^RS[12] - 192\.168\.0\.[12]0$/)
  })
})

describe('DR failures', () => {
  it('without the arp sysctls the real servers answer ARP for the VIP and the director is bypassed', () => {
    const lab = solved('dr')
    for (const rs of ['rs1', 'rs2']) lab.run(rs, 'sysctl -w net.ipv4.conf.all.arp_ignore=0 net.ipv4.conf.lo.arp_ignore=0 net.ipv4.conf.all.arp_announce=0')
    lab.run('luyou', 'ip neigh flush dev eth1')
    lab.run('dr-lvs', 'ipvsadm -C')
    // The director has no service left, so an answer can only come from a real server that won the
    // ARP race for the VIP. The first request is refused: the director, which holds the VIP but no
    // longer a service, answered ARP first and resets the SYN;
    // RS2's reply is the last in the router's cache, and from then on RS2 answers directly.
    expect(bodies(lab, '192.168.0.220', 3)).toEqual(['', 'RS2 - 192.168.0.20', 'RS2 - 192.168.0.20'])
    expect(lab.run('luyou', 'ip neigh show dev eth1').stdout).toBe('192.168.0.220 lladdr 52:54:00:00:00:50 REACHABLE \n')
  })

  it('a real server without the VIP on lo drops the frame: the client times out', () => {
    const lab = solved('dr')
    lab.run('dr-lvs', 'ipvsadm -C; ipvsadm -A -t 192.168.0.220:80 -s rr; ipvsadm -a -t 192.168.0.220:80 -r 192.168.0.10 -g')
    lab.run('rs1', 'ip addr del 192.168.0.220/32 dev lo')
    expect(lab.run('client', 'curl -m 3 192.168.0.220').stderr).toMatch(/^curl: \(28\) Connection timed out after 300\d milliseconds\n$/)
    expect(dropCodes(lab, 'RS1')).toContain('drop.ip_forward')
  })

  it('with ip_forward = 0 on the router nothing crosses it', () => {
    const lab = solved('dr')
    lab.run('luyou', 'sysctl -w net.ipv4.ip_forward=0')
    expect(lab.run('client', 'curl -m 3 192.168.0.220').exitCode).toBe(28)
    expect(dropCodes(lab, 'luyou')).toContain('drop.ip_forward')
  })

  it('after a reboot the keyfiles and sysctl.conf come back, the IPVS table does not', () => {
    const lab = solved('dr')
    for (const h of ['dr-lvs', 'rs1']) lab.host(h)!.reboot()
    expect(lab.run('rs1', 'ip addr show lo').stdout).toContain('inet 192.168.0.220/32 scope global noprefixroute lo')
    expect(lab.run('rs1', 'sysctl net.ipv4.conf.all.arp_ignore').stdout).toBe('net.ipv4.conf.all.arp_ignore = 1\n')
    expect(lab.run('dr-lvs', 'ip addr show eth0').stdout).toContain('inet 192.168.0.220/24 brd 192.168.0.255 scope global secondary noprefixroute eth0')
    expect(lab.run('dr-lvs', 'ipvsadm -Ln').stdout.split('\n').length).toBe(4)
    expect(lab.run('dr-lvs', 'iptables -t mangle -S PREROUTING').stdout).toBe('-P PREROUTING ACCEPT\n')
  })
})

describe('TUN failures', () => {
  const broken = (fix: string) => {
    const lab = solved('tun')
    lab.run('lvs-tun', 'ipvsadm -e -t 192.168.0.100:80 -r 192.168.0.20 -i -w 0')
    lab.run('rs1', fix)
    lab.run('client', 'curl -s -m 3 192.168.0.100')
    return dropCodes(lab, 'rs1')
  }

  it('no ipip module on the real server: protocol 4 has no handler', () => {
    expect(broken('modprobe -r ipip')).toContain('drop.no_ipip')
  })

  it('tunl0 down drops the decapsulated packet', () => {
    expect(broken('ip link set tunl0 down')).toContain('drop.tunl0_down')
  })

  it('strict rp_filter on tunl0 drops it too', () => {
    expect(broken('sysctl -w net.ipv4.conf.tunl0.rp_filter=1')).toContain('drop.rp_filter')
  })

  // Checked against a real kernel (two network namespaces): a host holding the sender's address
  // answers neither its ARP nor its packets, unless accept_local is on and rp_filter is not strict.
  it('the director\'s own address is the VIP: without accept_local the real server takes its ARP for a martian', () => {
    const lab = solved('tun')
    lab.run('rs1', 'sysctl -w net.ipv4.conf.eth0.accept_local=0')
    lab.run('lvs-tun', 'ip neigh flush all')
    expect(lab.run('client', 'curl -s -m 3 192.168.0.100; echo $?').stdout).toMatch(/^(rs2\n0|28)\n$/)
    expect(dropCodes(lab, 'rs1')).toContain('arp.martian')
    expect(dropCodes(lab, 'lvs-tun')).toContain('drop.arp_failed')
  })

  it('with accept_local but strict rp_filter on eth0 the outer packets are martians too', () => {
    const lab = solved('tun')
    lab.run('rs1', 'sysctl -w net.ipv4.conf.eth0.rp_filter=1')
    lab.run('lvs-tun', 'ip neigh flush all')
    lab.run('client', 'for i in 1 2; do curl -s -m 3 192.168.0.100; done')
    expect(dropCodes(lab, 'rs1')).toContain('arp.martian_rpf')
  })

  it('firewalld with --add-protocol=ipip still rejects protocol 4', () => {
    expect(broken('systemctl start firewalld; firewall-cmd --remove-protocol=4; firewall-cmd --add-protocol=ipip')).toContain('drop.firewalld')
  })

  it('after a reboot modules-load.d brings ipip back; ip addr and arptables rules are gone', () => {
    const lab = solved('tun')
    lab.host('rs1')!.reboot()
    expect(lab.run('rs1', 'lsmod | grep -c ^ipip').stdout).toBe('1\n')
    expect(lab.run('rs1', 'ip addr show lo').stdout).not.toContain('192.168.0.100')
    expect(lab.run('rs1', 'arptables -L').stdout).toBe('Chain INPUT (policy ACCEPT)\n\nChain OUTPUT (policy ACCEPT)\n')
    expect(lab.run('rs1', 'ip link show tunl0').stdout).toContain('<NOARP> mtu 1480 qdisc noop state DOWN')
  })

  it('arptables rules survive a reboot only through arptables.service, which iptables-nft-services ships', () => {
    const lab = solved('tun')
    // Source: rhel9-system.md §1.9 (unit text, "Unit file ... does not exist" without the package).
    expect(lab.run('rs1', 'systemctl enable arptables')).toMatchObject({ stderr: 'Failed to enable unit: Unit file arptables.service does not exist.\n', exitCode: 1 })
    expect(lab.run('rs1', 'dnf install -y iptables-nft-services').exitCode).toBe(0)
    expect(lab.run('rs1', 'head -1 /etc/sysconfig/arptables; cat /etc/sysconfig/arptables.rpmnew').stdout).toMatch(/^# Generated by arptables-save v1\.8\.10 \(nf_tables\) on .+\n# Configure prior to use\n$/)
    expect(lab.run('rs1', 'systemctl enable --now arptables').output).toBe('Created symlink /etc/systemd/system/multi-user.target.wants/arptables.service → /usr/lib/systemd/system/arptables.service.\n')
    const rules = lab.run('rs1', 'arptables -L').stdout
    expect(rules).toContain('-j DROP -d 192.168.0.100')
    lab.host('rs1')!.reboot()
    expect(lab.run('rs1', 'arptables -L').stdout).toBe(rules)
    expect(lab.run('rs1', 'systemctl is-active arptables').stdout).toBe('active\n')
  })
})

describe('NAT with the client on the real servers subnet', () => {
  it('the real server answers the client directly; the client resets the stray SYN/ACK and times out', () => {
    const lab = solved('nat')
    for (const rs of ['rs1', 'rs2']) lab.run(rs, 'systemctl start httpd')
    lab.run('lvs', 'ipvsadm -d -t 172.25.254.200:80 -r 192.168.0.20:80')
    expect(lab.run('rs2', 'curl -m 3 172.25.254.200').exitCode).toBe(28)
    expect(dropCodes(lab, 'RS2')).toContain('tcp.rst')
  })
})

describe('FULLNAT', () => {
  it('replies reach the director without it being the gateway; without a local address nothing is sent', () => {
    const lab = solved('fullnat')
    lab.run('fnat', 'ipvsadm --del-laddr -z 192.168.0.200 -t 172.25.254.200:80 -F eth1')
    expect(lab.run('client', 'curl -m 3 172.25.254.200').exitCode).toBe(28)
    expect(dropCodes(lab, 'fnat')).toContain('ipvs.no_laddr')
  })

  it('TOA rides on the SYN and on what acknowledges only the server\'s SYN, not on later packets', () => {
    const lab = solved('fullnat')
    const mark = lab.engine.trace.lastId
    expect(lab.run('client', 'curl -s 172.25.254.200; sleep 1').exitCode).toBe(0)
    const sent = lab.engine.trace.since(mark).flatMap((r) => {
      if (r.type !== 'rewrite' || r.reason.code !== 'ipvs.fullnat' || r.after.payload.kind !== 'tcp') return []
      const t = r.after.payload
      const flags = [t.flags.syn && 'SYN', t.flags.fin && 'FIN', t.flags.ack && 'ACK', t.data.length > 0 && 'data'].filter(Boolean).join('+')
      return [`${flags} ${t.toa ? 'TOA' : '-'}`]
    })
    expect(sent.slice(0, 3)).toEqual(['SYN TOA', 'ACK TOA', 'ACK+data TOA'])
    expect(sent.slice(3).every((p) => p.endsWith(' -'))).toBe(true)
    expect(sent.some((p) => p.startsWith('FIN'))).toBe(true)
  })
})

describe('reboots of the other labs', () => {
  it('tun-routed: runtime tunl0 and VIP settings are gone after a real server reboots', () => {
    const lab = solved('tun-routed')
    lab.host('rs1')!.reboot()
    expect(lab.run('rs1', 'lsmod | grep -c ^ipip').stdout).toBe('0\n')
    expect(lab.run('rs1', 'ip addr show lo').stdout).not.toContain('192.168.0.100')
    expect(lab.run('rt', 'sysctl net.ipv4.ip_forward').stdout).toBe('net.ipv4.ip_forward = 1\n')
  })

  it('fullnat: httpd comes back (enabled), the toa module and DPVS local addresses do not', () => {
    const lab = solved('fullnat')
    lab.host('rs1')!.reboot()
    lab.host('fnat')!.reboot()
    expect(lab.run('rs1', 'systemctl is-active httpd').stdout).toBe('active\n')
    expect(lab.run('rs1', 'lsmod | grep -c ^toa').stdout).toBe('0\n')
    expect(lab.run('fnat', 'ipvsadm -G').stdout).toBe('VIP:VPORT            TOTAL    SNAT_IP              CONFLICTS  CONNS     \n')
  })
})

describe('TUN with GRE and GUE encapsulation (--tun-type)', () => {
  const only = (lab: Lab, spec: string) => {
    lab.run('lvs-tun', 'ipvsadm -e -t 192.168.0.100:80 -r 192.168.0.20 -i -w 0')
    lab.run('lvs-tun', `ipvsadm -e -t 192.168.0.100:80 -r 192.168.0.10 -i ${spec}`)
  }

  it('gre needs ip_gre and gre0 up on the real server', () => {
    const lab = solved('tun')
    only(lab, '--tun-type gre --tun-csum')
    expect(lab.run('lvs-tun', 'ipvsadm -Ln --tun-info').stdout).toMatch(/\n {2}-> 192\.168\.0\.10:80 {14}Tunnel {2}gre:\+c {8}1 {6}/)
    lab.run('rs1', 'firewall-cmd --add-protocol=gre')
    expect(lab.run('client', 'curl -s -m 2 192.168.0.100').exitCode).toBe(28)
    expect(dropCodes(lab, 'rs1')).toContain('drop.no_gre')
    lab.run('rs1', 'modprobe ip_gre; ip link set gre0 up; sysctl -w net.ipv4.conf.gre0.rp_filter=0')
    expect(lab.run('client', 'curl -s -m 2 192.168.0.100').stdout).toBe('rs1\n')
  })

  it('gue needs a fou receiver on the tunnel port', () => {
    const lab = solved('tun')
    only(lab, '--tun-type gue --tun-port 6080')
    expect(lab.run('client', 'curl -s -m 2 192.168.0.100').exitCode).toBe(28)
    expect(dropCodes(lab, 'rs1').at(-1)).toBe('drop.firewalld')
    lab.run('rs1', 'firewall-cmd --add-port=6080/udp')
    expect(lab.run('client', 'curl -s -m 2 192.168.0.100').exitCode).toBe(28)
    expect(dropCodes(lab, 'rs1').at(-1)).toBe('drop.udp_port')
    lab.run('rs1', 'ip fou add port 6080 gue')
    expect(lab.run('rs1', 'ip fou show').stdout).toBe('port 6080 gue\n')
    expect(lab.run('client', 'curl -s -m 2 192.168.0.100').stdout).toBe('rs1\n')
  })
})
