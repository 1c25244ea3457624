// `lvs-lab trace`: the packet trace of a script's run, one line per record as it happens: wire
// frames tcpdump-style, SCHED, REWRITE, DROP, NOTE and INTERNAL lines with their reasons. Every
// record is printed, however long the run (they stream out; the ring the browser reads is bounded).

import type { TraceRecord } from '../sim/trace.ts'
import { formatFrame } from '../net/format.ts'
import type { Verb } from './args.ts'
import { LAB_OPTIONS, LAB_SYNOPSIS, labFromOptions } from './lab-option.ts'
import { EXIT_INTERNAL } from './status.ts'
import { runTranscript } from './transcript.ts'

export function traceLine(r: TraceRecord): string | null {
  const t = (r.t / 1e6).toFixed(6)
  switch (r.type) {
    case 'wire':
      return `${t} ${r.segment} ${r.fromHost}.${r.fromIface} ${formatFrame(r.frame, true)}`
    case 'sched':
      return `${t} ${r.host} SCHED ${r.decision.svc} -> ${r.decision.chosen ?? 'none'}: ${r.decision.rule.text}`
    case 'deliver':
      return null
    case 'internal':
      return `${t} ${r.host || '-'} INTERNAL ${r.reason.text}`
    default:
      return `${t} ${r.host} ${r.type.toUpperCase()} ${r.reason.text}`
  }
}

export const trace: Verb = {
  name: 'trace',
  summary: "print the packet trace of a script's run",
  synopsis: LAB_SYNOPSIS,
  description: `Exit status: 0, 1 if a line named a host the lab does not have, ${EXIT_INTERNAL} if the simulator hit an internal error.`,
  options: LAB_OPTIONS,
  main(args, io) {
    const loaded = labFromOptions(args, io, true)
    if (!loaded) return 1
    const { lab, script } = loaded
    // The records of booting the lab were made before the tap: print them first.
    for (const r of lab.engine.trace.since(0)) {
      const line = traceLine(r)
      if (line) io.out(line + '\n')
    }
    lab.engine.trace.tap = (r) => {
      const line = traceLine(r)
      if (line) io.out(line + '\n')
    }
    const { failures } = runTranscript(lab, script)
    return lab.engine.faults ? EXIT_INTERNAL : failures ? 1 : 0
  },
}
