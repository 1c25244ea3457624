// The kernel's network path: conntrack decides NAT once per connection and reverses it on replies,
// and the hooks run in the kernel's priority order (firewalld filter, iptables mangle, IPVS, NAT).

import { describe, expect, it } from 'vitest'
import { Lab } from '../../src/lab/lab.ts'
import { PROTO_UDP } from '../../src/net/packet.ts'
import { tutorialLab } from './helpers.ts'



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
    const lab = tutorialLab('dr')
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
    const lab = tutorialLab('dr')
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

describe('conntrack -L', () => {
  it('the router lists each connection once, with the masquerade in its reply tuple', () => {
    const lab = tutorialLab('dr')
    lab.run('luyou', 'firewall-cmd --reload')
    lab.run('luyou', 'dnf install -y conntrack-tools > /dev/null')
    // The solution's requests, made before the reload, are tracked without NAT; let them expire.
    lab.idle(121_000_000)
    expect(lab.run('luyou', 'conntrack -L').stderr).toBe('conntrack v1.4.7 (conntrack-tools): 0 flow entries have been shown.\n')
    lab.run('client', 'curl -s 192.168.0.220')
    expect(lab.run('luyou', 'conntrack -L').stdout).toMatch(/^tcp      6 431999 ESTABLISHED src=172\.25\.254\.111 dst=192\.168\.0\.220 sport=(\d+) dport=80 src=192\.168\.0\.220 dst=192\.168\.0\.100 sport=80 dport=\1 \[ASSURED\] mark=0 use=1\n$/)
    lab.idle(1_000_000)
    const r = lab.run('luyou', 'conntrack -L -p tcp')
    expect(r.stdout).toMatch(/^tcp      6 11[89] TIME_WAIT src=172\.25\.254\.111 dst=192\.168\.0\.220 sport=(\d+) dport=80 src=192\.168\.0\.220 dst=192\.168\.0\.100 sport=80 dport=\1 \[ASSURED\] mark=0 use=1\n$/)
    expect(r.stderr).toBe('conntrack v1.4.7 (conntrack-tools): 1 flow entries have been shown.\n')
    // The kernel's timeouts: TIME_WAIT lasts 120 s, then the entry is gone.
    lab.idle(120_000_000)
    expect(lab.run('luyou', 'conntrack -C').stdout).toBe('0\n')
  })

  it('a ping is an icmp entry, unreplied until the echo reply passes', () => {
    const lab = Lab.create('nat')
    lab.run('lvs', 'dnf install -y conntrack-tools > /dev/null')
    lab.run('client', 'ping -c 1 172.25.254.200')
    expect(lab.run('lvs', 'conntrack -L -p icmp').stdout).toMatch(/^icmp     1 (29|30) src=172\.25\.254\.111 dst=172\.25\.254\.200 type=8 code=0 id=(\d+) src=172\.25\.254\.200 dst=172\.25\.254\.111 type=0 code=0 id=\2 mark=0 use=1\n$/)
    expect(lab.run('lvs', 'conntrack -F').stderr).toBe('conntrack v1.4.7 (conntrack-tools): connection tracking table has been emptied.\n')
    expect(lab.run('lvs', 'conntrack -C').stdout).toBe('0\n')
  })

  it('is not there until conntrack-tools is installed', () => {
    const lab = Lab.create('nat')
    expect(lab.run('lvs', 'conntrack -L').exitCode).toBe(127)
  })
})

/** The NAT lab working, with firewalld running on the director. */
function natWithFirewall(): Lab {
  const lab = tutorialLab('nat')
  for (const rs of ['rs1', 'rs2']) lab.run(rs, 'systemctl start httpd')
  lab.run('lvs', 'systemctl start firewalld')
  return lab
}

describe('hook order', () => {
  it('firewalld filter_INPUT (priority 10) rejects a request before IPVS (99) can schedule it', () => {
    const lab = natWithFirewall()
    const names = lab.host('lvs')!.netfilter.hooks.list('LOCAL_IN').map((h) => `${h.priority} ${h.name}`)
    expect(names).toEqual(['10 firewalld filter_INPUT', '98 ipvs reply (ip_vs_out_hook)', '99 ipvs request (ip_vs_in_hook)', '100 nat (source): iptables nat INPUT', '2147483647 conntrack confirm'])
    const before = lastId(lab)
    expect(lab.run('client', 'curl -s -m 3 172.25.254.200').exitCode).toBe(7)
    const after = lab.engine.trace.since(before)
    expect(after.some((r) => r.type === 'drop' && r.host === 'lvs' && r.reason.code === 'drop.firewalld')).toBe(true)
    expect(after.some((r) => r.type === 'sched')).toBe(false)
    // With the port open IPVS gets the request (its reply is the next test's story).
    lab.run('lvs', 'firewall-cmd --add-service=http; sysctl -w net.ipv4.vs.conntrack=1')
    expect(bodies(lab, '172.25.254.200', 2).every((b) => b.startsWith('RS'))).toBe(true)
  })

  it('an iptables mangle MARK (-150) is set before IPVS looks up its firewall-mark service', () => {
    const lab = tutorialLab('dr')
    const pre = lab.host('dr-lvs')!.netfilter.hooks.list('PRE_ROUTING').map((h) => `${h.priority} ${h.name}`)
    expect(pre).toEqual(['-150 iptables mangle PREROUTING'])
    expect(bodies(lab, '192.168.0.220', 1)[0]).toMatch(/^RS[12]/)
    // Without the mark the packet matches no service and reaches the director's own stack: RST.
    lab.run('dr-lvs', 'iptables -t mangle -F PREROUTING')
    expect(lab.host('dr-lvs')!.netfilter.hooks.list('PRE_ROUTING')).toEqual([])
    expect(lab.run('client', 'curl -s -m 3 192.168.0.220').exitCode).toBe(7)
    // mangle INPUT also runs before IPVS's LOCAL_IN hooks.
    lab.run('dr-lvs', 'iptables -t mangle -A INPUT -d 192.168.0.220 -p tcp -m multiport --dports 80,443 -j MARK --set-mark 666')
    expect(bodies(lab, '192.168.0.220', 1)[0]).toMatch(/^RS[12]/)
  })

  it('masquerade (source NAT, 100+) runs after IPVS: it cannot see IPVS\'s untracked packets, and with vs.conntrack = 1 it masquerades them', () => {
    const lab = natWithFirewall()
    lab.run('lvs', 'firewall-cmd --add-service=http; firewall-cmd --add-masquerade')
    // Untracked (vs.conntrack = 0): the request reaches the real server with the client's address,
    // and its SYN/ACK, which conntrack never saw start, is invalid to filter_FORWARD (10), which
    // drops it before IPVS's reply hook (100) could give it the VIP back.
    let mark = lastId(lab)
    expect(lab.run('client', 'curl -s -m 3 172.25.254.200').exitCode).toBe(28)
    expect([...clientsSeen(lab, 'rs1'), ...clientsSeen(lab, 'rs2')].filter((c) => c !== '172.25.254.111')).toEqual([])
    const drops = lab.engine.trace.since(mark).flatMap((r) => (r.type === 'drop' ? [r.reason.code] : []))
    expect(new Set(drops)).toEqual(new Set(['drop.ct_invalid']))
    // Tracked: the entry IPVS keeps expects the reply from the real server, and the masquerade
    // that runs after IPVS gives the request the director's address.
    lab.run('lvs', 'sysctl -w net.ipv4.vs.conntrack=1')
    mark = lastId(lab)
    expect(bodies(lab, '172.25.254.200', 2).every((b) => b.startsWith('RS'))).toBe(true)
    expect([...clientsSeen(lab, 'rs1'), ...clientsSeen(lab, 'rs2')]).toContain('192.168.0.100')
    const order = lab.engine.trace.since(mark).flatMap((r) => (r.type === 'rewrite' && r.host === 'lvs' ? [r.reason.code] : []))
    expect(order.slice(0, 2)).toEqual(['ipvs.masq', 'nat.masq'])
    expect(order).toContain('nat.unmasq')
    expect(order).not.toContain('nat.dnat')
  })
})

function lastId(lab: Lab): number {
  return lab.engine.trace.since(0).at(-1)?.id ?? 0
}

describe('iptables nat and state rules', () => {
  it('SNAT in nat POSTROUTING is decided on the first packet and undone on replies; -S and -L print it', () => {
    const lab = tutorialLab('dr')
    lab.run('luyou', 'iptables -t nat -A POSTROUTING -o eth1 -j SNAT --to-source 192.168.0.100')
    expect(lab.run('luyou', 'iptables -t nat -S POSTROUTING').stdout).toBe('-P POSTROUTING ACCEPT\n-A POSTROUTING -o eth1 -j SNAT --to-source 192.168.0.100\n')
    expect(lab.run('luyou', 'iptables -t nat -L POSTROUTING -n').stdout).toBe('Chain POSTROUTING (policy ACCEPT)\ntarget     prot opt source               destination         \nSNAT       0    --  0.0.0.0/0            0.0.0.0/0            to:192.168.0.100\n')
    expect(bodies(lab, '192.168.0.220', 2).every((b) => /^RS[12]/.test(b))).toBe(true)
    expect([...clientsSeen(lab, 'rs1'), ...clientsSeen(lab, 'rs2')]).toContain('192.168.0.100')
  })

  it('DNAT in nat PREROUTING sends a port of the router to a real server, and the reply comes back from the router', () => {
    const lab = tutorialLab('dr')
    lab.run('luyou', 'iptables -t nat -A PREROUTING -d 172.25.254.100 -p tcp --dport 8080 -j DNAT --to-destination 192.168.0.10:80')
    expect(lab.run('client', 'curl -s -m 3 172.25.254.100:8080').stdout).toBe('RS1 - 192.168.0.10\n')
  })

  it('-m state --state prints in the kernel order; a filter on INVALID drops what conntrack does not know', () => {
    const lab = Lab.create('nat')
    lab.run('lvs', 'iptables -A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT')
    lab.run('lvs', 'iptables -A INPUT -m conntrack --ctstate INVALID -j DROP')
    expect(lab.run('lvs', 'iptables -S INPUT').stdout).toBe('-P INPUT ACCEPT\n-A INPUT -m state --state RELATED,ESTABLISHED -j ACCEPT\n-A INPUT -m conntrack --ctstate INVALID -j DROP\n')
    expect(lab.run('lvs', 'iptables -L INPUT -n').stdout).toBe('Chain INPUT (policy ACCEPT)\ntarget     prot opt source               destination         \nACCEPT     0    --  0.0.0.0/0            0.0.0.0/0            state RELATED,ESTABLISHED\nDROP       0    --  0.0.0.0/0            0.0.0.0/0            ctstate INVALID\n')
    expect(lab.run('lvs', 'iptables -t nat -A PREROUTING -j MASQUERADE').exitCode).toBe(4)
  })
})

describe('conntrack states', () => {
  it('an ICMP error is RELATED to the connection it quotes and is de-masqueraded, the quoted packet too', () => {
    const lab = tutorialLab('dr')
    lab.run('luyou', 'firewall-cmd --reload; dnf install -y conntrack-tools > /dev/null')
    const client = lab.host('client')!
    // A UDP datagram to a port nobody listens on: rs1 answers ICMP port unreachable to the router's address.
    client.ip.output(client.ip.packet(0xac19fe6f, 0xc0a8000a, PROTO_UDP, { kind: 'udp', sport: 4000, dport: 9999, data: 'x' }))
    lab.idle(1_000_000)
    expect(lab.run('luyou', 'conntrack -L -p udp').stdout).toBe('udp      17 29 src=172.25.254.111 dst=192.168.0.10 sport=4000 dport=9999 [UNREPLIED] src=192.168.0.10 dst=192.168.0.100 sport=9999 dport=4000 mark=0 use=1\n')
    const rewrites = lab.engine.trace.since(0).filter((r) => r.type === 'rewrite' && r.host === 'luyou' && r.reason.code === 'nat.unmasq')
    const error = rewrites.at(-1)
    expect(error?.type === 'rewrite' && error.after.payload.kind === 'icmp' && error.after.payload.original?.src).toBe(0xac19fe6f)
    expect(client.icmpErrors.at(-1)).toMatchObject({ from: 0xc0a8000a, type: 3, code: 3 })
  })
})
