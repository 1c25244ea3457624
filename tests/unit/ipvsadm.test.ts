// ipvsadm 1.31: the worked examples of ipvsadm.md §2.8 reproduced character for character
// (trailing spaces included), the save format of §3.1, and the error messages and exit codes of
// §1 and §4, each as the reference states them.

import { beforeEach, describe, expect, it } from 'vitest'
import { directorOf } from '../../src/ipvs/index.ts'
import type { Lab } from '../../src/lab/lab.ts'
import { natLab, sh } from './helpers.ts'

let lab: Lab
const run = (line: string) => lab.run('lvs', line)

/** The setup used by the reference's examples (ipvsadm.md §2.8). */
const SETUP = [
  'ipvsadm -A -t 10.0.0.100:80 -s rr',
  'ipvsadm -a -t 10.0.0.100:80 -r 192.168.10.1:80 -m',
  'ipvsadm -a -t 10.0.0.100:80 -r 192.168.10.2:80 -m',
  'ipvsadm -A -t 10.0.0.100:443 -s wrr -p 600 -M 255.255.255.0',
  'ipvsadm -a -t 10.0.0.100:443 -r 192.168.10.11 -g -w 3',
  'ipvsadm -a -t 10.0.0.100:443 -r 192.168.10.12 -g -w 1',
  'ipvsadm -A -f 1 -s rr',
  'ipvsadm -a -f 1 -r 192.168.10.1 -m',
  'ipvsadm -a -f 1 -r 192.168.10.2 -m',
  'ipvsadm -A -u 10.0.0.100:53',
  'ipvsadm -a -u 10.0.0.100:53 -r 192.168.10.1 -m',
]

/** Puts the reference's connection counts and counters on the destinations. */
function loadCounts(): void {
  const d = directorOf(lab.host('lvs')!)!
  const dest = (svcPort: number, ip: string, fwmark = 0) => {
    const svc = d.services.find((s) => (fwmark ? s.fwmark === fwmark : !s.fwmark && s.port === svcPort))!
    return svc.dests.find((x) => x.addr === ip.split('.').reduce((a, b) => a * 256 + Number(b), 0))!
  }
  const counts: [number, string, number, number][] = [
    [80, '192.168.10.1', 2, 15],
    [80, '192.168.10.2', 3, 12],
    [443, '192.168.10.11', 7, 1],
    [443, '192.168.10.12', 2, 0],
    [53, '192.168.10.1', 0, 4],
  ]
  for (const [port, ip, a, i] of counts) Object.assign(dest(port, ip), { activeConns: a, inactConns: i })
  const svc80 = d.services.find((s) => s.port === 80)!
  Object.assign(svc80.stats.raw, { conns: 3065, inPkts: 196201, outPkts: 173335, inBytes: 19588544, outBytes: 243333332 })
  Object.assign(dest(80, '192.168.10.1').stats.raw, { conns: 1533, inPkts: 97990, outPkts: 86025, inBytes: 9712001, outBytes: 119876543 })
  Object.assign(dest(80, '192.168.10.2').stats.raw, { conns: 1532, inPkts: 98211, outPkts: 87310, inBytes: 9876543, outBytes: 123456789 })
}

beforeEach(() => {
  lab = natLab()
  sh(lab, 'lvs', 'dnf install -y ipvsadm')
})

describe('listing formats (ipvsadm.md §2.8)', () => {
  beforeEach(() => {
    for (const l of SETUP) expect(run(l).exitCode).toBe(0)
    loadCounts()
  })

  it('(d) everything together, TCP before UDP before FWM', () => {
    expect(run('ipvsadm -Ln').stdout).toBe(
      [
        'IP Virtual Server version 1.2.1 (size=4096)',
        'Prot LocalAddress:Port Scheduler Flags',
        '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
        'TCP  10.0.0.100:80 rr',
        '  -> 192.168.10.1:80              Masq    1      2          15        ',
        '  -> 192.168.10.2:80              Masq    1      3          12        ',
        'TCP  10.0.0.100:443 wrr persistent 600 mask 255.255.255.0',
        '  -> 192.168.10.11:443            Route   3      7          1         ',
        '  -> 192.168.10.12:443            Route   1      2          0         ',
        'UDP  10.0.0.100:53 wlc',
        '  -> 192.168.10.1:53              Masq    1      0          4         ',
        'FWM  1 rr',
        '  -> 192.168.10.1:0               Masq    1      0          0         ',
        '  -> 192.168.10.2:0               Masq    1      0          0         ',
        '',
      ].join('\n'),
    )
  })

  it('(b) one service, no version line', () => {
    expect(run('ipvsadm -Ln -t 10.0.0.100:443').stdout).toBe(
      [
        'Prot LocalAddress:Port Scheduler Flags',
        '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
        'TCP  10.0.0.100:443 wrr persistent 600 mask 255.255.255.0',
        '  -> 192.168.10.11:443            Route   3      7          1         ',
        '  -> 192.168.10.12:443            Route   1      2          0         ',
        '',
      ].join('\n'),
    )
  })

  it('(e) --stats abbreviates with K, (f) --exact does not', () => {
    const head = ['IP Virtual Server version 1.2.1 (size=4096)', 'Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes', '  -> RemoteAddress:Port']
    expect(run('ipvsadm -Ln --stats').stdout.split('\n').slice(0, 6)).toEqual([
      ...head,
      'TCP  10.0.0.100:80                    3065   196201   173335 19588544  243333K',
      '  -> 192.168.10.1:80                  1533    97990    86025  9712001  119876K',
      '  -> 192.168.10.2:80                  1532    98211    87310  9876543  123456K',
    ])
    expect(run('ipvsadm -Ln --stats --exact').stdout.split('\n').slice(3, 6)).toEqual([
      'TCP  10.0.0.100:80                    3065   196201   173335 19588544 243333332',
      '  -> 192.168.10.1:80                  1533    97990    86025  9712001 119876543',
      '  -> 192.168.10.2:80                  1532    98211    87310  9876543 123456789',
    ])
    expect(run('ipvsadm -Ln --stats').stdout.split('\n')[6]).toBe('TCP  10.0.0.100:443                      0        0        0        0        0')
  })

  it('(g) --rate header', () => {
    expect(run('ipvsadm -Ln --rate').stdout.split('\n').slice(1, 3)).toEqual(['Prot LocalAddress:Port                 CPS    InPPS   OutPPS    InBPS   OutBPS', '  -> RemoteAddress:Port'])
  })

  it('(h) --thresholds and (i) --persistent-conn', () => {
    run('ipvsadm -e -t 10.0.0.100:80 -r 192.168.10.2:80 -m -x 1000')
    expect(run('ipvsadm -Ln --thresholds -t 10.0.0.100:80').stdout).toBe(
      [
        'Prot LocalAddress:Port            Uthreshold Lthreshold ActiveConn InActConn ',
        '  -> RemoteAddress:Port',
        'TCP  10.0.0.100:80 rr',
        '  -> 192.168.10.1:80              0          0          2          15        ',
        '  -> 192.168.10.2:80              1000       0          3          12        ',
        '',
      ].join('\n'),
    )
    expect(run('ipvsadm -Ln --persistent-conn -t 10.0.0.100:443').stdout.split('\n').slice(0, 3)).toEqual(['Prot LocalAddress:Port            Weight    PersistConn ActiveConn InActConn ', '  -> RemoteAddress:Port', 'TCP  10.0.0.100:443 wrr persistent 600 mask 255.255.255.0'])
  })

  it('(k) names from /etc/services without -n', () => {
    expect(run('ipvsadm -L').stdout.split('\n').slice(3, 10)).toEqual([
      'TCP  10.0.0.100:http rr',
      '  -> 192.168.10.1:http            Masq    1      2          15        ',
      '  -> 192.168.10.2:http            Masq    1      3          12        ',
      'TCP  10.0.0.100:https wrr persistent 600 mask 255.255.255.0',
      '  -> 192.168.10.11:https          Route   3      7          1         ',
      '  -> 192.168.10.12:https          Route   1      2          0         ',
      'UDP  10.0.0.100:domain wlc',
    ])
  })

  it('ipvsadm -Sn and ipvsadm-save -n (§3.1) round-trip through ipvsadm-restore', () => {
    const saved = [
      '-A -t 10.0.0.100:80 -s rr',
      '-a -t 10.0.0.100:80 -r 192.168.10.1:80 -m -w 1',
      '-a -t 10.0.0.100:80 -r 192.168.10.2:80 -m -w 1',
      '-A -t 10.0.0.100:443 -s wrr -p 600 -M 255.255.255.0',
      '-a -t 10.0.0.100:443 -r 192.168.10.11:443 -g -w 3',
      '-a -t 10.0.0.100:443 -r 192.168.10.12:443 -g -w 1',
      '-A -u 10.0.0.100:53 -s wlc',
      '-a -u 10.0.0.100:53 -r 192.168.10.1:53 -m -w 1',
      '-A -f 1 -s rr',
      '-a -f 1 -r 192.168.10.1:0 -m -w 1',
      '-a -f 1 -r 192.168.10.2:0 -m -w 1',
      '',
    ].join('\n')
    expect(run('ipvsadm -Sn').stdout).toBe(saved)
    expect(run('ipvsadm-save -n > /mnt/ipvsadm.rule').exitCode).toBe(0)
    run('ipvsadm -C')
    expect(run('ipvsadm -Ln').stdout.split('\n').length).toBe(4)
    expect(run('ipvsadm-restore < /mnt/ipvsadm.rule').exitCode).toBe(0)
    expect(run('ipvsadm-save -n').stdout).toBe(saved)
  })
})

describe('semantics', () => {
  it('-E replaces every attribute: -p alone turns rr into wlc (§7.3)', () => {
    run('ipvsadm -A -t 172.25.254.200:80 -s rr')
    run('ipvsadm -E -t 172.25.254.200:80 -p 600')
    expect(run('ipvsadm -Ln').stdout).toContain('TCP  172.25.254.200:80 wlc persistent 600\n')
  })

  it('the tutorial edits: wrr, then wrr persistent 360, then an FWM service', () => {
    run('ipvsadm -A -t 172.25.254.200:80 -s rr')
    run('ipvsadm -E -t 172.25.254.200:80 -s wrr')
    expect(run('ipvsadm -Ln').stdout).toContain('TCP  172.25.254.200:80 wrr\n')
    run('ipvsadm -E -t 172.25.254.200:80 -s wrr -p 360')
    expect(run('ipvsadm -Ln').stdout).toContain('TCP  172.25.254.200:80 wrr persistent 360\n')
    run('ipvsadm -A -f 66 -s rr')
    expect(run('ipvsadm -Ln').stdout).toContain('FWM  66 rr\n')
    run('ipvsadm -D -f 66')
    expect(run('ipvsadm -Ln').stdout).not.toContain('FWM')
  })

  it('-g and -i take the service port; -e switches the method', () => {
    run('ipvsadm -A -t 172.25.254.200:80 -s rr')
    run('ipvsadm -a -t 172.25.254.200:80 -r 192.168.0.10:8080 -g')
    expect(run('ipvsadm -Ln').stdout).toContain('  -> 192.168.0.10:80              Route   1      0          0         \n')
    run('ipvsadm -e -t 172.25.254.200:80 -r 192.168.0.10:80 -i -w 2')
    expect(run('ipvsadm -Ln').stdout).toContain('  -> 192.168.0.10:80              Tunnel  2      0          0         \n')
  })

  it('--set and --timeout', () => {
    expect(run('ipvsadm -L --timeout').stdout).toBe('Timeout (tcp tcpfin udp): 900 120 300\n')
    run('ipvsadm --set 600 0 60')
    expect(run('ipvsadm -L --timeout').stdout).toBe('Timeout (tcp tcpfin udp): 600 120 60\n')
  })

  it('-v and -h', () => {
    expect(run('ipvsadm -v').stdout).toBe('ipvsadm v1.31 2019/12/24 (compiled with popt and IPVS v1.2.1)\n')
    expect(run('ipvsadm -h').stdout.split('\n').slice(0, 3)).toEqual(['ipvsadm v1.31 2019/12/24 (compiled with popt and IPVS v1.2.1)', 'Usage:', '  ipvsadm -A|E virtual-service [-s scheduler] [-p [timeout]] [-M netmask] [--pe persistence_engine] [-b sched-flags]'])
  })
})

describe('errors and exit codes (ipvsadm.md §1 and §4)', () => {
  const TRY = "Try `ipvsadm -h' or 'ipvsadm --help' for more information.\n"
  it.each([
    ['ipvsadm -nL', TRY, 255],
    ['ipvsadm foo', TRY, 255],
    ['ipvsadm --bogus', TRY, 255],
    ['ipvsadm -t 1.2.3.4:80 -A', TRY, 255],
    ['ipvsadm -A -a', "invalid option `-a'\n", 2],
    ['ipvsadm -L -h', "invalid option `-h'\n", 2],
    ['ipvsadm -A -t', '-t: missing argument\n', 255],
    ['ipvsadm -L --bogus', '--bogus: unknown option\n', 255],
    ['ipvsadm -LK', '-LK: unknown option\n', 255],
    ['ipvsadm -L -n=3', '-n=3: unknown option\n', 255],
    ['ipvsadm -A -t 1.2.3.4:80 -s rr -s wrr', "multiple 'scheduler' options specified\n", 2],
    ['ipvsadm -A -t 80', 'illegal virtual server address[:port] specified\n', 2],
    ['ipvsadm -A -f 0', "invalid fwmark value `0' specified\n", 2],
    ['ipvsadm -A -t 1.2.3.4:80 -p rr', "invalid timeout value `rr' specified\n", 2],
    ['ipvsadm -a -t 1.2.3.4:80 -r 1.2.3.5 -w 2147483648', 'illegal weight specified\n', 2],
    ['ipvsadm -a -t 1.2.3.4:80 -s rr', "Illegal 'scheduler' option with the 'add-server' command\n", 2],
    ['ipvsadm -a -t 1.2.3.4:80', "You need to supply the 'real-server' option for the 'add-server' command\n", 2],
    ['ipvsadm -C -n', "Illegal 'numeric' option with the 'flush' command\n", 2],
    ['ipvsadm -S --exact', "Illegal 'exact' option with the 'save' command\n", 2],
    ['ipvsadm -L -c -t 1.2.3.4:80', "The option 'service-address' conflicts with the 'connection' option in the 'list' command\n", 2],
    ['ipvsadm -L -c --stats', 'options conflicts in the list command\n', 2],
    ['ipvsadm -A -t 1.2.3.4:0', 'Zero port specified for non-persistent service\n', 2],
    ['ipvsadm -A -t 1.2.3.4:80 -o', 'One-Packet Scheduling is only for UDP virtual services\n', 2],
    ['ipvsadm -A -t 1.2.3.4:80 -s rr -b sh-port', "incompatible scheduler flag `sh-port'\n", 2],
    ['ipvsadm -a -t 1.2.3.4:80 -r 1.2.3.5 -m --tun-type gue', 'Tunnel options conflict with forward method\n', 2],
    ['ipvsadm -a -t 1.2.3.4:80 -r 1.2.3.5 -i --tun-type gue', "You need to supply the 'tun-port' option for the 'gue' tunnel type\n", 2],
    ['ipvsadm --set 1 2', '--set option requires 3 timeout values\n', 2],
    ['ipvsadm -L foo', 'unexpected argument foo\n', 2],
    ['ipvsadm -A -t 1.2.3.4:80 -s wlt', 'Scheduler or persistence engine not found\n', 255],
    ['ipvsadm -E -t 1.2.3.4:80 -s rr', 'No such service\n', 255],
    ['ipvsadm -D -t 1.2.3.4:80', 'No such service\n', 255],
    ['ipvsadm -a -t 1.2.3.4:80 -r 1.2.3.5', 'Service not defined\n', 255],
    ['ipvsadm -L -t 1.2.3.4:80', 'No such service\n', 1],
    ['ipvsadm --stop-daemon master', 'No daemon is running\n', 255],
    ['ipvsadm --start-daemon primary', 'illegal start-daemon parameter specified\n', 2],
  ])('%s', (line, message, code) => {
    const r = run(line)
    expect(r.stderr).toBe(message)
    expect(r.stdout).toBe('')
    expect(r.exitCode).toBe(code)
  })

  it('kernel errors on an existing service', () => {
    run('ipvsadm -A -t 1.2.3.4:80 -s rr')
    run('ipvsadm -a -t 1.2.3.4:80 -r 1.2.3.5')
    expect(run('ipvsadm -A -t 1.2.3.4:80 -s rr')).toMatchObject({ stderr: 'Service already exists\n', exitCode: 255 })
    expect(run('ipvsadm -a -t 1.2.3.4:80 -r 1.2.3.5')).toMatchObject({ stderr: 'Destination already exists\n', exitCode: 255 })
    expect(run('ipvsadm -e -t 1.2.3.4:80 -r 1.2.3.6')).toMatchObject({ stderr: 'No such destination\n', exitCode: 255 })
    expect(run('ipvsadm -a -t 1.2.3.4:80 -r 1.2.3.7 -y 5')).toMatchObject({ stderr: 'Numerical result out of range\n', exitCode: 255 })
    expect(run('ipvsadm -a -t 1.2.3.4:80 -r 224.0.0.1')).toMatchObject({ stderr: 'Invalid operation.  Possibly wrong module version, address not unicast, ...\n', exitCode: 255 })
  })

  it('ipvsadm-save accepts only -n', () => {
    expect(run('ipvsadm-save -x')).toMatchObject({ stderr: 'ipvsadm-save: Script to save the IPVS table to stdout.\n   With the -n option, prints out the table in numeric format.\n', exitCode: 1 })
  })

  it('a restore line that fails validation aborts the rest; kernel errors do not', () => {
    lab.run('lvs', "printf '%s\\n' '-A -t 1.2.3.4:80 -s rr' '-A -t 1.2.3.4:80 -s rr' '-A -t 1.2.3.4:81 -s rr' > /tmp/rules")
    const r = run('ipvsadm -R < /tmp/rules')
    expect(r.stderr).toBe('Service already exists\n')
    expect(r.exitCode).toBe(0)
    expect(run('ipvsadm -Sn').stdout).toBe('-A -t 1.2.3.4:80 -s rr\n-A -t 1.2.3.4:81 -s rr\n')
  })

  it('without the package the command does not exist', () => {
    const fresh = natLab()
    expect(fresh.run('lvs', 'ipvsadm -Ln')).toMatchObject({ stderr: '-bash: ipvsadm: command not found\n', exitCode: 127 })
  })
})
