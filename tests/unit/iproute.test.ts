// iproute2 against the real program: every case of tests/fixtures/iproute-cases.ts, recorded from
// Debian's iproute2 6.1 in a network namespace rebuilt from the lab host (npm run
// fixtures:record-iproute), compared byte for byte. Two differences come from this machine's
// newer kernel, not from iproute2, and are rewritten to what RHEL 9's 5.14 sends (kernel514). The
// `-d` link details, which depend on the device (virtio, ipip) and the kernel, are pinned by hand.

import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { IPROUTE_CASES } from '../fixtures/iproute-cases.ts'
import { caseLab } from '../fixtures/iproute-run.ts'
import { kernel514 } from '../fixtures/netns-normalise.ts'
import { tutorialLab } from './helpers.ts'

interface Recorded {
  results: { command: string; stdout: string; stderr: string; status: number }[]
}

describe('ip against Debian iproute2 6.1 (recorded in network namespaces)', () => {
  for (const c of IPROUTE_CASES) {
    it(`${c.name}: ${c.commands.length} commands on ${c.lab}/${c.host}`, () => {
      const recorded = JSON.parse(readFileSync(new URL(`../fixtures/iproute/${c.name}.json`, import.meta.url), 'utf8')) as Recorded
      expect(recorded.results.map((r) => r.command)).toEqual(c.commands)
      const lab = caseLab(c)
      for (const r of recorded.results) {
        const got = lab.run(c.host, r.command)
        expect({ command: r.command, stdout: got.stdout, stderr: got.stderr, status: got.exitCode }).toEqual({ command: r.command, stdout: kernel514(r.stdout), stderr: r.stderr, status: r.status })
      }
    })
  }
})

describe('ip -d link on a RHEL 9 VM', () => {
  // Pinned by hand from print_linkinfo's order and a RHEL 9 host's `ip -s -d link` (no allmulti,
  // tso/gro limits, a NIC's parentbus/parentdev); lo's and tunl0's values as the kernel sets them.
  it('shows promiscuity, MTU range, addrgenmode, queues and GSO/TSO/GRO limits per device', () => {
    const lab = tutorialLab('tun')
    expect(lab.run('rs1', 'ip -d link show lo').stdout).toBe(
      '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000\n' +
        '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00 promiscuity 0 minmtu 0 maxmtu 0 addrgenmode eui64 numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535 tso_max_size 524280 tso_max_segs 65535 gro_max_size 65536 \n',
    )
    expect(lab.run('rs1', 'ip -d link show eth0').stdout).toMatch(
      /^2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP mode DEFAULT group default qlen 1000\n {4}link\/ether (?:[0-9a-f]{2}:){5}[0-9a-f]{2} brd ff:ff:ff:ff:ff:ff promiscuity 0 minmtu 68 maxmtu 65535 addrgenmode none numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535 tso_max_size 65536 tso_max_segs 65535 gro_max_size 65536 parentbus virtio parentdev virtio0 \n$/,
    )
    expect(lab.run('rs1', 'ip -d link show tunl0').stdout).toBe(
      '3: tunl0@NONE: <NOARP,UP,LOWER_UP> mtu 1480 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000\n' +
        '    link/ipip 0.0.0.0 brd 0.0.0.0 promiscuity 0 minmtu 0 maxmtu 0 \n' +
        '    ipip any remote any local any ttl inherit nopmtudisc addrgenmode eui64 numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535 tso_max_size 65536 tso_max_segs 65535 gro_max_size 65536 \n',
    )
    expect(lab.run('rs1', 'ip -d addr show dev tunl0').stdout.split('\n').slice(1, 3)).toEqual([
      '    link/ipip 0.0.0.0 brd 0.0.0.0 promiscuity 0 minmtu 0 maxmtu 0 ',
      '    ipip any remote any local any ttl inherit nopmtudisc numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535 tso_max_size 65536 tso_max_segs 65535 gro_max_size 65536 ',
    ])
  })

  it('a running tcpdump holds its device promiscuous (PROMISC, promiscuity 1); -p and -i any do not', () => {
    const lab = tutorialLab('dr')
    expect(lab.run('rs1', 'dnf install -y tcpdump').exitCode).toBe(0)
    lab.run('rs1', 'tcpdump -i eth0 -nn port 80 >/dev/null 2>&1 &')
    lab.idle(1000)
    expect(lab.run('rs1', 'ip link show eth0').stdout).toMatch(/^2: eth0: <BROADCAST,MULTICAST,PROMISC,UP,LOWER_UP> /)
    expect(lab.run('rs1', 'ip -d link show eth0').stdout).toContain(' promiscuity 1 minmtu 68 ')
    lab.run('rs1', 'kill %1')
    lab.idle(1000)
    expect(lab.run('rs1', 'ip -d link show eth0').stdout).toContain(' promiscuity 0 minmtu 68 ')
    lab.run('rs1', 'tcpdump -p -i eth0 -nn >/dev/null 2>&1 & tcpdump -i any -nn >/dev/null 2>&1 &')
    lab.idle(1000)
    expect(lab.run('rs1', 'ip link show eth0').stdout).toMatch(/^2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> /)
  })
})
