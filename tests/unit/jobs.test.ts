// Processes on the virtual clock: pipeline stages that run as data arrives (a reader that exits
// ends its writer with SIGPIPE), files that grow while a command writes them, background jobs
// with bash's `[1] PID` and `[1]+  Done` lines, $! and ps, kill, wait, and a terminal's Ctrl-Z,
// bg, fg and Ctrl-C; reading the terminal; history expansion at the prompt.

import { describe, expect, it } from 'vitest'
import { SECOND } from '../../src/sim/engine.ts'
import { createApi } from '../../src/worker/api.ts'
import { natLab, sh, workingNat } from './helpers.ts'

function terminal(host: string, lab = 'nat') {
  const api = createApi()
  let out = ''
  api.subscribe((events) => {
    for (const e of events) if (e.type === 'output' && e.host.toLowerCase() === host) out += e.data
  })
  api.load(lab)
  const advance = (ms: number) => {
    const l = api.current()!
    l.engine.advanceTo(l.engine.now + ms * 1000)
    api.flush()
  }
  const type = (keys: string, ms = 10) => {
    api.keys(host, keys)
    advance(ms)
  }
  return { api, advance, type, output: () => out.replace(/\r\n/g, '\n'), clear: () => (out = '') }
}

describe('streaming pipes', () => {
  it('a reader that has what it needs ends the writer with SIGPIPE at its next write', () => {
    const lab = natLab()
    const start = lab.engine.now
    const r = lab.run('lvs', 'ping -c 5 192.168.0.10 | { read a; read b; echo "$b"; }; echo "${PIPESTATUS[@]}"')
    expect(r.stdout).toBe('64 bytes from 192.168.0.10: icmp_seq=1 ttl=64 time=0.600 ms\n141 0\n')
    expect(lab.engine.now - start).toBeLessThan(2 * SECOND)
  })

  it('ping VIP | head -2 prints two lines and ends a second later, ping killed by SIGPIPE', () => {
    const lab = natLab()
    const start = lab.engine.now
    const r = lab.run('lvs', 'ping 192.168.0.10 | head -2; echo "${PIPESTATUS[@]}"')
    expect(r.stdout).toBe('PING 192.168.0.10 (192.168.0.10) 56(84) bytes of data.\n64 bytes from 192.168.0.10: icmp_seq=1 ttl=64 time=0.600 ms\n141 0\n')
    expect(lab.engine.now - start).toBeLessThan(2 * SECOND)
  })

  it('each stage reads as the previous one writes (a while-read loop sees ping live)', () => {
    const lab = natLab()
    const r = lab.run('lvs', 'ping -c 3 192.168.0.10 | while read l; do echo "[$SECONDS] ${l%% *}"; done')
    expect(r.stdout).toBe('[0] PING\n[0] 64\n[1] 64\n[2] 64\n[2] \n[2] ---\n[2] 3\n[2] rtt\n')
  })

  it('a redirected file grows while its writer runs, as cat in another shell sees it', () => {
    const lab = natLab()
    lab.run('lvs', 'ping -c 3 192.168.0.10 > /root/p &')
    lab.idle(1.5 * SECOND)
    expect(lab.run('lvs', 'wc -l < /root/p').stdout).toBe('3\n')
    lab.idle(2 * SECOND)
    expect(lab.run('lvs', 'wc -l < /root/p').stdout).toBe('8\n')
  })

  it('time reports the virtual time a pipeline took, in bash\'s two formats', () => {
    const lab = natLab()
    expect(lab.run('lvs', 'time ping -c 2 192.168.0.10 >/dev/null').stderr).toBe('\nreal\t0m1.000s\nuser\t0m0.000s\nsys\t0m0.000s\n')
    expect(lab.run('lvs', 'time -p sleep 1.5').stderr).toBe('real 1.50\nuser 0.00\nsys 0.00\n')
  })

  it('the commands that read stdin whole still get all of it', () => {
    const lab = natLab()
    expect(lab.run('lvs', 'printf "b\\na\\nb\\n" | grep b | wc -l').stdout).toBe('2\n')
    expect(lab.run('lvs', 'dnf install -y ipvsadm >/dev/null; printf -- "-A -t 10.0.0.1:80 -s rr\\n" | ipvsadm -R; ipvsadm -Sn').stdout).toBe('-A -t 10.0.0.1:80 -s rr\n')
  })
})

describe('background jobs', () => {
  it('prints [1] PID, lists the job, and reports it Done at the next prompt', () => {
    const lab = natLab()
    const bg = lab.run('lvs', 'sleep 2 &')
    const pid = /^\[1\] (\d+)\n$/.exec(bg.stderr)![1]
    expect(lab.run('lvs', 'echo $!').stdout).toBe(`${pid}\n`)
    expect(lab.run('lvs', 'jobs').stdout).toBe('[1]+  Running                 sleep 2 &\n')
    expect(lab.run('lvs', 'jobs -l').stdout).toBe(`[1]+ ${pid} Running                 sleep 2 &\n`)
    expect(lab.run('lvs', 'jobs -p').stdout).toBe(`${pid}\n`)
    expect(lab.run('lvs', 'ps -ef | grep "sleep 2$"').stdout).toMatch(new RegExp(`^root\\s+${pid}\\s+\\d+\\s+0 \\d\\d:\\d\\d pts/0    00:00:00 sleep 2\\n$`))
    lab.idle(3 * SECOND)
    expect(lab.run('lvs', 'true').stderr).toBe('[1]+  Done                    sleep 2\n')
    expect(lab.run('lvs', 'jobs').stdout).toBe('')
  })

  it('kill %1 and kill PID end jobs with bash\'s notices; wait returns their status', () => {
    const lab = natLab()
    lab.run('lvs', 'sleep 100 &')
    const second = /\[2\] (\d+)/.exec(lab.run('lvs', 'sleep 200 &').stderr)![1]
    expect(lab.run('lvs', 'kill %1').stderr).toBe('[1]-  Terminated              sleep 100\n')
    expect(lab.run('lvs', `kill -9 ${second}`).stderr).toBe('[2]+  Killed                  sleep 200\n')
    lab.run('lvs', 'sleep 1 & sleep 1 &')
    expect(lab.run('lvs', 'wait; echo $?').stdout).toBe('0\n')
    expect(lab.run('lvs', 'kill %3').stderr).toBe('-bash: kill: %3: no such job\n')
    expect(lab.run('lvs', 'kill 99999').stderr).toBe('-bash: kill: (99999) - No such process\n')
  })

  it('tcpdump in the background prints the packets of a later curl while the prompt is back', () => {
    const lab = workingNat()
    sh(lab, 'rs1', 'dnf install -y tcpdump')
    expect(lab.run('rs1', 'tcpdump -i eth0 -nn tcp port 80 &').stderr).toMatch(/^\[1\] \d+\n$/)
    lab.run('client', 'curl -s 172.25.254.200; curl -s 172.25.254.200')
    const r = lab.run('rs1', 'echo back')
    expect(r.output).toMatch(/^dropped privs to tcpdump\ntcpdump: verbose output suppressed, use -v\[v\]\.\.\. for full protocol decode\nlistening on eth0, link-type EN10MB \(Ethernet\), snapshot length 262144 bytes\n(\d\d:\d\d:\d\d\.\d{6} IP .*\n)+back\n$/)
    expect(r.output).toContain('Flags [S]')
  })

  it('pgrep finds a job and pkill ends it', () => {
    const lab = natLab()
    const pid = /\[1\] (\d+)/.exec(lab.run('lvs', 'sleep 50 &').stderr)![1]
    expect(lab.run('lvs', 'pgrep -l sleep').stdout).toBe(`${pid} sleep\n`)
    expect(lab.run('lvs', 'pkill sleep').stderr).toBe('[1]+  Terminated              sleep 50\n')
    expect(lab.run('lvs', 'pgrep sleep; echo $?').stdout).toBe('1\n')
  })
})

describe('a terminal\'s job control', () => {
  it('Ctrl-Z stops the foreground command; bg, fg and Ctrl-C as bash', () => {
    const t = terminal('lvs')
    t.type('sleep 100\r')
    t.type('\x1a')
    expect(t.output()).toMatch(/sleep 100\n\^Z\n\[1\]\+  Stopped                 sleep 100\n\[root@lvs ~\]# $/)
    t.clear()
    t.type('bg\r')
    expect(t.output()).toBe('bg\n[1]+ sleep 100 &\n[root@lvs ~]# ')
    t.clear()
    t.type('fg\r')
    expect(t.output()).toBe('fg\nsleep 100\n')
    t.type('\x03')
    expect(t.output()).toBe('fg\nsleep 100\n^C\n[root@lvs ~]# ')
    t.clear()
    t.type('jobs\r')
    expect(t.output()).toBe('jobs\n[root@lvs ~]# ')
  })

  it('the first exit with a stopped job only warns', () => {
    const t = terminal('lvs')
    t.type('sleep 100\r')
    t.type('\x1a')
    t.clear()
    t.type('exit\r')
    expect(t.output()).toBe('exit\nlogout\nThere are stopped jobs.\n[root@lvs ~]# ')
    t.clear()
    t.type('exit\r')
    expect(t.output()).toMatch(/^exit\nlogout\n/)
  })

  it('a stopped ping sends nothing until it continues', () => {
    const t = terminal('lvs')
    t.type('ping 192.168.0.10\r', 2500)
    t.type('\x1a')
    const before = (t.output().match(/icmp_seq/g) ?? []).length
    t.advance(5000)
    expect((t.output().match(/icmp_seq/g) ?? []).length).toBe(before)
    t.type('fg\r', 1000)
    expect((t.output().match(/icmp_seq/g) ?? []).length).toBeGreaterThan(before)
    t.type('\x03')
    expect(t.output()).toMatch(/packets transmitted/)
  })

  it('read takes a line typed at the terminal', () => {
    const t = terminal('lvs')
    t.type('read -p "Name: " who; echo "hi $who"\r')
    t.type('bob\r')
    expect(t.output()).toBe('[root@lvs ~]# read -p "Name: " who; echo "hi $who"\nName: bob\nhi bob\n[root@lvs ~]# ')
  })

  it('Ctrl-D at the PS2 prompt ends the unfinished command with bash 5.1\'s two lines', () => {
    const t = terminal('lvs')
    t.type('echo "abc\r')
    t.clear()
    t.type('\x04')
    expect(t.output()).toBe('-bash: unexpected EOF while looking for matching `"\'\n-bash: syntax error: unexpected end of file\n[root@lvs ~]# ')
    t.clear()
    t.type('echo $?\r')
    expect(t.output()).toBe('echo $?\n2\n[root@lvs ~]# ')
  })

  it('the prompt follows PS1 and PS2', () => {
    const t = terminal('lvs')
    t.type("PS1='\\u@\\h:\\w\\$ '; PS2='... '; cd /etc\r")
    t.clear()
    t.type('echo "a\r')
    expect(t.output()).toBe('echo "a\n... ')
    t.type('b"\r')
    expect(t.output()).toBe('echo "a\n... b"\na\nb\nroot@lvs:/etc# ')
  })

  it('history expansion: !! and !$ are echoed, then run', () => {
    const t = terminal('lvs')
    t.type('echo one two\r')
    t.clear()
    t.type('echo !$ again\r')
    expect(t.output()).toBe('echo !$ again\necho two again\ntwo again\n[root@lvs ~]# ')
    t.clear()
    t.type('!!\r')
    expect(t.output()).toBe('!!\necho two again\ntwo again\n[root@lvs ~]# ')
    t.clear()
    t.type('!nosuch\r')
    expect(t.output()).toBe('!nosuch\n-bash: !nosuch: event not found\n[root@lvs ~]# ')
  })
})
