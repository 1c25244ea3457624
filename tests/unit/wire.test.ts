// The emitter's bytes and the dissector's field spans against Wireshark: every field the inspector names sits at the
// offset and length tshark dissects it at, with the value tshark shows (tests/fixtures/wire/tshark.json,
// recorded by tests/fixtures/record-wire.ts). GUE, which tshark 4.0 cannot dissect, is checked by hand.

import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { dissectFrame, dissectIpv4, type WireLayer } from '../../src/net/dissect.ts'
import { emitFrame, emitIpv4 } from '../../src/net/wire.ts'
import { WIRE_FRAMES } from '../fixtures/wire-frames.ts'

type Entry = [string, number, number, string]
const fixture = JSON.parse(readFileSync(new URL('../fixtures/wire/tshark.json', import.meta.url), 'utf8')) as { frames: { name: string; entries: Entry[] }[] }

/** How a field's value compares: as text, by its leading number, by the number in parentheses, or by position only. */
type How = 'text' | 'lead' | 'paren' | 'at'
const MAP: Record<string, Record<string, [string, How]>> = {
  eth: { dst: ['eth.dst', 'text'], src: ['eth.src', 'text'], type: ['eth.type', 'text'] },
  arp: { htype: ['arp.hw.type', 'text'], ptype: ['arp.proto.type', 'text'], hlen: ['arp.hw.size', 'lead'], plen: ['arp.proto.size', 'lead'], op: ['arp.opcode', 'text'], sha: ['arp.src.hw_mac', 'text'], spa: ['arp.src.proto_ipv4', 'text'], tha: ['arp.dst.hw_mac', 'text'], tpa: ['arp.dst.proto_ipv4', 'text'] },
  ip: { version: ['ip.version', 'lead'], ihl: ['ip.hdr_len', 'text'], tos: ['ip.dsfield', 'lead'], length: ['ip.len', 'lead'], id: ['ip.id', 'lead'], flags: ['ip.flags', 'text'], offset: ['ip.frag_offset', 'lead'], ttl: ['ip.ttl', 'lead'], proto: ['ip.proto', 'text'], checksum: ['ip.checksum', 'lead'], src: ['ip.src', 'text'], dst: ['ip.dst', 'text'] },
  tcp: { sport: ['tcp.srcport', 'lead'], dport: ['tcp.dstport', 'lead'], seq: ['tcp.seq_raw', 'lead'], ack: ['tcp.ack_raw', 'lead'], hlen: ['tcp.hdr_len', 'text'], flags: ['tcp.flags', 'paren'], window: ['tcp.window_size_value', 'lead'], checksum: ['tcp.checksum', 'lead'], urgent: ['tcp.urgent_pointer', 'lead'], mss: ['tcp.options.mss', 'at'], sackOK: ['tcp.options.sack_perm', 'at'], TS: ['tcp.options.timestamp', 'at'], nop: ['tcp.options.nop', 'at'], wscale: ['tcp.options.wscale', 'at'], TOA: ['tcp.options.experimental', 'at'] },
  udp: { sport: ['udp.srcport', 'lead'], dport: ['udp.dstport', 'lead'], length: ['udp.length', 'lead'], checksum: ['udp.checksum', 'lead'] },
  icmp: { type: ['icmp.type', 'text'], code: ['icmp.code', 'lead'], checksum: ['icmp.checksum', 'lead'], id: ['icmp.ident', 'lead'], seq: ['icmp.seq', 'lead'], unused: ['icmp.unused', 'at'] },
  gre: { flags: ['gre.flags.version', 'at'], protocol: ['gre.proto', 'text'] },
}

function number(text: string, how: 'lead' | 'paren'): number {
  const m = how === 'paren' ? /\((0x[0-9a-f]+|\d+)\)/.exec(text) : /^(0x[0-9a-f]+|\d+)/.exec(text)
  return m ? Number(m[1]) : NaN
}

/** The tshark field an emitter field stands for (quoted headers name their TCP fields `tcp sport`). */
function lookup(layer: WireLayer, name: string): [string, How] | undefined {
  const kind = layer.id.replace(/\d+(\..*)?$/, '')
  if (layer.id.endsWith('.quoted')) {
    // tshark shows a quoted segment's sequence number without its raw twin.
    if (name === 'tcp seq') return ['tcp.seq', 'lead']
    const [l4, inner] = name.includes(' ') ? name.split(' ') : ['ip', name]
    return MAP[l4]?.[inner]
  }
  return MAP[kind]?.[name]
}

describe('wire emitter', () => {
  it('has a frame in the fixture for every frame of the sample', () => {
    expect(fixture.frames.map((f) => f.name)).toEqual(WIRE_FRAMES.map((f) => f.name))
  })

  for (const [i, { name, frame }] of WIRE_FRAMES.entries()) {
    it(`${name}: every field where tshark dissects it, with its value`, () => {
      const wire = dissectFrame(frame)
      const entries = fixture.frames[i].entries
      const unmatched: string[] = []
      for (const layer of wire.layers) {
        expect(layer.end).toBeLessThanOrEqual(wire.bytes.length)
        if (layer.id.startsWith('gue') || layer.title === 'Data' || (name === 'gue' && layer.depth > 2)) continue
        for (const f of layer.fields) {
          const map = lookup(layer, f.name)
          if (!map) {
            unmatched.push(`${layer.id} ${f.name}`)
            continue
          }
          const [field, how] = map
          const hit = entries.find((e) => e[0] === field && e[1] === f.start && e[2] === f.end - f.start)
          if (!hit) {
            unmatched.push(`${layer.id} ${f.name} at ${f.start}+${f.end - f.start} (tshark ${field} at ${entries.filter((e) => e[0] === field).map((e) => `${e[1]}+${e[2]}`).join(' ') || 'none'})`)
            continue
          }
          if (how === 'text') expect(f.value, `${layer.id} ${f.name}`).toBe(hit[3])
          else if (how !== 'at') expect(number(f.value, how), `${layer.id} ${f.name}: ${f.value} vs ${hit[3]}`).toBe(number(hit[3], 'lead'))
        }
      }
      expect(unmatched).toEqual([])
    })
  }

  it('wraps GUE as the kernel does: UDP to the tunnel port, a 4-byte header with protocol 4, the inner packet', () => {
    const wire = dissectFrame(WIRE_FRAMES.find((f) => f.name === 'gue')!.frame)
    expect(wire.layers.map((l) => `${l.id}:${l.title}@${l.start}-${l.end}`)).toEqual(['eth:Ethernet II@0-14', 'ip1:IPv4 (outer)@14-106', 'udp1:UDP@34-42', 'gue1:GUE@42-46', 'ip0:IPv4 (inner)@46-106', 'tcp0:TCP@66-106'])
    expect([...wire.bytes.subarray(42, 47)]).toEqual([0, 4, 0, 0, 0x45])
  })

  it('nests IPIP and GRE around the untouched inner packet, which lines up with the hop before', () => {
    const ipip = dissectFrame(WIRE_FRAMES.find((f) => f.name === 'ipip')!.frame)
    expect(ipip.layers.map((l) => `${l.id}:${l.title}:${l.depth}`)).toEqual(['eth:Ethernet II:0', 'ip1:IPv4 (outer):1', 'ip0:IPv4 (inner):2', 'tcp0:TCP:3'])
    const gre = dissectFrame(WIRE_FRAMES.find((f) => f.name === 'gre')!.frame)
    expect(gre.layers.map((l) => `${l.id}:${l.title}:${l.depth}`)).toEqual(['eth:Ethernet II:0', 'ip1:IPv4 (outer):1', 'gre1:GRE:2', 'ip0:IPv4 (inner):3', 'tcp0:TCP:4', 'tcp0.data:Data:5'])
    const plain = dissectFrame(WIRE_FRAMES.find((f) => f.name === 'tcp syn')!.frame)
    expect(plain.layers.map((l) => l.id)).toEqual(['eth', 'ip0', 'tcp0'])
  })

  it('emits an IPv4 packet alone as a tunnel device captures it', () => {
    const frame = WIRE_FRAMES.find((f) => f.name === 'tcp syn')!.frame
    const alone = dissectIpv4(frame.payload as never)
    expect([...alone.bytes]).toEqual([...emitFrame(frame).subarray(14)])
    expect([...emitIpv4(frame.payload as never)]).toEqual([...alone.bytes])
    expect(alone.layers.map((l) => `${l.id}@${l.start}`)).toEqual(['ip0@0', 'tcp0@20'])
  })
})
