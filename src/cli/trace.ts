// `lvs-lab trace`: the packet trace of a script's run, one line per record as it happens: wire
// frames tcpdump-style, SCHED, REWRITE, DROP, NOTE and INTERNAL lines with their reasons. Every
// record is printed, however long the run (they stream out; the ring the browser reads is bounded).
// `--pcap FILE` also saves every frame put on any segment as `tcpdump -i any` records it, and
// `--pcap-dir DIR` one Ethernet savefile per segment (net/pcap.ts).

import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Passed, TraceRecord } from '../sim/trace.ts'
import { formatFrame } from '../net/format.ts'
import { traceToPcap, traceToSegmentPcaps } from '../net/pcap.ts'
import { EPOCH_SECONDS } from '../host/clock.ts'
import type { Lab } from '../lab/lab.ts'
import type { Io, Verb } from './args.ts'
import { LAB_OPTIONS, LAB_SYNOPSIS, labFromOptions } from './lab-option.ts'
import { EXIT_INTERNAL } from './status.ts'
import { runTranscript } from './transcript.ts'

/** Why a judging hook let a packet pass, in words (the page words it through its catalogue). */
export function passedText(p: Passed): string {
  if (p.by === 'iptables') return `${p.rule ? `rule ${p.rule}` : 'policy'} ACCEPT${p.mark ? ` (mark 0x${p.mark.toString(16)})` : ''}`
  return `${p.chain} accepts: ${FIREWALLD_WHY[p.why]}`
}

const FIREWALLD_WHY: Record<Extract<Passed, { by: 'firewalld' }>['why'], string> = {
  ct: 'ct state established,related',
  lo: 'iifname "lo"',
  rich: 'a rich rule accepts it',
  icmp: 'ICMP is allowed',
  port: 'a service or port of zone public',
  protocol: 'a protocol of zone public',
  forward: 'zone public forwards',
}

export function traceLine(r: TraceRecord): string | null {
  const t = (r.t / 1e6).toFixed(6)
  switch (r.type) {
    case 'wire':
      return `${t} ${r.segment} ${r.fromHost}.${r.fromIface} ${formatFrame(r.frame, true)}`
    case 'sched':
      return `${t} ${r.host} SCHED ${r.decision.svc} -> ${r.decision.chosen ?? 'none'}: ${r.decision.rule.text}`
    case 'deliver':
      return null
    case 'verdict':
      return `${t} ${r.host} PASS ${r.point} ${r.hook}: ${passedText(r.passed)}`
    case 'internal':
      return `${t} ${r.host || '-'} INTERNAL ${r.reason.text}`
    default:
      return `${t} ${r.host} ${r.type.toUpperCase()} ${r.reason.text}`
  }
}

/** Writes the savefiles; false (with the message on stderr) when one cannot be written. */
function savePcaps(lab: Lab, wires: readonly TraceRecord[], file: string | undefined, dir: string | undefined, io: Io): boolean {
  const ifindex = (host: string, iface: string) => lab.host(host)?.ip.iface(iface)?.index ?? 0
  let path = file ?? dir ?? ''
  try {
    if (file !== undefined) writeFileSync(file, traceToPcap(wires, EPOCH_SECONDS, ifindex))
    if (dir !== undefined) {
      path = dir
      mkdirSync(dir, { recursive: true })
      for (const [segment, bytes] of traceToSegmentPcaps(wires, EPOCH_SECONDS)) writeFileSync((path = join(dir, `${segment}.pcap`)), bytes)
    }
    return true
  } catch (e) {
    // Node's "ENOENT: no such file or directory, open '…'" without the code and the call.
    const why = e instanceof Error ? e.message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '') : String(e)
    io.err(`lvs-lab trace: cannot write '${path}': ${why}\n`)
    return false
  }
}

export const trace: Verb = {
  name: 'trace',
  summary: "print the packet trace of a script's run",
  synopsis: `${LAB_SYNOPSIS} [--pcap FILE] [--pcap-dir DIR]`,
  description: `--pcap writes every frame of the run, as \`tcpdump -i any\` records it (LINUX_SLL2, each frame once, as its sender sends it), into a libpcap file; --pcap-dir writes one Ethernet pcap per segment, named after it. Exit status: 0, 1 if a line named a host the lab does not have or a pcap could not be written, ${EXIT_INTERNAL} if the simulator hit an internal error.`,
  options: [
    ...LAB_OPTIONS,
    { name: 'pcap', arg: 'FILE', help: 'also write the whole capture (tcpdump -i any) to FILE' },
    { name: 'pcap-dir', arg: 'DIR', help: 'also write one pcap per segment into DIR' },
  ],
  main(args, io) {
    const loaded = labFromOptions(args, io, true)
    if (!loaded) return 1
    const { lab, script } = loaded
    const pcap = args.values.get('pcap')
    const pcapDir = args.values.get('pcap-dir')
    const wires: TraceRecord[] = []
    const record = (r: TraceRecord) => {
      if ((pcap !== undefined || pcapDir !== undefined) && r.type === 'wire') wires.push(r)
      const line = traceLine(r)
      if (line) io.out(line + '\n')
    }
    // The records of booting the lab were made before the tap: print them first.
    for (const r of lab.engine.trace.since(0)) record(r)
    lab.engine.trace.tap = record
    const { failures } = runTranscript(lab, script)
    const saved = pcap !== undefined || pcapDir !== undefined ? savePcaps(lab, wires, pcap, pcapDir, io) : true
    return lab.engine.faults ? EXIT_INTERNAL : failures || !saved ? 1 : 0
  },
}
