// The NAT lab's behaviour: the tutorial's steps work, and each misconfiguration of labs.md breaks
// with the symptom a real network shows, with the reason in the trace.

import { describe, expect, it } from 'vitest'
import { Lab } from '../../src/lab/lab.ts'
import { natLab, sh, workingNat } from './helpers.ts'

function drops(lab: Lab): string[] {
  return lab.engine.trace.since(0).flatMap((r) => (r.type === 'drop' ? [r.reason.code] : []))
}

describe('NAT lab', () => {
  it('starts as the tutorial starts', () => {
    const lab = natLab()
    expect(lab.run('lvs', 'sysctl -a | grep ip_forward').stdout).toBe('net.ipv4.ip_forward = 0\nnet.ipv4.ip_forward_update_priority = 1\nnet.ipv4.ip_forward_use_pmtu = 0\n')
    expect(lab.run('rs1', 'systemctl is-active firewalld').stdout).toBe('active\n')
    expect(lab.run('rs1', 'ip route').stdout).toBe('192.168.0.0/24 dev eth0 proto kernel scope link src 192.168.0.10 metric 100 \n')
    expect(lab.run('rs1', 'systemctl status httpd')).toMatchObject({ stderr: 'Unit httpd.service could not be found.\n', exitCode: 4 })
    expect(lab.run('rs1', 'ls /etc/NetworkManager/system-connections/').stdout).toBe('eth0.nmconnection\n')
  })

  it('works once configured: replies come from the VIP, the director counts them', () => {
    const lab = workingNat()
    expect(lab.run('client', 'curl 172.25.254.200')).toMatchObject({ stdout: 'RS2 - 192.168.0.20\n', exitCode: 0 })
    const stats = lab.run('lvs', 'ipvsadm -Ln --stats --exact').stdout.split('\n')
    expect(stats[3]).toMatch(/^TCP {2}172\.25\.254\.200:80 +1 +\d+ +\d+/)
    expect(lab.run('rs2', 'cat /var/log/httpd/access_log').stdout).toMatch(/^172\.25\.254\.111 - - \[11\/Jun\/2024:10:\d\d:\d\d \+0800\] "GET \/ HTTP\/1\.1" 200 19 "-" "curl\/7\.76\.1"\n$/)
  })

  it('firewalld on the director rejects the VIP port: No route to host', () => {
    const lab = workingNat()
    sh(lab, 'lvs', 'systemctl start firewalld')
    expect(lab.run('client', 'curl 172.25.254.200')).toMatchObject({ stderr: 'curl: (7) Failed to connect to 172.25.254.200 port 80: No route to host\n', exitCode: 7 })
    expect(drops(lab)).toContain('drop.firewalld')
  })

  it('real servers without the director as gateway: no route back to the client, curl times out', () => {
    const lab = workingNat()
    for (const rs of ['rs1', 'rs2']) sh(lab, rs, 'nmcli connection modify eth0 ipv4.gateway ""', 'nmcli connection up eth0')
    const r = lab.run('client', 'curl 172.25.254.200')
    expect(r).toMatchObject({ stderr: 'curl: (28) Failed to connect to 172.25.254.200 port 80: Connection timed out\n', exitCode: 28 })
    // RHEL 9 sets rp_filter = 1: with no route back to 172.25.254.111 the SYN itself is dropped.
    expect(drops(lab)).toContain('drop.rp_filter')
    sh(lab, 'rs1', 'sysctl -w net.ipv4.conf.eth0.rp_filter=0')
    sh(lab, 'rs2', 'sysctl -w net.ipv4.conf.eth0.rp_filter=0')
    lab.run('client', 'curl -m 2 172.25.254.200')
    expect(drops(lab)).toContain('drop.no_route')
    expect(lab.run('lvs', 'ipvsadm -Lnc').stdout).toContain('SYN_RECV')
  })

  it('ip_forward = 0 on the director: replies are not forwarded, curl times out', () => {
    const lab = workingNat()
    sh(lab, 'lvs', 'sysctl -w net.ipv4.ip_forward=0')
    const r = lab.run('client', 'curl --connect-timeout 3 172.25.254.200')
    expect(r.stderr).toMatch(/^curl: \(28\) Connection timed out after 300\d milliseconds\n$/)
    expect(drops(lab)).toContain('drop.ip_forward')
  })

  it('httpd stopped: the real server answers RST, curl says Connection refused', () => {
    const lab = workingNat()
    for (const rs of ['rs1', 'rs2']) sh(lab, rs, 'systemctl stop httpd')
    expect(lab.run('client', 'curl 172.25.254.200')).toMatchObject({ stderr: 'curl: (7) Failed to connect to 172.25.254.200 port 80: Connection refused\n', exitCode: 7 })
  })

  it('Ctrl-C (the run limit) ends a hung curl the way a terminal shows it', () => {
    const lab = workingNat()
    sh(lab, 'lvs', 'sysctl -w net.ipv4.ip_forward=0')
    const r = lab.run('client', 'sleep 400')
    expect(r).toMatchObject({ interrupted: true, exitCode: 130 })
  })

  it('the same commands give the same packets (determinism)', () => {
    const trace = () => {
      const lab = workingNat()
      lab.run('client', 'for i in 1 2 3; do curl -s 172.25.254.200; done')
      return JSON.stringify(lab.engine.trace.since(0))
    }
    expect(trace()).toBe(trace())
  })

  it('persistence: a client sticks to its server while its template lives', () => {
    const lab = workingNat()
    sh(lab, 'lvs', 'ipvsadm -E -t 172.25.254.200:80 -s rr -p 360')
    const bodies = new Set<string>()
    for (let i = 0; i < 4; i++) bodies.add(lab.run('client', 'curl -s 172.25.254.200').stdout)
    expect(bodies.size).toBe(1)
    expect(lab.run('lvs', 'ipvsadm -Lnc').stdout).toMatch(/\nTCP 0[56]:\d\d  (NONE|ASSURED) +172\.25\.254\.111:0 +172\.25\.254\.200:80 +192\.168\.0\.20:80\n/)
  })

  it('the ipvsadm unit restores /etc/sysconfig/ipvsadm at boot', () => {
    const lab = workingNat()
    sh(lab, 'lvs', 'ipvsadm-save -n > /etc/sysconfig/ipvsadm', 'systemctl enable ipvsadm')
    lab.host('lvs')!.reboot()
    expect(lab.run('lvs', 'ipvsadm -Ln').stdout).toContain('  -> 192.168.0.10:80              Masq    1      0          0         \n')
    expect(lab.run('lvs', 'sysctl net.ipv4.ip_forward').stdout).toBe('net.ipv4.ip_forward = 0\n')
  })

  it('ipvsadm.service fails to start without the rules file, as on RHEL 9', () => {
    const lab = natLab()
    sh(lab, 'lvs', 'dnf install -y ipvsadm')
    expect(lab.run('lvs', 'systemctl start ipvsadm')).toMatchObject({ stderr: 'Job for ipvsadm.service failed because the control process exited with error code.\nSee "systemctl status ipvsadm.service" and "journalctl -xeu ipvsadm.service" for details.\n', exitCode: 1 })
    const status = lab.run('lvs', 'systemctl status ipvsadm')
    expect(status.exitCode).toBe(3)
    expect(status.stdout).toContain('bash[')
    expect(status.stdout).toContain(': /bin/bash: line 1: /etc/sysconfig/ipvsadm: No such file or directory\n')
  })
})
