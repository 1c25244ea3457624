// The worker's connection view (the page's `ipvsadm -Lnc` table) and file download: the same
// entries, states and countdowns as ipvsadm lists, the client tuple per connection, bytes as stored.

import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Lab } from '../../src/lab/lab.ts'
import { runScript } from '../../src/lab/script.ts'
import { createApi } from '../../src/worker/api.ts'
import { capture, connections, readFile } from '../../src/worker/conn-view.ts'
import { LINKTYPE, readPcap } from '../../src/net/pcap.ts'
import { SECOND } from '../../src/sim/engine.ts'
import { sh, workingNat } from './helpers.ts'

const mmss = (us: number) => {
  const s = Math.floor(us / SECOND)
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`
}

describe('connection view', () => {
  it('lists what ipvsadm -Lnc lists, with the expiry on the virtual clock and the client tuple', () => {
    const lab = workingNat('rr')
    expect(connections(lab)).toEqual([])
    lab.run('client', 'curl -s 172.25.254.200')
    lab.idle(SECOND)
    const seen = () => connections(lab).map((c) => `${c.proto.padEnd(3)} ${mmss(c.expiresIn).padEnd(6)} ${c.state.padEnd(11)} ${c.client.padEnd(18)} ${c.virtual.padEnd(18)} ${c.dest}`)
    const listed = () => lab.run('lvs', 'ipvsadm -Lnc').stdout.split('\n').slice(2, -1)
    expect(seen()).toEqual(listed())
    const [c] = connections(lab)
    expect(c).toEqual({ director: 'lvs', proto: 'TCP', state: 'TIME_WAIT', expires: c.expires, expiresIn: c.expires - lab.engine.now, client: c.client, virtual: '172.25.254.200:80', dest: '192.168.0.20:80', fwd: 'masq', template: false, controls: 0, tuple: { proto: 'TCP', caddr: '172.25.254.111', cport: Number(c.client.split(':')[1]), vaddr: '172.25.254.200', vport: 80 } })
    lab.idle(60 * SECOND)
    expect(Math.floor(connections(lab)[0].expiresIn / SECOND)).toBe(Math.floor(c.expiresIn / SECOND) - 60)
    expect(seen()).toEqual(listed())
    lab.idle(61 * SECOND)
    expect(connections(lab)).toEqual([])
  })

  it('lists a persistence template after its connection, as a template with no tuple', () => {
    const lab = workingNat('rr')
    sh(lab, 'lvs', 'ipvsadm -E -t 172.25.254.200:80 -s rr -p 300')
    lab.run('client', 'curl -s 172.25.254.200')
    const [conn, template] = connections(lab)
    expect(conn.template).toBe(false)
    expect(template).toMatchObject({ proto: 'TCP', state: 'ASSURED', client: '172.25.254.111:0', virtual: '172.25.254.200:80', dest: conn.dest, template: true, controls: 1, tuple: null })
    expect(Math.round(template.expiresIn / SECOND)).toBe(300)
  })

  it('names the FULLNAT local address a connection uses', () => {
    const lab = Lab.create('fullnat', 1)
    runScript(lab, readFileSync('lessons/fullnat/solution.script', 'utf8'))
    const before = connections(lab).length
    lab.run('client', 'curl -s 172.25.254.200')
    const c = connections(lab).slice(before).find((x) => x.client.startsWith('172.25.254.111:'))!
    expect(c).toMatchObject({ director: 'fnat', fwd: 'fullnat', virtual: '172.25.254.200:80' })
    const listed = lab.run('fnat', 'ipvsadm -lnc').stdout
    expect(listed).toContain(`${c.client.padEnd(18)} ${c.virtual.padEnd(18)} ${c.local!.padEnd(18)} ${c.dest}`)
  })
})

describe('file download', () => {
  it('reads text as UTF-8, relative paths from /root, and says why a file cannot be read', () => {
    const lab = workingNat('rr')
    sh(lab, 'lvs', 'ipvsadm-save -n > rules.txt', 'echo 調度器 > /tmp/zh.txt')
    const rules = readFile(lab, 'lvs', 'rules.txt')
    expect(rules).toMatchObject({ path: '/root/rules.txt', name: 'rules.txt' })
    expect(new TextDecoder().decode((rules as { bytes: Uint8Array }).bytes)).toBe(lab.run('lvs', 'ipvsadm-save -n').stdout)
    expect([...(readFile(lab, 'lvs', '/tmp/zh.txt') as { bytes: Uint8Array }).bytes]).toEqual([...new TextEncoder().encode('調度器\n')])
    expect(readFile(lab, 'lvs', '/nope')).toEqual({ path: '/nope', error: 'ENOENT' })
    expect(readFile(lab, 'lvs', '/etc')).toEqual({ path: '/etc', error: 'EISDIR' })
    expect(readFile(lab, 'nobody', '/etc/hosts')).toEqual({ path: '/etc/hosts', error: 'ENOENT' })
  })

  it('gives a pcap (bytes stored one per character) back byte for byte', () => {
    const lab = workingNat('rr')
    const raw = '\xd4\xc3\xb2\xa1\x02\x00\x04\x00' + '\0'.repeat(8) + '\x00\x00\x04\x00\x01\x00\x00\x00'
    lab.host('lvs')!.fs.write('/root/cap.pcap', raw)
    const out = readFile(lab, 'lvs', 'cap.pcap') as { bytes: Uint8Array }
    expect([...out.bytes]).toEqual([...raw].map((c) => c.charCodeAt(0)))
  })

  it('is reachable through the worker API, with a lab or without', () => {
    const api = createApi()
    expect(api.connections()).toEqual([])
    expect(api.readFile('lvs', '/etc/hosts')).toEqual({ path: '/etc/hosts', error: 'ENOENT' })
    expect(api.capture()).toEqual({ path: '', error: 'ENOENT' })
    api.load('nat')
    expect(api.readFile('lvs', '/etc/hostname')).toMatchObject({ path: '/etc/hostname', name: 'hostname' })
    expect(api.capture()).toMatchObject({ name: 'lvs-lab-nat.pcap' })
  })
})

describe('session capture', () => {
  const tcpdump = (bytes: Uint8Array) => {
    const file = join(mkdtempSync(join(tmpdir(), 'lvs-cap-')), 'session.pcap')
    writeFileSync(file, bytes)
    return spawnSync('tcpdump', ['-nn', '-r', file], { encoding: 'utf8' })
  }
  const hasTcpdump = spawnSync('tcpdump', ['--version']).error === undefined

  it('is the -i any form: each frame once, cooked, with the interface that sent it, as the real tcpdump reads it', () => {
    const lab = workingNat('rr')
    lab.engine.trace.clear()
    lab.run('client', 'curl -s 172.25.254.200')
    const wires = lab.engine.trace.since(0).filter((r) => r.type === 'wire')
    const out = capture(lab)
    expect(out).toMatchObject({ path: '', name: 'lvs-lab-nat.pcap' })
    const file = readPcap((out as { bytes: Uint8Array }).bytes)
    if (typeof file === 'string') throw new Error(file)
    expect(file.linktype).toBe(LINKTYPE.LINUX_SLL2)
    expect(file.packets).toHaveLength(wires.length)
    // SLL2 carries the sending interface's index at offset 4 (the director's two interfaces differ).
    const index = (d: Uint8Array) => new DataView(d.buffer, d.byteOffset).getUint32(4)
    expect(file.packets.map((p) => index(p.data))).toEqual(wires.map((w) => (w.type === 'wire' ? lab.host(w.fromHost)!.ip.iface(w.fromIface)!.index : -1)))
    if (!hasTcpdump) return
    const read = tcpdump((out as { bytes: Uint8Array }).bytes)
    expect(read.status).toBe(0)
    // tcpdump names an SLL2 record's interface by its index on the reading machine, and says so
    // for every LINUX_SLL2 file, a real `-i any` capture read elsewhere included.
    expect(read.stderr.replace(/file \S+,/, 'file F,')).toBe('reading from file F, link-type LINUX_SLL2 (Linux cooked v2), snapshot length 262144\nWarning: interface names might be incorrect\n')
    const lines = read.stdout.trimEnd().split('\n')
    expect(lines).toHaveLength(wires.length)
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{6} \S+ +(Out|B) +/)
    expect(lines.filter((l) => / Out IP 172\.25\.254\.111\.\d+ > 172\.25\.254\.200\.80: Flags \[S\]/.test(l))).toHaveLength(1)
  })

  it("gives one segment's frames Ethernet-framed as the second choice, and says when there is no such segment", () => {
    const lab = workingNat('rr')
    lab.engine.trace.clear()
    lab.run('client', 'curl -s 172.25.254.200')
    const wires = lab.engine.trace.since(0).filter((r) => r.type === 'wire')
    const segment = wires[0].type === 'wire' ? wires[0].segment : ''
    const out = capture(lab, segment) as { name: string; bytes: Uint8Array }
    expect(out.name).toBe(`lvs-lab-nat-${segment}.pcap`)
    const file = readPcap(out.bytes)
    if (typeof file === 'string') throw new Error(file)
    expect(file.linktype).toBe(LINKTYPE.EN10MB)
    expect(file.packets).toHaveLength(wires.filter((w) => w.type === 'wire' && w.segment === segment).length)
    expect(capture(lab, 'nowhere')).toEqual({ path: 'nowhere', error: 'ENOENT' })
    if (hasTcpdump) expect(tcpdump(out.bytes).stderr).toContain('link-type EN10MB (Ethernet)')
  })
})
