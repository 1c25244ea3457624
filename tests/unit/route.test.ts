// route (net-tools 2.0) on a DR real server: the table as rprint_fib() prints it, with and without
// -n, `route add -host VIP dev lo:0` (the device's alias gives the preferred source), and the
// errors INET_setroute() and the kernel give, with net-tools' exit statuses (4 usage, 7 ioctl).

import { describe, expect, it } from 'vitest'
import { Lab } from '../../src/lab/lab.ts'
import { sh } from './helpers.ts'

const lab = Lab.create('dr')
sh(lab, 'rs1', 'dnf install -y net-tools', 'ifconfig lo:0 192.168.0.220 netmask 255.255.255.255 broadcast 192.168.0.220 up')

const STEPS: [string, string, string, number][] = [
  ["route -n", "Kernel IP routing table\nDestination     Gateway         Genmask         Flags Metric Ref    Use Iface\n0.0.0.0         192.168.0.100   0.0.0.0         UG    100    0        0 eth0\n192.168.0.0     0.0.0.0         255.255.255.0   U     100    0        0 eth0\n", "", 0],
  ["route", "Kernel IP routing table\nDestination     Gateway         Genmask         Flags Metric Ref    Use Iface\ndefault         _gateway        0.0.0.0         UG    100    0        0 eth0\n192.168.0.0     0.0.0.0         255.255.255.0   U     100    0        0 eth0\n", "", 0],
  ["route add -host 192.168.0.220 dev lo:0", "", "", 0],
  ["route -n", "Kernel IP routing table\nDestination     Gateway         Genmask         Flags Metric Ref    Use Iface\n0.0.0.0         192.168.0.100   0.0.0.0         UG    100    0        0 eth0\n192.168.0.0     0.0.0.0         255.255.255.0   U     100    0        0 eth0\n192.168.0.220   0.0.0.0         255.255.255.255 UH    0      0        0 lo\n", "", 0],
  ["route add -host 192.168.0.220 dev lo:0", "", "SIOCADDRT: File exists\n", 7],
  ["route add -host 1.2.3.4 dev lo:7", "", "SIOCADDRT: No such device\n", 7],
  ["route add -net 10.0.0.0 gw 192.168.0.100", "", "SIOCADDRT: Invalid argument\n", 7],
  ["route add -net 10.0.0.0 netmask 255.0.0.0 gw 192.168.0.100", "", "", 0],
  ["route add -net 10.0.0.0/8 gw 192.168.0.100 metric 5", "", "", 0],
  ["route add -net 172.16.0.0 netmask 255.255.0.0 gw 10.9.9.9", "", "SIOCADDRT: Network is unreachable\n", 7],
  ["route add -host 1.2.3.4 netmask 255.255.255.0 dev eth0", "", "route: netmask 000000ff doesn't make sense with host route\nUsage: route [-nNvee] [-FC] [<AF>]           List kernel routing tables\n       route [-v] [-FC] {add|del|flush} ...  Modify routing table for AF.\n\n       route {-h|--help} [<AF>]              Detailed usage syntax for specified AF.\n       route {-V|--version}                  Display version/author and exit.\n\n        -v, --verbose            be verbose\n        -n, --numeric            don't resolve names\n        -e, --extend             display other/more information\n        -F, --fib                display Forwarding Information Base (default)\n        -C, --cache              display routing cache instead of FIB\n\n  <AF>=Use -4, -6, '-A <af>' or '--<af>'; default: inet\n  List of possible address families (which support routing):\n    inet (DARPA Internet) inet6 (IPv6) ax25 (AMPR AX.25) \n    netrom (AMPR NET/ROM) ipx (Novell IPX) ddp (Appletalk DDP) \n    x25 (CCITT X.25) \n", 4],
  ["route add -net 10.1.2.3 netmask 255.255.0.0 dev eth0", "", "route: netmask doesn't match route address\nUsage: route [-nNvee] [-FC] [<AF>]           List kernel routing tables\n       route [-v] [-FC] {add|del|flush} ...  Modify routing table for AF.\n\n       route {-h|--help} [<AF>]              Detailed usage syntax for specified AF.\n       route {-V|--version}                  Display version/author and exit.\n\n        -v, --verbose            be verbose\n        -n, --numeric            don't resolve names\n        -e, --extend             display other/more information\n        -F, --fib                display Forwarding Information Base (default)\n        -C, --cache              display routing cache instead of FIB\n\n  <AF>=Use -4, -6, '-A <af>' or '--<af>'; default: inet\n  List of possible address families (which support routing):\n    inet (DARPA Internet) inet6 (IPv6) ax25 (AMPR AX.25) \n    netrom (AMPR NET/ROM) ipx (Novell IPX) ddp (Appletalk DDP) \n    x25 (CCITT X.25) \n", 4],
  ["route -n", "Kernel IP routing table\nDestination     Gateway         Genmask         Flags Metric Ref    Use Iface\n0.0.0.0         192.168.0.100   0.0.0.0         UG    100    0        0 eth0\n10.0.0.0        192.168.0.100   255.0.0.0       UG    0      0        0 eth0\n10.0.0.0        192.168.0.100   255.0.0.0       UG    5      0        0 eth0\n192.168.0.0     0.0.0.0         255.255.255.0   U     100    0        0 eth0\n192.168.0.220   0.0.0.0         255.255.255.255 UH    0      0        0 lo\n", "", 0],
  ["route del -net 10.0.0.0 netmask 255.0.0.0", "", "", 0],
  ["route del -net 10.0.0.0/8 metric 5", "", "", 0],
  ["route del -host 9.9.9.9", "", "SIOCDELRT: No such process\n", 7],
  ["route del 192.168.0.220", "", "", 0],
  ["route add", "", "Usage: inet_route [-vF] del {-host|-net} Target[/prefix] [gw Gw] [metric M] [[dev] If]\n       inet_route [-vF] add {-host|-net} Target[/prefix] [gw Gw] [metric M]\n                              [netmask N] [mss Mss] [window W] [irtt I]\n                              [mod] [dyn] [reinstate] [[dev] If]\n       inet_route [-vF] add {-host|-net} Target[/prefix] [metric M] reject\n       inet_route [-FC] flush      NOT supported\n", 4],
  ["route foo", "", "Usage: route [-nNvee] [-FC] [<AF>]           List kernel routing tables\n       route [-v] [-FC] {add|del|flush} ...  Modify routing table for AF.\n\n       route {-h|--help} [<AF>]              Detailed usage syntax for specified AF.\n       route {-V|--version}                  Display version/author and exit.\n\n        -v, --verbose            be verbose\n        -n, --numeric            don't resolve names\n        -e, --extend             display other/more information\n        -F, --fib                display Forwarding Information Base (default)\n        -C, --cache              display routing cache instead of FIB\n\n  <AF>=Use -4, -6, '-A <af>' or '--<af>'; default: inet\n  List of possible address families (which support routing):\n    inet (DARPA Internet) inet6 (IPv6) ax25 (AMPR AX.25) \n    netrom (AMPR NET/ROM) ipx (Novell IPX) ddp (Appletalk DDP) \n    x25 (CCITT X.25) \n", 4],
  ["route -z", "", "route: invalid option -- 'z'\nUsage: route [-nNvee] [-FC] [<AF>]           List kernel routing tables\n       route [-v] [-FC] {add|del|flush} ...  Modify routing table for AF.\n\n       route {-h|--help} [<AF>]              Detailed usage syntax for specified AF.\n       route {-V|--version}                  Display version/author and exit.\n\n        -v, --verbose            be verbose\n        -n, --numeric            don't resolve names\n        -e, --extend             display other/more information\n        -F, --fib                display Forwarding Information Base (default)\n        -C, --cache              display routing cache instead of FIB\n\n  <AF>=Use -4, -6, '-A <af>' or '--<af>'; default: inet\n  List of possible address families (which support routing):\n    inet (DARPA Internet) inet6 (IPv6) ax25 (AMPR AX.25) \n    netrom (AMPR NET/ROM) ipx (Novell IPX) ddp (Appletalk DDP) \n    x25 (CCITT X.25) \n", 4],
  ["route --ver", "", "route: option '--ver' is ambiguous; possibilities: '--verbose' '--version'\nUsage: route [-nNvee] [-FC] [<AF>]           List kernel routing tables\n       route [-v] [-FC] {add|del|flush} ...  Modify routing table for AF.\n\n       route {-h|--help} [<AF>]              Detailed usage syntax for specified AF.\n       route {-V|--version}                  Display version/author and exit.\n\n        -v, --verbose            be verbose\n        -n, --numeric            don't resolve names\n        -e, --extend             display other/more information\n        -F, --fib                display Forwarding Information Base (default)\n        -C, --cache              display routing cache instead of FIB\n\n  <AF>=Use -4, -6, '-A <af>' or '--<af>'; default: inet\n  List of possible address families (which support routing):\n    inet (DARPA Internet) inet6 (IPv6) ax25 (AMPR AX.25) \n    netrom (AMPR NET/ROM) ipx (Novell IPX) ddp (Appletalk DDP) \n    x25 (CCITT X.25) \n", 4],
  ["route add -host nosuch dev eth0", "", "nosuch: Unknown host\n", 1],
  ["route -n", "Kernel IP routing table\nDestination     Gateway         Genmask         Flags Metric Ref    Use Iface\n0.0.0.0         192.168.0.100   0.0.0.0         UG    100    0        0 eth0\n192.168.0.0     0.0.0.0         255.255.255.0   U     100    0        0 eth0\n", "", 0],
]

describe('route', () => {
  it.each(STEPS)('%s', (line, stdout, stderr, code) => {
    const r = lab.run('rs1', line)
    expect({ stdout: r.stdout, stderr: r.stderr, code: r.exitCode }).toEqual({ stdout, stderr, code })
  })

  it('-e and -ee switch to the MSS/Window/irtt and the combined layouts of rprint_fib', () => {
    const l = Lab.create('dr')
    sh(l, 'rs1', 'dnf install -y net-tools')
    expect(l.run('rs1', 'route -ne').stdout).toBe(
      'Kernel IP routing table\nDestination     Gateway         Genmask         Flags   MSS Window  irtt Iface\n0.0.0.0         192.168.0.100   0.0.0.0         UG        0 0          0 eth0\n192.168.0.0     0.0.0.0         255.255.255.0   U         0 0          0 eth0\n',
    )
    expect(l.run('rs1', 'route -nee').stdout).toBe(
      'Kernel IP routing table\nDestination     Gateway         Genmask         Flags Metric Ref    Use Iface    MSS   Window irtt\n0.0.0.0         192.168.0.100   0.0.0.0         UG    100    0        0 eth0     0     0      0\n192.168.0.0     0.0.0.0         255.255.255.0   U     100    0        0 eth0     0     0      0\n',
    )
  })

  it('the VIP route goes with its alias address, as fib_sync_down_addr removes it', () => {
    const l = Lab.create('dr')
    sh(l, 'rs1', 'dnf install -y net-tools', 'ifconfig lo:0 192.168.0.220 netmask 255.255.255.255 up', 'route add -host 192.168.0.220 dev lo:0', 'ifconfig lo:0 down')
    expect(l.run('rs1', 'route -n').stdout).toBe(['Kernel IP routing table', 'Destination     Gateway         Genmask         Flags Metric Ref    Use Iface', '0.0.0.0         192.168.0.100   0.0.0.0         UG    100    0        0 eth0', '192.168.0.0     0.0.0.0         255.255.255.0   U     100    0        0 eth0', ''].join('\n'))
    expect(l.run('rs1', 'route del 192.168.0.220').output).toBe('SIOCDELRT: No such process\n')
  })
})
