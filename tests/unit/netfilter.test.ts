// The kernel's network path: conntrack decides NAT once per connection and reverses it on replies,
// and the hooks run in the kernel's priority order (firewalld filter, iptables mangle, IPVS, NAT).

import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { runTranscript } from '../../src/cli/transcript.ts'
import { Lab } from '../../src/lab/lab.ts'

const lessons = new URL('../../lessons/', import.meta.url).pathname

function solved(id: string): Lab {
  const lab = Lab.create(id)
  runTranscript(lab, readFileSync(`${lessons}/${id}/solution.script`, 'utf8'))
  return lab
}

function bodies(lab: Lab, url: string, n: number): string[] {
  const out: string[] = []
  for (let i = 0; i < n; i++) out.push(lab.run('client', `curl -s -m 3 ${url}`).stdout.trim())
  return out
}

/** The client address each real server's httpd logged, last request first. */
function clientsSeen(lab: Lab, rs: string): string[] {
  const log = lab.run(rs, 'cat /var/log/httpd/access_log').stdout
  return log.split('\n').filter(Boolean).map((l) => l.split(' ')[0])
}

describe('DR lab with the router masquerading (conntrack)', () => {
  it('after firewall-cmd --reload every request is served through the director and the real servers see 192.168.0.100', () => {
    const lab = solved('dr')
    expect(lab.run('luyou', 'firewall-cmd --reload').stdout).toBe('success\n')
    expect(lab.run('luyou', 'firewall-cmd --query-masquerade').stdout).toBe('yes\n')
    const answers = bodies(lab, '192.168.0.220', 6)
    expect(answers.every((b) => /^RS[12] - 192\.168\.0\.[12]0$/.test(b))).toBe(true)
    const seen = [...clientsSeen(lab, 'rs1'), ...clientsSeen(lab, 'rs2')]
    expect(seen).toContain('192.168.0.100')
    const rewrites = lab.engine.trace.since(0).flatMap((r) => (r.type === 'rewrite' && r.host === 'luyou' ? [r.reason.code] : []))
    expect(rewrites).toContain('nat.masq')
    expect(rewrites).toContain('nat.unmasq')
    // One source NAT per connection: a reply is de-NATed, never masqueraded again.
    const masq = lab.engine.trace.since(0).filter((r) => r.type === 'rewrite' && r.host === 'luyou' && r.reason.code === 'nat.masq')
    for (const r of masq) expect(r.type === 'rewrite' && r.after.src).toBe(0xc0a80064)
  })

  it('survives a reboot of every machine', () => {
    const lab = solved('dr')
    for (const h of ['luyou', 'dr-lvs', 'rs1', 'rs2', 'client']) lab.host(h)!.reboot()
    // The IPVS table is runtime state, and iptables rules too: put the firewall-mark service back.
    lab.run('dr-lvs', 'iptables -t mangle -A PREROUTING -d 192.168.0.220 -p tcp -m multiport --dports 80,443 -j MARK --set-mark 666')
    lab.run('dr-lvs', 'ipvsadm -A -f 666 -s rr -p; ipvsadm -a -f 666 -r 192.168.0.10 -g; ipvsadm -a -f 666 -r 192.168.0.20 -g')
    expect(lab.run('luyou', 'firewall-cmd --query-masquerade').stdout).toBe('yes\n')
    const answers = bodies(lab, '192.168.0.220', 4)
    expect(answers.every((b) => /^RS[12] - 192\.168\.0\.[12]0$/.test(b))).toBe(true)
    expect(new Set(answers).size).toBe(1)
  })
})
