// Kernel behaviour behind ipvsadm's numbers (ipvs-kernel.md §1.0, §2.6, §4): the 2-second rate
// estimator's step response, -Z, thresholds and the OVERLOAD flag, Active/InAct counting.

import { describe, expect, it } from 'vitest'
import { Stats } from '../../src/ipvs/stats.ts'
import { directorOf } from '../../src/ipvs/index.ts'
import { workingNat } from './helpers.ts'

describe('rate estimator', () => {
  it('a steady 100 connections/s shows CPS 25, 44, 58, 68, 76, 82 … and decays after', () => {
    const s = new Stats()
    const cps: number[] = []
    for (let i = 0; i < 6; i++) {
      s.raw.conns += 200
      s.estimate()
      cps.push(s.rates.conns)
    }
    expect(cps).toEqual([25, 44, 58, 68, 76, 82])
    const decay: number[] = []
    for (let i = 0; i < 3; i++) {
      s.estimate()
      decay.push(s.rates.conns)
    }
    expect(decay[0]).toBeLessThan(cps[5])
    expect(decay).toEqual([...decay].sort((a, b) => b - a))
  })

  it('-Z zeroes counters and rates, not the connection counts', () => {
    const lab = workingNat()
    lab.run('client', 'curl -s 172.25.254.200')
    lab.idle(4_000_000)
    lab.run('lvs', 'ipvsadm -Z')
    const stats = lab.run('lvs', 'ipvsadm -Ln --stats').stdout.split('\n')[3]
    expect(stats).toBe('TCP  172.25.254.200:80                   0        0        0        0        0')
    expect(lab.run('lvs', 'ipvsadm -Ln').stdout).toMatch(/192\.168\.0\.20:80 +Masq +1 +0 +1 +\n/)
  })
})

describe('thresholds and OVERLOAD', () => {
  it('-x 1 stops new connections to a server while it holds one (until it drops below 75 %)', () => {
    const lab = workingNat()
    lab.run('lvs', 'ipvsadm -e -t 172.25.254.200:80 -r 192.168.0.20:80 -m -x 1')
    const bodies = [1, 2, 3].map(() => lab.run('client', 'curl -s 172.25.254.200').stdout.trim())
    // rs2 takes the first connection; its TIME_WAIT entry keeps it at the threshold, so the rest go to rs1.
    expect(bodies).toEqual(['RS2 - 192.168.0.20', 'RS1 - 192.168.0.10', 'RS1 - 192.168.0.10'])
    const dest = directorOf(lab.host('lvs')!)!.services[0].dests.find((d) => d.uThreshold === 1)!
    expect(dest.overloaded).toBe(true)
    lab.idle(130_000_000)
    expect(dest.overloaded).toBe(false)
    expect(lab.run('lvs', 'ipvsadm -Ln --thresholds').stdout).toContain('  -> 192.168.0.20:80              1          0          0          0         \n')
  })

  it('a finished TCP connection moves from ActiveConn to InActConn and expires after TIME_WAIT', () => {
    const lab = workingNat()
    lab.run('client', 'curl -s 172.25.254.200')
    // Right after curl returns, its FIN is still on the wire: the connection is active.
    expect(lab.run('lvs', 'ipvsadm -Ln').stdout).toMatch(/192\.168\.0\.20:80 +Masq +1 +1 +0 +\n/)
    lab.idle(1_000_000)
    expect(lab.run('lvs', 'ipvsadm -Ln').stdout).toMatch(/192\.168\.0\.20:80 +Masq +1 +0 +1 +\n/)
    expect(lab.run('lvs', 'ipvsadm -Lnc').stdout).toMatch(/TCP 0[12]:\d\d  TIME_WAIT /)
    lab.idle(121_000_000)
    expect(lab.run('lvs', 'ipvsadm -Lnc').stdout).toBe('IPVS connection entries\npro expire state       source             virtual            destination\n')
  })
})
