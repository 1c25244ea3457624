// Details of a RHEL 9 host the labs rely on: the scheduler sysctls ip_vs_lblc and ip_vs_lblcr
// register when they load, /etc/protocols from the setup package, and iptables's comma lists
// (one rule per source and destination pair, as xtables' add_entry makes them).

import { describe, expect, it } from 'vitest'
import { Lab } from '../../src/lab/lab.ts'

function director(): Lab {
  const lab = Lab.create('nat')
  lab.run('lvs', 'dnf install -y ipvsadm')
  return lab
}

describe('scheduler module sysctls', () => {
  it('lblc_expiration appears when ip_vs_lblc loads, in seconds, and is writable', () => {
    const lab = director()
    expect(lab.run('lvs', 'sysctl net.ipv4.vs.lblc_expiration').exitCode).toBe(255)
    lab.run('lvs', 'ipvsadm -A -t 172.25.254.200:80 -s lblc')
    expect(lab.run('lvs', 'cat /proc/sys/net/ipv4/vs/lblc_expiration').stdout).toBe('86400\n')
    expect(lab.run('lvs', 'echo 3600 > /proc/sys/net/ipv4/vs/lblc_expiration; sysctl net.ipv4.vs.lblc_expiration').stdout).toBe('net.ipv4.vs.lblc_expiration = 3600\n')
    expect(lab.run('lvs', 'sysctl -a 2>/dev/null | grep expiration').stdout).toBe('net.ipv4.vs.lblc_expiration = 3600\n')
  })

  it('lblcr_expiration comes with modprobe ip_vs_lblcr and goes with rmmod', () => {
    const lab = director()
    expect(lab.run('lvs', 'modprobe ip_vs_lblcr; sysctl net.ipv4.vs.lblcr_expiration').stdout).toBe('net.ipv4.vs.lblcr_expiration = 86400\n')
    expect(lab.run('lvs', 'rmmod ip_vs_lblcr; sysctl net.ipv4.vs.lblcr_expiration')).toMatchObject({ stderr: 'sysctl: cannot stat /proc/sys/net/ipv4/vs/lblcr_expiration: No such file or directory\n', exitCode: 255 })
  })
})

describe('/etc/protocols', () => {
  it('is the setup package file, tab-separated', () => {
    const lab = Lab.create('nat')
    expect(lab.run('client', 'head -2 /etc/protocols; grep -w -e tcp -e gre /etc/protocols').stdout).toBe(
      '# /etc/protocols:\n# $Id: protocols,v 1.12 2016/07/08 12:27 ovasik Exp $\ntcp\t6\tTCP\t\t# transmission control protocol\ngre\t47\tGRE\t\t# Generic Routing Encapsulation\n',
    )
  })
})

describe('iptables address lists', () => {
  const rules = (lab: Lab) => lab.run('lvs', 'iptables -S INPUT').stdout
  it('-A makes a rule for each source and destination, sources outermost', () => {
    const lab = Lab.create('nat')
    expect(lab.run('lvs', 'iptables -A INPUT -s 1.1.1.1,2.2.2.0/24 -d 3.3.3.3,4.4.4.4 -j DROP').exitCode).toBe(0)
    expect(rules(lab)).toBe('-P INPUT ACCEPT\n-A INPUT -s 1.1.1.1/32 -d 3.3.3.3/32 -j DROP\n-A INPUT -s 1.1.1.1/32 -d 4.4.4.4/32 -j DROP\n-A INPUT -s 2.2.2.0/24 -d 3.3.3.3/32 -j DROP\n-A INPUT -s 2.2.2.0/24 -d 4.4.4.4/32 -j DROP\n')
  })

  it('-I puts each at the same number, -D removes each, and a bad item refuses the whole command', () => {
    const lab = Lab.create('nat')
    lab.run('lvs', 'iptables -A INPUT -d 10.0.0.1 -j ACCEPT')
    lab.run('lvs', 'iptables -I INPUT 1 -s 5.5.5.5,6.6.6.6 -j ACCEPT')
    expect(rules(lab)).toBe('-P INPUT ACCEPT\n-A INPUT -s 6.6.6.6/32 -j ACCEPT\n-A INPUT -s 5.5.5.5/32 -j ACCEPT\n-A INPUT -d 10.0.0.1/32 -j ACCEPT\n')
    lab.run('lvs', 'iptables -D INPUT -s 5.5.5.5,6.6.6.6 -j ACCEPT')
    expect(rules(lab)).toBe('-P INPUT ACCEPT\n-A INPUT -d 10.0.0.1/32 -j ACCEPT\n')
    expect(lab.run('lvs', 'iptables -A INPUT -s 1.1.1.1,nope -j DROP')).toMatchObject({ stderr: "iptables v1.8.10 (nf_tables): host/network `nope' not found\nTry `iptables -h' or 'iptables --help' for more information.\n", exitCode: 2 })
    expect(rules(lab)).toBe('-P INPUT ACCEPT\n-A INPUT -d 10.0.0.1/32 -j ACCEPT\n')
  })
})
