// The inspector's layer titles and field names in every locale (src/ui/packets/wire-names.ts):
// every header and field the dissector shows in the labs' traffic (NAT, DR, TUN's IPIP, GRE and
// GUE tunnels, FULLNAT's TOA, ARP, ICMP echo; an ICMP error's quoted header by the same keys) has a catalogue key, and 简体/繁體 name it in Chinese.

import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { runScript } from '../../src/lab/script.ts'
import { Lab } from '../../src/lab/lab.ts'
import { dissectFrame, dissectIpv4 } from '../../src/net/dissect.ts'
import { CATALOGUE, type MessageKey } from '../../src/ui/i18n/messages.ts'
import { headerKind, layerTitle, wireFieldName } from '../../src/ui/packets/wire-names.ts'
import type { Wire } from '../../src/net/dissect.ts'

const tIn = (locale: keyof typeof CATALOGUE) => (key: MessageKey, params: Record<string, string | number> = {}) => CATALOGUE[locale][key].replace(/\{(\w+)\}/g, (_m, k: string) => String(params[k]))

/** Every layer and field the dissector showed for a lab's traffic after its solution. */
function seen(id: string, setup: string[], vip: string): Wire[] {
  const lab = Lab.create(id, 1)
  runScript(lab, readFileSync(`lessons/${id}/solution.script`, 'utf8'))
  for (const line of setup) runScript(lab, line)
  const from = lab.engine.trace.lastId
  // Two requests, so rr sends one to each real server (GRE's and GUE's in the tunnel case).
  lab.run('client', `curl -s ${vip}; curl -s ${vip}; ping -c 1 ${vip}`)
  const wires: Wire[] = []
  for (const r of lab.engine.trace.since(from)) {
    if (r.type === 'wire') wires.push(dissectFrame(r.frame))
    if (r.type === 'rewrite') wires.push(dissectIpv4(r.after))
  }
  return wires
}

describe('inspector names', () => {
  const wires = [
    ...seen('nat', [], '172.25.254.200'),
    ...seen('dr', [], '192.168.0.220'),
    ...seen('tun', [], '192.168.0.100'),
    ...seen('fullnat', [], '172.25.254.200'),
    // The same TUN service over GRE and over GUE.
    ...seen('tun', ['[root@lvs-tun ~]# ipvsadm -e -t 192.168.0.100:80 -r 192.168.0.10:80 -i --tun-type gre', '[root@lvs-tun ~]# ipvsadm -e -t 192.168.0.100:80 -r 192.168.0.20:80 -i --tun-type gue --tun-port 6080'], '192.168.0.100'),
  ]
  const layers = wires.flatMap((w) => w.layers)
  const titles = new Set(layers.map((l) => l.title))
  const fields = new Map(layers.flatMap((l) => l.fields.map((f) => [`${headerKind(l.id)}.${f.name}`, { id: l.id, name: f.name }] as const)))

  it('meets every header kind the labs put on the wire', () => {
    expect([...titles].sort()).toEqual(['ARP', 'Data', 'Ethernet II', 'GRE', 'GUE', 'ICMP', 'IPv4', 'IPv4 (inner)', 'IPv4 (outer)', 'TCP', 'UDP'])
    expect([...fields.keys()]).toEqual(expect.arrayContaining(['tcp.TOA', 'arp.sha', 'ip.ttl', 'icmp.seq']))
  })

  it('has a key for every title and field, and words them in Chinese in both Chinese locales', () => {
    for (const title of titles) expect(layerTitle(title, tIn('en')), title).toBe(title)
    for (const { id, name } of fields.values()) {
      const key = `wire.field.${headerKind(id)}.${/^option \d+$/.test(name) ? 'option' : name}`
      expect(Object.hasOwn(CATALOGUE.en, key), key).toBe(true)
      expect(wireFieldName(id, name, tIn('en'))).toBe(name)
      for (const locale of ['zh-Hans', 'zh-Hant'] as const) {
        const shown = wireFieldName(id, name, tIn(locale))
        // Protocol abbreviations stay (TCP, UDP, MAC, IP, TTL, TOS, NOP, MSS, SACK, TOA); the rest is Chinese.
        expect(shown.replace(/TCP|UDP|MAC|IP|TTL|TOS|NOP|MSS|SACK|TOA|\d+/g, ''), `${key} ${locale}`).not.toMatch(/[A-Za-z]/)
      }
    }
    for (const title of titles) for (const locale of ['zh-Hans', 'zh-Hant'] as const) expect(layerTitle(title, tIn(locale)).replace(/IPv4|ARP|TCP|UDP|ICMP|GRE|GUE|II/g, ''), title).not.toMatch(/[A-Za-z]/)
  })

  it('names a field by its header kind, whatever the encapsulation level', () => {
    expect(wireFieldName('ip1', 'dst', tIn('zh-Hant'))).toBe('目的地址')
    expect(wireFieldName('ip0', 'dst', tIn('zh-Hans'))).toBe('目标地址')
    expect(wireFieldName('icmp0.quoted', 'tcp dport', tIn('zh-Hant'))).toBe('TCP 目的連接埠')
    expect(wireFieldName('eth', 'dst', tIn('zh-Hant'))).toBe('目的 MAC')
    expect(wireFieldName('tcp0', 'option 30', tIn('zh-Hans'))).toBe('选项 30')
    expect(layerTitle('IPv4 (outer)', tIn('zh-Hant'))).toBe('IPv4（外層）')
  })
})
