// /proc/net on the NAT director: ip_vs, ip_vs_conn and ip_vs_stats in the kernel's hex formats
// (ip_vs_ctl.c, ip_vs_conn.c), route padded to 127 columns as fib_route_seq_show writes it, dev
// with the interface counters, and the ip_vs files gone from a host without the module.

import { describe, expect, it } from 'vitest'
import { sh, workingNat } from './helpers.ts'

const lab = workingNat()
sh(lab, 'lvs', 'ipvsadm -A -f 7 -s wrr -p 120', 'ipvsadm -a -f 7 -r 192.168.0.10 -m -w 3')
lab.run('client', 'curl -s 172.25.254.200; curl -s 172.25.254.200')
lab.idle(3_000_000)

describe('/proc/net', () => {
  it('ip_vs lists services with their real servers in hex', () => {
    expect(lab.run('lvs', 'cat /proc/net/ip_vs').stdout).toBe(`IP Virtual Server version 1.2.1 (size=4096)
Prot LocalAddress:Port Scheduler Flags
  -> RemoteAddress:Port Forward Weight ActiveConn InActConn
TCP  AC19FEC8:0050 rr 
  -> C0A80014:0050      Masq    1      0          1         
  -> C0A8000A:0050      Masq    1      0          1         
FWM  00000007 wrr persistent 120 FFFFFFFF
  -> C0A8000A:0000      Masq    3      0          0         
`)
  })

  it('ip_vs_conn shows each connection and the seconds left on its timer, as ipvsadm -Lnc reads it', () => {
    expect(lab.run('lvs', 'cat /proc/net/ip_vs_conn').stdout).toBe(`Pro FromIP   FPrt ToIP     TPrt DestIP   DPrt State       Expires PEName PEData
TCP AC19FE6F 83DA AC19FEC8 0050 C0A80014 0050 TIME_WAIT       116
TCP AC19FE6F 84E4 AC19FEC8 0050 C0A8000A 0050 TIME_WAIT       117
`)
    expect(lab.run('lvs', 'ipvsadm -Lnc').stdout).toBe(`IPVS connection entries
pro expire state       source             virtual            destination
TCP 01:56  TIME_WAIT   172.25.254.111:33754 172.25.254.200:80  192.168.0.20:80
TCP 01:57  TIME_WAIT   172.25.254.111:34020 172.25.254.200:80  192.168.0.10:80
`)
  })

  it('ip_vs_stats has the totals and the estimated rates, hex padded with spaces', () => {
    expect(lab.run('lvs', 'cat /proc/net/ip_vs_stats').stdout).toBe(`   Total Incoming Outgoing         Incoming         Outgoing
   Conns  Packets  Packets            Bytes            Bytes
       2        C        8              31C              3C4

 Conns/s   Pkts/s   Pkts/s          Bytes/s          Bytes/s
       0        1        1               63               78
`)
  })

  it('route and dev are generated from the stack', () => {
    const route = lab.run('lvs', 'cat /proc/net/route').stdout.split('\n')
    expect(route.slice(0, 3)).toEqual([
      'Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT'.padEnd(127),
      'eth0\t00FE19AC\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0'.padEnd(127),
      'eth1\t0000A8C0\t00000000\t0001\t0\t0\t101\t00FFFFFF\t0\t0\t0'.padEnd(127),
    ])
    expect(lab.run('lvs', 'head -3 /proc/net/dev').stdout).toBe(`Inter-|   Receive                                                |  Transmit
 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
    lo:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0
`)
  })

  it('the ip_vs files exist only where the module is loaded, and writing to them changes nothing', () => {
    expect(lab.run('client', 'cat /proc/net/ip_vs').output).toBe('cat: /proc/net/ip_vs: No such file or directory\n')
    expect(lab.run('lvs', 'ls /proc/net').stdout).toBe('arp\ndev\nif_inet6\nip_vs\nip_vs_conn\nip_vs_stats\nroute\ntcp\ntcp6\n')
    expect(lab.run('lvs', 'echo 1 > /proc/net/ip_vs; cat /proc/net/ip_vs | wc -l').stdout).toBe('8\n')
  })
})
