// Hostile and random input through the terminal: the worker never throws, every line ends at a
// prompt (or bash's PS2 for unfinished input), endless loops yield to Ctrl-C, nothing typed is
// lost. Plus live tools that need two terminals (tcpdump while curl runs).

import { describe, expect, it } from 'vitest'
import { Lab } from '../../src/lab/lab.ts'
import { Rng } from '../../src/sim/rng.ts'
import { createApi } from '../../src/worker/api.ts'

function terminal(host = 'lvs') {
  const api = createApi()
  let out = ''
  api.subscribe((events) => {
    for (const e of events) if (e.type === 'output' && e.host.toLowerCase() === host.toLowerCase()) out += e.data
  })
  api.load('nat')
  const advance = (ms: number) => {
    const lab = api.current()!
    lab.engine.advanceTo(lab.engine.now + ms * 1000)
    api.flush()
  }
  return { api, advance, output: () => out, clear: () => (out = '') }
}

const PROMPT = /\[root@lvs [^\]]+\]# $/

describe('hostile input', () => {
  it('random byte soup never breaks the shell', () => {
    const rng = new Rng(42)
    const alphabet = ' abc|&;<>(){}$`"\'\\*?[]!#=~\t\n-0123456789/.%^\u0000\u00ff\u4e2d\ud83d\ude00'
    const t = terminal()
    for (let n = 0; n < 300; n++) {
      const len = rng.int(1, 60)
      let line = ''
      for (let i = 0; i < len; i++) line += alphabet[rng.int(0, alphabet.length - 1)]
      t.clear()
      expect(() => {
        t.api.keys('lvs', line.replace(/\n/g, ' ') + '\r')
        t.advance(1000)
        t.api.keys('lvs', '\x03')
        t.advance(10)
      }).not.toThrow()
      expect(t.output()).toMatch(PROMPT)
    }
  })

  it('deep nesting, huge lines and unbalanced quotes get bash errors, not crashes', () => {
    const t = terminal()
    for (const line of ['('.repeat(400), '$('.repeat(400), 'echo ' + 'x'.repeat(100_000), 'echo "abc', "echo 'abc", 'for i in 1 2; do', 'cat <<EOF', '}'.repeat(50), '`'.repeat(31)]) {
      t.clear()
      t.api.keys('lvs', line + '\r')
      t.advance(100)
      t.api.keys('lvs', '\x03')
      t.advance(10)
      expect(t.output()).toMatch(PROMPT)
    }
  })

  it('an unclosed parenthesis in a [[ =~ ]] pattern is a syntax error, not a parser that never returns', () => {
    const lab = Lab.create('dr')
    expect(lab.run('rs1', '[[ x =~ ( ]]; echo $?').stderr).toBe("-bash: unexpected EOF while looking for matching `)'\n")
    expect(lab.run('rs1', '[[ "a b" =~ (a b) ]]; echo $?').stdout).toBe('0\n')
  })

  // Ctrl-C arrives 20 µs into the loop, long before the step limit would stop it, so the ^C is
  // what ends it: the loop never reaches its safety message, and the keys typed ahead are dropped.
  it('an endless loop is interrupted by Ctrl-C, which also discards what was typed ahead (as a tty does)', () => {
    const t = terminal()
    t.clear()
    t.api.keys('lvs', 'while true; do :; done\r')
    t.advance(0.02)
    t.api.keys('lvs', 'echo typed-ahead')
    t.api.keys('lvs', '\x03')
    t.advance(50)
    expect(t.output()).toBe('while true; do :; done\r\n^C\r\n[root@lvs ~]# ')
    t.api.keys('lvs', 'echo after\r')
    t.advance(50)
    expect(t.output()).toBe('while true; do :; done\r\n^C\r\n[root@lvs ~]# echo after\r\nafter\r\n[root@lvs ~]# ')
  })
})

describe('the step limit', () => {
  // A million interpreter steps take a second or more of real time: the test has room for a busy machine.
  it('stops a loop that never waits for anything, with the lab\'s message, and abandons the rest of the line', () => {
    const lab = Lab.create('nat')
    const r = lab.run('lvs', 'while true; do :; done; echo never')
    expect(r).toMatchObject({ exitCode: 1, stdout: '', stderr: '-bash: loop stopped after 1000000 steps without waiting for anything (LVS Lab safety limit)\n' })
    expect(lab.run('lvs', 'echo after').stdout).toBe('after\n')
  }, 30_000)
})

describe('tcpdump in one terminal while the client curls', () => {
  it('prints the flow in tcpdump format and the counters on Ctrl-C', () => {
    const t = terminal('RS1')
    const { api, advance } = t
    for (const line of ['systemctl disable --now firewalld', 'dnf install -y httpd tcpdump > /dev/null', 'echo hi > /var/www/html/index.html', 'systemctl start httpd']) api.run('rs1', line)
    api.keys('RS1', 'tcpdump -nn -i eth0 tcp port 80\r')
    advance(100)
    expect(api.run('lvs', 'curl -s 192.168.0.10').stdout).toBe('hi\n')
    advance(100)
    api.keys('RS1', '\x03')
    advance(10)
    const out = t.output()
    expect(out).toContain('listening on eth0, link-type EN10MB (Ethernet), snapshot length 262144 bytes')
    expect(out).toMatch(/\d\d:\d\d:\d\d\.\d{6} IP 192\.168\.0\.100\.\d+ > 192\.168\.0\.10\.80: Flags \[S\], seq \d+, win 64240, options \[mss 1460,sackOK,TS val \d+ ecr 0,nop,wscale 7\], length 0/)
    expect(out).toMatch(/Flags \[P\.\], seq 1:\d+, ack 1, win 502, options \[nop,nop,TS val \d+ ecr \d+\], length \d+: HTTP: GET \/ HTTP\/1\.1/)
    expect(out).toMatch(/\^C\d+ packets captured\r\n\d+ packets received by filter\r\n0 packets dropped by kernel\r\n\[root@RS1 ~\]# $/)
  })
})
