// Share links: a session goes into the fragment and comes back exactly (same keys, times, sizes,
// lesson and answers), and opening it in a fresh worker rebuilds the same world: the same
// `ipvsadm -Ln` and the same next scheduler pick. Anything else in the fragment is refused with its
// reason before the engine sees it: junk, a newer version, a huge link, a small link that inflates
// into a huge one, a shape that is not a session.

import { deflateRawSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { decodeLink, encodeLink, MAX_JSON_BYTES, MAX_LINK_CHARS } from '../../src/ui/session/link.ts'
import { createApi } from '../../src/worker/api.ts'
import type { SavedSession } from '../../src/worker/protocol.ts'

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url')
const linkOf = (json: unknown, version = 1) => `#share=${version}.${b64url(deflateRawSync(Buffer.from(JSON.stringify(json))))}`

/** The NAT lab built as the tutorial does, typed into the terminals (unit/helpers.ts workingNat). */
const SETUP: [string, string][] = [
  ...['rs1', 'rs2'].flatMap((rs): [string, string][] =>
    ['systemctl disable --now firewalld', 'dnf install -y httpd', `echo ${rs.toUpperCase()} > /var/www/html/index.html`, 'systemctl enable --now httpd', 'nmcli connection modify eth0 ipv4.gateway 192.168.0.100', 'nmcli connection up eth0'].map((l): [string, string] => [rs, l]),
  ),
  ...['systemctl disable --now firewalld', 'sysctl -w net.ipv4.ip_forward=1', 'dnf install -y ipvsadm', 'ipvsadm -A -t 172.25.254.200:80 -s rr', 'ipvsadm -a -t 172.25.254.200:80 -r 192.168.0.10:80 -m', 'ipvsadm -a -t 172.25.254.200:80 -r 192.168.0.20:80 -m'].map((l): [string, string] => ['lvs', l]),
  ['client', 'curl -s 172.25.254.200'],
]

describe('share links', () => {
  it('carry a session exactly', async () => {
    const session: SavedSession = {
      version: 1,
      lab: 'dr',
      seed: 7,
      keys: [
        { t: 1_000_000, host: 'dr-lvs', data: 'echo 你好 <script>alert(1)</script>\r' },
        { t: 1_000_000, host: 'client', data: '\x1b[A' },
        { t: 5_250_000, host: 'dr-lvs', data: 'x' },
      ],
      sizes: [{ at: 0, host: 'dr-lvs', cols: 120, rows: 30 }],
      now: 9_000_000,
      lesson: 'dr',
      predictions: [{ check: 'c', at: 2, t: 5_000_000, answers: { 'ip.dst': 'rs1' } }],
    }
    const link = await encodeLink(session)
    expect(link).toMatch(/^#share=1\.[A-Za-z0-9_-]+$/)
    expect(await decodeLink(link)).toEqual({ session })
  })

  it('rebuild the same world in a fresh worker: the same ipvsadm -Ln and the same next pick', async () => {
    const api = createApi()
    api.load('nat', null)
    let t = 1_000_000
    for (const [host, line] of SETUP) {
      api.current()!.engine.advanceTo(t)
      api.keys(host, `${line}\r`)
      t += 5_000_000
    }
    api.current()!.engine.advanceTo(t + 3_000_000)
    const link = await encodeLink(api.session()!)
    const decoded = await decodeLink(link)
    if (!('session' in decoded)) throw new Error(decoded.detail)
    const copy = createApi()
    copy.load('nat', decoded.session)
    expect(copy.current()!.engine.now).toBe(api.current()!.engine.now)
    expect(copy.run('lvs', 'ipvsadm -Ln').stdout).toBe(api.run('lvs', 'ipvsadm -Ln').stdout)
    const next = (a: typeof api) => a.run('client', 'curl -s 172.25.254.200').stdout
    const picks = [next(api), next(api)]
    expect(picks[0]).not.toBe(picks[1])
    expect([next(copy), next(copy)]).toEqual(picks)
  })

  it.each([
    ['not a share link at all', '#lab=nat', 'damaged', 'not a share link'],
    ['no version', '#share=abc', 'damaged', 'no version'],
    ['a version of letters', '#share=x.AAAA', 'damaged', 'no version'],
    ['a newer version', '#share=2.AAAA', 'newer', 'version 2'],
    ['version 0', '#share=0.AAAA', 'damaged', 'unknown version 0'],
    ['junk base64', '#share=1.$$$!', 'damaged', 'not base64url'],
    ['base64 of no deflate data', `#share=1.${b64url(new TextEncoder().encode('hello, world'))}`, 'damaged', 'not deflate data'],
    ['deflate of no JSON', `#share=1.${b64url(deflateRawSync(Buffer.from('{"lab":')))}`, 'damaged', 'not JSON'],
  ])('refuse %s', async (_name, hash, reason, detail) => {
    expect(await decodeLink(hash)).toEqual({ reason, detail })
  })

  it('refuse a link too long to read, and a small link that inflates past the limit', async () => {
    expect(await decodeLink(`#share=1.${'A'.repeat(MAX_LINK_CHARS)}`)).toEqual({ reason: 'large', detail: `${MAX_LINK_CHARS + 9} characters` })
    const bomb = `#share=1.${b64url(deflateRawSync(Buffer.alloc(MAX_JSON_BYTES + 1, 32)))}`
    expect(bomb.length).toBeLessThan(20_000)
    expect(await decodeLink(bomb)).toEqual({ reason: 'large', detail: `more than ${MAX_JSON_BYTES} bytes inflated` })
  })

  it('refuse a shape that is not a session, naming the field', async () => {
    const good = { lab: 'nat', seed: 1, hosts: ['lvs'], keys: [[0, 0, 'ls\r']] }
    expect('session' in (await decodeLink(linkOf(good)))).toBe(true)
    expect(await decodeLink(linkOf({ ...good, keys: [[-5, 0, 'ls\r']] }))).toMatchObject({ reason: 'damaged', detail: expect.stringMatching(/^keys\.0\.0: /) })
    expect(await decodeLink(linkOf({ ...good, keys: [[0, 3, 'ls\r']] }))).toEqual({ reason: 'damaged', detail: 'a host index out of range' })
    expect(await decodeLink(linkOf({ ...good, seed: 'x' }))).toMatchObject({ reason: 'damaged', detail: expect.stringMatching(/^seed: /) })
    expect(await decodeLink(linkOf({ ...good, extra: '<img onerror=alert(1)>' }))).toMatchObject({ reason: 'damaged', detail: expect.stringMatching(/^extra: /) })
    const proto = `#share=1.${b64url(deflateRawSync(Buffer.from('{"lab":"nat","seed":1,"hosts":[],"keys":[],"predictions":[{"check":"c","at":0,"t":0,"answers":{"__proto__":1}}]}')))}`
    // A key that would reach an object's prototype is dropped, not assigned.
    const opened = await decodeLink(proto)
    if (!('session' in opened)) throw new Error(opened.detail)
    const answers = opened.session.predictions![0].answers
    expect(Object.hasOwn(answers, '__proto__')).toBe(false)
    expect(Object.getPrototypeOf(answers)).toBe(Object.prototype)
  })
})
