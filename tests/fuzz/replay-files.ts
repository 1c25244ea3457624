// The replay property for what a session leaves on disk: random sessions of file-changing
// commands (redirections, tee, cp, rm, mkdir, tcpdump -w, curl -o, head -c writes, heredocs,
// background jobs writing files, dnf install/remove), with Ctrl-C, Ctrl-Z, Ctrl-D and Tab among
// them, on random hosts with random pauses, ending
// in the commands that report disk and memory use (df, df -h, du, ls -l, stat, free). The session
// is typed into the worker's terminals and then restored from the text the page saves, through
// the same load() the page's restore calls: every host's screen must come back byte for byte.

import fc from 'fast-check'
import { LABS } from '../../src/lab/labs/index.ts'
import { createApi } from '../../src/worker/api.ts'
import type { WorkerEvent } from '../../src/worker/protocol.ts'

const FILES = ['/root/a', '/root/b.txt', '/tmp/c', '/var/tmp/d', '/root/dir/e', 'f', 'dir/g']
const DIRS = ['/root/dir', '/tmp/t', 'dir', '/root/dir/sub']
const VIP = '172.25.254.200'

const file = fc.constantFrom(...FILES)
const dir = fc.constantFrom(...DIRS)
const size = fc.constantFrom(0, 1, 100, 4095, 4096, 5000, 70_000)

const WRITES: fc.Arbitrary<string>[] = [
  fc.tuple(fc.constantFrom('hello', 'a b c', ''), file).map(([t, f]) => `echo ${t} > ${f}`),
  fc.tuple(fc.constantFrom('more', 'x'), file).map(([t, f]) => `echo ${t} >> ${f}`),
  fc.tuple(size, file).map(([n, f]) => `seq ${n} > ${f}`),
  fc.tuple(size, file).map(([n, f]) => `seq ${n} | tee ${f} | tail -1`),
  fc.tuple(file, file).map(([f, g]) => `tee -a ${f} ${g} <<< appended`),
  fc.tuple(size, file).map(([n, f]) => `yes | head -c ${n} > ${f}`),
  fc.tuple(file, file).map(([f, g]) => `cp ${f} ${g}`),
  fc.tuple(dir, dir).map(([d, e]) => `cp -r ${d} ${e}`),
  file.map((f) => `rm -f ${f}`),
  dir.map((d) => `rm -rf ${d}`),
  dir.map((d) => `mkdir -p ${d}`),
  fc.tuple(file, fc.constantFrom('one', 'two lines\nhere')).map(([f, t]) => `cat > ${f} <<EOF\n${t}\nEOF`),
  fc.tuple(fc.constantFrom(1, 2), size, file).map(([s, n, f]) => `(sleep ${s}; seq ${n} > ${f}) &`),
  fc.tuple(size, file).map(([n, f]) => `for i in 1 2 3; do seq ${n} >> ${f}; sleep 1; done &`),
  file.map((f) => `tcpdump -i any -c 4 -w ${f} 2>/dev/null &`),
  file.map((f) => `curl -s -o ${f} http://${VIP}/`),
  fc.constant(`curl -s http://${VIP}/`),
  fc.constantFrom('dnf install -y net-tools', 'dnf remove -y net-tools', 'dnf install -y ipvsadm', 'dnf remove -y httpd'),
  fc.constantFrom('sleep 1', 'wait', 'jobs', 'cd /tmp', 'cd', 'mv /root/a /tmp/moved', 'ln -s /root/a /root/link'),
]

const REPORTS: fc.Arbitrary<string>[] = [
  fc.constantFrom('df', 'df -h', 'df -T /root', 'du', 'du -sh /root', 'free', 'free -h', 'ls -l', 'ls -la /root /tmp', 'ls -lR /root'),
  file.map((f) => `stat ${f}`),
  file.map((f) => `ls -l ${f}`),
]

/** Keys among the lines: interrupt, suspend, end of file (a logout), completion, history. */
const KEYS = ['\x03', '\x1a', 'fg\r', 'bg\r', '\x04', '\t\t', 'd\t', '\x1b[A\r', 'kill %1\r', 'exit\r']

export interface FilesCase {
  lab: string
  steps: { host: number; keys: string; pause: number }[]
}

const step = (line: fc.Arbitrary<string>) => fc.record({ host: fc.nat(7), keys: line.map((l) => `${l}\r`), pause: fc.constantFrom(0, 10_000, 500_000, 1_000_000, 2_500_000) })
const key = fc.record({ host: fc.nat(7), keys: fc.constantFrom(...KEYS), pause: fc.constantFrom(0, 10_000, 1_000_000) })

export const filesCase: fc.Arbitrary<FilesCase> = fc.record({
  lab: fc.constantFrom(...Object.keys(LABS)),
  steps: fc
    .tuple(fc.array(fc.oneof({ weight: 4, arbitrary: step(fc.oneof(...WRITES)) }, { weight: 1, arbitrary: key }), { minLength: 1, maxLength: 8 }), fc.array(step(fc.oneof(...REPORTS)), { minLength: 1, maxLength: 4 }))
    .map(([writes, reports]) => [...writes, ...reports]),
})

function screens(events: WorkerEvent[], into: Map<string, string>): void {
  for (const e of events) if (e.type === 'output') into.set(e.host, (into.get(e.host) ?? '') + e.data)
}

/** Types the session, restores it from its saved text: returns the first difference, or null. */
export function checkFilesReplay(c: FilesCase): string | null {
  const api = createApi()
  const shown = new Map<string, string>()
  api.subscribe((events) => screens(events, shown))
  api.load(c.lab)
  const lab = api.current()!
  for (const s of c.steps) {
    api.keys(lab.hosts[s.host % lab.hosts.length].hostname, s.keys)
    lab.engine.advanceTo(lab.engine.now + s.pause)
    api.flush()
  }
  // What the page keeps: the session as text, with the time it had reached.
  const saved = api.sessionText()
  const again = createApi()
  const replayed = new Map<string, string>()
  let skipped = ''
  again.subscribe((events) => {
    screens(events, replayed)
    for (const e of events) if (e.type === 'skipped') skipped = e.command
  })
  again.load(c.lab, saved)
  again.flush()
  if (skipped) return `replay skipped ${JSON.stringify(skipped)}`
  for (const host of new Set([...shown.keys(), ...replayed.keys()])) {
    const live = shown.get(host) ?? ''
    const back = replayed.get(host) ?? ''
    if (live === back) continue
    let i = 0
    while (i < live.length && live[i] === back[i]) i++
    return `replay of ${host} differs at ${i}: live ${JSON.stringify(live.slice(Math.max(0, i - 200), i + 200))} replayed ${JSON.stringify(back.slice(Math.max(0, i - 200), i + 200))}`
  }
  return null
}
