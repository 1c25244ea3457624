// The inspector's layer titles and field names in every locale (src/ui/packets/wire-names.ts):
// every header and field the dissector shows in the labs' traffic (NAT, DR, TUN's IPIP, GRE and
// GUE tunnels, FULLNAT's TOA, ARP, ICMP echo; an ICMP error's quoted header by the same keys) has a catalogue key, and 简体/繁體 name it in Chinese.

import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { runScript } from '../../src/lab/script.ts'
import { Lab } from '../../src/lab/lab.ts'
import { dissectFrame, dissectIpv4 } from '../../src/net/dissect.ts'
import { CATALOGUE, type MessageKey } from '../../src/ui/i18n/messages.ts'
import { headerKind, layerTitle, wireFieldName, wireValue } from '../../src/ui/packets/wire-names.ts'
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

  it('words the explanation of every value in each locale, keeping the wire value as tshark prints it', () => {
    const notes = new Map(layers.flatMap((l) => l.fields.filter((f) => f.note).map((f) => [`${headerKind(l.id)}.${f.name} ${JSON.stringify(f.note)}`, f] as const)))
    expect(new Set([...notes.values()].map((f) => f.note!.say))).toEqual(new Set(['words', 'named', 'arpOp', 'ipFlags', 'version', 'gue', 'icmpType', 'bytes']))
    for (const [what, f] of notes) {
      const en = wireValue(f, tIn('en'))
      expect(en.text, what).toContain(f.value)
      for (const locale of ['zh-Hans', 'zh-Hant'] as const) {
        const { text, payload } = wireValue(f, tIn(locale))
        expect(text, `${what} ${locale}`).toContain(f.value)
        expect(payload, what).toBe(en.payload)
        // What is left once the wire value and the protocols' own keywords are taken out is Chinese.
        expect(text.replace(f.value, '').replace(/\b(?:IPv4|ARP|TCP|UDP|ICMP|IPIP|GRE|Ethernet|DF|MF|C|\d+)\b/g, ''), `${what} ${locale}`).not.toMatch(/[A-Za-z]/)
      }
    }
    const tIp = (note: Parameters<typeof wireValue>[0]['note'], value: string) => [wireValue({ value, note }, tIn('en')).text, wireValue({ value, note }, tIn('zh-Hant')).text]
    expect(tIp({ say: 'words', words: 5 }, '20')).toEqual(['20 bytes (5)', '20 位元組（5 個 32 位元字組）'])
    expect(tIp({ say: 'arpOp', op: 'reply' }, '2')).toEqual(['reply (2)', '回覆（2）'])
    expect(tIp({ say: 'arpOp', op: null }, '9')).toEqual(['unknown (9)', '未知（9）'])
    expect(tIp({ say: 'ipFlags', df: true, mf: false }, '0x02')).toEqual(["0x02 DF (don't fragment)", '0x02 DF（不可分段）'])
    expect(tIp({ say: 'ipFlags', df: false, mf: false }, '0x00')).toEqual(['0x00 (no flag set)', '0x00（未設定旗標）'])
    expect(tIp({ say: 'named', name: 'IPIP' }, '4')).toEqual(['IPIP (4)', 'IPIP（4）'])
    expect(tIp({ say: 'icmpType', type: null }, '42')).toEqual(['42', '42'])
    expect(wireValue({ value: '77', note: { say: 'bytes', line: 'GET / HTTP/1.1' } }, tIn('zh-Hant'))).toEqual({ text: '77 位元組：', payload: 'GET / HTTP/1.1' })
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
