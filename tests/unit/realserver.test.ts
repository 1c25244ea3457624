// The classic LVS-DR real-server script (`realserver.sh start|stop`), its lines typed one by one on
// the DR lab's real servers: the VIP on lo:0 with a /32 mask, a host route through lo:0 and the
// four ARP sysctls written through /proc/sys. After `start` the lab serves the VIP in turn from
// both servers; after `stop` the real servers no longer hold the VIP and the requests time out.

import { describe, expect, it } from 'vitest'
import { Lab } from '../../src/lab/lab.ts'
import { sh } from './helpers.ts'

const VIP = '192.168.0.220'
const START = [
  `ifconfig lo:0 ${VIP} netmask 255.255.255.255 broadcast ${VIP} up`,
  `route add -host ${VIP} dev lo:0`,
  'echo "1" >/proc/sys/net/ipv4/conf/lo/arp_ignore',
  'echo "2" >/proc/sys/net/ipv4/conf/lo/arp_announce',
  'echo "1" >/proc/sys/net/ipv4/conf/all/arp_ignore',
  'echo "2" >/proc/sys/net/ipv4/conf/all/arp_announce',
]
const STOP = [
  'ifconfig lo:0 down',
  `route del ${VIP} >/dev/null 2>&1`,
  'echo "0" >/proc/sys/net/ipv4/conf/lo/arp_ignore',
  'echo "0" >/proc/sys/net/ipv4/conf/lo/arp_announce',
  'echo "0" >/proc/sys/net/ipv4/conf/all/arp_ignore',
  'echo "0" >/proc/sys/net/ipv4/conf/all/arp_announce',
]

function drLab(): Lab {
  const lab = Lab.create('dr')
  sh(lab, 'luyou', 'systemctl disable --now firewalld', 'sysctl -w net.ipv4.ip_forward=1')
  for (const rs of ['rs1', 'rs2']) sh(lab, rs, 'systemctl disable --now firewalld', 'dnf install -y httpd net-tools', `echo ${rs.toUpperCase()} > /var/www/html/index.html`, 'systemctl enable --now httpd')
  sh(lab, 'lvs', 'systemctl disable --now firewalld', 'dnf install -y ipvsadm net-tools', `ifconfig eth0:0 ${VIP} netmask 255.255.255.255 broadcast ${VIP} up`, `route add -host ${VIP} dev eth0:0`, `ipvsadm -A -t ${VIP}:80 -s rr`, `ipvsadm -a -t ${VIP}:80 -r 192.168.0.10 -g`, `ipvsadm -a -t ${VIP}:80 -r 192.168.0.20 -g`)
  return lab
}

describe('realserver.sh on the DR lab', () => {
  it('start makes the VIP answer from both real servers; stop takes them out again', () => {
    const lab = drLab()
    for (const rs of ['rs1', 'rs2']) {
      for (const line of START) expect([line, lab.run(rs, line).output]).toEqual([line, ''])
    }
    expect(lab.run('rs1', 'cat /proc/sys/net/ipv4/conf/all/arp_announce; sysctl net.ipv4.conf.lo.arp_ignore').stdout).toBe('2\nnet.ipv4.conf.lo.arp_ignore = 1\n')
    expect(lab.run('rs1', 'ip addr show lo').stdout).toBe(
      '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n    inet 127.0.0.1/8 scope host lo\n       valid_lft forever preferred_lft forever\n    inet 192.168.0.220/32 brd 192.168.0.220 scope global lo:0\n       valid_lft forever preferred_lft forever\n    inet6 ::1/128 scope host \n       valid_lft forever preferred_lft forever\n',
    )
    expect(lab.run('client', `for i in 1 2 3 4; do curl -s ${VIP}; done`).stdout).toBe('RS2\nRS1\nRS2\nRS1\n')
    for (const rs of ['rs1', 'rs2']) {
      for (const line of STOP) expect([line, lab.run(rs, line).output]).toEqual([line, ''])
    }
    const r = lab.run('client', `curl -sS -m 2 ${VIP}`)
    expect([r.output, r.exitCode]).toEqual(['curl: (28) Connection timed out after 2001 milliseconds\n', 28])
  })

  it('without the ARP sysctls a real server answers ARP for the VIP and the router bypasses the director', () => {
    const lab = drLab()
    for (const rs of ['rs1', 'rs2']) for (const line of START.slice(0, 2)) lab.run(rs, line)
    expect(lab.run('client', `for i in 1 2 3 4; do curl -s -m 2 ${VIP}; done`).stdout).toBe('RS2\nRS2\nRS2\nRS2\n')
    const rs2 = lab.host('rs2')!.ip.iface('eth0')!.mac
    expect(lab.run('luyou', `ip neigh | grep ${VIP}`).stdout).toBe(`192.168.0.220 dev eth1 lladdr ${rs2} REACHABLE \n`)
  })
})
