// netstat (net-tools 2.0) on the NAT lab's real servers: listening sockets with their programs
// (-tnlp), names without -n, the routing table (-rn, and -e's Metric/Ref/Use), the interface table,
// a UDP listener, Apache's v4-mapped peers (cut to 22 columns unless -W), and option errors.

import { describe, expect, it } from 'vitest'
import { Task } from '../../src/sim/task.ts'
import { sh, workingNat } from './helpers.ts'

const lab = workingNat()
sh(lab, 'rs1', 'dnf install -y net-tools nmap-ncat')
sh(lab, 'client', 'dnf install -y nmap-ncat')

const IDLE: [string, string, string, number][] = [
  ["netstat -tnlp", "Active Internet connections (only servers)\nProto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name    \ntcp        0      0 0.0.0.0:22              0.0.0.0:*               LISTEN      811/sshd: /usr/sbin \ntcp6       0      0 :::80                   :::*                    LISTEN      848/httpd           \ntcp6       0      0 :::22                   :::*                    LISTEN      811/sshd: /usr/sbin \n", "", 0],
  ["netstat -tlp", "Active Internet connections (only servers)\nProto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name    \ntcp        0      0 0.0.0.0:ssh             0.0.0.0:*               LISTEN      811/sshd: /usr/sbin \ntcp6       0      0 [::]:http               [::]:*                  LISTEN      848/httpd           \ntcp6       0      0 [::]:ssh                [::]:*                  LISTEN      811/sshd: /usr/sbin \n", "", 0],
  ["netstat -rn", "Kernel IP routing table\nDestination     Gateway         Genmask         Flags   MSS Window  irtt Iface\n0.0.0.0         192.168.0.100   0.0.0.0         UG        0 0          0 eth0\n192.168.0.0     0.0.0.0         255.255.255.0   U         0 0          0 eth0\n", "", 0],
  ["netstat -r", "Kernel IP routing table\nDestination     Gateway         Genmask         Flags   MSS Window  irtt Iface\ndefault         _gateway        0.0.0.0         UG        0 0          0 eth0\n192.168.0.0     0.0.0.0         255.255.255.0   U         0 0          0 eth0\n", "", 0],
  ["netstat -ren", "Kernel IP routing table\nDestination     Gateway         Genmask         Flags Metric Ref    Use Iface\n0.0.0.0         192.168.0.100   0.0.0.0         UG    100    0        0 eth0\n192.168.0.0     0.0.0.0         255.255.255.0   U     100    0        0 eth0\n", "", 0],
  ["netstat -i", "Kernel Interface table\nIface             MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg\neth0             1500        0      0      0 0             0      0      0      0 BMRU\nlo              65536        0      0      0 0             0      0      0      0 LRU\n", "", 0],
  ["netstat -s", "", "netstat: -s (the SNMP counters) is not modelled in this lab\n", 1],
  ["netstat -Q", "", "netstat: invalid option -- 'Q'\nusage: netstat [-vWeenNcCF] [<Af>] -r         netstat {-V|--version|-h|--help}\n       netstat [-vWnNcaeol] [<Socket> ...]\n       netstat { [-vWeenNac] -i | [-cnNe] -M | -s [-6tuw] }\n\n        -r, --route              display routing table\n        -i, --interfaces         display interface table\n        -g, --groups             display multicast group memberships\n        -s, --statistics         display networking statistics (like SNMP)\n        -M, --masquerade         display masqueraded connections\n\n        -v, --verbose            be verbose\n        -W, --wide               don't truncate IP addresses\n        -n, --numeric            don't resolve names\n        --numeric-hosts          don't resolve host names\n        --numeric-ports          don't resolve port names\n        --numeric-users          don't resolve user names\n        -N, --symbolic           resolve hardware names\n        -e, --extend             display other/more information\n        -p, --programs           display PID/Program name for sockets\n        -o, --timers             display timers\n        -c, --continuous         continuous listing\n\n        -l, --listening          display listening server sockets\n        -a, --all                display all sockets (default: connected)\n        -F, --fib                display Forwarding Information Base (default)\n        -C, --cache              display routing cache instead of FIB\n        -Z, --context            display SELinux security context for sockets\n\n  <Socket>={-t|--tcp} {-u|--udp} {-U|--udplite} {-w|--raw} {-x|--unix}\n           --ax25 --ipx --netrom\n  <AF>=Use '-6|-4' or '-A <af>' or '--<af>'; default: inet\n  List of possible address families (which support routing):\n    inet (DARPA Internet) inet6 (IPv6) ax25 (AMPR AX.25) \n    netrom (AMPR NET/ROM) ipx (Novell IPX) ddp (Appletalk DDP) \n    x25 (CCITT X.25) \n", 4],
  ["netstat -r -i", "", "usage: netstat [-vWeenNcCF] [<Af>] -r         netstat {-V|--version|-h|--help}\n       netstat [-vWnNcaeol] [<Socket> ...]\n       netstat { [-vWeenNac] -i | [-cnNe] -M | -s [-6tuw] }\n\n        -r, --route              display routing table\n        -i, --interfaces         display interface table\n        -g, --groups             display multicast group memberships\n        -s, --statistics         display networking statistics (like SNMP)\n        -M, --masquerade         display masqueraded connections\n\n        -v, --verbose            be verbose\n        -W, --wide               don't truncate IP addresses\n        -n, --numeric            don't resolve names\n        --numeric-hosts          don't resolve host names\n        --numeric-ports          don't resolve port names\n        --numeric-users          don't resolve user names\n        -N, --symbolic           resolve hardware names\n        -e, --extend             display other/more information\n        -p, --programs           display PID/Program name for sockets\n        -o, --timers             display timers\n        -c, --continuous         continuous listing\n\n        -l, --listening          display listening server sockets\n        -a, --all                display all sockets (default: connected)\n        -F, --fib                display Forwarding Information Base (default)\n        -C, --cache              display routing cache instead of FIB\n        -Z, --context            display SELinux security context for sockets\n\n  <Socket>={-t|--tcp} {-u|--udp} {-U|--udplite} {-w|--raw} {-x|--unix}\n           --ax25 --ipx --netrom\n  <AF>=Use '-6|-4' or '-A <af>' or '--<af>'; default: inet\n  List of possible address families (which support routing):\n    inet (DARPA Internet) inet6 (IPv6) ax25 (AMPR AX.25) \n    netrom (AMPR NET/ROM) ipx (Novell IPX) ddp (Appletalk DDP) \n    x25 (CCITT X.25) \n", 4],
]

const BUSY: [string, string, string, string, number][] = [
  ["rs1", "netstat -antup", "Active Internet connections (servers and established)\nProto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name    \ntcp        0      0 0.0.0.0:22              0.0.0.0:*               LISTEN      811/sshd: /usr/sbin \ntcp6       0      0 :::80                   :::*                    LISTEN      848/httpd           \ntcp6       0      0 :::22                   :::*                    LISTEN      811/sshd: /usr/sbin \nudp        0      0 0.0.0.0:5353            0.0.0.0:*                           -                   \n", "", 0],
  ["rs2", "netstat -tn", "Active Internet connections (w/o servers)\nProto Recv-Q Send-Q Local Address           Foreign Address         State      \ntcp6       0      0 ::ffff:192.168.0.20:80  ::ffff:172.25.254:33754 ESTABLISHED\n", "", 0],
  ["rs2", "netstat -tnW", "Active Internet connections (w/o servers)\nProto Recv-Q Send-Q Local Address           Foreign Address         State      \ntcp6       0      0 ::ffff:192.168.0.20:80  ::ffff:172.25.254.111:33754 ESTABLISHED\n", "", 0],
]

describe('netstat', () => {
  it.each(IDLE)('%s', (line, stdout, stderr, code) => {
    const r = lab.run('rs1', line)
    expect({ stdout: r.stdout, stderr: r.stderr, code: r.exitCode }).toEqual({ stdout, stderr, code })
  })

  it('shows a UDP listener and an established connection', () => {
    new Task(lab.shellFor(lab.host('client')!).runSource('nc --recv-only 172.25.254.200 80', { stdin: '', out: () => {}, err: () => {}, tty: false })).start()
    new Task(lab.shellFor(lab.host('rs1')!).runSource('nc -lu 5353', { stdin: '', out: () => {}, err: () => {}, tty: false })).start()
    lab.idle(1_000_000)
    sh(lab, 'rs2', 'dnf install -y net-tools')
    for (const [host, line, stdout, stderr, code] of BUSY) {
      const r = lab.run(host, line)
      expect({ line, stdout: r.stdout, stderr: r.stderr, code: r.exitCode }).toEqual({ line, stdout, stderr, code })
    }
  })
})
