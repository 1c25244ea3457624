// Routing as iproute2 shows it: the local table beside main, `ip route get` for a local address,
// policy rules with a firewall mark, address promotion with the route source that follows it,
// and the per-interface counters of `ip -s link`.

import { describe, expect, it } from 'vitest'
import { Lab } from '../../src/lab/lab.ts'
import { tutorialLab } from './helpers.ts'



describe('the local table', () => {
  it('ip route get for the VIP on lo answers local ... dev lo table local ... cache <local>', () => {
    const lab = tutorialLab('dr')
    expect(lab.run('rs1', 'ip route get 192.168.0.220').stdout).toBe('local 192.168.0.220 dev lo table local src 192.168.0.220 uid 0 \n    cache <local> \n')
    expect(lab.run('rs1', 'ip route get 192.168.0.100').stdout).toBe('192.168.0.100 dev eth0 src 192.168.0.10 uid 0 \n    cache \n')
  })

  it('ip route show table local lists local and broadcast entries; plain ip route shows main', () => {
    const lab = tutorialLab('dr')
    expect(lab.run('dr-lvs', 'ip route show table local').stdout).toBe(
      [
        'local 127.0.0.0/8 dev lo proto kernel scope host src 127.0.0.1 ',
        'local 127.0.0.1 dev lo proto kernel scope host src 127.0.0.1 ',
        'broadcast 127.255.255.255 dev lo proto kernel scope link src 127.0.0.1 ',
        'local 192.168.0.200 dev eth0 proto kernel scope host src 192.168.0.200 ',
        'local 192.168.0.220 dev lo proto kernel scope host src 192.168.0.220 ',
        'local 192.168.0.220 dev eth0 proto kernel scope host src 192.168.0.200 ',
        'broadcast 192.168.0.255 dev eth0 proto kernel scope link src 192.168.0.200 ',
        '',
      ].join('\n'),
    )
    expect(lab.run('dr-lvs', 'ip route').stdout).toBe('default via 192.168.0.100 dev eth0 proto static metric 100 \n192.168.0.0/24 dev eth0 proto kernel scope link src 192.168.0.200 metric 100 \n')
  })
})

describe('ip rule', () => {
  it('starts with the three default rules', () => {
    const lab = Lab.create('nat')
    expect(lab.run('lvs', 'ip rule').stdout).toBe('0:\tfrom all lookup local\n32766:\tfrom all lookup main\n32767:\tfrom all lookup default\n')
  })

  it('a fwmark rule to a table with a local route makes a firewall-mark service work without the VIP on the director', () => {
    const lab = tutorialLab('dr')
    lab.run('dr-lvs', 'ip addr del 192.168.0.220/24 dev eth0; ip addr del 192.168.0.220/32 dev lo')
    // The router now routes the VIP to the director (nobody answers ARP for it).
    lab.run('luyou', 'ip route add 192.168.0.220/32 via 192.168.0.200')
    expect(lab.run('client', 'curl -s -m 3 192.168.0.220').exitCode).toBe(28)
    lab.run('dr-lvs', 'ip rule add fwmark 666 table 100; ip route add local 0/0 dev lo table 100')
    expect(lab.run('dr-lvs', 'ip rule').stdout).toBe('0:\tfrom all lookup local\n32765:\tfrom all fwmark 0x29a lookup 100\n32766:\tfrom all lookup main\n32767:\tfrom all lookup default\n')
    expect(lab.run('dr-lvs', 'ip route show table 100').stdout).toBe('local default dev lo scope host \n')
    expect(lab.run('client', 'curl -s -m 3 192.168.0.220').stdout).toMatch(/^RS[12] - 192\.168\.0\.[12]0\n$/)
    expect(lab.run('dr-lvs', 'ip route get 192.168.0.220 mark 666').stdout).toBe('local 192.168.0.220 dev lo table local src 192.168.0.220 mark 0x29a uid 0 \n    cache <local> \n')
    lab.run('dr-lvs', 'ip rule del fwmark 666 table 100')
    expect(lab.run('dr-lvs', 'ip rule').stdout.split('\n')).toHaveLength(4)
  })
})

describe('deleting a primary address', () => {
  it('promotes the secondary and the subnet route takes it as source', () => {
    const lab = Lab.create('nat')
    lab.run('lvs', 'ip addr add 10.0.0.1/24 dev eth1; ip addr add 10.0.0.2/24 dev eth1')
    expect(lab.run('lvs', 'ip route').stdout).toContain('10.0.0.0/24 dev eth1 proto kernel scope link src 10.0.0.1 \n')
    lab.run('lvs', 'ip addr del 10.0.0.1/24 dev eth1')
    expect(lab.run('lvs', 'ip route').stdout).toContain('10.0.0.0/24 dev eth1 proto kernel scope link src 10.0.0.2 \n')
    expect(lab.run('lvs', 'ip addr show eth1').stdout).toContain('    inet 10.0.0.2/24 scope global eth1\n')
    lab.run('lvs', 'ip addr del 10.0.0.2/24 dev eth1')
    expect(lab.run('lvs', 'ip route').stdout).not.toContain('10.0.0.')
  })

  it('NetworkManager\'s subnet route goes with its source address; the promoted manual address brings its own', () => {
    const lab = Lab.create('nat')
    lab.run('rs1', 'ip addr add 192.168.0.30/24 dev eth0')
    lab.run('rs1', 'ip addr del 192.168.0.10/24 dev eth0')
    // The kernel adds the promoted address's prefix route (it has no noprefixroute).
    expect(lab.run('rs1', 'ip route').stdout).toBe('192.168.0.0/24 dev eth0 proto kernel scope link src 192.168.0.30 \n')
  })
})

describe('ip -s link, ip -br', () => {
  it('counts what the interface sends and receives', () => {
    const lab = Lab.create('nat')
    const before = lab.run('client', 'ip -s link show eth0').stdout
    expect(before).toBe(
      '2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP mode DEFAULT group default qlen 1000\n' +
        '    link/ether 52:54:00:00:00:10 brd ff:ff:ff:ff:ff:ff\n' +
        '    RX:  bytes packets errors dropped  missed   mcast           \n' +
        '             0       0      0       0       0       0 \n' +
        '    TX:  bytes packets errors dropped carrier collsns           \n' +
        '             0       0      0       0       0       0 \n',
    )
    lab.run('client', 'ping -c 2 172.25.254.200')
    // Two echo requests (98 bytes each with the Ethernet header) and one ARP request (42); back two replies and the ARP reply.
    expect(lab.run('client', 'ip -s link show eth0').stdout.split('\n').slice(3, 6)).toEqual(['           238       3      0       0       0       0 ', '    TX:  bytes packets errors dropped carrier collsns           ', '           238       3      0       0       0       0 '])
  })

  it('ip -br link and ip -br addr', () => {
    const lab = Lab.create('nat')
    expect(lab.run('rs1', 'ip -br link').stdout).toBe('lo               UNKNOWN        00:00:00:00:00:00 <LOOPBACK,UP,LOWER_UP> \neth0             UP             52:54:00:00:00:30 <BROADCAST,MULTICAST,UP,LOWER_UP> \n')
    expect(lab.run('rs1', 'ip -4 -br addr').stdout).toBe('lo               UNKNOWN        127.0.0.1/8 \neth0             UP             192.168.0.10/24 \n')
  })

  it('ip tunnel shows the fallback devices', () => {
    const lab = Lab.create('tun')
    lab.run('rs1', 'modprobe ipip; modprobe ip_gre')
    expect(lab.run('rs1', 'ip tunnel show').stdout).toBe('tunl0: any/ip remote any local any ttl inherit nopmtudisc\ngre0: gre/ip remote any local any ttl inherit nopmtudisc\n')
  })
})
