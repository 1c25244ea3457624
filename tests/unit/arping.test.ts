// arping (iputils) in the DR lab with the VIP on the director's eth0:0 and on rs1's lo:0 but no
// ARP sysctls yet: the router hears two owners of the VIP (the DR ARP problem), DAD finds the
// address taken, -A announces it, lo is not ARPable, and the usage and argument errors (exit 2).

import { describe, expect, it } from 'vitest'
import { Lab } from '../../src/lab/lab.ts'
import { sh } from './helpers.ts'

const lab = Lab.create('dr')
sh(lab, 'rs1', 'dnf install -y net-tools', 'ifconfig lo:0 192.168.0.220 netmask 255.255.255.255 up')
sh(lab, 'lvs', 'dnf install -y net-tools', 'ifconfig eth0:0 192.168.0.220 netmask 255.255.255.255 up')

const CASES: [string, string, string, string, number][] = [
  ["luyou", "arping -c 2 -I eth1 192.168.0.220", "ARPING 192.168.0.220 from 192.168.0.100 eth1\nUnicast reply from 192.168.0.220 [52:54:00:00:00:30]  0.800ms\nUnicast reply from 192.168.0.220 [52:54:00:00:00:40]  0.800ms\nUnicast reply from 192.168.0.220 [52:54:00:00:00:40]  0.800ms\nSent 2 probes (1 broadcast(s))\nReceived 3 response(s)\n", "", 0],
  ["luyou", "arping -c 2 192.168.0.10", "ARPING 192.168.0.10 from 192.168.0.100 eth1\nUnicast reply from 192.168.0.10 [52:54:00:00:00:40]  0.800ms\nUnicast reply from 192.168.0.10 [52:54:00:00:00:40]  0.800ms\nSent 2 probes (1 broadcast(s))\nReceived 2 response(s)\n", "", 0],
  ["luyou", "arping -c 1 -w 2 192.168.0.99", "ARPING 192.168.0.99 from 192.168.0.100 eth1\nSent 1 probes (1 broadcast(s))\nReceived 0 response(s)\n", "", 1],
  ["lvs", "arping -D -c 2 -I eth0 192.168.0.220", "ARPING 192.168.0.220 from 0.0.0.0 eth0\nUnicast reply from 192.168.0.220 [52:54:00:00:00:40]  0.800ms\nSent 1 probes (1 broadcast(s))\nReceived 1 response(s)\n", "", 1],
  ["lvs", "arping -A -c 1 -I eth0 192.168.0.220", "ARPING 192.168.0.220 from 192.168.0.220 eth0\nSent 1 probes (1 broadcast(s))\nReceived 0 response(s)\n", "", 0],
  ["rs1", "arping 192.168.0.220", "Interface \"lo\" is not ARPable\n", "", 2],
  ["luyou", "arping -I eth9 1.2.3.4", "", "arping: Device eth9 not available.\n", 2],
  ["luyou", "arping", "", "\nUsage:\n  arping [options] <destination>\n\nOptions:\n  -f            quit on first reply\n  -q            be quiet\n  -b            keep on broadcasting, do not unicast\n  -D            duplicate address detection mode\n  -U            unsolicited ARP mode, update your neighbours\n  -A            ARP answer mode, update your neighbours\n  -V            print version and exit\n  -c <count>    how many packets to send\n  -w <timeout>  how long to wait for a reply\n  -i <interval> set interval between packets (default: 1 second)\n  -I <device>   which ethernet device to use\n  -s <source>   source ip address\n  <destination> dns name or ip address\n\nFor more details see arping(8).\n", 2],
  ["luyou", "arping -c x 1.2.3.4", "", "arping: invalid argument: 'x'\n", 2],
  ["luyou", "arping -qf 192.168.0.10", "", "", 0],
]

describe('arping', () => {
  it.each(CASES)('%s: %s', (host, line, stdout, stderr, code) => {
    const r = lab.run(host, line)
    expect({ stdout: r.stdout, stderr: r.stderr, code: r.exitCode }).toEqual({ stdout, stderr, code })
  })

  it('with arp_ignore=1 on the real server only the director answers for the VIP', () => {
    sh(lab, 'rs1', 'sysctl -w net.ipv4.conf.all.arp_ignore=1')
    expect(lab.run('luyou', 'arping -c 2 -I eth1 192.168.0.220').stdout).toBe(
      'ARPING 192.168.0.220 from 192.168.0.100 eth1\nUnicast reply from 192.168.0.220 [52:54:00:00:00:30]  0.800ms\nUnicast reply from 192.168.0.220 [52:54:00:00:00:30]  0.800ms\nSent 2 probes (1 broadcast(s))\nReceived 2 response(s)\n',
    )
  })

  it('a gratuitous ARP from a host using another\'s address gets no answer from the owner (its route back is to itself)', () => {
    const dup = Lab.create('dr')
    dup.run('rs2', 'ip addr add 192.168.0.10/24 dev eth0')
    dup.run('rs2', 'arping -U -c 1 -I eth0 192.168.0.10')
    dup.run('rs2', 'sleep 1')
    const arp = dup.engine.trace.since(0).flatMap((r) => (r.type === 'wire' && r.frame.payload.kind === 'arp' ? [`${r.fromHost} ${r.frame.payload.op}`] : []))
    expect(arp.slice(-1)).toEqual(['RS2 request'])
    const why = dup.engine.trace.since(0).flatMap((r) => (r.type === 'drop' && r.reason.code === 'arp.martian' ? [r.reason.text] : []))
    expect(why).toEqual(['RS1: does not answer ARP from 192.168.0.10 on eth0: 192.168.0.10 is one of its own addresses, so the sender is a martian source (accept_local=0 on eth0)'])
  })
})
