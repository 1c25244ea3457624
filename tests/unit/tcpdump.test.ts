// tcpdump as a command (the printing itself is held to the real tcpdump by the pcap differential):
// its errors and banners, -D, -c, -w then -r with filters, --count, names from /etc/hosts and
// /etc/services without -n, captures on lo (each packet once), tunl0 (RAW, the decapsulated
// packet) and gre0 (cooked, with libpcap's warning); the savefile reader's errors; the pcap export
// of a trace and `lvs-lab trace --pcap/--pcap-dir`.

import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseArgs, type Io } from '../../src/cli/args.ts'
import { trace } from '../../src/cli/trace.ts'
import { EPOCH_SECONDS } from '../../src/host/clock.ts'
import { fileTextToBytes, LINKTYPE, readPcap, traceToPcap, writePcap } from '../../src/net/pcap.ts'
import { compileFilter, headers } from '../../src/shell/commands/tcpdump/filter.ts'
import { sh, tutorialLab, workingNat } from './helpers.ts'

const BANNER = 'dropped privs to tcpdump\ntcpdump: verbose output suppressed, use -v[v]... for full protocol decode\n'

function natWithTcpdump() {
  const lab = workingNat()
  for (const h of ['lvs', 'client']) sh(lab, h, 'dnf install -y tcpdump > /dev/null')
  return lab
}

describe('tcpdump', () => {
  const lab = natWithTcpdump()

  it('says what is wrong with its arguments, devices and files as tcpdump 4.99 does', () => {
    const cases: [string, string][] = [
      ['tcpdump -c 0', 'tcpdump: invalid packet count 0\n'],
      ['tcpdump -c x', 'tcpdump: invalid packet count x\n'],
      ['tcpdump -i eth9', 'tcpdump: eth9: No such device exists\n(SIOCGIFHWADDR: No such device)\n'],
      ['tcpdump -i 99', 'tcpdump: Invalid adapter index\n'],
      ['tcpdump -i tunl0', 'tcpdump: tunl0: No such device exists\n(SIOCGIFHWADDR: No such device)\n'],
      ['tcpdump -i eth0 tcp port', "tcpdump: can't parse filter expression: syntax error\n"],
      ['tcpdump -i eth0 port x', "tcpdump: unknown port 'x'\n"],
      ['tcpdump -i eth0 host nosuchhost', "tcpdump: can't resolve host `nosuchhost'\n"],
      ['tcpdump -r nope.pcap', 'tcpdump: nope.pcap: No such file or directory\n'],
      ['tcpdump -r /etc/hosts', 'tcpdump: unknown file format\n'],
      ['tcpdump -r /etc', 'tcpdump: error reading dump file: Is a directory\n'],
    ]
    for (const [line, err] of cases) expect(lab.run('lvs', line), line).toMatchObject({ stdout: '', stderr: err, exitCode: 1 })
    const bad = lab.run('lvs', 'tcpdump -k')
    expect(bad.exitCode).toBe(1)
    expect(bad.stderr).toMatch(/^tcpdump: invalid option -- 'k'\ntcpdump version 4\.99\.0\nlibpcap version 1\.10\.0 \(with TPACKET_V3\)\nOpenSSL 3\.0\.7 1 Nov 2022\nUsage: tcpdump \[-AbdDefhHIJKlLnNOpqStuUvxX#\] \[ -B size \] \[ -c count \] \[--count\]\n/)
    lab.run('lvs', 'modprobe ipip')
    expect(lab.run('lvs', 'tcpdump -i tunl0').stderr).toBe('tcpdump: tunl0: That device is not up\n')
    lab.run('lvs', 'modprobe -r ipip')
  })

  it('-D lists the devices as libpcap orders them: up ones, any, loopback, down ones, then pseudo-devices', () => {
    lab.run('lvs', 'modprobe ipip')
    expect(lab.run('lvs', 'tcpdump -D').stdout).toBe(
      '1.eth0 [Up, Running, Connected]\n2.eth1 [Up, Running, Connected]\n3.any (Pseudo-device that captures on all interfaces) [Up, Running]\n4.lo [Up, Running, Loopback]\n5.tunl0 [none]\n' +
        '6.bluetooth-monitor (Bluetooth Linux Monitor) [Wireless]\n7.nflog (Linux netfilter log (NFLOG) interface) [none]\n8.nfqueue (Linux netfilter queue (NFQUEUE) interface) [none]\n9.dbus-system (D-Bus system bus) [none]\n10.dbus-session (D-Bus session bus) [none]\n',
    )
    lab.run('lvs', 'modprobe -r ipip')
    // -i N is the Nth device of that list.
    lab.run('lvs', 'tcpdump -i 3 -c 1 2> err &')
    lab.run('lvs', 'ping -c 1 -W 1 192.168.0.10 > /dev/null; wait')
    expect(lab.run('lvs', 'head -3 err').stdout).toBe(`${BANNER}listening on any, link-type LINUX_SLL2 (Linux cooked v2), snapshot length 262144 bytes\n`)
  })

  it('-c ends the capture by itself; -v and -w move the listening line under a tcpdump: prefix', () => {
    lab.run('lvs', 'tcpdump -c 2 -i eth0 -nn -v port 80 > out 2> err &')
    lab.run('client', 'curl -s 172.25.254.200 > /dev/null')
    const [out, err] = lab.run('lvs', 'cat out; echo ==; cat err').stdout.split('==\n')
    expect(out).toMatch(/^\d\d:\d\d:\d\d\.\d{6} IP \(tos 0x0, ttl 64, id \d+, offset 0, flags \[DF\], proto TCP \(6\), length 60\)\n {4}172\.25\.254\.111\.\d+ > 172\.25\.254\.200\.80: Flags \[S\], cksum 0x[0-9a-f]{4} \(correct\), seq \d+, win 64240, options \[mss 1460,sackOK,TS val \d+ ecr 0,nop,wscale 7\], length 0\n/)
    expect(out.split('\n')).toHaveLength(2 * 2 + 1)
    expect(err).toBe('dropped privs to tcpdump\ntcpdump: listening on eth0, link-type EN10MB (Ethernet), snapshot length 262144 bytes\n2 packets captured\n4 packets received by filter\n0 packets dropped by kernel\n')
  })

  it('-w writes a savefile that -r reads back, filtered, re-written and counted', () => {
    // Let the connections of the tests before close first (httpd's FIN comes after curl exits).
    lab.idle(10_000_000)
    lab.run('client', 'tcpdump -i eth0 -w all.pcap 2> /dev/null &')
    lab.run('client', 'sleep 0.1; curl -s 172.25.254.200 > /dev/null; ping -c 1 172.25.254.200 > /dev/null; sleep 1; kill %1')
    const file = readPcap(fileTextToBytes(lab.host('client')!.fs.read('/root/all.pcap') as string))
    if (typeof file === 'string') throw new Error(file)
    expect(file.linktype).toBe(LINKTYPE.EN10MB)
    expect(file.packets.length).toBe(12)
    const icmp = lab.run('client', 'tcpdump -nn -t -r all.pcap icmp')
    expect(icmp.stderr).toBe('reading from file all.pcap, link-type EN10MB (Ethernet), snapshot length 262144\n')
    expect(icmp.stdout).toMatch(/^IP 172\.25\.254\.111 > 172\.25\.254\.200: ICMP echo request, id \d+, seq 1, length 64\nIP 172\.25\.254\.200 > 172\.25\.254\.111: ICMP echo reply, id \d+, seq 1, length 64\n$/)
    expect(lab.run('client', 'tcpdump -r all.pcap --count').stdout).toBe('12 packets\n')
    lab.run('client', 'tcpdump -r all.pcap -w replies.pcap "src port 80 and (tcp[13] & 2 = 0 or tcp)" 2> /dev/null; tcpdump -r all.pcap -w replies.pcap src port 80 2> /dev/null')
    const quiet = lab.run('client', 'tcpdump -q -t -nn -r replies.pcap')
    expect(quiet.stdout).toMatch(/^IP 172\.25\.254\.200\.80 > 172\.25\.254\.111\.(\d+): tcp 0\nIP 172\.25\.254\.200\.80 > 172\.25\.254\.111\.\1: tcp 0\nIP 172\.25\.254\.200\.80 > 172\.25\.254\.111\.\1: tcp 266\nIP 172\.25\.254\.200\.80 > 172\.25\.254\.111\.\1: tcp 0\n$/)
  })

  it('without -n, names come from /etc/hosts and /etc/services, MACs get their OUI', () => {
    lab.run('client', 'echo "172.25.254.200 vip" >> /etc/hosts')
    expect(lab.run('client', 'tcpdump -t -r all.pcap -c 1 icmp').stdout).toMatch(/^IP 172\.25\.254\.111 > vip: ICMP echo request, id \d+, seq 1, length 64\n$/)
    expect(lab.run('client', 'tcpdump -t -r all.pcap -c 1 tcp').stdout).toMatch(/^IP 172\.25\.254\.111\.\d+ > vip\.http: Flags \[S\]/)
    expect(lab.run('client', 'tcpdump -t -e -r all.pcap -c 1').stdout).toMatch(/^52:54:00:00:00:10 \(oui Unknown\) > 52:54:00:00:00:20 \(oui Unknown\), ethertype IPv4 \(0x0800\), length 74: 172\.25\.254\.111\.\d+ > vip\.http: Flags \[S\]/)
  })

  it('lo shows each packet once, Ethernet-framed with zero MACs', () => {
    lab.run('lvs', 'tcpdump -i lo -w lo.pcap 2> /dev/null &')
    lab.run('lvs', 'sleep 0.1; ping -c 1 127.0.0.1 > /dev/null; kill %1')
    expect(lab.run('lvs', 'tcpdump -nn -e -t -r lo.pcap').stdout).toMatch(
      /^00:00:00:00:00:00 > 00:00:00:00:00:00, ethertype IPv4 \(0x0800\), length 98: 127\.0\.0\.1 > 127\.0\.0\.1: ICMP echo request, id (\d+), seq 1, length 64\n00:00:00:00:00:00 > 00:00:00:00:00:00, ethertype IPv4 \(0x0800\), length 98: 127\.0\.0\.1 > 127\.0\.0\.1: ICMP echo reply, id \1, seq 1, length 64\n$/,
    )
  })

  it('gre0 is captured in cooked mode, with libpcap\'s warning', () => {
    lab.run('lvs', 'modprobe ip_gre; ip link set gre0 up')
    lab.run('lvs', 'tcpdump -i gre0 2> err &')
    lab.run('lvs', 'sleep 0.1; kill %1')
    expect(lab.run('lvs', 'cat err').stdout).toBe(`tcpdump: WARNING: gre0: arptype 778 not supported by libpcap - falling back to cooked socket\n${BANNER}listening on gre0, link-type LINUX_SLL (Linux cooked v1), snapshot length 262144 bytes\n0 packets captured\n0 packets received by filter\n0 packets dropped by kernel\n`)
  })
})

describe('tcpdump -i tunl0 on a TUN real server', () => {
  it('sees the decapsulated requests as raw IP (the replies leave by eth0)', () => {
    const lab = tutorialLab('tun')
    sh(lab, 'rs1', 'dnf install -y tcpdump > /dev/null')
    lab.run('rs1', 'tcpdump -i tunl0 -nn -t -c 2 > out 2> err &')
    lab.run('client', 'curl -s 192.168.0.100; curl -s 192.168.0.100')
    lab.run('rs1', 'wait')
    const out = lab.run('rs1', 'cat out').stdout
    // The SYN/ACK left by eth0, so the first ACK starts tcpdump's relative numbering: absolute.
    expect(out).toMatch(/^IP 192\.168\.0\.111\.(\d+) > 192\.168\.0\.100\.80: Flags \[S\], seq \d+, win 64240, options \[mss 1460,sackOK,TS val \d+ ecr 0,nop,wscale 7\], length 0\nIP 192\.168\.0\.111\.\1 > 192\.168\.0\.100\.80: Flags \[\.\], ack \d{4,}, win 502, options \[nop,nop,TS val \d+ ecr \d+\], length 0\n$/)
    expect(lab.run('rs1', 'cat err').stdout).toBe(`${BANNER}listening on tunl0, link-type RAW (Raw IP), snapshot length 262144 bytes\n2 packets captured\n2 packets received by filter\n0 packets dropped by kernel\n`)
  })
})

describe('savefiles', () => {
  it('reads either byte order and nanosecond files, and names what is wrong with a bad one', () => {
    const le = writePcap(LINKTYPE.RAW, [{ sec: 1718071815, usec: 42, data: Uint8Array.of(0x45, 0, 0, 20) }])
    const parsed = readPcap(le)
    expect(parsed).toEqual({ linktype: LINKTYPE.RAW, snaplen: 262144, packets: [{ sec: 1718071815, usec: 42, data: Uint8Array.of(0x45, 0, 0, 20), origLen: 4 }] })
    const be = new Uint8Array(le.length)
    const lv = new DataView(le.buffer)
    const bv = new DataView(be.buffer)
    bv.setUint32(0, 0xa1b23c4d)
    bv.setUint16(4, 2)
    bv.setUint16(6, 4)
    bv.setUint32(16, 65535)
    bv.setUint32(20, 1)
    bv.setUint32(24, lv.getUint32(24, true))
    bv.setUint32(28, 42_000)
    bv.setUint32(32, 4)
    bv.setUint32(36, 60)
    be.set(le.subarray(40), 40)
    expect(readPcap(be)).toEqual({ linktype: 1, snaplen: 65535, packets: [{ sec: 1718071815, usec: 42, data: Uint8Array.of(0x45, 0, 0, 20), origLen: 60 }] })
    expect(readPcap(new Uint8Array(0))).toBe('truncated dump file; tried to read 4 file header bytes, only got 0')
    expect(readPcap(le.subarray(0, 10))).toBe('truncated dump file; tried to read 24 file header bytes, only got 10')
    expect(readPcap(new TextEncoder().encode('127.0.0.1 localhost localhost.localdomain\n'))).toBe('unknown file format')
    expect(readPcap(le.subarray(0, 30))).toBe('truncated dump file; tried to read 16 header bytes, only got 6')
    expect(readPcap(le.subarray(0, 42))).toBe('truncated dump file; tried to read 4 captured bytes, only got 2')
  })

  it('a filter reads the outermost header: host matches ARP too, and and/or bind alike, left to right', () => {
    const p = (words: string) => {
      const f = compileFilter(words.split(' '), () => null)
      if (typeof f === 'string') throw new Error(f)
      return f
    }
    const arp = { arp: { spa: 0x0a000001, tpa: 0x0a000002 } }
    const tcp = { ip: { src: 0x0a000001, dst: 0x0a000002, proto: 6, sport: 80, dport: 4000 } }
    const ipip = { ip: { src: 0x0a000001, dst: 0x0a000002, proto: 4 } }
    expect([arp, tcp, ipip].map(p('host 10.0.0.2'))).toEqual([true, true, true])
    expect([arp, tcp, ipip].map(p('tcp'))).toEqual([false, true, false])
    expect([arp, tcp, ipip].map(p('ip proto 4'))).toEqual([false, false, true])
    expect([arp, tcp, ipip].map(p('src port 80'))).toEqual([false, true, false])
    expect([arp, tcp, ipip].map(p('arp or tcp and not ip'))).toEqual([true, false, false])
    expect([arp, tcp, ipip].map(p('tcp or arp and not ip'))).toEqual([true, false, false])
    expect([arp, tcp, ipip].map(p('tcp or (arp and not ip)'))).toEqual([true, true, false])
    expect([arp, tcp, ipip].map(p('!arp && (dst net 10.0.0.0/24)'))).toEqual([false, true, true])
    expect(headers(LINKTYPE.RAW, Uint8Array.of(0x45))).toEqual({ bytes: Uint8Array.of(0x45), len: 1 })
    // Relations over the octets: a SYN/ACK's flags byte, a header past the capture is no match.
    const synack = headers(LINKTYPE.RAW, Uint8Array.of(0x45, 0, 0, 40, 0, 0, 0x40, 0, 64, 6, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2, 0, 80, 0x0f, 0xa0, 0, 0, 0, 1, 0, 0, 0, 2, 0x50, 0x12, 1, 0, 0, 0, 0, 0))
    expect(['tcp[tcpflags] & tcp-syn != 0', 'tcp[13] = 0x12 and ip[8] < 65', 'tcp[2:2] = 4000 && len = 40', 'ip[6:2] & 0x4000 != 0', '(tcp[12] >> 4) * 4 = 20'].map((e) => p(e)(synack))).toEqual([true, true, true, true, true])
    expect(['tcp[tcpflags] & tcp-ack = 0', 'udp[0] = 0', 'tcp[100] = 0', 'icmp[icmptype] = icmp-echo'].map((e) => p(e)(synack))).toEqual([false, false, false, false])
    expect(compileFilter(['tcp[13:3]', '=', '1'], () => null)).toBe('data size must be 1, 2, or 4')
    expect(compileFilter(['tcp[13]', '=='], () => null)).toBe("can't parse filter expression: syntax error")
  })

  it('a trace exports as tcpdump -i any would record it, and the CLI writes it and one file per segment', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trace-pcap-'))
    const out: string[] = []
    const err: string[] = []
    const script = '[root@client ~]# ping -c 1 172.25.254.200\n'
    const io: Io = { out: (t) => out.push(t), err: (t) => err.push(t), stdin: () => script, readFile: () => null }
    expect(trace.main(parseArgs(trace, ['--lab', 'nat', '--pcap', join(dir, 'all.pcap'), '--pcap-dir', join(dir, 'seg')]), io)).toBe(0)
    expect(err).toEqual([])
    const wires = out.join('').split('\n').filter((l) => / public | private /.test(l))
    const all = readPcap(readFileSync(join(dir, 'all.pcap')))
    if (typeof all === 'string') throw new Error(all)
    expect(all.linktype).toBe(LINKTYPE.LINUX_SLL2)
    expect(all.packets.length).toBe(wires.length)
    expect(readdirSync(join(dir, 'seg')).sort()).toEqual(['public.pcap'])
    const seg = readPcap(readFileSync(join(dir, 'seg/public.pcap')))
    if (typeof seg === 'string') throw new Error(seg)
    expect(seg.linktype).toBe(LINKTYPE.EN10MB)
    expect(seg.packets.map((p) => p.data.length)).toEqual([42, 42, 98, 98])
    // SLL2: ARP request broadcast (B), the rest sent (Out), with the sender's interface index.
    expect(all.packets.map((p) => [p.data[10], new DataView(p.data.buffer, p.data.byteOffset).getUint32(4)])).toEqual([[1, 2], [4, 2], [4, 2], [4, 2]])
    expect(traceToPcap([], EPOCH_SECONDS)).toEqual(writePcap(LINKTYPE.LINUX_SLL2, []))
    expect(trace.main(parseArgs(trace, ['--lab', 'nat', '--pcap', join(dir, 'no/such/dir.pcap')]), io)).toBe(1)
    expect(err.join('')).toBe(`lvs-lab trace: cannot write '${join(dir, 'no/such/dir.pcap')}': no such file or directory\n`)
  })
})

describe('a savefile in the host file system is octets to every tool', () => {
  it('ls -l, wc -c, md5sum, head -c | xxd, cat > copy and base64 round trips count and keep its bytes', () => {
    const lab = tutorialLab('dr')
    sh(lab, 'rs1', 'dnf install -y tcpdump', 'tcpdump -i eth0 -c 2 -w /tmp/x.pcap >/dev/null 2>&1 &')
    lab.idle(1000)
    lab.run('rs1', 'ping -c 1 192.168.0.100')
    lab.idle(2_000_000)
    const bytes = fileTextToBytes(String(lab.host('rs1')!.fs.read('/tmp/x.pcap')))
    expect(readPcap(bytes)).toMatchObject({ packets: [{}, {}] })
    expect(lab.run('rs1', 'wc -c /tmp/x.pcap').stdout).toBe(`${bytes.length} /tmp/x.pcap\n`)
    expect(lab.run('rs1', 'ls -l /tmp/x.pcap').stdout).toMatch(new RegExp(`^-rw-r--r--\\. 1 root root ${bytes.length} `))
    expect(lab.run('rs1', 'md5sum /tmp/x.pcap').stdout).toBe(`${createHash('md5').update(bytes).digest('hex')}  /tmp/x.pcap\n`)
    expect(lab.run('rs1', 'head -c 24 /tmp/x.pcap | xxd').stdout).toBe('00000000: d4c3 b2a1 0200 0400 0000 0000 0000 0000  ................\n00000010: 0000 0400 0100 0000                      ........\n')
    expect(lab.run('rs1', 'cat /tmp/x.pcap > /tmp/y.pcap; base64 /tmp/y.pcap | base64 -d > /tmp/z.pcap; md5sum < /tmp/z.pcap').stdout).toBe(`${createHash('md5').update(bytes).digest('hex')}  -\n`)
    expect(lab.run('rs1', 'tcpdump -nn -r /tmp/z.pcap 2>/dev/null | wc -l').stdout).toBe('2\n')
  })
})
