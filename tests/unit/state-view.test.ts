// The worker's view of the world for the picture (src/worker/state-view.ts) and its command marks
// (src/worker/command-log.ts): what each host shows after the tutorial, and which records each
// command line made.

import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { runTranscript } from '../../src/cli/transcript.ts'
import { Lab } from '../../src/lab/lab.ts'
import { createApi } from '../../src/worker/api.ts'
import type { CommandMark, TraceRecord } from '../../src/worker/protocol.ts'
import { stateView } from '../../src/worker/state-view.ts'
import { cardLines } from '../../src/ui/topology/cards.ts'
import { CATALOGUE, type MessageKey } from '../../src/ui/i18n/messages.ts'

const lessons = new URL('../../lessons/', import.meta.url).pathname

function solved(id: string): Lab {
  const lab = Lab.create(id)
  runTranscript(lab, readFileSync(`${lessons}/${id}/tutorial.script`, 'utf8'))
  return lab
}

describe('state view', () => {
  it('NAT: addresses with the VIP marked, routes, sysctls, neighbours, the IPVS table with shares', () => {
    const lab = solved('nat')
    for (const rs of ['rs1', 'rs2']) lab.run(rs, 'systemctl start httpd')
    for (let i = 0; i < 4; i++) lab.run('client', 'curl -s 172.25.254.200')
    const view = stateView(lab)
    expect(view.t).toBe(lab.engine.now)
    const lvs = view.hosts.find((h) => h.name === 'lvs')!
    expect(lvs.ifaces.map((i) => [i.name, i.mac, i.addrs])).toEqual([
      ['lo', '00:00:00:00:00:00', [{ cidr: '127.0.0.1/8', vip: false }]],
      ['eth0', '52:54:00:00:00:20', [{ cidr: '172.25.254.200/24', vip: true }]],
      ['eth1', '52:54:00:00:00:21', [{ cidr: '192.168.0.100/24', vip: false }]],
    ])
    expect(lvs.defaultRoute).toBe(null)
    expect(lvs.sysctls.find((s) => s.key === 'net.ipv4.ip_forward')).toEqual({ key: 'net.ipv4.ip_forward', value: '1' })
    expect(lvs.sysctls.map((s) => s.key)).toEqual([
      'net.ipv4.ip_forward',
      'net.ipv4.conf.all.arp_ignore',
      'net.ipv4.conf.all.arp_announce',
      'net.ipv4.conf.lo.arp_ignore',
      'net.ipv4.conf.lo.arp_announce',
      'net.ipv4.conf.eth0.arp_ignore',
      'net.ipv4.conf.eth0.arp_announce',
      'net.ipv4.conf.eth1.arp_ignore',
      'net.ipv4.conf.eth1.arp_announce',
      'net.ipv4.conf.all.rp_filter',
      'net.ipv4.conf.eth0.rp_filter',
      'net.ipv4.conf.eth1.rp_filter',
    ])
    expect(lvs.neigh).toContainEqual({ ip: '192.168.0.10', dev: 'eth1', mac: '52:54:00:00:00:30', state: 'REACHABLE' })
    expect(lvs.services.length).toBe(1)
    const svc = lvs.services[0]
    expect([svc.svc, svc.scheduler, svc.persistent]).toEqual(['TCP 172.25.254.200:80', 'rr', false])
    expect(svc.dests.map((d) => d.addr)).toEqual(['192.168.0.10:80', '192.168.0.20:80'])
    expect(svc.dests.every((d) => d.fwd === 'Masq' && d.weight === 1)).toBe(true)
    // The tutorial's curls and these four: rr alternates, so the counts differ by at most one.
    const conns = svc.dests.map((d) => d.conns)
    expect(Math.abs(conns[0] - conns[1])).toBeLessThanOrEqual(1)
    expect(svc.dests.map((d) => d.share)).toEqual(conns.map((c) => c / (conns[0] + conns[1])))
    expect(svc.dests.reduce((n, d) => n + d.activeConns + d.inactConns, 0)).toBeGreaterThan(0)
    const rs1 = view.hosts.find((h) => h.name === 'RS1')!
    expect(rs1.defaultRoute).toEqual({ via: '192.168.0.100', dev: 'eth0' })
    expect(rs1.services).toEqual([])
  })

  it('DR: the VIP on a real server’s lo is marked, with its ARP sysctls', () => {
    const view = stateView(solved('dr'))
    const rs1 = view.hosts.find((h) => h.name === 'RS1')!
    expect(rs1.ifaces.find((i) => i.name === 'lo')!.addrs).toEqual([
      { cidr: '127.0.0.1/8', vip: false },
      { cidr: '192.168.0.220/32', vip: true },
    ])
    const value = (k: string) => rs1.sysctls.find((s) => s.key === k)?.value
    expect([value('net.ipv4.conf.all.arp_ignore'), value('net.ipv4.conf.all.arp_announce'), value('net.ipv4.conf.lo.arp_ignore'), value('net.ipv4.conf.lo.arp_announce')]).toEqual(['1', '2', '1', '2'])
    expect(view.hosts.find((h) => h.name === 'luyou')!.sysctls[0]).toEqual({ key: 'net.ipv4.ip_forward', value: '1' })
  })

  it('DR with a firewall-mark service: the VIP its MARK rule matches is marked, and the card names the rule', () => {
    const lab = Lab.create('dr')
    const script = (name: string) => runTranscript(lab, readFileSync(`${lessons}/dr-fwmark/${name}.script`, 'utf8'))
    script('setup')
    script('solution')
    const view = stateView(lab)
    const director = view.hosts.find((h) => h.name === 'dr-lvs')!
    expect(director.ifaces.find((i) => i.name === 'eth0')!.addrs.find((a) => a.cidr.startsWith('192.168.0.220/'))).toEqual({ cidr: '192.168.0.220/24', vip: true })
    expect(director.services.map(({ svc, scheduler, persistent, marks }) => ({ svc, scheduler, persistent, marks }))).toEqual([{ svc: 'FWM 666', scheduler: 'rr', persistent: true, marks: [{ chain: 'PREROUTING', match: '-d 192.168.0.220/32 -p tcp -m multiport --dports 80,443' }] }])
    const t = (key: string, p: Record<string, string | number> = {}) => `${key}${JSON.stringify(p)}`
    const en = (key: string, p: Record<string, string | number> = {}) => (CATALOGUE.en[key as MessageKey] ?? key).replace(/\{(\w+)\}/g, (_m, k: string) => String(p[k]))
    const host = { name: 'dr-lvs', role: 'director' as const, x: 0, y: 0, ifaces: [] }
    const lines = cardLines(host, director, view.hosts, { mac: false, route: false, sysctl: false, arp: false }, null, en)
    const svcAt = lines.findIndex((l) => l.kind === 'svc')
    // The rule wraps at spaces to the card's width.
    expect(lines.slice(svcAt, svcAt + 4)).toEqual([
      { kind: 'svc', text: 'FWM 666 rr -p' },
      { kind: 'detail', text: '← mangle PREROUTING -d 192.168.0.220/32' },
      { kind: 'detail', text: '  -p tcp -m multiport --dports 80,443' },
      { kind: 'dest', text: expect.stringMatching(/^192\.168\.0\.10:0 w1 /), share: expect.any(Number) },
    ])
    // A rule there twice is one entry, ×2.
    const twice = { ...director, services: [{ ...director.services[0], marks: [...director.services[0].marks!, ...director.services[0].marks!] }] }
    expect(cardLines(host, twice, view.hosts, { mac: false, route: false, sysctl: false, arp: false }, null, en).filter((l) => l.kind === 'detail').map((l) => l.text)).toEqual(['← mangle PREROUTING -d 192.168.0.220/32', '  -p tcp -m multiport --dports 80,443 ×2'])
    expect(lines.find((l) => l.kind === 'vip')?.text).toBe('eth0 192.168.0.220/24 VIP')

    // Without its rule the service serves nothing, and the card says so; the address is no VIP then.
    lab.run('dr-lvs', 'iptables -t mangle -F PREROUTING')
    const bare = stateView(lab).hosts.find((h) => h.name === 'dr-lvs')!
    expect(bare.services[0].marks).toEqual([])
    expect(bare.ifaces.find((i) => i.name === 'eth0')!.addrs.find((a) => a.cidr.startsWith('192.168.0.220/'))!.vip).toBe(false)
    expect(cardLines(host, bare, [bare], { mac: false, route: false, sysctl: false, arp: false }, null, t).find((l) => l.kind === 'off')).toEqual({ kind: 'off', text: 'pic.fwmarkNone{}' })
  })
})

describe('command marks', () => {
  it('each command line, typed or run, names the range of records it made', () => {
    const api = createApi()
    const marks = new Map<number, CommandMark>()
    const records: TraceRecord[] = []
    api.subscribe((events) => {
      for (const e of events) {
        if (e.type === 'command') marks.set(e.command.seq, e.command)
        if (e.type === 'trace') records.push(...e.records)
      }
    })
    api.load('nat')
    api.run('lvs', 'ip addr show eth0')
    api.run('client', 'ping -c 1 172.25.254.200')
    api.keys('client', 'ping -c 1 172.25.254.200\r')
    const lab = api.current()!
    lab.engine.advanceTo(lab.engine.now + 2_000_000)
    api.flush()
    const list = [...marks.values()]
    expect(list.map((m) => [m.host, m.line])).toEqual([
      ['lvs', 'ip addr show eth0'],
      ['client', 'ping -c 1 172.25.254.200'],
      ['client', 'ping -c 1 172.25.254.200'],
    ])
    expect(list.every((m) => m.lastId !== null)).toBe(true)
    const [quiet, ran, typed] = list
    expect(quiet.lastId).toBe(quiet.firstId - 1)
    const inside = (m: CommandMark) => records.filter((r) => r.id >= m.firstId && r.id <= m.lastId!)
    for (const m of [ran, typed]) {
      const own = inside(m)
      expect(own.some((r) => r.type === 'wire' && r.fromHost === 'client' && r.frame.payload.kind === 'ipv4' && r.frame.payload.payload.kind === 'icmp' && r.frame.payload.payload.type === 8)).toBe(true)
      expect(own.some((r) => r.type === 'wire' && r.fromHost === 'lvs' && r.frame.payload.kind === 'ipv4' && r.frame.payload.payload.kind === 'icmp' && r.frame.payload.payload.type === 0)).toBe(true)
    }
    expect(typed.firstId).toBe(ran.lastId! + 1)
    expect(typed.t).toBeGreaterThanOrEqual(ran.t)
  })
})
