// The inspector's hop view over real lab traces: what changed at the director's hop, with the
// rewrite that changed it, in each forwarding method; MACs named by host and interface.

import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { runScript } from '../../src/lab/script.ts'
import { SECOND } from '../../src/sim/engine.ts'
import { createApi } from '../../src/worker/api.ts'
import { hopView, macNames, rewriteView, type HopView } from '../../src/ui/packets/hop.ts'
import type { TraceRecord } from '../../src/worker/protocol.ts'
import { passedText } from '../../src/ui/packets/passed.ts'
import { CATALOGUE, type MessageKey } from '../../src/ui/i18n/messages.ts'

/** The lab after its solution (and `more`), then one request; the request's SYN as it leaves the director. */
function directorHop(id: string, vip: string, director = 'lvs', more = ''): { view: HopView; records: TraceRecord[]; at: number } {
  const api = createApi()
  const topology = api.load(id)
  const lab = api.current()!
  runScript(lab, readFileSync(`lessons/${id}/solution.script`, 'utf8'))
  if (more) runScript(lab, more)
  lab.idle(10 * SECOND)
  const from = lab.engine.trace.lastId
  lab.run('client', `curl -s http://${vip}/`)
  const records = lab.engine.trace.since(from)
  const at = records.findIndex((r) => r.type === 'wire' && r.fromHost === director && r.frame.payload.kind === 'ipv4' && JSON.stringify(r.frame.payload).includes('"syn":true'))
  expect(at).toBeGreaterThan(0)
  return { view: hopView(records, at, macNames(topology))!, records, at }
}

/** `layer field: was → now (cause)` for every changed field; `+layer (cause)` for an added one. */
function changes(v: HopView): string[] {
  const out: string[] = []
  for (const l of v.layers) {
    if (l.added) out.push(`+${l.id} ${l.title} (${l.added.by === 'rewrite' ? l.added.reason.code : l.added.by})`)
    for (const f of l.fields) if (f.cause) out.push(`${l.id} ${f.name}: ${f.was} → ${f.value} (${f.cause.by === 'rewrite' ? f.cause.reason.code : f.cause.by === 'nexthop' ? `nexthop ${f.cause.owner}` : f.cause.by === 'sent' ? `sent ${f.cause.host}.${f.cause.iface}` : f.cause.by})`)
  }
  return out
}

describe('hop view', () => {
  it('names the netfilter verdicts that let the packet pass: a rule by number, a policy with its mark, firewalld where it arrives', () => {
    const more = [
      '[root@lvs ~]# iptables -t mangle -A PREROUTING -p tcp --dport 80 -j MARK --set-mark 7',
      '[root@lvs ~]# iptables -A INPUT -p icmp -j ACCEPT',
      '[root@lvs ~]# iptables -A INPUT -p tcp --dport 80 -j ACCEPT',
      '[root@RS1 ~]# systemctl start firewalld',
      '[root@RS1 ~]# firewall-cmd --add-service=http',
      '[root@RS2 ~]# systemctl start firewalld',
      '[root@RS2 ~]# firewall-cmd --add-service=http',
    ].join('\n')
    const { view } = directorHop('nat', '172.25.254.200', 'lvs', more)
    const verdicts = view.decisions.filter((d) => d.kind === 'verdict')
    const rs = view.decisions.find((d) => d.kind === 'route')!.owner!.split('.')[0]
    expect(verdicts).toEqual([
      { kind: 'verdict', host: 'lvs', point: 'PRE_ROUTING', hook: 'iptables mangle PREROUTING', passed: { by: 'iptables', table: 'mangle', chain: 'PREROUTING', rule: 0, mark: 7 }, arrived: false, record: expect.any(Number) },
      { kind: 'verdict', host: 'lvs', point: 'LOCAL_IN', hook: 'iptables filter INPUT', passed: { by: 'iptables', table: 'filter', chain: 'INPUT', rule: 2, mark: 7 }, arrived: false, record: expect.any(Number) },
      { kind: 'verdict', host: rs, point: 'LOCAL_IN', hook: 'firewalld filter_INPUT', passed: { by: 'firewalld', chain: 'filter_INPUT', why: 'port' }, arrived: true, record: expect.any(Number) },
    ])
    const tIn = (locale: keyof typeof CATALOGUE) => (key: MessageKey, p: Record<string, string | number> = {}) => CATALOGUE[locale][key].replace(/\{(\w+)\}/g, (_m, k: string) => String(p[k]))
    const [mangle, filter, fw] = verdicts as Extract<HopView['decisions'][number], { kind: 'verdict' }>[]
    expect(passedText(mangle, tIn('en'))).toBe('lvs PRE_ROUTING: iptables mangle PREROUTING: no rule ended the chain, so its policy ACCEPT let it pass (packet mark now 0x7, 7)')
    expect(passedText(filter, tIn('en'))).toBe('lvs LOCAL_IN: iptables filter INPUT rule 2 -j ACCEPT let it pass')
    expect(passedText(filter, tIn('zh-Hant'))).toBe('lvs LOCAL_IN：iptables filter INPUT 第 2 條規則 -j ACCEPT 放行')
    expect(passedText(fw, tIn('zh-Hans'))).toBe(`${rs} LOCAL_IN：firewalld filter_INPUT 放行：public 区域的服务或端口开放了它的端口`)
    // In the order they happened: the director's hooks (mangle INPUT has no rule, so no hook), IPVS,
    // the route out, then the real server's.
    expect(view.decisions.map((d) => d.kind)).toEqual(['verdict', 'verdict', 'sched', 'rewrite', 'route', 'verdict'])
  })

  it('NAT: the destination rewritten by IPVS NAT, the MACs named, the scheduler decision before it', () => {
    const { view } = directorHop('nat', '172.25.254.200')
    const c = changes(view)
    const rs = c.find((x) => x.startsWith('ip0 dst'))!.match(/→ 192\.168\.0\.(\d)0 /)![1]
    expect(c).toEqual([
      `eth dst: 52:54:00:00:00:20 → 52:54:00:00:00:${rs === '1' ? '30' : '40'} (nexthop RS${rs}.eth0)`,
      'eth src: 52:54:00:00:00:10 → 52:54:00:00:00:21 (sent lvs.eth1)',
      'ip0 ttl: 64 → 63 (forwarded)',
      expect.stringMatching(/^ip0 checksum: 0x[0-9a-f]{4} → 0x[0-9a-f]{4} \(checksum\)$/),
      `ip0 dst: 172.25.254.200 → 192.168.0.${rs}0 (ipvs.masq)`,
      expect.stringMatching(/^tcp0 checksum: 0x[0-9a-f]{4} → 0x[0-9a-f]{4} \(checksum\)$/),
    ])
    expect(view.decisions.map((d) => d.kind)).toEqual(['sched', 'rewrite', 'route'])
    expect(view.decisions[2]).toEqual({ kind: 'route', host: 'lvs', iface: 'eth1', nexthop: `192.168.0.${rs}0`, direct: true, mac: `52:54:00:00:00:${rs === '1' ? '30' : '40'}`, owner: `RS${rs}.eth0` })
  })

  it('DR: the IP packet is unchanged but for TTL; the destination MAC becomes the real server\'s, named', () => {
    const { view } = directorHop('dr', '192.168.0.220', 'dr-lvs')
    const c = changes(view)
    expect(c.filter((x) => !x.startsWith('eth') && !/ip0 (ttl|checksum)/.test(x))).toEqual([])
    const dst = c.find((x) => x.startsWith('eth dst'))!
    expect(dst).toMatch(/^eth dst: \S+ → \S+ \(nexthop RS[12]\.eth0\)$/)
    expect(view.decisions.find((d) => d.kind === 'route')).toMatchObject({ host: 'dr-lvs', direct: false })
    expect(view.decisions.find((d) => d.kind === 'rewrite')).toMatchObject({ reason: { code: 'ipvs.droute' } })
  })

  it('TUN: an outer IPv4 header (protocol 4) added around the untouched inner packet', () => {
    const { view } = directorHop('tun', '192.168.0.100', 'lvs-tun')
    expect(view.layers.map((l) => `${l.id}:${l.title}`)).toEqual(['eth:Ethernet II', 'ip1:IPv4 (outer)', 'ip0:IPv4 (inner)', 'tcp0:TCP'])
    expect(view.layers[1].added).toMatchObject({ by: 'rewrite', reason: { code: 'ipvs.tunnel' } })
    expect(view.layers[1].fields.find((f) => f.name === 'proto')!).toMatchObject({ value: '4', note: { say: 'named', name: 'IPIP' } })
    const c = changes(view)
    expect(c.filter((x) => x.startsWith('ip0') || x.startsWith('tcp0'))).toEqual(['ip0 ttl: 64 → 63 (forwarded)', expect.stringMatching(/^ip0 checksum: /)])
  })

  it('FULLNAT: source and destination rewritten, and the TOA option carrying the client', () => {
    const api = createApi()
    const topology = api.load('fullnat')
    const lab = api.current()!
    runScript(lab, readFileSync('lessons/fullnat/solution.script', 'utf8'))
    lab.idle(10 * SECOND)
    const from = lab.engine.trace.lastId
    lab.run('client', 'curl -s http://172.25.254.200/')
    const records = lab.engine.trace.since(from)
    // The first segment after the handshake carries TOA (DPVS adds it to the first data-bearing ACK).
    const at = records.findIndex((r) => r.type === 'wire' && r.fromHost === 'fnat' && r.frame.payload.kind === 'ipv4' && r.frame.payload.payload.kind === 'tcp' && !!r.frame.payload.payload.toa)
    const view = hopView(records, at, macNames(topology))!
    const c = changes(view)
    expect(c.some((x) => /^ip0 src: 172\.25\.254\.111 → \S+ \(ipvs\.fullnat\)$/.test(x))).toBe(true)
    expect(c.some((x) => /^ip0 dst: 172\.25\.254\.200 → \S+ \(ipvs\.fullnat\)$/.test(x))).toBe(true)
    expect(c.some((x) => /^tcp0 sport: \d+ → \d+ \(ipvs\.fullnat\)$/.test(x))).toBe(true)
    const toa = view.layers.find((l) => l.id === 'tcp0')!.fields.find((f) => f.name === 'TOA')!
    expect(toa.value).toMatch(/^172\.25\.254\.111:\d+$/)
  })

  it('a rewrite record alone: after against before, with the rewrite as the cause', () => {
    const { records } = directorHop('nat', '172.25.254.200')
    const rw = records.find((r) => r.type === 'rewrite' && r.reason.code === 'ipvs.masq') as Extract<TraceRecord, { type: 'rewrite' }>
    const v = rewriteView(rw)
    const dst = v.layers[0].fields.find((f) => f.name === 'dst')!
    expect(dst).toMatchObject({ was: '172.25.254.200', cause: { by: 'rewrite', reason: { code: 'ipvs.masq' } } })
  })

  it('names every interface MAC by host and interface', () => {
    const api = createApi()
    const names = macNames(api.load('nat'))
    expect(names.get('52:54:00:00:00:21')).toBe('lvs.eth1')
    expect([...names.values()]).toEqual(['client.eth0', 'lvs.eth0', 'lvs.eth1', 'RS1.eth0', 'RS2.eth0'])
  })
})
