// journalctl and dmesg over the host's journal: unit filters across a reboot with the boot line,
// the kernel's IPVS registration lines as ip_vs and its schedulers load, -x's catalog text for a
// failed ipvsadm.service, -n, -k, the ring buffer's -c, and getopt's errors.

import { describe, expect, it } from 'vitest'
import { sh, workingNat } from './helpers.ts'

const lab = workingNat()
sh(lab, 'lvs', 'ipvsadm -E -t 172.25.254.200:80 -s wrr', 'systemctl start ipvsadm')

const IPVS_LINES = [
  'IPVS: Registered protocols (TCP, UDP, SCTP, AH, ESP)',
  'IPVS: Connection hash table configured (size=4096, memory=32Kbytes)',
  'IPVS: ipvs loaded.',
  'IPVS: [rr] scheduler registered.',
  'IPVS: [wrr] scheduler registered.',
]

describe('dmesg', () => {
  it('prints the kernel lines with seconds since boot, or the wall time with -T', () => {
    expect(lab.run('lvs', 'dmesg').stdout).toBe(IPVS_LINES.map((l) => `[    1.800000] ${l}\n`).join(''))
    expect(lab.run('lvs', 'dmesg -T').stdout).toBe(IPVS_LINES.map((l) => `[Tue Jun 11 10:10:15 2024] ${l}\n`).join(''))
    expect(lab.run('lvs', 'dmesg -x -t | head -1').stdout).toBe('kern  :info  : IPVS: Registered protocols (TCP, UDP, SCTP, AH, ESP)\n')
  })

  it('-c empties the ring buffer, the journal keeps the lines', () => {
    const l = workingNat()
    expect(l.run('lvs', 'dmesg -c | wc -l; dmesg | wc -l; journalctl -k | wc -l').stdout).toBe('4\n0\n4\n')
  })

  it('rejects an unknown option as getopt does', () => {
    const r = lab.run('lvs', 'dmesg -Q')
    expect([r.stderr, r.exitCode]).toEqual(["dmesg: invalid option -- 'Q'\nTry 'dmesg --help' for more information.\n", 1])
  })
})

describe('journalctl', () => {
  it('-k lists the kernel lines in the short format', () => {
    expect(lab.run('lvs', 'journalctl -k').stdout).toBe(IPVS_LINES.map((l) => `Jun 11 10:10:15 lvs kernel: ${l}\n`).join(''))
  })

  it('-xeu explains a failed ipvsadm.service with the catalog', () => {
    const SUPPORT = '░░ Defined-By: systemd\n░░ Support: https://wiki.rockylinux.org/rocky/support\n░░ \n'
    expect(lab.run('lvs', 'journalctl -xeu ipvsadm.service').stdout).toBe(
      'Jun 11 10:10:15 lvs systemd[1]: Starting Initialise the Linux Virtual Server...\n' +
        '░░ Subject: A start job for unit ipvsadm.service has begun execution\n' + SUPPORT +
        '░░ A start job for unit ipvsadm.service has begun execution.\n░░ \n░░ The job identifier is 134.\n' +
        'Jun 11 10:10:15 lvs bash[848]: /bin/bash: line 1: /etc/sysconfig/ipvsadm: No such file or directory\n' +
        'Jun 11 10:10:15 lvs systemd[1]: ipvsadm.service: Main process exited, code=exited, status=1/FAILURE\n' +
        '░░ Subject: Unit process exited\n' + SUPPORT +
        "░░ An ExecStart= process belonging to unit ipvsadm.service has exited.\n░░ \n░░ The process' exit code is 'exited' and its exit status is 1.\n" +
        "Jun 11 10:10:15 lvs systemd[1]: ipvsadm.service: Failed with result 'exit-code'.\n" +
        '░░ Subject: Unit failed\n' + SUPPORT +
        "░░ The unit ipvsadm.service has entered the 'failed' state with result 'exit-code'.\n" +
        'Jun 11 10:10:15 lvs systemd[1]: Failed to start Initialise the Linux Virtual Server.\n' +
        '░░ Subject: A start job for unit ipvsadm.service has failed\n' + SUPPORT +
        '░░ A start job for unit ipvsadm.service has finished with a failure.\n░░ \n░░ The job identifier is 134 and the job result is failed.\n',
    )
  })

  it('-n takes the number from the next word; no match prints -- No entries --', () => {
    expect(lab.run('lvs', 'journalctl -n 2 --no-pager').stdout).toBe("Jun 11 10:10:15 lvs systemd[1]: ipvsadm.service: Failed with result 'exit-code'.\nJun 11 10:10:15 lvs systemd[1]: Failed to start Initialise the Linux Virtual Server.\n")
    expect(lab.run('lvs', 'journalctl -u nosuch').stdout).toBe('-- No entries --\n')
  })

  it('-u keeps a unit across boots, a boot line between them; -b picks one boot', () => {
    const l = workingNat()
    l.run('rs1', 'reboot')
    expect(l.run('rs1', 'journalctl -u httpd').stdout).toBe(`Jun 11 10:10:14 RS1 systemd[1]: Starting The Apache HTTP Server...
Jun 11 10:10:14 RS1 httpd[848]: Server configured, listening on: port 80
Jun 11 10:10:14 RS1 systemd[1]: Started The Apache HTTP Server.
Jun 11 10:10:15 RS1 systemd[1]: Stopping The Apache HTTP Server...
Jun 11 10:10:15 RS1 systemd[1]: httpd.service: Deactivated successfully.
Jun 11 10:10:15 RS1 systemd[1]: Stopped The Apache HTTP Server.
Jun 11 10:10:15 RS1 systemd[1]: httpd.service: Consumed 1.411s CPU time.
-- Boot 014430df4ac196fe90d97cf8e0a9c749 --
Jun 11 10:10:15 RS1 systemd[1]: Starting The Apache HTTP Server...
Jun 11 10:10:15 RS1 httpd[959]: Server configured, listening on: port 80
Jun 11 10:10:15 RS1 systemd[1]: Started The Apache HTTP Server.
`)
    expect(l.run('rs1', 'journalctl -b -u httpd -o cat').stdout).toBe('Starting The Apache HTTP Server...\nServer configured, listening on: port 80\nStarted The Apache HTTP Server.\n')
    const r = l.run('rs1', 'journalctl -b -5')
    expect([r.stderr, r.exitCode]).toEqual(['Data from the specified boot (-5) is not available: No such boot ID in journal\n', 1])
  })

  it('-f shows the last lines, then each new one as it is logged, until Ctrl-C', () => {
    const l = workingNat()
    const host = l.host('rs1')!
    const httpd = host.systemd.resolve('httpd')!
    l.engine.after(5_000_000, () => {
      host.systemd.stop(httpd)
      host.systemd.start(httpd)
    })
    const r = l.run('rs1', 'journalctl -f -u httpd -o cat')
    expect(r.interrupted).toBe(true)
    expect(r.stdout).toBe(
      'Starting The Apache HTTP Server...\nServer configured, listening on: port 80\nStarted The Apache HTTP Server.\n' +
        'Stopping The Apache HTTP Server...\nhttpd.service: Deactivated successfully.\nStopped The Apache HTTP Server.\nhttpd.service: Consumed 1.411s CPU time.\n' +
        'Starting The Apache HTTP Server...\nServer configured, listening on: port 80\nStarted The Apache HTTP Server.\n',
    )
  })

  it('rejects an unknown option with getopt\'s message and status 1', () => {
    const r = lab.run('lvs', 'journalctl -z')
    expect([r.stderr, r.exitCode]).toEqual(["journalctl: invalid option -- 'z'\n", 1])
  })
})
