// The pcap differential: the lab's own `tcpdump -r` of every lab's capture (pcap-cases.ts) prints
// what Debian's real tcpdump 4.99.3 printed for the same file (the recorded fixtures), for every
// flag set, and the live `tcpdump -nn` of the capture printed the same lines; tshark read every
// file with no warning. A sample lab's captures are made again and must be the fixtures' bytes,
// and when the real binaries are on this machine they print the fresh file as recorded. The full
// run (every lab captured again, the real tools on each) is `npm run test:pcap`.

import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Lab } from '../../src/lab/lab.ts'
import { bytesToFileText } from '../../src/net/pcap.ts'
import { captureLab, FLAG_SETS, maskInterfaceNames, NAMES_HOSTS, numeric, PLANS } from '../fixtures/pcap-cases.ts'
import { FIXTURES, readFixture, realTcpdump, realTshark } from '../fixtures/record-pcap.ts'

const FULL = process.env.PCAP_FULL === '1'
const REAL = existsSync('/usr/bin/tcpdump') && existsSync('/usr/bin/tshark')
/** The flag sets without -n need a mount namespace (unshare as root) for the real tcpdump. */
const ROOT = process.getuid?.() === 0 && existsSync('/usr/bin/unshare')
const SAMPLE = ['-nn', '-nn -v', '-nn -e', '-nn -c 16 -X', ...(ROOT ? ['-e'] : [])]

const stored = PLANS.flatMap((plan) =>
  readdirSync(join(FIXTURES, plan.name ?? plan.lesson))
    .filter((f) => f.endsWith('.pcap'))
    .map((f) => `${plan.name ?? plan.lesson}/${f.slice(0, -5)}`),
)


/** The lab's tcpdump reading a savefile put into a host's file system. */
function labRead(lab: Lab, bytes: Uint8Array, flags: string): { stdout: string; stderr: string } {
  lab.host('client')!.fs.write('/root/cap.pcap', bytesToFileText(bytes))
  const r = lab.run('client', `tcpdump ${flags.split(' ').filter(Boolean).map((w) => `'${w}'`).join(' ')} -r cap.pcap`)
  return { stdout: r.stdout, stderr: r.stderr }
}

describe('the lab tcpdump prints every stored capture as tcpdump 4.99.3 does', () => {
  const lab = Lab.create('nat', { trace: false })
  lab.run('client', 'dnf install -y tcpdump > /dev/null')
  lab.host('client')!.fs.write('/etc/hosts', NAMES_HOSTS)
  it.each(stored)('%s', (name) => {
    const bytes = readFileSync(join(FIXTURES, `${name}.pcap`))
    const fx = readFixture(name)
    const sll2 = bytes.readUInt32LE(20) === 276
    const mask = (s: string) => (sll2 ? maskInterfaceNames(s) : s)
    for (const flags of FLAG_SETS) expect.soft(mask(labRead(lab, bytes, flags).stdout), flags).toBe(mask(fx.outputs[flags]))
    expect(labRead(lab, bytes, FLAG_SETS[0]).stderr).toBe(fx.stderr.replace('FILE', 'cap.pcap'))
    expect(fx.tshark).toEqual({ status: 0, warnings: '' })
  })
})

describe('captures made again are the stored ones, and the live lines are what -r prints', () => {
  const plans = FULL ? PLANS : PLANS.filter((p) => p.lesson === 'tun' && !p.name)
  for (const plan of plans) {
    it(plan.name ?? plan.lesson, () => {
      const dir = mkdtempSync(join(tmpdir(), 'pcap-'))
      for (const c of captureLab(plan)) {
        const fx = readFixture(c.name)
        expect(Buffer.from(c.pcap).equals(readFileSync(join(FIXTURES, `${c.name}.pcap`))), `${c.name}: bytes as stored`).toBe(true)
        const sll2 = Buffer.from(c.pcap).readUInt32LE(20) === 276
        expect(sll2 ? maskInterfaceNames(c.live) : c.live, `${c.name}: live`).toBe(sll2 ? maskInterfaceNames(fx.outputs['-nn']) : fx.outputs['-nn'])
        if (!REAL) continue
        const file = join(dir, `${c.name.replace('/', '-')}.pcap`)
        writeFileSync(file, c.pcap)
        for (const flags of FULL ? FLAG_SETS.filter((f) => ROOT || numeric(f)) : SAMPLE) expect(realTcpdump(file, flags).stdout, `${c.name} ${flags}: real`).toBe(fx.outputs[flags])
        expect(realTshark(file), `${c.name}: tshark`).toEqual({ status: 0, warnings: '' })
      }
    }, 60_000)
  }
})
