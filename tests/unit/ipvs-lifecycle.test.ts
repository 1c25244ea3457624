// IPVS object lifetimes as ip_vs_ctl.c keeps them: deleted real servers wait in the trash with
// their connections, `ipvsadm -C` leaves connections to expire on their timers, invalidated
// persistence templates stay listed, the expire_* sysctls change what happens, UDP connections
// live as long as the UDP timeout, and the director answers a request for its own VIP.

import { describe, expect, it } from 'vitest'
import { Lab } from '../../src/lab/lab.ts'
import { parseIp } from '../../src/net/addr.ts'
import { PROTO_UDP } from '../../src/net/packet.ts'
import { Task } from '../../src/sim/task.ts'
import { sh, tutorialLab, workingNat } from './helpers.ts'

const VIP = '172.25.254.200'


/** Two requests (one per real server under rr), then a second for their FINs to pass. */
function twoRequests(): Lab {
  const lab = workingNat()
  lab.run('client', `curl -s ${VIP}; curl -s ${VIP}`)
  lab.idle(1_000_000)
  return lab
}

const rs1Line = (lab: Lab, stats = false) => lab.run('lvs', `ipvsadm -Ln${stats ? ' --stats' : ''}`).stdout.split('\n').find((l) => l.includes('192.168.0.10:80'))

describe('the destination trash', () => {
  it('a deleted server with connections comes back with its counters and statistics when re-added in time', () => {
    const lab = twoRequests()
    expect(rs1Line(lab)).toBe('  -> 192.168.0.10:80              Masq    1      0          1         ')
    lab.run('lvs', `ipvsadm -d -t ${VIP}:80 -r 192.168.0.10:80`)
    expect(rs1Line(lab)).toBeUndefined()
    expect(lab.run('lvs', 'ipvsadm -Lnc').stdout).toMatch(/TIME_WAIT   172\.25\.254\.111:\d+ 172\.25\.254\.200:80  192\.168\.0\.10:80\n/)
    lab.idle(30_000_000)
    lab.run('lvs', `ipvsadm -a -t ${VIP}:80 -r 192.168.0.10:80 -m`)
    expect(rs1Line(lab)).toBe('  -> 192.168.0.10:80              Masq    1      0          1         ')
    expect(rs1Line(lab, true)).toBe('  -> 192.168.0.10:80                     1        6        4      398      482')
  })

  it('once its connections are gone and it has idled 120 s in the trash, a re-added server starts from zero', () => {
    const lab = twoRequests()
    lab.run('lvs', `ipvsadm -d -t ${VIP}:80 -r 192.168.0.10:80`)
    lab.idle(400_000_000)
    lab.run('lvs', `ipvsadm -a -t ${VIP}:80 -r 192.168.0.10:80 -m`)
    expect(rs1Line(lab)).toBe('  -> 192.168.0.10:80              Masq    1      0          0         ')
    expect(rs1Line(lab, true)).toBe('  -> 192.168.0.10:80                     0        0        0        0        0')
  })

  it('ipvsadm -C removes the services; their connections stay listed until their timers expire', () => {
    const lab = twoRequests()
    lab.run('lvs', 'ipvsadm -C')
    expect(lab.run('lvs', 'ipvsadm -Ln').stdout).toBe('IP Virtual Server version 1.2.1 (size=4096)\nProt LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n')
    expect(lab.run('lvs', 'ipvsadm -Lnc').stdout.match(/TIME_WAIT/g)).toHaveLength(2)
    lab.idle(121_000_000)
    expect(lab.run('lvs', 'ipvsadm -Lnc').stdout).toBe('IPVS connection entries\npro expire state       source             virtual            destination\n')
  })
})

describe('persistence templates', () => {
  it('a template whose server was deleted is invalidated, listed with port 65535 until it expires, and a new one is made', () => {
    const lab = tutorialLab('dr')
    const before = lab.run('dr-lvs', 'ipvsadm -Lnc').stdout
    const stuck = /IP  \d\d:\d\d  ASSURED     172\.25\.254\.111:0   0\.0\.2\.154:0        (192\.168\.0\.[12]0):0\n/.exec(before)![1]
    const other = stuck === '192.168.0.10' ? '192.168.0.20' : '192.168.0.10'
    lab.run('dr-lvs', `ipvsadm -d -f 666 -r ${stuck}:0`)
    expect(lab.run('client', 'curl -s -m 3 192.168.0.220').stdout).toContain(other)
    const after = lab.run('dr-lvs', 'ipvsadm -Lnc').stdout
    expect(after).toMatch(new RegExp(`IP  \\d\\d:\\d\\d  ASSURED     172\\.25\\.254\\.111:0   0\\.0\\.2\\.154:65535    ${stuck.replace(/\./g, '\\.')}:65535\n`))
    expect(after).toMatch(new RegExp(`IP  \\d\\d:\\d\\d  (NONE|ASSURED) +172\\.25\\.254\\.111:0   0\\.0\\.2\\.154:0        ${other.replace(/\./g, '\\.')}:0\n`))
    lab.idle(420_000_000)
    expect(lab.run('dr-lvs', 'ipvsadm -Lnc').stdout).not.toContain('65535')
  })

  it('expire_quiescent_template = 1 lets a quiesced server lose its persistent clients; 0 keeps them', () => {
    for (const [value, moves] of [[0, false], [1, true]] as const) {
      const lab = tutorialLab('dr')
      const stuck = /ASSURED     172\.25\.254\.111:0   0\.0\.2\.154:0        (192\.168\.0\.[12]0):0/.exec(lab.run('dr-lvs', 'ipvsadm -Lnc').stdout)![1]
      lab.run('dr-lvs', `sysctl -w net.ipv4.vs.expire_quiescent_template=${value}; ipvsadm -e -f 666 -r ${stuck}:0 -g -w 0`)
      const body = lab.run('client', 'curl -s -m 3 192.168.0.220').stdout
      expect(body.includes(stuck)).toBe(!moves)
    }
  })
})

describe('expire_nodest_conn', () => {
  /** A client connection held open across the real server's deletion. */
  function heldOpen(nodest: 0 | 1) {
    const lab = workingNat('rr', [['192.168.0.10', 1]])
    lab.run('lvs', `sysctl -w net.ipv4.vs.expire_nodest_conn=${nodest}`)
    const sock = lab.host('client')!.tcp.connect(parseIp(VIP)!, 80)
    if (typeof sock === 'string') throw new Error(sock)
    lab.engine.runUntil(() => sock.state !== 'SYN_SENT', lab.engine.now + 1_000_000)
    lab.run('lvs', `ipvsadm -d -t ${VIP}:80 -r 192.168.0.10:80`)
    const mark = lab.engine.trace.since(0).at(-1)!.id
    sock.send('GET / HTTP/1.1\r\nHost: x\r\n\r\n')
    lab.idle(2_000_000)
    return { lab, sock, after: lab.engine.trace.since(mark) }
  }

  it('0: the connection survives but its packets are dropped, and the reason says the sysctl', () => {
    const { sock, after } = heldOpen(0)
    const drop = after.find((r) => r.type === 'drop' && r.reason.code === 'ipvs.nodest_conn')
    expect(drop?.type === 'drop' && drop.reason.text).toBe('lvs: IPVS connection to deleted real server 192.168.0.10 (expire_nodest_conn = 0): packet dropped')
    expect(sock.state).toBe('ESTABLISHED')
  })

  it('1: the connection is expired; the segment falls to the director, which resets it', () => {
    const { lab, sock, after } = heldOpen(1)
    expect(after.some((r) => r.type === 'drop' && r.reason.code === 'ipvs.nodest_conn')).toBe(false)
    expect(sock.state).toBe('CLOSED')
    expect(lab.run('lvs', 'ipvsadm -Lnc').stdout).not.toContain('192.168.0.10:80')
  })
})

describe('UDP services', () => {
  /** A datagram from the client's port `sport` to the VIP's port 53. */
  function datagram(lab: Lab, sport: number): void {
    const ip = lab.host('client')!.ip
    ip.output(ip.packet(parseIp('172.25.254.111')!, parseIp(VIP)!, PROTO_UDP, { kind: 'udp', sport, dport: 53, data: 'q' }))
    lab.idle(100_000)
  }

  it('every datagram of a flow goes to one server until the UDP timeout (300 s, or ipvsadm --set) expires it', () => {
    const lab = workingNat()
    lab.run('lvs', `ipvsadm -A -u ${VIP}:53 -s rr; ipvsadm -a -u ${VIP}:53 -r 192.168.0.10 -m; ipvsadm -a -u ${VIP}:53 -r 192.168.0.20 -m`)
    datagram(lab, 5000)
    datagram(lab, 5000)
    let conns = lab.run('lvs', 'ipvsadm -Lnc').stdout.split('\n').filter((l) => l.startsWith('UDP'))
    expect(conns).toHaveLength(1)
    expect(conns[0]).toMatch(/^UDP 0[45]:\d\d  UDP         172\.25\.254\.111:5000 172\.25\.254\.200:53  192\.168\.0\.20:53$/)
    datagram(lab, 5001)
    expect(lab.run('lvs', 'ipvsadm -Lnc').stdout).toMatch(/172\.25\.254\.111:5001 172\.25\.254\.200:53  192\.168\.0\.10:53/)
    lab.idle(301_000_000)
    expect(lab.run('lvs', 'ipvsadm -Lnc').stdout).not.toContain('UDP ')
    lab.run('lvs', 'ipvsadm --set 0 0 10')
    datagram(lab, 5002)
    conns = lab.run('lvs', 'ipvsadm -Lnc').stdout.split('\n').filter((l) => l.startsWith('UDP'))
    expect(conns[0]).toMatch(/^UDP 00:(09|10)  UDP /)
    lab.idle(11_000_000)
    expect(lab.run('lvs', 'ipvsadm -Lnc').stdout).not.toContain('UDP ')
  })
})

describe('UDP through nc -u', () => {
  it('each client flow is scheduled once (rr alternates) and its connection lives for the UDP timeout', () => {
    const lab = workingNat()
    lab.run('lvs', `ipvsadm -A -u ${VIP}:53 -s rr; ipvsadm -a -u ${VIP}:53 -r 192.168.0.10 -m; ipvsadm -a -u ${VIP}:53 -r 192.168.0.20 -m`)
    const heard: Record<string, string> = { rs1: '', rs2: '' }
    const listeners = ['rs1', 'rs2'].map((rs) => {
      sh(lab, rs, 'dnf install -y nmap-ncat')
      return new Task(lab.shellFor(lab.host(rs)!).runSource('nc -lu 53', { stdin: '', out: (t) => (heard[rs] += t), err: () => {}, tty: false })).start()
    })
    sh(lab, 'client', 'dnf install -y nmap-ncat')
    lab.idle(1_000_000)
    expect(lab.run('client', `echo one | nc -u -w 1 ${VIP} 53`).exitCode).toBe(0)
    expect(lab.run('client', `echo two | nc -u -w 1 ${VIP} 53`).exitCode).toBe(0)
    expect(new Set([heard.rs1, heard.rs2])).toEqual(new Set(['one\n', 'two\n']))
    const udp = lab.run('lvs', 'ipvsadm -Lnc').stdout.split('\n').filter((l) => l.startsWith('UDP'))
    expect(udp).toHaveLength(2)
    for (const l of udp) expect(l).toMatch(/^UDP 04:5\d  UDP         172\.25\.254\.111:\d+ 172\.25\.254\.200:53  192\.168\.0\.[12]0:53$/)
    lab.idle(300_000_000)
    expect(lab.run('lvs', 'ipvsadm -Lnc').stdout).not.toContain('UDP ')
    for (const l of listeners) l.interrupt()
  })
})

describe('the director as its own client', () => {
  it('curl VIP on a NAT director is scheduled by IPVS at LOCAL_OUT and answered through it', () => {
    const lab = workingNat()
    const answers = [lab.run('lvs', `curl -s ${VIP}`).stdout, lab.run('lvs', `curl -s ${VIP}`).stdout]
    expect(new Set(answers)).toEqual(new Set(['RS1 - 192.168.0.10\n', 'RS2 - 192.168.0.20\n']))
    expect(lab.run('lvs', 'ipvsadm -Lnc').stdout).toMatch(/TCP \d\d:\d\d  \w+ +172\.25\.254\.200:\d+ 172\.25\.254\.200:80  192\.168\.0\.[12]0:80/)
  })
})
