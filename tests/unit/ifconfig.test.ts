// ifconfig (net-tools 2.0) on a DR real server: the interface list in ife_print_long()'s format,
// -s, the lo:0 alias the classic real-server script creates and deletes, and the errors ifconfig
// prints from its ioctls with their exit statuses (1 for perror, 255 for a failed flag change).
// Each step runs on the same host in order, so later outputs show what earlier ones changed.

import { describe, expect, it } from 'vitest'
import { Lab } from '../../src/lab/lab.ts'
import { sh } from './helpers.ts'

const lab = Lab.create('dr')
sh(lab, 'rs1', 'dnf install -y net-tools')

const STEPS: [string, string, string, number][] = [
  ["ifconfig", "eth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500\n        inet 192.168.0.10  netmask 255.255.255.0  broadcast 192.168.0.255\n        inet6 fe80::8689:d019:c53b:11f9  prefixlen 64  scopeid 0x20<link>\n        ether 52:54:00:00:00:40  txqueuelen 1000  (Ethernet)\n        RX packets 0  bytes 0 (0.0 B)\n        RX errors 0  dropped 0  overruns 0  frame 0\n        TX packets 0  bytes 0 (0.0 B)\n        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0\n\nlo: flags=73<UP,LOOPBACK,RUNNING>  mtu 65536\n        inet 127.0.0.1  netmask 255.0.0.0\n        inet6 ::1  prefixlen 128  scopeid 0x10<host>\n        loop  txqueuelen 1000  (Local Loopback)\n        RX packets 0  bytes 0 (0.0 B)\n        RX errors 0  dropped 0  overruns 0  frame 0\n        TX packets 0  bytes 0 (0.0 B)\n        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0\n\n", "", 0],
  ["ifconfig -a", "eth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500\n        inet 192.168.0.10  netmask 255.255.255.0  broadcast 192.168.0.255\n        inet6 fe80::8689:d019:c53b:11f9  prefixlen 64  scopeid 0x20<link>\n        ether 52:54:00:00:00:40  txqueuelen 1000  (Ethernet)\n        RX packets 0  bytes 0 (0.0 B)\n        RX errors 0  dropped 0  overruns 0  frame 0\n        TX packets 0  bytes 0 (0.0 B)\n        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0\n\nlo: flags=73<UP,LOOPBACK,RUNNING>  mtu 65536\n        inet 127.0.0.1  netmask 255.0.0.0\n        inet6 ::1  prefixlen 128  scopeid 0x10<host>\n        loop  txqueuelen 1000  (Local Loopback)\n        RX packets 0  bytes 0 (0.0 B)\n        RX errors 0  dropped 0  overruns 0  frame 0\n        TX packets 0  bytes 0 (0.0 B)\n        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0\n\n", "", 0],
  ["ifconfig lo:0 192.168.0.220 netmask 255.255.255.255 broadcast 192.168.0.220 up", "", "", 0],
  ["ifconfig lo:0", "lo:0: flags=73<UP,LOOPBACK,RUNNING>  mtu 65536\n        inet 192.168.0.220  netmask 255.255.255.255\n        loop  txqueuelen 1000  (Local Loopback)\n\n", "", 0],
  ["ifconfig -s", "Iface             MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg\neth0             1500        0      0      0 0             0      0      0      0 BMRU\nlo              65536        0      0      0 0             0      0      0      0 LRU\nlo:0            65536      - no statistics available -                        LRU\n", "", 0],
  ["ifconfig lo:1", "lo:1: flags=73<UP,LOOPBACK,RUNNING>  mtu 65536\n        loop  txqueuelen 1000  (Local Loopback)\n\n", "", 0],
  ["ifconfig eth9", "", "eth9: error fetching interface information: Device not found\n", 1],
  ["ifconfig eth9:0 1.2.3.4", "", "SIOCSIFADDR: No such device\neth9:0: ERROR while getting interface flags: No such device\n", 255],
  ["ifconfig lo:2 down", "", "SIOCSIFFLAGS: Cannot assign requested address\n", 255],
  ["ifconfig eth0:1 10.1.2.3", "", "", 0],
  ["ifconfig eth0:1", "eth0:1: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500\n        inet 10.1.2.3  netmask 255.0.0.0  broadcast 10.255.255.255\n        ether 52:54:00:00:00:40  txqueuelen 1000  (Ethernet)\n\n", "", 0],
  ["ifconfig eth0:1 netmask 255.255.0.0", "", "", 0],
  ["ifconfig eth0:1 down", "", "", 0],
  ["ifconfig lo:3 nosuchhost", "", "nosuchhost: Unknown host\nifconfig: `--help' gives usage information.\n", 1],
  ["ifconfig -x", "", "ifconfig: option `-x' not recognised.\nifconfig: `--help' gives usage information.\n", 1],
  ["ifconfig eth0 mtu 9000", "", "SIOCSIFMTU: Operation not supported\n", 1],
  ["ifconfig lo:0 down", "", "", 0],
  ["ifconfig lo:0 down", "", "SIOCSIFFLAGS: Cannot assign requested address\n", 255],
]

describe('ifconfig', () => {
  it.each(STEPS)('%s', (line, stdout, stderr, code) => {
    const r = lab.run('rs1', line)
    expect({ stdout: r.stdout, stderr: r.stderr, code: r.exitCode }).toEqual({ stdout, stderr, code })
  })

  it('exists only once net-tools is installed', () => {
    const r = Lab.create('dr').run('rs1', 'ifconfig')
    expect([r.output, r.exitCode]).toEqual(['-bash: ifconfig: command not found\n', 127])
  })
})
